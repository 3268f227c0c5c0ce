"""Form helpers every app uses: text fields that clean what people type, date and time
inputs the browser understands, fields side by side, and a service's ValidationError put
next to the fields it names."""

from collections.abc import Callable

from crispy_forms.layout import Div
from django import forms
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import get_language

from pzss.lib.text import clean_text
from pzss.lib.translit import for_language


class CleanCharField(forms.CharField):
    """The portal's text field: what people type is cleaned (`clean_text`: composed
    letters, no invisible or control characters) before it is validated or stored, so a
    name made only of zero-width spaces is an empty name. Every text field of the portal's
    forms is one (tests/layout/test_forms_clean_text.py)."""

    def to_python(self, value):
        value = super().to_python(value)
        if isinstance(value, str) and value:
            value = clean_text(value)
            if self.strip:
                value = value.strip()
            if not value:
                return self.empty_value
        return value


def clean_text_formfield(db_field, **kwargs):
    """A ModelForm's `Meta.formfield_callback`: the model's plain text fields become
    `CleanCharField` (fields with choices and typed fields such as e-mail keep theirs)."""
    if type(db_field) in (models.CharField, models.TextField) and not db_field.choices:
        kwargs.setdefault("form_class", CleanCharField)
    return db_field.formfield(**kwargs)


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, **kwargs):
        super().__init__(format="%Y-%m-%d", **kwargs)


class TimeInput(forms.TimeInput):
    input_type = "time"

    def __init__(self, **kwargs):
        super().__init__(format="%H:%M", **kwargs)


class ReaderScriptChoices:
    """Choices named by content (municipalities, institutions, people, groups) in the
    reader's script, as the rest of the page: Latin for Latin and English readers.

    The label is made when the options are rendered, in the request's language, so one
    form class serves all three. `label_of` names an object (default: str(obj)).
    """

    def __init__(self, *args, label_of: Callable[[object], str] | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        self.label_of = label_of or str

    def label_from_instance(self, obj):
        return for_language(str(self.label_of(obj)), get_language())


class ScriptModelChoiceField(ReaderScriptChoices, forms.ModelChoiceField):
    pass


class ScriptModelMultipleChoiceField(ReaderScriptChoices, forms.ModelMultipleChoiceField):
    pass


def script_choices(choices: list[tuple]) -> Callable[[], list]:
    """Static choices whose labels are Serbian content (the programme's month names), in
    the reader's script; Django calls the result each time the options are rendered."""

    def in_reader_script() -> list:
        return [(value, for_language(str(label), get_language())) for value, label in choices]

    return in_reader_script


def add_service_errors(form, exc: ValidationError) -> None:
    """Put a service's ValidationError next to the fields it names, or at the top."""
    if hasattr(exc, "error_dict"):
        for field, errors in exc.error_dict.items():
            form.add_error(field if field in form.fields else None, errors)
    else:
        form.add_error(None, exc)


def row(*columns: tuple[str, int]) -> Div:
    """Fields side by side on wide screens: row(("place", 6), ("municipality", 6))."""
    return Div(
        *(Div(name, css_class=f"col-md-{width}") for name, width in columns), css_class="row"
    )


class DateTimeLocalInput(forms.DateTimeInput):
    input_type = "datetime-local"

    def __init__(self, attrs=None):
        super().__init__(attrs=attrs, format="%Y-%m-%dT%H:%M")
