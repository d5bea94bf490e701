"""Every write of the documents app: generating a document, storing an upload, sharing, and the firm's
templates. Each function is atomic; a refused generation (missing data, a broken template) leaves nothing
behind, not even a used 律师函 number."""

from __future__ import annotations

import hashlib
import re
import uuid
from dataclasses import dataclass
from datetime import date

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.base import ContentFile
from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.access import can_manage_firm, can_share_documents, can_work_matters
from accounts.models import AuditAction
from accounts.services import audit_record
from core.counters import take_number
from core.storage import save_with_file
from documents import rendering
from documents.builtin import builtin_label, builtin_template
from documents.missing import MissingField
from documents.models import TEMPLATE_KINDS, DocumentKind, DocumentTemplate, GeneratedDocument, LetterCounter
from documents.selectors import active_template, demo_matter_data, matter_document_data, matter_for_documents
from documents.template_context import build_context
from matters.files import check_evidence_file, uploaded_file_name
from matters.models import DemandLetter, FeeType, Matter
from matters.services import demand_letter_create, timeline_document_added

DOCX_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
TEMPLATE_MAX_BYTES = 5 * 1024 * 1024
CJK_CHAR = re.compile(r"[\u4e00-\u9fff]")


class MissingData(Exception):
    """The matter lacks data the document prints; nothing was generated."""

    def __init__(self, missing: list[MissingField], kind: str):
        self.missing = missing
        self.kind = kind
        labels = "、".join(item.label for item in missing)
        self.message = _("无法生成%(kind)s，缺少以下信息：%(labels)s。请补充后再生成。") % {
            "kind": DocumentKind(kind).label, "labels": labels}
        super().__init__(self.message)


class TemplateInvalid(Exception):
    def __init__(self, validation: rendering.Validation):
        self.validation = validation
        self.problems = validation.problems
        self.message = _("模板未通过检查，未启用：") + "；".join(p.message for p in validation.problems)
        super().__init__(self.message)


def _require(allowed: bool, message: str | None = None) -> None:
    if not allowed:
        raise PermissionDenied(message or _("您的角色无权执行此操作。"))


def _require_sharing(actor, matter: Matter) -> None:
    _require(can_share_documents(actor, matter), _("只有本案承办律师或合伙人可以与委托人共享文书。"))


def _audit_sharing(*, actor, document: GeneratedDocument, matter: Matter, request=None) -> None:
    audit_record(action=AuditAction.DOCUMENT_SHARED if document.shared_with_client else AuditAction.DOCUMENT_UNSHARED,
                 actor=actor, target=f"{matter.reference} {document.title} v{document.version}",
                 detail={"document_id": document.pk, "matter_id": matter.pk, "kind": document.kind},
                 request=request)


# --- 律师函 numbers ------------------------------------------------------------------------------------------


def letter_prefix(firm) -> str:
    """The firm's own 函号 words (firm settings), else derived: 清律函字 for a firm whose name starts with 清
    (the first Chinese character of the name + 律函字)."""
    own = (getattr(firm, "letter_number_prefix", "") or "").strip()
    if own:
        return own
    match = CJK_CHAR.search(getattr(firm, "name", "") or "")
    return f"{match.group(0) if match else '律'}律函字"


def letter_number(firm, year: int, number: int) -> str:
    """〔2026〕清律函字第0012号: the year in the hexagonal brackets 〔〕 that official document numbers use."""
    return f"〔{year}〕{letter_prefix(firm)}第{number:04d}号"


def next_letter_number(firm, year: int) -> str:
    """The next number of ``year``. The counter row stays locked until the transaction ends; a rolled-back
    generation gives its number back, so the sequence has no gaps. A number already in a letters register
    (a letter entered by hand) is passed over: two letters never share a number."""
    while True:
        number = letter_number(firm, year, take_number(LetterCounter, year))
        if not DemandLetter.objects.filter(letter_number=number).exists():
            return number


# --- storing ------------------------------------------------------------------------------------------------


def _next_version(matter: Matter, kind: str) -> int:
    latest = GeneratedDocument.objects.filter(matter=matter, kind=kind).aggregate(v=Max("version"))["v"]
    return (latest or 0) + 1


