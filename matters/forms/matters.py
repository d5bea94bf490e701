"""Forms of the matters themselves: a matter (its claim, parties and lawyer), the matter list's filters and
sort key, and a move to another stage or outcome."""

from __future__ import annotations

from decimal import Decimal
from html import escape

from django import forms
from django.core.exceptions import ValidationError
from django.forms.utils import flatatt
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from accounts import access as roles
from accounts.access import can_approve_write_off, can_change_fee_terms
from accounts.models import Role, User
from core.forms import ServiceModelForm, StyledMixin, model_formfield
from matters import access
from matters.filters import SORTS
from matters.forms.parties import DebtorChoiceField, DebtorsChoiceField
from matters.forms.people import PersonChoiceField, lawyers
from matters.models import (
    Cause,
    Debtor,
    DemandLetter,
    EvidenceFile,
    Forum,
    Guarantee,
    InterestType,
    Lawsuit,
    Mandate,
    Matter,
    Preservation,
    WriteOff,
)
from matters.stages import WRITE_OFF_OUTCOMES, Outcome, Stage, target_problem
from rules.rates import SALE_MARKUP_MIN


class MandateChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        return f"{obj.client.name} · {obj.contract_number or obj.contract_date.isoformat()}"


class MatterForm(ServiceModelForm):
    mandate = MandateChoiceField(label=gettext_lazy("委托"), queryset=Mandate.objects.none())
    debtor = DebtorChoiceField(label=gettext_lazy("债务人"), queryset=Debtor.objects.none())
    guarantors = DebtorsChoiceField(label=gettext_lazy("担保人"), queryset=Debtor.objects.none(), required=False,
                                    widget=forms.SelectMultiple(attrs={"size": 4}),
                                    help_text=gettext_lazy("可多选（按住 Ctrl 或 ⌘）。"))
    lawyer = PersonChoiceField(label=gettext_lazy("承办律师"), queryset=User.objects.none(), required=False)
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    class Meta:
        model = Matter
        fields = ["mandate", "debtor", "guarantors", "cause", "principal", "costs", "interest_type",
                  "interest_rate", "lpr_multiplier", "lpr_markup", "lpr_fixed_on", "interest_from", "due_date",
                  "jurisdiction_clause", "lawyer", "opened_on", "dispute_resolution", "arbitration_commission",
                  "description", "recovery_plan"]
        formfield_callback = model_formfield
        help_texts = {"interest_rate": gettext_lazy("计息方式为固定年利率时填写，例如 6 表示年 6%。"),
                      "lpr_multiplier": gettext_lazy("计息方式为 LPR 倍数时填写，例如 1.5。"),
                      "lpr_markup": gettext_lazy("计息方式为“LPR加计30%–50%”时填写 30–50，按违约行为发生时（计息起算日）"
                                                 "的一年期 LPR 上浮该比例计算，全期不变。"),
                      "lpr_fixed_on": gettext_lazy("不填表示按各期同期 LPR。"),
                      "jurisdiction_clause": gettext_lazy("合同中的争议解决条款，如“合同第12条约定由原告住所地人民法院管辖”；"
                                                          "不填则起诉状写明法定管辖依据。"),
                      "arbitration_commission": gettext_lazy("合同约定仲裁的，填写约定的仲裁委员会全称。")}

    def __init__(self, *args, user, **kwargs):
        instance = kwargs.get("instance")
        editing = instance is not None and instance.pk
        if editing:
            kwargs.setdefault("initial", {})["version"] = instance.version
        super().__init__(*args, **kwargs)
        self.fields["mandate"].queryset = (access.visible_mandates(user).filter(status=Mandate.Status.ACTIVE)
                                           .select_related("client").order_by("client__name", "-contract_date"))
        self.fields["debtor"].queryset = access.visible_debtors(user).order_by("name", "id")
        self.fields["guarantors"].queryset = access.visible_debtors(user).order_by("name", "id")
        self.fields["lawyer"].queryset = lawyers()
        self.fields["costs"].required = False
        self.fields["dispute_resolution"].required = False
        for name in ("interest_rate", "lpr_multiplier", "lpr_markup"):
            self.fields[name].widget = forms.TextInput(attrs={"inputmode": "decimal", "autocomplete": "off",
                                                              "class": "form-control form-control-sm"})
        if editing:
            del self.fields["mandate"]
            del self.fields["opened_on"]
            if not can_change_fee_terms(user, instance.mandate):
                self.fields["principal"].disabled = True
                self.fields["principal"].help_text = _("只有该委托的负责合伙人或合伙人可以修改本金。")
        else:
            del self.fields["version"]
            self.fields["opened_on"].required = False
            # A sale (the default cause) with no agreed penalty runs at the LPR of the breach plus 30%.
            self.fields["interest_type"].initial = InterestType.SALE_LPR_MARKUP
            self.fields["lpr_markup"].initial = SALE_MARKUP_MIN
            if roles.is_assignable_lawyer(user):
                self.fields["lawyer"].initial = user.pk

    def service_data(self) -> dict:
        data = dict(self.cleaned_data)
        data["guarantors"] = list(data.get("guarantors") or [])
        if data.get("costs") is None:
            data["costs"] = Decimal("0")
        if not data.get("dispute_resolution"):
            data["dispute_resolution"] = self.instance.dispute_resolution if self.instance.pk else Forum.COURT
        data.pop("version", None)
        if "opened_on" in data and data["opened_on"] is None:
            data.pop("opened_on")
        return data


