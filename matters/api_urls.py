"""REST routes of the matters app, included at /api/v1/ on the firm's site.

Top-level resources: clients, debtors, mandates, matters (+ transition, timeline, balance, deadlines),
payments, worklog, evidence (+ download), deadlines. Stage records are collections nested under their
matter: /api/v1/matters/{matter_pk}/asset-leads/, letters, negotiations, repayment-agreements, preservations,
freezes, lawsuits, hearings, enforcements, write-offs.
"""

from rest_framework.routers import SimpleRouter

from matters import api, api_records

router = SimpleRouter()
router.register("clients", api.ClientViewSet, basename="api-client")
router.register("debtors", api.DebtorViewSet, basename="api-debtor")
router.register("mandates", api.MandateViewSet, basename="api-mandate")
router.register("matters", api.MatterViewSet, basename="api-matter")
router.register("payments", api.PaymentViewSet, basename="api-payment")
router.register("worklog", api.WorkLogViewSet, basename="api-worklog")
router.register("evidence", api.EvidenceViewSet, basename="api-evidence")
router.register("deadlines", api.DeadlineViewSet, basename="api-deadline")
for prefix, viewset in api_records.RECORD_ROUTES:
    router.register(rf"matters/(?P<matter_pk>[^/.]+)/{prefix}", viewset, basename=f"api-matter-{prefix}")

urlpatterns = router.urls
