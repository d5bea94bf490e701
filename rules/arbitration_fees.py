"""Arbitration fees on a tiered schedule.

Each commission publishes its own schedule (the national 《仲裁委员会仲裁收费办法》 sets only ranges per slice),
so the tiers are data that the caller passes in. A commission's table reads "from X yuan: Y yuan plus r% of the
part above X"; a :class:`FeeTier` is one such row and a schedule is a list of them, the first from 0.

Checking a schedule (:func:`tier_problems`) and computing a fee (:func:`arbitration_fee`) are separate, so the
settings page can name every bad row while the calculation can trust what it gets.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal

from rules.errors import RuleInputError, require_money, require_rate, to_cents

ZERO = Decimal("0")
ONE = Decimal("1")


@dataclass(frozen=True)
class FeeTier:
    from_amount: Decimal
    fixed_fee: Decimal
    rate: Decimal  # a fraction of the part above from_amount: 0.01 is 1%


@dataclass(frozen=True)
class ArbitrationFee:
    amount: Decimal
    fee: Decimal
    tier: FeeTier
    note: str


def tier_problems(tiers: Sequence[FeeTier]) -> list[tuple[int, str]]:
    """(row index, message) for every row that breaks the schedule: empty, not starting at 0, not in ascending
    order, a repeated starting amount, a negative value or a rate of 100% or more."""
    if not tiers:
        return [(0, "至少需要一个收费档次。")]
    problems: list[tuple[int, str]] = []
    for index, tier in enumerate(tiers):
        if tier.from_amount < 0 or tier.fixed_fee < 0 or tier.rate < 0:
            problems.append((index, f"第{index + 1}档：金额和费率不能为负数。"))
        if tier.rate >= ONE:
            problems.append((index, f"第{index + 1}档：费率应小于100%。"))
        if index == 0 and tier.from_amount != 0:
            problems.append((index, "第1档应从0元起。"))
        if index > 0:
            previous = tiers[index - 1]
            if tier.from_amount == previous.from_amount:
                problems.append((index, f"第{index + 1}档的起点与第{index}档重复（{tier.from_amount:,}元）。"))
            elif tier.from_amount < previous.from_amount:
                problems.append((index, f"各档应按起点金额从小到大排列：第{index + 1}档（{tier.from_amount:,}元）"
                                        f"小于第{index}档（{previous.from_amount:,}元）。"))
    return problems


def arbitration_fee(amount: Decimal, tiers: Sequence[FeeTier], *, commission: str = "") -> ArbitrationFee:
    """The fee on ``amount`` claimed: the tier whose range holds it (the last one starting at or below it, a
    range including its upper end) gives its fixed fee plus its rate on the part above its start."""
    claimed = require_money(amount, "仲裁请求金额")
    checked = [FeeTier(require_money(t.from_amount, "档次起点"), require_money(t.fixed_fee, "固定费用"),
                       require_rate(t.rate, "费率", maximum=ONE)) for t in tiers]
    problems = tier_problems(checked)
    if problems:
        raise RuleInputError("bad_schedule", "；".join(message for _index, message in problems))
    tier = checked[0]
    for candidate in checked[1:]:
        # "X元以上至Y元" tables put Y itself in the lower tier; the two readings give the same fee at Y
        # whenever the table is continuous, and the lower tier is the published one otherwise.
        if claimed > candidate.from_amount:
            tier = candidate
    fee = to_cents(tier.fixed_fee + (claimed - tier.from_amount) * tier.rate)
    rate_text = f"{(tier.rate * 100).normalize():f}%"
    who = f"{commission}" if commission else "仲裁委员会"
    if tier.from_amount > 0:
        note = f"按{who}收费标准：争议金额超过{tier.from_amount:,}元的，{tier.fixed_fee:,}元加超过部分的{rate_text}"
    elif tier.rate:
        note = f"按{who}收费标准：{tier.fixed_fee:,}元加争议金额的{rate_text}"
    else:
        note = f"按{who}收费标准：每件{tier.fixed_fee:,}元"
    return ArbitrationFee(amount=claimed, fee=fee, tier=tier, note=note + "；以仲裁委员会实际收取为准。")
