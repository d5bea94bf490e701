"""Excel workbooks (openpyxl, write-only so that 10,000 rows stream without building cell objects in memory):
the ledger (应收账款台账) and the ageing report (账龄分析). Money is written as numbers with a two-decimal
format, dates as dates: the workbook can be summed and filtered in Excel without conversion."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date
from io import BytesIO

from django.http import HttpResponse
from django.utils.http import content_disposition_header
from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Alignment, Font, PatternFill

from workspace.selectors import AGEING_BUCKETS, Ageing, LedgerRow

MONEY_FORMAT = "#,##0.00"
DATE_FORMAT = "yyyy-mm-dd"
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
HEADER_FONT = Font(bold=True)
HEADER_FILL = PatternFill("solid", fgColor="DDE3EA")

LEDGER_COLUMNS: tuple[tuple[str, int], ...] = (
    ("案件编号", 14), ("委托人", 28), ("委托人统一社会信用代码", 22), ("债务人", 28), ("债务人证件号码", 22),
    ("案由", 16), ("本金", 14), ("主张金额", 14), ("已回款", 14), ("未清偿", 14), ("履行期限届满日", 13),
    ("逾期天数", 9), ("阶段", 10), ("结果", 10), ("承办律师", 10), ("最近联系日期", 13), ("下一期限", 13),
    ("下一期限事项", 30),
)


def _header(sheet, titles: Iterable[str]) -> list[WriteOnlyCell]:
    cells = []
    for title in titles:
        cell = WriteOnlyCell(sheet, value=title)
        cell.font, cell.fill = HEADER_FONT, HEADER_FILL
        cell.alignment = Alignment(vertical="center", wrap_text=True)
        cells.append(cell)
    return cells


def _money(sheet, value) -> WriteOnlyCell:
    cell = WriteOnlyCell(sheet, value=value)
    cell.number_format = MONEY_FORMAT
    return cell


def _date(sheet, value: date | None) -> WriteOnlyCell:
    cell = WriteOnlyCell(sheet, value=value)
    cell.number_format = DATE_FORMAT
    return cell


def _widths(sheet, widths: Iterable[int]) -> None:
    from openpyxl.utils import get_column_letter

    for index, width in enumerate(widths, start=1):
        sheet.column_dimensions[get_column_letter(index)].width = width


def _save(book: Workbook) -> bytes:
    buffer = BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def ledger_workbook(rows: Iterable[LedgerRow], *, as_of: date, firm_name: str = "") -> bytes:
    book = Workbook(write_only=True)
    sheet = book.create_sheet("应收账款台账")
    _widths(sheet, (width for _title, width in LEDGER_COLUMNS))
    sheet.freeze_panes = "B3"
    sheet.append([f"{firm_name} 应收账款台账（截至 {as_of.isoformat()}）".strip()])
    sheet.append(_header(sheet, (title for title, _width in LEDGER_COLUMNS)))
    for row in rows:
        m = row.matter
        deadline = row.next_deadline
        sheet.append([
            m.reference, m.mandate.client.name, m.mandate.client.uscc, m.debtor.name, m.debtor.id_number,
            m.get_cause_display(), _money(sheet, m.principal), _money(sheet, row.claimed),
            _money(sheet, row.recovered), _money(sheet, row.outstanding), _date(sheet, m.due_date), row.days_overdue,
            m.get_stage_display(), m.get_outcome_display(), m.lawyer.name if m.lawyer_id else "",
            _date(sheet, row.last_contact), _date(sheet, deadline.due_date if deadline else None),
            (f"{deadline.label}{'（已逾期）' if deadline.overdue else ''}" if deadline else ""),
        ])
    return _save(book)


def ageing_workbook(report: Ageing, *, firm_name: str = "") -> bytes:
    book = Workbook(write_only=True)
    sheet = book.create_sheet("账龄分析")
    bucket_titles = [label for _key, label, *_ in AGEING_BUCKETS] + ["合计"]
    _widths(sheet, [28] + [14, 8] * len(bucket_titles))
    sheet.freeze_panes = "B4"
    sheet.append([f"{firm_name} 账龄分析（未清偿金额，按履行期限届满日起算，截至 {report.as_of.isoformat()}）".strip()])
    top = ["委托人"]
    for title in bucket_titles:
        top += [title, ""]
    sheet.append(_header(sheet, top))
    sheet.append(_header(sheet, [""] + ["金额", "件数"] * len(bucket_titles)))
    for line in [*report.lines, report.total]:
        values: list = [line.name]
        for cell in [*line.ordered(), line.total]:
            values += [_money(sheet, cell.amount), cell.count]
        sheet.append(values)
    return _save(book)


def xlsx_response(content: bytes, filename: str) -> HttpResponse:
    response = HttpResponse(content, content_type=XLSX)
    response["Content-Disposition"] = content_disposition_header(True, filename)
    return response


def ledger_response(rows: Iterable[LedgerRow], *, as_of: date, firm_name: str) -> HttpResponse:
    return xlsx_response(ledger_workbook(rows, as_of=as_of, firm_name=firm_name), f"ledger-{as_of.isoformat()}.xlsx")


def ageing_response(report: Ageing, *, firm_name: str) -> HttpResponse:
    return xlsx_response(ageing_workbook(report, firm_name=firm_name), f"ageing-{report.as_of.isoformat()}.xlsx")
