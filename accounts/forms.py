from django import forms
from django.contrib.auth.forms import AuthenticationForm
from django.utils.translation import gettext_lazy as _

from accounts.models import Role


class EmailAuthenticationForm(AuthenticationForm):
    username = forms.EmailField(label=_("电子邮箱"), widget=forms.EmailInput(attrs={"autofocus": True}))

    error_messages = {
        "invalid_login": _("邮箱或密码不正确。"),
        "inactive": _("该账户已停用。"),
    }


class InvitationForm(forms.Form):
    email = forms.EmailField(label=_("电子邮箱"))
    role = forms.ChoiceField(label=_("角色"), choices=Role.choices)


class AcceptInvitationForm(forms.Form):
    name = forms.CharField(label=_("姓名"), max_length=100)
    password = forms.CharField(label=_("设置密码"), widget=forms.PasswordInput, strip=False)
    password_confirm = forms.CharField(label=_("确认密码"), widget=forms.PasswordInput, strip=False)

    def clean(self):
        data = super().clean()
        if data.get("password") and data.get("password") != data.get("password_confirm"):
            self.add_error("password_confirm", _("两次输入的密码不一致。"))
        return data


class RoleForm(forms.Form):
    role = forms.ChoiceField(label=_("角色"), choices=Role.choices)
