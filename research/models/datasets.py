"""The figures the institutions send in, in DHIS2's terms (the anchor): a **data set** is a
named form that a set of institutions is expected to fill in for every **period** of its
frequency, by a deadline; what an institution sends for a period is its **submission**.

- A data set's form lives in **versions**. A published version is frozen: changing the
  form makes a new version, so a past submission always reads with the form it was made
  with (`SubmissionVersion.form`), and nothing about it changes when the form does.
- A form has **fields** (whole number, decimal, yes/no, choice, text; unit, required,
  bounds) and **rules** across fields: «од тога» (each part ≤ its total) and «збир делова
  = укупно» (the parts add up to the total). `research.validation` checks them, one
  function every path (the form, the XLSX upload, a service) calls.
- Who is expected to report: every institution of the chosen kinds (all centres for social
  work; all homes for adults) and any institutions chosen by name.
- A **submission** is one institution's for one period: its versions keep every set of
  figures sent (a correction after acceptance is a new version; the accepted one stays,
  and both are visible). The submission row carries its current state, so the
  completeness grid reads one row per cell.
"""

import datetime as dt

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from pzss.core.models import Institution, InstitutionKind


class Frequency(models.TextChoices):
    TWICE_A_MONTH = "twice_monthly", _("twice a month")
    MONTHLY = "monthly", _("monthly")
    QUARTERLY = "quarterly", _("quarterly")
    YEARLY = "yearly", _("yearly")