class GuaranteeForm(ServiceModelForm):
    """The terms of one guarantee: its kind, the agreed end of its period, its contract among the matter's
    evidence, and the day the creditor claimed under it where the records do not show it."""

    class Meta:
        model = Guarantee
        fields = ["kind", "period_ends_on", "contract", "demanded_on"]
        formfield_callback = model_formfield
        help_texts = {
            "kind": gettext_lazy("合同未约定或约定不明确的，按一般保证（民法典第六百八十六条）。"),
            "period_ends_on": gettext_lazy("不填，或约定早于、等于主债务履行期限的，保证期间为主债务履行期限届满之日起"
                                           "六个月（民法典第六百九十二条）。"),
            "demanded_on": gettext_lazy("连带责任保证：向保证人主张权利之日（已登记送达保证人的律师函、起诉保证人之日均可）；"
                                        "一般保证：对债务人起诉或申请仲裁之日（本案已登记的诉讼自动计入）。"),
        }

    def __init__(self, *args, matter: Matter, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["contract"].queryset = EvidenceFile.objects.filter(matter=matter).order_by("-uploaded_at", "-id")
        self.fields["kind"].required = False

    def service_data(self) -> dict:
        return dict(self.cleaned_data)


class QuickSelect(forms.Select):
    """A select whose options are written in Python. Django renders each option through its own template,
    about 50 µs an option, and a filter bar lists every client of the firm."""

    def render(self, name, value, attrs=None, renderer=None):
        selected = set(self.format_value(value))
        options = "".join(
            f'<option value="{escape(str(option))}"{" selected" if str(option) in selected else ""}>'
            f"{escape(str(label))}</option>" for option, label in self.choices)
        attributes = flatatt(self.build_attrs(self.attrs, {**(attrs or {}), "name": name}))
        return mark_safe(f"<select{attributes}>{options}</select>")  # noqa: S308 - every part escaped above


def _id_choice(label, **kwargs) -> forms.TypedChoiceField:
    return forms.TypedChoiceField(label=label, required=False, coerce=int, empty_value=None, widget=QuickSelect,
                                  **kwargs)


class MatterFilterForm(StyledMixin, forms.Form):
    """The matter list's filters and sort key; the filtering itself is ``matters.filters.MatterFilter``, as in
    the API. Every value lives in the query string, so a filtered, sorted page can be bookmarked and shared.
    The choices are (id, name) pairs read in one query each, not model instances."""

    search = forms.CharField(label=gettext_lazy("搜索"), required=False, widget=forms.TextInput(
        attrs={"placeholder": gettext_lazy("债务人、统一社会信用代码、案件编号或法院案号"), "type": "search"}))
    stage = forms.ChoiceField(label=gettext_lazy("阶段"), required=False, widget=QuickSelect,
                              choices=[("", gettext_lazy("全部阶段")), *Stage.choices])
    outcome = forms.ChoiceField(label=gettext_lazy("结果"), required=False, widget=QuickSelect,
                                choices=[("", gettext_lazy("全部结果")), *Outcome.choices])
    cause = forms.ChoiceField(label=gettext_lazy("案由"), required=False, widget=QuickSelect,
                              choices=[("", gettext_lazy("全部案由")), *Cause.choices])
    client = _id_choice(gettext_lazy("委托人"))
    lawyer = _id_choice(gettext_lazy("承办律师"))
    mandate = _id_choice(gettext_lazy("委托"))
    overdue = forms.BooleanField(label=gettext_lazy("有已逾期的期限"), required=False)
    sort = forms.ChoiceField(required=False, widget=forms.HiddenInput,
                             choices=[("", ""), *((k, k) for k in SORTS), *((f"-{k}", k) for k in SORTS)])

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["client"].choices = [("", _("全部委托人")), *access.visible_clients(user).order_by("name", "id")
                                         .values_list("pk", "name")]
        roles = dict(Role.choices)
        self.fields["lawyer"].choices = [("", _("全部律师")), *(
            (pk, f"{name}（{roles[role]}）") for pk, name, role in lawyers().values_list("pk", "name", "role"))]
        # Only the chosen client's mandates are offered (a firm may have thousands); any visible one is valid.
        mandates = access.visible_mandates(user)
        client, chosen = self.data.get("client"), self.data.get("mandate")
        shown = mandates.none()
        if client and str(client).isdigit():
            shown = mandates.filter(client_id=int(client))
        if chosen and str(chosen).isdigit():
            shown = shown | mandates.filter(pk=int(chosen))
        self.fields["mandate"].choices = [("", _("全部委托")), *(
            (pk, f"{name} {number or contract_date}") for pk, name, number, contract_date in
            shown.order_by("-contract_date", "-id").values_list("pk", "client__name", "contract_number",
                                                                "contract_date")[:200])]

    def filter_data(self) -> dict:
        """The query for MatterFilter: only the valid, non-empty values."""
        if not self.is_valid():
            return {}
        data = {name: self.cleaned_data[name] for name in ("search", "stage", "outcome", "cause", "client",
                                                           "lawyer", "mandate", "sort")
                if self.cleaned_data.get(name) not in (None, "")}
        if self.cleaned_data.get("overdue"):
            data["overdue"] = "true"
        return data


class TransitionForm(StyledMixin, forms.Form):
    """Move the matter to a stage, or end (or reopen) it with an outcome; ``version`` is the one shown. Its
    cleaned data is the flat input of :meth:`matters.stages.Move.from_data`."""

    ACTIONS = (("stage", gettext_lazy("变更阶段")), ("outcome", gettext_lazy("结案/重新打开")))

    version = forms.IntegerField(widget=forms.HiddenInput, min_value=1)
    to_stage = forms.ChoiceField(label=gettext_lazy("目标阶段"), required=False,
                                 choices=[("", "—"), *Stage.choices])
    outcome = forms.ChoiceField(label=gettext_lazy("结案结果"), required=False,
                                choices=[("", "—"), *Outcome.choices])
    reason = forms.CharField(label=gettext_lazy("理由"), required=False, max_length=2000,
                             widget=forms.Textarea(attrs={"rows": 2}),
                             help_text=gettext_lazy("退回之前的阶段或重新打开案件时必填。"))
    on_date = model_formfield(Matter._meta.get_field("closed_on"), label=gettext_lazy("日期"), required=False,
                         help_text=gettext_lazy("默认今天。"))
    # The record that entering some stages creates: every field below goes to Move.record.
    court = forms.CharField(label=gettext_lazy("法院"), required=False, max_length=100,
                            help_text=gettext_lazy("进入保全、诉讼、执行阶段时必填。"))
    case_number = forms.CharField(label=gettext_lazy("案号"), required=False, max_length=60)
    filed_on = model_formfield(Lawsuit._meta.get_field("filed_on"))
    pre_suit = forms.BooleanField(label=gettext_lazy("诉前保全"), required=False)
    ruling_on = model_formfield(Preservation._meta.get_field("ruling_on"), label=gettext_lazy("保全裁定日期"))
    applied_on = model_formfield(Preservation._meta.get_field("applied_on"))
    sent_on = model_formfield(DemandLetter._meta.get_field("sent_on"), label=gettext_lazy("律师函发出日期"),
                         required=False)
    basis = forms.ChoiceField(label=gettext_lazy("核销依据类型"), required=False,
                              choices=[("", "—"), *WriteOff.Basis.choices],
                              help_text=gettext_lazy("进入核销依据阶段时必填。"))

    def __init__(self, *args, matter: Matter, user, **kwargs):
        kwargs.setdefault("initial", {})["version"] = matter.version
        super().__init__(*args, **kwargs)
        self.fields["to_stage"].choices = [("", "—")] + [(value, label) for value, label in Stage.choices
                                                          if value != matter.stage]
        if matter.is_open:
            closing = [value for value in Outcome.values if value != Outcome.OPEN]
            if not can_approve_write_off(user):
                closing = [value for value in closing if value not in WRITE_OFF_OUTCOMES]
                self.fields["outcome"].help_text = _("以“核销”结案须由合伙人批准：请先进入“核销依据”阶段并登记依据。")
            self.fields["outcome"].choices = [("", "—")] + [(value, Outcome(value).label) for value in closing]
        else:
            self.fields["outcome"].choices = [("", "—"), (Outcome.OPEN, _("重新打开（进行中）"))]

    def clean(self):
        data = super().clean()
        problem = target_problem(data.get("to_stage"), data.get("outcome"))
        if problem:
            raise ValidationError(problem)
        return data