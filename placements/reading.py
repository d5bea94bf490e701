"""Reading an uploaded placement file: an .xlsx workbook or a CSV table, recognised by its content, not its name.

The result is the list of data rows of the first worksheet (or of the CSV), each with its line number as the
client sees it in Excel and its cells by column key (see ``placements.columns``). Anything that makes the file
unusable as a whole (not a spreadsheet, a broken workbook, an empty sheet, unknown or missing columns, too big,
too many rows) raises :class:`FileProblem` with a message for people and a code for programs. Nothing here
touches the database.
"""

from __future__ import annotations

import csv
import io
import zipfile
from dataclasses import dataclass, field

from django.utils.translation import gettext as _

from placements.columns import COLUMNS, REQUIRED_KEYS, column_for_header

MAX_BYTES = 10 * 1024 * 1024
MAX_ROWS = 20_000
# A 10 MB zip can unpack to far more; a real 20,000-row sheet stays well below this.
MAX_UNCOMPRESSED_BYTES = 400 * 1024 * 1024

XLSX = "xlsx"
CSV = "csv"


class FileProblem(Exception):
    """The file cannot be imported at all."""

    def __init__(self, code: str, message: str):
        super().__init__(message)
        self.code = code
        self.message = message


@dataclass
class Table:
    kind: str
    keys: list[str]  # the column keys found in the header, in file order
    rows: list[tuple[int, dict]] = field(default_factory=list)  # (line number, {key: raw cell value})


def _not_a_spreadsheet() -> FileProblem:
    return FileProblem("not_spreadsheet", _("该文件不是 Excel（.xlsx）或 CSV 表格，请使用下载的模板填写后上传。"))


def _broken_workbook() -> FileProblem:
    return FileProblem("broken_file", _("无法读取该 Excel 文件，文件可能已损坏。请在 Excel 中打开后另存为 .xlsx 再上传。"))


def _is_blank(value) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


def _xlsx_rows(data: bytes):
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
        names = set(archive.namelist())
        infos = archive.infolist()
    except (zipfile.BadZipFile, zipfile.LargeZipFile, ValueError, OSError, EOFError):
        raise _broken_workbook() from None
    if "[Content_Types].xml" not in names or not any(name.startswith("xl/") for name in names):
        raise _not_a_spreadsheet()
    if sum(info.file_size for info in infos) > MAX_UNCOMPRESSED_BYTES:
        raise FileProblem("too_large", _("文件解压后过大，请拆分后分批导入。"))

    import openpyxl

    try:
        workbook = openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except Exception:  # openpyxl raises many kinds (KeyError, XML errors, InvalidFileException …)
        raise _broken_workbook() from None
    try:
        if not workbook.worksheets:
            raise FileProblem("empty_sheet", _("工作簿中没有工作表。"))
        sheet = workbook.worksheets[0]
        try:
            yield from enumerate(sheet.iter_rows(values_only=True), start=1)
        except FileProblem:
            raise
        except Exception:
            raise _broken_workbook() from None
    finally:
        workbook.close()


def _decode_text(data: bytes) -> str:
    for encoding in ("utf-8-sig", "gb18030"):
        try:
            text = data.decode(encoding)
        except UnicodeDecodeError:
            continue
        controls = sum(1 for char in text[:20000] if ord(char) < 32 and char not in "\t\r\n")
        if controls:
            raise _not_a_spreadsheet()
        return text
    raise FileProblem("encoding", _("无法识别 CSV 文件的编码，请另存为“CSV UTF-8”或 GBK 编码后再上传。"))


def _csv_rows(data: bytes):
    text = _decode_text(data)
    first_line = text.split("\n", 1)[0]
    delimiter = ","
    if "," not in first_line and "，" not in first_line:
        if "\t" in first_line:
            delimiter = "\t"
        elif ";" in first_line:
            delimiter = ";"
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    try:
        yield from enumerate(reader, start=1)
    except csv.Error:
        raise FileProblem("broken_file", _("CSV 文件格式有误（第 %(line)d 行附近），请检查引号和分隔符。")
                          % {"line": reader.line_num}) from None


def detect_kind(data: bytes) -> str:
    if data.startswith(b"PK\x03\x04") or data.startswith(b"PK\x05\x06"):
        return XLSX
    if data.startswith(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"):
        raise FileProblem("xls_unsupported", _("不支持旧版 Excel（.xls）文件，请在 Excel 中另存为 .xlsx 后上传。"))
    if b"\x00" in data[:65536]:
        raise _not_a_spreadsheet()
    return CSV


def _header(cells) -> list[str | None]:
    keys: list[str | None] = []
    unknown: list[str] = []
    seen: dict[str, str] = {}
    for cell in cells:
        if _is_blank(cell):
            keys.append(None)
            continue
        text = str(cell).strip()
        column = column_for_header(text)
        if column is None:
            unknown.append(text)
            keys.append(None)
            continue
        if column.key in seen:
            raise FileProblem("duplicate_columns", _("表头中“%(first)s”与“%(second)s”是同一列，请删除其中一列。")
                              % {"first": seen[column.key], "second": text})
        seen[column.key] = text
        keys.append(column.key)
    if unknown:
        raise FileProblem("unknown_columns", _("无法识别的列：%(columns)s。可用的列为：%(known)s。")
                          % {"columns": "、".join(f"“{name}”" for name in unknown),
                             "known": "、".join(str(column.header) for column in COLUMNS)})
    missing = [column for column in COLUMNS if column.key in REQUIRED_KEYS and column.key not in seen]
    if missing:
        raise FileProblem("missing_columns", _("缺少必填列：%(columns)s。")
                          % {"columns": "、".join(f"“{column.header}”" for column in missing)})
    return keys


def read_table(data: bytes) -> Table:
    """The rows of ``data``; FileProblem when the file as a whole cannot be imported."""
    if not data:
        raise FileProblem("empty_file", _("上传的文件是空的。"))
    if len(data) > MAX_BYTES:
        raise FileProblem("too_large", _("文件超过 10 MB，请拆分后分批导入。"))
    kind = detect_kind(data)
    source = _xlsx_rows(data) if kind == XLSX else _csv_rows(data)
    keys: list[str | None] | None = None
    table: Table | None = None
    count = 0
    for line, cells in source:
        cells = list(cells or ())
        if all(_is_blank(cell) for cell in cells):
            continue
        if keys is None:
            keys = _header(cells)
            table = Table(kind=kind, keys=[key for key in keys if key])
            continue
        count += 1
        if count > MAX_ROWS:
            raise FileProblem("too_many_rows", _("文件超过 %(max)s 行数据，请拆分后分批导入。") % {"max": f"{MAX_ROWS:,}"})
        values = {key: None if _is_blank(cells[index]) else cells[index]
                  for index, key in enumerate(keys) if key and index < len(cells)}
        table.rows.append((line, values))
    if table is None:
        raise FileProblem("empty_sheet", _("表格是空的：第一个工作表中没有表头和数据。"))
    if not table.rows:
        raise FileProblem("no_rows", _("表格中只有表头，没有数据行。"))
    return table
