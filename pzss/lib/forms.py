"""Form helpers every app uses: date and time inputs the browser understands, fields
side by side, and a service's ValidationError put next to the fields it names."""

from crispy_forms.layout import Div
from django import forms
from django.core.exceptions import ValidationError


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, **kwargs):
        super().__init__(format="%Y-%m-%d", **kwargs)


class TimeInput(forms.TimeInput):
    input_type = "time"

    def __init__(self, **kwargs):
        super().__init__(format="%H:%M", **kwargs)


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
