"""REST routes of the workspace, included at /api/v1/ on the firm's site: board, dashboard, ledger (+ xlsx),
ageing (+ xlsx), notifications (+ read, read-all)."""

from django.urls import path
from rest_framework.routers import SimpleRouter

from workspace import api

router = SimpleRouter()
router.register("notifications", api.NotificationViewSet, basename="api-notification")

urlpatterns = [
    path("board/", api.BoardView.as_view(), name="api_board"),
    path("dashboard/", api.DashboardView.as_view(), name="api_dashboard"),
    path("ledger/", api.LedgerView.as_view(), name="api_ledger"),
    path("ledger/xlsx/", api.LedgerXlsxView.as_view(), name="api_ledger_xlsx"),
    path("ageing/", api.AgeingView.as_view(), name="api_ageing"),
    path("ageing/xlsx/", api.AgeingXlsxView.as_view(), name="api_ageing_xlsx"),
    *router.urls,
]
