"""The institute's statistical and consolidated reports over the accepted figures: the
monthly statistical report on domestic violence (programme III 2.4) and the consolidated
annual reports (2.1 homes, 2.2 centres for social work, 2.3 licensed local providers,
2.5 internal monitoring).

A report is a draft while staff write its texts: its tables read the accepted figures
live. Publishing it freezes the figures it shows (`figures`, the whole aggregation as
JSON) so a submission accepted or corrected later never silently changes a published
report; the public reads exactly what was published. A published report is not edited:
the institute publishes a new report for a correction."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from research.models.datasets import DataSet, Frequency


class ReportKind(models.TextChoices):
    DOMESTIC_VIOLENCE_MONTHLY = "dv_monthly", _("Monthly statistical report on domestic violence")
    HOMES_ADULTS = "homes_adults", _("Consolidated report of the homes for adults and the elderly")
    HOMES_CHILDREN = "homes_children", _("Consolidated report of the homes for children and youth")
    PRIVATE_HOMES = "private_homes", _("Consolidated report of the private homes")
    CENTRES = "centres", _("Consolidated report of the centres for social work")
    LOCAL_PROVIDERS = (
        "local_providers",
        _("Consolidated report of the licensed local service providers"),
    )
    INTERNAL_MONITORING = "internal_monitoring", _("Consolidated report of internal monitoring")


# The goal of the 2021 programme's area III each kind of report realises.
GOAL_OF_KIND = {
    ReportKind.DOMESTIC_VIOLENCE_MONTHLY: "2.4",
    ReportKind.HOMES_ADULTS: "2.1",
    ReportKind.HOMES_CHILDREN: "2.1",
    ReportKind.PRIVATE_HOMES: "2.1",
    ReportKind.CENTRES: "2.2",
    ReportKind.LOCAL_PROVIDERS: "2.3",
    ReportKind.INTERNAL_MONITORING: "2.5",
}
MONTHLY_KINDS = frozenset({ReportKind.DOMESTIC_VIOLENCE_MONTHLY})
# A month's report needs periods within a month.
MONTHLY_FREQUENCIES = frozenset({Frequency.TWICE_A_MONTH, Frequency.MONTHLY})


class ReportStatus(models.TextChoices):
    DRAFT = "draft", _("draft")
    PUBLISHED = "published", _("published")


class StatisticalReport(models.Model):
    kind = models.CharField(_("kind of report"), max_length=24, choices=ReportKind.choices)
    data_set = models.ForeignKey(
        DataSet,
        verbose_name=_("data set"),
        on_delete=models.PROTECT,
        related_name="statistical_reports",
    )
    year = models.PositiveSmallIntegerField(_("year"))
    # The month of a monthly report; none for a year's.
    month = models.PositiveSmallIntegerField(_("month"), null=True, blank=True)
    title = models.CharField(_("title"), max_length=300)
    introduction = models.TextField(_("introduction"), blank=True)
    conclusions = models.TextField(_("conclusions"), blank=True)
    # The figure the map is coloured by, unless the reader chooses another.
    map_field = models.CharField(_("figure on the map"), max_length=60, blank=True)
    status = models.CharField(
        _("status"), max_length=12, choices=ReportStatus.choices, default=ReportStatus.DRAFT
    )
    # Frozen at publication: the aggregation as `research.statistics.report_figures` gave it.
    figures = models.JSONField(_("published figures"), default=dict, blank=True)
    published_at = models.DateTimeField(_("published"), null=True, blank=True)
    published_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    # The held activity of area III its publication is (the programme counts it).
    activity = models.ForeignKey(
        "core.Activity", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    class Meta:
        ordering = ["-year", "-month", "kind"]
        verbose_name = _("statistical report")
        verbose_name_plural = _("statistical reports")
        constraints = [
            # One report of a kind per data set and month, or per data set and year (two
            # constraints: NULL months are all distinct to a plain unique constraint).
            models.UniqueConstraint(
                fields=["kind", "data_set", "year", "month"],
                condition=Q(month__isnull=False),
                name="statistical_report_one_per_month",
            ),
            models.UniqueConstraint(
                fields=["kind", "data_set", "year"],
                condition=Q(month__isnull=True),
                name="statistical_report_one_per_year",
            ),
            models.CheckConstraint(
                condition=Q(month__isnull=True) | Q(month__gte=1, month__lte=12),
                name="statistical_report_month_valid",
            ),
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("research:report", kwargs={"pk": self.pk})

    def get_public_url(self) -> str:
        return reverse("statistics:detail", kwargs={"pk": self.pk})

    @property
    def is_monthly(self) -> bool:
        return self.kind in MONTHLY_KINDS

    @property
    def is_published(self) -> bool:
        return self.status == ReportStatus.PUBLISHED

    @property
    def goal(self) -> str:
        return GOAL_OF_KIND[ReportKind(self.kind)]

    @property
    def period_label(self) -> str:
        return f"{self.month:02d}/{self.year}" if self.month else str(self.year)

    def clean(self) -> None:
        errors = {}
        if self.kind in MONTHLY_KINDS and not self.month:
            errors["month"] = _("A monthly report is for a month: choose it.")
        if self.kind and self.kind not in MONTHLY_KINDS and self.month:
            errors["month"] = _("A consolidated report is for a whole year: leave the month out.")
        if (
            self.kind in MONTHLY_KINDS
            and self.data_set_id
            and self.data_set.frequency not in MONTHLY_FREQUENCIES
        ):
            errors["data_set"] = _(
                "A monthly report needs a data set collected monthly or twice a month."
            )
        if errors:
            raise ValidationError(errors)
