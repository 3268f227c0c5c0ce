"""Sign-up for events: who may register for an activity and until when, the event's own
questions, attendance per day and certificates of attendance. A registration itself (a
person on an activity, with its place on the waiting list) is the core's `Registration`.

The tables were made by the core (`core_eventsignup`, …) and kept their names when the
models moved here (`db_table`), so no row moved.

Seats: an activity's seats are `Activity.capacity` — one number that the activity pages
already show and edit; the sign-up options add when and who, never a second seat count.
"""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from pzss.core.models import Activity, InstitutionKind, Registration, StandingGroup
from pzss.lib.validators import RangeValidator, validate_plausible_date


class Admission(models.TextChoices):
    ANYONE = "anyone", _("Anyone")
    GROUPS = "groups", _("Members of the chosen standing groups")
    INSTITUTION_KINDS = "institution_kinds", _("Staff of the chosen kinds of institution")


class EventSignup(models.Model):
    """An activity opened for public sign-up (пријава за догађај)."""

    activity = models.OneToOneField(
        Activity, verbose_name=_("activity"), on_delete=models.CASCADE, related_name="signup"
    )
    is_open = models.BooleanField(
        _("open for sign-up"),
        default=True,
        help_text=_("Untick to stop sign-ups at once, whatever the dates say."),
    )
    opens_at = models.DateTimeField(
        _("sign-up opens"), null=True, blank=True, validators=[validate_plausible_date]
    )
    closes_at = models.DateTimeField(
        _("sign-up closes"), null=True, blank=True, validators=[validate_plausible_date]
    )
    admission = models.CharField(
        _("who may sign up"), max_length=20, choices=Admission.choices, default=Admission.ANYONE
    )
    admitted_groups = models.ManyToManyField(
        StandingGroup, verbose_name=_("admitted standing groups"), blank=True, related_name="+"
    )
    admitted_institution_kinds = models.JSONField(
        _("admitted kinds of institution"), default=list, blank=True
    )
    per_institution_limit = models.PositiveSmallIntegerField(
        _("seats per institution"),
        null=True,
        blank=True,
        validators=[RangeValidator(1, 1000)],
        help_text=_("Leave empty for no limit. Sign-ups above it go to the waiting list."),
    )
    needs_approval = models.BooleanField(
        _("sign-ups need staff approval"),
        default=False,
        help_text=_("A sign-up holds a seat while it waits for a decision."),
    )
    accreditation_number = models.CharField(_("accreditation number"), max_length=100, blank=True)
    licence_points = models.DecimalField(
        _("points toward the licence"),
        max_digits=5,
        decimal_places=1,
        null=True,
        blank=True,
        validators=[RangeValidator(0, 100)],
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        db_table = "core_eventsignup"
        verbose_name = _("event sign-up")
        verbose_name_plural = _("event sign-ups")
        constraints = [
            models.CheckConstraint(
                condition=Q(opens_at__isnull=True)
                | Q(closes_at__isnull=True)
                | Q(closes_at__gt=models.F("opens_at")),
                name="eventsignup_closes_after_opens",
            ),
        ]

    def __str__(self) -> str:
        return str(self.activity)

    def clean(self) -> None:
        if self.opens_at and self.closes_at and self.closes_at <= self.opens_at:
            raise ValidationError({"closes_at": _("Sign-up must close after it opens.")})
        valid = set(InstitutionKind.values)
        if any(k not in valid for k in self.admitted_institution_kinds or []):
            raise ValidationError({"admitted_institution_kinds": _("Unknown kind of institution.")})
        if self.admission == Admission.INSTITUTION_KINDS and not self.admitted_institution_kinds:
            raise ValidationError(
                {"admitted_institution_kinds": _("Choose at least one kind of institution.")}
            )

    def window_open(self, now=None) -> bool:
        now = now or timezone.now()
        if not self.is_open:
            return False
        if self.opens_at and now < self.opens_at:
            return False
        return not (self.closes_at and now >= self.closes_at)


# The sign-up options staff set on the event's settings page: the one list, read by the
# form (`SignupOptionsForm.options()`), the page's initial values and `signup_configure`.
SIGNUP_OPTION_FIELDS = [
    "is_open",
    "opens_at",
    "closes_at",
    "admission",
    "admitted_institution_kinds",
    "per_institution_limit",
    "needs_approval",
    "accreditation_number",
    "licence_points",
]


class QuestionKind(models.TextChoices):
    TEXT = "text", _("Text")
    CHOICE = "choice", _("Choice")
    YESNO = "yesno", _("Yes or no")


class SignupQuestion(models.Model):
    """An event's own question on its sign-up form."""

    activity = models.ForeignKey(
        Activity, verbose_name=_("activity"), on_delete=models.CASCADE, related_name="questions"
    )
    label = models.CharField(_("question"), max_length=300)
    kind = models.CharField(
        _("kind of answer"), max_length=10, choices=QuestionKind.choices, default=QuestionKind.TEXT
    )
    choices = models.JSONField(_("choices"), default=list, blank=True)
    required = models.BooleanField(_("required"), default=False)
    order = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        db_table = "core_signupquestion"
        ordering = ["order", "id"]
        verbose_name = _("sign-up question")
        verbose_name_plural = _("sign-up questions")

    def __str__(self) -> str:
        return self.label

    def clean(self) -> None:
        if self.kind == QuestionKind.CHOICE and len([c for c in self.choices if c]) < 2:
            raise ValidationError({"choices": _("A choice question needs at least two choices.")})

    @property
    def field_name(self) -> str:
        return f"q_{self.pk}"


class Attendance(models.Model):
    """Present or absent on one day of an event (events may last several days)."""

    registration = models.ForeignKey(
        Registration,
        verbose_name=_("registration"),
        on_delete=models.CASCADE,
        related_name="attendance",
    )
    day = models.DateField(_("day"))
    present = models.BooleanField(_("present"))
    marked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    marked_at = models.DateTimeField(_("marked at"), auto_now=True)

    class Meta:
        db_table = "core_attendance"
        ordering = ["day"]
        verbose_name = _("attendance")
        verbose_name_plural = _("attendance")
        constraints = [
            models.UniqueConstraint(fields=["registration", "day"], name="attendance_one_per_day")
        ]

    def __str__(self) -> str:
        return f"{self.registration_id} {self.day}: {self.present}"


class Certificate(models.Model):
    """A certificate of attendance (потврда о похађању). What it states is copied at issue,
    so the public verification page shows exactly what the paper shows, even after the
    registration is anonymised."""

    registration = models.OneToOneField(
        Registration,
        verbose_name=_("registration"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="certificate",
    )
    activity = models.ForeignKey(
        Activity, verbose_name=_("activity"), on_delete=models.PROTECT, related_name="certificates"
    )
    number = models.CharField(_("number"), max_length=40, unique=True)
    code = models.CharField(_("verification code"), max_length=20, unique=True)
    person_name = models.CharField(_("name"), max_length=220)
    institution_name = models.CharField(_("institution"), max_length=255, blank=True)
    activity_title = models.CharField(_("event"), max_length=300)
    activity_kind = models.CharField(_("kind"), max_length=32)
    start_date = models.DateField(_("start date"))
    end_date = models.DateField(_("end date"), null=True, blank=True)
    place = models.CharField(_("place"), max_length=255, blank=True)
    hours = models.DecimalField(_("hours"), max_digits=5, decimal_places=1, null=True, blank=True)
    accreditation_number = models.CharField(_("accreditation number"), max_length=100, blank=True)
    licence_points = models.DecimalField(
        _("points toward the licence"), max_digits=5, decimal_places=1, null=True, blank=True
    )
    # When attendance earned fewer points than the programme gives (days missed), the
    # certificate says so: written at issue, in the certificate's language.
    points_note = models.CharField(_("note on the points"), max_length=300, blank=True)
    issued_at = models.DateTimeField(_("issued"), default=timezone.now)
    emailed_at = models.DateTimeField(_("sent by e-mail"), null=True, blank=True)
    revoked_at = models.DateTimeField(_("revoked"), null=True, blank=True)
    revoked_reason = models.TextField(_("reason for revoking"), blank=True)

    class Meta:
        db_table = "core_certificate"
        ordering = ["number"]
        verbose_name = _("certificate of attendance")
        verbose_name_plural = _("certificates of attendance")

    def __str__(self) -> str:
        return self.number
