"""Student practice (programme 2021, II 4): the agreement with a faculty for a year (how
many students it sends and how many hours each works), its students — each a person of
the faculty with a mentor on the institute's staff —, and each student's hours log,
which the mentor confirms."""

import uuid
from decimal import Decimal

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q, Sum
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from pzss.core.models import Activity, Institution, InstitutionKind, Person
from pzss.lib.validators import RangeValidator, validate_plausible_date

# What the 2021 programme (II 4) agrees with the Faculty of Philosophy each year.
DEFAULT_MAX_STUDENTS = 10
DEFAULT_HOURS_PER_STUDENT = Decimal(90)
# A working day: more than this in one day is a typing mistake, not practice.
MAX_HOURS_PER_DAY = Decimal(8)
HOURS_STEP = Decimal("0.5")


def agreement_file_path(instance: "PracticeAgreement", filename: str) -> str:
    ext = filename.rsplit(".", 1)[-1].lower() if "." in filename else "bin"
    return f"training/practice/{instance.year}/{uuid.uuid4().hex}.{ext}"


class PracticeAgreement(models.Model):
    faculty = models.ForeignKey(
        Institution,
        verbose_name=_("faculty"),
        on_delete=models.PROTECT,
        related_name="practice_agreements",
        limit_choices_to={"kind": InstitutionKind.FACULTY},
    )
    year = models.PositiveSmallIntegerField(_("year"), validators=[RangeValidator(2000, 2100)])
    max_students = models.PositiveSmallIntegerField(
        _("students at most"),
        default=DEFAULT_MAX_STUDENTS,
        validators=[RangeValidator(1, 100)],
    )
    hours_per_student = models.DecimalField(
        _("hours per student"),
        max_digits=5,
        decimal_places=1,
        default=DEFAULT_HOURS_PER_STUDENT,
        validators=[RangeValidator(1, 500)],
    )
    study_programme = models.CharField(
        _("study programme and year"),
        max_length=200,
        blank=True,
        help_text=_("E.g. social work, second year."),
    )
    signed_on = models.DateField(
        _("signed on"), null=True, blank=True, validators=[validate_plausible_date]
    )
    file = models.FileField(_("the agreement"), upload_to=agreement_file_path, blank=True)
    file_name = models.CharField(max_length=255, blank=True)
    file_content_type = models.CharField(max_length=100, blank=True)
    coordinator = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("coordinator"),
        on_delete=models.PROTECT,
        related_name="practice_agreements",
        help_text=_("Who looks after the practice at the institute."),
    )
    notes = models.TextField(_("notes"), blank=True)
    # The held area II activity the completed practice counts as (made with the first
    # student who completes it).
    activity = models.OneToOneField(
        Activity,
        verbose_name=_("activity"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="practice_agreement",
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        ordering = ["-year", "faculty__name"]
        verbose_name = _("practice agreement")
        verbose_name_plural = _("practice agreements")
        constraints = [
            models.UniqueConstraint(
                fields=["faculty", "year"], name="training_practice_one_agreement_a_year"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.faculty.short_name or self.faculty.name}, {self.year}."

    def get_absolute_url(self) -> str:
        return reverse("training:practice_agreement", kwargs={"pk": self.pk})

    def clean(self) -> None:
        if self.faculty_id and self.faculty.kind != InstitutionKind.FACULTY:
            raise ValidationError({"faculty": _("The practice is agreed with a faculty.")})
        if self.signed_on and self.year and self.signed_on.year > self.year:
            message = _("An agreement for %(year)s is signed by then.") % {"year": self.year}
            raise ValidationError({"signed_on": message})


class PracticeStatus(models.TextChoices):
    ACTIVE = "active", _("In practice")
    COMPLETED = "completed", _("Completed")
    WITHDRAWN = "withdrawn", _("Withdrawn")


class PracticeStudentQuerySet(models.QuerySet):
    def holding_a_place(self) -> "PracticeStudentQuerySet":
        """The students the agreement's places are counted by: a withdrawn one frees it."""
        return self.exclude(status=PracticeStatus.WITHDRAWN)

    def with_hours(self) -> "PracticeStudentQuerySet":
        """Each student's confirmed and unconfirmed hours, added up in the database."""
        return self.annotate(
            confirmed_hours=Sum("hours__hours", filter=Q(hours__confirmed_at__isnull=False)),
            unconfirmed_hours=Sum("hours__hours", filter=Q(hours__confirmed_at__isnull=True)),
        )


class PracticeStudent(models.Model):
    agreement = models.ForeignKey(
        PracticeAgreement,
        verbose_name=_("agreement"),
        on_delete=models.PROTECT,
        related_name="students",
    )
    person = models.ForeignKey(
        Person,
        verbose_name=_("student"),
        on_delete=models.PROTECT,
        related_name="practice_placements",
    )
    mentor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("mentor"),
        on_delete=models.PROTECT,
        related_name="practice_students",
    )
    start_date = models.DateField(_("start date"), validators=[validate_plausible_date])
    status = models.CharField(
        _("status"), max_length=16, choices=PracticeStatus.choices, default=PracticeStatus.ACTIVE
    )
    completed_at = models.DateTimeField(_("completed"), null=True, blank=True)
    withdrawn_reason = models.TextField(_("reason for withdrawal"), blank=True)
    certificate_number = models.CharField(_("certificate number"), max_length=40, blank=True)
    certificate_issued_at = models.DateTimeField(_("certificate issued"), null=True, blank=True)
    certificate_issued_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("certificate issued by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    objects = PracticeStudentQuerySet.as_manager()

    class Meta:
        ordering = ["person__last_name", "person__first_name", "id"]
        verbose_name = _("practice student")
        verbose_name_plural = _("practice students")
        constraints = [
            models.UniqueConstraint(
                fields=["agreement", "person"], name="training_practice_student_once"
            ),
        ]

    def __str__(self) -> str:
        return self.person.full_name

    def get_absolute_url(self) -> str:
        return reverse("training:practice_student", kwargs={"pk": self.pk})


class HoursEntry(models.Model):
    student = models.ForeignKey(
        PracticeStudent,
        verbose_name=_("student"),
        on_delete=models.CASCADE,
        related_name="hours",
    )
    date = models.DateField(_("date"), validators=[validate_plausible_date])
    hours = models.DecimalField(
        _("hours"),
        max_digits=3,
        decimal_places=1,
        validators=[RangeValidator(HOURS_STEP, MAX_HOURS_PER_DAY)],
    )
    description = models.TextField(_("what the student did"))
    entered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("entered by"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    entered_at = models.DateTimeField(_("entered"), auto_now_add=True)
    confirmed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("confirmed by"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    confirmed_at = models.DateTimeField(_("confirmed"), null=True, blank=True)

    class Meta:
        ordering = ["date", "id"]
        verbose_name = _("hours entry")
        verbose_name_plural = _("hours entries")
        indexes = [models.Index(fields=["student", "date"])]
        constraints = [
            models.CheckConstraint(
                condition=Q(hours__gte=HOURS_STEP) & Q(hours__lte=MAX_HOURS_PER_DAY),
                name="training_hours_entry_hours_in_a_day",
            ),
            models.CheckConstraint(
                condition=Q(confirmed_at__isnull=True) | Q(confirmed_by__isnull=False),
                name="training_hours_entry_confirmed_by_someone",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.student} — {self.date:%d.%m.%Y.} — {self.hours}"

    @property
    def is_confirmed(self) -> bool:
        return self.confirmed_at is not None

    def clean(self) -> None:
        if self.hours is not None and self.hours % HOURS_STEP:
            raise ValidationError({"hours": _("Hours are entered in half hours (1, 1.5, 2 …).")})
