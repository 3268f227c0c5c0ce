from django import forms
from django.utils.translation import gettext_lazy as _

from pzss.core.models import ActivityKind, Institution, Person
from pzss.lib.forms import CleanCharField
from pzss.lib.personal_data import PersonalDataCheck
from support.models import ProjectStatus

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class MeetingPlanForm(PersonalDataCheck, forms.Form):
    personal_data_fields = ("topic",)
    topic = CleanCharField(label=_("Topic"), max_length=300)
    start_date = forms.DateField(label=_("Date"), widget=DATE)
    place = CleanCharField(label=_("Place"), max_length=255, required=False)


class MeetingHeldForm(forms.Form):
    attended = forms.ModelMultipleChoiceField(
        label=_("Members who came"),
        queryset=None,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    def __init__(self, *args, members=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["attended"].queryset = Person.objects.filter(pk__in=[p.pk for p in members])
        self.fields["attended"].label_from_instance = lambda p: p.full_name


class CaseConferenceForm(PersonalDataCheck, forms.Form):
    personal_data_fields = ("question", "contribution", "outcome")
    institution = forms.ModelChoiceField(
        label=_("Centre"), queryset=Institution.objects.filter(is_active=True).order_by("name")
    )
    date = forms.DateField(label=_("Date"), widget=DATE)
    question = CleanCharField(
        label=_("Question put to the institute"),
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("No personal data of the family or the service users: describe the work."),
    )
    contribution = CleanCharField(
        label=_("The institute's contribution"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("No personal data of the family or the service users: describe the work."),
    )
    outcome = CleanCharField(
        label=_("Outcome"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("No personal data of the family or the service users: describe the work."),
    )


class ProjectForm(PersonalDataCheck, forms.Form):
    personal_data_fields = ("role", "description", "outputs", "other_partners")
    name = CleanCharField(label=_("Name"), max_length=300)
    acronym = CleanCharField(label=_("Acronym"), max_length=50, required=False)
    funder = CleanCharField(label=_("Programme or funder"), max_length=300, required=False)
    partners = forms.ModelMultipleChoiceField(
        label=_("Partners from the directory"),
        queryset=Institution.objects.order_by("name"),
        required=False,
        widget=forms.SelectMultiple(attrs={"size": 8}),
    )
    other_partners = CleanCharField(
        label=_("Other partners"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )
    lead_partner = CleanCharField(label=_("Lead partner"), max_length=300, required=False)
    start = forms.DateField(label=_("Start"), widget=DATE)
    end = forms.DateField(label=_("End"), widget=DATE)
    budget = forms.DecimalField(
        label=_("Budget (EUR)"), required=False, max_digits=12, decimal_places=2
    )
    role = CleanCharField(
        label=_("The institute's role"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )
    description = CleanCharField(
        label=_("Description"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )
    outputs = CleanCharField(
        label=_("Outputs"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )
    status = forms.ChoiceField(label=_("Status"), choices=ProjectStatus.choices)


class ProjectActivityForm(PersonalDataCheck, forms.Form):
    personal_data_fields = ("title", "description")
    kind = forms.ChoiceField(
        label=_("Kind"),
        choices=[
            (k.value, k.label)
            for k in (
                ActivityKind.WORKING_MEETING,
                ActivityKind.CONFERENCE,
                ActivityKind.ROUND_TABLE,
                ActivityKind.WORKSHOP,
                ActivityKind.OTHER,
            )
        ],
    )
    title = CleanCharField(label=_("Title"), max_length=300)
    start_date = forms.DateField(label=_("Date"), widget=DATE)
    place = CleanCharField(label=_("Place"), max_length=255, required=False)
    description = CleanCharField(
        label=_("Description"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )
