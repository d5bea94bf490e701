from django import forms
from django.utils.translation import gettext_lazy as _

from tenants.models import Firm
from tenants.services import FIRM_SETTINGS_FIELDS


class SignupForm(forms.Form):
    name = forms.CharField(label=_("律所名称"), max_length=200)
    slug = forms.CharField(
        label=_("子域名"), max_length=100, help_text=_("小写字母、数字和连字符，例如 jinghua-law。")
    )
    owner_name = forms.CharField(label=_("您的姓名"), max_length=200)
    owner_email = forms.EmailField(label=_("电子邮箱"))
    owner_password = forms.CharField(label=_("密码"), widget=forms.PasswordInput, strip=False,
                                     help_text=_("至少 10 位，不能过于简单或全为数字。"))

    def clean_slug(self):
        # Validated by the service, which owns the rules; surrounding spaces count as spaces.
        return self.cleaned_data["slug"]


class FirmSettingsForm(forms.ModelForm):
    class Meta:
        model = Firm
        fields = FIRM_SETTINGS_FIELDS
