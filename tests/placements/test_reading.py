"""Reading files and checking cells, without the database."""

import io
import zipfile
from datetime import date, datetime
from decimal import Decimal

import pytest

from placements.reading import MAX_ROWS, FileProblem, read_table
from placements.rows import clean_row, parse_amount, parse_date, problem_message
from tests.placements.helpers import HEADERS, csv_bytes, row, xlsx_bytes


def problem_code(data: bytes) -> str:
    with pytest.raises(FileProblem) as caught:
        read_table(data)
    return caught.value.code


@pytest.mark.parametrize("text, expected", [
    ("125000", Decimal("125000.00")), ("1,234.50", Decimal("1234.50")), ("￥1,234.5元", Decimal("1234.50")),
    (1234.5, Decimal("1234.50")), (88, Decimal("88.00")), (" 3 000 ", Decimal("3000.00")),
])
def test_amount_accepts_common_spellings(text, expected):
    assert parse_amount(text) == (expected, None)


@pytest.mark.parametrize("text, code", [
    ("", "amount_missing"), (None, "amount_missing"), ("12,3x", "amount_invalid"), ("1.234", "amount_decimals"),
    ("-5", "amount_not_positive"), ("0", "amount_not_positive"), ("1000000000000", "amount_too_large"),
    ("1e13", "amount_invalid"), ("1,2,3", "amount_invalid"),
    ("NaN", "amount_invalid"), (True, "amount_invalid"),
])
def test_amount_refuses_bad_values(text, code):
    amount, problem = parse_amount(text)
    assert amount is None and problem["code"] == code


@pytest.mark.parametrize("value, expected", [
    ("2026-11-22", date(2026, 11, 22)), ("2026/11/22", date(2026, 11, 22)), ("2026年11月22日", date(2026, 11, 22)),
    ("2026.1.2", date(2026, 1, 2)), ("20261122", date(2026, 11, 22)), (datetime(2026, 11, 22), date(2026, 11, 22)),
    (46348, date(2026, 11, 22)), ("2026-11-22 00:00:00", date(2026, 11, 22)),
])
def test_dates_in_every_accepted_form(value, expected):
    assert parse_date(value) == (expected, None)


@pytest.mark.parametrize("value, code", [
    ("2026-02-30", "date_impossible"), ("2026年13月1日", "date_impossible"), ("明年", "date_invalid"),
    ("", "date_missing"), ("22/11/2026", "date_invalid"), ("1800-01-01", "date_out_of_range"),
    ("1949-09-30", "date_out_of_range"), ("2101-01-01", "date_out_of_range"), (2958465, "date_out_of_range"),
])
def test_impossible_or_unreadable_dates(value, code):
    parsed, problem = parse_date(value)
    assert parsed is None and problem["code"] == code


def test_impossible_date_message_names_the_value():
    _, problem = parse_date("2026-02-30")
    assert problem_message(problem) == "到期日“2026-02-30”不存在。"


def test_debtor_type_is_inferred_from_the_identifier_when_blank():
    values = dict(zip(HEADERS and ["debtor_name", "debtor_kind", "id_number", "address", "phone", "principal",
                                   "due_date", "cause", "contract_number", "notes"],
                      row(kind="", id_number="110105198001020019"), strict=True))
    _, cleaned, problems = clean_row(values, default_cause="sale")
    # 110105198001020019 may or may not be a valid ID; the kind is person in both cases (18 digits).
    assert cleaned["debtor_kind"] == "person"


def test_unknown_cause_and_type_are_row_problems():
    keys = ["debtor_name", "debtor_kind", "id_number", "principal", "due_date", "cause"]
    _, _, problems = clean_row(dict(zip(keys, ["甲公司", "合伙", "91310000MA0000001X", "1", "2026-01-01", "赌债"],
                                        strict=True)), default_cause="sale")
    assert {p["code"] for p in problems} >= {"kind_invalid", "cause_invalid"}


def test_xlsx_and_csv_give_the_same_rows():
    data = [row(id_number="91310000MA0000001X", principal="1,234.50")]
    from_xlsx = read_table(xlsx_bytes(data))
    from_csv = read_table(csv_bytes(data))
    assert from_xlsx.kind == "xlsx" and from_csv.kind == "csv"
    assert [line for line, _ in from_xlsx.rows] == [line for line, _ in from_csv.rows] == [2]
    assert from_xlsx.rows[0][1] == from_csv.rows[0][1]


def test_english_headers_are_accepted():
    headers = ["Debtor name", "Debtor type", "ID number", "Address", "Phone", "Principal", "Due date", "Cause",
               "Contract number", "Notes"]
    table = read_table(csv_bytes([row()], headers=headers))
    assert table.keys[0] == "debtor_name" and table.keys[5] == "principal"


def test_blank_rows_are_skipped_and_lines_match_excel():
    table = read_table(xlsx_bytes([row(), [None] * 10, row()]))
    assert [line for line, _ in table.rows] == [2, 4]


def test_gbk_csv_is_read():
    table = read_table(csv_bytes([row(name="杭州钱塘建材有限公司")], encoding="gbk"))
    assert table.rows[0][1]["debtor_name"] == "杭州钱塘建材有限公司"


def test_random_bytes_are_not_a_spreadsheet():
    import random

    assert problem_code(random.Random(7).randbytes(4096)) == "not_spreadsheet"


def test_truncated_xlsx_is_a_broken_file():
    assert problem_code(xlsx_bytes([row()])[:600]) == "broken_file"


def test_a_zip_that_is_not_a_workbook():
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("hello.txt", "hi")
    assert problem_code(buffer.getvalue()) == "not_spreadsheet"


def test_xlsx_with_garbage_inside_is_a_broken_file():
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("[Content_Types].xml", "<not xml")
        archive.writestr("xl/workbook.xml", "garbage")
    assert problem_code(buffer.getvalue()) == "broken_file"


def test_old_xls_is_refused_with_its_own_message():
    assert problem_code(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 600) == "xls_unsupported"


def test_empty_sheet_and_header_only():
    assert problem_code(xlsx_bytes([], headers=None)) == "empty_sheet"
    assert problem_code(xlsx_bytes([])) == "no_rows"
    assert problem_code(b"") == "empty_file"


def test_unknown_and_missing_columns():
    with pytest.raises(FileProblem) as caught:
        read_table(csv_bytes([["x", "1"]], headers=["债务人名称", "客户经理"]))
    assert caught.value.code == "unknown_columns" and "客户经理" in caught.value.message
    assert problem_code(csv_bytes([["甲", "1"]], headers=["债务人名称", "欠款本金"])) == "missing_columns"
    assert problem_code(csv_bytes([["甲", "乙"]], headers=["债务人名称", "名称"])) == "duplicate_columns"


def test_too_many_rows(monkeypatch):
    monkeypatch.setattr("placements.reading.MAX_ROWS", 3)
    assert problem_code(csv_bytes([row()] * 4)) == "too_many_rows"
    assert MAX_ROWS == 20_000


def test_too_large():
    assert problem_code(b"a" * (10 * 1024 * 1024 + 1)) == "too_large"


def test_out_of_range_date_message_names_the_bounds():
    _, problem = parse_date("9999-12-31")
    assert problem_message(problem) == "到期日“9999-12-31”超出可受理的范围（1949-10-01 至 2100-12-31），请核对年份。"


def test_full_width_dates_are_read():
    assert parse_date("２０２６－１１－２２") == (date(2026, 11, 22), None)