def _store(*, matter: Matter, kind: str, title: str, content: bytes, extension: str, content_type: str,
           actor, number: str = "", template: DocumentTemplate | None = None, template_version: str = "",
           source: str = GeneratedDocument.Source.GENERATED, shared: bool = False,
           filename: str | None = None, demand_letter=None) -> GeneratedDocument:
    Matter.objects.select_for_update().filter(pk=matter.pk).first()  # serialises versions of one matter
    version = _next_version(matter, kind)
    document = GeneratedDocument(
        matter=matter, kind=kind, version=version, source=source, title=title, number=number,
        filename=filename or f"{title}_{matter.reference}_v{version}.{extension}", content_type=content_type,
        size=len(content), sha256=hashlib.sha256(content).hexdigest(), template=template,
        template_version=template_version, shared_with_client=shared, author=actor, demand_letter=demand_letter,
        author_name=getattr(actor, "name", "") if actor else "", created_at=timezone.now())
    save_with_file(document, "file", f"{kind}-{uuid.uuid4().hex}.{extension}", ContentFile(content))
    summary = f"{title} v{version}" + (f"（{number}）" if number else "")
    timeline_document_added(matter=matter, actor=actor, title=summary,
                            detail={"document_id": document.pk, "kind": kind, "source": source})
    return document


# --- generating ---------------------------------------------------------------------------------------------


def kind_applies(kind: str, matter: Matter) -> bool:
    """Whether ``matter`` has a document of ``kind`` at all: a 风险代理合同 only under a risk arrangement."""
    return kind != DocumentKind.RISK_AGENCY_CONTRACT or matter.mandate.fee_type == FeeType.RISK


@dataclass
class Rendered:
    content: bytes
    number: str
    template: DocumentTemplate | None
    template_version: str


# The filing that starts proceedings, by where the matter's disputes are decided (仲裁法 第五条).
FORUM_FILINGS = {DocumentKind.COMPLAINT: "court", DocumentKind.ARBITRATION_APPLICATION: "arbitration"}


def forum_problem(matter: Matter, kind: str) -> str | None:
    """Why ``kind`` does not fit the matter's dispute resolution: a complaint for an arbitration matter, an
    arbitration application for a court matter (None when it fits)."""
    wanted = FORUM_FILINGS.get(kind)
    if wanted is None or matter.dispute_resolution == wanted:
        return None
    if wanted == "court":
        return _("本案约定由%(commission)s仲裁，依《仲裁法》第五条，有效的仲裁协议排除法院管辖，法院不予受理起诉；"
                 "请生成仲裁申请书。") % {"commission": matter.arbitration_commission or _("仲裁委员会")}
    return _("本案的争议解决方式是法院诉讼，没有登记仲裁协议，不能生成仲裁申请书；合同约定仲裁的，请先在案件信息中"
             "将争议解决方式改为仲裁并填写仲裁委员会。")


def render_for_matter(*, matter: Matter, kind: str, firm, as_of: date | None = None,
                      recipient_id: int | None = None) -> Rendered:
    """Fill the firm's active template (or the built-in one) for ``matter``; MissingData when the matter lacks
    something the template prints. Allocates a 律师函 number (so call it inside a transaction). A 律师函 may be
    addressed to one of the matter's guarantors (``recipient_id``, a debtor id) instead of the debtor."""
    if kind not in TEMPLATE_KINDS:
        raise ValidationError({"kind": [_("未知的文书类型：%(kind)s") % {"kind": kind}]})
    if problem := forum_problem(matter, kind):
        raise ValidationError({"kind": [problem]})
    if recipient_id is not None and kind != DocumentKind.DEMAND_LETTER:
        raise ValidationError({"recipient": [_("只有律师函可以指定收函人。")]})
    matter = matter_for_documents(Matter.objects.filter(pk=matter.pk)).get()
    if not kind_applies(kind, matter):
        raise ValidationError({"kind": [_("本案的委托采用固定收费，没有风险代理安排，不能生成风险代理合同。")]})
    try:
        data = matter_document_data(matter, firm=firm, as_of=as_of, recipient_id=recipient_id)
    except ValueError:
        raise ValidationError({"recipient": [_("收函人须是本案的担保人。")]}) from None
    context, collector = build_context(data)
    template = active_template(kind)
    if template is not None:
        with template.file.open("rb") as handle:
            source = handle.read()
        label = template.label
    else:
        source, label = builtin_template(kind), builtin_label(kind)
    number = ""
    if kind == DocumentKind.DEMAND_LETTER:
        number = next_letter_number(firm, timezone.localdate().year)
        context["letter"]["number"] = number
    try:
        result = rendering.render_document(source, context)
    except rendering.TemplateRenderError as error:
        raise ValidationError({"template": [error.message]}) from None
    content = result.content
    if collector.missing:
        raise MissingData(collector.missing, kind)
    if result.leftovers:
        raise ValidationError({"template": [_("模板填充后仍有未处理的占位符，请检查模板。")]})
    return Rendered(content=content, number=number, template=template, template_version=label)


