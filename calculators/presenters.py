"""The one place where the calculators call the rules library and turn its results into plain data.

The API returns these dicts as JSON and the pages (and the cost-estimate PDF) render the very same dicts, so a
number can never differ between the two. Every function here takes values already parsed (``Decimal``,
``date``, ``int``), passes the live reference data from :mod:`calculators.selectors` to the rules, and lets
:class:`rules.errors.RuleInputError` through for the caller to turn into a 400 or a form error.

Amounts are :class:`Money`: a ``str`` with two decimals ("1234567.89"), so that JSON gets a string, which also
carries ``.figures`` ("1,234,567.89") and ``.uppercase`` (壹佰贰拾叁万…) for templates.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from django.utils import timezone

from calculators.selectors import holiday_calendar, lpr_table
from rules import court_fees as fees
from rules import deadlines, identifiers, interest, rates, risk_fees
from rules.errors import to_cents
from rules.rmb import format_cny, rmb_uppercase

HUNDRED = Decimal("100")
WEEKDAYS = "一二三四五六日"

COURT_FEES_SOURCE = "《诉讼费用交纳办法》（国务院令第481号）"
RISK_FEES_SOURCE = "司法部 国家发展改革委 国家市场监督管理总局《关于进一步规范律师服务收费的意见》（司发通〔2021〕87号）"
RISK_CAP_NOTE = (
    "风险代理收费实行分段累计封顶：实现债权或减免债务金额100万元以下的部分不超过18%，100万元至500万元的部分不超过15%，"
    "500万元至1000万元的部分不超过12%，1000万元至5000万元的部分不超过9%，5000万元以上的部分不超过6%；"
    "各办案阶段收取的风险代理费用合计不得超过上限（司发通〔2021〕87号）。"
)
DEADLINE_SOURCE = (
    "期间开始的当日不计算在期间内（《民法典》第二百零一条）；按月、年计算的，到期月的对应日为期间最后一日，"
    "没有对应日的为月末日（第二百零二条）；期间届满的最后一日是法定休假日的，以其后的第一个工作日为期间最后一日"
    "（《民事诉讼法》第八十五条、《民法典》第二百零三条）。"
)
IDENTIFIER_SOURCE = (
    "统一社会信用代码按GB 32100-2015校验第18位校验码；居民身份证号码按GB 11643-1999校验出生日期与第18位校验码。"
    "校验通过只说明号码结构正确，不证明该号码已实际登记或签发。"
)
RMB_SOURCE = "按中国人民银行《支付结算办法》附一《正确填写票据和结算凭证的基本规定》书写。"


class Money(str):
    """An amount as a string with two decimals; ``.figures`` and ``.uppercase`` for people."""

    value: Decimal

    def __new__(cls, value: Decimal) -> Money:
        amount = to_cents(value)
        text = super().__new__(cls, f"{amount:.2f}")
        text.value = amount
        return text

    @property
    def figures(self) -> str:
        return format_cny(self.value)

    @property
    def uppercase(self) -> str:
        return rmb_uppercase(self.value) if self.value >= 0 else "负" + rmb_uppercase(-self.value)


def money(value: Decimal | None) -> Money | None:
    return None if value is None else Money(value)


def rate_text(value: Decimal | None) -> str | None:
    """A percent value as text with at least two decimals and no trailing noise: 3.1 → "3.10", 4.485 → "4.485"."""
    if value is None:
        return None
    normalized = value.normalize()
    if -normalized.as_tuple().exponent <= 2:
        return f"{value.quantize(Decimal('0.01')):f}"
    return f"{normalized:f}"


def percent_text(fraction: Decimal | None) -> str | None:
    """A fraction as percent text: 0.025 → "2.5"."""
    if fraction is None:
        return None
    return f"{(fraction * HUNDRED).normalize():f}"


def cn_date(value: date | None) -> str | None:
    """2026年11月22日: how dates are written in court papers and the PDFs."""
    if value is None:
        return None
    return f"{value.year}年{value.month}月{value.day}日"


def weekday_text(value: date) -> str:
    return f"星期{WEEKDAYS[value.weekday()]}"


# ---------------------------------------------------------------------------------------------------------
# Court fees
# ---------------------------------------------------------------------------------------------------------

FEE_LABELS = {
    "acceptance_fee": "案件受理费",
    "acceptance_fee_halved": "案件受理费（减半）",
    "payment_order_fee": "支付令申请费",
    "preservation_fee": "财产保全申请费",
    "execution_fee": "申请执行费",
}
FEE_ARTICLES = {
    "acceptance_fee": "第十三条(一)",
    "acceptance_fee_halved": "第十三条(一)、第十五条、第十六条",
    "payment_order_fee": "第十四条(三)",
    "preservation_fee": "第十四条(二)",
    "execution_fee": "第十四条(一)、第二十条、第三十八条",
}


def _fee_line(line: fees.BracketLine) -> dict:
    return {
        "kind": line.kind,
        "label": line.label,
        "lower": money(line.lower),
        "upper": money(line.upper),
        "rate_percent": percent_text(line.rate),
        "flat": money(line.flat),
        "base": money(line.base),
        "amount": money(line.amount),
    }


def _fee(key: str, result: fees.FeeResult) -> dict:
    return {
        "key": key,
        "label": FEE_LABELS[key],
        "articles": f"《诉讼费用交纳办法》{FEE_ARTICLES[key]}",
        "basis": money(result.amount),
        "fee": money(result.fee),
        "fee_uppercase": rmb_uppercase(result.fee),
        "note": result.note,
        "lines": [_fee_line(line) for line in result.lines],
    }


def court_fees(amount: Decimal, preservation_amount: Decimal | None = None,
               execution_amount: Decimal | None = None) -> dict:
    """Every court fee on a claim; preservation and enforcement default to the amount claimed."""
    preservation_amount = amount if preservation_amount is None else preservation_amount
    execution_amount = amount if execution_amount is None else execution_amount
    breakdowns = {
        "acceptance_fee": _fee("acceptance_fee", fees.acceptance_fee(amount)),
        "acceptance_fee_halved": _fee("acceptance_fee_halved", fees.acceptance_fee_halved(amount)),
        "payment_order_fee": _fee("payment_order_fee", fees.payment_order_fee(amount)),
        "preservation_fee": _fee("preservation_fee", fees.preservation_fee(preservation_amount)),
        "execution_fee": _fee("execution_fee", fees.execution_fee(execution_amount)),
    }
    return {
        "amount": money(amount),
        "preservation_amount": money(preservation_amount),
        "execution_amount": money(execution_amount),
        **{key: breakdown["fee"] for key, breakdown in breakdowns.items()},
        "source": COURT_FEES_SOURCE,
        "breakdowns": breakdowns,
    }


# ---------------------------------------------------------------------------------------------------------
# Risk-fee cap
# ---------------------------------------------------------------------------------------------------------


def _slice_label(piece: risk_fees.CapSlice) -> str:
    def wan(value: Decimal) -> str:
        return f"{(value / 10000).normalize():f}万元"

    if piece.upper is None:
        span = f"{wan(piece.lower)}以上的部分"
    elif piece.lower == 0:
        span = f"{wan(piece.upper)}以下的部分"
    else:
        span = f"{wan(piece.lower)}至{wan(piece.upper)}的部分"
    return f"{span}，不超过{percent_text(piece.rate)}%"


def risk_fee_cap(amount: Decimal) -> dict:
    result = risk_fees.risk_fee_cap(amount)
    return {
        "amount": money(result.amount),
        "cap": money(result.cap),
        "cap_uppercase": rmb_uppercase(result.cap),
        "effective_rate_percent": (
            rate_text(result.cap * HUNDRED / result.amount) if result.amount else None
        ),
        "slices": [
            {
                "label": _slice_label(piece),
                "lower": money(piece.lower),
                "upper": money(piece.upper),
                "rate_percent": percent_text(piece.rate),
                "base": money(piece.base),
                "amount": money(piece.amount),
            }
            for piece in result.slices
        ],
        "source": RISK_FEES_SOURCE,
        "note": RISK_CAP_NOTE,
    }


# ---------------------------------------------------------------------------------------------------------
# Uppercase RMB and identifiers
# ---------------------------------------------------------------------------------------------------------


def rmb(amount: Decimal) -> dict:
    value = Money(amount)
    return {"amount": value, "figures": value.figures, "text": value.uppercase, "source": RMB_SOURCE}


def identifier(value: str) -> dict:
    check = identifiers.identify(value)
    return {
        "value": value,
        "valid": check.valid,
        "kind": check.kind,
        "kind_label": identifiers.KIND_LABELS.get(check.kind) if check.kind else None,
        "reason_code": check.reason_code,
        "reason": check.reason,
        "normalized": check.normalized,
        "source": IDENTIFIER_SOURCE,
    }


# ---------------------------------------------------------------------------------------------------------
# Deadlines
# ---------------------------------------------------------------------------------------------------------


def deadline(start: date, *, days: int = 0, months: int = 0, years: int = 0, kind: str | None = None) -> dict:
    """A period from ``start``: either a named ``kind`` or exactly one of days / months / years."""
    calendar = holiday_calendar()
    if kind:
        period = deadlines.DEADLINE_KINDS[kind]
        result = deadlines.deadline_for(kind, start, calendar)
        period_data = {"kind": kind, "kind_label": period.label, "source": period.source,
                       "days": period.days, "months": period.months, "years": period.years}
    else:
        result = deadlines.add_period(start, days=days, months=months, years=years, calendar=calendar)
        period_data = {"kind": None, "kind_label": None, "source": None, "days": days, "months": months,
                       "years": years}
    return {
        "start": result.start.isoformat(),
        "deadline": result.deadline.isoformat(),
        "nominal_deadline": result.nominal_deadline.isoformat(),
        "deadline_display": cn_date(result.deadline),
        "nominal_deadline_display": cn_date(result.nominal_deadline),
        "deadline_weekday": weekday_text(result.deadline),
        "nominal_deadline_weekday": weekday_text(result.nominal_deadline),
        "rolled_over": result.rolled_over,
        "holiday_data": result.holiday_data,
        "holiday_years": sorted(calendar.years),
        "period": period_data,
        "note": result.note,
        "rule": DEADLINE_SOURCE,
    }


# ---------------------------------------------------------------------------------------------------------
# Interest
# ---------------------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class RateInput:
    kind: str  # "lpr" or "fixed"
    multiplier: Decimal | None = None
    fixed_on: date | None = None
    annual_rate: Decimal | None = None

    def to_rule(self) -> rates.FixedRate | rates.LprRate:
        if self.kind == "fixed":
            assert self.annual_rate is not None
            return rates.FixedRate(self.annual_rate)
        return rates.LprRate(multiplier=self.multiplier or Decimal("1"), fixed_on=self.fixed_on)


SEGMENT_KIND_LABELS = {interest.INTEREST: "利息", interest.LATE_PERFORMANCE: "加倍部分债务利息"}
CONVENTIONS = {
    (True, False): "算头不算尾",
    (True, True): "算头又算尾",
    (False, True): "算尾不算头",
    (False, False): "头尾均不计",
}


def interest_result(
    *,
    principal: Decimal,
    start: date,
    end: date,
    rate: RateInput,
    day_basis: int = 365,
    count_start_day: bool = True,
    count_end_day: bool = False,
    payments: list[tuple[date, Decimal]] = (),
    costs: Decimal = Decimal("0"),
    late_performance_from: date | None = None,
) -> dict:
    table = lpr_table()
    result = interest.calculate_interest(
        principal=principal,
        start=start,
        end=end,
        rate=rate.to_rule(),
        lpr_table=table,
        day_basis=day_basis,
        count_start_day=count_start_day,
        count_end_day=count_end_day,
        payments=[interest.Payment(paid_on, amount) for paid_on, amount in payments],
        costs=costs,
        late_performance_from=late_performance_from,
    )
    return {
        "principal": money(result.principal),
        "start": result.start.isoformat(),
        "end": result.end.isoformat(),
        "interest": money(result.interest),
        "late_performance_interest": money(result.late_performance_interest),
        "interest_outstanding": money(result.interest_outstanding),
        "late_performance_outstanding": money(result.late_performance_outstanding),
        "principal_outstanding": money(result.principal_outstanding),
        "costs_outstanding": money(result.costs_outstanding),
        "total_outstanding": money(result.total_outstanding),
        "overpaid": money(result.overpaid),
        "segments": [
            {
                "start": segment.start.isoformat(),
                "end": segment.end.isoformat(),
                "days": segment.days,
                "kind": segment.kind,
                "kind_label": SEGMENT_KIND_LABELS.get(segment.kind, segment.kind),
                "principal": money(segment.principal),
                "annual_rate": rate_text(segment.annual_rate),
                "daily_rate": rate_text(segment.daily_rate),
                "amount": money(segment.amount),
            }
            for segment in result.segments
        ],
        "payments_applied": [
            {
                "date": application.date.isoformat(),
                "amount": money(application.amount),
                "to_costs": money(application.to_costs),
                "to_interest": money(application.to_interest),
                "to_principal": money(application.to_principal),
                "to_late_performance": money(application.to_late_performance),
                "unapplied": money(application.unapplied),
            }
            for application in result.payments_applied
        ],
        "settings": {
            "rate": {
                "kind": rate.kind,
                "multiplier": f"{rate.multiplier or Decimal('1'):f}" if rate.kind == "lpr" else None,
                "fixed_on": rate.fixed_on.isoformat() if rate.kind == "lpr" and rate.fixed_on else None,
                "annual_rate": rate_text(rate.annual_rate) if rate.kind == "fixed" else None,
            },
            "day_basis": result.day_basis,
            "count_start_day": result.count_start_day,
            "count_end_day": result.count_end_day,
            "convention": CONVENTIONS[(result.count_start_day, result.count_end_day)],
            "costs": money(costs),
            "late_performance_from": late_performance_from.isoformat() if late_performance_from else None,
            "lpr_table_last_date": table.last_date.isoformat() if rate.kind == "lpr" else None,
        },
        "lpr_beyond_table": result.lpr_beyond_table,
        "notes": list(result.notes),
    }


# ---------------------------------------------------------------------------------------------------------
# Cost estimate for a prospective client
# ---------------------------------------------------------------------------------------------------------


def cost_estimate(
    *,
    amount: Decimal,
    preservation_amount: Decimal | None,
    execution_amount: Decimal | None,
    cause: str,
    fixed_rate_percent: Decimal,
    upfront_rate_percent: Decimal,
    success_rate_percent: Decimal,
    client_name: str = "",
    debtor_name: str = "",
    today: date | None = None,
) -> dict:
    """Court fees plus the lawyer's fee under a fixed and under a risk arrangement, checked against the cap."""
    court = court_fees(amount, preservation_amount, execution_amount)
    fixed_rate = fixed_rate_percent / HUNDRED
    upfront_rate = upfront_rate_percent / HUNDRED
    success_rate = success_rate_percent / HUNDRED

    upfront = to_cents(amount * upfront_rate)
    success_at_full = to_cents(amount * success_rate)
    total_at_full = upfront + success_at_full
    cap = risk_fees.risk_fee_cap(amount)
    problems = risk_fees.check_risk_arrangement(
        upfront_rate=upfront_rate, success_rate=success_rate, placed_amount=amount, cause=cause
    )
    allowed, banned_reason = risk_fees.risk_fee_allowed(cause)
    success_within_cap = risk_fees.capped_success_fee(
        recovered_total=amount, success_rate=success_rate, fees_already_charged=upfront
    )
    breakdowns = court["breakdowns"]
    prepaid = breakdowns["acceptance_fee"]["fee"].value + breakdowns["preservation_fee"]["fee"].value
    return {
        "date": cn_date(today or timezone.localdate()),
        "client_name": client_name,
        "debtor_name": debtor_name,
        "cause": cause,
        "cause_label": risk_fees.CAUSE_LABELS[cause],
        "amount": Money(amount),
        "court": court,
        "court_rows": [breakdowns[key] for key in FEE_LABELS],
        "court_prepaid": Money(prepaid),
        "fixed": {"rate_percent": percent_text(fixed_rate), "fee": Money(amount * fixed_rate)},
        "risk": {
            "allowed": allowed,
            "banned_reason": banned_reason,
            "upfront_rate_percent": percent_text(upfront_rate),
            "success_rate_percent": percent_text(success_rate),
            "upfront": Money(upfront),
            "success_at_full": Money(success_at_full),
            "total_at_full": Money(total_at_full),
            "cap": Money(cap.cap),
            "exceeds_cap": total_at_full > cap.cap,
            "success_within_cap": Money(success_within_cap),
            "total_within_cap": Money(upfront + success_within_cap),
            "problems": problems,
        },
        "cap": risk_fee_cap(amount),
    }
