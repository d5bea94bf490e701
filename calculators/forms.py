"""Input of the calculators: the parsing rules shared by the pages and the API, and the pages' forms.

Every value a person types goes through one parsing function, whether it comes from a page form or from the
API (``calculators.serializers`` calls the same functions): amounts and numbers through ``core.money`` (as
everywhere in the product: the matters pages and API and the bulk import read amounts the same way), dates,
periods and rates through the ``parse_*`` functions below. They refuse what the rules library would refuse,
with a Chinese message that names the field, and a stable ``code`` for programs:

- ``required``: nothing entered;
- ``not_a_number``: not a plain decimal number (``abc``, ``1e5``, ``NaN``, ``Infinity``);
- ``too_many_decimals``: an amount with more than two decimals (below the fen);
- ``negative_amount`` / ``out_of_range`` / ``too_large``: a number outside what the field allows;
- ``invalid_date``: not a real calendar date in the form YYYY-MM-DD (``2023-02-29``);
- ``not_an_integer``: a count of days, months or years that is not a whole number.
"""

from __future__ import annotations

import re
from datetime import date
from decimal import Decimal

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from core.forms import MoneyField, StyledMixin
from core.money import parse_money, read_number
from rules.deadlines import DEADLINE_KINDS, MAX_DAYS, MAX_MONTHS, MAX_YEARS
from rules.risk_fees import CAUSE_LABELS, SALE

HUNDRED = Decimal("100")
MAX_PAYMENT_ROWS = 100

_ISO_DATE = re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})$")


def parse_decimal(value: object, label: str, *, minimum: Decimal, maximum: Decimal,
                  exclusive_minimum: bool = False, max_places: int = 6) -> Decimal:
    """A rate, percentage or multiple within [minimum, maximum] (minimum excluded when asked)."""
    number = read_number(value, label)
    too_small = number <= minimum if exclusive_minimum else number < minimum
    if too_small or number > maximum:
        bound = _("大于%(min)s") if exclusive_minimum else _("不小于%(min)s")
        raise ValidationError(
            _("%(label)s应%(bound)s且不大于%(max)s，收到：%(value)s。")
            % {"label": label, "bound": bound % {"min": minimum}, "max": maximum, "value": number},
            code="out_of_range",
        )
    if -number.as_tuple().exponent > max_places and number != number.quantize(Decimal(1).scaleb(-max_places)):
        raise ValidationError(
            _("%(label)s最多保留%(places)s位小数。") % {"label": label, "places": max_places}, code="too_many_decimals"
        )
    return number


def parse_date(value: object, label: str) -> date:
    """A calendar date written YYYY-MM-DD (a date object passes through)."""
    if isinstance(value, date):
        return value
    text = value.strip() if isinstance(value, str) else ""
    if not text:
        raise ValidationError(_("请填写%(label)s。") % {"label": label}, code="required")
    match = _ISO_DATE.match(text)
    if not match:
        raise ValidationError(
            _("%(label)s的格式应为 年-月-日，例如 2024-09-20（收到：%(value)s）。") % {"label": label, "value": text},
            code="invalid_date",
        )
    year, month, day = (int(part) for part in match.groups())
    try:
        return date(year, month, day)
    except ValueError as error:
        raise ValidationError(
            _("%(label)s不是有效的日期：%(value)s（请检查月份和当月天数）。") % {"label": label, "value": text},
            code="invalid_date",
        ) from error


def parse_count(value: object, label: str, *, maximum: int) -> int:
    """A positive whole number of days, months or years."""
    if isinstance(value, bool):
        raise ValidationError(_("%(label)s必须是正整数。") % {"label": label}, code="not_an_integer")
    text = str(value).strip()
    if not re.fullmatch(r"\+?\d+", text):
        raise ValidationError(
            _("%(label)s必须是正整数（收到：%(value)s）。") % {"label": label, "value": text}, code="not_an_integer"
        )
    count = int(text)
    if not 1 <= count <= maximum:
        raise ValidationError(
            _("%(label)s应在1至%(max)s之间（收到：%(value)s）。") % {"label": label, "max": maximum, "value": count},
            code="out_of_range",
        )
    return count


