"""The public sign-up form: the person, their institution, the event's own questions and
consent to the processing of personal data."""

from django import forms
from django.urls import reverse
from django.utils.html import format_html
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from pzss.core.models import Institution, Position
from pzss.events.models import QuestionKind, SignupQuestion
from pzss.lib.forms import CleanCharField, ScriptModelChoiceField
from pzss.lib.translit import for_language

YES_NO = [("yes", _("Yes")), ("no", _("No"))]


class SignupForm(forms.Form):
    first_name = CleanCharField(label=_("First name"), max_length=100)
    last_name = CleanCharField(label=_("Last name"), max_length=100)
    email = forms.EmailField(
        label=_("E-mail"),
        max_length=254,
        help_text=_("We send the confirmation and your personal link here."),
    )
    institution = ScriptModelChoiceField(
        label=_("Institution"),
        queryset=Institution.objects.filter(is_active=True).order_by("name"),
        empty_label=_("— choose your institution —"),
        error_messages={"invalid_choice": _("Choose an institution from the list.")},
    )
    position = forms.ChoiceField(
        label=_("Position"), choices=[("", "—"), *Position.choices], required=False
    )
    consent = forms.BooleanField(
        label=_("I agree that the institute processes my personal data for this event."),
        error_messages={"required": _("Without your consent we cannot process your sign-up.")},
    )

    def __init__(self, *args, questions: list[SignupQuestion] = (), **kwargs):
        super().__init__(*args, **kwargs)
        self.questions = list(questions)
        self.fields["consent"].help_text = format_html(
            '<a href="{}">{}</a>', reverse("events:privacy"), _("Read the privacy notice")
        )
        # Event questions go before the consent, as on paper.
        consent = self.fields.pop("consent")
        for q in self.questions:
            label = for_language(q.label, get_language())
            if q.kind == QuestionKind.YESNO:
                field = forms.ChoiceField(
                    label=label, choices=YES_NO, widget=forms.RadioSelect, required=q.required
                )
            elif q.kind == QuestionKind.CHOICE:
                field = forms.ChoiceField(
                    label=label,
                    choices=[(c, for_language(c, get_language())) for c in q.choices],
                    widget=forms.RadioSelect,
                    required=q.required,
                )
            else:
                field = CleanCharField(
                    label=label,
                    max_length=2000,
                    required=q.required,
                    widget=forms.Textarea(attrs={"rows": 2}),
                )
            self.fields[q.field_name] = field
        self.fields["consent"] = consent
        for name in ("first_name", "last_name"):
            self.fields[name].widget.attrs["autocomplete"] = (
                "given-name" if name == "first_name" else "family-name"
            )
        self.fields["email"].widget.attrs["autocomplete"] = "email"
        for field in self.fields.values():
            widget = field.widget
            if isinstance(widget, forms.RadioSelect):
                widget.attrs.setdefault("class", "form-check-input")
            elif isinstance(widget, forms.Select):
                widget.attrs.setdefault("class", "form-select")
            elif not isinstance(widget, forms.CheckboxInput):
                widget.attrs.setdefault("class", "form-control")

    def full_clean(self):
        super().full_clean()
        # Errors are shown next to the field and the field itself is marked.
        for name in self.errors:
            if name in self.fields:
                attrs = self.fields[name].widget.attrs
                attrs["class"] = (attrs.get("class", "") + " is-invalid").strip()
                attrs["aria-invalid"] = "true"

    def answers(self) -> dict:
        out = {}
        for q in self.questions:
            value = self.cleaned_data.get(q.field_name)
            if q.kind == QuestionKind.YESNO:
                value = {"yes": True, "no": False}.get(value)
            out[str(q.pk)] = value if value is not None else ""
        return out

    @property
    def question_fields(self):
        return [self[q.field_name] for q in self.questions]
