"""What a working visit leaves behind (programme 2021, I): the visit report with its
recommendations, each with a responsible role at the institution, a deadline and a
state; the institution's answers on each (a history, never overwritten) given through a
signed link without an account; and the reminders of overdue recommendations, recorded
once per recommendation and deadline so that a repeated run sends nothing twice."""

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from support.models.visits import WorkingVisit


class VisitReportStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    ISSUED = "issued", _("Issued")


class VisitReport(models.Model):
    visit = models.OneToOneField(
        WorkingVisit,
        verbose_name=_("working visit"),
        on_delete=models.CASCADE,
        related_name="report",
    )
    status = models.CharField(
        _("status"),
        max_length=16,
        choices=VisitReportStatus.choices,
        default=VisitReportStatus.DRAFT,
    )
    number = models.CharField(
        _("report number"), max_length=30, unique=True, null=True, blank=True, editable=False
    )
    summary = models.TextField(
        _("summary"), blank=True, help_text=_("No personal data of service users.")
    )
    looked_at = models.TextField(
        _("what was looked at"),
        blank=True,
        help_text=_("Documents, case files by number, conversations. No names."),
    )
    findings_overview = models.TextField(
        _("findings overview"), blank=True, help_text=_("No personal data of service users.")
    )
    conclusions = models.TextField(
        _("conclusions"), blank=True, help_text=_("No personal data of service users.")
    )
    no_recommendations = models.TextField(
        _("statement that there are no recommendations"),
        blank=True,
        help_text=_("Only when the visit leaves no recommendations: say why."),
    )
    correction_note = models.TextField(
        _("correction note"),
        blank=True,
        help_text=_("An issued report is final; a correction is noted here and printed."),
    )
    issued_at = models.DateTimeField(_("issued"), null=True, blank=True, editable=False)
    issued_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("issued by"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        editable=False,
        related_name="+",
    )
    closed_at = models.DateTimeField(_("follow-up closed"), null=True, blank=True, editable=False)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("visit report")
        verbose_name_plural = _("visit reports")

    def __str__(self) -> str:
        return self.number or str(_("Visit report (draft)"))

    def get_absolute_url(self) -> str:
        return reverse("support:visit_report", kwargs={"visit_pk": self.visit_id})

    @property
    def is_issued(self) -> bool:
        return self.status == VisitReportStatus.ISSUED

    @property
    def is_closed(self) -> bool:
        return self.closed_at is not None


class RecommendationState(models.TextChoices):
    OPEN = "open", pgettext_lazy("recommendation state", "Open")
    IN_PROGRESS = "in_progress", pgettext_lazy("recommendation state", "In progress")
    DONE = "done", pgettext_lazy("recommendation state", "Done")
    NOT_DONE = "not_done", pgettext_lazy("recommendation state", "Not done")
    NOT_RELEVANT = "not_relevant", pgettext_lazy("recommendation state", "No longer relevant")


# A recommendation in one of these states is still to be acted on: past its deadline it
# is overdue.
PENDING_STATES = (RecommendationState.OPEN, RecommendationState.IN_PROGRESS)


class RecommendationQuerySet(models.QuerySet):
    def overdue(self, today=None):
        today = today or timezone.localdate()
        return self.filter(
            report__status=VisitReportStatus.ISSUED,
            report__closed_at__isnull=True,
            state__in=PENDING_STATES,
            deadline__lt=today,
        )


class Recommendation(models.Model):
    report = models.ForeignKey(
        VisitReport,
        verbose_name=_("visit report"),
        on_delete=models.CASCADE,
        related_name="recommendations",
    )
    order = models.PositiveSmallIntegerField(_("no."))
    text = models.TextField(_("recommendation"), help_text=_("No personal data of service users."))
    responsible = models.CharField(
        _("responsible at the institution"),
        max_length=200,
        help_text=_("A role (e.g. the head of the guardianship service), not a name."),
    )
    deadline = models.DateField(_("deadline"))
    state = models.CharField(
        _("state"),
        max_length=16,
        choices=RecommendationState.choices,
        default=RecommendationState.OPEN,
    )
    confirmed_at = models.DateTimeField(_("confirmed"), null=True, blank=True, editable=False)
    confirmed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("confirmed by"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        editable=False,
        related_name="+",
    )

    objects = RecommendationQuerySet.as_manager()

    class Meta:
        ordering = ["report", "order"]
        verbose_name = _("recommendation")
        verbose_name_plural = _("recommendations")
        constraints = [
            models.UniqueConstraint(fields=["report", "order"], name="support_recommendation_order")
        ]
        indexes = [models.Index(fields=["state", "deadline"])]

    def __str__(self) -> str:
        return f"{self.order}. {self.text[:60]}"

    def is_overdue(self, today=None) -> bool:
        today = today or timezone.localdate()
        return self.state in PENDING_STATES and self.deadline < today


class RecommendationResponse(models.Model):
    """One answer of the institution on one recommendation: what it did, the state it
    reports. Answers are added, never changed: the recommendation's history."""

    recommendation = models.ForeignKey(
        Recommendation,
        verbose_name=_("recommendation"),
        on_delete=models.CASCADE,
        related_name="responses",
    )
    action_taken = models.TextField(
        _("what was done"), help_text=_("No personal data of service users.")
    )
    state = models.CharField(
        _("state reported"), max_length=16, choices=RecommendationState.choices
    )
    answered_by = models.CharField(_("answered by (name or role)"), max_length=200)
    answered_at = models.DateTimeField(_("answered"), default=timezone.now)

    class Meta:
        ordering = ["-answered_at", "-pk"]
        verbose_name = _("institution's answer")
        verbose_name_plural = _("institution's answers")

    def __str__(self) -> str:
        return f"{self.recommendation} — {self.get_state_display()}"


class FollowUpInvitation(models.Model):
    """The signed link sent to the institution to say how it acted on the report's
    recommendations."""

    report = models.ForeignKey(
        VisitReport,
        verbose_name=_("visit report"),
        on_delete=models.CASCADE,
        related_name="invitations",
    )
    email = models.EmailField(_("institution's e-mail"))
    token = models.CharField(max_length=64, unique=True, editable=False)
    sent_at = models.DateTimeField(_("sent"), null=True, blank=True, editable=False)
    last_answered_at = models.DateTimeField(
        _("last answered"), null=True, blank=True, editable=False
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("follow-up invitation")
        verbose_name_plural = _("follow-up invitations")

    def __str__(self) -> str:
        return self.email


class RecommendationReminder(models.Model):
    """An overdue recommendation's reminder to the institution, once per deadline: a
    new deadline is a new reminder, a repeated run finds the row and sends nothing."""

    recommendation = models.ForeignKey(
        Recommendation, on_delete=models.CASCADE, related_name="reminders"
    )
    deadline = models.DateField()
    created_at = models.DateTimeField(auto_now_add=True)
    sent_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["recommendation", "deadline"], name="support_reminder_once"
            )
        ]

    def __str__(self) -> str:
        return f"{self.recommendation} — {self.deadline:%d.%m.%Y.}"
