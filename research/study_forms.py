"""Forms of the research register: a study, an output with its file, an activity held
for a study, and the comment of a workflow step."""

from crispy_forms.helper import FormHelper
from crispy_forms.layout import Fieldset, Layout
from django import forms
from django.conf import settings
from django.template.defaultfilters import filesizeformat
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _

from pzss.core.forms import StaffChoiceField, staff_users
from pzss.core.models import ActivityKind, Institution
from pzss.lib.forms import (
    CleanCharField,
    DateInput,
    ScriptModelChoiceField,
    ScriptModelMultipleChoiceField,
    clean_text_formfield,
    row,
)
from pzss.lib.uploads import ALLOWED_LABEL
from research.models import Study, StudyOutput
from research.study_services import ACTIVITY_FIELDS, OUTPUT_FIELDS, STUDY_ACTIVITY_KINDS


def _staff_name(user) -> str:
    return user.get_full_name() or user.username


class StudyForm(forms.ModelForm):
    lead = ScriptModelChoiceField(
        queryset=staff_users(), label=_("Lead"), label_of=_staff_name, required=True
    )
    team = StaffChoiceField(
        queryset=staff_users(),
        required=False,
        label=_("Team"),
        help_text=_("The institute's staff who work on the study. Hold Ctrl to pick several."),
        widget=forms.SelectMultiple(attrs={"size": 6}),
    )
    partners = ScriptModelMultipleChoiceField(
        queryset=Institution.objects.filter(is_active=True).order_by("name"),
        required=False,
        label=_("Partners"),
        help_text=_("Institutions that take part: centres, homes, faculties, secretariats."),
        widget=forms.SelectMultiple(attrs={"size": 6}),
    )

    class Meta:
        formfield_callback = clean_text_formfield
        model = Study
        fields = [
            "title",
            "kind",
            "programme_year",
            "question",
            "aims",
            "start_date",
            "end_date",
            "lead",
            "team",
            "partners",
        ]
        widgets = {
            "start_date": DateInput(),
            "end_date": DateInput(),
            "question": forms.Textarea(attrs={"rows": 3}),
            "aims": forms.Textarea(attrs={"rows": 5}),
        }
        help_texts = {
            "programme_year": _("The year of the work programme that plans the study."),
            "end_date": _("Both dates are needed before the study is completed."),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = FormHelper()
        self.helper.form_tag = False
        self.helper.layout = Layout(
            Fieldset(
                _("What"),
                "title",
                row(("kind", 8), ("programme_year", 4)),
                "question",
                "aims",
            ),
            Fieldset(_("When"), row(("start_date", 6), ("end_date", 6))),
            Fieldset(_("Who"), "lead", row(("team", 6), ("partners", 6))),
        )

    def service_data(self) -> dict:
        return {
            name: self.cleaned_data[name]
            for name in self.Meta.fields
            if name not in {"team", "partners"}
        }


class StudyOutputForm(forms.ModelForm):
    file = forms.FileField(
        label=_("File"),
        help_text=format_lazy(
            _("{allowed}, at most {max}."),
            allowed=ALLOWED_LABEL,
            max=filesizeformat(settings.LIBRARY_MAX_BYTES),
        ),
    )

    class Meta:
        formfield_callback = clean_text_formfield
        model = StudyOutput
        fields = OUTPUT_FIELDS
        widgets = {"date": DateInput(), "abstract": forms.Textarea(attrs={"rows": 4})}
        help_texts = {"abstract": _("Shown in the public library once the output is published.")}

    def service_data(self) -> dict:
        return {name: self.cleaned_data[name] for name in OUTPUT_FIELDS}


def _study_activity_kinds() -> list[tuple[str, str]]:
    return [("", "---------"), *((k.value, k.label) for k in STUDY_ACTIVITY_KINDS)]


class StudyActivityForm(forms.Form):
    kind = forms.ChoiceField(label=_("Kind"), choices=_study_activity_kinds)
    title = CleanCharField(label=_("Title"), max_length=300)
    description = CleanCharField(
        label=_("Description"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )
    start_date = forms.DateField(label=_("Start date"), widget=DateInput())
    end_date = forms.DateField(
        label=_("End date"),
        required=False,
        widget=DateInput(),
        help_text=_("Only for activities that last more than one day."),
    )
    place = CleanCharField(label=_("Place"), max_length=255, required=False)
    online = forms.BooleanField(label=_("Online"), required=False)
    institutions = ScriptModelMultipleChoiceField(
        queryset=Institution.objects.filter(is_active=True).order_by("name"),
        required=False,
        label=_("Institutions"),
        help_text=_("The institutions whose professionals take part. Hold Ctrl to pick several."),
        widget=forms.SelectMultiple(attrs={"size": 6}),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["kind"].initial = ActivityKind.FOCUS_GROUP
        self.helper = FormHelper()
        self.helper.form_tag = False
        self.helper.layout = Layout(
            row(("kind", 4), ("title", 8)),
            "description",
            row(("start_date", 6), ("end_date", 6)),
            row(("place", 8), ("online", 4)),
            "institutions",
        )

    def service_data(self) -> dict:
        return {name: self.cleaned_data[name] for name in ACTIVITY_FIELDS}


class TransitionForm(forms.Form):
    comment = CleanCharField(
        label=_("Comment"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )
