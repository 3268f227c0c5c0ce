"""Forms of the student practice: an agreement (with its file), a student into one of
its places, an hour entry, the reason a student withdraws."""

from crispy_forms.helper import FormHelper
from crispy_forms.layout import Fieldset, Layout
from django import forms
from django.conf import settings
from django.template.defaultfilters import filesizeformat
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _

from pzss.core.forms import staff_users
from pzss.core.models import Institution, InstitutionKind
from pzss.lib.forms import (
    CleanCharField,
    DateInput,
    ScriptModelChoiceField,
    clean_text_formfield,
    row,
)
from pzss.lib.uploads import ALLOWED_LABEL
from training.models import HoursEntry, PracticeAgreement
from training.practice_services import AGREEMENT_FIELDS


def _staff_name(user) -> str:
    return user.get_full_name() or user.username


class AgreementForm(forms.ModelForm):
    faculty = ScriptModelChoiceField(
        queryset=Institution.objects.filter(kind=InstitutionKind.FACULTY).order_by("name"),
        label=_("Faculty"),
    )
    coordinator = ScriptModelChoiceField(
        queryset=staff_users(), label=_("Coordinator"), label_of=_staff_name
    )
    upload = forms.FileField(
        label=_("The signed agreement"),
        required=False,
        help_text=format_lazy(
            _("{allowed}, at most {max}."),
            allowed=ALLOWED_LABEL,
            max=filesizeformat(settings.UPLOAD_MAX_BYTES),
        ),
    )

    class Meta:
        formfield_callback = clean_text_formfield
        model = PracticeAgreement
        fields = AGREEMENT_FIELDS
        widgets = {"signed_on": DateInput(), "notes": forms.Textarea(attrs={"rows": 3})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = FormHelper()
        self.helper.form_tag = False
        self.helper.layout = Layout(
            Fieldset(
                _("The agreement"),
                row(("faculty", 8), ("year", 4)),
                "study_programme",
                row(("max_students", 4), ("hours_per_student", 4), ("signed_on", 4)),
                "upload",
            ),
            Fieldset(_("At the institute"), "coordinator", "notes"),
        )

    def service_data(self) -> dict:
        return {name: self.cleaned_data[name] for name in AGREEMENT_FIELDS}


class StudentForm(forms.Form):
    first_name = CleanCharField(label=_("First name"), max_length=100)
    last_name = CleanCharField(label=_("Last name"), max_length=100)
    email = forms.EmailField(
        label=_("E-mail"),
        required=False,
        help_text=_("The student's own address, if they gave one: it finds them in the directory."),
    )
    mentor = ScriptModelChoiceField(queryset=staff_users(), label=_("Mentor"), label_of=_staff_name)
    start_date = forms.DateField(label=_("Start date"), widget=DateInput())

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = FormHelper()
        self.helper.form_tag = False
        self.helper.layout = Layout(
            row(("first_name", 6), ("last_name", 6)),
            row(("email", 6), ("start_date", 6)),
            "mentor",
        )


class HoursForm(forms.ModelForm):
    class Meta:
        formfield_callback = clean_text_formfield
        model = HoursEntry
        fields = ["date", "hours", "description"]
        widgets = {
            "date": DateInput(),
            "hours": forms.NumberInput(attrs={"step": "0.5", "min": "0.5", "max": "8"}),
            "description": forms.Textarea(attrs={"rows": 2}),
        }
        help_texts = {"hours": _("In half hours, at most 8 a day.")}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = FormHelper()
        self.helper.form_tag = False
        self.helper.layout = Layout(row(("date", 6), ("hours", 6)), "description")


class WithdrawForm(forms.Form):
    reason = CleanCharField(label=_("Why the student leaves"), max_length=500)
