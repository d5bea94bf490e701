"""Forms of the workspace pages: they parse; the stage rules stay in matters.stages and matters.services."""

from django import forms
from django.utils.translation import gettext_lazy as _

from core.forms import StyledMixin
from matters.models import WriteOff
from matters.stages import Stage


class BoardMoveForm(StyledMixin, forms.Form):
    """A card moved to another column. ``version`` is the one the board showed (a stale one gives a conflict);
    the other fields are what some moves need: a reason to go back, a court or a write-off basis to enter.
    Its cleaned data is the flat input of :meth:`matters.stages.Move.from_data`."""

    version = forms.IntegerField(widget=forms.HiddenInput, min_value=1)
    to_stage = forms.ChoiceField(choices=Stage.choices, widget=forms.HiddenInput)
    reason = forms.CharField(label=_("理由"), required=False, max_length=2000,
                             widget=forms.Textarea(attrs={"rows": 2}))
    court = forms.CharField(label=_("法院"), required=False, max_length=100)
    case_number = forms.CharField(label=_("案号"), required=False, max_length=60)
    basis = forms.ChoiceField(label=_("核销依据类型"), required=False,
                              choices=[("", "—"), *WriteOff.Basis.choices])
