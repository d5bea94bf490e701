"""Forms of the matters pages. They only parse what people type (shapes, numbers, dates, choices limited to
what the person may see); every rule and every write belongs to ``matters.services``, whose ValidationErrors
the views put back on these forms with :func:`apply_service_errors`.

Model-backed forms here are ModelForms only for their labels, choices and widgets: ``_post_clean`` does not
build or validate an instance (the services do that), so an invalid entry never half-saves anything.
"""

from __future__ import annotations

import re
from datetime import date
from decimal import Decimal
from html import escape

from django import forms
from django.core.exceptions import FieldDoesNotExist, ValidationError
from django.db import models
from django.forms.utils import flatatt
from django.utils import timezone
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from accounts.access import WORK_MATTERS, can_approve_write_off, can_change_fee_terms
from accounts.models import Role, User
from core.forms import MoneyField
from core.money import ascii_text, parse_money
from matters import access, selectors
from matters.filters import SORTS
from matters.models import (
    SPECIAL_POWERS,
    AssetLead,
    Cause,
    Client,
    Debtor,
    DemandLetter,
    Enforcement,
    EvidenceCategory,
    EvidenceFile,
    FrozenAsset,
    Hearing,
    Instalment,
    Lawsuit,
    Mandate,
    Matter,
    Negotiation,
    PayerKind,
    Payment,
    PaymentMethod,
    Preservation,
    RepaymentAgreement,
    WorkLogEntry,
    WriteOff,
)
from matters.stages import Outcome, Stage

HUNDRED = Decimal("100")


# --- widgets and fields ------------------------------------------------------------------------------------


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, attrs=None):
        super().__init__(attrs=attrs, format="%Y-%m-%d")


class TimeInput(forms.TimeInput):
    input_type = "time"

    def __init__(self, attrs=None):
        super().__init__(attrs=attrs, format="%H:%M")


class PercentField(forms.DecimalField):
    """A fee rate typed in percent (5 = 5%) and handed to the services as a fraction (0.05)."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("min_value", Decimal("0"))
        kwargs.setdefault("max_value", HUNDRED)
        kwargs.setdefault("decimal_places", 2)
        kwargs.setdefault("required", False)
        kwargs.setdefault("widget", forms.TextInput(attrs={"inputmode": "decimal", "autocomplete": "off"}))
        super().__init__(*args, **kwargs)

    def to_fraction(self, value):
        return None if value is None else (value / HUNDRED).quantize(Decimal("0.0001"))


class LinesField(forms.CharField):
    """A list of short texts, one per line (addresses for service, phone numbers)."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("widget", forms.Textarea(attrs={"rows": 3}))
        kwargs.setdefault("required", False)
        super().__init__(*args, **kwargs)

    def prepare_value(self, value):
        if isinstance(value, list | tuple):
            return "\n".join(value)
        return value

    def clean(self, value):
        text = super().clean(value) or ""
        return [line.strip() for line in text.splitlines() if line.strip()]


class PersonChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        return f"{obj.name}（{obj.get_role_display()}）"


class PeopleChoiceField(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj):
        return f"{obj.name}（{obj.get_role_display()}）"


def _formfield(field: models.Field, **kwargs):
    """Widgets of the model-backed forms: dates as type=date, money as MoneyField, long text as textarea.
    A date keeps its model field's validators (the bounds of ``core.dates``), which the form checks."""
    if isinstance(field, models.DateField) and not isinstance(field, models.DateTimeField):
        options = {"label": field.verbose_name, "required": not field.blank and not field.null, **kwargs}
        return forms.DateField(widget=DateInput(), validators=list(field.validators), **options)
    if isinstance(field, models.TimeField):
        return forms.TimeField(label=field.verbose_name, required=not field.blank and not field.null,
                               widget=TimeInput())
    if isinstance(field, models.DecimalField) and field.decimal_places == 2:
        return MoneyField(label=field.verbose_name, required=not field.blank and not field.null
                          and field.default is models.NOT_PROVIDED)
    if isinstance(field, models.TextField):
        return field.formfield(widget=forms.Textarea(attrs={"rows": 3}), **kwargs)
    return field.formfield(**kwargs)


