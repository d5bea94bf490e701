"""Risk-based (contingency) lawyer fees: caps and banned matters.

Sources: 司法部 国家发展改革委 国家市场监督管理总局《关于进一步规范律师服务收费的意见》（司发通〔2021〕87号）;
the banned matters restate 《律师服务收费管理办法》第十一条、第十二条.

- The cap is marginal over the amount finally recovered (or debt reduced), summed over every stage of the
  matter: below 1,000,000 at most 18%; 1–5 million 15%; 5–10 million 12%; 10–50 million 9%; 50 million and
  above 6%. All risk fees charged in every stage together must stay within it.
- Risk-based fees are banned for criminal, administrative, state-compensation and group litigation, marriage
  and inheritance, and claims for social insurance, minimum living allowance, maintenance (赡养费、抚养费、扶养费),
  pensions (抚恤金), relief (救济金), work-injury compensation and labour pay.
- A risk arrangement needs its own written contract with a prominent risk disclosure (not checked here).

Rates in this module are fractions: ``Decimal("0.10")`` is 10%.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from rules.errors import RuleInputError, require_money, require_rate, to_cents

ZERO = Decimal("0.00")
ONE = Decimal("1")


@dataclass(frozen=True)
class CapSlice:
    """The cap on one slice of the recovered amount: ``amount`` = ``base`` × ``rate``."""

    lower: Decimal
    upper: Decimal | None
    rate: Decimal
    base: Decimal
    amount: Decimal


@dataclass(frozen=True)
class CapResult:
    """The maximum total risk fee for a recovered ``amount``; ``cap`` is the sum of the slices."""

    amount: Decimal
    cap: Decimal
    slices: tuple[CapSlice, ...]


# (lower, upper, rate); the upper edge of a slice belongs to it, like the court-fee brackets.
CAP_BRACKETS: tuple[tuple[Decimal, Decimal | None, Decimal], ...] = (
    (Decimal("0"), Decimal("1000000"), Decimal("0.18")),
    (Decimal("1000000"), Decimal("5000000"), Decimal("0.15")),
    (Decimal("5000000"), Decimal("10000000"), Decimal("0.12")),
    (Decimal("10000000"), Decimal("50000000"), Decimal("0.09")),
    (Decimal("50000000"), None, Decimal("0.06")),
)
HIGHEST_CAP_RATE = Decimal("0.18")

# The firm's standard arrangement: an upfront fee of 2–5% of the amount placed, plus a share of recoveries.
UPFRONT_RATE_MIN = Decimal("0.02")
UPFRONT_RATE_MAX = Decimal("0.05")

# Causes of action the product uses for debt matters.
SALE = "sale"
LOAN = "loan"
CONSTRUCTION = "construction"
LEASE = "lease"
SERVICE = "service"
OTHER = "other"
# Matters where risk-based fees are banned.
CRIMINAL = "criminal"
ADMINISTRATIVE = "administrative"
STATE_COMPENSATION = "state_compensation"
GROUP_LITIGATION = "group_litigation"
MARRIAGE_INHERITANCE = "marriage_inheritance"
SOCIAL_INSURANCE = "social_insurance"
MINIMUM_LIVING = "minimum_living"
MAINTENANCE = "maintenance"
PENSION = "pension"
RELIEF = "relief"
WORK_INJURY = "work_injury"
LABOUR_PAY = "labour_pay"

CAUSE_LABELS: dict[str, str] = {
    SALE: "买卖合同纠纷",
    LOAN: "借款合同纠纷",
    CONSTRUCTION: "建设工程合同纠纷",
    LEASE: "租赁合同纠纷",
    SERVICE: "服务合同纠纷",
    OTHER: "其他纠纷",
    CRIMINAL: "刑事诉讼案件",
    ADMINISTRATIVE: "行政诉讼案件",
    STATE_COMPENSATION: "国家赔偿案件",
    GROUP_LITIGATION: "群体性诉讼案件",
    MARRIAGE_INHERITANCE: "婚姻、继承案件",
    SOCIAL_INSURANCE: "请求给予社会保险待遇",
    MINIMUM_LIVING: "请求给予最低生活保障待遇",
    MAINTENANCE: "请求给付赡养费、抚养费、扶养费",
    PENSION: "请求给付抚恤金",
    RELIEF: "请求给付救济金",
    WORK_INJURY: "请求给予工伤赔偿",
    LABOUR_PAY: "请求支付劳动报酬",
}

BANNED_CAUSES: frozenset[str] = frozenset(
    {
        CRIMINAL,
        ADMINISTRATIVE,
        STATE_COMPENSATION,
        GROUP_LITIGATION,
        MARRIAGE_INHERITANCE,
        SOCIAL_INSURANCE,
        MINIMUM_LIVING,
        MAINTENANCE,
        PENSION,
        RELIEF,
        WORK_INJURY,
        LABOUR_PAY,
    }
)


def _percent(rate: Decimal) -> str:
    return f"{(rate * 100).normalize():f}%"


def risk_fee_cap(amount: Decimal) -> CapResult:
    """The most that all risk fees together may total for ``amount`` recovered (marginal slices)."""
    recovered = require_money(amount, "实现债权或减免债务金额")
    slices: list[CapSlice] = []
    for lower, upper, rate in CAP_BRACKETS:
        if recovered <= lower:
            break
        top = recovered if upper is None else min(recovered, upper)
        base = to_cents(top - lower)
        slices.append(CapSlice(lower=lower, upper=upper, rate=rate, base=base, amount=to_cents(base * rate)))
    cap = to_cents(sum((piece.amount for piece in slices), ZERO))
    return CapResult(amount=recovered, cap=cap, slices=tuple(slices))


def _require_cause(cause: str) -> str:
    if cause not in CAUSE_LABELS:
        raise RuleInputError("unknown_cause", f"未知的案由代码：{cause!r}")
    return cause


def risk_fee_allowed(cause: str) -> tuple[bool, str | None]:
    """Whether a risk-based fee may be agreed for this cause; the reason (Chinese) when it may not."""
    _require_cause(cause)
    if cause in BANNED_CAUSES:
        return (
            False,
            f"{CAUSE_LABELS[cause]}禁止实行或者变相实行风险代理收费"
            "（司发通〔2021〕87号；《律师服务收费管理办法》第十一条、第十二条）。",
        )
    return True, None


def check_risk_arrangement(
    *, upfront_rate: Decimal, success_rate: Decimal, placed_amount: Decimal, cause: str
) -> list[str]:
    """Problems with a proposed risk arrangement (empty list when none).

    ``upfront_rate`` is charged on ``placed_amount`` (the debt handed to the firm), ``success_rate`` on what
    is recovered. Checked: the cause is not banned; the upfront rate is within the firm's 2%–5% standard; the
    success rate is not above 18% (above it every recovery breaks the cap); and, if the whole placed amount
    were recovered, upfront + success fee would stay within the cap. The cap is finally enforced on the actual
    recoveries by :func:`capped_success_fee`.
    """
    upfront = require_rate(upfront_rate, "前期费用比例", maximum=ONE)
    success = require_rate(success_rate, "回款提成比例", maximum=ONE)
    placed = require_money(placed_amount, "委托金额")
    allowed, reason = risk_fee_allowed(cause)

    problems: list[str] = []
    if not allowed and reason:
        problems.append(reason)
    if not UPFRONT_RATE_MIN <= upfront <= UPFRONT_RATE_MAX:
        problems.append(f"前期费用比例{_percent(upfront)}不在本所标准方案2%–5%的范围内。")
    if success > HIGHEST_CAP_RATE:
        problems.append(
            f"回款提成比例{_percent(success)}高于18%，任何回款金额下都会超过风险代理收费上限（司发通〔2021〕87号）。"
        )
    cap = risk_fee_cap(placed).cap
    at_full_recovery = to_cents(placed * upfront) + to_cents(placed * success)
    if at_full_recovery > cap:
        problems.append(
            f"若全额收回{placed:,}元，前期费用与回款提成合计{at_full_recovery:,}元，超过风险代理收费上限"
            f"{cap:,}元（司发通〔2021〕87号，分段累计）。"
        )
    return problems


def capped_success_fee(
    *,
    recovered_total: Decimal,
    success_rate: Decimal,
    fees_already_charged: Decimal,
    success_fees_already_charged: Decimal = ZERO,
) -> Decimal:
    """The success fee to charge now, so that the risk fees of every stage stay within the cap.

    ``recovered_total`` is everything recovered so far in the matter (all stages). ``fees_already_charged``
    is every risk fee already charged in it, the upfront fee included. The contract entitles the firm to
    ``success_rate`` × ``recovered_total`` less the success fees it already charged
    (``success_fees_already_charged``, part of ``fees_already_charged``); the result is that entitlement,
    reduced so that ``fees_already_charged`` + result ≤ ``risk_fee_cap(recovered_total).cap``, and never
    negative.
    """
    recovered = require_money(recovered_total, "累计实现债权金额")
    rate = require_rate(success_rate, "回款提成比例", maximum=ONE)
    charged = require_money(fees_already_charged, "已收取的风险代理费用")
    earlier_success = require_money(success_fees_already_charged, "已收取的回款提成")
    if earlier_success > charged:
        raise RuleInputError("inconsistent", "已收取的回款提成不能多于已收取的风险代理费用总额。")
    entitled = to_cents(recovered * rate) - earlier_success
    room = risk_fee_cap(recovered).cap - charged
    return max(ZERO, min(entitled, room))


def upfront_fee_exceeds_cap_below(upfront_fee: Decimal) -> Decimal:
    """The recovery below which ``upfront_fee`` alone is more than the cap: the amount R whose cap is
    ``upfront_fee`` (``risk_fee_cap(R).cap`` == ``upfront_fee``), to the cent.

    The engagement and risk-agency contracts count the up-front fee towards the cap; a final recovery below
    this level means part of the up-front fee must be refunded. 47,082.00 up front → 261,566.67.
    """
    fee = require_money(upfront_fee, "前期费用")
    reached = ZERO
    for lower, upper, rate in CAP_BRACKETS:
        slice_cap = None if upper is None else (upper - lower) * rate
        if slice_cap is None or fee <= reached + slice_cap:
            return (lower + (fee - reached) / rate).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)
        reached += slice_cap
    raise AssertionError("the last bracket has no upper edge")
