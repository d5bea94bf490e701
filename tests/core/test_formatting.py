"""How amounts, rates, dates and asides are written."""

from datetime import date
from decimal import Decimal

import pytest

from core.formatting import cn_date, money_text, money_uppercase, percent_number, percent_text, with_aside


def test_amounts_rates_and_dates():
    assert money_text(Decimal("16409.2")) == "16,409.20"
    assert money_text(None) == ""
    assert money_uppercase(Decimal("-1.50")).startswith("负")
    assert percent_number(Decimal("0.025")) == "2.5" and percent_text(Decimal("0.05")) == "5%"
    assert percent_text(None) == "" and cn_date(date(2026, 1, 5)) == "2026年1月5日"


@pytest.mark.parametrize(("aside", "written"), [
    ("杭州市西湖区人民法院", "上诉期限届满（杭州市西湖区人民法院）"),
    ("（2026）浙0106民初9号", "上诉期限届满：（2026）浙0106民初9号"),
    ("〔2026〕甲律函字第0001号", "上诉期限届满：〔2026〕甲律函字第0001号"),
    ("〔2026〕清律函字第12号", "上诉期限届满：〔2026〕清律函字第12号"),
    ("", "上诉期限届满"),
])
def test_an_aside_never_doubles_a_bracket(aside, written):
    assert with_aside("上诉期限届满", aside) == written
