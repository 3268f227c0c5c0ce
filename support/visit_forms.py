"""Forms of working visits: the plan, the sample frame, the findings for one file."""

from crispy_forms.bootstrap import InlineRadios
from crispy_forms.helper import FormHelper
from crispy_forms.layout import Layout
from django import forms
from django.utils.translation import gettext_lazy as _

from pzss.core.forms import staff_users
from pzss.core.models import Institution, InstitutionKind
from pzss.lib.forms import (
    CleanCharField,
    DateInput,
    ScriptModelChoiceField,
    ScriptModelMultipleChoiceField,
)
from pzss.lib.personal_data import PersonalDataCheck
from support.models import ADULT_KINDS, Answer, CareKind

VISITED_KINDS = [InstitutionKind.CSW, *ADULT_KINDS, InstitutionKind.CHILDREN_HOME]


def _user_label(user) -> str:
    return user.get_full_name() or user.get_username()


class VisitPlanForm(PersonalDataCheck, forms.Form):
    personal_data_fields = ("reason", "questions")

    institution = ScriptModelChoiceField(
        label=_("Institution visited"),
        queryset=Institution.objects.filter(is_active=True, kind__in=VISITED_KINDS).order_by(
            "kind", "name"
        ),
    )
    start_date = forms.DateField(label=_("Date of the visit"), widget=DateInput())
    lead = ScriptModelChoiceField(label=_("Lead adviser"), queryset=None, label_of=_user_label)
    team = ScriptModelMultipleChoiceField(
        label=_("Team"),
        queryset=None,
        required=False,
        label_of=_user_label,
        widget=forms.SelectMultiple(attrs={"size": 6}),
    )
    reason = CleanCharField(
        label=_("Why this institution"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_(
            "For a centre, the priority figures are shown; otherwise the adviser's reason. "
            "No personal data of service users."
        ),
    )
    questions = CleanCharField(
        label=_("Questions of the visit"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("One question per line."),
    )

    def __init__(self, *args, editing: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["lead"].queryset = staff_users()
        self.fields["team"].queryset = staff_users()
        if editing:
            del self.fields["institution"]


class SampleFrameForm(forms.Form):
    text = CleanCharField(
        label=_("Case-file numbers"),
        required=False,
        strip=False,
        widget=forms.Textarea(attrs={"rows": 10, "spellcheck": "false"}),
        help_text=_(
            "One file a line: number; age in years; kind of care (family, residential, day, "
            "home), e.g. 551-12/2021; 7; family. Numbers only, never names."
        ),
    )
    upload = forms.FileField(
        label=_("or an XLSX/CSV file"),
        required=False,
        help_text=_("Columns: number, age, kind of care (a header row is skipped)."),
    )
    max_age = forms.IntegerField(
        label=_("Age up to (years)"), required=False, min_value=0, max_value=120
    )
    care = forms.ChoiceField(
        label=_("Kind of care"),
        required=False,
        choices=[("", _("any"))] + list(CareKind.choices),
    )
    size = forms.IntegerField(label=_("Sample size"), min_value=1, max_value=500)

    def clean(self):
        cleaned = super().clean()
        if not cleaned.get("text", "").strip() and not cleaned.get("upload"):
            self.add_error("text", _("List the case-file numbers or choose a file."))
        return cleaned


class CaseFileReviewForm(PersonalDataCheck, forms.Form):
    personal_data_fields = ("note",)

    note = CleanCharField(
        label=_("Note"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("About the work on the file, never about the family."),
    )

    def __init__(self, *args, checklist=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.checklist = checklist
        for code, label in checklist:
            self.fields[f"item_{code}"] = forms.ChoiceField(
                label=label, choices=Answer.choices, widget=forms.RadioSelect
            )
        # The items first (answers side by side), the note and the confirmation after.
        self.order_fields([f"item_{c}" for c, _l in checklist] + ["note", "no_personal_data"])
        self.helper = FormHelper()
        self.helper.form_tag = False
        self.helper.layout = Layout(
            *[InlineRadios(f"item_{c}") for c, _l in checklist], "note", "no_personal_data"
        )

    def answers(self) -> dict:
        return {code: self.cleaned_data.get(f"item_{code}") for code, _l in self.checklist}
