"""Files for the import tests, built in memory."""

import csv
import io
from datetime import date
from decimal import Decimal

from django.core.files.uploadedfile import SimpleUploadedFile

from tests.matters.helpers import valid_resident_id, valid_uscc

HEADERS = ["债务人名称", "债务人类型", "统一社会信用代码或身份证号", "住所/送达地址", "联系电话", "欠款本金", "到期日", "案由",
           "合同编号", "备注"]


def row(name="杭州钱塘建材有限公司", kind="公司", id_number=None, address="浙江省杭州市西湖区文三路1号",
        phone="0571-88886666", principal="125000.00", due="2025-06-30", cause="买卖合同", contract="HT-001",
        notes=""):
    return [name, kind, id_number if id_number is not None else valid_uscc(), address, phone, principal, due, cause,
            contract, notes]


def rows(count: int, start: int = 1) -> list[list]:
    """``count`` valid rows: companies and persons alternating, each with its own identifier and contract."""
    made = []
    for n in range(start, start + count):
        if n % 2:
            made.append(row(name=f"杭州钱塘建材有限公司{n}", id_number=valid_uscc(500000 + n), principal=f"{n * 1000}.50",
                            contract=f"HT-{n:05d}"))
        else:
            made.append(row(name=f"张{n}", kind="个人", id_number=valid_resident_id(500000 + n),
                            principal=f"{n * 1000}.50", contract=f"HT-{n:05d}"))
    return made


def xlsx_bytes(data_rows, headers=HEADERS, *, title="委托债权") -> bytes:
    from openpyxl import Workbook

    workbook = Workbook()
    sheet = workbook.active
    sheet.title = title
    if headers is not None:
        sheet.append(headers)
    for values in data_rows:
        sheet.append(values)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def csv_bytes(data_rows, headers=HEADERS, *, encoding="utf-8-sig") -> bytes:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(headers)
    writer.writerows(data_rows)
    return buffer.getvalue().encode(encoding)


def upload(content: bytes, name: str = "debts.xlsx") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, content)


def total(values) -> Decimal:
    return sum((Decimal(str(v)) for v in values), Decimal("0"))


FAR_DATE = date(2025, 6, 30)
