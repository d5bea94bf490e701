"""The one writer of every spreadsheet the product produces (Excel workbooks and CSV files).

A cell's type follows the Python type of its value, and nothing else: text (a name, a case number, a label) is
always a text cell, never a formula, whatever it starts with; a ``Decimal`` is an amount (number with two
decimals, so the sheet can be summed), an ``int`` a count, a ``date`` a date. Only the product computes numbers
and dates; whatever a person typed reaches a sheet as text.

Text that a spreadsheet program would read as a formula when the cell is edited, or when the file is saved as
CSV and opened again (it begins with ``=``, ``+``, ``-``, ``@``, a tab or a carriage return), is prefixed with a
single quote, as OWASP recommends against CSV injection. The name stays readable: ``'=HYPERLINK(…)``.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable
from datetime import date, datetime
from decimal import Decimal

from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
TEXT_FORMAT = "@"
MONEY_FORMAT = "#,##0.00"
DATE_FORMAT = "yyyy-mm-dd"
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
HEADER_FONT = Font(bold=True)
HEADER_FILL = PatternFill("solid", fgColor="DDE3EA")


def neutralise(text: str) -> str:
    """``text`` as it may stand in a cell: a leading formula character is quoted away."""
    return "'" + text if text.startswith(FORMULA_STARTS) else text


def cell_value(value):
    """The value to store for ``value``: text neutralised, numbers and dates as they are, None as empty.

    A float is refused: the product's amounts are Decimal, and a float would round them."""
    if value is None:
        return None
    if isinstance(value, bool):
        raise TypeError("a spreadsheet cell takes no bool; write the text to show")
    if isinstance(value, Decimal | int | date):
        return value
    if isinstance(value, float):
        raise TypeError("a spreadsheet cell takes Decimal amounts, not floats")
    return neutralise(str(value))


def cell_format(value) -> str | None:
    """The number format of the cell that holds ``value``."""
    if isinstance(value, Decimal):
        return MONEY_FORMAT
    if isinstance(value, date) and not isinstance(value, datetime):
        return DATE_FORMAT
    if isinstance(value, str):
        return TEXT_FORMAT
    return None


def set_cell(cell, value) -> None:
    """Writes ``value`` into an openpyxl cell (of a normal or a write-only workbook)."""
    cell.value = cell_value(value)
    if isinstance(cell.value, str):
        cell.data_type = "s"  # openpyxl would make "#N/A" an error cell; text stays text
    number_format = cell_format(value)
    if number_format:
        cell.number_format = number_format


class Sheet:
    """A write-only worksheet (rows stream out without building cell objects for the whole sheet)."""

    def __init__(self, book: Workbook, title: str, *, widths: Iterable[int] = ()):
        self._sheet = book.create_sheet(title)
        for index, width in enumerate(widths, start=1):
            self._sheet.column_dimensions[get_column_letter(index)].width = width

    def freeze(self, cell: str) -> None:
        self._sheet.freeze_panes = cell

    def _cell(self, value) -> WriteOnlyCell:
        cell = WriteOnlyCell(self._sheet)
        set_cell(cell, value)
        return cell

    def row(self, values: Iterable) -> None:
        self._sheet.append([self._cell(value) for value in values])

    def header(self, titles: Iterable[str]) -> None:
        cells = []
        for title in titles:
            cell = self._cell(title)
            cell.font, cell.fill = HEADER_FONT, HEADER_FILL
            cell.alignment = Alignment(vertical="center", wrap_text=True)
            cells.append(cell)
        self._sheet.append(cells)


def write_only_workbook() -> Workbook:
    return Workbook(write_only=True)


def workbook_bytes(book: Workbook) -> bytes:
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def csv_bytes(rows: Iterable[Iterable]) -> bytes:
    """A CSV file of ``rows``, every value as neutralised text, UTF-8 with BOM so that Excel reads it right."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    for values in rows:
        writer.writerow(["" if value is None else neutralise(str(value)) for value in values])
    return buffer.getvalue().encode("utf-8-sig")
