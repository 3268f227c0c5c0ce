"""The shared core: the directory of institutions and people, activities, registrations,
rendered documents and the audit trail. `core` depends on no other app of the portal."""

import secrets
import uuid

from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.db.models.functions import Lower
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy


class Area(models.IntegerChoices):
    SUPPORT = 1, _("I Expert support")
    TRAINING = 2, _("II Professional training")
    RESEARCH = 3, _("III Research and analysis")
    OUTREACH = 4, _("IV Information, promotion and support")

    @property
    def roman(self) -> str:
        return ["I", "II", "III", "IV"][self.value - 1]


class District(models.Model):
    name = models.CharField(_("name"), max_length=100, unique=True)
    seat = models.CharField(_("seat"), max_length=100, blank=True)
    order = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        ordering = ["order", "name"]
        verbose_name = _("district")
        verbose_name_plural = _("districts")

    def __str__(self) -> str:
        return self.name


class Municipality(models.Model):
    district = models.ForeignKey(
        District,
        verbose_name=_("district"),
        on_delete=models.PROTECT,
        related_name="municipalities",
    )
    name = models.CharField(_("name"), max_length=100, unique=True)
    is_city = models.BooleanField(_("city"), default=False)

    class Meta:
        ordering = ["name"]
        verbose_name = _("municipality")
        verbose_name_plural = _("municipalities")

    def __str__(self) -> str:
        return self.name


class InstitutionKind(models.TextChoices):
    CSW = "csw", _("Centre for social work")
    FOSTER_CENTRE = "foster", _("Centre for foster care and adoption")
    CHILDREN_HOME = "children_home", _("Home for children and youth")
    ADULT_HOME = "adult_home", _("Residential institution for adults and the elderly")
    PRIVATE_HOME = "private_home", _("Private home for adults and the elderly")
    LOCAL_PROVIDER = "local_provider", _("Local social service provider")
    SECRETARIAT = "secretariat", _("Provincial secretariat")
    MINISTRY = "ministry", _("Ministry")
    REPUBLIC_INSTITUTE = "republic_institute", _("Republic institute")
    FACULTY = "faculty", _("Faculty")
    PARTNER = "partner", _("Partner organisation")
    CHAMBER = "chamber", _("Chamber")
    LOCAL_GOVERNMENT = "local_government", _("Local government")
    OTHER = "other", _("Other")


