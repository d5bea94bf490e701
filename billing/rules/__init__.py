"""Pure fee rules (court fees, risk-fee caps, uppercase RMB): plain functions over Decimal, no Django."""

from billing.rules.errors import RuleInputError

__all__ = ["RuleInputError"]
