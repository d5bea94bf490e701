"""API routes of the calculators, at /api/v1/calculators/ on the platform site and on every firm's site."""

from django.urls import path

from calculators import api

app_name = "calculators_api"

urlpatterns = [
    path("court-fees/", api.CourtFeesView.as_view(), name="court_fees"),
    path("risk-fee-cap/", api.RiskFeeCapView.as_view(), name="risk_fee_cap"),
    path("interest/", api.InterestView.as_view(), name="interest"),
    path("deadline/", api.DeadlineView.as_view(), name="deadline"),
    path("identifier/", api.IdentifierView.as_view(), name="identifier"),
    path("rmb-uppercase/", api.RmbUppercaseView.as_view(), name="rmb_uppercase"),
]
