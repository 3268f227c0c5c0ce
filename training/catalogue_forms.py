"""Forms of the training catalogue: a programme with its accreditation, and a session
scheduled under a programme."""

from crispy_forms.helper import FormHelper
from crispy_forms.layout import Fieldset, Layout
from django import forms
from django.utils.translation import gettext_lazy as _

from pzss.core.forms import staff_users
from pzss.core.models import ActivityKind, Institution, Municipality
from pzss.lib.forms import (
    CleanCharField,
    DateInput,
    DateTimeLocalInput,
    ScriptModelChoiceField,
    TimeInput,
    clean_text_formfield,
    row,
)
from training.catalogue_services import (
    PROGRAMME_FIELDS,
    SESSION_FIELDS,
    SESSION_KINDS,
    session_kind_for,
)
from training.models import TrainingProgramme


def _staff_name(user) -> str:
    return user.get_full_name() or user.username


class ProgrammeForm(forms.ModelForm):
    owner = ScriptModelChoiceField(
        queryset=staff_users(),
        label=_("Owner"),
        label_of=_staff_name,
        help_text=_("The adviser who looks after the programme and its accreditation."),
    )
    provider = ScriptModelChoiceField(
        queryset=Institution.objects.filter(is_active=True).order_by("name"),
        required=False,
        label=_("Provider"),
        help_text=_("Who owns the programme, when it is not the institute."),
    )

    class Meta:
        formfield_callback = clean_text_formfield
        model = TrainingProgramme
        fields = PROGRAMME_FIELDS
        widgets = {
            "valid_from": DateInput(),
            "valid_until": DateInput(),
            "authors": forms.Textarea(attrs={"rows": 2}),
            "trainers": forms.Textarea(attrs={"rows": 2}),
            "target_group": forms.Textarea(attrs={"rows": 2}),
            "summary": forms.Textarea(attrs={"rows": 4}),
            "outcomes": forms.Textarea(attrs={"rows": 5}),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = FormHelper()
        self.helper.form_tag = False
        self.helper.layout = Layout(
            Fieldset(
                _("The programme"),
                "title",
                row(("origin", 6), ("provider", 6)),
                "summary",
                "outcomes",
                row(("authors", 6), ("trainers", 6)),
                "target_group",
            ),
            Fieldset(
                _("Length and points"),
                row(("days", 3), ("hours", 3), ("licence_points", 3), ("points_rule", 3)),
            ),
            Fieldset(
                _("Accreditation"),
                row(("status", 6), ("owner", 6)),
                row(("accreditation_body", 8), ("accreditation_number", 4)),
                row(("valid_from", 6), ("valid_until", 6)),
            ),
        )

    def service_data(self) -> dict:
        return {name: self.cleaned_data[name] for name in PROGRAMME_FIELDS}


def _session_kinds() -> list[tuple[str, str]]:
    return [(k.value, ActivityKind(k).label) for k in SESSION_KINDS]


class SessionForm(forms.Form):
    kind = forms.ChoiceField(label=_("Held as"), choices=_session_kinds)
    title = CleanCharField(
        label=_("Title"),
        max_length=300,
        required=False,
        help_text=_("Leave empty to use the programme's title."),
    )
    description = CleanCharField(
        label=_("Description"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )
    start_date = forms.DateField(label=_("Start date"), widget=DateInput())
    end_date = forms.DateField(
        label=_("End date"),
        required=False,
        widget=DateInput(),
        help_text=_("For a programme of more than one day."),
    )
    start_time = forms.TimeField(label=_("Start time"), required=False, widget=TimeInput())
    place = CleanCharField(label=_("Place"), max_length=255, required=False)
    online = forms.BooleanField(label=_("Online"), required=False)
    municipality = ScriptModelChoiceField(
        queryset=Municipality.objects.order_by("name"), required=False, label=_("Municipality")
    )
    capacity = forms.IntegerField(
        label=_("Seats"),
        required=False,
        min_value=0,
        help_text=_("Sign-ups beyond the seats go to the waiting list. Empty: no limit."),
    )
    closes_at = forms.DateTimeField(
        label=_("Sign-up closes"), required=False, widget=DateTimeLocalInput()
    )

    def __init__(self, *args, programme: TrainingProgramme, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["kind"].initial = session_kind_for(programme)
        self.helper = FormHelper()
        self.helper.form_tag = False
        self.helper.layout = Layout(
            row(("kind", 4), ("title", 8)),
            "description",
            row(("start_date", 4), ("end_date", 4), ("start_time", 4)),
            row(("place", 5), ("municipality", 5), ("online", 2)),
            row(("capacity", 4), ("closes_at", 8)),
        )

    def service_data(self) -> dict:
        return {name: self.cleaned_data[name] for name in SESSION_FIELDS}