class StyledMixin:
    """Bootstrap classes on every widget, and ``is-invalid`` on the fields that got an error (including errors
    that a service raised after the form was valid)."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for field in self.fields.values():
            widget = field.widget
            if isinstance(widget, forms.CheckboxInput | forms.CheckboxSelectMultiple | forms.RadioSelect):
                css = "form-check-input"
            elif isinstance(widget, forms.Select):
                css = "form-select form-select-sm"
            elif isinstance(widget, forms.HiddenInput):
                continue
            else:
                css = "form-control form-control-sm"
            widget.attrs["class"] = (widget.attrs.get("class", "") + " " + css).strip()
            # An empty choice reads "—" rather than Django's default placeholder.
            if isinstance(field, forms.ModelChoiceField) and not isinstance(field, forms.ModelMultipleChoiceField):
                if field.empty_label is not None and str(field.empty_label).startswith("-"):
                    field.empty_label = "—"
            elif isinstance(field, forms.ChoiceField) and not isinstance(field, forms.MultipleChoiceField):
                choices = list(field.choices)
                if choices and choices[0][0] == "" and str(choices[0][1]).startswith("-"):
                    field.choices = [("", "—"), *choices[1:]]

    def add_error(self, field, error):
        super().add_error(field, error)
        for name in list(self.errors):
            if name in self.fields:
                widget = self.fields[name].widget
                if "is-invalid" not in widget.attrs.get("class", ""):
                    widget.attrs["class"] = (widget.attrs.get("class", "") + " is-invalid").strip()


class ServiceModelForm(StyledMixin, forms.ModelForm):
    """A ModelForm that only parses: no instance is built or validated here (the services do that)."""

    def _post_clean(self):
        pass


def apply_service_errors(form, error: ValidationError, *, rename: dict[str, str] | None = None) -> None:
    """Puts a service's ValidationError on ``form``: field errors on their fields, the rest on top."""
    rename = rename or {}
    if hasattr(error, "error_dict"):
        for name, messages in error.message_dict.items():
            target = rename.get(name, name)
            for message in messages:
                form.add_error(target if target in form.fields else None, message)
    else:
        for message in error.messages:
            form.add_error(None, message)


# --- parties -----------------------------------------------------------------------------------------------


class ClientForm(ServiceModelForm):
    class Meta:
        model = Client
        fields = ["name", "uscc", "legal_representative", "address", "notes"]
        formfield_callback = _formfield


