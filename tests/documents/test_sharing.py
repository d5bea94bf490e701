"""Sharing a document with the client is the matter lawyer's or a partner's call, and audited with the change;
so is activating a template."""

import html

import pytest
from django.core.exceptions import PermissionDenied
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import SimpleUploadedFile
from django_tenants.utils import schema_context

from accounts.models import AuditAction, AuditEvent, Role
from accounts.services import user_create
from documents import services
from documents.models import DocumentTemplate, GeneratedDocument
from tests.conftest import PASSWORD
from tests.documents.conftest import PDF_BYTES
from tests.documents.helpers import template_with, upload_template

pytestmark = pytest.mark.django_db

SHARING = (AuditAction.DOCUMENT_SHARED, AuditAction.DOCUMENT_UNSHARED)


@pytest.fixture
def document(alpha, alpha_case):
    with schema_context(alpha.firm.schema_name):
        return services.document_upload(actor=alpha.paralegal, matter=alpha_case.matter,
                                        file=SimpleUploadedFile("判决书.pdf", PDF_BYTES), title="一审判决书")


def shared_now(people, document) -> bool:
    with schema_context(people.firm.schema_name):
        return GeneratedDocument.objects.get(pk=document.pk).shared_with_client


def events(people, *actions):
    with schema_context(people.firm.schema_name):
        return list(AuditEvent.objects.filter(action__in=actions).order_by("id"))


def patch_shared(browser, document, shared: bool):
    return browser.patch(f"/api/v1/documents/{document.pk}/", {"shared_with_client": shared},
                         content_type="application/json")


def test_the_matters_lawyer_shares_and_unshares_through_the_api_each_change_audited(alpha, alpha_case, document):
    browser = alpha.client(alpha.lawyer)
    assert patch_shared(browser, document, True).json()["shared_with_client"] is True
    assert patch_shared(browser, document, True).status_code == 200  # no change: nothing to audit
    assert patch_shared(browser, document, False).json()["shared_with_client"] is False
    shared, unshared = events(alpha, *SHARING)
    assert (shared.action, unshared.action) == (AuditAction.DOCUMENT_SHARED, AuditAction.DOCUMENT_UNSHARED)
    assert shared.actor_id == alpha.lawyer.pk and shared.actor_email == alpha.lawyer.email
    assert shared.detail == {"document_id": document.pk, "matter_id": alpha_case.matter.pk, "kind": "uploaded"}
    assert shared.target == f"{alpha_case.matter.reference} 一审判决书 v1"
    assert shared.ip_address == "127.0.0.1"


def test_a_partner_shares_through_the_page(alpha, document):
    browser = alpha.client(alpha.partner)
    response = browser.post(f"/documents/files/{document.pk}/share/", {"shared": "1"})
    assert response.status_code == 302
    assert shared_now(alpha, document)
    [event] = events(alpha, *SHARING)
    assert event.action == AuditAction.DOCUMENT_SHARED and event.actor_id == alpha.partner.pk
    page = browser.get(f"/matters/{document.matter_id}/documents/").content.decode()
    assert "已共享（取消）" in page


def test_a_paralegal_may_not_share_through_the_api_or_the_page(alpha, document):
    browser = alpha.client(alpha.paralegal)
    assert patch_shared(browser, document, True).status_code == 403
    assert browser.post(f"/documents/files/{document.pk}/share/", {"shared": "1"}).status_code == 403
    assert not shared_now(alpha, document) and events(alpha, *SHARING) == []
    page = browser.get(f"/matters/{document.matter_id}/documents/").content.decode()
    assert "未共享（共享）" not in page and 'name="shared_with_client"' not in page
    assert "生成文书" in page  # the paralegal still works the matter


def test_a_lawyer_who_is_not_the_matters_lawyer_may_not_share(alpha, document):
    with schema_context(alpha.firm.schema_name):
        other = user_create(email="other.lawyer@alpha.test", name="另一位律师", role=Role.LAWYER, password=PASSWORD)
        with pytest.raises(PermissionDenied):
            services.document_set_shared(actor=other, document=document, shared=True)
    assert patch_shared(alpha.client(other), document, True).status_code == 403
    assert not shared_now(alpha, document)


