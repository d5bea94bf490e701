"""Forms of the mandates: a client's instruction with its fee terms, and the mandate list's filters."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from accounts import access as roles
from accounts.access import can_change_fee_terms
from accounts.models import User
from core.forms import HUNDRED, PercentField, ServiceModelForm, StyledMixin, model_formfield
from matters import access
from matters.forms.people import PeopleChoiceField, PersonChoiceField, partners, workers
from matters.models import MANDATE_SCOPES, SPECIAL_POWERS, Client, Mandate

# The fields of services.FEE_TERMS on the mandate form.
FEE_TERM_FIELDS = ("fee_type", "fixed_rate", "upfront_rate", "success_rate", "placed_amount")


class MandateForm(ServiceModelForm):
    responsible_partner = PersonChoiceField(label=gettext_lazy("负责合伙人"), queryset=User.objects.none())
    team = PeopleChoiceField(label=gettext_lazy("承办团队"), queryset=User.objects.none(), required=False,
                             widget=forms.CheckboxSelectMultiple)
    fixed_rate = PercentField(label=gettext_lazy("固定收费比例（%）"),
                              help_text=gettext_lazy("固定收费时填写，例如 5；不填按 5%。"))
    upfront_rate = PercentField(label=gettext_lazy("前期费用比例（%）"),
                                help_text=gettext_lazy("风险代理时填写，2–5。"))
    success_rate = PercentField(label=gettext_lazy("回款提成比例（%）"),
                                help_text=gettext_lazy("风险代理时填写，不填按 10%。"))
    special_powers = forms.MultipleChoiceField(label=gettext_lazy("特别授权事项"), required=False,
                                               choices=list(SPECIAL_POWERS.items()),
                                               widget=forms.CheckboxSelectMultiple,
                                               help_text=gettext_lazy("特别授权须逐项勾选。"))
    scope = forms.MultipleChoiceField(label=gettext_lazy("代理阶段"), required=False,
                                      choices=list(MANDATE_SCOPES.items()), widget=forms.CheckboxSelectMultiple,
                                      initial=["first_instance"],
                                      help_text=gettext_lazy("授权委托书载明的代理阶段：一审、二审、执行；不选则为一审。"))

    RATE_FIELDS = ("fixed_rate", "upfront_rate", "success_rate")

    class Meta:
        model = Mandate
        fields = ["client", "contract_number", "contract_date", "responsible_partner", "team", "cause",
                  "placed_amount", "fee_type", "fixed_rate", "upfront_rate", "success_rate", "authority",
                  "special_powers", "scope", "status", "notes"]
        formfield_callback = model_formfield

    def __init__(self, *args, user, **kwargs):
        instance = kwargs.get("instance")
        if instance is not None and instance.pk:
            initial = kwargs.setdefault("initial", {})
            for name in self.RATE_FIELDS:
                value = getattr(instance, name)
                initial[name] = None if value is None else (value * HUNDRED).normalize()
        super().__init__(*args, **kwargs)
        self.fields["client"].queryset = access.visible_clients(user).order_by("name", "id")
        self.fields["responsible_partner"].queryset = partners()
        self.fields["team"].queryset = workers()
        self.fields["placed_amount"].required = True
        if instance is not None and instance.pk:
            del self.fields["client"]
            if not can_change_fee_terms(user, instance):
                # Shown, not editable: a disabled field keeps the stored value whatever is posted.
                for name in FEE_TERM_FIELDS:
                    self.fields[name].disabled = True
                    self.fields[name].help_text = _("只有负责合伙人或合伙人可以修改收费条款。")
        else:
            del self.fields["status"]
            self.fields["responsible_partner"].initial = (user.pk if roles.is_responsible_partner_role(user)
                                                          else None)

    def service_data(self) -> dict:
        data = dict(self.cleaned_data)
        for name in self.RATE_FIELDS:
            data[name] = self.fields[name].to_fraction(data.get(name))
        data["team"] = list(data.get("team") or [])
        data["scope"] = list(data.get("scope") or []) or None  # none ticked: the service's default (一审)
        return data


class MandateFilterForm(StyledMixin, forms.Form):
    client = forms.ModelChoiceField(label=gettext_lazy("委托人"), queryset=Client.objects.none(), required=False,
                                    empty_label=gettext_lazy("全部委托人"))
    status = forms.ChoiceField(label=gettext_lazy("状态"), required=False,
                               choices=[("", gettext_lazy("全部状态")), *Mandate.Status.choices])

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["client"].queryset = access.visible_clients(user).order_by("name", "id")

    def filter(self, mandates):
        """``mandates`` limited to the chosen client and status (all of them while the form is invalid)."""
        if self.is_valid():
            if self.cleaned_data["client"] is not None:
                mandates = mandates.filter(client=self.cleaned_data["client"])
            if self.cleaned_data["status"]:
                mandates = mandates.filter(status=self.cleaned_data["status"])
        return mandates
