"""Case conferences (programme 2021, I.1): the institute takes part in a centre's case
conference. What is kept is the work — which centre, when, what was asked of the
institute, what it contributed, what came of it — never the family's personal data."""

from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from pzss.core.models import Activity, Institution

NO_FAMILY_DATA = _("No personal data of the family or the service users: describe the work.")


class CaseConference(models.Model):
    activity = models.OneToOneField(
        Activity,
        verbose_name=_("activity"),
        on_delete=models.CASCADE,
        related_name="case_conference",
    )
    institution = models.ForeignKey(
        Institution,
        verbose_name=_("centre"),
        on_delete=models.PROTECT,
        related_name="case_conferences",
    )
    question = models.TextField(_("question put to the institute"), help_text=NO_FAMILY_DATA)
    contribution = models.TextField(
        _("the institute's contribution"), blank=True, help_text=NO_FAMILY_DATA
    )
    outcome = models.TextField(_("outcome"), blank=True, help_text=NO_FAMILY_DATA)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        ordering = ["-activity__start_date", "-pk"]
        verbose_name = _("case conference")
        verbose_name_plural = _("case conferences")

    def __str__(self) -> str:
        return str(self.activity)

    def get_absolute_url(self) -> str:
        return reverse("support:case_edit", kwargs={"pk": self.pk})
