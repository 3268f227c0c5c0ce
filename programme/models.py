"""The annual work programme as structured data.

Programme (one row per year) → Revision (one version of its content, with a status) →
Section (one per area I–IV) → Goal ("1.", "2.1.") → Target (a measurable commitment).
A target hangs off a goal, or — where the text commits to something outside its numbered
goals — off an area itself: its introduction, or the programme's closing text (see
TargetPart).

Why revisions: what the director approved must stay exactly as approved. The header
(number, date, title, introduction, place, signatory) and the whole tree below it belong
to a Revision, so an amendment after approval is a new Revision copied from the last one,
going through the same workflow, and any two Revisions can be compared. The database
keeps the lifecycle honest: one open (draft or submitted) revision per programme at a
time, one published revision at a time, and a board decision on everything adopted —
unless it came adopted as signed and no decision was recorded, which it then says.

Every status change is a Transition row (who, when, from, to, comment); the director's
comments on goals when returning a draft are GoalComments.
"""

import re

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator, RegexValidator
from django.db import models
from django.db.models import Q
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _

from pzss.core.models import Activity, ActivityKind, Area

GOAL_NUMBER_RE = re.compile(r"^\d{1,2}(\.\d{1,2}){0,2}\.?$")


class Programme(models.Model):
    """One year's programme. Its content lives in its revisions."""

    year = models.PositiveSmallIntegerField(
        _("year"),
        unique=True,
        validators=[MinValueValidator(2000), MaxValueValidator(2100)],
        error_messages={"unique": _("There is already a work programme for this year.")},
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        ordering = ["-year"]
        verbose_name = _("work programme")
        verbose_name_plural = _("work programmes")

    def __str__(self) -> str:
        return str(self.year)


class RevisionStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    SUBMITTED = "submitted", _("Submitted")
    APPROVED = "approved", _("Approved")
    ADOPTED = "adopted", _("Adopted")
    PUBLISHED = "published", _("Published")
    SUPERSEDED = "superseded", _("Superseded")


# Statuses whose content may no longer change: what the director approved, and after.
FROZEN_STATUSES = frozenset(
    {
        RevisionStatus.APPROVED,
        RevisionStatus.ADOPTED,
        RevisionStatus.PUBLISHED,
        RevisionStatus.SUPERSEDED,
    }
)
OPEN_STATUSES = frozenset({RevisionStatus.DRAFT, RevisionStatus.SUBMITTED})


class Revision(models.Model):
    """One version of a programme's content. Revision 1 is the programme as first
    planned; each later one is an amendment based on an earlier revision."""

    programme = models.ForeignKey(
        Programme,
        verbose_name=_("work programme"),
        on_delete=models.CASCADE,
        related_name="revisions",
    )
    number = models.PositiveSmallIntegerField(_("revision"))
    status = models.CharField(
        _("status"), max_length=16, choices=RevisionStatus.choices, default=RevisionStatus.DRAFT
    )
    based_on = models.ForeignKey(
        "self",
        verbose_name=_("based on"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="amendments",
    )
    change_note = models.TextField(
        _("reason for the amendment"),
        blank=True,
        help_text=_("For an amendment: what changes and why."),
    )
    # The document's header. The letterhead (lines, address, phone, e-mail, web) is the
    # year's own, stored when the programme is imported or created: a later change of
    # the institute's details (settings.INSTITUTE) does not rewrite an old programme.
    letterhead = models.JSONField(_("letterhead"), default=dict, blank=True)
    doc_number = models.CharField(_("number"), max_length=50, blank=True)
    doc_date = models.DateField(_("date"), null=True, blank=True)
    title = models.CharField(_("title"), max_length=300)
    introduction = models.TextField(_("introduction"), blank=True)
    # Paragraphs after the last area, before the signature (2021: the new strategic plan).
    closing = models.TextField(_("closing text"), blank=True)
    place = models.CharField(_("place"), max_length=100, default="Нови Сад")
    signatory = models.CharField(_("signatory"), max_length=150, blank=True)
    signatory_title = models.CharField(
        _("signatory's title"), max_length=150, default="Председник управног одбора"
    )
    # The management board's decision adopting this revision.
    board_decision_number = models.CharField(_("board decision number"), max_length=50, blank=True)
    board_decision_date = models.DateField(_("board decision date"), null=True, blank=True)
    # A programme that reaches the portal already adopted (the board president's
    # signature on the text) may record no separate decision: then it says so, and no
    # decision is printed, rather than a number borrowed from the document itself.
    adopted_as_signed = models.BooleanField(
        _("adopted as signed, no board decision recorded"), default=False
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        ordering = ["programme", "number"]
        verbose_name = _("programme revision")
        verbose_name_plural = _("programme revisions")
        constraints = [
            models.UniqueConstraint(fields=["programme", "number"], name="revision_unique_number"),
            # Amendments are made one at a time.
            models.UniqueConstraint(
                fields=["programme"],
                condition=Q(status__in=["draft", "submitted"]),
                name="revision_one_open_per_programme",
            ),
            # The public reads exactly one version of a year's programme.
            models.UniqueConstraint(
                fields=["programme"],
                condition=Q(status="published"),
                name="revision_one_published_per_programme",
            ),
            models.CheckConstraint(
                condition=~Q(status__in=["adopted", "published", "superseded"])
                | (Q(board_decision_date__isnull=False) & ~Q(board_decision_number=""))
                | Q(adopted_as_signed=True),
                name="revision_adopted_has_board_decision",
            ),
            models.CheckConstraint(
                condition=Q(adopted_as_signed=False)
                | (Q(board_decision_date__isnull=True) & Q(board_decision_number="")),
                name="revision_adopted_as_signed_has_no_decision",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.title} ({_('revision')} {self.number})"

    @property
    def year(self) -> int:
        return self.programme.year

    @property
    def is_editable(self) -> bool:
        return self.status == RevisionStatus.DRAFT

    @property
    def is_frozen(self) -> bool:
        return self.status in FROZEN_STATUSES

    @property
    def is_published(self) -> bool:
        return self.status == RevisionStatus.PUBLISHED


class Section(models.Model):
    """One of the four areas of work, with the area's own introductory text."""

    revision = models.ForeignKey(
        Revision, verbose_name=_("revision"), on_delete=models.CASCADE, related_name="sections"
    )
    area = models.PositiveSmallIntegerField(_("area"), choices=Area.choices)
    title = models.CharField(_("title"), max_length=200)
    text = models.TextField(_("text"), blank=True)

    class Meta:
        ordering = ["revision", "area"]
        verbose_name = _("section")
        verbose_name_plural = _("sections")
        constraints = [
            models.UniqueConstraint(fields=["revision", "area"], name="section_unique_area"),
            models.CheckConstraint(condition=Q(area__in=[1, 2, 3, 4]), name="section_area_valid"),
        ]

    def __str__(self) -> str:
        return f"{self.roman} {self.title}"

    @property
    def roman(self) -> str:
        return Area(self.area).roman

    @property
    def anchor(self) -> str:
        return f"area-{self.area}"

    # The area's own targets, split by where the document prints them. They read
    # `area_targets` as fetched (prefetched with the tree: no query of their own).
    @property
    def intro_targets(self) -> list["Target"]:
        return [t for t in self.area_targets.all() if t.part == TargetPart.AREA]

    @property
    def closing_targets(self) -> list["Target"]:
        return [t for t in self.area_targets.all() if t.part == TargetPart.CLOSING]


class Goal(models.Model):
    """A numbered goal of a section ("1.", "2.1."). Some goals in the institute's text
    are numbered paragraphs with no separate title: then `title` is empty."""

    section = models.ForeignKey(
        Section, verbose_name=_("section"), on_delete=models.CASCADE, related_name="goals"
    )
    order = models.PositiveIntegerField(_("order"), default=0)
    number = models.CharField(
        _("number"),
        max_length=12,
        validators=[RegexValidator(GOAL_NUMBER_RE, _("Write the number as 1., 2.1. or 4.2, say."))],
    )
    title = models.CharField(_("title"), max_length=500, blank=True)
    text = models.TextField(_("text"), blank=True)

    class Meta:
        ordering = ["section", "order", "id"]
        verbose_name = _("goal")
        verbose_name_plural = _("goals")
        constraints = [
            models.UniqueConstraint(fields=["section", "number"], name="goal_unique_number"),
        ]

    def __str__(self) -> str:
        return f"{self.number} {self.title}".strip()

    @property
    def depth(self) -> int:
        return self.number.rstrip(".").count(".")

    @property
    def anchor(self) -> str:
        return f"goal-{self.section.area}-{self.number.rstrip('.').replace('.', '-')}"

    def clean(self) -> None:
        if not self.title.strip() and not self.text.strip():
            raise ValidationError(_("A goal needs a title or a text."))


class Unit(models.TextChoices):
    EVENTS = "events", _("events")
    GROUPS = "groups", _("groups")
    VISITS = "visits", _("visits")
    REPORTS = "reports", _("reports")
    PARTICIPANTS = "participants", _("participants")
    STUDENTS = "students", _("students")
    HOURS = "hours", _("hours")
    PROGRAMMES = "programmes", _("training programmes")
    TIMES_A_MONTH = "times_a_month", _("times a month")
    PLANS = "plans", _("plans")


class Bound(models.TextChoices):
    """How the text qualifies a planned quantity: "4 групе", "најмање 1 група",
    "највише 10 студената"."""

    EXACT = "exact", _("exactly")
    AT_LEAST = "at_least", _("at least")
    AT_MOST = "at_most", _("at most")


# What a target says, edited on its form and copied into an amendment: the one list.
TARGET_FIELDS = [
    "description",
    "kind",
    "bound",
    "quantity",
    "unit",
    "start_month",
    "end_month",
    "indicator",
]
# What an amendment copies besides: where each value came from.
TARGET_COPY_FIELDS = [*TARGET_FIELDS, "time_frame_stated", "indicator_stated"]
LETTERHEAD_KEYS = ("lines", "address", "phone", "email", "web")


class TargetPart(models.TextChoices):
    """Which part of the programme's text a target belongs to.

    Most commitments sit under a numbered goal. A few do not: the 2021 text commits in
    the introduction of area IV to monitoring the programme and the action plan and
    publishing reports, and in its closing text to drafting a new strategic plan. Such a
    target hangs off a Section instead of a Goal, and its part says where it is printed.

    Why the closing text's targets hang off a Section too, although the closing text is
    the revision's: a target is realised by activities, and every activity is of one area
    (`Activity.area`), so a target must say which area's activities count towards it; the
    section it hangs off says that (2021: area IV, after whose goals the paragraph stands,
    and whose work is the institute's own informing and planning). One relation for
    every target that is not a goal's keeps the tree, its copy into an amendment and the
    realisation one path each, where a third owner (the revision) would add another.
    """

    GOAL = "goal", _("a numbered goal")
    AREA = "area", _("the area's introduction")
    CLOSING = "closing", _("the closing text")


class TargetQuerySet(models.QuerySet):
    def of_revision(self, revision) -> "TargetQuerySet":
        """Every target of a revision: its goals' and its areas' own."""
        return self.filter(Q(goal__section__revision=revision) | Q(section__revision=revision))

    def of_year(self, year: int) -> "TargetQuerySet":
        """Every target of any revision of a year's programme."""
        return self.filter(
            Q(goal__section__revision__programme__year=year)
            | Q(section__revision__programme__year=year)
        )

    def with_tree(self) -> "TargetQuerySet":
        """With the goal or section it hangs off, its revision and programme (one join)."""
        return self.select_related(
            "goal__section__revision__programme", "section__revision__programme"
        )


class Target(models.Model):
    """A commitment: how much of what, when, by whom, and how success is seen. A target
    without a quantity is qualitative (taking part in working groups on by-laws has
    nothing to count).

    It hangs off exactly one of a goal (`part` "goal") or an area (`section`, `part`
    "area" for the area's introduction or "closing" for the programme's closing text);
    the database holds it to that."""

    goal = models.ForeignKey(
        Goal,
        verbose_name=_("goal"),
        on_delete=models.CASCADE,
        related_name="targets",
        null=True,
        blank=True,
    )
    section = models.ForeignKey(
        Section,
        verbose_name=_("area"),
        on_delete=models.CASCADE,
        related_name="area_targets",
        null=True,
        blank=True,
        help_text=_("For a target outside the numbered goals: the area whose activities count."),
    )
    part = models.CharField(
        _("part of the programme"),
        max_length=8,
        choices=TargetPart.choices,
        default=TargetPart.GOAL,
    )
    order = models.PositiveIntegerField(_("order"), default=0)
    description = models.TextField(_("description"))
    kind = models.CharField(_("activity kind"), max_length=32, choices=ActivityKind.choices)
    bound = models.CharField(
        _("planned as"),
        max_length=8,
        choices=Bound.choices,
        default=Bound.EXACT,
        help_text=_("As the programme says it: exactly, at least or at most the quantity."),
    )
    quantity = models.PositiveIntegerField(
        _("planned quantity"),
        null=True,
        blank=True,
        help_text=_("Leave empty for a qualitative target."),
    )
    unit = models.CharField(_("unit"), max_length=16, choices=Unit.choices, blank=True)
    start_month = models.PositiveSmallIntegerField(
        _("from month"), default=1, validators=[MinValueValidator(1), MaxValueValidator(12)]
    )
    end_month = models.PositiveSmallIntegerField(
        _("to month"), default=12, validators=[MinValueValidator(1), MaxValueValidator(12)]
    )
    responsible = models.ManyToManyField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("responsible staff"),
        blank=True,
        related_name="programme_targets",
    )
    indicator = models.TextField(_("indicator of success"), blank=True)
    # False where the portal supplied the value and the programme's text does not say it
    # (an imported programme's default time frame, an indicator the text never states):
    # the document marks such values as the portal's, not the institute's.
    time_frame_stated = models.BooleanField(_("time frame stated in the programme"), default=True)
    indicator_stated = models.BooleanField(_("indicator stated in the programme"), default=True)
    # The realisation: held activities that count towards this target.
    activities = models.ManyToManyField(
        Activity, verbose_name=_("activities"), blank=True, related_name="programme_targets"
    )

    objects = TargetQuerySet.as_manager()

    class Meta:
        ordering = ["goal", "section", "order", "id"]
        verbose_name = _("target")
        verbose_name_plural = _("targets")
        constraints = [
            # A goal's target, or an area's own (its introduction or the closing text):
            # exactly one owner, and the part says which.
            models.CheckConstraint(
                condition=(Q(part="goal") & Q(goal__isnull=False) & Q(section__isnull=True))
                | (
                    Q(part__in=["area", "closing"])
                    & Q(goal__isnull=True)
                    & Q(section__isnull=False)
                ),
                name="target_on_a_goal_or_an_area",
            ),
            models.CheckConstraint(
                condition=(Q(quantity__isnull=True) & Q(unit=""))
                | (Q(quantity__gt=0) & ~Q(unit="")),
                name="target_quantity_with_unit",
            ),
            models.CheckConstraint(
                condition=Q(bound="exact") | Q(quantity__isnull=False),
                name="target_bound_with_quantity",
            ),
            models.CheckConstraint(
                condition=Q(start_month__gte=1)
                & Q(end_month__lte=12)
                & Q(start_month__lte=models.F("end_month")),
                name="target_months_valid",
            ),
        ]

    def __str__(self) -> str:
        return self.description[:80]

    @property
    def is_qualitative(self) -> bool:
        return self.quantity is None

    @property
    def area_section(self) -> Section:
        """The area the target belongs to: its goal's, or the one it hangs off."""
        return self.goal.section if self.goal_id else self.section

    @property
    def is_goal_target(self) -> bool:
        return self.part == TargetPart.GOAL

    def clean(self) -> None:
        errors = {}
        if self.part == TargetPart.GOAL and (self.section_id or not self.goal_id):
            errors["goal"] = _("A target of a goal names its goal and no area.")
        elif self.part != TargetPart.GOAL and (self.goal_id or not self.section_id):
            errors["section"] = _(
                "A target of an area's introduction or of the closing text names its area "
                "and no goal."
            )
        if self.quantity is not None and not self.unit:
            errors["unit"] = _("Say what the quantity counts.")
        if self.quantity is None and self.unit:
            errors["quantity"] = _("Give the quantity, or clear the unit for a qualitative target.")
        if self.quantity is None and self.bound != Bound.EXACT:
            errors["bound"] = _("At least or at most needs a quantity.")
        if self.quantity == 0:
            errors["quantity"] = _("A planned quantity is at least 1.")
        if self.start_month and self.end_month and self.start_month > self.end_month:
            errors["end_month"] = _("The time frame cannot end before it starts.")
        if errors:
            raise ValidationError(errors)


class TransitionAction(models.TextChoices):
    CREATE = "create", _("Created")
    AMEND = "amend", _("Amendment started")
    SUBMIT = "submit", _("Submitted for approval")
    APPROVE = "approve", _("Approved")
    RETURN = "return", _("Returned with comments")
    ADOPT = "adopt", _("Adopted by the management board")
    PUBLISH = "publish", _("Published")
    SUPERSEDE = "supersede", _("Superseded by a later revision")


class TransitionNote(models.TextChoices):
    """What the portal itself says about a step, stored as a word and written out in the
    reader's language when shown (a comment is what a person wrote)."""

    COPIED = "copied", _("Copied from an earlier year")
    IMPORTED = "imported", _("Imported from the programme's text")
    AMENDED = "amended", _("Amendment of an earlier revision")
    REPLACED = "replaced", _("Replaced by a later revision")
    DECISION = "decision", _("The board's decision")
    AS_SIGNED = "as_signed", _("Adopted as signed, no decision recorded")


class Transition(models.Model):
    """One step of a revision's lifecycle: who, when, from which status to which, why."""

    revision = models.ForeignKey(
        Revision, verbose_name=_("revision"), on_delete=models.CASCADE, related_name="transitions"
    )
    action = models.CharField(_("action"), max_length=16, choices=TransitionAction.choices)
    from_status = models.CharField(
        _("from"), max_length=16, choices=RevisionStatus.choices, blank=True
    )
    to_status = models.CharField(_("to"), max_length=16, choices=RevisionStatus.choices)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    comment = models.TextField(_("comment"), blank=True)
    note = models.CharField(_("note"), max_length=16, choices=TransitionNote.choices, blank=True)
    # The year a copy came from, or the revision an amendment started from or that
    # replaced this one.
    note_number = models.PositiveIntegerField(_("number in the note"), null=True, blank=True)
    created_at = models.DateTimeField(_("when"), auto_now_add=True)

    class Meta:
        ordering = ["revision", "created_at", "id"]
        verbose_name = _("transition")
        verbose_name_plural = _("transitions")

    def __str__(self) -> str:
        return f"{self.revision_id}: {self.from_status} → {self.to_status}"

    @property
    def note_text(self) -> str:
        """The portal's note in the language of the page it is shown on."""
        if not self.note:
            return ""
        if self.note == TransitionNote.AS_SIGNED:
            revision = self.revision
            return _(
                "Adopted as signed by %(signatory)s; no decision of the board is recorded."
            ) % {"signatory": revision.signatory or revision.signatory_title}
        if self.note == TransitionNote.DECISION:
            revision = self.revision
            return _("Decision %(number)s of %(date)s.") % {
                "number": revision.board_decision_number,
                "date": date_format(revision.board_decision_date, "SHORT_DATE_FORMAT"),
            }
        texts = {
            TransitionNote.COPIED: _("Copied from %(year)s."),
            TransitionNote.IMPORTED: _("Imported from the programme's text."),
            TransitionNote.AMENDED: _("Amendment of revision %(number)s."),
            TransitionNote.REPLACED: _("Replaced by revision %(number)s."),
        }
        return str(texts[self.note]) % {"number": self.note_number, "year": self.note_number}


class GoalComment(models.Model):
    """The director's comment on a goal of a returned revision. Never shown publicly."""

    revision = models.ForeignKey(
        Revision, verbose_name=_("revision"), on_delete=models.CASCADE, related_name="comments"
    )
    goal = models.ForeignKey(
        Goal, verbose_name=_("goal"), on_delete=models.CASCADE, related_name="comments"
    )
    transition = models.ForeignKey(
        Transition, on_delete=models.CASCADE, null=True, blank=True, related_name="goal_comments"
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    text = models.TextField(_("comment"))
    created_at = models.DateTimeField(_("when"), auto_now_add=True)

    class Meta:
        ordering = ["created_at", "id"]
        verbose_name = _("comment on a goal")
        verbose_name_plural = _("comments on goals")

    def __str__(self) -> str:
        return self.text[:80]


# The longest reason for an activity outside the programme, and the longest staff note.
REASON_MAX_LENGTH = 500


class OutsideProgramme(models.Model):
    """A held activity staff marked as outside the year's programme, and why (a request
    nobody planned, an event of a partner). It leaves the list of unplanned activities —
    held ones that realise no target — and is listed apart with its reason. Removing the
    mark (undo) puts it back on the list; linking it to a target removes the mark."""

    activity = models.OneToOneField(
        Activity,
        verbose_name=_("activity"),
        on_delete=models.CASCADE,
        related_name="outside_programme",
    )
    reason = models.TextField(_("reason"), max_length=REASON_MAX_LENGTH)
    marked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    marked_at = models.DateTimeField(_("marked"), auto_now_add=True)

    class Meta:
        ordering = ["activity__start_date", "activity_id"]
        verbose_name = _("activity outside the programme")
        verbose_name_plural = _("activities outside the programme")
        constraints = [
            models.CheckConstraint(condition=~Q(reason=""), name="outside_programme_has_reason"),
        ]

    def __str__(self) -> str:
        return f"{self.activity_id}: {self.reason[:60]}"


NOTE_MAX_LENGTH = 1000


class Quarter(models.IntegerChoices):
    Q1 = 1, _("Q1")
    Q2 = 2, _("Q2")
    Q3 = 3, _("Q3")
    Q4 = 4, _("Q4")


class TargetNote(models.Model):
    """Staff's short narrative on a target for one quarter of the year: what was done,
    and why a target is behind. One per target and quarter, rewritten as the quarter
    goes; never shown publicly. An amendment copies its targets' notes."""

    target = models.ForeignKey(
        Target, verbose_name=_("target"), on_delete=models.CASCADE, related_name="notes"
    )
    quarter = models.PositiveSmallIntegerField(_("quarter"), choices=Quarter.choices)
    text = models.TextField(_("note"), max_length=NOTE_MAX_LENGTH)
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        ordering = ["target_id", "quarter"]
        verbose_name = _("note on a target")
        verbose_name_plural = _("notes on targets")
        constraints = [
            models.UniqueConstraint(fields=["target", "quarter"], name="target_note_per_quarter"),
            models.CheckConstraint(
                condition=Q(quarter__gte=1) & Q(quarter__lte=4), name="target_note_quarter_valid"
            ),
            models.CheckConstraint(condition=~Q(text=""), name="target_note_has_text"),
        ]

    def __str__(self) -> str:
        return f"{self.get_quarter_display()}: {self.text[:60]}"


# --- the annual realisation report --------------------------------------------------------


class ReportStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    SUBMITTED = "submitted", _("Submitted")
    APPROVED = "approved", _("Approved")
    PUBLISHED = "published", _("Published")


class ReportAction(models.TextChoices):
    CREATE = "create", _("Created")
    SUBMIT = "submit", _("Submitted for approval")
    RETURN = "return", _("Returned with comments")
    APPROVE = "approve", _("Approved")
    PUBLISH = "publish", _("Published")


class RealisationReport(models.Model):
    """The year's report on how the programme was carried out («Извештај о реализацији
    Програма рада за <година>. годину»): the programme in force beside the activities
    that realised it, with staff's introduction and summary.

    Its figures are live while it is a draft. Submitting it freezes them: the body of the
    document, in both scripts (`frozen_body`), and the rows of its spreadsheet annex
    (`frozen_rows`) are stored, so that what the director approves and what is published
    is exactly what was submitted, even if activities change later. A return to draft
    clears them: the figures are live again.

    Every status change is a ReportTransition (who, when, from, to, comment)."""

    programme = models.OneToOneField(
        Programme,
        verbose_name=_("work programme"),
        on_delete=models.CASCADE,
        related_name="realisation_report",
    )
    status = models.CharField(
        _("status"), max_length=16, choices=ReportStatus.choices, default=ReportStatus.DRAFT
    )
    introduction = models.TextField(
        _("introduction"),
        blank=True,
        help_text=_("Printed before the figures. A blank line starts a new paragraph."),
    )
    summary = models.TextField(
        _("summary and assessment"),
        blank=True,
        help_text=_("Printed after the figures: what the year achieved, and what was not done."),
    )
    # {"sr": "<article>…", "sr-latn": "<article>…"}: the document's body as submitted.
    frozen_body = models.JSONField(_("document body as submitted"), default=dict, blank=True)
    # {"targets": [[…], …], "activities": [[…], …]}: the annex's rows as submitted.
    frozen_rows = models.JSONField(_("annex rows as submitted"), default=dict, blank=True)
    frozen_at = models.DateTimeField(_("figures frozen at"), null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        ordering = ["-programme__year"]
        verbose_name = _("realisation report")
        verbose_name_plural = _("realisation reports")
        constraints = [
            # Submitted, approved and published reports carry the figures they were
            # submitted with; a draft's are live.
            models.CheckConstraint(
                condition=Q(status="draft", frozen_at__isnull=True)
                | (~Q(status="draft") & Q(frozen_at__isnull=False)),
                name="realisation_report_frozen_unless_draft",
            ),
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def year(self) -> int:
        return self.programme.year

    @property
    def title(self) -> str:
        return f"Извештај о реализацији Програма рада за {self.programme.year}. годину"

    @property
    def is_editable(self) -> bool:
        return self.status == ReportStatus.DRAFT

    @property
    def is_frozen(self) -> bool:
        return self.frozen_at is not None

    @property
    def is_published(self) -> bool:
        return self.status == ReportStatus.PUBLISHED


class ReportTransition(models.Model):
    """One step of a realisation report's workflow: who, when, from which status to
    which, and what they wrote (the director's comment when returning it)."""

    report = models.ForeignKey(
        RealisationReport,
        verbose_name=_("realisation report"),
        on_delete=models.CASCADE,
        related_name="transitions",
    )
    action = models.CharField(_("action"), max_length=16, choices=ReportAction.choices)
    from_status = models.CharField(
        _("from"), max_length=16, choices=ReportStatus.choices, blank=True
    )
    to_status = models.CharField(_("to"), max_length=16, choices=ReportStatus.choices)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    comment = models.TextField(_("comment"), blank=True)
    created_at = models.DateTimeField(_("when"), auto_now_add=True)

    class Meta:
        ordering = ["report", "created_at", "id"]
        verbose_name = _("report transition")
        verbose_name_plural = _("report transitions")

    def __str__(self) -> str:
        return f"{self.report_id}: {self.from_status} → {self.to_status}"
