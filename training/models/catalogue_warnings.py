"""What the catalogue has told a programme's owner: one warning per programme and per
accreditation end date, recorded before it is sent, so a repeated run of the beat task
sends nothing twice, and a renewed accreditation (a new end date) is warned of again."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from training.models.catalogue import TrainingProgramme


class AccreditationExpiryWarning(models.Model):
    programme = models.ForeignKey(
        TrainingProgramme,
        verbose_name=_("programme"),
        on_delete=models.CASCADE,
        related_name="expiry_warnings",
    )
    valid_until = models.DateField(_("accredited until"))
    sent_to = models.EmailField(_("sent to"), blank=True)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("accreditation expiry warning")
        verbose_name_plural = _("accreditation expiry warnings")
        constraints = [
            models.UniqueConstraint(
                fields=["programme", "valid_until"], name="training_expiry_warning_once"
            )
        ]

    def __str__(self) -> str:
        return f"{self.programme} ({self.valid_until.isoformat()})"
