"""The form builder's forms: a data set, a field, a rule, a publication; and the preview
of a form version as a centre sees it."""

from django import forms
from django.core.validators import validate_slug
from django.utils.translation import get_language, pgettext_lazy
from django.utils.translation import gettext_lazy as _

from pzss.core.models import Institution, InstitutionKind
from pzss.lib.forms import CleanCharField, ScriptModelChoiceField, ScriptModelMultipleChoiceField
from pzss.lib.translit import for_language
from research.models import NUMERIC_TYPES, DataField, FieldType, Frequency, RuleKind


class DataSetForm(forms.Form):
    name = CleanCharField(label=pgettext_lazy("a data set's", "Name"), max_length=255)
    code = CleanCharField(
        label=_("Code"),
        max_length=60,
        required=False,
        validators=[validate_slug],
        help_text=_(
            "Latin letters, digits, hyphens and underscores: the data set's address and "
            "the name of its XLSX template. Left empty, it is made from the name."
        ),
    )
    description = CleanCharField(
        label=_("Description"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )
    frequency = forms.ChoiceField(label=_("Frequency"), choices=Frequency.choices)
    deadline_days = forms.IntegerField(
        label=_("Deadline (days after the period ends)"), min_value=0, max_value=365, initial=5
    )
    expected_kinds = forms.MultipleChoiceField(
        label=_("Every institution of these kinds reports"),
        choices=InstitutionKind.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    chosen_institutions = ScriptModelMultipleChoiceField(
        label=_("And these institutions"),
        queryset=Institution.objects.filter(is_active=True).order_by("name"),
        required=False,
        widget=forms.SelectMultiple(attrs={"size": 10}),
        help_text=_("Institutions expected to report besides those of the kinds above."),
    )

    def __init__(self, *args, editing: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        if editing:
            # The code is the data set's address and its template's name: chosen once.
            del self.fields["code"]


def _choice_lines(text: str) -> list[str]:
    return [line.strip() for line in (text or "").splitlines() if line.strip()]


class FieldForm(forms.Form):
    label = CleanCharField(label=_("Label"), max_length=300)
    code = CleanCharField(
        label=_("Code"),
        max_length=60,
        required=False,
        validators=[validate_slug],
        help_text=_(
            "The column of the XLSX template, in Latin letters. Left empty, it is made "
            "from the label («од тога: деца» → od_toga_deca)."
        ),
    )
    type = forms.ChoiceField(label=_("Type"), choices=FieldType.choices)
    unit = CleanCharField(
        label=_("Unit"), max_length=40, required=False, help_text=_("For example: особа, пријава.")
    )
    required = forms.BooleanField(label=_("Required"), required=False, initial=True)
    min_value = forms.DecimalField(
        label=_("At least"), max_digits=14, decimal_places=2, required=False
    )
    max_value = forms.DecimalField(
        label=_("At most"), max_digits=14, decimal_places=2, required=False
    )
    choices = CleanCharField(
        label=_("Choices"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("For a choice from a list: one choice a line, at least two."),
    )
    section = CleanCharField(
        label=_("Section"),
        max_length=200,
        required=False,
        help_text=_("Fields of one section are shown together under its title."),
    )
    help_text = CleanCharField(
        label=_("Help"),
        max_length=500,
        required=False,
        help_text=_("What the person filling in reads under the field."),
    )

    @classmethod
    def initial_of(cls, data_field: DataField) -> dict:
        initial = {name: getattr(data_field, name) for name in cls.base_fields}
        initial["choices"] = "\n".join(data_field.choices)
        for bound in ("min_value", "max_value"):
            # 0, not 0.00: a whole number's bound reads as one.
            if initial[bound] is not None:
                initial[bound] = f"{initial[bound].normalize():f}"
        return initial

    def clean_choices(self) -> list[str]:
        return _choice_lines(self.cleaned_data.get("choices"))

    def service_data(self) -> dict:
        return dict(self.cleaned_data)


class RuleForm(forms.Form):
    kind = forms.ChoiceField(label=_("Rule"), choices=RuleKind.choices)
    total = ScriptModelChoiceField(label=_("Total"), queryset=DataField.objects.none())
    parts = ScriptModelMultipleChoiceField(
        label=_("Parts"),
        queryset=DataField.objects.none(),
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Only number fields can be compared."),
    )
    message = CleanCharField(
        label=_("Message"),
        max_length=300,
        required=False,
        help_text=_(
            "What the person filling in reads when the rule fails; left empty, one is written."
        ),
    )

    def __init__(self, *args, version, **kwargs):
        super().__init__(*args, **kwargs)
        numeric = DataField.objects.filter(version=version, type__in=NUMERIC_TYPES).order_by(
            "order", "pk"
        )
        self.fields["total"].queryset = numeric
        self.fields["parts"].queryset = numeric


class PublishForm(forms.Form):
    change_note = CleanCharField(
        label=_("What changed"),
        max_length=300,
        required=False,
        help_text=_("A line for the versions' list, such as: a field for the elderly added."),
    )


class StartDraftForm(forms.Form):
    """An empty form: the button that starts a draft (a POST with the CSRF token)."""


_YES_NO = [("", "—"), ("да", _("yes")), ("не", _("no"))]


def preview_form(form) -> forms.Form:
    """A form version (research.validation.Form) as the form a centre fills in, every
    input disabled: the preview on a data set's page and of a draft."""
    preview = forms.Form(prefix="preview")
    language = get_language()
    for data_field in form.fields:
        label = data_field.label + (f" ({data_field.unit})" if data_field.unit else "")
        common = {
            # Content typed in Cyrillic, in the reader's script like the rest of the page.
            "label": for_language(label, language),
            "required": data_field.required,
            "help_text": for_language(data_field.help_text, language),
            "disabled": True,
        }
        if data_field.type in NUMERIC_TYPES:
            attrs = {"inputmode": "numeric" if data_field.type == FieldType.INTEGER else "decimal"}
            preview.fields[data_field.code] = CleanCharField(
                widget=forms.TextInput(attrs=attrs), **common
            )
        elif data_field.type == FieldType.BOOLEAN:
            preview.fields[data_field.code] = forms.ChoiceField(choices=_YES_NO, **common)
        elif data_field.type == FieldType.CHOICE:
            choices = [("", "—"), *((c, for_language(c, language)) for c in data_field.choices)]
            preview.fields[data_field.code] = forms.ChoiceField(choices=choices, **common)
        else:
            preview.fields[data_field.code] = CleanCharField(
                widget=forms.Textarea(attrs={"rows": 2}), **common
            )
    return preview
