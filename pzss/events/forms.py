"""Staff forms of event sign-up: the sign-up options and questions, decisions on
registrations, adding someone by hand (on the event page or the activity page), importing
a list, writing to participants."""

from crispy_forms.helper import FormHelper
from crispy_forms.layout import Layout
from django import forms
from django.core.exceptions import ValidationError
from django.forms.models import fields_for_model
from django.utils.translation import gettext_lazy as _

from pzss.core.models import (
    Institution,
    InstitutionKind,
    Person,
    Position,
    RegistrationStatus,
    StandingGroup,
)
from pzss.events.models import SIGNUP_OPTION_FIELDS, Admission, QuestionKind
from pzss.lib.forms import (
    CleanCharField,
    DateTimeLocalInput,
    ScriptModelChoiceField,
    ScriptModelMultipleChoiceField,
    clean_text_formfield,
    row,
)


class SignupOptionsForm(forms.Form):
    capacity = forms.IntegerField(
        label=_("Seats"),
        min_value=0,
        required=False,
        help_text=_("Leave empty for no limit. More seats go to the waiting list at once."),
    )
    is_open = forms.BooleanField(label=_("Open for sign-up"), required=False, initial=True)
    opens_at = forms.DateTimeField(
        label=_("Sign-up opens"), required=False, widget=DateTimeLocalInput()
    )
    closes_at = forms.DateTimeField(
        label=_("Sign-up closes"), required=False, widget=DateTimeLocalInput()
    )
    admission = forms.ChoiceField(
        label=_("Who may sign up"),
        choices=Admission.choices,
        widget=forms.RadioSelect,
        initial=Admission.ANYONE,
    )
    admitted_groups = ScriptModelMultipleChoiceField(
        label=_("Admitted standing groups"),
        queryset=StandingGroup.objects.order_by("kind", "number", "name"),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_(
            "A member is a person listed in the group, or anyone signing up for one of the "
            "group's member institutions."
        ),
    )
    admitted_institution_kinds = forms.MultipleChoiceField(
        label=_("Admitted kinds of institution"),
        choices=InstitutionKind.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    per_institution_limit = forms.IntegerField(
        label=_("Seats per institution"), min_value=1, required=False
    )
    needs_approval = forms.BooleanField(label=_("Sign-ups need staff approval"), required=False)
    accreditation_number = CleanCharField(
        label=_("Accreditation number"), max_length=100, required=False
    )
    licence_points = forms.DecimalField(
        label=_("Points toward the licence"),
        max_digits=5,
        decimal_places=1,
        min_value=0,
        required=False,
    )

    def clean(self):
        data = super().clean()
        if data.get("admission") == Admission.GROUPS and not data.get("admitted_groups"):
            self.add_error("admitted_groups", _("Choose at least one standing group."))
        if data.get("admission") == Admission.INSTITUTION_KINDS and not data.get(
            "admitted_institution_kinds"
        ):
            self.add_error(
                "admitted_institution_kinds", _("Choose at least one kind of institution.")
            )
        opens, closes = data.get("opens_at"), data.get("closes_at")
        if opens and closes and closes <= opens:
            self.add_error("closes_at", _("Sign-up must close after it opens."))
        return data

    def options(self) -> dict:
        """The sign-up's own fields, for `signup_configure` (seats and groups apart)."""
        data = self.cleaned_data
        options = {name: data[name] for name in SIGNUP_OPTION_FIELDS}
        options["admitted_institution_kinds"] = list(options["admitted_institution_kinds"] or [])
        return options


class QuestionForm(forms.Form):
    id = forms.IntegerField(required=False, widget=forms.HiddenInput)
    label = CleanCharField(label=_("Question"), max_length=300, required=False)
    kind = forms.ChoiceField(label=_("Answer"), choices=QuestionKind.choices)
    choices = CleanCharField(
        label=_("Choices (one per line)"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )
    required = forms.BooleanField(label=_("Required"), required=False)

    def clean(self):
        data = super().clean()
        data["choice_list"] = [
            c.strip() for c in (data.get("choices") or "").splitlines() if c.strip()
        ]
        if (
            data.get("label")
            and data.get("kind") == QuestionKind.CHOICE
            and len(data["choice_list"]) < 2
        ):
            self.add_error("choices", _("A choice question needs at least two choices."))
        return data


QuestionFormSet = forms.formset_factory(QuestionForm, extra=2, can_delete=True, max_num=20)


class RejectForm(forms.Form):
    reason = CleanCharField(
        label=_("Reason"), max_length=1000, widget=forms.TextInput(attrs={"class": "w-reason"})
    )


class CertificateRevokeForm(forms.Form):
    reason = CleanCharField(label=_("Reason for revoking"), max_length=1000)


class MoveForm(forms.Form):
    position = forms.IntegerField(label=_("New place"), min_value=1)
    reason = CleanCharField(label=_("Reason"), max_length=1000)


class AddRegistrationForm(forms.Form):
    first_name = CleanCharField(label=_("First name"), max_length=100)
    last_name = CleanCharField(label=_("Last name"), max_length=100)
    email = forms.EmailField(label=_("E-mail"), required=False)
    institution = ScriptModelChoiceField(
        label=_("Institution"),
        queryset=Institution.objects.filter(is_active=True).order_by("name"),
        required=False,
    )
    position = forms.ChoiceField(
        label=_("Position"), choices=[("", "—"), *Position.choices], required=False
    )
    seat_over_capacity = forms.BooleanField(
        label=_("Give a seat even when the event is full"), required=False
    )


class MessageForm(forms.Form):
    RECIPIENTS = [
        (RegistrationStatus.CONFIRMED, _("Everyone with a seat (confirmed)")),
        (RegistrationStatus.ATTENDED, _("Everyone who attended")),
    ]
    recipients = forms.ChoiceField(label=_("To"), choices=RECIPIENTS, widget=forms.RadioSelect)
    subject = CleanCharField(label=_("Subject"), max_length=200)
    body = CleanCharField(label=_("Message"), widget=forms.Textarea(attrs={"rows": 8}))


class ExistingParticipantForm(forms.Form):
    person = ScriptModelChoiceField(
        queryset=Person.objects.all(),
        label=_("Person from the directory"),
        error_messages={"invalid_choice": _("Choose a person from the list.")},
    )


class NewParticipantForm(forms.Form):
    """A person typed in inline. A plain form built from the model's fields, not a ModelForm:
    a ModelForm validates the model's constraints, and an e-mail already in the directory is
    not an error here — the service adds that person instead."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields.update(
            fields_for_model(
                Person,
                fields=["first_name", "last_name", "email", "institution", "position"],
                formfield_callback=clean_text_formfield,
                field_classes={"institution": ScriptModelChoiceField},
            )
        )
        self.fields["institution"].queryset = Institution.objects.filter(is_active=True).order_by(
            "name"
        )
        self.helper = FormHelper()
        self.helper.form_tag = False
        self.helper.layout = Layout(
            row(("first_name", 6), ("last_name", 6)),
            row(("email", 6), ("position", 6)),
            "institution",
        )


class ImportForm(forms.Form):
    file = forms.FileField(
        label=_("List of participants (CSV or XLSX)"),
        help_text=_(
            "The first row names the columns: first name, last name, e-mail, institution, position."
        ),
    )

    def clean_file(self):
        """Only what is cheap: the name, the size and the first bytes. The list itself
        is read by a background job, under the import's caps."""
        upload = self.cleaned_data["file"]
        name = upload.name.lower()
        if not (name.endswith(".csv") or name.endswith(".xlsx")):
            raise ValidationError(_("Upload a CSV or XLSX file."))
        if upload.size > 2 * 1024 * 1024:
            raise ValidationError(_("A list of participants may be at most 2 MB."))
        upload.seek(0)
        head = upload.read(4)
        upload.seek(0)
        if name.endswith(".xlsx") and head != b"PK\x03\x04":
            # An XLSX file is a zip archive, which begins so.
            raise ValidationError(_("The XLSX file cannot be read."))
        return upload
