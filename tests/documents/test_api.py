"""The documents API: generate, list, download, share; missing data; roles and firms; firm templates."""


import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django_tenants.utils import schema_context

from documents.builtin import builtin_template
from documents.models import DocumentTemplate, GeneratedDocument
from tests.documents.conftest import build_case, with_firm_details
from tests.documents.helpers import docx_text, runs_without_east_asian_font, template_with, upload_template

pytestmark = pytest.mark.django_db


def url(matter_id):
    return f"/api/v1/matters/{matter_id}/documents/"


def test_generate_returns_record_with_download_url(alpha, alpha_case):
    browser = alpha.client(alpha.paralegal)
    response = browser.post(url(alpha_case.matter.pk), {"kind": "complaint"}, content_type="application/json")
    assert response.status_code == 201, response.content
    body = response.json()
    assert body["kind"] == "complaint" and body["version"] == 1 and body["template_version"] == "builtin:complaint@2"
    download = browser.get(body["download_url"])
    assert download.status_code == 200
    content = b"".join(download.streaming_content)
    assert "民事起诉状" in docx_text(content)
    listing = browser.get(url(alpha_case.matter.pk)).json()
    assert [d["id"] for d in listing] == [body["id"]]


def test_missing_data_gives_400_with_fields_and_fix_urls(alpha, media_root):
    with_firm_details(alpha)
    with schema_context(alpha.firm.schema_name):
        case = build_case(alpha, with_lawsuit=False, debtor_address=False)
    response = alpha.client(alpha.lawyer).post(url(case.matter.pk), {"kind": "complaint"},
                                                content_type="application/json")
    assert response.status_code == 400
    body = response.json()
    assert body["code"] == "missing_data" and "送达地址" in body["message"]
    missing = {m["field"]: m for m in body["missing"]}
    assert set(missing) == {"debtor.address", "lawsuit.court"}
    assert missing["debtor.address"]["fix_url"] == f"/debtors/{case.debtor.pk}/edit/"
    assert missing["lawsuit.court"]["label"]
    with schema_context(alpha.firm.schema_name):
        assert not GeneratedDocument.objects.exists()


def test_finance_reads_but_cannot_generate(alpha, alpha_case):
    browser = alpha.client(alpha.finance)
    assert browser.get(url(alpha_case.matter.pk)).status_code == 200
    assert browser.post(url(alpha_case.matter.pk), {"kind": "complaint"},
                        content_type="application/json").status_code == 403


def test_client_users_get_403(alpha, alpha_case):
    lawyer = alpha.client(alpha.lawyer)
    created = lawyer.post(url(alpha_case.matter.pk), {"kind": "demand_letter"}, content_type="application/json").json()
    browser = alpha.client(alpha.client_a)
    assert browser.get(url(alpha_case.matter.pk)).status_code == 403
    assert browser.post(url(alpha_case.matter.pk), {"kind": "complaint"},
                        content_type="application/json").status_code == 403
    assert browser.get(created["download_url"]).status_code == 403
    assert browser.get(f"/matters/{alpha_case.matter.pk}/documents/").status_code == 403
    assert browser.get(f"/documents/files/{created['id']}/download/").status_code == 403


def test_other_firm_gets_404(alpha, beta, alpha_case):
    created = alpha.client(alpha.lawyer).post(url(alpha_case.matter.pk), {"kind": "demand_letter"},
                                              content_type="application/json").json()
    browser = beta.client(beta.partner)
    assert browser.get(url(alpha_case.matter.pk)).status_code == 404
    assert browser.post(url(alpha_case.matter.pk), {"kind": "complaint"},
                        content_type="application/json").status_code == 404
    assert browser.get(f"/api/v1/documents/{created['id']}/").status_code == 404
    assert browser.get(created["download_url"]).status_code == 404
    assert browser.get(f"/matters/{alpha_case.matter.pk}/documents/").status_code == 404
    assert browser.get(f"/documents/files/{created['id']}/download/").status_code == 404


