"""API routes of the documents feature."""

urlpatterns: list = []
