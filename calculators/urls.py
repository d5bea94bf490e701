"""Browser routes of the calculators, at /calculators/ on the platform site and on every firm's site."""

from django.urls import path

from calculators import views

app_name = "calculators"

urlpatterns = [
    path("", views.index, name="index"),
    path("tools/<slug:slug>/", views.tool_result, name="tool"),
    path("interest/payment-row/", views.payment_row, name="payment_row"),
    path("estimate/", views.estimate, name="estimate"),
]
