"""Matter summary and progress report PDFs (read back with pdftotext/pdffonts), the chart, the dossier."""

import hashlib
import io
import re
import subprocess
import zipfile
from datetime import date
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django_tenants.utils import schema_context

from documents import charts, dossier, reports, services
from matters import services as matter_services
from tests.documents.conftest import PDF_BYTES

pytestmark = pytest.mark.django_db


def pdf_text(content: bytes, tmp_path) -> str:
    path = tmp_path / "out.pdf"
    path.write_bytes(content)
    return subprocess.run(["pdftotext", "-layout", str(path), "-"], capture_output=True, text=True, check=True).stdout


def pdf_fonts(content: bytes, tmp_path) -> list[dict[str, str]]:
    """pdffonts' table as one dict per font, keyed by the header's column names (name, type, emb, …).

    Columns are cut where the dashed rule under the header puts them, since some values ("CID Type 0C (OT)")
    hold spaces."""
    path = tmp_path / "fonts.pdf"
    path.write_bytes(content)
    lines = subprocess.run(["pdffonts", str(path)], capture_output=True, text=True, check=True).stdout.splitlines()
    header, rule, *rows = lines
    spans = [match.span() for match in re.finditer(r"-+", rule)]
    spans[-1] = (spans[-1][0], None)  # the last column (object ID) may run past its rule
    names = [header[start:end].strip() for start, end in spans]
    return [{name: row[start:end].strip() for name, (start, end) in zip(names, spans, strict=True)}
            for row in rows if row.strip()]


def test_matter_summary_pdf_has_chinese_text_and_embedded_cjk_font(alpha, alpha_case, tmp_path):
    with schema_context(alpha.firm.schema_name):
        content = reports.matter_summary_pdf(alpha_case.matter, firm=alpha.firm, as_of=date(2026, 11, 22))
    text = pdf_text(content, tmp_path)
    assert "案件摘要" in text and "杭州钱塘建材有限公司" in text and "清收工作记录" in text
    assert "甲律师事务所" in text  # letterhead
    cjk_fonts = [font for font in pdf_fonts(content, tmp_path) if "CJK" in font["name"]]
    assert cjk_fonts
    assert [font["emb"] for font in cjk_fonts] == ["yes"] * len(cjk_fonts)


def test_progress_report_has_stages_chart_and_month(alpha, alpha_case, tmp_path):
    with schema_context(alpha.firm.schema_name):
        context = reports.progress_report_context(alpha_case.client, year=2026, month=11, today=date(2026, 11, 22))
        content = reports.progress_report_pdf(alpha_case.client, year=2026, month=11, firm=alpha.firm,
                                              today=date(2026, 11, 22))
    assert context["recovered"]["figures"] == "10,000.00"
    assert context["month_recovered"]["figures"] == "0.00"
    assert context["matter_count"] == 1
    assert context["chart"].startswith("<svg") and "<rect" in context["chart"]
    text = pdf_text(content, tmp_path)
    assert "清收工作进展报告" in text and "2026年11月" in text and "上海申江贸易有限公司" in text
    assert "按阶段分布" in text and "尽职调查" in text


def test_chart_is_deterministic_and_escapes_text():
    points = charts.monthly_series([(date(2026, 3, 5), Decimal("1000.00")), (date(2026, 3, 9), Decimal("500.50")),
                                    (date(2025, 1, 1), Decimal("9.00"))], last_month=date(2026, 5, 1), months=6)
    assert len(points) == 6 and points[0].month == date(2025, 12, 1)
    assert points[3].month == date(2026, 3, 1) and points[3].amount == Decimal("1500.50")
    svg = charts.recoveries_chart(points, claimed=Decimal("5000.00"), title="<回款>")
    assert svg == charts.recoveries_chart(points, claimed=Decimal("5000.00"), title="<回款>")
    assert "&lt;回款&gt;" in svg and "<回款>" not in svg


def _to_write_off(people, case):
    with schema_context(people.firm.schema_name):
        matter = case.matter
        matter_services.worklog_create(actor=people.lawyer, matter=matter, kind="visit", occurred_on=date(2026, 4, 1),
                                       summary="上门走访，债务人已停止经营")
        ruling = matter_services.evidence_upload(actor=people.lawyer, matter=matter, category="judgment",
                                                 title="终结本次执行程序裁定书",
                                                 file=SimpleUploadedFile("裁定.pdf", PDF_BYTES))
        matter_services.evidence_upload(actor=people.lawyer, matter=matter, category="other", title="内部备忘",
                                        file=SimpleUploadedFile("memo.pdf", PDF_BYTES))
        services.document_generate(actor=people.lawyer, matter=matter, kind="complaint", firm=people.firm)
        matter.refresh_from_db()
        return matter_services.matter_transition(
            actor=people.lawyer, matter=matter, version=matter.version, to_stage="write_off",
            record={"basis": "termination_ruling", "basis_date": date(2026, 10, 8),
                    "document_number": "（2026）浙0106执恢1号"}), ruling