class ClientContactForm(StyledMixin, forms.Form):
    name = forms.CharField(label=gettext_lazy("姓名"), max_length=100, required=False)
    position = forms.CharField(label=gettext_lazy("职务"), max_length=100, required=False)
    phone = forms.CharField(label=gettext_lazy("电话"), max_length=40, required=False)
    email = forms.EmailField(label=gettext_lazy("电子邮箱"), required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for field in self.fields.values():  # shown in a table whose header names the columns
            field.widget.attrs["aria-label"] = str(field.label)

    def clean(self):
        data = super().clean()
        if not data.get("name") and any(data.get(key) for key in ("position", "phone", "email")):
            self.add_error("name", _("请填写联系人姓名。"))
        return data


ClientContactFormSet = forms.formset_factory(ClientContactForm, extra=2, max_num=50)


def contacts_from(formset) -> list[dict]:
    return [{key: form.cleaned_data.get(key, "") for key in ("name", "position", "phone", "email")}
            for form in formset.forms if form.cleaned_data.get("name")]


class ClientSearchForm(StyledMixin, forms.Form):
    q = forms.CharField(label=gettext_lazy("搜索"), required=False,
                        widget=forms.TextInput(attrs={"placeholder": gettext_lazy("名称或统一社会信用代码")}))


class DebtorForm(ServiceModelForm):
    addresses = LinesField(label=gettext_lazy("送达地址"), help_text=gettext_lazy("每行一个地址。"))
    phones = LinesField(label=gettext_lazy("电话"), help_text=gettext_lazy("每行一个号码。"))

    class Meta:
        model = Debtor
        fields = ["kind", "name", "id_number", "legal_representative", "addresses", "phones", "notes"]
        formfield_callback = _formfield
        help_texts = {"id_number": gettext_lazy("企业填统一社会信用代码，自然人填居民身份证号；可暂不填写。")}


class DebtorSearchForm(StyledMixin, forms.Form):
    q = forms.CharField(label=gettext_lazy("搜索"), required=False,
                        widget=forms.TextInput(attrs={"placeholder": gettext_lazy("名称/姓名或证件号码")}))
    kind = forms.ChoiceField(label=gettext_lazy("类型"), required=False,
                             choices=[("", gettext_lazy("全部类型")), *Debtor.Kind.choices])


# --- mandates ----------------------------------------------------------------------------------------------


def partners():
    return User.objects.filter(role=Role.PARTNER, is_active=True).order_by("name", "id")


def workers():
    return User.objects.filter(role__in=WORK_MATTERS, is_active=True).order_by("name", "id")


def lawyers():
    return User.objects.filter(role__in=access.ASSIGNABLE_LAWYER_ROLES, is_active=True).order_by("name", "id")


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

    RATE_FIELDS = ("fixed_rate", "upfront_rate", "success_rate")

    class Meta:
        model = Mandate
        fields = ["client", "contract_number", "contract_date", "responsible_partner", "team", "cause",
                  "placed_amount", "fee_type", "fixed_rate", "upfront_rate", "success_rate", "authority",
                  "special_powers", "status", "notes"]
        formfield_callback = _formfield

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
            self.fields["responsible_partner"].initial = user.pk if user.role == Role.PARTNER else None

    def service_data(self) -> dict:
        data = dict(self.cleaned_data)
        for name in self.RATE_FIELDS:
            data[name] = self.fields[name].to_fraction(data.get(name))
        data["team"] = list(data.get("team") or [])
        return data


class MandateFilterForm(StyledMixin, forms.Form):
    client = forms.ModelChoiceField(label=gettext_lazy("委托人"), queryset=Client.objects.none(), required=False,
                                    empty_label=gettext_lazy("全部委托人"))
    status = forms.ChoiceField(label=gettext_lazy("状态"), required=False,
                               choices=[("", gettext_lazy("全部状态")), *Mandate.Status.choices])

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["client"].queryset = access.visible_clients(user).order_by("name", "id")


# --- matters -----------------------------------------------------------------------------------------------


class MandateChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        return f"{obj.client.name} · {obj.contract_number or obj.contract_date.isoformat()}"


class DebtorChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        return f"{obj.name}（{obj.id_number}）" if obj.id_number else obj.name


class DebtorsChoiceField(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj):
        return f"{obj.name}（{obj.id_number}）" if obj.id_number else obj.name


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
                  "interest_rate", "lpr_multiplier", "lpr_fixed_on", "interest_from", "due_date", "lawyer",
                  "opened_on", "description", "recovery_plan"]
        formfield_callback = _formfield
        help_texts = {"interest_rate": gettext_lazy("计息方式为固定年利率时填写，例如 6 表示年 6%。"),
                      "lpr_multiplier": gettext_lazy("计息方式为 LPR 倍数时填写，例如 1.5。"),
                      "lpr_fixed_on": gettext_lazy("不填表示按各期同期 LPR。")}

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
        for name in ("interest_rate", "lpr_multiplier"):
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
            if user.role in access.ASSIGNABLE_LAWYER_ROLES:
                self.fields["lawyer"].initial = user.pk

    def service_data(self) -> dict:
        data = dict(self.cleaned_data)
        data["guarantors"] = list(data.get("guarantors") or [])
        if data.get("costs") is None:
            data["costs"] = Decimal("0")
        data.pop("version", None)
        if "opened_on" in data and data["opened_on"] is None:
            data.pop("opened_on")
        return data


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
    """Move the matter to a stage, or end (or reopen) it with an outcome; ``version`` is the one shown."""

    ACTIONS = (("stage", gettext_lazy("变更阶段")), ("outcome", gettext_lazy("结案/重新打开")))

    version = forms.IntegerField(widget=forms.HiddenInput, min_value=1)
    to_stage = forms.ChoiceField(label=gettext_lazy("目标阶段"), required=False,
                                 choices=[("", "—"), *Stage.choices])
    outcome = forms.ChoiceField(label=gettext_lazy("结案结果"), required=False,
                                choices=[("", "—"), *Outcome.choices])
    reason = forms.CharField(label=gettext_lazy("理由"), required=False, max_length=2000,
                             widget=forms.Textarea(attrs={"rows": 2}),
                             help_text=gettext_lazy("退回之前的阶段或重新打开案件时必填。"))
    on_date = _formfield(Matter._meta.get_field("closed_on"), label=gettext_lazy("日期"), required=False,
                         help_text=gettext_lazy("默认今天。"))
    # The record that entering some stages creates.
    court = forms.CharField(label=gettext_lazy("法院"), required=False, max_length=100,
                            help_text=gettext_lazy("进入保全、诉讼、执行阶段时必填。"))
    case_number = forms.CharField(label=gettext_lazy("案号"), required=False, max_length=60)
    filed_on = _formfield(Lawsuit._meta.get_field("filed_on"))
    pre_suit = forms.BooleanField(label=gettext_lazy("诉前保全"), required=False)
    ruling_on = _formfield(Preservation._meta.get_field("ruling_on"), label=gettext_lazy("保全裁定日期"))
    applied_on = _formfield(Preservation._meta.get_field("applied_on"))
    sent_on = _formfield(DemandLetter._meta.get_field("sent_on"), label=gettext_lazy("律师函发出日期"),
                         required=False)
    basis = forms.ChoiceField(label=gettext_lazy("核销依据类型"), required=False,
                              choices=[("", "—"), *WriteOff.Basis.choices],
                              help_text=gettext_lazy("进入核销依据阶段时必填。"))

    RECORD_FIELDS = ("court", "case_number", "filed_on", "pre_suit", "ruling_on", "applied_on", "sent_on",
                     "basis")

    def __init__(self, *args, matter: Matter, user, **kwargs):
        kwargs.setdefault("initial", {})["version"] = matter.version
        super().__init__(*args, **kwargs)
        self.fields["to_stage"].choices = [("", "—")] + [(value, label) for value, label in Stage.choices
                                                          if value != matter.stage]
        if matter.is_open:
            closing = [value for value in Outcome.values if value != Outcome.OPEN]
            if not can_approve_write_off(user):
                closing.remove(Outcome.WRITTEN_OFF)
                self.fields["outcome"].help_text = _("以“核销”结案须由合伙人批准：请先进入“核销依据”阶段并登记依据。")
            self.fields["outcome"].choices = [("", "—")] + [(value, Outcome(value).label) for value in closing]
        else:
            self.fields["outcome"].choices = [("", "—"), (Outcome.OPEN, _("重新打开（进行中）"))]

    def clean(self):
        data = super().clean()
        if bool(data.get("to_stage")) == bool(data.get("outcome")):
            raise ValidationError(_("请选择目标阶段或结案结果（二者选一）。"))
        return data

    def service_kwargs(self) -> dict:
        data = self.cleaned_data
        record = {name: data[name] for name in self.RECORD_FIELDS if data.get(name) not in (None, "", False)}
        return {"version": data["version"], "to_stage": data.get("to_stage") or None,
                "outcome": data.get("outcome") or None, "reason": data.get("reason", ""),
                "on_date": data.get("on_date"), "record": record}


