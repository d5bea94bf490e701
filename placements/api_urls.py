"""REST routes of bulk placement imports, included at /api/v1/: imports (+ confirm)."""

from rest_framework.routers import SimpleRouter

from placements import api

router = SimpleRouter()
router.register("imports", api.ImportViewSet, basename="api-import")

urlpatterns = router.urls
