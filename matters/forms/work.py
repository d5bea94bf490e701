"""Forms of the work on a matter: the work log (calls, visits, promises to pay) and evidence files."""

from __future__ import annotations

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy

from core.forms import ServiceModelForm, StyledMixin, model_formfield
from matters.models import EvidenceCategory, WorkLogEntry


class WorkLogForm(ServiceModelForm):
    class Meta:
        model = WorkLogEntry
        fields = ["kind", "occurred_on", "contact_person", "summary", "outcome", "promised_amount", "promised_on",
                  "interrupts_limitation", "interruption_basis"]
        formfield_callback = model_formfield

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
    source = forms.CharField(label=gettext_lazy("证据来源"), max_length=100, required=False,
                             help_text=gettext_lazy("如：原告提供、银行出具。"))
    purpose = forms.CharField(label=gettext_lazy("证明目的"), max_length=300, required=False,
                              help_text=gettext_lazy("不填则按类别写明通常的证明目的。"))
