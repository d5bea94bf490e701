"""Every write of the placements app: uploading a file (which stores its preview) and confirming it (which
creates the matters of its valid rows, all in one transaction).

Confirming uses a bulk path instead of calling ``matters.services.matter_create`` once per row (measured in
``bench/placements.py``). It keeps matter_create's invariants:

- the year's ``ReferenceCounter`` row is locked once (SELECT … FOR UPDATE) for the whole batch and advanced
  by the number of matters created, so references stay unique and gapless (a rollback gives them all back),
  and concurrent creations wait for the batch;
- every created matter gets its "立案" timeline event, with the same summary as a matter created by hand;
- the mandate must be active; identifiers, amounts, dates, causes and the risk-fee arrangement are checked
  row by row exactly as the services check them (``placements.rows``);
- new debtors are created once per identifier; an identifier already registered reuses that debtor.

Idempotency: a created row keeps its fingerprint, unique among created rows in the database, so re-importing
the same file creates nothing; its rows preview as "已导入".
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable
from datetime import date
from decimal import Decimal

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.models import User
from matters.models import (
    Cause,
    Debtor,
    FeeType,
    Mandate,
    Matter,
    ReferenceCounter,
    TimelineEvent,
    TimelineKind,
)
from matters.services import REFERENCE_PREFIX, figures_refresh
from matters.stages import Outcome, Stage
from placements.access import can_import
from placements.models import PlacementImport, PlacementRow
from placements.reading import MAX_BYTES, FileProblem, read_table
from placements.rows import clean_row, fingerprint
from rules.errors import RuleInputError
from rules.risk_fees import check_risk_arrangement

BATCH = 1000


class ImportFileError(ValidationError):
    """The uploaded file cannot be imported at all (message in the reader's language, ``problem`` a code)."""

    def __init__(self, problem: FileProblem):
        super().__init__({"file": [problem.message]})
        self.problem = problem.code
        self.text = problem.message


def _require(allowed: bool) -> None:
    if not allowed:
        raise PermissionDenied(_("您的角色无权执行此操作。"))


def _check_mandate(mandate: Mandate) -> None:
    if mandate.status != Mandate.Status.ACTIVE:
        raise ValidationError({"mandate": [_("该委托已%(status)s，不能再新增案件。")
                                           % {"status": mandate.get_status_display()}]})


def _read_upload(file) -> bytes:
    size = getattr(file, "size", None)
    if size is not None and size > MAX_BYTES:
        raise ImportFileError(FileProblem("too_large", _("文件超过 10 MB，请拆分后分批导入。")))
    if hasattr(file, "seek"):
        file.seek(0)
    data = file.read(MAX_BYTES + 1)
    if len(data) > MAX_BYTES:
        raise ImportFileError(FileProblem("too_large", _("文件超过 10 MB，请拆分后分批导入。")))
    return data


def _problem(field: str, code: str, **params) -> dict:
    return {"field": field, "code": code, "params": params}


def _risk_problem(mandate: Mandate, cleaned: dict) -> dict | None:
    if mandate.fee_type != FeeType.RISK:
        return None
    try:
        problems = check_risk_arrangement(upfront_rate=mandate.upfront_rate, success_rate=mandate.success_rate,
                                          placed_amount=Decimal(cleaned["principal"]), cause=cleaned["cause"])
    except RuleInputError as error:
        problems = [error.message]
    return _problem("principal", "risk_fee", text="".join(problems)) if problems else None


def _same_name(first: str, second: str) -> bool:
    return "".join(first.split()) == "".join(second.split())


def _check_in_file(mandate: Mandate, rows: list[PlacementRow]) -> None:
    """Problems that the file shows by itself: a row repeated, one identifier with two names or types, and the
    mandate's risk-fee terms (which depend on each row's amount and cause)."""
    first_of_fingerprint: dict[str, int] = {}
    first_of_id: dict[str, PlacementRow] = {}
    for row in rows:
        if row.problems:
            continue
        cleaned = row.cleaned
        row.fingerprint = fingerprint(mandate.pk, cleaned)
        if row.fingerprint in first_of_fingerprint:
            row.problems.append(_problem("contract_number", "duplicate_in_file",
                                         line=first_of_fingerprint[row.fingerprint]))
        else:
            first_of_fingerprint[row.fingerprint] = row.line
        earlier = first_of_id.setdefault(cleaned["id_number"], row)
        if earlier is not row:
            if not _same_name(earlier.cleaned["debtor_name"], cleaned["debtor_name"]):
                row.problems.append(_problem("debtor_name", "name_conflict_in_file", line=earlier.line,
                                             name=earlier.cleaned["debtor_name"]))
            if earlier.cleaned["debtor_kind"] != cleaned["debtor_kind"]:
                row.problems.append(_problem("debtor_kind", "kind_conflict_in_file", line=earlier.line))
        risk = _risk_problem(mandate, cleaned)
        if risk:
            row.problems.append(risk)


def _check_against_firm(mandate: Mandate, rows: Iterable[PlacementRow]) -> dict[str, Debtor]:
    """Problems that need the firm's data, looked up in three queries for all rows: already imported (status
    IMPORTED), a debtor registered with the other type, a duplicate of an open matter of the same client
    (same debtor, principal and due date). Returns the registered debtors by identifier."""
    rows = [row for row in rows if not row.problems]
    ids = {row.cleaned["id_number"] for row in rows}
    fingerprints = {row.fingerprint for row in rows}
    debtors = {debtor.id_number: debtor for debtor in
               Debtor.objects.filter(id_number__in=ids).only("id", "id_number", "name", "kind")}
    ledger = dict(PlacementRow.objects.filter(fingerprint__in=fingerprints, matter__isnull=False)
                  .values_list("fingerprint", "matter__reference"))
    open_matters = {
        (id_number, principal, due_date): reference
        for id_number, principal, due_date, reference in
        Matter.objects.filter(mandate__client_id=mandate.client_id, outcome=Outcome.OPEN,
                              debtor__id_number__in=ids)
        .values_list("debtor__id_number", "principal", "due_date", "reference")
    }
    for row in rows:
        cleaned = row.cleaned
        if row.fingerprint in ledger:
            row.status = PlacementRow.Status.IMPORTED
            row.notices = [_problem("", "already_imported", reference=ledger[row.fingerprint])]
            continue
        debtor = debtors.get(cleaned["id_number"])
        row.notices = []
        if debtor is not None:
            if debtor.kind != cleaned["debtor_kind"]:
                row.problems.append(_problem("debtor_kind", "kind_conflict", value=debtor.id_number,
                                             kind=debtor.kind, name=debtor.name))
            elif not _same_name(debtor.name, cleaned["debtor_name"]):
                row.notices.append(_problem("debtor_name", "debtor_exists", name=debtor.name))
        key = (cleaned["id_number"], Decimal(cleaned["principal"]), date.fromisoformat(cleaned["due_date"]))
        if key in open_matters:
            row.problems.append(_problem("principal", "duplicate_open_matter", reference=open_matters[key]))
    return debtors


def _count(placement_import: PlacementImport, rows: list[PlacementRow]) -> None:
    statuses = [row.status for row in rows]
    placement_import.total_rows = len(statuses)
    placement_import.valid_rows = statuses.count(PlacementRow.Status.VALID)
    placement_import.error_rows = statuses.count(PlacementRow.Status.ERROR)
    placement_import.imported_rows = statuses.count(PlacementRow.Status.IMPORTED)
    placement_import.created_rows = statuses.count(PlacementRow.Status.CREATED)


def _settle_status(rows: Iterable[PlacementRow]) -> None:
    for row in rows:
        if row.problems:
            row.status = PlacementRow.Status.ERROR
        elif row.status not in (PlacementRow.Status.IMPORTED, PlacementRow.Status.CREATED):
            row.status = PlacementRow.Status.VALID


def preview_rows(*, mandate: Mandate, table_rows: list[tuple[int, dict]]) -> list[PlacementRow]:
    """The checked rows of a file for ``mandate`` (unsaved)."""
    default_cause = mandate.cause if mandate.cause in Cause.values else Cause.SALE
    rows = []
    for line, values in table_rows:
        shown, cleaned, problems = clean_row(values, default_cause=default_cause)
        rows.append(PlacementRow(line=line, values=shown, cleaned=cleaned, problems=problems, notices=[],
                                 status=PlacementRow.Status.VALID))
    _check_in_file(mandate, rows)
    _check_against_firm(mandate, rows)
    _settle_status(rows)
    return rows


@transaction.atomic
def import_upload(*, actor: User, mandate: Mandate, file, name: str = "") -> PlacementImport:
    """Reads ``file`` (.xlsx or CSV, judged by content), checks every row and stores the preview. Nothing is
    created in the matters app until :func:`import_confirm`. A file that cannot be imported raises
    ImportFileError and stores nothing."""
    _require(can_import(actor))
    _check_mandate(mandate)
    data = _read_upload(file)
    try:
        table = read_table(data)
    except FileProblem as problem:
        raise ImportFileError(problem) from None
    rows = preview_rows(mandate=mandate, table_rows=table.rows)
    original_name = (name or getattr(file, "name", "") or "").replace("\\", "/").rsplit("/", 1)[-1][:255]
    placement_import = PlacementImport(mandate=mandate, original_name=original_name or f"import.{table.kind}",
                                       file_kind=table.kind, file_sha256=hashlib.sha256(data).hexdigest(),
                                       file_size=len(data), uploaded_by=actor)
    _count(placement_import, rows)
    placement_import.save()
    for row in rows:
        row.placement_import = placement_import
    PlacementRow.objects.bulk_create(rows, batch_size=BATCH)
    return placement_import


def _reserve_references(year: int, count: int) -> list[str]:
    """``count`` consecutive references of ``year``; the counter row stays locked until the transaction ends
    (as in matters.services._next_reference, so the two paths share one gapless sequence)."""
    ReferenceCounter.objects.bulk_create([ReferenceCounter(year=year, last_number=0)], ignore_conflicts=True)
    counter = ReferenceCounter.objects.select_for_update().get(year=year)
    first = counter.last_number + 1
    if count:
        counter.last_number += count
        counter.save(update_fields=["last_number"])
    return [f"{REFERENCE_PREFIX}-{year}-{number:06d}" for number in range(first, first + count)]


def _description(cleaned: dict) -> str:
    parts = []
    if cleaned.get("contract_number"):
        parts.append(_("合同编号：%(number)s") % {"number": cleaned["contract_number"]})
    if cleaned.get("notes"):
        parts.append(cleaned["notes"])
    return "\n".join(parts)


def _confirm(actor: User, placement_import: PlacementImport) -> PlacementImport:
    placement_import = PlacementImport.objects.select_for_update().select_related("mandate").get(
        pk=placement_import.pk)
    if placement_import.status == PlacementImport.Status.CONFIRMED:
        return placement_import
    mandate = placement_import.mandate
    _check_mandate(mandate)
    opened_on = timezone.localdate()
    # Lock the year's counter first: concurrent confirmations (and hand-made matters) queue here, so the checks
    # below see everything committed before this batch.
    _reserve_references(opened_on.year, 0)

    rows = list(placement_import.rows.all())
    pending = [row for row in rows if row.status == PlacementRow.Status.VALID]
    for row in pending:  # the mandate's fee terms may have changed since the preview
        risk = _risk_problem(mandate, row.cleaned)
        if risk:
            row.problems.append(risk)
    debtors = _check_against_firm(mandate, pending)
    _settle_status(pending)
    to_create = [row for row in pending if row.status == PlacementRow.Status.VALID]

    new_debtors: dict[str, Debtor] = {}
    for row in to_create:
        cleaned = row.cleaned
        if cleaned["id_number"] in debtors or cleaned["id_number"] in new_debtors:
            continue
        new_debtors[cleaned["id_number"]] = Debtor(
            kind=cleaned["debtor_kind"], name=cleaned["debtor_name"], id_number=cleaned["id_number"],
            addresses=[cleaned["address"]] if cleaned["address"] else [], phones=list(cleaned["phones"]))
    Debtor.objects.bulk_create(new_debtors.values(), batch_size=BATCH)
    debtors.update(new_debtors)

    references = _reserve_references(opened_on.year, len(to_create))
    matters = [
        Matter(reference=reference, mandate=mandate, debtor=debtors[row.cleaned["id_number"]],
               cause=row.cleaned["cause"], description=_description(row.cleaned),
               principal=Decimal(row.cleaned["principal"]), due_date=date.fromisoformat(row.cleaned["due_date"]),
               opened_on=opened_on, stage=Stage.DUE_DILIGENCE, created_by=actor)
        for reference, row in zip(references, to_create, strict=True)
    ]
    Matter.objects.bulk_create(matters, batch_size=BATCH)
    figures_refresh([matter.pk for matter in matters])
    now = timezone.now()
    TimelineEvent.objects.bulk_create([
        TimelineEvent(matter=matter, kind=TimelineKind.MATTER_CREATED, actor=actor, actor_name=actor.name,
                      created_at=now, on_date=opened_on, to_stage=matter.stage,
                      summary=(_("立案：%(ref)s，债务人 %(debtor)s，本金 %(principal)s 元")
                               % {"ref": matter.reference, "debtor": matter.debtor.name,
                                  "principal": f"{matter.principal:,}"})[:300],
                      detail={"placement_import": placement_import.pk, "line": row.line})
        for matter, row in zip(matters, to_create, strict=True)
    ], batch_size=BATCH)
    for matter, row in zip(matters, to_create, strict=True):
        row.matter = matter
        row.status = PlacementRow.Status.CREATED
    PlacementRow.objects.bulk_update(pending, ["status", "matter", "problems", "notices"], batch_size=BATCH)

    _count(placement_import, rows)
    placement_import.status = PlacementImport.Status.CONFIRMED
    placement_import.confirmed_by = actor
    placement_import.confirmed_at = now
    placement_import.save()
    return placement_import


def import_confirm(*, actor: User, placement_import: PlacementImport) -> PlacementImport:
    """Creates a matter (and, where needed, its debtor) for every valid row, in one transaction: all or none.
    Rows are checked again against the firm's data first; a row that became a duplicate meanwhile is skipped
    (already imported) or marked with its problem. Confirming a confirmed import changes nothing."""
    _require(can_import(actor))
    try:
        with transaction.atomic():
            return _confirm(actor, placement_import)
    except IntegrityError:
        raise ValidationError({"__all__": [_("导入期间数据发生了变化（例如同一债务人或同一笔债权刚由他人登记），"
                                             "未创建任何案件。请重新上传预览。")]}) from None
