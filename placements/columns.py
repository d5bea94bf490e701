"""The columns of a placement file: Chinese headers as in the downloadable template, plus English aliases.

Headers are matched after removing spaces, underscores, asterisks (the template marks required columns with
one) and full-width punctuation, ignoring case; so "欠款本金*", "Principal" and "principal" all name the same
column.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _


@dataclass(frozen=True)
class Column:
    key: str
    header: str  # the header of the template (always Chinese: it is a data format, not interface text)
    label: str  # the name in messages, translated
    aliases: tuple[str, ...]
    required: bool = False
    max_length: int | None = None
    help: str = ""
    example: str = ""


COLUMNS: tuple[Column, ...] = (
    Column("debtor_name", "债务人名称", _("债务人名称"), ("债务人", "债务人姓名", "名称", "debtor", "debtor name", "name"),
           required=True, max_length=200, help=_("公司全称或个人姓名"), example="杭州钱塘建材有限公司"),
    Column("debtor_kind", "债务人类型", _("债务人类型"), ("类型", "debtor type", "debtor kind", "type", "kind"),
           help=_("公司 或 个人；留空时按证件号码判断"), example="公司"),
    Column("id_number", "统一社会信用代码或身份证号",  _("统一社会信用代码或身份证号"),
           ("统一社会信用代码", "身份证号", "身份证号码", "证件号码", "证件号", "信用代码", "id number", "id", "uscc",
            "identifier", "id no"),
           required=True, help=_("公司填 18 位统一社会信用代码，个人填 18 位居民身份证号；请将该列设为文本格式"),
           example="91330106MA2CFXY80N"),
    Column("address", "住所/送达地址", _("住所/送达地址"), ("住所", "送达地址", "地址", "address"), max_length=300,
           example="浙江省杭州市西湖区文三路1号"),
    Column("phone", "联系电话", _("联系电话"), ("电话", "手机", "phone", "telephone", "tel"), max_length=100,
           help=_("多个号码用顿号或逗号分隔"), example="0571-88886666"),
    Column("principal", "欠款本金", _("欠款本金"), ("本金", "欠款金额", "金额", "principal", "amount"), required=True,
           help=_("单位：元，最多两位小数，可写 1,234.50"), example="125000.00"),
    Column("due_date", "到期日", _("到期日"), ("履行期限届满日", "还款期限", "到期日期", "due date", "due"),
           required=True, help=_("例如 2026-11-22、2026/11/22 或 2026年11月22日"), example="2025-06-30"),
    Column("cause", "案由", _("案由"), ("cause", "cause of action", "case type"),
           help=_("买卖合同、借款、建设工程、租赁、服务 或 其他；留空时按委托事项"), example="买卖合同"),
    Column("contract_number", "合同编号", _("合同编号"), ("合同号", "contract number", "contract no", "contract",
                                                     "reference", "external reference"),
           max_length=60, help=_("同一债务人的同一合同只导入一次（用于去重）"), example="HT-2024-0117"),
    Column("notes", "备注", _("备注"), ("说明", "notes", "note", "remarks", "comment"), max_length=1000,
           example=""),
)
COLUMN_BY_KEY = {column.key: column for column in COLUMNS}
REQUIRED_KEYS = frozenset(column.key for column in COLUMNS if column.required)

_NOISE = re.compile(r"[\s_*＊:：()（）\-]+")


def normalize_header(text: str) -> str:
    return _NOISE.sub("", str(text)).replace("／", "/").lower()


_HEADER_INDEX: dict[str, Column] = {}
for _column in COLUMNS:
    for _name in (_column.header, _column.key, *_column.aliases):
        _HEADER_INDEX.setdefault(normalize_header(_name), _column)


def column_for_header(text: str) -> Column | None:
    return _HEADER_INDEX.get(normalize_header(text))
