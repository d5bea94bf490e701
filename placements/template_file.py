"""The downloadable templates: an .xlsx workbook (data sheet first, then a sheet of instructions) and a CSV with
the header row, UTF-8 with BOM so that Excel opens it with the right characters. Both are written through
``core.exports``, as every spreadsheet of the product is."""

from __future__ import annotations

from django.utils.translation import gettext as _

from core.exports import DATE_FORMAT, MONEY_FORMAT, TEXT_FORMAT, csv_bytes, set_cell, workbook_bytes
from placements.columns import COLUMNS

TEXT_COLUMNS = {"id_number", "phone", "contract_number", "debtor_name", "debtor_kind", "address", "cause", "notes"}
PREFILLED_ROWS = 2000  # rows whose cells are formatted (text for identifiers, money, dates)


def template_xlsx() -> bytes:
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font, PatternFill
    from openpyxl.utils import get_column_letter

    workbook = Workbook()
    sheet = workbook.active
    sheet.title = "委托债权"
    required_fill = PatternFill("solid", fgColor="FDE9D9")
    optional_fill = PatternFill("solid", fgColor="EEF3F8")
    for index, column in enumerate(COLUMNS, start=1):
        cell = sheet.cell(row=1, column=index)
        set_cell(cell, column.header)
        cell.font = Font(bold=True)
        cell.fill = required_fill if column.required else optional_fill
        cell.alignment = Alignment(horizontal="center")
        letter = get_column_letter(index)
        sheet.column_dimensions[letter].width = max(12, min(40, len(column.header) * 2 + 6))
        number_format = (TEXT_FORMAT if column.key in TEXT_COLUMNS else MONEY_FORMAT if column.key == "principal"
                         else DATE_FORMAT if column.key == "due_date" else None)
        if number_format:
            for row in range(2, PREFILLED_ROWS + 2):
                sheet.cell(row=row, column=index).number_format = number_format
    sheet.freeze_panes = "A2"

    notes = workbook.create_sheet("填写说明")
    lines = [[_("列"), _("必填"), _("说明"), _("示例")]]
    lines += [[column.header, _("是") if column.required else _("否"), str(column.help), column.example]
              for column in COLUMNS]
    lines += [[], *([line] for line in (
        _("每行一笔债权；第一个工作表的第一行是表头，请勿修改表头。"),
        _("同一委托下，同一债务人的同一合同编号（无合同编号时：同一本金与到期日）只会导入一次，重复上传不会重复建案。"),
        _("最多 20,000 行，文件不超过 10 MB；也可另存为 CSV（UTF-8 或 GBK）上传。"),
    ))]
    for row, values in enumerate(lines, start=1):
        for column, value in enumerate(values, start=1):
            set_cell(notes.cell(row=row, column=column), value)
    for cell in notes[1]:
        cell.font = Font(bold=True)
    for letter, width in (("A", 28), ("B", 8), ("C", 60), ("D", 28)):
        notes.column_dimensions[letter].width = width

    return workbook_bytes(workbook)


def template_csv() -> bytes:
    return csv_bytes([[column.header for column in COLUMNS]])