PERIOD_LIMITS = {"days": MAX_DAYS, "months": MAX_MONTHS, "years": MAX_YEARS}
PERIOD_LABELS = {"days": gettext_lazy("天数"), "months": gettext_lazy("月数"), "years": gettext_lazy("年数")}


def kind_choices() -> list[tuple[str, str]]:
    return [(code, f"{kind.label}（{_length(kind)}）") for code, kind in DEADLINE_KINDS.items()]


def _length(kind) -> str:
    if kind.days:
        return f"{kind.days}日"
    if kind.months:
        return f"{kind.months}个月"
    return f"{kind.years}年"


def unknown_kind_error(kind: str) -> ValidationError:
    known = "、".join(f"{code}（{item.label}）" for code, item in DEADLINE_KINDS.items())
    return ValidationError(
        _("未知的期间类型：%(kind)s。可选：%(known)s。") % {"kind": kind, "known": known}, code="unknown_kind"
    )


def choose_period(values: dict[str, object]) -> dict[str, object]:
    """Exactly one of days / months / years / kind must be given; returns {"days": 15} or {"kind": "..."}.

    A problem with one field is raised as {field: [error]}; the count of fields given is not one field's fault.
    """
    given = {name: value for name, value in values.items() if value not in (None, "")}
    if len(given) != 1:
        raise ValidationError(
            _("请在天数、月数、年数和期间类型中恰好填写一项（收到%(count)s项）。") % {"count": len(given)},
            code="bad_period",
        )
    name, value = next(iter(given.items()))
    if name == "kind":
        kind = str(value).strip()
        if kind not in DEADLINE_KINDS:
            raise ValidationError({"kind": [unknown_kind_error(kind)]})
        return {"kind": kind}
    try:
        count = parse_count(value, str(PERIOD_LABELS[name]), maximum=PERIOD_LIMITS[name])
    except ValidationError as error:
        raise ValidationError({name: [error]}) from error
    return {name: count}


# ---------------------------------------------------------------------------------------------------------
# Form fields and forms of the pages
# ---------------------------------------------------------------------------------------------------------


class NumberField(forms.CharField):
    """A rate, percentage (5 means 5%) or multiple, within bounds."""

    def __init__(self, *args, minimum=Decimal("0"), maximum=HUNDRED, exclusive_minimum=False, **kwargs):
        self.minimum, self.maximum, self.exclusive_minimum = minimum, maximum, exclusive_minimum
        kwargs.setdefault("widget", forms.TextInput(attrs={"inputmode": "decimal", "autocomplete": "off"}))
        super().__init__(*args, **kwargs)

    def clean(self, value):
        value = super().clean(value)
        if value in self.empty_values:
            return None
        return parse_decimal(value, str(self.label), minimum=self.minimum, maximum=self.maximum,
                             exclusive_minimum=self.exclusive_minimum)


class IsoDateField(forms.CharField):
    def __init__(self, *args, **kwargs):
        kwargs.setdefault("widget", forms.DateInput(attrs={"type": "date"}))
        super().__init__(*args, **kwargs)

    def clean(self, value):
        value = super().clean(value)
        if value in self.empty_values:
            return None
        return parse_date(value, str(self.label))


class CalculatorForm(StyledMixin, forms.Form):
    """The calculators' forms: normal-sized Bootstrap controls, fields with errors marked ``is-invalid``, and
    a required field's message naming it."""

    compact = False
    prefix_name = "calc"

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("auto_id", f"id_{self.prefix_name}_%s")
        super().__init__(*args, **kwargs)
        for field in self.fields.values():
            field.error_messages["required"] = _("请填写%(label)s。") % {"label": field.label}


