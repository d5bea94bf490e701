"""Opening many matters at once (the placement import), with the invariants of ``matter_create`` and the
checks it shares with it, in a constant number of queries however many matters there are:

- the same checks: who may open matters, an active mandate, each principal read as an amount, and the
  mandate's risk-fee cap for each claim;
- references from one lock of the year's counter for the whole batch (the counter of ``matter_create``, so
  the two paths share one gapless sequence; a rollback gives them all back);
- a debtor not registered yet is created once, however many of the batch's matters name it;
- the interest terms a matter opened by hand gets when none are given (``default_interest_terms``: a sale
  runs at the LPR of the breach plus 30%), checked as ``matter_create`` checks them;
- each matter's 立案 timeline event, with the summary of a matter opened by hand;
- the figures of all of them stored before the transaction ends.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

from django.db import transaction
from django.utils import timezone

from accounts.models import User
from matters.models import Debtor, Mandate, Matter, TimelineEvent
from matters.services._common import _money
from matters.services.figures import figures_refresh
from matters.services.mandates import _check_matter_risk
from matters.services.matters import (
    _check_interest,
    _check_opening,
    _opened_event,
    _references,
    default_interest_terms,
)
from matters.stages import Stage

BATCH_SIZE = 1000  # rows per INSERT


@dataclass(frozen=True)
class NewMatter:
    """One matter of a batch. ``debtor`` is a registered debtor, or an unsaved one that the batch creates (once
    for all the matters that share the instance); its identifier has been checked as ``debtor_create`` checks
    it."""

    debtor: Debtor
    principal: Decimal
    due_date: date
    cause: str
    description: str = ""
    detail: dict = field(default_factory=dict)  # kept on its 立案 event (e.g. the import and line it came from)


def matters_batch_start(*, actor: User, mandate: Mandate, opened_on: date) -> None:
    """Checks that ``actor`` may open matters under ``mandate`` and holds the counter of ``opened_on``'s year
    until the transaction ends. A caller that looks for duplicates in the firm's data before
    :func:`matters_create_batch` calls this first: concurrent creations, by hand or in bulk, then commit before
    it looks, and wait for it afterwards."""
    _check_opening(actor, mandate, Stage.DUE_DILIGENCE)
    _references(opened_on.year, 0)


@transaction.atomic
def matters_create_batch(*, actor: User, mandate: Mandate, new_matters: Sequence[NewMatter],
                         opened_on: date | None = None) -> list[Matter]:
    """Opens a matter for each of ``new_matters`` (in due diligence, opened on ``opened_on``, today by
    default), all or none; returns them in the same order."""
    opened_on = opened_on or timezone.localdate()
    stage = Stage.DUE_DILIGENCE
    _check_opening(actor, mandate, stage)
    principals = [_money(new.principal, "principal", positive=True) for new in new_matters]
    for new, principal in zip(new_matters, principals, strict=True):
        _check_matter_risk(mandate, new.cause, principal)

    new_debtors = {id(new.debtor): new.debtor for new in new_matters if new.debtor.pk is None}
    Debtor.objects.bulk_create(new_debtors.values(), batch_size=BATCH_SIZE)
    references = _references(opened_on.year, len(new_matters))
    matters = [
        Matter(reference=reference, mandate=mandate, debtor=new.debtor, cause=new.cause,
               description=new.description, principal=principal, due_date=new.due_date, opened_on=opened_on,
               stage=stage, created_by=actor)
        for reference, new, principal in zip(references, new_matters, principals, strict=True)
    ]
    for matter in matters:
        for name, value in default_interest_terms(cause=matter.cause, due_date=matter.due_date).items():
            setattr(matter, name, value)
        _check_interest(matter)
    Matter.objects.bulk_create(matters, batch_size=BATCH_SIZE)
    figures_refresh([matter.pk for matter in matters])
    events = [_opened_event(matter, actor, new.detail) for matter, new in zip(matters, new_matters, strict=True)]
    now = timezone.now()  # one moment for the batch, as it is one decision
    for event in events:
        event.created_at = now
    TimelineEvent.objects.bulk_create(events, batch_size=BATCH_SIZE)
    return matters
