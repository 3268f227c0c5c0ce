"""Forms of the visit reports: every free text is checked for personal data of service
users (a ЈМБГ refused, a name warned of until the writer says it is none)."""

from django import forms
from django.utils.translation import gettext_lazy as _

from pzss.core.models import Institution
from pzss.lib.forms import DateInput
from pzss.lib.personal_data import PersonalDataCheck
from support.models import RecommendationState, VisitReport


class VisitReportForm(PersonalDataCheck, forms.ModelForm):
    personal_data_fields = (
        "summary",
        "looked_at",
        "findings_overview",
        "conclusions",
        "no_recommendations",
    )

    class Meta:
        model = VisitReport
        fields = ["summary", "looked_at", "findings_overview", "conclusions", "no_recommendations"]
        widgets = {
            name: forms.Textarea(attrs={"rows": 4})
            for name in ["summary", "looked_at", "findings_overview", "conclusions"]
        } | {"no_recommendations": forms.Textarea(attrs={"rows": 2})}


class RecommendationForm(PersonalDataCheck, forms.Form):
    personal_data_fields = ("text", "responsible")

    text = forms.CharField(
        label=_("Recommendation"),
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("No personal data of service users."),
    )
    responsible = forms.CharField(
        label=_("Responsible at the institution"),
        max_length=200,
        help_text=_("A role (e.g. the head of the guardianship service), not a name."),
    )
    deadline = forms.DateField(label=_("Deadline"), widget=DateInput())


class CorrectionForm(PersonalDataCheck, forms.Form):
    personal_data_fields = ("note",)

    note = forms.CharField(
        label=_("Correction"),
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("An issued report is final: the correction is printed with it, dated."),
    )


class FollowUpSendForm(forms.Form):
    email = forms.EmailField(label=_("Institution's e-mail"))


class ReviewForm(forms.Form):
    action = forms.ChoiceField(
        label=_("Action"), choices=[("confirm", _("Confirm")), ("reopen", _("Reopen"))]
    )
    deadline = forms.DateField(
        label=_("New deadline"),
        required=False,
        widget=DateInput(),
        help_text=_("Only when reopening; empty keeps the deadline."),
    )


# The states an institution may report: "open" is where every recommendation starts.
ANSWER_STATES = [
    (value, label)
    for value, label in RecommendationState.choices
    if value != RecommendationState.OPEN
]


class AnswerForm(PersonalDataCheck, forms.Form):
    personal_data_fields = ("action_taken", "answered_by")

    action_taken = forms.CharField(
        label=_("What was done"),
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Describe the work done. No personal data of service users."),
    )
    state = forms.ChoiceField(label=_("State"), choices=ANSWER_STATES)
    answered_by = forms.CharField(
        label=_("Answered by (name or role)"),
        max_length=200,
    )


class RecommendationFilterForm(forms.Form):
    overdue = forms.BooleanField(label=_("Overdue only"), required=False)
    institution = forms.ModelChoiceField(
        label=_("Institution"),
        queryset=Institution.objects.filter(working_visits__isnull=False).distinct(),
        required=False,
    )
    state = forms.ChoiceField(
        label=_("State"),
        choices=[("", _("Any state")), *RecommendationState.choices],
        required=False,
    )
