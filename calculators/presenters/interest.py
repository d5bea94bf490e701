"""Interest on a debt over a period (LPR or fixed rate, payments applied costs → interest → principal, and the
doubled interest for late performance)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from calculators.presenters.values import money, rate_text
from calculators.selectors import lpr_table
from rules import interest, rates


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
        "lpr_note": result.lpr_note,
        "notes": list(result.notes),
    }
