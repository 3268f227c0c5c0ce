"""The annual needs survey (programme 2021, II 1): a questionnaire the institute sends
every year to the institutions' contact people — based on the catalogue of accredited
programmes — with a signed link each; the answers, aggregated, become the survey's report
with the recommendations to the founders. Free-text answers stay with staff."""

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from pzss.core.models import Institution


class SurveyStatus(models.TextChoices):
    # Serbian agrees the state with «упитник» (masculine).
    DRAFT = "draft", pgettext_lazy("survey", "Draft")
    OPEN = "open", pgettext_lazy("survey", "Open for answers")
    CLOSED = "closed", pgettext_lazy("survey", "Closed")
    PUBLISHED = "published", pgettext_lazy("survey", "Published")


class QuestionKind(models.TextChoices):
    SINGLE = "single", _("One choice")
    MULTIPLE = "multiple", _("Several choices")
    PROGRAMMES = "programmes", _("Programmes of the catalogue (several)")
    SCALE = "scale", _("Scale from 1 to 5")
    NUMBER = "number", _("Whole number")
    TEXT = "text", _("Free text")


CHOICE_KINDS = (QuestionKind.SINGLE, QuestionKind.MULTIPLE)
SCALE_VALUES = (1, 2, 3, 4, 5)


class NeedsSurvey(models.Model):
    year = models.PositiveSmallIntegerField(
        _("year"), unique=True, validators=[MinValueValidator(2000), MaxValueValidator(2100)]
    )
    title = models.CharField(_("title"), max_length=300)
    introduction = models.TextField(
        _("introduction"), blank=True, help_text=_("What respondents read above the questions.")
    )
    status = models.CharField(
        _("status"), max_length=16, choices=SurveyStatus.choices, default=SurveyStatus.DRAFT
    )
    deadline = models.DateField(_("answers by"), null=True, blank=True)
    recommendations = models.TextField(
        _("recommendations to the founders"),
        blank=True,
        help_text=_("What the institute recommends the founders fund; printed in the report."),
    )
    opened_at = models.DateTimeField(_("opened"), null=True, blank=True)
    closed_at = models.DateTimeField(_("closed"), null=True, blank=True)
    published_at = models.DateTimeField(_("published"), null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("created by"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        ordering = ["-year"]
        verbose_name = _("needs survey")
        verbose_name_plural = _("needs surveys")

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("training:survey", kwargs={"pk": self.pk})

    def get_public_url(self) -> str:
        return reverse("training_surveys:results", kwargs={"year": self.year})

    @property
    def is_draft(self) -> bool:
        return self.status == SurveyStatus.DRAFT

    @property
    def is_open(self) -> bool:
        return self.status == SurveyStatus.OPEN

    @property
    def is_published(self) -> bool:
        return self.status == SurveyStatus.PUBLISHED


class SurveyQuestion(models.Model):
    survey = models.ForeignKey(
        NeedsSurvey, verbose_name=_("survey"), on_delete=models.CASCADE, related_name="questions"
    )
    order = models.PositiveSmallIntegerField(_("order"), default=0)
    text = models.CharField(_("question"), max_length=500)
    help = models.CharField(_("help text"), max_length=500, blank=True)
    kind = models.CharField(_("kind of answer"), max_length=16, choices=QuestionKind.choices)
    choices = models.JSONField(_("choices"), default=list, blank=True)
    required = models.BooleanField(_("an answer is required"), default=False)
    min_value = models.IntegerField(_("smallest number"), null=True, blank=True)
    max_value = models.IntegerField(_("largest number"), null=True, blank=True)

    class Meta:
        ordering = ["survey", "order", "pk"]
        verbose_name = _("survey question")
        verbose_name_plural = _("survey questions")

    def __str__(self) -> str:
        return self.text

    @property
    def is_free_text(self) -> bool:
        return self.kind == QuestionKind.TEXT

    @property
    def field_name(self) -> str:
        return f"q{self.pk}"


class SurveyInvitation(models.Model):
    survey = models.ForeignKey(
        NeedsSurvey,
        verbose_name=_("survey"),
        on_delete=models.CASCADE,
        related_name="invitations",
    )
    institution = models.ForeignKey(
        Institution,
        verbose_name=_("institution"),
        on_delete=models.PROTECT,
        related_name="survey_invitations",
    )
    contact_name = models.CharField(_("contact person"), max_length=200, blank=True)
    contact_email = models.EmailField(_("contact e-mail"))
    token = models.CharField(max_length=64, unique=True)
    # An e-mail is sent when more are asked for than were sent: opening the survey asks
    # for one, staff's resend for another; a task run twice finds them even and stops.
    emails_requested = models.PositiveSmallIntegerField(default=0)
    emails_sent = models.PositiveSmallIntegerField(default=0)
    sent_at = models.DateTimeField(_("sent"), null=True, blank=True)
    first_opened_at = models.DateTimeField(_("first opened"), null=True, blank=True)
    saved_at = models.DateTimeField(_("last saved"), null=True, blank=True)
    submitted_at = models.DateTimeField(_("submitted"), null=True, blank=True)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        ordering = ["institution__name"]
        verbose_name = _("survey invitation")
        verbose_name_plural = _("survey invitations")
        constraints = [
            models.UniqueConstraint(
                fields=["survey", "institution"], name="training_invitation_once"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.survey} — {self.institution}"

    @property
    def is_submitted(self) -> bool:
        return self.submitted_at is not None


class SurveyAnswer(models.Model):
    """One answer: a text (one choice, free text), a list (several choices; the
    programmes' keys) or a whole number (the scale, a number), kept as JSON."""

    invitation = models.ForeignKey(
        SurveyInvitation,
        verbose_name=_("invitation"),
        on_delete=models.CASCADE,
        related_name="answers",
    )
    question = models.ForeignKey(
        SurveyQuestion, verbose_name=_("question"), on_delete=models.CASCADE, related_name="answers"
    )
    value = models.JSONField(_("answer"))

    class Meta:
        verbose_name = _("survey answer")
        verbose_name_plural = _("survey answers")
        constraints = [
            models.UniqueConstraint(fields=["invitation", "question"], name="training_answer_once"),
        ]

    def __str__(self) -> str:
        return f"{self.question}: {self.value}"