class Institution(models.Model):
    name = models.CharField(_("name"), max_length=255, unique=True)
    short_name = models.CharField(_("short name"), max_length=100, blank=True)
    kind = models.CharField(_("kind"), max_length=32, choices=InstitutionKind.choices)
    municipality = models.ForeignKey(
        Municipality,
        verbose_name=_("municipality"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="institutions",
    )
    address = models.CharField(_("address"), max_length=255, blank=True)
    email = models.EmailField(_("e-mail"), blank=True)
    phone = models.CharField(_("phone"), max_length=100, blank=True)
    website = models.CharField(_("website"), max_length=200, blank=True)
    is_active = models.BooleanField(_("active"), default=True)

    class Meta:
        ordering = ["name"]
        verbose_name = _("institution")
        verbose_name_plural = _("institutions")
        indexes = [models.Index(fields=["kind", "name"])]

    def __str__(self) -> str:
        return self.name


class Position(models.TextChoices):
    SUPERVISOR = "supervisor", _("Supervisor")
    CASE_MANAGER = "case_manager", _("Case manager")
    LAWYER = "lawyer", _("Lawyer")
    DIRECTOR = "director", _("Director")
    MANAGER = "manager", _("Head of service")
    PSYCHOLOGIST = "psychologist", _("Psychologist")
    SOCIAL_WORKER = "social_worker", _("Social worker")
    PEDAGOGUE = "pedagogue", _("Pedagogue")
    SECRETARY = "secretary", _("Secretary")
    STUDENT = "student", _("Student")
    OTHER = "other", _("Other")


class Person(models.Model):
    first_name = models.CharField(_("first name"), max_length=100)
    last_name = models.CharField(_("last name"), max_length=100)
    email = models.EmailField(_("e-mail"), blank=True)
    phone = models.CharField(_("phone"), max_length=50, blank=True)
    institution = models.ForeignKey(
        Institution,
        verbose_name=_("institution"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="people",
    )
    position = models.CharField(_("position"), max_length=32, choices=Position.choices, blank=True)
    licence_number = models.CharField(_("licence number"), max_length=50, blank=True)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        ordering = ["last_name", "first_name"]
        verbose_name = _("person")
        verbose_name_plural = _("people")
        constraints = [
            # One person per e-mail address, case-insensitively; people without one are many.
            models.UniqueConstraint(
                Lower("email"), condition=~Q(email=""), name="person_unique_email"
            ),
        ]
        indexes = [models.Index(fields=["last_name", "first_name"])]

    def __str__(self) -> str:
        return self.full_name

    @property
    def full_name(self) -> str:
        return f"{self.first_name} {self.last_name}".strip()


class StandingGroup(models.Model):
    class Kind(models.TextChoices):
        SUPERVISORS = "supervisors", _("Supervisors")
        LAWYERS = "lawyers", _("Lawyers")
        OTHER = "other", _("Other")

    name = models.CharField(_("name"), max_length=200, unique=True)
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    number = models.PositiveSmallIntegerField(_("number"), null=True, blank=True)
    description = models.TextField(_("description"), blank=True)
    institutions = models.ManyToManyField(
        Institution,
        verbose_name=_("member institutions"),
        blank=True,
        related_name="standing_groups",
    )
    members = models.ManyToManyField(
        Person, verbose_name=_("members"), blank=True, related_name="standing_groups"
    )

    class Meta:
        ordering = ["kind", "number", "name"]
        verbose_name = _("standing group")
        verbose_name_plural = _("standing groups")

    def __str__(self) -> str:
        return self.name


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
    OTHER = "other", _("Other")


class ActivityStatus(models.TextChoices):
    PLANNED = "planned", _("Planned")
    SCHEDULED = "scheduled", _("Scheduled")
    HELD = "held", _("Held")
    CANCELLED = "cancelled", _("Cancelled")


class Activity(models.Model):
    area = models.PositiveSmallIntegerField(_("area"), choices=Area.choices)
    kind = models.CharField(_("kind"), max_length=32, choices=ActivityKind.choices)
    title = models.CharField(_("title"), max_length=300)
    description = models.TextField(_("description"), blank=True)
    start_date = models.DateField(_("start date"))
    end_date = models.DateField(_("end date"), null=True, blank=True)
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
    capacity = models.PositiveIntegerField(_("seats"), null=True, blank=True)
    hours = models.DecimalField(_("hours"), max_digits=5, decimal_places=1, null=True, blank=True)
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


class RegistrationStatus(models.TextChoices):
    CONFIRMED = "confirmed", _("Confirmed")
    PENDING = "pending", _("Awaiting approval")
    WAITLISTED = "waitlisted", _("Waiting list")
    CANCELLED = "cancelled", _("Cancelled")
    REJECTED = "rejected", _("Rejected")
    ATTENDED = "attended", _("Attended")
    ABSENT = "absent", _("Absent")


def new_token() -> str:
    return secrets.token_urlsafe(24)


class Registration(models.Model):
    activity = models.ForeignKey(
        Activity, verbose_name=_("activity"), on_delete=models.CASCADE, related_name="registrations"
    )
    person = models.ForeignKey(
        Person, verbose_name=_("person"), on_delete=models.CASCADE, related_name="registrations"
    )
    status = models.CharField(
        _("status"),
        max_length=16,
        choices=RegistrationStatus.choices,
        default=RegistrationStatus.CONFIRMED,
    )
    # Denormalised at sign-up: what the person said of themselves that day.
    institution = models.ForeignKey(
        Institution,
        verbose_name=_("institution"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="registrations",
    )
    position = models.CharField(_("position"), max_length=32, choices=Position.choices, blank=True)
    answers = models.JSONField(_("answers"), default=dict, blank=True)
    language = models.CharField(_("language"), max_length=10, default="sr")
    token = models.CharField(max_length=64, unique=True, default=new_token, editable=False)
    source = models.CharField(
        _("source"),
        max_length=16,
        choices=[
            ("public", _("Public sign-up")),
            ("staff", _("Added by staff")),
            ("import", _("Imported")),
        ],
        default="staff",
    )
    note = models.TextField(_("note"), blank=True)
    created_at = models.DateTimeField(_("signed up"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        ordering = ["created_at", "id"]
        verbose_name = _("registration")
        verbose_name_plural = _("registrations")
        constraints = [
            models.UniqueConstraint(
                fields=["activity", "person"], name="registration_unique_person"
            ),
        ]
        indexes = [models.Index(fields=["activity", "status", "created_at"])]

    def __str__(self) -> str:
        return f"{self.person} — {self.activity}"


class DocumentStatus(models.TextChoices):
    QUEUED = "queued", pgettext_lazy("document", "Queued")
    RENDERING = "rendering", _("Rendering")
    READY = "ready", _("Ready")
    FAILED = "failed", _("Failed")


def document_path(instance: "Document", filename: str) -> str:
    return f"documents/{instance.kind}/{uuid.uuid4().hex}.pdf"


class Document(models.Model):
    """A PDF rendered in the background from an object of any app (programme, report,
    certificate, …). The input checksum lets the same content be rendered only once."""

    kind = models.CharField(_("kind"), max_length=40)
    content_type = models.ForeignKey(ContentType, on_delete=models.CASCADE)
    object_id = models.PositiveBigIntegerField()
    subject = GenericForeignKey("content_type", "object_id")
    language = models.CharField(_("language"), max_length=10, default="sr")
    title = models.CharField(_("title"), max_length=300, blank=True)
    status = models.CharField(
        _("status"), max_length=16, choices=DocumentStatus.choices, default=DocumentStatus.QUEUED
    )
    checksum = models.CharField(_("input checksum"), max_length=64)
    file = models.FileField(_("file"), upload_to=document_path, blank=True)
    pages = models.PositiveIntegerField(_("pages"), null=True, blank=True)
    size = models.PositiveIntegerField(_("size"), null=True, blank=True)
    error = models.TextField(_("error"), blank=True)
    attempts = models.PositiveSmallIntegerField(_("attempts"), default=0)
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(_("queued at"), auto_now_add=True)
    started_at = models.DateTimeField(_("started at"), null=True, blank=True)
    finished_at = models.DateTimeField(_("finished at"), null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("document")
        verbose_name_plural = _("documents")
        constraints = [
            # The same input in the same language is one document.
            models.UniqueConstraint(
                fields=["kind", "content_type", "object_id", "language", "checksum"],
                name="document_unique_input",
            ),
        ]
        indexes = [models.Index(fields=["content_type", "object_id", "kind"])]

    def __str__(self) -> str:
        return self.title or f"{self.kind} #{self.pk}"

    @property
    def duration(self):
        if self.started_at and self.finished_at:
            return self.finished_at - self.started_at
        return None


class AuditEntry(models.Model):
    """Who changed what, when, and which fields from what to what."""

    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    action = models.CharField(_("action"), max_length=60)
    content_type = models.ForeignKey(ContentType, on_delete=models.CASCADE)
    object_id = models.PositiveBigIntegerField()
    subject = GenericForeignKey("content_type", "object_id")
    object_repr = models.CharField(_("object"), max_length=300)
    changes = models.JSONField(_("changes"), default=dict, blank=True)
    comment = models.TextField(_("comment"), blank=True)
    created_at = models.DateTimeField(_("when"), auto_now_add=True, db_index=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("audit entry")
        verbose_name_plural = _("audit trail")
        indexes = [models.Index(fields=["content_type", "object_id", "-created_at"])]

    def __str__(self) -> str:
        return f"{self.action}: {self.object_repr}"


from pzss.core.signup_models import *  # noqa: E402, F401, F403
