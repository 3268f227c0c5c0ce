"""Projects (programme 2021, I.4): national and international projects the institute
works in (the Interreg-IPA „Инклузивна заједница“ with the Novi Sad humanitarian
centre), with their partners, funder, period, the institute's role, and their meetings
and other activities — area I activities linked to the project."""

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import F, Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from pzss.core.models import Activity, Institution


class ProjectStatus(models.TextChoices):
    PLANNED = "planned", _("Planned")
    RUNNING = "running", _("Running")
    CLOSED = "closed", _("Closed")


class Project(models.Model):
    name = models.CharField(_("name"), max_length=300, unique=True)
    acronym = models.CharField(_("acronym"), max_length=50, blank=True)
    funder = models.CharField(
        _("programme or funder"),
        max_length=300,
        blank=True,
        help_text=_("E.g. Interreg IPA CBC Hungary–Serbia."),
    )
    partners = models.ManyToManyField(
        Institution,
        verbose_name=_("partners from the directory"),
        blank=True,
        related_name="projects",
    )
    other_partners = models.TextField(
        _("other partners"),
        blank=True,
        help_text=_("Partners not in the directory (abroad), one a line."),
    )
    lead_partner = models.CharField(_("lead partner"), max_length=300, blank=True)
    start = models.DateField(_("start"))
    end = models.DateField(_("end"))
    budget = models.DecimalField(
        _("budget (EUR)"), max_digits=12, decimal_places=2, null=True, blank=True
    )
    role = models.TextField(_("the institute's role"), blank=True)
    description = models.TextField(
        _("description"), blank=True, help_text=_("No personal data of service users.")
    )
    outputs = models.TextField(_("outputs"), blank=True, help_text=_("One a line."))
    status = models.CharField(
        _("status"), max_length=20, choices=ProjectStatus.choices, default=ProjectStatus.RUNNING
    )
    activities = models.ManyToManyField(
        Activity, verbose_name=_("activities"), blank=True, related_name="support_projects"
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        ordering = ["-start", "name"]
        verbose_name = _("project")
        verbose_name_plural = _("projects")
        constraints = [
            models.CheckConstraint(
                condition=Q(end__gte=F("start")), name="support_project_end_after_start"
            )
        ]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("support:project", kwargs={"pk": self.pk})

    def clean(self):
        if self.start and self.end and self.end < self.start:
            raise ValidationError({"end": _("The end cannot be before the start.")})
