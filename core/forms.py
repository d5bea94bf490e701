"""The form toolkit every app's pages share: fields and widgets (money, percent, lines, dates), the Bootstrap
styling of widgets, ModelForms that only parse, and putting a service's ValidationError back on a form.

Forms parse what people type; the rules and the writes belong to the services. A view runs the service
through :func:`run_service`, which puts the service's ValidationError on the form the person filled in.
"""

from __future__ import annotations

from collections.abc import Callable
from decimal import Decimal

from django import forms
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db import models

from core.money import parse_money

HUNDRED = Decimal("100")


# --- fields and widgets --------------------------------------------------------------------------------------


class MoneyField(forms.CharField):
    """An amount in yuan, read by :func:`core.money.parse_money` (thousands separators and full-width digits
    allowed): at most two decimals, not negative."""

    def __init__(self, *args, allow_zero: bool = True, **kwargs):
        self.allow_zero = allow_zero
        kwargs.setdefault("widget", forms.TextInput(attrs={"inputmode": "decimal", "autocomplete": "off"}))
        super().__init__(*args, **kwargs)

    def prepare_value(self, value):
        return f"{value:.2f}" if isinstance(value, Decimal) else value

    def clean(self, value):
        value = super().clean(value)
        if value in self.empty_values:
            return None
        return parse_money(value, str(self.label), allow_zero=self.allow_zero)


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


def model_formfield(field: models.Field, **kwargs):
    """The form field of a model field on the pages (a ModelForm's ``formfield_callback``): dates as
    type=date, money as MoneyField, long text as textarea. A date keeps its model field's validators (the
    bounds of ``core.dates``), which the form checks."""
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


# --- styling -------------------------------------------------------------------------------------------------


class StyledMixin:
    """Bootstrap classes on every widget, and ``is-invalid`` on the fields that got an error (including errors
    that a service raised after the form was valid). ``compact`` forms (the workspace's) use the small
    controls; the calculators' pages use the normal ones."""

    compact = True

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        size = " form-control-sm" if self.compact else ""
        select_size = " form-select-sm" if self.compact else ""
        for field in self.fields.values():
            widget = field.widget
            if isinstance(widget, forms.CheckboxInput | forms.CheckboxSelectMultiple | forms.RadioSelect):
                css = "form-check-input"
            elif isinstance(widget, forms.Select):
                css = "form-select" + select_size
            elif isinstance(widget, forms.HiddenInput):
                continue
            else:
                css = "form-control" + size
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
    """A ModelForm that only parses: no instance is built or validated here (the services do that), so an
    invalid entry never half-saves anything. ModelForms are used for their labels, choices and widgets."""

    def _post_clean(self):
        pass


# --- service errors ------------------------------------------------------------------------------------------


def apply_service_errors(form: forms.BaseForm, error: ValidationError, *,
                         rename: dict[str, str | None] | None = None) -> None:
    """Puts a service's ValidationError on ``form``: field errors on their fields, the rest on top.
    ``rename`` maps a service's field name to the form's (None: on top)."""
    rename = rename or {}
    if hasattr(error, "error_dict"):
        for name, messages in error.message_dict.items():
            target = rename.get(name, name)
            for message in messages:
                form.add_error(target if target in form.fields else None, message)
    else:
        for message in error.messages:
            form.add_error(None, message)


def run_service[T](form: forms.BaseForm, call: Callable[[], T], *,
                rename: dict[str, str | None] | None = None) -> T | None:
    """Runs ``call()``; a ValidationError goes onto ``form`` and None is returned."""
    try:
        return call()
    except ValidationError as error:
        apply_service_errors(form, error, rename=rename)
        return None


def flash_errors(request, error: ValidationError) -> None:
    """A refused write shown as flash messages on the page the person is sent back to (no form to carry it)."""
    for message in error.messages:
        messages.error(request, message)
