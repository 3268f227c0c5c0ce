"""Support on written request (programme 2021, I): a centre or an institution asks for
expert help — from the public form or by a letter that staff register — and the adviser
answers it within a deadline, in a thread the requester follows through a signed link.
A request counts towards the programme by the activity that answered it."""

import datetime as dt

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from pzss.core.models import Activity, Institution

SOON_DUE_DAYS = 3


class RequestChannel(models.TextChoices):
    PUBLIC_FORM = "form", _("Public form")
    LETTER = "letter", _("Letter")
    EMAIL = "email", _("E-mail")
    PHONE = "phone", _("Phone")


class HelpKind(models.TextChoices):
    CASE = "case", _("Expert support in an individual case")
    AREA = "area", _("Support in an area of work")
    SUPERVISION = "supervision", _("Supervision")
    LEGAL = "legal", _("Legal question")
    OTHER = "other", pgettext_lazy("kind of help", "Other")


# Days from the request's date to its default deadline, per kind of help.
DEFAULT_DEADLINE_DAYS: dict[str, int] = {
    HelpKind.CASE: 15,
    HelpKind.AREA: 30,
    HelpKind.SUPERVISION: 30,
    HelpKind.LEGAL: 15,
    HelpKind.OTHER: 30,
}


def default_deadline(kind: str, received: dt.date) -> dt.date:
    return received + dt.timedelta(days=DEFAULT_DEADLINE_DAYS.get(kind, 30))


class RequestStatus(models.TextChoices):
    RECEIVED = "received", _("Received")
    IN_PROGRESS = "in_progress", _("In progress")
    WAITING = "waiting", _("Waiting for the institution")
    ANSWERED = "answered", _("Answered")
    CLOSED = "closed", pgettext_lazy("a request", "Closed")


OPEN_STATUSES = (RequestStatus.RECEIVED, RequestStatus.IN_PROGRESS, RequestStatus.WAITING)


class SupportRequestQuerySet(models.QuerySet):
    def open(self):
        return self.filter(status__in=OPEN_STATUSES)

    def overdue(self, today: dt.date | None = None):
        today = today or timezone.localdate()
        return self.open().filter(deadline__lt=today)

    def soon_due(self, today: dt.date | None = None):
        today = today or timezone.localdate()
        return self.open().filter(
            deadline__gte=today, deadline__lte=today + dt.timedelta(days=SOON_DUE_DAYS)
        )


class SupportRequest(models.Model):
    number = models.CharField(_("reference number"), max_length=20, unique=True)
    institution = models.ForeignKey(
        Institution,
        verbose_name=_("institution"),
        on_delete=models.PROTECT,
        related_name="support_requests",
    )
    requester_name = models.CharField(_("requester's name"), max_length=200)
    requester_email = models.EmailField(_("requester's e-mail"), blank=True)
    requester_phone = models.CharField(_("requester's phone"), max_length=100, blank=True)
    channel = models.CharField(
        _("channel"),
        max_length=8,
        choices=RequestChannel.choices,
        default=RequestChannel.PUBLIC_FORM,
    )
    letter_number = models.CharField(_("letter's number"), max_length=100, blank=True)
    letter_date = models.DateField(_("letter's date"), null=True, blank=True)
    letter_scan = models.FileField(_("scanned letter"), upload_to="support/letters/%Y/", blank=True)
    subject = models.CharField(_("subject"), max_length=300)
    description = models.TextField(_("description"))
    kind = models.CharField(_("kind of help"), max_length=16, choices=HelpKind.choices)
    deadline = models.DateField(_("deadline"))
    adviser = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("responsible adviser"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="support_requests",
    )
    status = models.CharField(
        _("status"), max_length=16, choices=RequestStatus.choices, default=RequestStatus.RECEIVED
    )
    token = models.CharField(max_length=64, unique=True, editable=False)
    received_at = models.DateTimeField(_("received"), default=timezone.now)
    answered_at = models.DateTimeField(_("answered"), null=True, blank=True)
    closed_at = models.DateTimeField(_("closed"), null=True, blank=True)
    activities = models.ManyToManyField(
        Activity,
        verbose_name=_("answering activities"),
        blank=True,
        related_name="support_requests",
    )

    objects = SupportRequestQuerySet.as_manager()

    class Meta:
        ordering = ["-received_at", "-id"]
        verbose_name = _("support request")
        verbose_name_plural = _("support requests")
        indexes = [
            models.Index(fields=["status", "deadline"]),
            models.Index(fields=["adviser", "status"]),
        ]
        constraints = [
            models.CheckConstraint(
                condition=~Q(channel="letter") | ~Q(letter_number=""),
                name="support_request_letter_has_number",
            )
        ]

    def __str__(self) -> str:
        return f"{self.number} {self.subject}"

    def get_absolute_url(self) -> str:
        return reverse("support:request", kwargs={"pk": self.pk})

    @property
    def received_date(self) -> dt.date:
        return timezone.localdate(self.received_at)

    @property
    def is_open(self) -> bool:
        return self.status in OPEN_STATUSES

    @property
    def is_overdue(self) -> bool:
        return self.is_open and self.deadline < timezone.localdate()

    @property
    def is_soon_due(self) -> bool:
        today = timezone.localdate()
        return self.is_open and today <= self.deadline <= today + dt.timedelta(days=SOON_DUE_DAYS)


