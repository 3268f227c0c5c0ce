"""Forms of the support requests. Every free text is checked for service users'
personal data (`PersonalDataCheck`: a JMBG refused, a name and surname warned of until
the writer ticks that it is no service user's)."""

from django import forms
from django.utils.translation import gettext_lazy as _

from pzss.core.models import Activity, Institution
from pzss.lib.forms import CleanCharField, DateInput, ScriptModelChoiceField
from pzss.lib.personal_data import PersonalDataCheck
from support.models import HelpKind, RequestChannel, RequestStatus
from support.request_selectors import advisers, institutions_by_kind

NO_PERSONAL_DATA_HELP = _(
    "Never write the personal data of service users (names, JMBG): describe the question."
)


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    def __init__(self, *args, **kwargs):
        kwargs.setdefault("widget", MultipleFileInput())
        kwargs.setdefault("required", False)
        super().__init__(*args, **kwargs)

    def clean(self, data, initial=None):
        if isinstance(data, list | tuple):
            return [super(MultipleFileField, self).clean(d, initial) for d in data if d]
        return [super().clean(data, initial)] if data else []


def _files_field():
    return MultipleFileField(
        label=_("Files"), help_text=_("Optional: PDF, DOCX, XLSX, JPG or PNG, at most 10 MB each.")
    )


def _user_label(user) -> str:
    return user.get_full_name() or user.username


class GroupedInstitutionField(forms.TypedChoiceField):
    """The directory's institutions, grouped by kind (a select with optgroups)."""

    def __init__(self, **kwargs):
        super().__init__(coerce=int, empty_value=None, **kwargs)

    def _choices_now(self):
        return [("", "—"), *institutions_by_kind()]

    def clean(self, value):
        self.choices = self._choices_now()
        pk = super().clean(value)
        return Institution.objects.filter(pk=pk, is_active=True).first() if pk else None


class PublicRequestForm(PersonalDataCheck, forms.Form):
    personal_data_fields = ("subject", "description")

    institution = GroupedInstitutionField(
        label=_("Your institution"),
        help_text=_("As it is in the institute's directory."),
    )
    requester_name = CleanCharField(label=_("Your name"), max_length=200)
    requester_email = forms.EmailField(
        label=_("Your e-mail"), help_text=_("The link to follow your request is sent here.")
    )
    requester_phone = CleanCharField(label=_("Phone"), max_length=100, required=False)
    subject = CleanCharField(label=_("Subject"), max_length=300)
    kind = forms.ChoiceField(label=_("Kind of help"), choices=HelpKind.choices)
    description = CleanCharField(
        label=_("Description of the request"),
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text=NO_PERSONAL_DATA_HELP,
    )
    files = _files_field()

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["institution"].choices = self.fields["institution"]._choices_now()


class LetterForm(PersonalDataCheck, forms.Form):
    personal_data_fields = ("subject", "description")

    institution = ScriptModelChoiceField(
        label=_("Institution"), queryset=Institution.objects.filter(is_active=True).order_by("name")
    )
    channel = forms.ChoiceField(
        label=_("Came by"),
        choices=[c for c in RequestChannel.choices if c[0] != RequestChannel.PUBLIC_FORM],
        initial=RequestChannel.LETTER,
    )
    letter_number = CleanCharField(label=_("Letter's number"), max_length=100, required=False)
    letter_date = forms.DateField(label=_("Letter's date"), widget=DateInput())
    letter_scan = forms.FileField(
        label=_("Scanned letter"), required=False, help_text=_("PDF or an image, at most 10 MB.")
    )
    requester_name = CleanCharField(label=_("Sent by"), max_length=200)
    requester_email = forms.EmailField(label=_("Their e-mail"), required=False)
    requester_phone = CleanCharField(label=_("Their phone"), max_length=100, required=False)
    subject = CleanCharField(label=_("Subject"), max_length=300)
    kind = forms.ChoiceField(label=_("Kind of help"), choices=HelpKind.choices)
    description = CleanCharField(
        label=_("What is asked"),
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=NO_PERSONAL_DATA_HELP,
    )
    deadline = forms.DateField(
        label=_("Deadline"),
        required=False,
        widget=DateInput(),
        help_text=_("Empty: the default for the kind of help, from the letter's date."),
    )
    adviser = ScriptModelChoiceField(
        label=_("Responsible adviser"), queryset=advisers(), required=False, label_of=_user_label
    )


class RequestFilterForm(forms.Form):
    status = forms.ChoiceField(
        label=_("Status"), choices=[("", _("All")), *RequestStatus.choices], required=False
    )
    adviser = ScriptModelChoiceField(
        label=_("Adviser"), queryset=advisers(), required=False, label_of=_user_label
    )
    kind = forms.ChoiceField(
        label=_("Kind of help"), choices=[("", _("All")), *HelpKind.choices], required=False
    )
    institution = ScriptModelChoiceField(
        label=_("Institution"),
        queryset=Institution.objects.filter(support_requests__isnull=False)
        .distinct()
        .order_by("name"),
        required=False,
    )
    overdue = forms.BooleanField(label=_("Overdue only"), required=False)


class ReplyForm(PersonalDataCheck, forms.Form):
    personal_data_fields = ("text",)

    text = CleanCharField(
        label=_("Reply"), widget=forms.Textarea(attrs={"rows": 5}), help_text=NO_PERSONAL_DATA_HELP
    )
    status = forms.ChoiceField(
        label=_("Then the request is"),
        choices=[
            ("", _("as it is (in progress if it was just received)")),
            (RequestStatus.WAITING, RequestStatus.WAITING.label),
            (RequestStatus.ANSWERED, RequestStatus.ANSWERED.label),
        ],
        required=False,
    )
    files = _files_field()


class NoteForm(PersonalDataCheck, forms.Form):
    # Its fields named apart from the other forms of the request page (one id each).
    prefix = "note"
    personal_data_fields = ("text",)

    text = CleanCharField(
        label=_("Internal note"),
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Seen by staff only, never by the requester."),
    )
    files = _files_field()


class RequesterReplyForm(PersonalDataCheck, forms.Form):
    personal_data_fields = ("text",)

    text = CleanCharField(
        label=_("Your reply"),
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=NO_PERSONAL_DATA_HELP,
    )
    files = _files_field()


class AssignForm(forms.Form):
    adviser = ScriptModelChoiceField(
        label=_("Responsible adviser"), queryset=advisers(), label_of=_user_label
    )


class StatusForm(forms.Form):
    # Its fields named apart from the other forms of the request page (one id each).
    prefix = "status"
    status = forms.ChoiceField(label=_("Status"), choices=RequestStatus.choices)


class DeadlineForm(PersonalDataCheck, forms.Form):
    # Its fields named apart from the other forms of the request page (one id each).
    prefix = "deadline"
    personal_data_fields = ("reason",)

    deadline = forms.DateField(label=_("New deadline"), widget=DateInput())
    reason = CleanCharField(
        label=_("Reason for the change"), widget=forms.Textarea(attrs={"rows": 2})
    )


class LinkActivityForm(forms.Form):
    activity = forms.ModelChoiceField(
        label=_("Activity of area I"), queryset=Activity.objects.none()
    )

    def __init__(self, *args, activities=None, **kwargs):
        super().__init__(*args, **kwargs)
        if activities is not None:
            self.fields["activity"].queryset = Activity.objects.filter(
                pk__in=[a.pk for a in activities]
            )
            self.fields["activity"].choices = [("", "—")] + [
                (a.pk, f"{a.start_date:%d.%m.%Y.} {a.title}") for a in activities
            ]
