"""Forms of the bulk-import pages."""

from django import forms
from django.utils.translation import gettext_lazy as _

from core.forms import StyledMixin
from placements.access import importable_mandates


class MandateChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, mandate):
        number = mandate.contract_number or _("（无编号）")
        return f"{mandate.client.name} · {number} · {mandate.contract_date:%Y-%m-%d}"


class UploadForm(StyledMixin, forms.Form):
    mandate = MandateChoiceField(label=_("委托"), queryset=None, empty_label=_("请选择委托"))
    file = forms.FileField(label=_("文件（.xlsx 或 .csv，不超过 10 MB）"), widget=forms.ClearableFileInput(attrs={
        "accept": ".xlsx,.csv,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"}))

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["mandate"].queryset = importable_mandates(user).select_related("client")