def test_uploading_straight_into_the_clients_view_needs_the_same_right(alpha, alpha_case):
    url = f"/api/v1/matters/{alpha_case.matter.pk}/documents/upload/"
    refused = alpha.client(alpha.paralegal).post(url, {"file": SimpleUploadedFile("a.pdf", PDF_BYTES),
                                                       "shared_with_client": "true"})
    assert refused.status_code == 403
    with schema_context(alpha.firm.schema_name):
        assert not GeneratedDocument.objects.filter(matter=alpha_case.matter).exists()
    created = alpha.client(alpha.lawyer).post(url, {"file": SimpleUploadedFile("b.pdf", PDF_BYTES),
                                                    "shared_with_client": "true"})
    assert created.status_code == 201 and created.json()["shared_with_client"] is True
    [event] = events(alpha, *SHARING)
    assert event.action == AuditAction.DOCUMENT_SHARED and event.detail["document_id"] == created.json()["id"]


def test_another_firm_cannot_share_alphas_document(alpha, beta, document):
    with schema_context(beta.firm.schema_name):
        assert not GeneratedDocument.objects.filter(pk=document.pk).exists()  # the id means nothing at beta
    beta_partner = beta.client(beta.partner)
    assert patch_shared(beta_partner, document, True).status_code == 404
    assert beta_partner.post(f"/documents/files/{document.pk}/share/", {"shared": "1"}).status_code == 404
    # beta's session sent to alpha's site: no such session there.
    beta_partner.defaults["HTTP_HOST"] = alpha.host
    assert patch_shared(beta_partner, document, True).status_code in (401, 403)
    assert not shared_now(alpha, document) and events(alpha, *SHARING) == []


def test_sharing_and_its_audit_are_one_transaction(alpha, document, monkeypatch):
    def failing_audit(**kwargs):
        raise RuntimeError("audit log unavailable")

    monkeypatch.setattr(services, "audit_record", failing_audit)
    with schema_context(alpha.firm.schema_name), pytest.raises(RuntimeError):
        services.document_set_shared(actor=alpha.lawyer, document=document, shared=True)
    assert not shared_now(alpha, document)


# --- templates ----------------------------------------------------------------------------------------------


def test_every_template_activation_is_audited(alpha):
    partner = alpha.client(alpha.partner)
    first = upload_template(partner, template_with("{{ debtor.name }}：{{ letter.number }}")).json()
    second = upload_template(partner, template_with("{{ debtor.name }}：函号 {{ letter.number }}")).json()
    assert partner.post(f"/documents/templates/{first['id']}/activate/").status_code == 302
    assert partner.post("/documents/templates/builtin/demand_letter/use/").status_code == 302
    activated = events(alpha, AuditAction.TEMPLATE_ACTIVATED)
    assert [(e.detail.get("version"), e.detail.get("builtin")) for e in activated] == [
        (1, None), (2, None), (1, None), (None, "builtin:demand_letter@2")]
    assert [e.detail.get("template_id") for e in activated[:3]] == [first["id"], second["id"], first["id"]]
    assert {e.actor_id for e in activated} == {alpha.partner.pk}
    assert activated[2].target == "律师函 v1" and activated[3].target == "律师函 builtin:demand_letter@2"
    with schema_context(alpha.firm.schema_name):
        assert not DocumentTemplate.objects.filter(is_active=True).exists()


def test_activating_a_version_stored_before_the_check_is_refused(alpha, media_root):
    content = template_with("{{ debtor.name }}", "{{ firm.name['__class__'] }}")
    with schema_context(alpha.firm.schema_name):
        stale = DocumentTemplate(kind="demand_letter", version=1, original_name="old.docx", sha256="0" * 64,
                                 is_active=False, uploaded_by=alpha.partner)
        stale.file.save("old.docx", ContentFile(content), save=True)
    response = alpha.client(alpha.partner).post(f"/documents/templates/{stale.pk}/activate/")
    assert response.status_code == 400
    assert "firm.name['__class__']" in html.unescape(response.content.decode())
    with schema_context(alpha.firm.schema_name):
        assert not DocumentTemplate.objects.get(pk=stale.pk).is_active
    assert events(alpha, AuditAction.TEMPLATE_ACTIVATED) == []
