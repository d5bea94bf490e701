"""The settings page of an arbitration-fee schedule: the commission and its tiers as a formset of rows."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy

from core.forms import MoneyField, PercentField, StyledMixin


class ArbitrationFeeScaleForm(StyledMixin, forms.Form):
    commission = forms.CharField(label=gettext_lazy("仲裁委员会"), max_length=100)
    source = forms.CharField(label=gettext_lazy("收费标准来源"), max_length=300, required=False,
                             help_text=gettext_lazy("例如该委员会公布的仲裁费用表及其施行日期。"))


class ArbitrationFeeTierForm(StyledMixin, forms.Form):
    from_amount = MoneyField(label=gettext_lazy("争议金额超过（元）"))
    fixed_fee = MoneyField(label=gettext_lazy("固定费用（元）"))
    rate = PercentField(label=gettext_lazy("超过部分费率（%）"), required=True)


class BaseTierFormSet(forms.BaseFormSet):
    def rows(self) -> list[dict]:
        """The filled rows, in the order typed (the service refuses an unsorted table rather than guess)."""
        rows = []
        for form in self.forms:
            data = getattr(form, "cleaned_data", None) or {}
            if not data or data.get("DELETE"):
                continue
            rows.append({"from_amount": data["from_amount"], "fixed_fee": data["fixed_fee"],
                         "rate": form.fields["rate"].to_fraction(data["rate"])})
        return rows


TierFormSet = forms.formset_factory(ArbitrationFeeTierForm, formset=BaseTierFormSet, extra=2, can_delete=True)
