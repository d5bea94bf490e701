"""Browser routes of the calculators (platform site and firm sites alike)."""

urlpatterns: list = []
