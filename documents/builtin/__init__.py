"""The built-in templates, built by code as docxtpl source documents (no binary .docx is committed).

Each kind has a builder function and a version number: bump :data:`BUILTIN_VERSIONS` when a builder's output
changes, so that every generated document records which text it came from (``builtin:<kind>@<n>``).
"""

from __future__ import annotations

from functools import cache

from documents.builtin import agreements, arbitration, bankruptcy, court, letters

BUILDERS = {
    "demand_letter": letters.demand_letter,
    "complaint": court.complaint,
    "preservation_application": court.preservation_application,
    "enforcement_application": court.enforcement_application,
    "payment_order_application": court.payment_order_application,
    "arbitration_application": arbitration.arbitration_application,
    "power_of_attorney": agreements.power_of_attorney,
    "repayment_agreement": agreements.repayment_agreement,
    "engagement_contract": agreements.engagement_contract,
    "bankruptcy_claim": bankruptcy.bankruptcy_claim,
    "risk_agency_contract": agreements.risk_agency_contract,
}
# 2: the filings as the legal-exactness review left them (guarantees by kind, the judgment's figures and dates,
# the interest basis in words, the letters register's 〔年〕 numbers, the agreement as at its signing).
BUILTIN_VERSIONS = {kind: 1 for kind in BUILDERS} | {
    kind: 2 for kind in ("demand_letter", "complaint", "preservation_application", "enforcement_application",
                         "power_of_attorney", "repayment_agreement", "engagement_contract")}


def builtin_label(kind: str) -> str:
    return f"builtin:{kind}@{BUILTIN_VERSIONS[kind]}"


@cache
def builtin_template(kind: str) -> bytes:
    """The .docx source of a built-in template (built once per process)."""
    return BUILDERS[kind]().bytes()
