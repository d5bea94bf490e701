"""Browser pages: matter documents, generation with missing data, templates page and upload, variables help."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django_tenants.utils import schema_context

from documents.docx import DocBuilder
from tests.documents.conftest import build_case, with_firm_details
from tests.documents.helpers import docx_text

pytestmark = pytest.mark.django_db


def test_matter_documents_page_generates_and_downloads(alpha, alpha_case):
    browser = alpha.client(alpha.lawyer)
    page = browser.get(f"/matters/{alpha_case.matter.pk}/documents/")
    assert page.status_code == 200 and "生成文书" in page.content.decode()
    response = browser.post(f"/matters/{alpha_case.matter.pk}/documents/generate/", {"kind": "power_of_attorney"})
    assert response.status_code == 302
    page = browser.get(f"/matters/{alpha_case.matter.pk}/documents/").content.decode()
    assert "授权委托书" in page and "builtin:power_of_attorney@2" in page
    from documents.models import GeneratedDocument

    with schema_context(alpha.firm.schema_name):
        document = GeneratedDocument.objects.get(matter=alpha_case.matter)
    download = browser.get(f"/documents/files/{document.pk}/download/")
    assert download.status_code == 200
    assert "授权委托书" in docx_text(b"".join(download.streaming_content))


def test_finance_sees_page_without_generate_buttons(alpha, alpha_case):
    page = alpha.client(alpha.finance).get(f"/matters/{alpha_case.matter.pk}/documents/")
    assert page.status_code == 200 and "生成文书" not in page.content.decode()
    assert alpha.client(alpha.finance).post(f"/matters/{alpha_case.matter.pk}/documents/generate/",
                                            {"kind": "complaint"}).status_code == 403


def test_browser_generation_with_missing_data_lists_links(alpha, media_root):
    with_firm_details(alpha)
    with schema_context(alpha.firm.schema_name):
        case = build_case(alpha, with_lawsuit=False)
    response = alpha.client(alpha.lawyer).post(f"/matters/{case.matter.pk}/documents/generate/",
                                               {"kind": "enforcement_application"})
    assert response.status_code == 400
    page = response.content.decode()
    assert "缺少以下信息" in page and f'href="/matters/{case.matter.pk}/"' in page


def test_templates_page_variables_page_and_builtin_download(alpha):
    browser = alpha.client(alpha.lawyer)
    page = browser.get("/documents/").content.decode()
    assert "律师函" in page and "内置 v1" in page and "上传修改后的模板" not in page
    assert "上传修改后的模板" in alpha.client(alpha.partner).get("/documents/").content.decode()
    variables = browser.get("/documents/variables/").content.decode()
    assert "debtor.name" in variables and "claim.total_upper" in variables and "evidence" in variables
    assert "|default" in variables and "loop.index" in variables
    download = browser.get("/documents/templates/builtin/complaint.docx")
    assert download.status_code == 200 and "{{ client.name }}" in docx_text(download.content)
    assert alpha.client(alpha.client_a).get("/documents/").status_code == 403


def test_template_upload_form_reports_problem_location(alpha):
    builder = DocBuilder()
    builder.para("{% if debtor.name %}没有结束的条件")
    response = alpha.client(alpha.partner).post("/documents/templates/upload/", {
        "kind": "demand_letter", "file": SimpleUploadedFile("坏模板.docx", builder.bytes())})
    assert response.status_code == 400
    page = response.content.decode()
    assert "模板未通过检查" in page and "正文第1段" in page


def test_progress_report_pdf_download(alpha, alpha_case):
    response = alpha.client(alpha.partner).get("/documents/reports/progress/",
                                               {"client": alpha_case.client.pk, "month": "2026-11"})
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    assert response.content.startswith(b"%PDF")