class CourtFeesForm(CalculatorForm):
    prefix_name = "court_fees"
    amount = MoneyField(label=gettext_lazy("诉讼请求金额（元）"))
    preservation_amount = MoneyField(label=gettext_lazy("保全财产数额（元）"), required=False,
                                     help_text=gettext_lazy("不填则按诉讼请求金额计算。"))
    execution_amount = MoneyField(label=gettext_lazy("申请执行金额（元）"), required=False,
                                  help_text=gettext_lazy("不填则按诉讼请求金额计算。"))


class RiskFeeCapForm(CalculatorForm):
    prefix_name = "risk_fee_cap"
    amount = MoneyField(label=gettext_lazy("实现债权金额（元）"))


class RmbForm(CalculatorForm):
    prefix_name = "rmb"
    amount = MoneyField(label=gettext_lazy("金额（元）"))


class IdentifierForm(CalculatorForm):
    prefix_name = "identifier"
    value = forms.CharField(label=gettext_lazy("统一社会信用代码或身份证号"), max_length=64, strip=True)


class DeadlineForm(CalculatorForm):
    prefix_name = "deadline"
    start = IsoDateField(label=gettext_lazy("起算日（事件发生日）"))
    kind = forms.CharField(label=gettext_lazy("期间类型"), required=False, widget=forms.Select)
    days = forms.CharField(label=gettext_lazy("天数"), required=False,
                           widget=forms.TextInput(attrs={"inputmode": "numeric"}))
    months = forms.CharField(label=gettext_lazy("月数"), required=False,
                             widget=forms.TextInput(attrs={"inputmode": "numeric"}))
    years = forms.CharField(label=gettext_lazy("年数"), required=False,
                            widget=forms.TextInput(attrs={"inputmode": "numeric"}))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["kind"].widget.choices = [("", _("（自定义期间：填写天数、月数或年数）")), *kind_choices()]

    def clean(self):
        data = super().clean()
        if self.errors:
            return data
        try:
            data["period"] = choose_period({name: data.get(name) for name in ("days", "months", "years", "kind")})
        except ValidationError as error:
            self.add_error(None, error)
        return data


