"""Writing templates to upload, and reading generated documents back."""

import re
from io import BytesIO

from django_tenants.utils import schema_context
from docx import Document
from docx.oxml.ns import qn

from documents import services

CJK = re.compile(r"[\u3000-\u303f\u4e00-\u9fff\uff00-\uffef]")


def template_with(*paragraphs: str) -> bytes:
    """A 律师函 template of the given paragraphs (placeholders and all)."""
    from documents.docx import DocBuilder

    builder = DocBuilder()
    builder.title("律 师 函")
    for text in paragraphs:
        builder.para(text)
    return builder.bytes()


def upload_template(browser, content: bytes, kind: str = "demand_letter"):
    """POSTs a template to the API, as a partner's program would."""
    from django.core.files.uploadedfile import SimpleUploadedFile

    return browser.post("/api/v1/document-templates/", {"kind": kind, "file": SimpleUploadedFile(
        "模板.docx", content)})


def docx_text(content: bytes) -> str:
    from documents.docx import document_texts

    return "\n".join(document_texts(Document(BytesIO(content))))


def runs_without_east_asian_font(content: bytes) -> list[str]:
    """Texts of the runs containing CJK whose w:rFonts has no w:eastAsia (body, tables, headers, footers)."""
    document = Document(BytesIO(content))
    bad = []
    roots = [document.element.body] + [s.header._element for s in document.sections] + [
        s.footer._element for s in document.sections]
    for root in roots:
        for r in root.iter(qn("w:r")):
            text = "".join(t.text or "" for t in r.iter(qn("w:t")))
            if not CJK.search(text):
                continue
            rpr = r.find(qn("w:rPr"))
            fonts = rpr.find(qn("w:rFonts")) if rpr is not None else None
            if fonts is None or not fonts.get(qn("w:eastAsia")):
                bad.append(text)
    # Also through python-docx's API, as a reader would.
    for paragraph in document.paragraphs:
        for run in paragraph.runs:
            if CJK.search(run.text):
                rpr = run._element.rPr
                if rpr is None or rpr.rFonts is None or not rpr.rFonts.get(qn("w:eastAsia")):
                    bad.append(run.text)
    return bad


def generate(people, matter, kind, actor=None):
    """Generates ``kind`` for ``matter`` as a person of ``people``'s firm (its lawyer unless ``actor``): the
    stored document and its bytes."""
    with schema_context(people.firm.schema_name):
        document = services.document_generate(actor=actor or people.lawyer, matter=matter, kind=kind,
                                              firm=people.firm)
        with document.file.open("rb") as handle:
            return document, handle.read()
