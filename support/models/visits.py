"""Working visits (programme 2021, I): a visit is an area I activity with a plan —
which institution and why it was chosen, the team, the questions to answer. What the
visit looks at (the case-file sample and the findings) and what it leaves behind (the
report, its recommendations and how the institution acted on them) point at it."""

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from pzss.core.models import Activity, Institution


class WorkingVisit(models.Model):
    activity = models.OneToOneField(
        Activity,
        verbose_name=_("activity"),
        on_delete=models.CASCADE,
        related_name="working_visit",
    )
    institution = models.ForeignKey(
        Institution,
        verbose_name=_("institution visited"),
        on_delete=models.PROTECT,
        related_name="working_visits",
    )
    reason = models.TextField(
        _("why this institution"),
        blank=True,
        help_text=_(
            "The priority rule's figures where they exist (area III), otherwise the "
            "adviser's reason. No personal data of service users."
        ),
    )
    questions = models.TextField(
        _("questions of the visit"),
        blank=True,
        help_text=_("What the visit sets out to look at, one question per line."),
    )
    team = models.ManyToManyField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("team"),
        blank=True,
        related_name="working_visits",
    )
    lead = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("lead adviser"),
        on_delete=models.PROTECT,
        related_name="working_visits_led",
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        ordering = ["-activity__start_date"]
        verbose_name = _("working visit")
        verbose_name_plural = _("working visits")

    def __str__(self) -> str:
        return str(self.activity)

    def get_absolute_url(self) -> str:
        return reverse("support:visit", kwargs={"pk": self.pk})
