"""The research register (programme 2021, III 4.1 and 4.2): the institute's studies —
their question, team, partners, status and dates —, what each produces (reports,
papers, presentations, data) and the area III activities held for it (focus groups,
workshops)."""

import uuid

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from pzss.core.models import Activity, Institution
from pzss.lib.validators import RangeValidator, validate_plausible_date

# The programme years a study may belong to: the institute's programmes start in the
# 2010s; a year outside this is a typing mistake.
YEAR_MIN, YEAR_MAX = 2000, 2100


class StudyKind(models.TextChoices):
    GENDER_ANALYSIS = "gender_analysis", _("Gender analysis")
    RESEARCH = "research", _("Research")
    ANALYSIS = "analysis", _("Analysis")
    EVALUATION = "evaluation", _("Evaluation")
    MAPPING = "mapping", _("Mapping")


class StudyStatus(models.TextChoices):
    # In the study's own words: Serbian agrees the state with «студија» (feminine).
    PLANNED = "planned", pgettext_lazy("study", "Planned")
    IN_PROGRESS = "in_progress", pgettext_lazy("study", "In progress")
    COMPLETED = "completed", pgettext_lazy("study", "Completed")
    PUBLISHED = "published", pgettext_lazy("study", "Published")
    CANCELLED = "cancelled", pgettext_lazy("study", "Cancelled")


class StudyQuerySet(models.QuerySet):
    def published(self) -> "StudyQuerySet":
        """Studies the public may read: published ones (a study is published with its
        first published output)."""
        return self.filter(status=StudyStatus.PUBLISHED)


class Study(models.Model):
    title = models.CharField(_("title"), max_length=300)
    slug = models.SlugField(_("address"), max_length=120, unique=True)
    kind = models.CharField(_("kind"), max_length=32, choices=StudyKind.choices)
    question = models.TextField(
        _("research question"), help_text=_("What the study sets out to find out.")
    )
    aims = models.TextField(_("aims and method"), blank=True)
    status = models.CharField(
        _("status"), max_length=16, choices=StudyStatus.choices, default=StudyStatus.PLANNED
    )
    programme_year = models.PositiveSmallIntegerField(
        _("programme year"), validators=[RangeValidator(YEAR_MIN, YEAR_MAX)]
    )
    start_date = models.DateField(
        _("start date"), null=True, blank=True, validators=[validate_plausible_date]
    )
    end_date = models.DateField(
        _("end date"), null=True, blank=True, validators=[validate_plausible_date]
    )
    lead = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("lead"),
        on_delete=models.PROTECT,
        related_name="studies_led",
    )
    team = models.ManyToManyField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("team"),
        blank=True,
        related_name="studies",
    )
    partners = models.ManyToManyField(
        Institution, verbose_name=_("partners"), blank=True, related_name="studies"
    )
    cancel_reason = models.TextField(_("reason for cancellation"), blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    objects = StudyQuerySet.as_manager()

    class Meta:
        ordering = ["-programme_year", "title", "id"]
        verbose_name = _("study")
        verbose_name_plural = _("studies")
        constraints = [
            models.CheckConstraint(
                condition=Q(end_date__isnull=True)
                | Q(start_date__isnull=True)
                | Q(end_date__gte=models.F("start_date")),
                name="study_end_after_start",
            ),
            models.CheckConstraint(
                condition=Q(programme_year__gte=YEAR_MIN) & Q(programme_year__lte=YEAR_MAX),
                name="study_programme_year_plausible",
            ),
        ]
        indexes = [models.Index(fields=["status", "programme_year"], name="study_status_year")]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("research:study", args=[self.pk])

    def get_public_url(self) -> str:
        return reverse("research_studies:detail", args=[self.slug])

    def clean(self) -> None:
        if self.start_date and self.end_date and self.end_date < self.start_date:
            raise ValidationError({"end_date": _("The end date cannot be before the start date.")})
        if self.status == StudyStatus.CANCELLED and not self.cancel_reason.strip():
            raise ValidationError({"cancel_reason": _("Say why the study is cancelled.")})

    @property
    def is_public(self) -> bool:
        return self.status == StudyStatus.PUBLISHED

    @property
    def is_open_for_changes(self) -> bool:
        return self.status != StudyStatus.CANCELLED


class StudyOutputKind(models.TextChoices):
    REPORT = "report", _("Report")
    PAPER = "paper", _("Paper")
    PRESENTATION = "presentation", _("Presentation")
    DATA = "data", _("Data")
    RECOMMENDATIONS = "recommendations", _("Recommendations")


def output_path(instance: "StudyOutput", filename: str) -> str:
    # The stored name never comes from the user: it cannot collide or traverse.
    ext = filename.rsplit(".", 1)[-1].lower() if "." in filename else "bin"
    return f"research/studies/{instance.study_id}/{uuid.uuid4().hex}.{ext}"


class StudyOutputQuerySet(models.QuerySet):
    def published(self) -> "StudyOutputQuerySet":
        return self.filter(published_at__isnull=False)


class StudyOutput(models.Model):
    """A report, paper, presentation or data set a study produced. Published, it is in
    the public library (with a summary PDF the documents app renders) and on the study's
    public page (with its file); until then only staff see it."""

    study = models.ForeignKey(
        Study, verbose_name=_("study"), on_delete=models.CASCADE, related_name="outputs"
    )
    title = models.CharField(_("title"), max_length=300)
    kind = models.CharField(_("kind"), max_length=32, choices=StudyOutputKind.choices)
    date = models.DateField(_("date"), validators=[validate_plausible_date])
    abstract = models.TextField(_("abstract"), blank=True)
    file = models.FileField(_("file"), upload_to=output_path)
    original_name = models.CharField(_("file name"), max_length=255)
    content_type = models.CharField(_("type"), max_length=100)
    size = models.PositiveIntegerField(_("size"))
    published_at = models.DateTimeField(_("published"), null=True, blank=True)
    # The summary PDF handed to the library when the output was published: that one
    # document, and no other rendered from the output, is public.
    published_document = models.ForeignKey(
        "documents.Document",
        verbose_name=_("published document"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    objects = StudyOutputQuerySet.as_manager()

    class Meta:
        ordering = ["-date", "-id"]
        verbose_name = _("study output")
        verbose_name_plural = _("study outputs")

    def __str__(self) -> str:
        return self.title

    @property
    def is_published(self) -> bool:
        return self.published_at is not None

    @property
    def extension(self) -> str:
        name = self.original_name
        return name.rsplit(".", 1)[-1].upper() if "." in name else ""


class StudyActivity(models.Model):
    """An area III activity held for a study (a focus group, a workshop): the activity
    itself is the core's, with its dates, place and participants; this says whose it is."""

    study = models.ForeignKey(
        Study, verbose_name=_("study"), on_delete=models.CASCADE, related_name="study_activities"
    )
    activity = models.OneToOneField(
        Activity, verbose_name=_("activity"), on_delete=models.CASCADE, related_name="study_link"
    )

    class Meta:
        ordering = ["-activity__start_date", "-id"]
        verbose_name = _("study activity")
        verbose_name_plural = _("study activities")

    def __str__(self) -> str:
        return f"{self.study} — {self.activity}"
