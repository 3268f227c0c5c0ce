"""Forms of licence points per person: a training held elsewhere with its evidence (the
staff's), and the e-mail address a person asks their transcript link for (public)."""

from crispy_forms.helper import FormHelper
from crispy_forms.layout import Fieldset, Layout
from django import forms
from django.conf import settings
from django.template.defaultfilters import filesizeformat
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _

from pzss.lib.forms import DateInput, clean_text_formfield, row
from pzss.lib.uploads import ALLOWED_LABEL
from training.models import ExternalTraining
from training.points_services import EXTERNAL_FIELDS


class ExternalTrainingForm(forms.ModelForm):
    evidence = forms.FileField(
        label=_("Evidence"),
        help_text=format_lazy(
            _("The certificate of the training: {allowed}, at most {max}."),
            allowed=ALLOWED_LABEL,
            max=filesizeformat(settings.UPLOAD_MAX_BYTES),
        ),
    )

    class Meta:
        formfield_callback = clean_text_formfield
        model = ExternalTraining
        fields = EXTERNAL_FIELDS
        widgets = {
            "start_date": DateInput(),
            "end_date": DateInput(),
            "note": forms.Textarea(attrs={"rows": 3}),
        }
        help_texts = {
            "accreditation_number": _("As the certificate states it."),
            "licence_points": _("The points toward the licence the certificate states; 0 if none."),
        }

    def __init__(self, *args, editing: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        if editing:
            self.fields["evidence"].required = False
            self.fields["evidence"].help_text = format_lazy(
                "{keep} {rules}",
                keep=_("Choose a file only to replace the evidence."),
                rules=self.fields["evidence"].help_text,
            )
        self.helper = FormHelper()
        self.helper.form_tag = False
        self.helper.layout = Layout(
            Fieldset(
                _("The training"),
                "title",
                row(("provider", 8), ("accreditation_number", 4)),
            ),
            Fieldset(
                _("When, how long, how many points"),
                row(("start_date", 3), ("end_date", 3), ("hours", 3), ("licence_points", 3)),
            ),
            Fieldset(_("Evidence"), "evidence", "note"),
        )

    def _get_validation_exclusions(self):
        # The file is the service's to check and store (by its content): the model must
        # not refuse the new row here for having none yet.
        return {*super()._get_validation_exclusions(), "evidence"}

    def service_data(self) -> dict:
        return {name: self.cleaned_data[name] for name in EXTERNAL_FIELDS}


class TranscriptAskForm(forms.Form):
    email = forms.EmailField(
        label=_("Your e-mail address"),
        max_length=254,
        help_text=_("The address you gave when you signed up for the institute's trainings."),
        widget=forms.EmailInput(attrs={"autocomplete": "email", "inputmode": "email"}),
    )
