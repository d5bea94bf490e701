"""Generating a document of any kind for a matter, stored as the next version of that kind: a filing from its
template (documents.services), the matter summary and credit report PDFs (documents.reports) and the write-off
dossier ZIP (documents.dossier). The API and the pages both generate through :func:`generate`."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from documents import dossier, reports, services
from documents.models import DocumentKind, GeneratedDocument
from matters.models import Matter


def matter_summary_store(*, actor, matter: Matter, firm) -> GeneratedDocument:
    content = reports.matter_summary_pdf(matter, firm=firm)
    return services.document_store_generated(actor=actor, matter=matter, kind=DocumentKind.MATTER_SUMMARY,
                                             title="案件摘要", content=content, extension="pdf",
                                             content_type="application/pdf",
                                             template_version="pdf/matter_summary.html")


def credit_report_store(*, actor, matter: Matter, firm) -> GeneratedDocument:
    """The 资信调查报告 of the matter's latest credit investigation; MissingData when it lacks a finding."""
    matter = reports.credit_report_queryset().get(pk=matter.pk)
    missing = reports.credit_report_missing(matter)
    if missing:
        raise services.MissingData(missing, DocumentKind.CREDIT_REPORT)
    content = reports.credit_report_pdf(matter, firm=firm)
    return services.document_store_generated(actor=actor, matter=matter, kind=DocumentKind.CREDIT_REPORT,
                                             title="资信调查报告", content=content, extension="pdf",
                                             content_type="application/pdf",
                                             template_version="pdf/credit_report.html")


def dossier_store(*, actor, matter: Matter, firm) -> GeneratedDocument:
    content = dossier.build_dossier(matter, firm=firm)
    return services.document_store_generated(actor=actor, matter=matter, kind=DocumentKind.WRITE_OFF_DOSSIER,
                                             title="核销依据材料包", content=content, extension="zip",
                                             content_type="application/zip", template_version="dossier@1")


def generate(*, actor, matter: Matter, kind: str, firm, recipient_id: int | None = None) -> GeneratedDocument:
    """One entry for every kind a matter can generate (documents.models.GENERATABLE); ``recipient_id``: the
    guarantor of the matter a 律师函 is addressed to (None: the debtor)."""
    if recipient_id is not None and kind != DocumentKind.DEMAND_LETTER:
        raise ValidationError({"recipient": [_("只有律师函可以指定收函人。")]})
    if kind == DocumentKind.MATTER_SUMMARY:
        return matter_summary_store(actor=actor, matter=matter, firm=firm)
    if kind == DocumentKind.CREDIT_REPORT:
        return credit_report_store(actor=actor, matter=matter, firm=firm)
    if kind == DocumentKind.WRITE_OFF_DOSSIER:
        return dossier_store(actor=actor, matter=matter, firm=firm)
    return services.document_generate(actor=actor, matter=matter, kind=kind, firm=firm, recipient_id=recipient_id)
