"""The firm's people on the matters forms: who may be chosen as partner, team member or lawyer, and the forms
that pick a person (whose deadlines to show, which client-portal person to link to a client)."""

from __future__ import annotations

from django import forms
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy

from accounts import access as roles
from accounts.access import WORK_MATTERS
from accounts.models import User
from core.forms import StyledMixin
from matters import selectors


def partners() -> QuerySet[User]:
    return User.objects.filter(role__in=roles.RESPONSIBLE_PARTNER_ROLES, is_active=True).order_by("name", "id")


def workers() -> QuerySet[User]:
    return User.objects.filter(role__in=WORK_MATTERS, is_active=True).order_by("name", "id")


def lawyers() -> QuerySet[User]:
    return User.objects.filter(role__in=roles.ASSIGNABLE_LAWYER_ROLES, is_active=True).order_by("name", "id")


class PersonLabel:
    """A person offered as "name（role）"."""

    def label_from_instance(self, obj):
        return f"{obj.name}（{obj.get_role_display()}）"


class PersonChoiceField(PersonLabel, forms.ModelChoiceField):
    pass


class PeopleChoiceField(PersonLabel, forms.ModelMultipleChoiceField):
    pass


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
