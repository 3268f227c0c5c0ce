"""Forms of the programme pages. They validate input; the views hand the cleaned data
to programme.services, which write."""

from django import forms
from django.db.models import Prefetch
from django.utils.translation import get_language, gettext
from django.utils.translation import gettext_lazy as _

from programme.models import (
    NOTE_MAX_LENGTH,
    REASON_MAX_LENGTH,
    TARGET_FIELDS,
    Goal,
    Programme,
    Quarter,
    RealisationReport,
    Revision,
    Section,
    Target,
    TargetPart,
)
from programme.wording import MONTHS
from pzss.core.forms import StaffChoiceField, staff_users
from pzss.core.models import Activity
from pzss.lib.forms import (
    CleanCharField,
    DateInput,
    ScriptModelChoiceField,
    clean_text_formfield,
    script_choices,
)
from pzss.lib.translit import for_language

MONTH_CHOICES = script_choices([(n, f"{n}. {name}") for n, name in enumerate(MONTHS, start=1)])


def _goal_label(goal: Goal) -> str:
    return f"{goal.section.roman} · {goal.number} {goal.title or goal.text[:60]}"


class ProgrammeCreateForm(forms.Form):
    year = forms.IntegerField(label=_("Year"), min_value=2000, max_value=2100)
    copy_from = ScriptModelChoiceField(
        queryset=Programme.objects.order_by("-year"),
        required=False,
        label=_("Start as a copy of"),
        empty_label=_("— an empty programme —"),
        help_text=_("The areas, goals and targets of that year are copied into the new draft."),
    )


class HeaderForm(forms.ModelForm):
    class Meta:
        formfield_callback = clean_text_formfield
        model = Revision
        fields = [
            "title",
            "doc_number",
            "doc_date",
            "place",
            "introduction",
            "closing",
            "signatory_title",
            "signatory",
            "change_note",
        ]
        widgets = {
            "doc_date": DateInput(),
            "introduction": forms.Textarea(attrs={"rows": 12}),
            "closing": forms.Textarea(attrs={"rows": 4}),
            "change_note": forms.Textarea(attrs={"rows": 3}),
        }
        help_texts = {
            "introduction": _("Separate paragraphs with an empty line."),
            "closing": _("Paragraphs after the last area, before the signature."),
        }


class SectionForm(forms.ModelForm):
    class Meta:
        formfield_callback = clean_text_formfield
        model = Section
        fields = ["title", "text"]
        widgets = {"text": forms.Textarea(attrs={"rows": 10})}
        help_texts = {"text": _("Separate paragraphs with an empty line.")}


class GoalForm(forms.ModelForm):
    class Meta:
        formfield_callback = clean_text_formfield
        model = Goal
        fields = ["number", "title", "text"]
        widgets = {"text": forms.Textarea(attrs={"rows": 10})}
        help_texts = {
            "title": _("Leave empty for a numbered paragraph without a heading."),
            "text": _("Separate paragraphs with an empty line; start a list item with “- ”."),
        }


def place_value(target: Target) -> str:
    """The `where` choice of a target's place: "goal-7", "area-3", "closing-3"."""
    if target.part == TargetPart.GOAL:
        return f"goal-{target.goal_id}"
    return f"{target.part}-{target.section_id}"


class TargetForm(forms.ModelForm):
    """A target and where it is: under a goal, in an area's introduction, or in the
    closing text (counted in the area chosen). Choosing another place moves it."""

    where = forms.ChoiceField(
        label=_("Where in the programme"),
        help_text=_(
            "The goal, the area's introduction or the closing text that says what the "
            "target commits to. Choose another to move the target there."
        ),
    )
    start_month = forms.TypedChoiceField(
        label=_("From month"), choices=MONTH_CHOICES, coerce=int, initial=1
    )
    end_month = forms.TypedChoiceField(
        label=_("To month"), choices=MONTH_CHOICES, coerce=int, initial=12
    )
    responsible = StaffChoiceField(
        queryset=staff_users(),
        required=False,
        label=_("Responsible staff"),
        widget=forms.SelectMultiple(attrs={"size": 5}),
    )

    field_order = ["where", *TARGET_FIELDS, "responsible"]

    class Meta:
        formfield_callback = clean_text_formfield
        model = Target
        fields = [*TARGET_FIELDS, "responsible"]
        widgets = {
            "description": forms.Textarea(attrs={"rows": 3}),
            "indicator": forms.Textarea(attrs={"rows": 2}),
        }

    def __init__(self, *args, revision: Revision, **kwargs):
        super().__init__(*args, **kwargs)
        current = place_value(self.instance)
        self.fields["where"].initial = current
        self.fields["where"].choices, self.places = _places(revision, current)

    def clean(self):
        cleaned = super().clean()
        part, goal, section = self.places.get(cleaned.get("where"), (None, None, None))
        cleaned.update(part=part, goal=goal, section=section)
        return cleaned


