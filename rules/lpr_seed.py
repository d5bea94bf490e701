"""Seed data: the 1-year loan prime rate (贷款市场报价利率, LPR) published by 全国银行间同业拆借中心.

Each entry is (the date from which the rate is in force, the rate in percent per year). The LPR regime began on
2019-08-20 (中国人民银行公告〔2019〕第15号). This tuple only seeds the database table; the Django layer loads the
live, editable table from the database, because new rates are published monthly.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal

LPR_SEED: tuple[tuple[date, Decimal], ...] = (
    (date(2019, 8, 20), Decimal("4.25")),
    (date(2019, 9, 20), Decimal("4.20")),
    (date(2019, 11, 20), Decimal("4.15")),
    (date(2020, 2, 20), Decimal("4.05")),
    (date(2020, 4, 20), Decimal("3.85")),
    (date(2021, 12, 20), Decimal("3.80")),
    (date(2022, 1, 20), Decimal("3.70")),
    (date(2022, 8, 22), Decimal("3.65")),
    (date(2023, 6, 20), Decimal("3.55")),
    (date(2023, 8, 21), Decimal("3.45")),
    (date(2024, 7, 22), Decimal("3.35")),
    (date(2024, 10, 21), Decimal("3.10")),
    (date(2025, 5, 20), Decimal("3.00")),
)
