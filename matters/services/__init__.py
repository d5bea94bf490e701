"""Every write of the matters app. Each function is atomic and writes the matter's timeline event in the same
transaction; invalid input raises django ValidationError (by field, in Chinese) and leaves nothing behind.
Views, the API, the demo seed, the placement import and tests all call these functions, as
``services.<name>``; the modules hold them by sub-domain:

- ``parties``: clients (contacts, portal users) and debtors;
- ``mandates``: mandates, their fee terms and the risk-fee cap;
- ``matters``: opening, editing, moving and closing a matter; timeline events of other apps;
- ``records``: the records of the stages (see matters/records.py);
- ``payments``: payments and their reversal;
- ``work``: the work log and evidence files;
- ``figures``: the stored figures that lists show;
- ``batch``: opening many matters at once;
- ``arbitration``: the firm's arbitration-fee schedules.
"""

from matters.services.arbitration import arbitration_fee_scale_delete, arbitration_fee_scale_save
from matters.services.batch import NewMatter, matters_batch_start, matters_create_batch
from matters.services.figures import (
    FIGURES_CHUNK,
    figures_refresh,
    figures_refresh_all,
    figures_refresh_stale,
)
from matters.services.mandates import (
    DEFAULT_FIXED_RATE,
    DEFAULT_SUCCESS_RATE,
    FEE_TERMS,
    MANDATE_FIELDS,
    check_mandate_active,
    fee_terms_refusal,
    mandate_create,
    mandate_update,
    risk_fee_problems,
)
from matters.services.matters import (
    GUARANTEE_FIELDS,
    MATTER_FIELDS,
    REFERENCE_PREFIX,
    default_interest_terms,
    guarantee_update,
    matter_create,
    matter_transition,
    matter_update,
    principal_refusal,
    timeline_document_added,
    write_off_refusal,
)
from matters.services.parties import (
    CLIENT_FIELDS,
    DEBTOR_FIELDS,
    client_create,
    client_member_add,
    client_update,
    debtor_create,
    debtor_update,
)
from matters.services.payments import payment_record, payment_reverse
from matters.services.records import (
    asset_lead_create,
    bankruptcy_claim_create,
    confirmed_debt,
    credit_investigation_create,
    demand_letter_create,
    enforcement_create,
    frozen_asset_create,
    hearing_create,
    lawsuit_create,
    negotiation_create,
    payment_order_create,
    preservation_create,
    repayment_agreement_create,
    stage_record_create,
    stage_record_delete,
    stage_record_update,
    write_off_create,
)
from matters.services.work import WORKLOG_FIELDS, evidence_upload, worklog_create, worklog_update

__all__ = [
    "arbitration_fee_scale_delete",
    "arbitration_fee_scale_save",
    "CLIENT_FIELDS",
    "DEBTOR_FIELDS",
    "DEFAULT_FIXED_RATE",
    "DEFAULT_SUCCESS_RATE",
    "FEE_TERMS",
    "FIGURES_CHUNK",
    "MANDATE_FIELDS",
    "GUARANTEE_FIELDS",
    "MATTER_FIELDS",
    "REFERENCE_PREFIX",
    "WORKLOG_FIELDS",
    "NewMatter",
    "asset_lead_create",
    "check_mandate_active",
    "client_create",
    "client_member_add",
    "client_update",
    "debtor_create",
    "debtor_update",
    "default_interest_terms",
    "demand_letter_create",
    "enforcement_create",
    "evidence_upload",
    "fee_terms_refusal",
    "figures_refresh",
    "figures_refresh_all",
    "figures_refresh_stale",
    "frozen_asset_create",
    "hearing_create",
    "lawsuit_create",
    "mandate_create",
    "mandate_update",
    "guarantee_update",
    "matter_create",
    "matter_transition",
    "matter_update",
    "matters_batch_start",
    "matters_create_batch",
    "negotiation_create",
    "payment_order_create",
    "payment_record",
    "payment_reverse",
    "preservation_create",
    "principal_refusal",
    "repayment_agreement_create",
    "confirmed_debt",
    "risk_fee_problems",
    "stage_record_create",
    "stage_record_delete",
    "stage_record_update",
    "timeline_document_added",
    "worklog_create",
    "worklog_update",
    "write_off_refusal",
    "write_off_create",
    "bankruptcy_claim_create",
    "credit_investigation_create",
]
