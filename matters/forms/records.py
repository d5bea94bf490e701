"""Forms of the stage records, one per record type of ``matters.records`` and named after its model
(``AssetLeadForm`` …), which is how ``RecordType.form_class`` finds them. Their fields are the registry's
``form_fields``; the repayment agreement (its instalments typed as lines) and the write-off basis (its
documents chosen among the matter's evidence) add what a plain model form cannot."""

from __future__ import annotations

import re
from datetime import date

from django import forms
from django.core.exceptions import FieldDoesNotExist, ValidationError
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from core.forms import ServiceModelForm, model_formfield
from core.money import ascii_text, parse_money
from matters.models import EvidenceFile, Forum, Instalment, Matter
from matters.records import BY_NAME

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


def _meta(name: str) -> type:
    """The Meta of a record type's form: its model and the registry's form fields."""
    record_type = BY_NAME[name]
    return type("Meta", (), {"model": record_type.model, "fields": list(record_type.form_fields),
                             "formfield_callback": model_formfield})


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


def _plain_form(name: str) -> type[RecordForm]:
    """The form of a record type whose fields are all plain model fields."""
    return type(f"{BY_NAME[name].class_name}Form", (RecordForm,), {"Meta": _meta(name), "__module__": __name__})


AssetLeadForm = _plain_form("asset_lead")
class DemandLetterForm(RecordForm):
    """A letter goes to the debtor unless one of the matter's guarantors is chosen as its recipient."""

    Meta = _meta("demand_letter")

    def __init__(self, *args, matter: Matter, **kwargs):
        super().__init__(*args, matter=matter, **kwargs)
        self.fields["recipient"].queryset = matter.guarantors.order_by("name", "id")
        self.fields["recipient"].empty_label = _("债务人（%(name)s）") % {"name": matter.debtor.name}
NegotiationForm = _plain_form("negotiation")
PreservationForm = _plain_form("preservation")
FrozenAssetForm = _plain_form("frozen_asset")
PaymentOrderForm = _plain_form("payment_order")


class LawsuitForm(RecordForm):
    """A new lawsuit starts in the forum the matter's dispute resolution names; in arbitration the labels are
    the arbitration's (仲裁委员会, 仲裁案号, 裁决)."""

    Meta = _meta("lawsuit")

    ARBITRATION_LABELS = {"court": gettext_lazy("仲裁委员会"), "case_number": gettext_lazy("仲裁案号"),
                          "filed_on": gettext_lazy("申请/受理日期"), "decided_on": gettext_lazy("裁决/调解日期"),
                          "awarded_amount": gettext_lazy("裁决/调解金额")}

    def __init__(self, *args, matter: Matter, **kwargs):
        instance = kwargs.get("instance")
        if instance is None or not instance.pk:
            initial = kwargs.setdefault("initial", {})
            initial.setdefault("forum", matter.dispute_resolution)
            if matter.dispute_resolution == Forum.ARBITRATION and matter.arbitration_commission:
                initial.setdefault("court", matter.arbitration_commission)
        super().__init__(*args, matter=matter, **kwargs)
        self.fields["forum"].required = False
        forum = instance.forum if instance is not None and instance.pk else matter.dispute_resolution
        if forum == Forum.ARBITRATION:
            for name, label in self.ARBITRATION_LABELS.items():
                self.fields[name].label = label

    def service_data(self) -> dict:
        data = super().service_data()
        if not data.get("forum"):
            data.pop("forum", None)  # the service then follows the matter's dispute resolution
        return data
HearingForm = _plain_form("hearing")
EnforcementForm = _plain_form("enforcement")
CreditInvestigationForm = _plain_form("credit_investigation")
BankruptcyClaimForm = _plain_form("bankruptcy_claim")


class RepaymentAgreementForm(RecordForm):
    instalments = InstalmentsField(label=gettext_lazy("分期安排"),
                                   help_text=gettext_lazy("每行一期：应还日期 金额，例如 2026-03-31 5000.00；"
                                                          "各期合计应等于签订日确认的欠款，或等于和解金额。"))

    Meta = _meta("repayment_agreement")

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

    Meta = _meta("write_off")

    def __init__(self, *args, matter: Matter, **kwargs):
        super().__init__(*args, matter=matter, **kwargs)
        self.fields["documents"].queryset = EvidenceFile.objects.filter(matter=matter)

    def service_data(self) -> dict:
        data = dict(self.cleaned_data)
        data["documents"] = list(data.get("documents") or [])
        return data
