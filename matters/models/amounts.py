"""How the matters app stores amounts: Decimal(14, 2) in yuan."""

from decimal import Decimal

MONEY = {"max_digits": 14, "decimal_places": 2}
ZERO = Decimal("0.00")
