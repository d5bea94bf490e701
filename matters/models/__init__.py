"""Clients, debtors, mandates, matters and everything recorded in a matter, one module per sub-domain.

Invariants that the database can hold are constraints here; the rest is checked by the services
(``matters/services/``), which are the only writers. Money is Decimal(14, 2) in yuan; rates of fees are
fractions (0.05 is 5%), rates of interest are percent per year (6 is 6%), as in the rules library.

Every model and public name is importable from ``matters.models`` itself: the code imports them from here, and
the migrations name ``matters.models.evidence_upload_to``.
"""

from matters.models.amounts import MONEY, ZERO
from matters.models.arbitration import ArbitrationFeeScale, ArbitrationFeeTier
from matters.models.data_version import DataVersion
from matters.models.mandates import (
    MANDATE_CAUSE_CHOICES,
    MANDATE_SCOPES,
    SPECIAL_POWERS,
    Authority,
    FeeType,
    Mandate,
)
from matters.models.matters import (
    Cause,
    Forum,
    Guarantee,
    GuaranteeKind,
    InterestType,
    Matter,
    ReferenceCounter,
    TimelineEvent,
    TimelineKind,
)
from matters.models.other_roads import BankruptcyClaim, CreditInvestigation, PaymentOrder
from matters.models.parties import Client, ClientContact, ClientMembership, Debtor
from matters.models.payments import CountedPaymentManager, PayerKind, Payment, PaymentMethod, PaymentReversal
from matters.models.stage_records import (
    AssetLead,
    DemandLetter,
    Enforcement,
    FrozenAsset,
    Hearing,
    Instalment,
    Lawsuit,
    Negotiation,
    Preservation,
    RepaymentAgreement,
    WriteOff,
)
from matters.models.work import EvidenceCategory, EvidenceFile, WorkLogEntry, evidence_upload_to

__all__ = [
    "MANDATE_CAUSE_CHOICES", "MANDATE_SCOPES", "MONEY", "SPECIAL_POWERS", "ZERO",
    "ArbitrationFeeScale", "ArbitrationFeeTier", "AssetLead", "Authority", "BankruptcyClaim", "Cause", "Client",
    "ClientContact", "ClientMembership", "CountedPaymentManager", "CreditInvestigation",
    "DataVersion", "Debtor", "DemandLetter", "Enforcement", "EvidenceCategory", "EvidenceFile", "FeeType",
    "Forum", "FrozenAsset", "Guarantee", "GuaranteeKind", "Hearing", "Instalment", "InterestType", "Lawsuit",
    "Mandate", "Matter", "Negotiation", "PayerKind", "Payment", "PaymentOrder", "PaymentMethod", "PaymentReversal",
    "Preservation", "ReferenceCounter",
    "RepaymentAgreement", "TimelineEvent", "TimelineKind", "WorkLogEntry", "WriteOff", "evidence_upload_to",
]
