"""The work done on a matter: the log of contacts with the debtor (催收记录), and the evidence files."""

from __future__ import annotations

import uuid
from datetime import date

from django.core.files.base import File
from django.db import transaction
from django.utils.translation import gettext as _

from accounts import access as roles
from accounts.models import User
from core.storage import save_with_file
from matters.files import check_evidence_file, uploaded_file_name
from matters.models import EvidenceFile, Matter, TimelineKind, WorkLogEntry
from matters.services._common import _clean, _event, _invalid, _locked_with_changes, _money, _require
from matters.services.figures import _refresh_figures

WORKLOG_FIELDS = ("kind", "occurred_on", "contact_person", "summary", "outcome", "promised_amount", "promised_on",
                  "interrupts_limitation", "interruption_basis")


def _check_worklog(entry: WorkLogEntry) -> None:
    entry.promised_amount = _money(entry.promised_amount, "promised_amount", positive=True, allow_none=True)
    if entry.promised_amount is not None and entry.promised_on is None:
        raise _invalid("promised_on", _("有承诺还款金额时请填写承诺还款日期。"))
    if entry.promised_on and entry.occurred_on and entry.promised_on < entry.occurred_on:
        raise _invalid("promised_on", _("承诺还款日期不能早于记录日期。"))
    if entry.interrupts_limitation and not entry.interruption_basis:
        raise _invalid("interruption_basis", _("标记为中断诉讼时效时，请选择中断事由（催收送达或债务人书面确认）。"))
    if not entry.interrupts_limitation:
        entry.interruption_basis = ""
    _clean(entry)


@transaction.atomic
def worklog_create(*, actor: User, matter: Matter, kind: str, occurred_on: date, summary: str,
                   contact_person: str = "", outcome: str = "", promised_amount=None, promised_on: date | None = None,
                   interrupts_limitation: bool = False, interruption_basis: str = "") -> WorkLogEntry:
    _require(roles.can_work_matters(actor))
    entry = WorkLogEntry(matter=matter, kind=kind, occurred_on=occurred_on, summary=summary,
                         contact_person=contact_person, outcome=outcome, promised_amount=promised_amount,
                         promised_on=promised_on, interrupts_limitation=interrupts_limitation,
                         interruption_basis=interruption_basis, author=actor)
    _check_worklog(entry)
    entry.save()
    summary_text = _("%(kind)s：%(summary)s") % {"kind": entry.get_kind_display(), "summary": summary[:200]}
    if interrupts_limitation:
        summary_text += _("（中断诉讼时效）")
    _event(matter=matter, kind=TimelineKind.WORKLOG, actor=actor, on_date=occurred_on, record=entry,
           summary=summary_text)
    _refresh_figures(matter)
    return entry


@transaction.atomic
def worklog_update(*, actor: User, entry: WorkLogEntry, **fields) -> WorkLogEntry:
    _require(roles.can_work_matters(actor))
    entry = _locked_with_changes(entry, fields, WORKLOG_FIELDS)
    _check_worklog(entry)
    entry.save()
    _event(matter=entry.matter, kind=TimelineKind.RECORD_CHANGED, actor=actor, on_date=entry.occurred_on,
           record=entry, summary=_("修改催收记录：%(date)s") % {"date": entry.occurred_on})
    _refresh_figures(entry.matter)
    return entry


@transaction.atomic
def evidence_upload(*, actor: User, matter: Matter, file, category: str = "other", title: str = "",
                    source: str = "", purpose: str = "") -> EvidenceFile:
    """Stores an evidence file after checking its content (not its name); see matters/files.py."""
    _require(roles.can_work_matters(actor))
    checked = check_evidence_file(file)
    original_name = uploaded_file_name(file, fallback=f"evidence.{checked.kind.extension}")
    evidence = EvidenceFile(matter=matter, category=category, title=title or original_name,
                            source=(source or "").strip(), purpose=(purpose or "").strip(),
                            original_name=original_name, content_type=checked.kind.content_type, size=checked.size,
                            sha256=checked.sha256, uploaded_by=actor)
    _clean(evidence, exclude=["file"])

    def add_event() -> None:
        _event(matter=matter, kind=TimelineKind.EVIDENCE, actor=actor, record=evidence,
               summary=_("上传证据：%(title)s（%(category)s）") % {"title": evidence.title,
                                                              "category": evidence.get_category_display()})

    file.seek(0)
    save_with_file(evidence, "file", f"{uuid.uuid4().hex}.{checked.kind.extension}", File(file), then=add_event)
    return evidence
