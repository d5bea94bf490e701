"""Forms of the parties: the firm's clients (with their contacts) and the debtors and guarantors."""

from __future__ import annotations

from django import forms
from django.db.models import Q
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from core.forms import LinesField, ServiceModelForm, StyledMixin, model_formfield
from matters.models import Client, Debtor

CONTACT_FIELDS = ("name", "position", "phone", "email")


class ClientForm(ServiceModelForm):
    class Meta:
        model = Client
        fields = ["name", "uscc", "legal_representative", "legal_representative_title", "is_financial_institution",
                  "address", "bank_name", "bank_account", "notes"]
        help_texts = {"is_financial_institution": gettext_lazy("持牌金融机构的借款纠纷为金融借款合同纠纷，其他出借人为民间借贷纠纷。")}
        formfield_callback = model_formfield


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


def contacts_initial(client: Client | None) -> list[dict]:
    """The contact rows of the client form for ``client`` (none for a new client)."""
    if client is None:
        return []
    return [{key: getattr(contact, key) for key in CONTACT_FIELDS} for contact in client.contacts.all()]


def contacts_from(formset) -> list[dict]:
    return [{key: form.cleaned_data.get(key, "") for key in CONTACT_FIELDS}
            for form in formset.forms if form.cleaned_data.get("name")]


class ClientSearchForm(StyledMixin, forms.Form):
    q = forms.CharField(label=gettext_lazy("搜索"), required=False,
                        widget=forms.TextInput(attrs={"placeholder": gettext_lazy("名称或统一社会信用代码")}))

    def filter(self, clients):
        """``clients`` whose name holds the search text or whose USCC is it."""
        if self.is_valid() and self.cleaned_data["q"].strip():
            value = self.cleaned_data["q"].strip()
            clients = clients.filter(Q(name__icontains=value) | Q(uscc__iexact=value))
        return clients


class DebtorForm(ServiceModelForm):
    addresses = LinesField(label=gettext_lazy("送达地址"), help_text=gettext_lazy("每行一个地址。"))
    phones = LinesField(label=gettext_lazy("电话"), help_text=gettext_lazy("每行一个号码。"))

    class Meta:
        model = Debtor
        fields = ["kind", "name", "id_number", "legal_representative", "gender", "birth_date", "ethnicity",
                  "addresses", "phones", "notes"]
        formfield_callback = model_formfield
        help_texts = {"id_number": gettext_lazy("企业填统一社会信用代码，自然人填居民身份证号；可暂不填写。"),
                      "gender": gettext_lazy("自然人填写；不填时按身份证号推定。"),
                      "birth_date": gettext_lazy("自然人填写；不填时按身份证号推定。")}


class DebtorSearchForm(StyledMixin, forms.Form):
    q = forms.CharField(label=gettext_lazy("搜索"), required=False,
                        widget=forms.TextInput(attrs={"placeholder": gettext_lazy("名称/姓名或证件号码")}))
    kind = forms.ChoiceField(label=gettext_lazy("类型"), required=False,
                             choices=[("", gettext_lazy("全部类型")), *Debtor.Kind.choices])

    def filter(self, debtors):
        """``debtors`` whose name holds the search text or whose id number is it, of the chosen kind."""
        if self.is_valid():
            value = self.cleaned_data["q"].strip()
            if value:
                debtors = debtors.filter(Q(name__icontains=value) | Q(id_number__iexact=value))
            if self.cleaned_data["kind"]:
                debtors = debtors.filter(kind=self.cleaned_data["kind"])
        return debtors


class DebtorLabel:
    """A debtor offered as "name（id number）" when the number is known."""

    def label_from_instance(self, obj):
        return f"{obj.name}（{obj.id_number}）" if obj.id_number else obj.name


class DebtorChoiceField(DebtorLabel, forms.ModelChoiceField):
    pass


class DebtorsChoiceField(DebtorLabel, forms.ModelMultipleChoiceField):
    pass
