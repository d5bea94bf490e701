"""REST routes of the accounts app, included at /api/v1/ on the firm's site: people and invitations."""

from rest_framework.routers import SimpleRouter

from accounts import api

router = SimpleRouter()
router.register("people", api.PeopleViewSet, basename="api-person")
router.register("invitations", api.InvitationViewSet, basename="api-invitation")

urlpatterns = router.urls
