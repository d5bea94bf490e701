"""The lookups: a statutory period from a date, an identifier checked, an amount written in words."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from calculators.presenters.values import Money, weekday_text
from calculators.selectors import holiday_calendar
from core.formatting import cn_date
from rules import deadlines, freezes, identifiers

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
    if kind and kind.startswith("freeze_"):
        return freeze(kind, start, calendar)
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


FREEZE_SOURCE = (
    "冻结、查封期限自采取措施之日起算并包含当日，至届满日止（通知书表述为“自某日起至某日止”）；期限届满不因节假日顺延。"
    "申请续行冻结、查封应在期限届满七日前提出（法释〔2016〕22号第十八条），逢休息日的应在此前最后一个工作日提交。"
)


def freeze(kind: str, start: date, calendar) -> dict:
    """A freeze or seizure from ``start``: when it expires, the statutory renew-by day and the working day to
    act on (``deadline``; ``nominal_deadline`` is the renew-by day itself)."""
    period = deadlines.DEADLINE_KINDS[kind]
    result = freezes.freeze_expiry(kind, start, calendar=calendar)
    return {
        "start": result.start.isoformat(),
        "deadline": result.deadline.isoformat(),
        "nominal_deadline": result.renew_by.isoformat(),
        "deadline_display": cn_date(result.deadline),
        "nominal_deadline_display": cn_date(result.renew_by),
        "deadline_weekday": weekday_text(result.deadline),
        "nominal_deadline_weekday": weekday_text(result.renew_by),
        "rolled_over": False,
        "rolled_back": result.rolled_back,
        "expires_on": result.expires_on.isoformat(),
        "expires_on_display": cn_date(result.expires_on),
        "renew_by": result.renew_by.isoformat(),
        "renew_by_display": cn_date(result.renew_by),
        "holiday_data": result.holiday_data,
        "holiday_years": sorted(calendar.years),
        "period": {"kind": kind, "kind_label": period.label, "source": period.source, "days": period.days,
                   "months": period.months, "years": period.years},
        "note": result.note,
        "rule": FREEZE_SOURCE,
    }