class DataSet(models.Model):
    code = models.SlugField(_("code"), max_length=60, unique=True)
    name = models.CharField(_("name"), max_length=255)
    description = models.TextField(_("description"), blank=True)
    frequency = models.CharField(_("frequency"), max_length=20, choices=Frequency.choices)
    deadline_days = models.PositiveSmallIntegerField(
        _("deadline (days after the period ends)"),
        default=5,
        help_text=_("The report for a period is due this many days after the period ends."),
    )
    # InstitutionKind values: every active institution of these kinds is expected.
    expected_kinds = models.JSONField(_("expected institution kinds"), default=list, blank=True)
    chosen_institutions = models.ManyToManyField(
        Institution,
        verbose_name=_("other expected institutions"),
        blank=True,
        related_name="chosen_data_sets",
    )
    is_active = models.BooleanField(
        _("collecting"),
        default=True,
        help_text=_("Institutions report on an active data set; an inactive one is archived."),
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    class Meta:
        ordering = ["name"]
        verbose_name = _("data set")
        verbose_name_plural = _("data sets")

    def __str__(self) -> str:
        return self.name

    def expected_institutions(self) -> models.QuerySet[Institution]:
        """The active institutions expected to report: of the chosen kinds, or chosen by
        name. (The kinds are a short list kept with the data set; a data set's expected
        institutions are always read through here.)"""
        return Institution.objects.filter(
            Q(kind__in=self.expected_kinds or []) | Q(chosen_data_sets=self), is_active=True
        ).distinct()

    def clean(self) -> None:
        kinds = set(InstitutionKind.values)
        if not isinstance(self.expected_kinds, list) or not set(self.expected_kinds) <= kinds:
            raise ValidationError({"expected_kinds": _("Choose institution kinds from the list.")})


class VersionStatus(models.TextChoices):
    DRAFT = "draft", _("draft")
    PUBLISHED = "published", _("in use")
    RETIRED = "retired", _("replaced")


class DataSetVersion(models.Model):
    """One version of a data set's form. Institutions fill in the version in use; a
    draft is where staff change the form; publishing a draft retires the one in use."""

    data_set = models.ForeignKey(
        DataSet, verbose_name=_("data set"), on_delete=models.CASCADE, related_name="versions"
    )
    number = models.PositiveSmallIntegerField(_("version"))
    status = models.CharField(
        _("status"), max_length=12, choices=VersionStatus.choices, default=VersionStatus.DRAFT
    )
    change_note = models.CharField(_("what changed"), max_length=300, blank=True)
    published_at = models.DateTimeField(_("in use since"), null=True, blank=True)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        ordering = ["data_set", "-number"]
        verbose_name = _("form version")
        verbose_name_plural = _("form versions")
        constraints = [
            models.UniqueConstraint(fields=["data_set", "number"], name="dataset_version_unique"),
            # One version in use and one draft at a time.
            models.UniqueConstraint(
                fields=["data_set"],
                condition=Q(status="published"),
                name="dataset_one_version_in_use",
            ),
            models.UniqueConstraint(
                fields=["data_set"], condition=Q(status="draft"), name="dataset_one_draft"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.data_set} — v{self.number}"

    @property
    def is_frozen(self) -> bool:
        return self.status != VersionStatus.DRAFT


class FieldType(models.TextChoices):
    INTEGER = "integer", _("whole number")
    DECIMAL = "decimal", _("decimal number")
    BOOLEAN = "boolean", _("yes or no")
    CHOICE = "choice", _("choice from a list")
    TEXT = "text", _("text")


NUMERIC_TYPES = frozenset({FieldType.INTEGER, FieldType.DECIMAL})


class DataField(models.Model):
    version = models.ForeignKey(
        DataSetVersion,
        verbose_name=_("form version"),
        on_delete=models.CASCADE,
        related_name="fields",
    )
    order = models.PositiveSmallIntegerField(_("order"), default=0)
    code = models.SlugField(
        _("code"),
        max_length=60,
        help_text=_("A short name in Latin letters, the column of the XLSX template."),
    )
    section = models.CharField(_("section"), max_length=200, blank=True)
    label = models.CharField(_("label"), max_length=300)
    help_text = models.CharField(_("help"), max_length=500, blank=True)
    type = models.CharField(_("type"), max_length=10, choices=FieldType.choices)
    unit = models.CharField(_("unit"), max_length=40, blank=True)
    required = models.BooleanField(_("required"), default=True)
    min_value = models.DecimalField(
        _("at least"), max_digits=14, decimal_places=2, null=True, blank=True
    )
    max_value = models.DecimalField(
        _("at most"), max_digits=14, decimal_places=2, null=True, blank=True
    )
    # For a choice field: the choices, one string each, in order.
    choices = models.JSONField(_("choices"), default=list, blank=True)

    class Meta:
        ordering = ["version", "order", "pk"]
        verbose_name = _("field")
        verbose_name_plural = _("fields")
        constraints = [
            models.UniqueConstraint(fields=["version", "code"], name="datafield_code_unique"),
            models.CheckConstraint(
                condition=Q(min_value__isnull=True)
                | Q(max_value__isnull=True)
                | Q(min_value__lte=models.F("max_value")),
                name="datafield_bounds_ordered",
            ),
        ]

    def __str__(self) -> str:
        return self.label

    @property
    def is_numeric(self) -> bool:
        return self.type in NUMERIC_TYPES

    def clean(self) -> None:
        errors = {}
        if self.type == FieldType.CHOICE:
            if (
                not isinstance(self.choices, list)
                or len([c for c in self.choices if str(c).strip()]) < 2
            ):
                errors["choices"] = _("A choice field needs at least two choices.")
        elif self.choices:
            errors["choices"] = _("Only a choice field has choices.")
        if not self.is_numeric and (self.min_value is not None or self.max_value is not None):
            errors["min_value"] = _("Only a number has bounds.")
        if (
            self.min_value is not None
            and self.max_value is not None
            and self.min_value > self.max_value
        ):
            errors["max_value"] = _("The upper bound is below the lower one.")
        if self.type == FieldType.INTEGER:
            for name in ("min_value", "max_value"):
                value = getattr(self, name)
                if value is not None and value != value.to_integral_value():
                    errors[name] = _("A whole number's bound is a whole number.")
        if errors:
            raise ValidationError(errors)


class RuleKind(models.TextChoices):
    PART_OF = "part_of", _("each part is at most the total («од тога»)")
    SUM_EQUALS = "sum_equals", _("the parts add up to the total")


class DataRule(models.Model):
    """A rule across a form's numeric fields: `total` and its `parts`."""

    version = models.ForeignKey(
        DataSetVersion,
        verbose_name=_("form version"),
        on_delete=models.CASCADE,
        related_name="rules",
    )
    kind = models.CharField(_("rule"), max_length=12, choices=RuleKind.choices)
    total = models.ForeignKey(
        DataField, verbose_name=_("total"), on_delete=models.CASCADE, related_name="+"
    )
    parts = models.ManyToManyField(DataField, verbose_name=_("parts"), related_name="+")
    message = models.CharField(
        _("message"),
        max_length=300,
        blank=True,
        help_text=_(
            "What the person filling in reads when the rule fails; a default is written otherwise."
        ),
    )

    class Meta:
        ordering = ["version", "pk"]
        verbose_name = _("rule")
        verbose_name_plural = _("rules")

    def __str__(self) -> str:
        return f"{self.get_kind_display()}: {self.total}"


class PeriodQuerySet(models.QuerySet):
    def due_by(self, day: dt.date) -> "PeriodQuerySet":
        return self.filter(deadline__lte=day)


class Period(models.Model):
    """One period of a data set: what an institution reports for, by its deadline. The
    periods of a year are made once (`research.periods`), so the completeness grid has a
    column for each whether anyone has reported yet or not. A closed period takes no more
    submissions (its figures are in a report)."""

    data_set = models.ForeignKey(
        DataSet, verbose_name=_("data set"), on_delete=models.CASCADE, related_name="periods"
    )
    start = models.DateField(_("from"))
    end = models.DateField(_("until"))
    deadline = models.DateField(_("deadline"))
    closed_at = models.DateTimeField(_("closed"), null=True, blank=True)
    # The period's collection as an activity of area III (held, dated the period's end,
    # covering the centres whose figures were accepted): what the programme counts.
    activity = models.OneToOneField(
        "core.Activity",
        verbose_name=_("activity"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="data_collection_period",
    )

    objects = PeriodQuerySet.as_manager()

    class Meta:
        ordering = ["data_set", "start"]
        verbose_name = _("period")
        verbose_name_plural = _("periods")
        constraints = [
            models.UniqueConstraint(fields=["data_set", "start"], name="period_unique_start"),
            models.CheckConstraint(condition=Q(end__gte=models.F("start")), name="period_ordered"),
            models.CheckConstraint(
                condition=Q(deadline__gte=models.F("end")), name="period_deadline_after_end"
            ),
        ]
        indexes = [models.Index(fields=["deadline"])]

    def __str__(self) -> str:
        return f"{self.data_set}: {self.label}"

    @property
    def label(self) -> str:
        # Serbian dates: 1–15.1.2026.
        if self.start.month == self.end.month and self.start.year == self.end.year:
            if self.start.day == 1 and (self.end + dt.timedelta(days=1)).day == 1:
                return f"{self.start.month:02d}/{self.start.year}"
            return f"{self.start.day}–{self.end.day}.{self.start.month}.{self.start.year}."
        return f"{self.start:%d.%m.%Y.} – {self.end:%d.%m.%Y.}"

    @property
    def is_closed(self) -> bool:
        return self.closed_at is not None


class SubmissionStatus(models.TextChoices):
    DRAFT = "draft", _("draft")
    SUBMITTED = "submitted", _("submitted")
    RETURNED = "returned", _("returned for correction")
    ACCEPTED = "accepted", _("accepted")


class SubmissionQuerySet(models.QuerySet):
    def of_institution(self, institution_id: int | None) -> "SubmissionQuerySet":
        """An institution's own submissions; no institution, none."""
        if institution_id is None:
            return self.none()
        return self.filter(institution_id=institution_id)

    def accepted(self) -> "SubmissionQuerySet":
        """The submissions whose figures count: accepted at least once (a correction being
        made after acceptance leaves the accepted figures in force until it is accepted)."""
        return self.filter(accepted_version__isnull=False)


class Submission(models.Model):
    period = models.ForeignKey(
        Period, verbose_name=_("period"), on_delete=models.PROTECT, related_name="submissions"
    )
    institution = models.ForeignKey(
        Institution,
        verbose_name=_("institution"),
        on_delete=models.PROTECT,
        related_name="submissions",
    )
    status = models.CharField(
        _("status"), max_length=12, choices=SubmissionStatus.choices, default=SubmissionStatus.DRAFT
    )
    # The version being worked on or last sent, and the latest accepted one (whose figures
    # count in statistics); the same row when nothing has changed since acceptance.
    current_version = models.ForeignKey(
        "SubmissionVersion", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    accepted_version = models.ForeignKey(
        "SubmissionVersion", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    # When it was first sent (timeliness is DHIS2's: the first submission by the deadline).
    first_submitted_at = models.DateTimeField(_("first submitted"), null=True, blank=True)
    updated_at = models.DateTimeField(_("changed"), auto_now=True)

    objects = SubmissionQuerySet.as_manager()

    class Meta:
        ordering = ["period", "institution"]
        verbose_name = _("submission")
        verbose_name_plural = _("submissions")
        constraints = [
            models.UniqueConstraint(
                fields=["period", "institution"], name="submission_one_per_period"
            ),
        ]
        indexes = [models.Index(fields=["institution", "period"])]

    def __str__(self) -> str:
        return f"{self.institution} — {self.period}"

    @property
    def is_late(self) -> bool:
        """Sent after the deadline's day (or not sent, and the deadline is past)."""
        if self.first_submitted_at is None:
            return False
        return self.first_submitted_at.date() > self.period.deadline


class SubmissionVersion(models.Model):
    """One set of figures an institution sent (or is preparing) for a period, read with
    the form version it was made with. Kept for ever: a correction is a new row."""

    submission = models.ForeignKey(
        Submission, verbose_name=_("submission"), on_delete=models.CASCADE, related_name="versions"
    )
    number = models.PositiveSmallIntegerField(_("version"))
    form = models.ForeignKey(
        DataSetVersion, verbose_name=_("form version"), on_delete=models.PROTECT, related_name="+"
    )
    # {field code: value}: int, a decimal as a string, bool, a choice's text, text.
    values = models.JSONField(_("figures"), default=dict, blank=True)
    status = models.CharField(
        _("status"), max_length=12, choices=SubmissionStatus.choices, default=SubmissionStatus.DRAFT
    )
    source = models.CharField(_("sent as"), max_length=10, default="form")  # form | xlsx
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    submitted_at = models.DateTimeField(_("submitted"), null=True, blank=True)
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    reviewed_at = models.DateTimeField(_("reviewed"), null=True, blank=True)
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    review_comment = models.TextField(_("comment"), blank=True)

    class Meta:
        ordering = ["submission", "number"]
        verbose_name = _("submission version")
        verbose_name_plural = _("submission versions")
        constraints = [
            models.UniqueConstraint(
                fields=["submission", "number"], name="submission_version_unique"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.submission} — v{self.number}"


class ReminderStep(models.TextChoices):
    BEFORE = "before", _("the deadline is near")
    AFTER = "after", _("the deadline has passed")
    OVERDUE = "overdue", _("a week late")


class Reminder(models.Model):
    """One reminder e-mailed to an institution for a period and step. The unique row is
    what makes the beat task safe to run twice: a reminder is recorded before it is sent,
    in the same transaction, so a second run finds it and sends nothing."""

    period = models.ForeignKey(
        Period, verbose_name=_("period"), on_delete=models.CASCADE, related_name="reminders"
    )
    institution = models.ForeignKey(
        Institution, verbose_name=_("institution"), on_delete=models.CASCADE, related_name="+"
    )
    step = models.CharField(_("step"), max_length=10, choices=ReminderStep.choices)
    sent_to = models.CharField(_("sent to"), max_length=500, blank=True)
    sent_at = models.DateTimeField(_("sent"), auto_now_add=True)

    class Meta:
        ordering = ["-sent_at"]
        verbose_name = _("reminder")
        verbose_name_plural = _("reminders")
        constraints = [
            models.UniqueConstraint(
                fields=["period", "institution", "step"], name="reminder_once_per_step"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.institution} — {self.period} ({self.get_step_display()})"
