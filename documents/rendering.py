"""Filling a .docx template with docxtpl in the sandbox, and checking a template a firm uploads.

- :func:`render_document` fills a template with a context in the sandbox (documents/sandbox.py: autoescaped,
  strict about unknown names, every source checked before it is compiled) and then gives every run an East
  Asian font (documents/docx.py).
- :func:`validate` checks an uploaded template: syntax (with the paragraph where the error is), the sandbox's
  strict check (names, fields, loops, filters: each offence named with its paragraph), a test rendering
  against demo data, and that no ``{{``/``{%`` is left in the result.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from io import BytesIO

import jinja2
from django.utils.translation import gettext as _
from docx import Document
from docx.oxml.ns import qn
from docxtpl import DocxTemplate
from jinja2 import meta

from documents import sandbox
from documents.docx import document_parts, document_texts, ensure_east_asian_fonts, paragraph_text

TAG_LEFT = re.compile(r"\{\{|\{%")


class TemplateRenderError(Exception):
    def __init__(self, message: str, *, code: str = "render"):
        super().__init__(message)
        self.message = message
        self.code = code


_PATCHED: dict[str, str] = {}
PATCHED_MAX = 64


class _CachingDocxTemplate(DocxTemplate):
    """docxtpl cleans every part's XML with a series of regular expressions before compiling it (patch_xml);
    that is a pure function of the XML, which is the same for every rendering of a template, and it costs
    about a third of a rendering. Keep the results."""

    def patch_xml(self, src_xml):
        patched = _PATCHED.get(src_xml)
        if patched is None:
            if len(_PATCHED) >= PATCHED_MAX:
                _PATCHED.clear()
            patched = _PATCHED[src_xml] = super().patch_xml(src_xml)
        return patched


@dataclass
class Rendered:
    content: bytes
    leftovers: list[str]


def render_document(template_bytes: bytes, context: dict) -> Rendered:
    """Fill a docxtpl template; every run gets an East Asian font; ``leftovers`` lists paragraphs that still
    contain ``{{`` or ``{%`` (a placeholder Word split or mistyped)."""
    template = _CachingDocxTemplate(BytesIO(template_bytes))
    try:
        template.render(context, sandbox.RenderEnvironment(), autoescape=True)
    except sandbox.UnsafeTemplate as error:
        # The paragraphs passed the check at upload (or the template predates it): the offence sits in text
        # Word keeps elsewhere, such as a field code or the document's properties.
        where = _("（在段落文字以外，如域代码、脚注或文档属性中）")
        raise TemplateRenderError("；".join(offence.message(where) for offence in error.offences),
                                  code="forbidden") from None
    except jinja2.TemplateError as error:
        raise TemplateRenderError(_("模板无法填充：%(error)s") % {"error": error}) from error
    ensure_east_asian_fonts(template.docx)
    leftovers = [text for text in document_texts(template.docx) if TAG_LEFT.search(text)]
    out = BytesIO()
    template.save(out)
    return Rendered(out.getvalue(), leftovers)


def render(template_bytes: bytes, context: dict) -> bytes:
    return render_document(template_bytes, context).content


def leftover_tags(docx_bytes: bytes) -> list[str]:
    document = Document(BytesIO(docx_bytes))
    return [text for text in document_texts(document) if TAG_LEFT.search(text)]


# --- Validation ---------------------------------------------------------------------------------------------


@dataclass
class Problem:
    code: str  # syntax | unknown_variable | forbidden | render | not_docx | leftover
    message: str
    location: str = ""
    paragraph: int | None = None
    excerpt: str = ""

    def as_dict(self) -> dict:
        return {"code": self.code, "message": self.message, "location": self.location, "paragraph": self.paragraph,
                "excerpt": self.excerpt}


@dataclass
class Validation:
    problems: list[Problem] = field(default_factory=list)
    variables: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.problems


DOCXTPL_TAGS = re.compile(r"\{%-?\s*(tr|tc|p|r)\s")
DOCXTPL_VARS = re.compile(r"\{\{-?\s*(r|p)\s")


def _normalise(text: str) -> str:
    text = DOCXTPL_TAGS.sub(lambda m: "{% ", text)
    return DOCXTPL_VARS.sub(lambda m: "{{ ", text)


@dataclass
class _Paragraph:
    number: int
    where: str
    text: str


def _paragraphs(document) -> list[_Paragraph]:
    result = []
    number = 0
    for index, root in enumerate(document_parts(document)):
        for p in root.iter(qn("w:p")):
            number += 1
            in_table = any(ancestor.tag == qn("w:tbl") for ancestor in p.iterancestors())
            if index == 0:
                where = f"正文第{number}段" + ("（表格中）" if in_table else "")
            else:
                where = f"页眉/页脚第{number}段"
            result.append(_Paragraph(number, where, paragraph_text(p)))
    return result


def _excerpt(text: str) -> str:
    return text if len(text) <= 60 else text[:57] + "…"


def validate(template_bytes: bytes, demo_context: dict) -> Validation:
    result = Validation()
    try:
        document = Document(BytesIO(template_bytes))
    except Exception:  # noqa: BLE001 - any parse failure means "not a Word document"
        result.problems.append(Problem("not_docx", "上传的文件不是有效的 Word（.docx）文档。"))
        return result
    paragraphs = _paragraphs(document)
    source = "\n".join(_normalise(p.text) for p in paragraphs)

    def locate(lineno: int | None) -> dict:
        if lineno and 1 <= lineno <= len(paragraphs):
            p = paragraphs[lineno - 1]
            return {"location": p.where, "paragraph": p.number, "excerpt": _excerpt(p.text)}
        return {}

    env = sandbox.TemplateSandbox()
    try:
        ast = env.parse(source)
    except jinja2.TemplateSyntaxError as error:
        where = locate(error.lineno)
        result.problems.append(Problem("syntax", f"模板语法错误：{error.message}"
                                       + (f"（{where['location']}）" if where else ""), **where))
        return result

    for offence in sandbox.offences(ast):
        where = locate(offence.lineno)
        code = "unknown_variable" if offence.kind == sandbox.UNKNOWN else "forbidden"
        result.problems.append(Problem(code, offence.message(f"（{where['location']}）" if where else ""),
                                       **where))
    if result.problems:
        return result
    try:
        env.from_string(ast)  # a few mistakes show only when compiling, such as a loop variable named loop
        result.variables = sorted(meta.find_undeclared_variables(ast))
    except jinja2.TemplateSyntaxError as error:
        where = locate(error.lineno)
        result.problems.append(Problem("syntax", f"模板语法错误：{error.message}"
                                       + (f"（{where['location']}）" if where else ""), **where))
        return result

    try:
        rendered = render(template_bytes, demo_context)
    except TemplateRenderError as error:
        result.problems.append(Problem(error.code, error.message))
        return result
    for text in leftover_tags(rendered):
        result.problems.append(Problem("leftover", "填充后仍有未处理的占位符（可能是 {{ 或 {% 被拆开或写错）。",
                                       excerpt=_excerpt(text)))
    return result
