"""core.exports: a cell's type follows its value's Python type; text never becomes a formula."""

import csv
import io
from datetime import date
from decimal import Decimal

import pytest
from openpyxl import Workbook, load_workbook

from core.exports import (
    DATE_FORMAT,
    MONEY_FORMAT,
    TEXT_FORMAT,
    Sheet,
    cell_value,
    csv_bytes,
    neutralise,
    set_cell,
    workbook_bytes,
    write_only_workbook,
)


@pytest.mark.parametrize("text", ["=1+1", "+1", "-1", "@SUM(A1)", "\t=1", "\r=1", '=HYPERLINK("x","y")'])
def test_formula_starts_are_quoted_and_keep_the_text(text):
    assert neutralise(text) == "'" + text


@pytest.mark.parametrize("text", ["杭州钱塘建材有限公司", "QS-2026-000001", "1+1", "a=b", "", "'quoted"])
def test_other_text_is_unchanged(text):
    assert neutralise(text) == text


def test_values_keep_their_kind():
    assert cell_value(Decimal("12.50")) == Decimal("12.50")
    assert cell_value(3) == 3
    assert cell_value(date(2026, 1, 2)) == date(2026, 1, 2)
    assert cell_value(None) is None
    assert cell_value("=1") == "'=1"
    with pytest.raises(TypeError):
        cell_value(1.5)
    with pytest.raises(TypeError):
        cell_value(True)


def test_a_write_only_sheet_writes_text_numbers_and_dates():
    book = write_only_workbook()
    sheet = Sheet(book, "表", widths=(10, 12))
    sheet.header(["名称", "金额"])
    sheet.row(["=cmd|' /C calc'!A0", Decimal("1234.50"), date(2026, 3, 1), 7, None, "#N/A", "-5"])
    loaded = load_workbook(io.BytesIO(workbook_bytes(book)))
    cells = list(loaded.active.iter_rows())[1]
    assert [cell.data_type for cell in cells[:4]] == ["s", "n", "d", "n"]
    assert cells[0].value == "'=cmd|' /C calc'!A0" and cells[0].number_format == TEXT_FORMAT
    assert cells[1].value == Decimal("1234.50") and cells[1].number_format == MONEY_FORMAT
    assert cells[2].value.date() == date(2026, 3, 1) and cells[2].number_format == DATE_FORMAT
    assert cells[4].value is None
    assert cells[5].value == "#N/A" and cells[5].data_type == "s"  # text, not an error cell
    assert cells[6].value == "'-5"


def test_a_normal_workbook_cell_is_written_the_same_way():
    book = Workbook()
    set_cell(book.active["A1"], "=1+1")
    loaded = load_workbook(io.BytesIO(workbook_bytes(book)))
    assert loaded.active["A1"].value == "'=1+1" and loaded.active["A1"].data_type == "s"


def test_csv_values_are_neutralised():
    content = csv_bytes([["=1+1", "名称", None, Decimal("5")]])
    assert content.startswith("\ufeff".encode())
    assert next(csv.reader(io.StringIO(content.decode("utf-8-sig")))) == ["'=1+1", "名称", "", "5"]
