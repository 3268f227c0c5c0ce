from crispy_forms.helper import FormHelper
from crispy_forms.layout import Fieldset, Layout
from django import forms
from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.db.models import Q
from django.template.defaultfilters import filesizeformat
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _

from pzss.core.models import (
    ACTIVITY_EDITABLE_FIELDS,
    ACTIVITY_HELD_FIELDS,
    AREAS_OF_KIND,
    Activity,
    ActivityKind,
    Area,
    Institution,
)
from pzss.lib.forms import (
    CleanCharField,
    DateInput,
    ScriptModelChoiceField,
    ScriptModelMultipleChoiceField,
    TimeInput,
    clean_text_formfield,
    row,
)
from pzss.lib.roles import DIRECTOR, STAFF
from pzss.lib.uploads import ALLOWED_LABEL, check_upload


def staff_users():
    """Who may be made responsible for work: the institute's staff and its director. An
    administrator's account (a superuser in neither group) does the institute's work for
    no one, so it is not offered."""
    return (
        get_user_model()
        .objects.filter(groups__name__in=[STAFF, DIRECTOR], is_active=True)
        .distinct()
        .order_by("last_name", "first_name", "username")
    )


def kind_choices() -> list:
    """The activity kinds grouped by the areas they belong to (`AREAS_OF_KIND`): the
    kinds that fit any area first, then those of one area, then those of two."""
    groups: dict[frozenset, list] = {}
    for kind in ActivityKind:
        groups.setdefault(AREAS_OF_KIND.get(kind, frozenset()), []).append((kind.value, kind.label))

    def label(areas: frozenset):
        if not areas:
            return _("Any area")
        if len(areas) == 1:
            return Area(next(iter(areas))).label
        return format_lazy(
            _("Areas {areas}"), areas=" / ".join(Area(a).roman for a in sorted(areas))
        )

    ordered = sorted(groups, key=lambda areas: (len(areas) != 0, len(areas), sorted(areas)))
    return [("", "---------"), *((label(areas), groups[areas]) for areas in ordered)]


def _staff_name(user) -> str:
    return user.get_full_name() or user.username


class StaffChoiceField(ScriptModelMultipleChoiceField):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, label_of=_staff_name, **kwargs)


class ActivityForm(forms.ModelForm):
    responsible = StaffChoiceField(
        queryset=staff_users(),
        required=False,
        label=_("Responsible staff"),
        help_text=_("Leave empty to make yourself responsible."),
        widget=forms.SelectMultiple(attrs={"size": 5}),
    )

    class Meta:
        formfield_callback = clean_text_formfield
        model = Activity
        # The order on the page is the layout's, below.
        fields = [*ACTIVITY_EDITABLE_FIELDS, "institutions", "responsible"]
        field_classes = {
            "municipality": ScriptModelChoiceField,
            "standing_group": ScriptModelChoiceField,
            "institutions": ScriptModelMultipleChoiceField,
        }
        widgets = {
            "start_date": DateInput(),
            "end_date": DateInput(),
            "start_time": TimeInput(),
            "description": forms.Textarea(attrs={"rows": 4}),
            "institutions": forms.SelectMultiple(attrs={"size": 8}),
        }
        help_texts = {
            "end_date": _("Only for activities that last more than one day."),
            "institutions": _(
                "The centres and institutions this activity covers. Hold Ctrl to pick several."
            ),
            "capacity": _("Number of seats, for events people sign up for."),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        responsible = staff_users()
        if self.instance.pk:
            # Whoever is responsible already stays on offer, so saving keeps them.
            responsible = (
                get_user_model()
                .objects.filter(
                    Q(pk__in=responsible.values("pk"))
                    | Q(pk__in=self.instance.responsible.values("pk"))
                )
                .order_by("last_name", "first_name", "username")
            )
        self.fields["responsible"].queryset = responsible
        # Which kinds fit which area is checked by Activity.clean(); the options say it.
        self.fields["kind"].choices = kind_choices()
        self.fields["institutions"].queryset = Institution.objects.filter(is_active=True).order_by(
            "name"
        )
        self.helper = FormHelper()
        self.helper.form_tag = False
        self.helper.layout = Layout(
            Fieldset(
                _("What"),
                row(("area", 4), ("kind", 8)),
                "title",
                "description",
            ),
            Fieldset(
                _("When and where"),
                row(("start_date", 4), ("end_date", 4), ("start_time", 4)),
                row(("place", 6), ("municipality", 6)),
                "online",
            ),
            Fieldset(
                _("Who"),
                row(("institutions", 6), ("responsible", 6)),
                row(("standing_group", 4), ("capacity", 4), ("hours", 4)),
                "is_public",
            ),
        )


class ActivityHeldForm(forms.ModelForm):
    class Meta:
        formfield_callback = clean_text_formfield
        model = Activity
        fields = [*ACTIVITY_HELD_FIELDS, "institutions"]
        field_classes = {
            "municipality": ScriptModelChoiceField,
            "institutions": ScriptModelMultipleChoiceField,
        }
        widgets = {
            "start_date": DateInput(),
            "end_date": DateInput(),
            "start_time": TimeInput(),
            "outcome": forms.Textarea(attrs={"rows": 6}),
            "institutions": forms.SelectMultiple(attrs={"size": 8}),
        }
        labels = {"start_date": _("Held on"), "end_date": _("Held until")}
        help_texts = {
            "outcome": _("What happened, what was agreed, what follows."),
            "institutions": _("The institutions that took part. Hold Ctrl to pick several."),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["institutions"].queryset = Institution.objects.filter(is_active=True).order_by(
            "name"
        )
        self.fields["outcome"].required = True
        self.helper = FormHelper()
        self.helper.form_tag = False
        self.helper.layout = Layout(
            Fieldset(
                _("When and where it was held"),
                row(("start_date", 4), ("end_date", 4), ("start_time", 4)),
                row(("place", 6), ("municipality", 6)),
                row(("online", 6), ("hours", 6)),
            ),
            Fieldset(_("Outcome"), "institutions", "outcome"),
        )


class CancelForm(forms.Form):
    reason = CleanCharField(
        label=_("Reason for cancellation"),
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Participants and colleagues will see this reason."),
    )

    def clean_reason(self):
        reason = self.cleaned_data["reason"].strip()
        if not reason:
            raise ValidationError(_("Say why the activity is cancelled."))
        return reason


class FileUploadForm(forms.Form):
    file = forms.FileField(label=_("Attach a file"))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # The limit is a setting (UPLOAD_MAX_BYTES): say the one in force.
        self.fields["file"].help_text = format_lazy(
            _("Allowed: {allowed}, at most {size}."),
            allowed=ALLOWED_LABEL,
            size=filesizeformat(settings.UPLOAD_MAX_BYTES),
        )

    def clean_file(self):
        upload = self.cleaned_data["file"]
        check_upload(upload, max_bytes=settings.UPLOAD_MAX_BYTES)
        return upload