class PaymentForm(StyledMixin, forms.Form):
    received_on = _formfield(Payment._meta.get_field("received_on"))
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


class WorkLogForm(ServiceModelForm):
    class Meta:
        model = WorkLogEntry
        fields = ["kind", "occurred_on", "contact_person", "summary", "outcome", "promised_amount", "promised_on",
                  "interrupts_limitation", "interruption_basis"]
        formfield_callback = _formfield

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("initial", {}).setdefault("occurred_on", timezone.localdate())
        super().__init__(*args, **kwargs)
        self.fields["summary"].widget.attrs["rows"] = 2


class EvidenceForm(StyledMixin, forms.Form):
    file = forms.FileField(label=gettext_lazy("文件"),
                           help_text=gettext_lazy("PDF、PNG、JPEG、Word（.docx）、Excel（.xlsx），按文件内容识别。"))
    category = forms.ChoiceField(label=gettext_lazy("类别"), choices=EvidenceCategory.choices,
                                 initial=EvidenceCategory.OTHER)
    title = forms.CharField(label=gettext_lazy("名称"), max_length=200, required=False)


# --- stage records ------------------------------------------------------------------------------------------


_INSTALMENT_LINE = re.compile(r"^([^\s,，]+)[\s,，]+(.+)$")


def _parse_instalments(text: str) -> list[dict]:
    rows = []
    due_on_field = Instalment._meta.get_field("due_on")
    for number, line in enumerate((line.strip() for line in text.splitlines()), start=1):
        if not line:
            continue
        match = _INSTALMENT_LINE.match(line)  # the date holds no comma or space; the amount may (1,000.00)
        if not match:
            raise ValidationError(_("第%(n)d行应为“日期 金额”，例如 2026-03-31 5000.00。") % {"n": number})
        date_text, amount_text = match.groups()
        try:
            due_on = date.fromisoformat(ascii_text(date_text))
        except ValueError:
            raise ValidationError(_("第%(n)d行的日期“%(value)s”格式应为 2026-03-31。")
                                  % {"n": number, "value": date_text}) from None
        try:
            due_on_field.run_validators(due_on)
        except ValidationError as error:
            raise ValidationError(_("第%(n)d行：%(message)s") % {"n": number, "message": error.messages[0]}) from None
        amount = parse_money(amount_text, _("第%(n)d行的金额") % {"n": number})
        rows.append({"due_on": due_on, "amount": amount})
    return rows


