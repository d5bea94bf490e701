"""Excel workbooks: the ledger (应收账款台账) and the ageing report (账龄分析), written through
``core.exports`` (write-only, so that 10,000 rows stream without building cell objects in memory). Money is
written as numbers with a two-decimal format, dates as dates, so the workbook can be summed and filtered in Excel
without conversion; every name, number and label that people typed is text, never a formula."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date

from django.http import HttpResponse
from django.utils.http import content_disposition_header

from core.exports import XLSX, Sheet, workbook_bytes, write_only_workbook
from workspace.selectors import AGEING_BUCKETS, Ageing, LedgerRow

LEDGER_COLUMNS: tuple[tuple[str, int], ...] = (
    ("案件编号", 14), ("委托人", 28), ("委托人统一社会信用代码", 22), ("债务人", 28), ("债务人证件号码", 22),
    ("案由", 16), ("本金", 14), ("主张金额", 14), ("已回款", 14), ("未清偿", 14), ("履行期限届满日", 13),
    ("逾期天数", 9), ("阶段", 10), ("结果", 10), ("承办律师", 10), ("最近联系日期", 13), ("下一期限", 13),
    ("下一期限事项", 30),
)


def ledger_workbook(rows: Iterable[LedgerRow], *, as_of: date, firm_name: str = "") -> bytes:
    book = write_only_workbook()
    sheet = Sheet(book, "应收账款台账", widths=(width for _title, width in LEDGER_COLUMNS))
    sheet.freeze("B3")
    sheet.row([f"{firm_name} 应收账款台账（截至 {as_of.isoformat()}）".strip()])
    sheet.header(title for title, _width in LEDGER_COLUMNS)
    for row in rows:
        m = row.matter
        deadline = row.next_deadline
        sheet.row([
            m.reference, m.mandate.client.name, m.mandate.client.uscc, m.debtor.name, m.debtor.id_number,
            m.get_cause_display(), m.principal, row.claimed, row.recovered, row.outstanding, m.due_date,
            row.days_overdue, m.get_stage_display(), m.get_outcome_display(), m.lawyer.name if m.lawyer_id else "",
            row.last_contact, deadline.due_date if deadline else None,
            (f"{deadline.label}{'（已逾期）' if deadline.overdue else ''}" if deadline else ""),
        ])
    return workbook_bytes(book)


def ageing_workbook(report: Ageing, *, firm_name: str = "") -> bytes:
    book = write_only_workbook()
    bucket_titles = [label for _key, label, *_ in AGEING_BUCKETS] + ["合计"]
    sheet = Sheet(book, "账龄分析", widths=[28] + [14, 8] * len(bucket_titles))
    sheet.freeze("B4")
    sheet.row([f"{firm_name} 账龄分析（未清偿金额，按履行期限届满日起算，截至 {report.as_of.isoformat()}）".strip()])
    top = ["委托人"]
    for title in bucket_titles:
        top += [title, ""]
    sheet.header(top)
    sheet.header([""] + ["金额", "件数"] * len(bucket_titles))
    for line in [*report.lines, report.total]:
        values: list = [line.name]
        for cell in [*line.ordered(), line.total]:
            values += [cell.amount, cell.count]
        sheet.row(values)
    return workbook_bytes(book)


def xlsx_response(content: bytes, filename: str) -> HttpResponse:
    response = HttpResponse(content, content_type=XLSX)
    response["Content-Disposition"] = content_disposition_header(True, filename)
    return response


def ledger_response(rows: Iterable[LedgerRow], *, as_of: date, firm_name: str) -> HttpResponse:
    return xlsx_response(ledger_workbook(rows, as_of=as_of, firm_name=firm_name), f"ledger-{as_of.isoformat()}.xlsx")


def ageing_response(report: Ageing, *, firm_name: str) -> HttpResponse:
    return xlsx_response(ageing_workbook(report, firm_name=firm_name), f"ageing-{report.as_of.isoformat()}.xlsx")
