"""Activities: one thing the institute does or takes part in, planned or held, and the
files attached to it."""

import uuid

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from pzss.core.models.directory import Institution, Municipality, StandingGroup
from pzss.lib.validators import RangeValidator, validate_plausible_date

# The most seats an event may have: the largest hall the institute books holds a few
# hundred, so more is a typing mistake.
CAPACITY_MAX = 100_000


class Area(models.IntegerChoices):
    SUPPORT = 1, _("I Expert support")
    TRAINING = 2, _("II Professional training")
    RESEARCH = 3, _("III Research and analysis")
    OUTREACH = 4, _("IV Information, promotion and support")

    @property
    def roman(self) -> str:
        return ["I", "II", "III", "IV"][self.value - 1]


class ActivityKind(models.TextChoices):
    ROUND_TABLE = "round_table", _("Round table")
    WORKING_VISIT = "working_visit", _("Working visit")
    EDUCATION = "education", _("Education without knowledge check")
    ACCREDITED_TRAINING = "accredited_training", _("Accredited training")
    CONFERENCE = "conference", _("Conference")
    DIRECTORS_MEETING = "directors_meeting", _("Directors' meeting")
    WORKING_MEETING = "working_meeting", _("Working meeting")
    FOCUS_GROUP = "focus_group", _("Focus group")
    FORUM = "forum", _("Forum")
    CASE_CONFERENCE = "case_conference", _("Case conference")
    WORKSHOP = "workshop", _("Workshop")
    SUPPORT_REQUEST = "support_request", _("Expert support on request")
    WORKING_GROUP = "working_group", _("Working group")
    STUDENT_PRACTICE = "student_practice", _("Student practice")
    REPORT = "report", _("Report")
    RESEARCH = "research", _("Research")
    PUBLICATION = "publication", _("Publication")
    MEDIA_APPEARANCE = "media_appearance", _("Media appearance")
    INFORMATION_CAMPAIGN = "information_campaign", _("Information campaign")
    OTHER = "other", _("Other")


# The areas a kind of activity belongs to, defined once: read by `Activity.clean()` (so
# every path that writes an activity obeys) and by the activity form (which groups its
# kinds by area). Most belong to one area; a few also to the one the institute's own
# programme plans them in (the 2021 programme has educations and reports in area I,
# research, consultations and publications in area II). Every kind not named here —
# round tables, conferences, workshops, meetings, focus groups, forums, working groups,
# other — fits any area.
AREAS_OF_KIND: dict[str, frozenset[int]] = {
    ActivityKind.WORKING_VISIT: frozenset({Area.SUPPORT}),
    ActivityKind.SUPPORT_REQUEST: frozenset({Area.SUPPORT, Area.TRAINING}),
    ActivityKind.CASE_CONFERENCE: frozenset({Area.SUPPORT}),
    ActivityKind.ACCREDITED_TRAINING: frozenset({Area.TRAINING}),
    ActivityKind.EDUCATION: frozenset({Area.TRAINING, Area.SUPPORT}),
    ActivityKind.STUDENT_PRACTICE: frozenset({Area.TRAINING}),
    ActivityKind.RESEARCH: frozenset({Area.RESEARCH, Area.TRAINING}),
    ActivityKind.REPORT: frozenset({Area.RESEARCH, Area.SUPPORT}),
    ActivityKind.MEDIA_APPEARANCE: frozenset({Area.OUTREACH}),
    ActivityKind.INFORMATION_CAMPAIGN: frozenset({Area.OUTREACH}),
    ActivityKind.PUBLICATION: frozenset({Area.OUTREACH, Area.TRAINING}),
}


def kind_fits_area(kind: str, area: int) -> bool:
    return kind not in AREAS_OF_KIND or area in AREAS_OF_KIND[kind]


class ActivityStatus(models.TextChoices):
    PLANNED = "planned", _("Planned")
    SCHEDULED = "scheduled", _("Scheduled")
    HELD = "held", _("Held")
    CANCELLED = "cancelled", _("Cancelled")


class ActivityQuerySet(models.QuerySet):
    """The domain's words for activities, written once (saleor `OrderQueryset`)."""

    OPEN_STATUSES = (ActivityStatus.PLANNED, ActivityStatus.SCHEDULED)

    def open(self) -> "ActivityQuerySet":
        """Not yet held and not cancelled: people can still be expected at it."""
        return self.filter(status__in=self.OPEN_STATUSES)

    def public(self) -> "ActivityQuerySet":
        return self.filter(is_public=True)

    def upcoming(self, today=None) -> "ActivityQuerySet":
        return self.open().filter(start_date__gte=today or timezone.localdate())


