"""The court fees on a claim (《诉讼费用交纳办法》), the cap on a risk fee (司发通〔2021〕87号), and the cost
estimate for a prospective client that puts both together."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from django.utils import timezone

from calculators.presenters.values import HUNDRED, Money, money, percent, rate_text
from core.formatting import cn_date, money_uppercase
from rules import court_fees as fees
from rules import risk_fees
from rules.errors import to_cents

COURT_FEES_SOURCE = "《诉讼费用交纳办法》（国务院令第481号）"
RISK_FEES_SOURCE = "司法部 国家发展改革委 国家市场监督管理总局《关于进一步规范律师服务收费的意见》（司发通〔2021〕87号）"
RISK_CAP_NOTE = (
    "风险代理收费实行分段累计封顶：实现债权或减免债务金额100万元以下的部分不超过18%，100万元至500万元的部分不超过15%，"
    "500万元至1000万元的部分不超过12%，1000万元至5000万元的部分不超过9%，5000万元以上的部分不超过6%；"
    "各办案阶段收取的风险代理费用合计不得超过上限（司发通〔2021〕87号）。"
)

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
        "rate_percent": percent(line.rate),
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
        "fee_uppercase": money_uppercase(result.fee),
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


def _slice_label(piece: risk_fees.CapSlice) -> str:
    def wan(value: Decimal) -> str:
        return f"{(value / 10000).normalize():f}万元"

    if piece.upper is None:
        span = f"{wan(piece.lower)}以上的部分"
    elif piece.lower == 0:
        span = f"{wan(piece.upper)}以下的部分"
    else:
        span = f"{wan(piece.lower)}至{wan(piece.upper)}的部分"
    return f"{span}，不超过{percent(piece.rate)}%"


def risk_fee_cap(amount: Decimal) -> dict:
    result = risk_fees.risk_fee_cap(amount)
    return {
        "amount": money(result.amount),
        "cap": money(result.cap),
        "cap_uppercase": money_uppercase(result.cap),
        "effective_rate_percent": (
            rate_text(result.cap * HUNDRED / result.amount) if result.amount else None
        ),
        "slices": [
            {
                "label": _slice_label(piece),
                "lower": money(piece.lower),
                "upper": money(piece.upper),
                "rate_percent": percent(piece.rate),
                "base": money(piece.base),
                "amount": money(piece.amount),
            }
            for piece in result.slices
        ],
        "source": RISK_FEES_SOURCE,
        "note": RISK_CAP_NOTE,
    }


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
        "fixed": {"rate_percent": percent(fixed_rate), "fee": Money(amount * fixed_rate)},
        "risk": {
            "allowed": allowed,
            "banned_reason": banned_reason,
            "upfront_rate_percent": percent(upfront_rate),
            "success_rate_percent": percent(success_rate),
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
