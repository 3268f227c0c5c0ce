"""Licence points per person (programme 2021, II): the trainings a person attended
elsewhere, entered by staff with their evidence (the institute's own trainings are on its
certificates, `pzss.events.Certificate`), and the requests for a transcript that a person
makes with their e-mail address, each naming the token of the signed link sent to it."""

import uuid
from decimal import Decimal

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from pzss.core.models import Person
from pzss.lib.signed_links import new_token
from pzss.lib.validators import validate_plausible_date


def evidence_path(instance: "ExternalTraining", filename: str) -> str:
    # The stored name never comes from the user: it cannot collide or traverse.
    ext = filename.rsplit(".", 1)[-1].lower() if "." in filename else "bin"
    return f"training/evidence/{instance.person_id}/{uuid.uuid4().hex}.{ext}"


class ExternalTraining(models.Model):
    """A training held by another organiser that counts toward a person's licence
    (спољна обука), as its certificate — the evidence — states it."""

    person = models.ForeignKey(
        Person,
        verbose_name=_("person"),
        on_delete=models.CASCADE,
        related_name="external_trainings",
    )
    title = models.CharField(_("title of the training"), max_length=300)
    provider = models.CharField(
        _("organiser"), max_length=255, help_text=_("Who held the training.")
    )
    accreditation_number = models.CharField(_("accreditation number"), max_length=100, blank=True)
    start_date = models.DateField(_("date"), validators=[validate_plausible_date])
    end_date = models.DateField(
        _("last day"),
        null=True,
        blank=True,
        validators=[validate_plausible_date],
        help_text=_("Only for a training of more than one day."),
    )
    hours = models.DecimalField(
        _("hours"), max_digits=5, decimal_places=1, validators=[MinValueValidator(Decimal("0.5"))]
    )
    licence_points = models.DecimalField(
        _("licence points"),
        max_digits=5,
        decimal_places=1,
        validators=[MinValueValidator(Decimal("0"))],
    )
    evidence = models.FileField(_("evidence"), upload_to=evidence_path)
    evidence_name = models.CharField(_("file name"), max_length=255)
    evidence_content_type = models.CharField(_("file type"), max_length=100)
    evidence_size = models.PositiveIntegerField(_("file size"), default=0)
    note = models.TextField(_("note"), blank=True)
    entered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("entered by"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        ordering = ["start_date", "id"]
        verbose_name = _("training held elsewhere")
        verbose_name_plural = _("trainings held elsewhere")
        constraints = [
            models.CheckConstraint(
                condition=Q(end_date__isnull=True) | Q(end_date__gte=models.F("start_date")),
                name="external_training_period",
            ),
            models.CheckConstraint(
                condition=Q(licence_points__gte=0), name="external_training_points"
            ),
        ]
        indexes = [models.Index(fields=["person", "start_date"])]

    def __str__(self) -> str:
        return self.title

    def clean(self) -> None:
        if self.end_date and self.start_date and self.end_date < self.start_date:
            raise ValidationError({"end_date": _("The last day cannot be before the first.")})


class TranscriptRequest(models.Model):
    """A person asked for their transcript: the link e-mailed to them names this row's
    token (signed, with a time limit), and opens their record alone."""

    person = models.ForeignKey(
        Person,
        verbose_name=_("person"),
        on_delete=models.CASCADE,
        related_name="transcript_requests",
    )
    token = models.CharField(_("token"), max_length=64, unique=True, default=new_token)
    email = models.EmailField(_("sent to"))
    requested_at = models.DateTimeField(_("requested"), default=timezone.now)
    sent_at = models.DateTimeField(_("sent"), null=True, blank=True)

    class Meta:
        ordering = ["-requested_at"]
        verbose_name = _("transcript request")
        verbose_name_plural = _("transcript requests")
        indexes = [models.Index(fields=["person", "requested_at"])]

    def __str__(self) -> str:
        return f"{self.person} {self.requested_at:%Y-%m-%d %H:%M}"
