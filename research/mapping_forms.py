"""Forms of the service mapping's staff pages. They validate; the services write."""

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from pzss.core.models import Institution, Municipality
from pzss.lib.forms import ScriptModelChoiceField, clean_text_formfield
from research.mapping_selectors import FIGURES
from research.models import SECTORS, LocalService, ServiceKind, ServiceMapping

MAX_UPLOAD_BYTES = 2 * 1024 * 1024


class ServiceMappingForm(forms.ModelForm):
    class Meta:
        model = ServiceMapping
        fields = ["year", "title"]
        formfield_callback = clean_text_formfield
        help_texts = {"title": _("For example: Mapping of local social services 2026")}


class LocalServiceForm(forms.ModelForm):
    municipality = ScriptModelChoiceField(
        label=_("Municipality"), queryset=Municipality.objects.order_by("name")
    )
    provider = ScriptModelChoiceField(
        label=_("Provider from the directory"),
        queryset=Institution.objects.filter(is_active=True).only("id", "name").order_by("name"),
        required=False,
        help_text=_("Or write the provider's name below when it is not in the directory."),
    )

    class Meta:
        model = LocalService
        fields = [
            "municipality",
            "kind",
            "name",
            "provider",
            "provider_name",
            "provider_kind",
            "users",
            "capacity",
            "span",
            "funding",
            "funding_source",
            "is_licensed",
            *(name for name, _label in SECTORS),
            "is_innovative",
            "innovation",
        ]
        formfield_callback = clean_text_formfield
        widgets = {"innovation": forms.Textarea(attrs={"rows": 3})}
        help_texts = {
            "users": _("People who used the service in the year: a number, never a name."),
            "capacity": _("Places or users the service can take at one time."),
        }

    @property
    def sector_fields(self) -> list:
        """The four sectors' checkboxes, shown side by side in one fieldset."""
        return [self[name] for name, _label in SECTORS]


class ImportForm(forms.Form):
    file = forms.FileField(
        label=_("Filled-in template (XLSX)"),
        help_text=_("The portal's template, its sheet and columns as they are; at most 2 MB."),
    )

    def clean_file(self):
        """Only what is cheap: the name, the size and the first bytes. The workbook itself
        is read by a background job, under the import's caps."""
        upload = self.cleaned_data["file"]
        if not upload.name.lower().endswith(".xlsx"):
            raise ValidationError(_("Upload the XLSX template."))
        if upload.size > MAX_UPLOAD_BYTES:
            raise ValidationError(_("The file may be at most 2 MB."))
        upload.seek(0)
        head = upload.read(4)
        upload.seek(0)
        if head != b"PK\x03\x04":
            # An XLSX file is a zip archive, which begins so.
            raise ValidationError(_("The XLSX file cannot be read."))
        return upload


class ServiceFilterForm(forms.Form):
    """The filters above the list of services (they stay in the URL)."""

    municipality = ScriptModelChoiceField(
        label=_("Municipality"),
        queryset=Municipality.objects.order_by("name"),
        required=False,
        empty_label=_("All municipalities"),
    )
    kind = forms.ChoiceField(
        label=_("Kind of service"),
        choices=[("", _("All kinds"))] + list(ServiceKind.choices),
        required=False,
    )


def figure_choices() -> list[tuple[str, str]]:
    return [(key, label) for key, (label, _column) in FIGURES.items()]
