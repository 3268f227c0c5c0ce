"""The form of a consultation in the log."""

from crispy_forms.helper import FormHelper
from crispy_forms.layout import Fieldset, Layout
from django import forms
from django.utils.translation import gettext_lazy as _

from pzss.core.forms import staff_users
from pzss.core.models import Institution
from pzss.lib.forms import DateInput, ScriptModelChoiceField, clean_text_formfield, row
from training.consultation_services import CONSULTATION_FIELDS
from training.models import Consultation


def _staff_name(user) -> str:
    return user.get_full_name() or user.username


class ConsultationForm(forms.ModelForm):
    adviser = ScriptModelChoiceField(
        queryset=staff_users(), label=_("Adviser"), label_of=_staff_name
    )
    email = forms.EmailField(
        label=_("Their e-mail"),
        required=False,
        help_text=_("Links the consultation to the person in the directory, if they are in it."),
    )
    institution = ScriptModelChoiceField(
        queryset=Institution.objects.filter(is_active=True).order_by("name"),
        label=_("Institution"),
        required=False,
    )

    class Meta:
        formfield_callback = clean_text_formfield
        model = Consultation
        fields = [f for f in CONSULTATION_FIELDS if f != "person"]
        widgets = {
            "date": DateInput(),
            "question": forms.Textarea(attrs={"rows": 3}),
            "answer": forms.Textarea(attrs={"rows": 4}),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = FormHelper()
        self.helper.form_tag = False
        self.helper.layout = Layout(
            Fieldset(
                _("Who asked"),
                row(("asked_by", 6), ("email", 6)),
                "institution",
                row(("date", 4), ("channel", 4), ("minutes", 4)),
            ),
            Fieldset(_("The consultation"), "subject", "question", "answer", "adviser"),
        )

    def service_data(self) -> dict:
        return {name: self.cleaned_data[name] for name in self.Meta.fields}

    def email_value(self) -> str:
        return self.cleaned_data.get("email") or ""
