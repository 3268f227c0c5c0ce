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

from pzss.core.models import ACTIVITY_EDITABLE_FIELDS, ACTIVITY_HELD_FIELDS, Activity, Institution
from pzss.lib.forms import (
    DateInput,
    ScriptModelChoiceField,
    ScriptModelMultipleChoiceField,
    TimeInput,
    row,
)
from pzss.lib.roles import DIRECTOR, STAFF
from pzss.lib.uploads import ALLOWED_LABEL, check_upload


def staff_users():
    return (
        get_user_model()
        .objects.filter(
            Q(groups__name__in=[STAFF, DIRECTOR]) | Q(is_superuser=True), is_active=True
        )
        .distinct()
        .order_by("last_name", "first_name", "username")
    )


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
        self.fields["responsible"].queryset = staff_users()
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
    reason = forms.CharField(
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
