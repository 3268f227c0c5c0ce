"""Consultative help (programme 2021, II 2): the log of individual consultations the
institute's advisers give on professional development — licensing, accreditation, the
Chamber of Social Protection —, and the month each is counted in: every month's
consultations are one held area II activity that realises the programme's target."""

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from pzss.core.models import Activity, Institution, Person
from pzss.lib.validators import RangeValidator, validate_plausible_date

# A consultation longer than a working day is a typing mistake.
MAX_MINUTES = 480


class ConsultationSubject(models.TextChoices):
    LICENSING = "licensing", _("Licensing")
    ACCREDITATION = "accreditation", _("Accreditation of training programmes")
    CHAMBER = "chamber", _("The Chamber of Social Protection")
    PROFESSIONAL_DEVELOPMENT = "development", _("Professional development")
    OTHER = "other", _("Other")


class ConsultationChannel(models.TextChoices):
    PHONE = "phone", _("Phone")
    EMAIL = "email", _("E-mail")
    IN_PERSON = "in_person", _("In person")
    ONLINE = "online", _("Online meeting")


class Consultation(models.Model):
    date = models.DateField(_("date"), validators=[validate_plausible_date])
    asked_by = models.CharField(
        _("who asked"),
        max_length=200,
        help_text=_("The professional's name, as they gave it."),
    )
    person = models.ForeignKey(
        Person,
        verbose_name=_("person in the directory"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="consultations",
    )
    institution = models.ForeignKey(
        Institution,
        verbose_name=_("institution"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="consultations",
    )
    subject = models.CharField(_("subject"), max_length=16, choices=ConsultationSubject.choices)
    channel = models.CharField(
        _("channel"),
        max_length=16,
        choices=ConsultationChannel.choices,
        default=ConsultationChannel.PHONE,
    )
    question = models.TextField(
        _("question"),
        help_text=_(
            "What the professional asked. No personal data of service users: no names, "
            "case numbers or details by which a beneficiary could be recognised."
        ),
    )
    answer = models.TextField(
        _("answer"),
        help_text=_("The advice given. No personal data of service users."),
    )
    minutes = models.PositiveSmallIntegerField(
        _("minutes spent"), validators=[RangeValidator(1, MAX_MINUTES)]
    )
    adviser = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("adviser"),
        on_delete=models.PROTECT,
        related_name="consultations",
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("entered by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        ordering = ["-date", "-id"]
        verbose_name = _("consultation")
        verbose_name_plural = _("consultations")
        indexes = [models.Index(fields=["date", "subject"])]

    def __str__(self) -> str:
        return f"{self.date:%d.%m.%Y.} — {self.asked_by}"

    def get_absolute_url(self) -> str:
        return reverse("training:consultation_edit", kwargs={"pk": self.pk})


class ConsultationMonth(models.Model):
    """The month's consultations as one held activity (counted by the programme): made
    with the month's first consultation, its figures kept up with every one after. The
    row is what two consultations entered at once lock, so a month has one activity."""

    year = models.PositiveSmallIntegerField(_("year"))
    month = models.PositiveSmallIntegerField(_("month"), validators=[RangeValidator(1, 12)])
    activity = models.OneToOneField(
        Activity,
        verbose_name=_("activity"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="consultation_month",
    )

    class Meta:
        ordering = ["-year", "-month"]
        verbose_name = _("month of consultations")
        verbose_name_plural = _("months of consultations")
        constraints = [
            models.UniqueConstraint(fields=["year", "month"], name="training_consultation_month"),
        ]

    def __str__(self) -> str:
        return f"{self.month:02d}/{self.year}"
