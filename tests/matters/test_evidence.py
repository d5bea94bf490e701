"""Evidence uploads are judged by their content, not their name; downloads go through an access check."""

import io
import zipfile

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django_tenants.utils import schema_context

from matters import services
from matters.files import check_evidence_file
from matters.models import EvidenceFile, TimelineEvent
from tests.matters.helpers import PDF_BYTES, make_matter

EXE_BYTES = b"MZ\x90\x00\x03\x00\x00\x00\x04\x00\x00\x00\xff\xff\x00\x00" + b"\x00" * 200
PNG_BYTES = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + b"\x00" * 40
JPEG_BYTES = b"\xff\xd8\xff\xe0\x00\x10JFIF\x00" + b"\x00" * 40


def upload(name, content):
    return SimpleUploadedFile(name, content)


def docx_bytes():
    from docx import Document

    buffer = io.BytesIO()
    document = Document()
    document.add_paragraph("欠条：今欠到货款人民币壹拾万元整。")
    document.save(buffer)
    return buffer.getvalue()


def xlsx_bytes():
    from openpyxl import Workbook

    buffer = io.BytesIO()
    workbook = Workbook()
    workbook.active["A1"] = "对账单"
    workbook.save(buffer)
    return buffer.getvalue()


def plain_zip_bytes():
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("readme.txt", "not an office file")
    return buffer.getvalue()


@pytest.mark.parametrize("name, content", [
    ("合同.pdf", EXE_BYTES),
    ("合同.pdf", "这只是一段文字，改了扩展名。".encode()),
    ("对账单.xlsx", plain_zip_bytes()),
    ("欠条.docx", b"PK\x03\x04 broken zip"),
    ("照片.png", b"GIF89a" + b"\x00" * 20),
])
def test_renamed_or_disguised_files_are_refused(name, content):
    with pytest.raises(ValidationError) as error:
        check_evidence_file(upload(name, content))
    assert "文件内容" in error.value.message_dict["file"][0]


@pytest.mark.parametrize("name, content, expected", [
    ("scan.bin", PDF_BYTES, "application/pdf"),
    ("a.pdf", PNG_BYTES, "image/png"),
    ("photo", JPEG_BYTES, "image/jpeg"),
    ("借款合同.docx", None, "application/vnd.openxmlformats-officedocument.wordprocessingml.document"),
    ("对账单.xlsx", None, "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"),
])
def test_accepted_kinds_are_recognised_by_content(name, content, expected):
    if content is None:
        content = docx_bytes() if name.endswith("docx") else xlsx_bytes()
    assert check_evidence_file(upload(name, content)).kind.content_type == expected


def test_size_limit_is_a_setting(settings):
    settings.EVIDENCE_MAX_BYTES = 100
    with pytest.raises(ValidationError) as error:
        check_evidence_file(upload("big.pdf", PDF_BYTES + b"0" * 200))
    assert "过大" in error.value.message_dict["file"][0]
    with pytest.raises(ValidationError):
        check_evidence_file(upload("empty.pdf", b""))


@pytest.mark.django_db
def test_refused_upload_leaves_no_row_no_file_no_event(alpha, media_root):
    with schema_context(alpha.firm.schema_name):
        matter = make_matter(alpha.partner)
        with pytest.raises(ValidationError):
            services.evidence_upload(actor=alpha.lawyer, matter=matter, file=upload("合同.pdf", EXE_BYTES))
        assert not EvidenceFile.objects.filter(matter=matter).exists()
        assert not TimelineEvent.objects.filter(matter=matter, kind="evidence").exists()
    assert not [path for path in media_root.rglob("*") if path.is_file()]


@pytest.mark.django_db
def test_accepted_upload_is_stored_per_firm_and_on_the_timeline(alpha, media_root):
    with schema_context(alpha.firm.schema_name):
        matter = make_matter(alpha.partner)
        evidence = services.evidence_upload(actor=alpha.lawyer, matter=matter, category="statement",
                                            file=upload("对账单.xlsx", xlsx_bytes()))
        assert evidence.file.name.endswith(".xlsx")
        assert TimelineEvent.objects.filter(matter=matter, kind="evidence", record_id=evidence.pk).exists()
    files = [path for path in media_root.rglob("*") if path.is_file()]
    assert len(files) == 1 and files[0].parts[-4] == alpha.firm.schema_name


@pytest.mark.django_db
def test_finance_cannot_upload_but_can_download(alpha, media_root):
    with schema_context(alpha.firm.schema_name):
        matter = make_matter(alpha.partner)
        evidence = services.evidence_upload(actor=alpha.lawyer, matter=matter, file=upload("x.pdf", PDF_BYTES))
    finance = alpha.client(alpha.finance)
    refused = finance.post("/api/v1/evidence/", {"matter": matter.pk, "file": upload("y.pdf", PDF_BYTES)})
    assert refused.status_code == 403
    assert finance.get(f"/api/v1/evidence/{evidence.pk}/download/").status_code == 200
