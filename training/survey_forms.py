"""The needs survey's forms: the survey's texts, a question, the invitations, and the
respondent's questionnaire (built from the survey's questions, one field each)."""

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from pzss.core.models import Institution, InstitutionKind
from pzss.lib.forms import CleanCharField, DateInput
from training.models import NeedsSurvey, QuestionKind, SurveyQuestion

SCALE_CHOICES = [(str(n), str(n)) for n in range(1, 6)]


class SurveyForm(forms.ModelForm):
    title = CleanCharField(label=_("Title"), max_length=300)
    introduction = CleanCharField(
        label=_("Introduction"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("What respondents read above the questions."),
    )
    recommendations = CleanCharField(
        label=_("Recommendations to the founders"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text=_("What the institute recommends the founders fund; printed in the report."),
    )

    class Meta:
        model = NeedsSurvey
        fields = ["year", "title", "introduction", "deadline", "recommendations"]
        widgets = {"deadline": DateInput()}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if not self.instance.pk:
            self.fields["year"].initial = timezone.localdate().year
        elif not self.instance.is_draft:
            self.fields["year"].disabled = True


class QuestionForm(forms.ModelForm):
    text = CleanCharField(label=_("Question"), max_length=500)
    help = CleanCharField(label=_("Help text"), max_length=500, required=False)
    choices = CleanCharField(
        label=_("Choices"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("For one or several choices: one per line."),
    )

    class Meta:
        model = SurveyQuestion
        fields = ["text", "help", "kind", "choices", "required", "min_value", "max_value"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["min_value"].help_text = _("For a whole number: 0 when left empty.")
        self.fields["max_value"].help_text = _("For a whole number: no limit when left empty.")
        if self.instance.pk and not self.is_bound:
            self.initial["choices"] = "\n".join(self.instance.choices)


class InviteForm(forms.Form):
    WHOM = [
        ("csw", _("Every centre for social work")),
        ("kind", _("Every active institution of a kind")),
        ("chosen", _("The institutions chosen below")),
    ]
    whom = forms.ChoiceField(label=_("Whom to invite"), choices=WHOM, initial="csw")
    kind = forms.ChoiceField(
        label=_("Kind of institution"), choices=InstitutionKind.choices, required=False
    )
    institutions = forms.ModelMultipleChoiceField(
        label=_("Institutions"),
        queryset=Institution.objects.none(),
        required=False,
        widget=forms.SelectMultiple(attrs={"size": 8}),
    )
    contact_name = CleanCharField(label=_("Contact person"), max_length=200, required=False)
    contact_email = forms.EmailField(
        label=_("Contact e-mail"),
        required=False,
        help_text=_("Left empty, each institution's own address from the directory."),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["institutions"].queryset = Institution.objects.filter(is_active=True).order_by(
            "name"
        )

    def clean(self):
        data = super().clean()
        whom = data.get("whom")
        if whom == "kind" and not data.get("kind"):
            self.add_error("kind", _("Choose the kind of institution."))
        if whom == "chosen" and not data.get("institutions"):
            self.add_error("institutions", _("Choose at least one institution."))
        return data

    def chosen(self):
        data = self.cleaned_data
        active = Institution.objects.filter(is_active=True)
        if data["whom"] == "csw":
            return active.filter(kind=InstitutionKind.CSW)
        if data["whom"] == "kind":
            return active.filter(kind=data["kind"])
        return data["institutions"]


class ResponseForm(forms.Form):
    """One field per question, named `q<key>`; nothing is required here — the service
    says which answers a submission needs (a draft may be incomplete)."""

    def __init__(self, *args, questions, programmes, disabled=False, **kwargs):
        super().__init__(*args, **kwargs)
        self.questions = questions
        for q in questions:
            label = q.text + (" *" if q.required else "")
            common = {"label": label, "help_text": q.help, "required": False, "disabled": disabled}
            if q.kind == QuestionKind.SINGLE:
                field = forms.ChoiceField(
                    choices=[(c, c) for c in q.choices], widget=forms.RadioSelect, **common
                )
            elif q.kind == QuestionKind.MULTIPLE:
                field = forms.MultipleChoiceField(
                    choices=[(c, c) for c in q.choices],
                    widget=forms.CheckboxSelectMultiple,
                    **common,
                )
            elif q.kind == QuestionKind.PROGRAMMES:
                field = forms.MultipleChoiceField(
                    choices=[(str(pk), title) for pk, title in programmes],
                    widget=forms.CheckboxSelectMultiple,
                    **common,
                )
            elif q.kind == QuestionKind.SCALE:
                field = forms.ChoiceField(choices=SCALE_CHOICES, widget=forms.RadioSelect, **common)
            elif q.kind == QuestionKind.NUMBER:
                field = forms.IntegerField(**common)
            else:
                field = CleanCharField(
                    max_length=4000, widget=forms.Textarea(attrs={"rows": 3}), **common
                )
            self.fields[q.field_name] = field

    def values(self) -> dict:
        """question key → the answer as typed (the service cleans and checks it)."""
        return {q.pk: self.cleaned_data.get(q.field_name) for q in self.questions}


def initial_answers(questions, answers: dict) -> dict:
    initial = {}
    for q in questions:
        value = answers.get(q.pk)
        if value is None:
            continue
        if q.kind == QuestionKind.PROGRAMMES:
            value = [str(v) for v in value]
        elif q.kind == QuestionKind.SCALE:
            value = str(value)
        initial[q.field_name] = value
    return initial