def test_dossier_requires_write_off_stage(alpha, alpha_case):
    with schema_context(alpha.firm.schema_name), pytest.raises(ValidationError):
        dossier.build_dossier(alpha_case.matter, firm=alpha.firm)


def test_dossier_contains_index_legal_documents_and_checksums_and_is_reproducible(alpha, alpha_case, tmp_path):
    matter, _ruling = _to_write_off(alpha, alpha_case)
    with schema_context(alpha.firm.schema_name):
        first = dossier.build_dossier(matter, firm=alpha.firm)
        second = dossier.build_dossier(matter, firm=alpha.firm)
    assert hashlib.sha256(first).hexdigest() == hashlib.sha256(second).hexdigest()
    archive = zipfile.ZipFile(io.BytesIO(first))
    names = archive.namelist()
    assert names == sorted(names[:-1]) + ["SHA256SUMS.txt"]
    assert names[0] == "00_核销依据索引.pdf"
    assert any("终结本次执行程序裁定书" in n for n in names)
    assert any("购销合同" in n for n in names) and any("民事起诉状" in n for n in names)
    assert not any("内部备忘" in n for n in names)  # not a legal category
    sums = archive.read("SHA256SUMS.txt").decode().splitlines()
    assert len(sums) == len(names) - 1
    for line in sums:
        digest, name = line.split("  ", 1)
        assert hashlib.sha256(archive.read(name)).hexdigest() == digest
    assert {info.date_time for info in archive.infolist()} == {(2026, 10, 8, 0, 0, 0)}
    index = pdf_text(archive.read("00_核销依据索引.pdf"), tmp_path)
    assert "核销依据材料索引" in index and "上门走访" in index and "律师函" in index
    assert "终结本次执行程序裁定" in index and "（2026）浙0106执恢1号" in index
    assert "（（" not in index  # the document number brings its own brackets


def test_dossier_warns_of_payments_after_its_basis_date_and_of_missing_evidence(alpha, alpha_case, tmp_path):
    matter, _ruling = _to_write_off(alpha, alpha_case)
    with schema_context(alpha.firm.schema_name):
        matter_services.payment_record(actor=alpha.finance, matter=matter, received_on=date(2026, 11, 2),
                                       amount=Decimal("1234.50"))
        archive = zipfile.ZipFile(io.BytesIO(dossier.build_dossier(matter, firm=alpha.firm)))
    index = pdf_text(archive.read("00_核销依据索引.pdf"), tmp_path)
    assert "核销依据日期后仍有回款1,234.50元，请核对" in index and "2026年11月2日" in index
    # The ruling is on file but the write-off record does not name it as its basis.
    flat = re.sub(r"\s+", "", index)
    assert "缺少国家税务总局公告2011年第25号第二十二条" in flat and "终结（中止）执行程序的裁定书" in flat
    assert "合同（或欠款凭证）" not in index  # the contract is on file


def test_dossier_with_complete_evidence_and_no_later_payment_has_no_warning(alpha, alpha_case, tmp_path):
    matter, ruling = _to_write_off(alpha, alpha_case)
    with schema_context(alpha.firm.schema_name):
        matter_services.evidence_upload(actor=alpha.lawyer, matter=matter, category="judgment", title="民事判决书",
                                        file=SimpleUploadedFile("判决.pdf", PDF_BYTES))
        write_off = matter.write_offs.get()
        matter_services.stage_record_update(actor=alpha.lawyer, record=write_off, documents=[ruling])
        archive = zipfile.ZipFile(io.BytesIO(dossier.build_dossier(matter, firm=alpha.firm)))
    index = pdf_text(archive.read("00_核销依据索引.pdf"), tmp_path)
    assert "请核对" not in index and "缺少" not in index
    assert "判决书" in index


def test_matter_page_warns_of_missing_write_off_evidence(alpha, beta, alpha_case):
    matter, _ruling = _to_write_off(alpha, alpha_case)
    page = alpha.client(alpha.lawyer).get(f"/matters/{matter.pk}/").content.decode()
    assert "write-off-gaps" in page and "人民法院终结（中止）执行程序的裁定书" in page
    assert beta.client(beta.lawyer).get(f"/matters/{matter.pk}/").status_code == 404
