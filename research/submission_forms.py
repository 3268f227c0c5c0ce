"""The period's form on the page, made from the form version's fields: one input per
field, grouped by section. The inputs only carry what the person typed; the check is
`research.validation.check_figures`, run by the service, whose errors are put back next to
each field (`add_service_errors`)."""

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from research.models import DataField, FieldType
from research.validation import Form

YES, NO = "да", "не"


def _input(data_field: DataField) -> forms.Field:
    common = {
        "label": data_field.label,
        "required": False,  # a draft may leave any field empty; the check says what is missing
        "help_text": data_field.help_text,
    }
    if data_field.type == FieldType.BOOLEAN:
        return forms.ChoiceField(choices=[("", "—"), (YES, _("Yes")), (NO, _("No"))], **common)
    if data_field.type == FieldType.CHOICE:
        return forms.ChoiceField(
            choices=[("", "—"), *((c, c) for c in data_field.choices)], **common
        )
    if data_field.type == FieldType.TEXT:
        return forms.CharField(widget=forms.Textarea(attrs={"rows": 3}), max_length=4000, **common)
    # Numbers are text inputs with a numeric keyboard: a Serbian «12,5» must reach the
    # check as typed (a browser's number input would refuse or change it).
    mode = "numeric" if data_field.type == FieldType.INTEGER else "decimal"
    return forms.CharField(
        max_length=30,
        widget=forms.TextInput(attrs={"inputmode": mode, "class": "text-end"}),
        **common,
    )


def initial_of(form: Form, values: dict[str, Any]) -> dict[str, str]:
    out = {}
    for data_field in form.fields:
        value = values.get(data_field.code)
        if value is None:
            continue
        if data_field.type == FieldType.BOOLEAN:
            out[data_field.code] = YES if value else NO
        else:
            out[data_field.code] = str(value)
    return out


def mark_invalid(form: forms.Form) -> None:
    """Bootstrap's invalid look and the error tied to its input, for screen readers."""
    for name in form.errors:
        if name in form.fields:
            attrs = form.fields[name].widget.attrs
            attrs["class"] = (attrs.get("class", "") + " is-invalid").strip()
            attrs["aria-invalid"] = "true"
            attrs["aria-describedby"] = f"id_{name}-error"


class FiguresForm(forms.Form):
    def __init__(self, *args, figures_form: Form, **kwargs):
        super().__init__(*args, **kwargs)
        self.figures_form = figures_form
        for data_field in figures_form.fields:
            self.fields[data_field.code] = _input(data_field)
            widget = self.fields[data_field.code].widget
            base = "form-select" if isinstance(widget, forms.Select) else "form-control"
            widget.attrs["class"] = (base + " " + widget.attrs.get("class", "")).strip()
            self.fields[data_field.code].unit = data_field.unit
            self.fields[data_field.code].mandatory = data_field.required

    def raw(self) -> dict[str, Any]:
        return {code: self.cleaned_data.get(code, "") for code in self.fields}

    def add_service_errors(self, error: ValidationError) -> None:
        if hasattr(error, "error_dict"):
            for code, errors in error.message_dict.items():
                self.add_error(code if code in self.fields else None, errors)
        else:
            self.add_error(None, error.messages)
        mark_invalid(self)

    def error_summary(self) -> list[tuple[str, str]]:
        """(input id, message) for the summary at the top, each message once: a rule's
        message stands under its total and under the part that broke it."""
        seen, out = set(), []
        for name, errors in self.errors.items():
            if name == "__all__":
                continue
            for message in errors:
                if message not in seen:
                    seen.add(message)
                    out.append((self[name].id_for_label, message))
        return out

    def sections(self) -> list["Section"]:
        out: list[Section] = []
        for data_field in self.figures_form.fields:
            if not out or out[-1].title != data_field.section:
                out.append(Section(data_field.section, []))
            out[-1].fields.append(self[data_field.code])
        return out


@dataclass
class Section:
    title: str
    fields: list


class ReturnForm(forms.Form):
    comment = forms.CharField(
        label=_("What should the centre correct?"),
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=4000,
    )


class UploadForm(forms.Form):
    file = forms.FileField(
        label=_("The filled-in XLSX template"),
        widget=forms.ClearableFileInput(
            attrs={"class": "form-control form-control-sm", "accept": ".xlsx"}
        ),
    )


@dataclass
class CompareRow:
    label: str
    unit: str
    values: list[tuple[Any, bool]]  # (value, changed from the next older version)


def compare(fields: Iterable[DataField], versions: list) -> list[CompareRow]:
    """The figures of every version side by side (newest first), each marked where it
    differs from the version before it."""
    rows = []
    for data_field in fields:
        cells = []
        for index, version in enumerate(versions):
            value = version.values.get(data_field.code)
            older = (
                versions[index + 1].values.get(data_field.code)
                if index + 1 < len(versions)
                else value
            )
            cells.append((value, value != older))
        rows.append(CompareRow(data_field.label, data_field.unit, cells))
    return rows