@transaction.atomic
def document_generate(*, actor, matter: Matter, kind: str, firm, as_of: date | None = None,
                      recipient_id: int | None = None) -> GeneratedDocument:
    """Generates a .docx of ``kind`` for ``matter`` and stores it as the next version of that kind (a 律师函 to
    a guarantor when ``recipient_id`` names one of the matter's guarantors).

    A 律师函 also enters the matter's letters register under its number, generated but not yet sent (a letter
    counts for limitation once it is sent and delivered, which the lawyer records on that entry); each
    generation is a new letter with a new number."""
    _require(can_work_matters(actor))
    rendered = render_for_matter(matter=matter, kind=kind, firm=firm, as_of=as_of, recipient_id=recipient_id)
    title = str(DocumentKind(kind).label)
    if recipient_id is not None:
        title = f"{title}（致担保人）"
    letter = None
    if kind == DocumentKind.DEMAND_LETTER:
        letter = demand_letter_create(actor=actor, matter=matter, letter_number=rendered.number,
                                      recipient_id=recipient_id)
    return _store(matter=matter, kind=kind, title=title, content=rendered.content,
                  extension="docx", content_type=DOCX_TYPE, actor=actor, number=rendered.number,
                  template=rendered.template, template_version=rendered.template_version, demand_letter=letter)


@transaction.atomic
def document_store_generated(*, actor, matter: Matter, kind: str, title: str, content: bytes, extension: str,
                             content_type: str, template_version: str = "") -> GeneratedDocument:
    """Stores a PDF or ZIP built here (matter summary, write-off dossier)."""
    _require(can_work_matters(actor))
    return _store(matter=matter, kind=kind, title=title, content=content, extension=extension,
                  content_type=content_type, actor=actor, template_version=template_version)


@transaction.atomic
def document_upload(*, actor, matter: Matter, file, title: str = "", shared_with_client: bool = False,
                    request=None) -> GeneratedDocument:
    """Stores a document a person uploads to the matter (type judged by content, as for evidence); shared with
    the client at once only when the uploader may share."""
    _require(can_work_matters(actor))
    if shared_with_client:
        _require_sharing(actor, matter)
    checked = check_evidence_file(file)
    original = uploaded_file_name(file, fallback=f"document.{checked.kind.extension}")
    file.seek(0)
    content = file.read()
    title = (title or original.rsplit(".", 1)[0]).strip()[:200]
    document = _store(matter=matter, kind=DocumentKind.UPLOADED, title=title, content=content,
                      extension=checked.kind.extension, content_type=checked.kind.content_type, actor=actor,
                      source=GeneratedDocument.Source.UPLOADED, shared=bool(shared_with_client), filename=original)
    if document.shared_with_client:
        _audit_sharing(actor=actor, document=document, matter=matter, request=request)
    return document


@transaction.atomic
def document_set_shared(*, actor, document: GeneratedDocument, shared: bool, request=None) -> GeneratedDocument:
    """Shares a document with the client (it shows in their portal) or stops sharing it; a change is audited,
    setting the flag it already has is not."""
    current = GeneratedDocument.objects.select_for_update().select_related("matter").get(pk=document.pk)
    _require_sharing(actor, current.matter)
    if current.shared_with_client != bool(shared):
        current.shared_with_client = bool(shared)
        current.save(update_fields=["shared_with_client"])
        _audit_sharing(actor=actor, document=current, matter=current.matter, request=request)
    return current


# --- the firm's templates -----------------------------------------------------------------------------------


