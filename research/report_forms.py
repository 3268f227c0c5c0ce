"""The forms of the statistical reports' staff pages."""

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from pzss.lib.forms import CleanCharField
from research.models import DataSet, ReportKind, StatisticalReport

MONTHS = [("", "—")] + [(str(m), f"{m:02d}") for m in range(1, 13)]


class ReportCreateForm(forms.Form):
    kind = forms.ChoiceField(label=_("Kind of report"), choices=ReportKind.choices)
    data_set = forms.ModelChoiceField(label=_("Data set"), queryset=DataSet.objects.none())
    year = forms.IntegerField(label=_("Year"), min_value=2000, max_value=2100)
    month = forms.TypedChoiceField(
        label=_("Month"),
        choices=MONTHS,
        coerce=int,
        empty_value=None,
        required=False,
        help_text=_("For the monthly report only."),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["data_set"].queryset = DataSet.objects.order_by("name")
        today = timezone.localdate()
        self.fields["year"].initial = today.year
        self.fields["month"].initial = str(today.month)


class ReportTextForm(forms.ModelForm):
    title = CleanCharField(label=_("Title"), max_length=300)
    introduction = CleanCharField(
        label=_("Introduction"), required=False, widget=forms.Textarea(attrs={"rows": 5})
    )
    conclusions = CleanCharField(
        label=_("Conclusions"), required=False, widget=forms.Textarea(attrs={"rows": 5})
    )
    map_field = forms.ChoiceField(label=_("Figure on the map"), required=False)

    class Meta:
        model = StatisticalReport
        fields = ["title", "introduction", "conclusions", "map_field"]

    def __init__(self, *args, number_fields=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["map_field"].choices = [("", _("The first figure"))] + [
            (f["code"], f["label"]) for f in number_fields
        ]
