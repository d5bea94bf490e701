"""Every write of the placements app: uploading a file (which stores its preview) and confirming it (which
opens the matters of its valid rows, all in one transaction).

Confirming opens them through ``matters.services.matters_create_batch`` rather than ``matter_create`` once per
row (measured in ``bench/placements.py``); the batch keeps matter_create's invariants (one lock of the year's
reference counter, the 立案 timeline events, the active mandate, the risk-fee cap). This module keeps what is
the import's own:

- identifiers, amounts, dates and causes are checked row by row exactly as the services check them
  (``placements.rows``), and so are the mandate's risk-fee terms, at the preview and again at confirmation;
- a row repeated in the file, one identifier with two names or types, an identifier registered with the
  other type and a duplicate of an open matter are row problems;
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
from matters import services as matter_services
from matters.models import Cause, Debtor, Mandate, Matter
from matters.stages import Outcome
from placements.access import can_import
from placements.models import PlacementImport, PlacementRow
from placements.reading import MAX_BYTES, FileProblem, read_table
from placements.rows import clean_row, fingerprint
from rules.errors import RuleInputError

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
    try:
        problems = matter_services.risk_fee_problems(mandate, cause=cleaned["cause"],
                                                     principal=Decimal(cleaned["principal"]))
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
    matter_services.check_mandate_active(mandate)
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
    opened_on = timezone.localdate()
    # Before the checks below, so that concurrent confirmations (and hand-made matters) have committed when they
    # look at the firm's data.
    matter_services.matters_batch_start(actor=actor, mandate=mandate, opened_on=opened_on)

    rows = list(placement_import.rows.all())
    pending = [row for row in rows if row.status == PlacementRow.Status.VALID]
    for row in pending:  # the mandate's fee terms may have changed since the preview
        risk = _risk_problem(mandate, row.cleaned)
        if risk:
            row.problems.append(risk)
    debtors = _check_against_firm(mandate, pending)
    _settle_status(pending)
    to_create = [row for row in pending if row.status == PlacementRow.Status.VALID]
    for row in to_create:  # one new debtor per identifier, however many rows name it
        cleaned = row.cleaned
        if cleaned["id_number"] not in debtors:
            debtors[cleaned["id_number"]] = Debtor(
                kind=cleaned["debtor_kind"], name=cleaned["debtor_name"], id_number=cleaned["id_number"],
                addresses=[cleaned["address"]] if cleaned["address"] else [], phones=list(cleaned["phones"]))
    new_matters = [
        matter_services.NewMatter(
            debtor=debtors[row.cleaned["id_number"]], principal=Decimal(row.cleaned["principal"]),
            due_date=date.fromisoformat(row.cleaned["due_date"]), cause=row.cleaned["cause"],
            description=_description(row.cleaned), detail={"placement_import": placement_import.pk, "line": row.line})
        for row in to_create
    ]
    matters = matter_services.matters_create_batch(actor=actor, mandate=mandate, new_matters=new_matters,
                                                   opened_on=opened_on)
    for matter, row in zip(matters, to_create, strict=True):
        row.matter = matter
        row.status = PlacementRow.Status.CREATED
    PlacementRow.objects.bulk_update(pending, ["status", "matter", "problems", "notices"], batch_size=BATCH)

    _count(placement_import, rows)
    placement_import.status = PlacementImport.Status.CONFIRMED
    placement_import.confirmed_by = actor
    placement_import.confirmed_at = timezone.now()
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
