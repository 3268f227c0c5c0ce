from django import forms
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from pzss.core.models import Institution, Person
from pzss.lib.forms import CleanCharField
from pzss.lib.translit import for_language


class _Names(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj):
        if isinstance(obj, Person):
            inst = f" ({obj.institution.name})" if obj.institution_id else ""
            return for_language(f"{obj.full_name}{inst}", get_language())
        return for_language(obj.name, get_language())


class StandingGroupForm(forms.Form):
    name = CleanCharField(label=_("Name"), max_length=200)
    description = CleanCharField(
        label=_("Description"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )
    institutions = _Names(
        label=_("Member institutions"),
        queryset=Institution.objects.filter(is_active=True).order_by("name"),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Anyone who signs up for one of these institutions counts as a member."),
    )
    members = _Names(
        label=_("Members"),
        queryset=Person.objects.select_related("institution").order_by("last_name", "first_name"),
        required=False,
        widget=forms.SelectMultiple(attrs={"size": 12}),
        help_text=_("People who belong to the group wherever they work."),
    )
