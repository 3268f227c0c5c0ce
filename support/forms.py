from django import forms
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from pzss.core.models import Institution, Person
from pzss.lib.forms import CleanCharField, ScriptModelMultipleChoiceField


def _member_label(person: Person) -> str:
    inst = f" ({person.institution.name})" if person.institution_id else ""
    return f"{person.full_name}{inst}"


class StandingGroupForm(forms.Form):
    name = CleanCharField(label=pgettext_lazy("a standing group's", "Name"), max_length=200)
    description = CleanCharField(
        label=_("Description"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )
    institutions = ScriptModelMultipleChoiceField(
        label=_("Member institutions"),
        queryset=Institution.objects.filter(is_active=True).order_by("name"),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Anyone who signs up for one of these institutions counts as a member."),
    )
    members = ScriptModelMultipleChoiceField(
        label=_("Members"),
        label_of=_member_label,
        queryset=Person.objects.select_related("institution").order_by("last_name", "first_name"),
        required=False,
        widget=forms.SelectMultiple(attrs={"size": 12}),
        help_text=_("People who belong to the group wherever they work."),
    )