def template_check(*, kind: str, content: bytes, firm=None) -> rendering.Validation:
    """Checks a template against the catalogue and renders it against demo data (no write)."""
    context, collector = build_context(demo_matter_data(firm))
    context["letter"]["number"] = letter_number(firm, date(2026, 1, 1).year, 1)
    validation = rendering.validate(content, context)
    if validation.ok and collector.missing:
        for item in collector.missing:
            validation.problems.append(rendering.Problem("render", _("示例数据缺少“%(label)s”") % {"label": item.label}))
    return validation


@transaction.atomic
def template_upload(*, actor, kind: str, file, note: str = "", firm=None, request=None) -> DocumentTemplate:
    """Checks an edited template and, when it passes, stores it as the next version of ``kind`` and makes it
    the active one (it then overrides the built-in template). A failing template raises TemplateInvalid and is
    not stored."""
    _require(can_manage_firm(actor))
    if kind not in TEMPLATE_KINDS:
        raise ValidationError({"kind": [_("未知的文书类型：%(kind)s") % {"kind": kind}]})
    content = file.read(TEMPLATE_MAX_BYTES + 1)
    if len(content) > TEMPLATE_MAX_BYTES:
        raise ValidationError({"file": [_("模板文件不能超过 5 MB。")]})
    validation = template_check(kind=kind, content=content, firm=firm)
    if not validation.ok:
        raise TemplateInvalid(validation)
    DocumentTemplate.objects.select_for_update().filter(kind=kind).exists()
    version = (DocumentTemplate.objects.filter(kind=kind).aggregate(v=Max("version"))["v"] or 0) + 1
    DocumentTemplate.objects.filter(kind=kind, is_active=True).update(is_active=False)
    original = (getattr(file, "name", "") or "").rsplit("/", 1)[-1][:255] or f"{kind}.docx"
    template = DocumentTemplate(kind=kind, version=version, original_name=original,
                                sha256=hashlib.sha256(content).hexdigest(), is_active=True, note=note[:300],
                                variables=validation.variables, uploaded_by=actor, uploaded_at=timezone.now())
    save_with_file(template, "file", f"{kind}-v{version}-{uuid.uuid4().hex[:8]}.docx", ContentFile(content))
    _audit_activation(actor=actor, kind=kind, template=template, request=request)
    return template


def _audit_activation(*, actor, kind: str, template: DocumentTemplate | None, request=None) -> None:
    """Which text a firm's documents come from from now on: one of its versions, or the built-in one."""
    if template is not None:
        target, detail = str(template), {"kind": kind, "template_id": template.pk, "version": template.version,
                                          "sha256": template.sha256}
    else:
        target, detail = f"{DocumentKind(kind).label} {builtin_label(kind)}", {"kind": kind,
                                                                              "builtin": builtin_label(kind)}
    audit_record(action=AuditAction.TEMPLATE_ACTIVATED, actor=actor, target=target, detail=detail, request=request)


@transaction.atomic
def template_activate(*, actor, template: DocumentTemplate, firm=None, request=None) -> DocumentTemplate:
    """Makes an earlier version the active one, if it still passes today's check (it may predate it)."""
    _require(can_manage_firm(actor))
    with template.file.open("rb") as handle:
        validation = template_check(kind=template.kind, content=handle.read(), firm=firm)
    if not validation.ok:
        raise TemplateInvalid(validation)
    DocumentTemplate.objects.filter(kind=template.kind, is_active=True).exclude(pk=template.pk).update(is_active=False)
    DocumentTemplate.objects.filter(pk=template.pk).update(is_active=True)
    template.is_active = True
    _audit_activation(actor=actor, kind=template.kind, template=template, request=request)
    return template


@transaction.atomic
def template_use_builtin(*, actor, kind: str, request=None) -> None:
    """Deactivates the firm's versions of ``kind``: the built-in template applies again."""
    _require(can_manage_firm(actor))
    if kind not in TEMPLATE_KINDS:
        raise ValidationError({"kind": [_("未知的文书类型：%(kind)s") % {"kind": kind}]})
    DocumentTemplate.objects.filter(kind=kind, is_active=True).update(is_active=False)
    _audit_activation(actor=actor, kind=kind, template=None, request=request)