class InstalmentsField(forms.CharField):
    def __init__(self, *args, **kwargs):
        kwargs.setdefault("widget", forms.Textarea(attrs={"rows": 4, "placeholder": "2026-03-31 5000.00"}))
        super().__init__(*args, **kwargs)

    def clean(self, value):
        return _parse_instalments(super().clean(value) or "")


class RecordForm(ServiceModelForm):
    """Base of the stage-record forms; ``matter`` limits the choices of parent records."""

    def __init__(self, *args, matter: Matter, **kwargs):
        super().__init__(*args, **kwargs)
        self.matter = matter
        for field in self.fields.values():
            if isinstance(field, forms.ModelChoiceField) and hasattr(field.queryset.model, "matter"):
                field.queryset = field.queryset.model.objects.filter(matter=matter)

    def service_data(self) -> dict:
        """The cleaned data for the service; an empty optional field that the model stores as NOT NULL with a
        default (e.g. 已执行到位金额) gets that default."""
        data = dict(self.cleaned_data)
        for name, value in list(data.items()):
            try:
                field = self._meta.model._meta.get_field(name)
            except FieldDoesNotExist:  # a form-only field such as instalments
                continue
            if value is None and not field.null and field.has_default():
                data[name] = field.get_default()
        return data


def _record_form(model, fields, **attrs):
    meta = type("Meta", (), {"model": model, "fields": fields, "formfield_callback": _formfield})
    return type(f"{model.__name__}Form", (RecordForm,), {"Meta": meta, **attrs})


