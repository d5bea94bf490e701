"""URL routes; filled in by the feature."""

urlpatterns: list = []