def test_share_flag_and_upload(alpha, alpha_case):
    from tests.documents.conftest import PDF_BYTES

    browser = alpha.client(alpha.lawyer)
    response = browser.post(f"{url(alpha_case.matter.pk)}upload/",
                            {"file": SimpleUploadedFile("判决书.pdf", PDF_BYTES), "title": "一审判决书"})
    assert response.status_code == 201, response.content
    document = response.json()
    assert document["source"] == "uploaded" and document["shared_with_client"] is False
    patched = browser.patch(f"/api/v1/documents/{document['id']}/", {"shared_with_client": True},
                            content_type="application/json")
    assert patched.status_code == 200 and patched.json()["shared_with_client"] is True


def test_template_with_syntax_error_is_rejected_with_location(alpha):
    content = template_with("{{ debtor.name }}：", "本所受{{ client.name }委托。")
    response = upload_template(alpha.client(alpha.partner), content)
    assert response.status_code == 400
    problem = response.json()["problems"][0]
    assert problem["code"] == "syntax" and problem["paragraph"] == 3
    assert "client.name" in problem["excerpt"] and "第3段" in problem["location"]
    with schema_context(alpha.firm.schema_name):
        assert not DocumentTemplate.objects.exists()


def test_template_with_unknown_variable_is_rejected_with_location(alpha):
    content = template_with("{{ debtor.name }}：", "{{ letter.number }}", "请于{{ letter.dedline }}前付款。",
                             "{%p for e in evidence %}", "{{ e.titel }}", "{%p endfor %}")
    response = upload_template(alpha.client(alpha.partner), content)
    assert response.status_code == 400
    problems = {p["excerpt"]: p for p in response.json()["problems"]}
    messages = " ".join(p["message"] for p in problems.values())
    assert "letter.dedline" in messages and "e.titel" in messages
    assert any(p["paragraph"] == 4 for p in problems.values())


def test_good_template_is_activated_and_used_then_builtin_again(alpha, alpha_case):
    content = template_with("{{ debtor.name }}：", "函号：{{ letter.number }}",
                             "本所特别提示：请于{{ letter.deadline }}前支付{{ claim.total }}元（{{ claim.total_upper }}）。",
                             "{{ firm.name }}　{{ today }}")
    partner = alpha.client(alpha.partner)
    response = upload_template(partner, content)
    assert response.status_code == 201, response.content
    template = response.json()
    assert template["version"] == 1 and template["is_active"]
    generated = partner.post(url(alpha_case.matter.pk), {"kind": "demand_letter"},
                             content_type="application/json").json()
    assert generated["template_version"] == "firm:demand_letter@v1"
    content = b"".join(partner.get(generated["download_url"]).streaming_content)
    text = docx_text(content)
    assert "本所特别提示" in text and "杭州钱塘建材有限公司" in text and "〔2026〕甲律函字第0001号" in text
    assert runs_without_east_asian_font(content) == []
    second = upload_template(partner, content=template_with("{{ debtor.name }}：{{ letter.number }}"))
    assert second.json()["version"] == 2
    with schema_context(alpha.firm.schema_name):
        assert list(DocumentTemplate.objects.filter(is_active=True).values_list("version", flat=True)) == [2]


def test_builtin_template_round_trips_through_upload(alpha):
    response = upload_template(alpha.client(alpha.partner), builtin_template("complaint"), kind="complaint")
    assert response.status_code == 201, response.content


def test_only_partners_upload_templates(alpha):
    content = template_with("{{ debtor.name }}")
    assert upload_template(alpha.client(alpha.lawyer), content).status_code == 403
    assert upload_template(alpha.client(alpha.client_a), content).status_code == 403


def test_not_a_docx_is_rejected(alpha):
    response = upload_template(alpha.client(alpha.partner), b"hello")
    assert response.status_code == 400 and response.json()["problems"][0]["code"] == "not_docx"


def test_variables_catalogue(alpha):
    body = alpha.client(alpha.lawyer).get("/api/v1/document-templates/variables/").json()
    names = {v["name"] for v in body["variables"]}
    assert {"debtor.name", "claim.total_upper", "letter.number"} <= names
    assert any(item["name"] == "evidence" for item in body["lists"])
    assert [f["name"] for f in body["filters"]] == ["default", "trim", "upper", "lower", "length"]
    assert "index" in {f["name"] for f in body["loop_fields"]}