class RepaymentAgreementForm(RecordForm):
    instalments = InstalmentsField(label=gettext_lazy("分期安排"),
                                   help_text=gettext_lazy("每行一期：应还日期 金额，例如 2026-03-31 5000.00；"
                                                          "各期合计应等于协议还款总额。"))

    class Meta:
        model = RepaymentAgreement
        fields = ["signed_on", "total_amount", "acceleration", "instalments", "note"]
        formfield_callback = _formfield

    def __init__(self, *args, **kwargs):
        instance = kwargs.get("instance")
        if instance is not None and instance.pk:
            kwargs.setdefault("initial", {})["instalments"] = "\n".join(
                f"{item.due_on.isoformat()} {item.amount:.2f}" for item in instance.instalments.all())
        super().__init__(*args, **kwargs)
        self.fields["total_amount"].required = False
        self.fields["total_amount"].help_text = _("不填则取各期合计。")


class WriteOffForm(RecordForm):
    documents = forms.ModelMultipleChoiceField(label=gettext_lazy("文件"), queryset=EvidenceFile.objects.none(),
                                               required=False, widget=forms.CheckboxSelectMultiple,
                                               help_text=gettext_lazy("从本案证据文件中选择。"))

    class Meta:
        model = WriteOff
        fields = ["basis", "basis_date", "document_number", "documents", "note"]
        formfield_callback = _formfield

    def __init__(self, *args, matter: Matter, **kwargs):
        super().__init__(*args, matter=matter, **kwargs)
        self.fields["documents"].queryset = EvidenceFile.objects.filter(matter=matter)

    def service_data(self) -> dict:
        data = dict(self.cleaned_data)
        data["documents"] = list(data.get("documents") or [])
        return data


RECORD_FORMS: dict[str, type[RecordForm]] = {
    "asset_lead": _record_form(AssetLead, ["kind", "description", "source", "estimated_value", "found_on"]),
    "demand_letter": _record_form(DemandLetter, ["letter_number", "sent_on", "method", "tracking_number",
                                                 "delivered_on", "note"]),
    "negotiation": _record_form(Negotiation, ["kind", "occurred_on", "participants", "summary", "offered_amount"]),
    "repayment_agreement": RepaymentAgreementForm,
    "preservation": _record_form(Preservation, ["court", "ruling_number", "pre_suit", "applied_on", "ruling_on",
                                                "amount", "note"]),
    "frozen_asset": _record_form(FrozenAsset, ["preservation", "kind", "description", "amount", "frozen_on",
                                               "renewed_on", "released_on"]),
    "lawsuit": _record_form(Lawsuit, ["instance", "court", "case_number", "filed_on", "claimed_amount", "decision",
                                      "decided_on", "awarded_amount", "served_on", "performance_due_on"]),
    "hearing": _record_form(Hearing, ["lawsuit", "held_on", "time", "place", "note"]),
    "enforcement": _record_form(Enforcement, ["court", "case_number", "applied_on", "amount_applied",
                                              "amount_enforced", "note"]),
    "write_off": WriteOffForm,
}


class DeadlinePersonForm(StyledMixin, forms.Form):
    person = PersonChoiceField(label=gettext_lazy("人员"), queryset=User.objects.none(), required=False,
                               empty_label=gettext_lazy("我自己"))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["person"].queryset = workers()



class PortalUserForm(forms.Form):
    user = forms.ModelChoiceField(label=gettext_lazy("委托方用户"), queryset=User.objects.none())

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["user"].queryset = selectors.portal_user_candidates()
