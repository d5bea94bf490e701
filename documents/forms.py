"""Forms of the documents pages."""

from datetime import date

from django import forms
from django.utils import timezone

from documents.models import GENERATABLE, TEMPLATE_KINDS, DocumentKind
from matters.models import Client


class GenerateForm(forms.Form):
    kind = forms.ChoiceField(label="文书", choices=[(k, DocumentKind(k).label) for k in GENERATABLE])
    recipient = forms.IntegerField(label="收函人（担保人）", required=False, min_value=1)


class DocumentUploadForm(forms.Form):
    file = forms.FileField(label="文件（PDF、图片、Word、Excel）")
    title = forms.CharField(label="标题", max_length=200, required=False)
    shared_with_client = forms.BooleanField(label="与委托人共享", required=False)


class TemplateUploadForm(forms.Form):
    kind = forms.ChoiceField(label="文书类型", choices=[(k, DocumentKind(k).label) for k in TEMPLATE_KINDS])
    file = forms.FileField(label="模板文件（.docx）")
    note = forms.CharField(label="修改说明", max_length=300, required=False)


class ProgressReportForm(forms.Form):
    client = forms.ModelChoiceField(label="委托人", queryset=Client.objects.none())
    month = forms.RegexField(label="月份", regex=r"^\d{4}-(0[1-9]|1[0-2])$",
                             error_messages={"invalid": "请按 2026-11 的格式填写月份。"})

    def __init__(self, *args, clients=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["client"].queryset = clients if clients is not None else Client.objects.all()
        self.fields["month"].initial = timezone.localdate().strftime("%Y-%m")

    def period(self) -> tuple[int, int]:
        year, month = self.cleaned_data["month"].split("-")
        return int(year), int(month)

    def clean_month(self):
        value = self.cleaned_data["month"]
        year, month = (int(x) for x in value.split("-"))
        if date(year, month, 1) > timezone.localdate():
            raise forms.ValidationError("不能选择未来的月份。")
        return value