class InterestForm(CalculatorForm):
    """The interest calculator; payment rows come as repeated ``payment_date`` / ``payment_amount`` values."""

    prefix_name = "interest"
    RATE_KINDS = (("lpr", gettext_lazy("一年期LPR的倍数")), ("fixed", gettext_lazy("固定年利率")))

    principal = MoneyField(label=gettext_lazy("本金（元）"))
    start = IsoDateField(label=gettext_lazy("起算日"))
    end = IsoDateField(label=gettext_lazy("截止日"))
    rate_kind = forms.ChoiceField(label=gettext_lazy("利率"), choices=RATE_KINDS, initial="lpr")
    multiplier = NumberField(label=gettext_lazy("LPR倍数"), required=False, minimum=Decimal("0"),
                              maximum=HUNDRED, exclusive_minimum=True,
                              help_text=gettext_lazy("例如1.5表示LPR上浮50%；不填为1倍。"))
    fixed_on = IsoDateField(label=gettext_lazy("LPR确定日"), required=False,
                            help_text=gettext_lazy("不填则按同期LPR分段计算；填写则全期按该日的LPR。"))
    annual_rate = NumberField(label=gettext_lazy("年利率（%）"), required=False, maximum=HUNDRED)
    day_basis = forms.TypedChoiceField(label=gettext_lazy("年计息天数"), coerce=int, initial=365,
                                       choices=((365, "365"), (360, "360")))
    count_start_day = forms.BooleanField(label=gettext_lazy("计入起算日"), required=False, initial=True)
    count_end_day = forms.BooleanField(label=gettext_lazy("计入截止日"), required=False, initial=False)
    costs = MoneyField(label=gettext_lazy("实现债权的费用（元）"), required=False,
                       help_text=gettext_lazy("还款先抵充费用（民法典第五百六十一条）；不计息。"))
    late_performance_from = IsoDateField(
        label=gettext_lazy("加倍部分债务利息起算日"), required=False,
        help_text=gettext_lazy("判决履行期满次日；不填则不计迟延履行利息。"))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.payment_rows: list[dict] = []
        if self.is_bound:
            dates = self.data.getlist("payment_date") if hasattr(self.data, "getlist") else []
            amounts = self.data.getlist("payment_amount") if hasattr(self.data, "getlist") else []
            for paid_on, amount in zip(dates, amounts, strict=False):
                self.payment_rows.append({"date": paid_on.strip(), "amount": amount.strip(), "errors": []})
        if not self.payment_rows:
            self.payment_rows = [{"date": "", "amount": "", "errors": []}]

    def _group(self, names: tuple[str, ...]) -> list:
        return [self[name] for name in names]

    @property
    def main_fields(self):
        return self._group(("principal", "start", "end", "costs", "late_performance_from"))

    @property
    def rate_fields(self):
        return self._group(("rate_kind", "multiplier", "fixed_on", "annual_rate"))

    @property
    def day_fields(self):
        return self._group(("day_basis", "count_start_day", "count_end_day"))

    def clean(self):
        data = super().clean()
        payments = []
        rows = [row for row in self.payment_rows if row["date"] or row["amount"]]
        if len(rows) > MAX_PAYMENT_ROWS:
            self.add_error(None, _("还款记录最多%(max)s笔。") % {"max": MAX_PAYMENT_ROWS})
        for number, row in enumerate(rows, start=1):
            try:
                paid_on = parse_date(row["date"], _("第%(n)s笔还款的日期") % {"n": number})
                amount = parse_money(row["amount"], _("第%(n)s笔还款的金额") % {"n": number}, allow_zero=False)
            except ValidationError as error:
                row["errors"].extend(error.messages)
                self.add_error(None, error)
            else:
                payments.append((paid_on, amount))
        data["payments"] = payments
        if data.get("rate_kind") == "fixed" and data.get("annual_rate") is None and "annual_rate" not in self.errors:
            self.add_error("annual_rate", _("选择固定年利率时请填写年利率。"))
        start, end = data.get("start"), data.get("end")
        if start and end and end < start:
            self.add_error("end", _("截止日%(end)s早于起算日%(start)s。") % {"end": end, "start": start})
        return data


class CostEstimateForm(CalculatorForm):
    """The lawyer's cost estimate for a prospective client (PDF)."""

    prefix_name = "estimate"
    client_name = forms.CharField(label=gettext_lazy("委托人（潜在客户）名称"), max_length=100, required=False)
    debtor_name = forms.CharField(label=gettext_lazy("债务人名称"), max_length=100, required=False)
    amount = MoneyField(label=gettext_lazy("债权金额（诉讼请求金额，元）"), allow_zero=False)
    preservation_amount = MoneyField(label=gettext_lazy("保全财产数额（元）"), required=False,
                                     help_text=gettext_lazy("不填则按债权金额计算。"))
    execution_amount = MoneyField(label=gettext_lazy("申请执行金额（元）"), required=False,
                                  help_text=gettext_lazy("不填则按债权金额计算。"))
    cause = forms.ChoiceField(label=gettext_lazy("案由"), initial=SALE,
                              choices=[(code, label) for code, label in CAUSE_LABELS.items()])
    fixed_rate = NumberField(label=gettext_lazy("固定收费比例（%）"), initial="5", maximum=HUNDRED)
    upfront_rate = NumberField(label=gettext_lazy("风险代理前期费用比例（%）"), initial="2", maximum=HUNDRED)
    success_rate = NumberField(label=gettext_lazy("风险代理回款提成比例（%）"), initial="10", maximum=HUNDRED)
