from django import forms
from django.conf import settings
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from outreach.library import selectors
from outreach.models import Publication
from pzss.lib.forms import CleanCharField, ScriptModelChoiceField, clean_text_formfield


def goal_label(goal) -> str:
    area = goal.section.get_area_display().split(" ", 1)[0]  # the roman numeral
    year = goal.section.revision.programme.year
    return f"{year} · {area} {goal.number} {goal.title or goal.text[:90]}"


class PublicationForm(forms.ModelForm):
    goal = ScriptModelChoiceField(
        queryset=selectors.goal_choices(),
        label_of=goal_label,
        required=False,
        label=_("Programme goal"),
        help_text=_("The goal of the work programme in force that this publication realises."),
    )

    class Meta:
        model = Publication
        fields = ["title", "kind", "year", "authors", "abstract", "area", "goal", "language"]
        formfield_callback = clean_text_formfield
        widgets = {"abstract": forms.Textarea(attrs={"rows": 6})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["goal"].queryset = selectors.goal_choices()
        self.fields["area"].help_text = _("Leave empty for a publication of all four areas.")


class PublicationFileForm(forms.Form):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["file"].help_text = gettext(
            "A PDF without password protection, at most %(max)s."
        ) % {"max": filesizeformat(settings.LIBRARY_MAX_BYTES)}

    file = forms.FileField(
        label=_("PDF file"),
        widget=forms.ClearableFileInput(attrs={"accept": "application/pdf,.pdf"}),
    )
    label = CleanCharField(
        label=_("Label"),
        max_length=200,
        required=False,
        help_text=_("Shown on the download button, e.g. “Full report” or “Summary”."),
    )
