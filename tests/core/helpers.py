"""One table of typed amounts, checked at every entry point: the page forms, the API, the calculators and the
bulk import must all accept the same ones (to the same value) and refuse the same ones."""

from decimal import Decimal

ACCEPTED_AMOUNTS: list[tuple[str, Decimal]] = [
    ("1000", Decimal("1000.00")),
    ("1000.5", Decimal("1000.50")),
    ("1,000.00", Decimal("1000.00")),
    ("1,234,567.89", Decimal("1234567.89")),
    ("1 000.00", Decimal("1000.00")),
    ("１２３４．５６", Decimal("1234.56")),
    ("１，０００．００", Decimal("1000.00")),
    ("1，000.00", Decimal("1000.00")),
    ("¥1,000", Decimal("1000.00")),
    ("￥１０００", Decimal("1000.00")),
    ("1000元", Decimal("1000.00")),
    (" 88 ", Decimal("88.00")),
]

REFUSED_AMOUNTS: list[str] = [
    "1,2,3",  # separators out of place: never read as 123
    "1,0000",
    "10,00.00",
    "1.000,00",
    "12,3x",
    "1e5",
    "NaN",
    "Infinity",
    "abc",
    "1.234",
    "-100",
    "1000000000000",
    "١٢٣",  # Arabic-Indic digits are digits to Python, not to a Chinese ledger
]
