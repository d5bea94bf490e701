"""What an uploaded evidence file really is, judged by its content (magic bytes), never by its name.

Accepted: PDF, PNG, JPEG, and the Office Open XML formats DOCX and XLSX. A DOCX/XLSX is a ZIP archive whose
``[Content_Types].xml`` declares the main part of a Word document or an Excel workbook; any other ZIP (or a
renamed .exe, .txt …) is refused. The size limit is the setting ``EVIDENCE_MAX_BYTES`` (20 MB by default).
"""

from __future__ import annotations

import hashlib
import zipfile
from dataclasses import dataclass

from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

DEFAULT_MAX_BYTES = 20 * 1024 * 1024
DOCX_MAIN = "application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"
XLSX_MAIN = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"
# A [Content_Types].xml larger than this is not a real Office file (and is not read into memory).
MAX_CONTENT_TYPES_BYTES = 1024 * 1024


@dataclass(frozen=True)
class FileKind:
    extension: str
    content_type: str
    label: str


PDF = FileKind("pdf", "application/pdf", "PDF")
PNG = FileKind("png", "image/png", "PNG 图片")
JPEG = FileKind("jpg", "image/jpeg", "JPEG 图片")
DOCX = FileKind("docx", "application/vnd.openxmlformats-officedocument.wordprocessingml.document", "Word 文档")
XLSX = FileKind("xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", "Excel 表格")
ACCEPTED_LABEL = "PDF、PNG、JPEG、Word（.docx）、Excel（.xlsx）"


# The longest file name an upload may carry: it becomes the title (200 characters) when none is given.
MAX_FILE_NAME_LENGTH = 200


def uploaded_file_name(uploaded, *, fallback: str) -> str:
    """The name an upload came with, without any folder; a name too long to keep is refused on `file`, never
    reported as a title the person did not type."""
    name = (getattr(uploaded, "name", "") or "").rsplit("/", 1)[-1]
    if len(name) > MAX_FILE_NAME_LENGTH:
        raise ValidationError({"file": [_("文件名过长（%(length)d 个字符，最多 %(limit)d 个），请改短文件名后再上传。")
                                        % {"length": len(name), "limit": MAX_FILE_NAME_LENGTH}]})
    return name or fallback


def max_evidence_bytes() -> int:
    return int(getattr(settings, "EVIDENCE_MAX_BYTES", DEFAULT_MAX_BYTES))


def _office_kind(uploaded) -> FileKind | None:
    uploaded.seek(0)
    try:
        with zipfile.ZipFile(uploaded) as archive:
            info = archive.getinfo("[Content_Types].xml")
            if info.file_size > MAX_CONTENT_TYPES_BYTES:
                return None
            types = archive.read(info).decode("utf-8", errors="replace")
    except (zipfile.BadZipFile, KeyError, OSError, RuntimeError, ValueError, EOFError):
        return None
    finally:
        uploaded.seek(0)
    if DOCX_MAIN in types:
        return DOCX
    if XLSX_MAIN in types:
        return XLSX
    return None


def sniff(uploaded) -> FileKind | None:
    """The accepted kind of ``uploaded`` (a file-like object), or None."""
    uploaded.seek(0)
    head = uploaded.read(16)
    uploaded.seek(0)
    if head.startswith(b"%PDF-"):
        return PDF
    if head.startswith(b"\x89PNG\r\n\x1a\n"):
        return PNG
    if head.startswith(b"\xff\xd8\xff"):
        return JPEG
    if head.startswith(b"PK\x03\x04"):
        return _office_kind(uploaded)
    return None


@dataclass(frozen=True)
class CheckedFile:
    kind: FileKind
    size: int
    sha256: str


def check_evidence_file(uploaded) -> CheckedFile:
    """Raise ValidationError({"file": …}) unless ``uploaded`` is an accepted kind within the size limit."""
    if uploaded is None:
        raise ValidationError({"file": [_("请选择要上传的文件。")]})
    size = uploaded.size
    limit = max_evidence_bytes()
    if size == 0:
        raise ValidationError({"file": [_("文件是空的。")]})
    if size > limit:
        raise ValidationError({"file": [_("文件过大：%(size).1f MB，上限为 %(limit).0f MB。")
                                        % {"size": size / 1048576, "limit": limit / 1048576}]})
    kind = sniff(uploaded)
    if kind is None:
        raise ValidationError({"file": [_("文件内容不是允许的类型（%(accepted)s），与文件名无关。")
                                        % {"accepted": ACCEPTED_LABEL}]})
    digest = hashlib.sha256()
    uploaded.seek(0)
    for chunk in uploaded.chunks() if hasattr(uploaded, "chunks") else iter(lambda: uploaded.read(65536), b""):
        digest.update(chunk)
    uploaded.seek(0)
    return CheckedFile(kind=kind, size=size, sha256=digest.hexdigest())