class RequestMessage(models.Model):
    request = models.ForeignKey(
        SupportRequest, verbose_name=_("request"), on_delete=models.CASCADE, related_name="messages"
    )
    # Empty author: the requester wrote it, through their link.
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("author"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    text = models.TextField(_("text"))
    internal = models.BooleanField(
        _("internal note"), default=False, help_text=_("Never shown to the requester.")
    )
    created_at = models.DateTimeField(_("created"), default=timezone.now)

    class Meta:
        ordering = ["created_at", "id"]
        verbose_name = _("message")
        verbose_name_plural = _("messages")
        constraints = [
            models.CheckConstraint(
                condition=Q(internal=False) | Q(author__isnull=False),
                name="support_message_internal_by_staff",
            )
        ]

    def __str__(self) -> str:
        return self.text[:60]

    @property
    def from_requester(self) -> bool:
        return self.author_id is None


class RequestFile(models.Model):
    message = models.ForeignKey(
        RequestMessage, verbose_name=_("message"), on_delete=models.CASCADE, related_name="files"
    )
    file = models.FileField(_("file"), upload_to="support/requests/%Y/")
    name = models.CharField(_("file name"), max_length=255)
    size = models.PositiveIntegerField(_("size"))
    content_type = models.CharField(_("content type"), max_length=100)

    class Meta:
        ordering = ["id"]
        verbose_name = _("file")
        verbose_name_plural = _("files")

    def __str__(self) -> str:
        return self.name


class DeadlineChange(models.Model):
    request = models.ForeignKey(
        SupportRequest,
        verbose_name=_("request"),
        on_delete=models.CASCADE,
        related_name="deadline_changes",
    )
    old_deadline = models.DateField(_("old deadline"))
    new_deadline = models.DateField(_("new deadline"))
    reason = models.TextField(_("reason"))
    changed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("changed by"),
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
    )
    changed_at = models.DateTimeField(_("changed"), default=timezone.now)

    class Meta:
        ordering = ["changed_at", "id"]
        verbose_name = _("deadline change")
        verbose_name_plural = _("deadline changes")

    def __str__(self) -> str:
        return f"{self.old_deadline} → {self.new_deadline}"


class DeadlineReminder(models.Model):
    """One e-mail to the adviser per request per step; the beat task claims a row before
    it sends, so a second run the same day sends nothing again."""

    class Step(models.TextChoices):
        SOON = "soon", _("Soon due")
        OVERDUE = "overdue", _("Overdue")

    request = models.ForeignKey(
        SupportRequest, on_delete=models.CASCADE, related_name="deadline_reminders"
    )
    step = models.CharField(max_length=8, choices=Step.choices)
    deadline = models.DateField()
    sent_to = models.EmailField(blank=True)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("deadline reminder")
        verbose_name_plural = _("deadline reminders")
        constraints = [
            models.UniqueConstraint(
                fields=["request", "step", "deadline"], name="support_reminder_once_per_step"
            )
        ]

    def __str__(self) -> str:
        return f"{self.request_id} {self.step}"
