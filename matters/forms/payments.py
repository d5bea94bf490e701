"""Forms of the payments: one received (from the debtor or a guarantor), and the reversal of one recorded in
error."""

from __future__ import annotations

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy

from core.forms import MoneyField, StyledMixin, model_formfield
from matters.forms.parties import DebtorChoiceField
from matters.models import Debtor, Matter, PayerKind, Payment, PaymentMethod


class PaymentForm(StyledMixin, forms.Form):
    received_on = model_formfield(Payment._meta.get_field("received_on"))
    amount = MoneyField(label=gettext_lazy("金额（元）"))
    payer_kind = forms.ChoiceField(label=gettext_lazy("付款方"), choices=PayerKind.choices,
                                   initial=PayerKind.DEBTOR)
    payer = DebtorChoiceField(label=gettext_lazy("付款的担保人"), queryset=Debtor.objects.none(), required=False,
                              help_text=gettext_lazy("付款方为担保人时选择。"))
    method = forms.ChoiceField(label=gettext_lazy("方式"), choices=PaymentMethod.choices)
    note = forms.CharField(label=gettext_lazy("备注"), max_length=300, required=False)

    def __init__(self, *args, matter: Matter, **kwargs):
        kwargs.setdefault("initial", {}).setdefault("received_on", timezone.localdate())
        super().__init__(*args, **kwargs)
        self.fields["payer"].queryset = matter.guarantors.all()

    def service_data(self) -> dict:
        data = dict(self.cleaned_data)
        if data.get("payer_kind") != PayerKind.GUARANTOR:
            data["payer"] = None
        return data


class PaymentReversalForm(StyledMixin, forms.Form):
    reason = forms.CharField(label=gettext_lazy("冲销理由"), max_length=2000,
                             widget=forms.TextInput(attrs={"placeholder": gettext_lazy("例如：金额录入错误")}),
                             error_messages={"required": gettext_lazy("冲销回款必须说明理由。")})
