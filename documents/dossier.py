"""The write-off dossier (核销依据): one ZIP for the client's accountants.

Contents, in sorted order: ``00_核销依据索引.pdf`` (the matter summary with the full record of collection effort
and the ruling that ended it, and the list of files), every legal document on file (evidence in the legal
categories and the files named by the write-off records under ``01_证据材料/``, the generated and uploaded
documents under ``02_法律文书/``), and ``SHA256SUMS.txt``.

Deterministic: built twice from the same records it is byte-identical. Names are sorted, every ZipInfo has
the same fixed date (the write-off basis date), the index PDF is rendered "as of" that date with that date as its
PDF creation date (WeasyPrint writes no other clock value and no file identifier by default).
"""

from __future__ import annotations

import hashlib
import re
import zipfile
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from io import BytesIO

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from core.formatting import cn_date, money_text
from core.pdf import render_pdf
from documents.models import DocumentKind, GeneratedDocument
from documents.reports import matter_summary_context, summary_queryset
from matters.models import EvidenceCategory, Matter
from matters.selectors import write_off_evidence_gaps
from matters.stages import Stage

LEGAL_CATEGORIES = frozenset(EvidenceCategory.values) - {EvidenceCategory.OTHER}
EXCLUDED_KINDS = frozenset({DocumentKind.WRITE_OFF_DOSSIER, DocumentKind.MATTER_SUMMARY})
INDEX_NAME = "00_核销依据索引.pdf"
SUMS_NAME = "SHA256SUMS.txt"
UNSAFE = re.compile(r'[\\/:*?"<>|\x00-\x1f]+')


@dataclass(frozen=True)
class Entry:
    name: str
    content: bytes
    description: str


def _safe(text: str) -> str:
    return UNSAFE.sub("_", text).strip(" .")[:80] or "file"


def _read(field) -> bytes:
    with field.open("rb") as handle:
        return handle.read()


def dossier_date(matter: Matter) -> date:
    """The dossier's fixed date: the latest write-off basis date, else the matter's closing or opening date."""
    dates = [w.basis_date for w in matter.write_offs.all() if w.basis_date]
    return max(dates) if dates else (matter.closed_on or matter.opened_on)


def dossier_entries(matter: Matter) -> list[Entry]:
    """Every file but the index and the checksum list, named and sorted."""
    entries: list[Entry] = []
    basis_files = {e.pk for w in matter.write_offs.all() for e in w.documents.all()}
    evidence = [e for e in matter.evidence_files.all() if e.category in LEGAL_CATEGORIES or e.pk in basis_files]
    evidence.sort(key=lambda e: (e.uploaded_at, e.pk))
    for number, item in enumerate(evidence, start=1):
        extension = item.file.name.rsplit(".", 1)[-1] if "." in item.file.name else "bin"
        name = f"01_证据材料/{number:02d}_{item.get_category_display()}_{_safe(item.title or item.original_name)}.{extension}"
        entries.append(Entry(name, _read(item.file), f"{item.get_category_display()}：{item.title or item.original_name}"))
    documents = (GeneratedDocument.objects.filter(matter=matter).exclude(kind__in=EXCLUDED_KINDS)
                 .order_by("kind", "version", "id"))
    for document in documents:
        extension = document.filename.rsplit(".", 1)[-1] if "." in document.filename else "bin"
        name = f"02_法律文书/{_safe(document.title)}_v{document.version}.{extension}"
        entries.append(Entry(name, _read(document.file), f"{document.get_kind_display()}（第{document.version}版）"))
    entries.sort(key=lambda entry: entry.name)
    return entries


def dossier_warnings(matter: Matter, when: date) -> dict:
    """What the accountants must check before relying on the dossier: money received after the basis date
    (the index is computed as of that date), and the documents 第二十二条 requires that are not on file."""
    later = [p for p in matter.payments.all() if p.received_on > when]
    later_total = sum((p.amount for p in later), Decimal("0.00"))
    warnings = []
    if later:
        warnings.append(f"核销依据日期后仍有回款{money_text(later_total)}元，请核对。")
    for gap in write_off_evidence_gaps(matter, write_offs=matter.write_offs.all(),
                                       evidence=matter.evidence_files.all()):
        warnings.append(f"核销依据（{gap.write_off.get_basis_display()}）缺少国家税务总局公告2011年第25号第二十二条"
                        f"要求的材料：{'、'.join(gap.missing)}。")
    return {"warnings": warnings,
            "later_payments": [{"on": cn_date(p.received_on), "amount": money_text(p.amount),
                                "payer": p.get_payer_kind_display()} for p in later]}


def _zip_info(name: str, when: date) -> zipfile.ZipInfo:
    info = zipfile.ZipInfo(name, date_time=(max(when.year, 1980), when.month, when.day, 0, 0, 0))
    info.compress_type = zipfile.ZIP_DEFLATED
    info.create_system = 3
    info.external_attr = 0o644 << 16
    info.flag_bits |= 0x800  # UTF-8 names
    return info


def build_dossier(matter: Matter, *, firm) -> bytes:
    """The ZIP (bytes); only for a matter in the write-off stage."""
    matter = summary_queryset().prefetch_related("write_offs__documents").get(pk=matter.pk)
    if matter.stage != Stage.WRITE_OFF:
        raise ValidationError({"stage": [_("只有处于“核销依据”阶段的案件才能生成核销依据材料包。")]})
    when = dossier_date(matter)
    entries = dossier_entries(matter)
    context = matter_summary_context(matter, as_of=when)
    context.update(title="核销依据材料索引", files=[{"name": e.name, "description": e.description} for e in entries],
                   **dossier_warnings(matter, when))
    index = Entry(INDEX_NAME, render_pdf("pdf/write_off_index.html", context, firm=firm), "索引")
    files = sorted([index, *entries], key=lambda entry: entry.name)
    sums = "".join(f"{hashlib.sha256(e.content).hexdigest()}  {e.name}\n" for e in files).encode()
    out = BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        for entry in [*files, Entry(SUMS_NAME, sums, "")]:
            archive.writestr(_zip_info(entry.name, when), entry.content)
    return out.getvalue()