def _places(revision: Revision, current: str) -> tuple[list, dict]:
    """The choices of a target's place, grouped by area, in the reader's script: each
    area's introduction (where it has one), its goals, then the closing text counted in
    each area (where the programme has one); the target's own place always. And what
    each value means: {value: (part, goal, section)}. Two queries: sections, goals."""
    language = get_language()
    sections = revision.sections.order_by("area").prefetch_related(
        Prefetch("goals", queryset=Goal.objects.order_by("order", "id"))
    )
    groups, closing, places = [], [], {}
    for section in sections:
        options = []
        value = f"area-{section.pk}"
        if section.text.strip() or value == current:
            intro = gettext("the area's introduction")
            options.append((value, f"{section.roman} · {intro}"))
            places[value] = (TargetPart.AREA, None, section)
        for goal in section.goals.all():
            value = f"goal-{goal.pk}"
            options.append((value, for_language(_goal_label(goal), language)))
            places[value] = (TargetPart.GOAL, goal, None)
        groups.append((for_language(f"{section.roman} {section.title}", language), options))
        value = f"closing-{section.pk}"
        if revision.closing.strip() or value == current:
            label = gettext("The closing text, counted in area %(roman)s")
            closing.append((value, label % {"roman": section.roman}))
            places[value] = (TargetPart.CLOSING, None, section)
    if closing:
        groups.append((gettext("The closing text"), closing))
    return groups, places


class TargetMoveForm(forms.Form):
    goal = ScriptModelChoiceField(
        queryset=Goal.objects.none(), label_of=_goal_label, label=_("Move to goal")
    )

    def __init__(self, *args, revision: Revision, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["goal"].queryset = Goal.objects.filter(section__revision=revision)


class CommentForm(forms.Form):
    comment = CleanCharField(
        label=_("Comment"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )


class ReturnForm(CommentForm):
    """The director's comment, and a comment field for each goal of the revision."""

    def __init__(self, *args, goals=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["comment"].label = _("What should change")
        self.goal_fields = []
        for goal in goals:
            name = f"goal_{goal.pk}"
            self.fields[name] = CleanCharField(
                label=f"{goal.section.roman} · {goal.number} {goal.title or goal.text[:80]}",
                required=False,
                widget=forms.Textarea(attrs={"rows": 2}),
            )
            self.goal_fields.append((goal, name))

    def goal_comments(self) -> dict[int, str]:
        return {
            goal.pk: self.cleaned_data.get(name, "")
            for goal, name in self.goal_fields
            if self.cleaned_data.get(name, "").strip()
        }


class AdoptForm(CommentForm):
    decision_number = CleanCharField(label=_("Board decision number"), max_length=50)
    decision_date = forms.DateField(label=_("Board decision date"), widget=DateInput())


class AmendForm(forms.Form):
    change_note = CleanCharField(
        label=_("What changes and why"), widget=forms.Textarea(attrs={"rows": 3})
    )


class ActivitySearchForm(forms.Form):
    q = CleanCharField(label=_("Search"), required=False, max_length=200)


class TargetActivityForm(forms.Form):
    """One link / unlink button: which activity, and which of the two."""

    action = forms.ChoiceField(choices=[("link", _("Link")), ("unlink", _("Unlink"))])
    activity = forms.ModelChoiceField(queryset=Activity.objects.all())


class UnplannedLinkForm(forms.Form):
    """Link an unplanned activity to a target of the programme in force; the service
    checks that the target is of the activity's area and year."""

    target = forms.ModelChoiceField(queryset=Target.objects.all(), label=_("Target"))


class OutsideProgrammeForm(forms.Form):
    """Mark an unplanned activity as outside the programme: why, in a sentence."""

    reason = CleanCharField(
        label=_("Reason"),
        max_length=REASON_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("Why this activity is not part of the year's programme."),
    )


class TargetNoteForm(forms.Form):
    """Staff's note on a target for one quarter; an empty note removes that quarter's."""

    quarter = forms.TypedChoiceField(label=_("Quarter"), choices=Quarter.choices, coerce=int)
    text = CleanCharField(
        label=_("Note"),
        max_length=NOTE_MAX_LENGTH,
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )


class ReportTextForm(forms.ModelForm):
    """Staff's texts of the realisation report, while it is a draft."""

    class Meta:
        formfield_callback = clean_text_formfield
        model = RealisationReport
        fields = ["introduction", "summary"]
        widgets = {
            "introduction": forms.Textarea(attrs={"rows": 8}),
            "summary": forms.Textarea(attrs={"rows": 6}),
        }


class ReportReturnForm(forms.Form):
    comment = CleanCharField(
        label=_("What should change"),
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("Staff see this comment on the report while they amend it."),
    )