class Activity(models.Model):
    area = models.PositiveSmallIntegerField(_("area"), choices=Area.choices)
    kind = models.CharField(_("kind"), max_length=32, choices=ActivityKind.choices)
    title = models.CharField(_("title"), max_length=300)
    description = models.TextField(_("description"), blank=True)
    start_date = models.DateField(_("start date"), validators=[validate_plausible_date])
    end_date = models.DateField(
        _("end date"), null=True, blank=True, validators=[validate_plausible_date]
    )
    start_time = models.TimeField(_("start time"), null=True, blank=True)
    place = models.CharField(_("place"), max_length=255, blank=True)
    online = models.BooleanField(_("online"), default=False)
    municipality = models.ForeignKey(
        Municipality,
        verbose_name=_("municipality"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
    )
    status = models.CharField(
        _("status"), max_length=16, choices=ActivityStatus.choices, default=ActivityStatus.PLANNED
    )
    responsible = models.ManyToManyField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("responsible staff"),
        blank=True,
        related_name="responsible_activities",
    )
    institutions = models.ManyToManyField(
        Institution, verbose_name=_("institutions covered"), blank=True, related_name="activities"
    )
    standing_group = models.ForeignKey(
        StandingGroup,
        verbose_name=_("standing group"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="activities",
    )
    is_public = models.BooleanField(
        _("show on the public site"),
        default=False,
        help_text=_("Public events are listed on the portal's event pages."),
    )
    capacity = models.PositiveIntegerField(
        _("seats"), null=True, blank=True, validators=[RangeValidator(0, CAPACITY_MAX)]
    )
    hours = models.DecimalField(
        _("hours"),
        max_digits=5,
        decimal_places=1,
        null=True,
        blank=True,
        validators=[RangeValidator(0, 1000)],
    )
    outcome = models.TextField(_("outcome notes"), blank=True)
    cancel_reason = models.TextField(_("reason for cancellation"), blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("created by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,  # imported activities and deleted accounts leave it empty
        related_name="+",
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    objects = ActivityQuerySet.as_manager()

    class Meta:
        ordering = ["-start_date", "-id"]
        verbose_name = _("activity")
        verbose_name_plural = _("activities")
        constraints = [
            models.CheckConstraint(
                condition=Q(end_date__isnull=True) | Q(end_date__gte=models.F("start_date")),
                name="activity_end_after_start",
            ),
            models.CheckConstraint(
                condition=Q(capacity__isnull=True) | Q(capacity__gte=0),
                name="activity_capacity_not_negative",
            ),
            models.CheckConstraint(condition=Q(area__in=[1, 2, 3, 4]), name="activity_area_valid"),
        ]
        indexes = [
            models.Index(fields=["start_date"]),
            models.Index(fields=["area", "start_date"]),
            models.Index(fields=["status", "start_date"]),
            models.Index(fields=["kind", "start_date"]),
        ]

    def __str__(self) -> str:
        return self.title

    def clean(self) -> None:
        if self.end_date and self.start_date and self.end_date < self.start_date:
            raise ValidationError({"end_date": _("The end date cannot be before the start date.")})
        if self.kind and self.area and not kind_fits_area(self.kind, self.area):
            raise ValidationError(
                {
                    "kind": _(
                        "“%(kind)s” is not an activity of this area; it belongs to %(areas)s."
                    )
                    % {
                        "kind": ActivityKind(self.kind).label,
                        "areas": ", ".join(
                            str(Area(a).label) for a in sorted(AREAS_OF_KIND[self.kind])
                        ),
                    }
                }
            )
        if self.status == ActivityStatus.CANCELLED and not self.cancel_reason.strip():
            raise ValidationError({"cancel_reason": _("Say why the activity is cancelled.")})

    @property
    def last_date(self):
        return self.end_date or self.start_date

    @property
    def area_roman(self) -> str:
        return Area(self.area).roman

    @property
    def is_open_for_changes(self) -> bool:
        return self.status != ActivityStatus.CANCELLED

    @property
    def is_open(self) -> bool:
        return self.status in ActivityQuerySet.OPEN_STATUSES

    @property
    def is_over(self) -> bool:
        return self.last_date < timezone.localdate()


def attachment_path(instance: "ActivityFile", filename: str) -> str:
    # The stored name never comes from the user: it cannot collide or traverse.
    ext = filename.rsplit(".", 1)[-1].lower() if "." in filename else "bin"
    return f"activities/{instance.activity_id}/{uuid.uuid4().hex}.{ext}"


class ActivityFile(models.Model):
    activity = models.ForeignKey(
        Activity, verbose_name=_("activity"), on_delete=models.CASCADE, related_name="files"
    )
    file = models.FileField(_("file"), upload_to=attachment_path)
    original_name = models.CharField(_("file name"), max_length=255)
    content_type = models.CharField(_("type"), max_length=100)
    size = models.PositiveIntegerField(_("size"))
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    uploaded_at = models.DateTimeField(_("uploaded"), auto_now_add=True)

    class Meta:
        ordering = ["uploaded_at"]
        verbose_name = _("attached file")
        verbose_name_plural = _("attached files")

    def __str__(self) -> str:
        return self.original_name


# What staff edit on the activity form, and what they log when it was held: one list each,
# read by the forms (`pzss.core.forms`) and the services (`pzss.core.services.activities`).
# The many-to-many fields (institutions, responsible staff) are set beside them.
ACTIVITY_EDITABLE_FIELDS = [
    "area",
    "kind",
    "title",
    "description",
    "start_date",
    "end_date",
    "start_time",
    "place",
    "online",
    "municipality",
    "standing_group",
    "is_public",
    "capacity",
    "hours",
]
ACTIVITY_HELD_FIELDS = [
    "start_date",
    "end_date",
    "start_time",
    "place",
    "online",
    "municipality",
    "outcome",
    "hours",
]
