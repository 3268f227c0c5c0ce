"""The training catalogue (programme 2021, II): the programmes the institute owns, sends
to accreditation or organises for others — with the accreditation body and number, the
period it is valid, its authors and trainers, its length and licence points —, and the
training sessions, each an area II activity held under one programme."""

from decimal import Decimal

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MinValueValidator
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from pzss.core.models import Activity, Institution
from pzss.lib.validators import validate_plausible_date


class ProgrammeOrigin(models.TextChoices):
    OWN = "own", _("The institute's own programme")
    PARTNER = "partner", _("Another provider's programme the institute organises")


class AccreditationStatus(models.TextChoices):
    # In the programme's own words: Serbian agrees the state with «програм» (masculine).
    IN_PREPARATION = "in_preparation", pgettext_lazy("programme", "In preparation")
    SUBMITTED = "submitted", pgettext_lazy("programme", "Submitted for accreditation")
    ACCREDITED = "accredited", pgettext_lazy("programme", "Accredited")
    EXPIRED = "expired", pgettext_lazy("programme", "Accreditation expired")
    NOT_ACCREDITED = "not_accredited", pgettext_lazy("programme", "Not accredited")


class PointsRule(models.TextChoices):
    """How attendance earns licence points (the accreditation rules of the Republic
    institute): the whole programme or nothing, or each attended day its share."""

    ALL_DAYS = "all_days", _("Only for attending every day")
    PER_DAY = "per_day", _("In proportion to the days attended")


class TrainingProgrammeQuerySet(models.QuerySet):
    def published(self) -> "TrainingProgrammeQuerySet":
        """What the public catalogue shows."""
        return self.filter(is_published=True)

    def expiring(self, *, today, until) -> "TrainingProgrammeQuerySet":
        """Accredited programmes whose accreditation ends between today and `until`."""
        return self.filter(
            status=AccreditationStatus.ACCREDITED, valid_until__gte=today, valid_until__lte=until
        )

    def catalogue_order(self) -> "TrainingProgrammeQuerySet":
        """The institute's own accredited programmes first, then the rest, by title."""
        own_accredited = models.Case(
            models.When(origin=ProgrammeOrigin.OWN, status=AccreditationStatus.ACCREDITED, then=0),
            default=1,
            output_field=models.IntegerField(),
        )
        return self.annotate(catalogue_rank=own_accredited).order_by(
            "catalogue_rank", "title", "id"
        )


class TrainingProgramme(models.Model):
    title = models.CharField(_("title"), max_length=300)
    slug = models.SlugField(_("address"), max_length=120, unique=True)
    origin = models.CharField(
        _("origin"), max_length=16, choices=ProgrammeOrigin.choices, default=ProgrammeOrigin.OWN
    )
    provider = models.ForeignKey(
        Institution,
        verbose_name=_("provider"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="training_programmes",
        help_text=_("Who owns the programme, when it is not the institute."),
    )
    status = models.CharField(
        _("accreditation status"),
        max_length=16,
        choices=AccreditationStatus.choices,
        default=AccreditationStatus.IN_PREPARATION,
    )
    accreditation_body = models.CharField(
        _("accreditation body"),
        max_length=200,
        blank=True,
        help_text=_("E.g. the Republic Institute for Social Protection."),
    )
    accreditation_number = models.CharField(_("accreditation number"), max_length=100, blank=True)
    valid_from = models.DateField(
        _("accredited from"), null=True, blank=True, validators=[validate_plausible_date]
    )
    valid_until = models.DateField(
        _("accredited until"), null=True, blank=True, validators=[validate_plausible_date]
    )
    authors = models.TextField(_("authors"), blank=True)
    trainers = models.TextField(_("trainers"), blank=True)
    target_group = models.TextField(_("target group"), blank=True)
    days = models.PositiveSmallIntegerField(
        _("length in days"), default=1, validators=[MinValueValidator(1)]
    )
    hours = models.DecimalField(
        _("length in hours"),
        max_digits=5,
        decimal_places=1,
        validators=[MinValueValidator(Decimal("0.5"))],
    )
    licence_points = models.DecimalField(
        _("licence points"),
        max_digits=5,
        decimal_places=1,
        null=True,
        blank=True,
        validators=[MinValueValidator(Decimal("0"))],
    )
    points_rule = models.CharField(
        _("points for partial attendance"),
        max_length=16,
        choices=PointsRule.choices,
        default=PointsRule.ALL_DAYS,
    )
    summary = models.TextField(_("summary"), blank=True)
    outcomes = models.TextField(
        _("what a participant learns"), blank=True, help_text=_("One outcome per line.")
    )
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("owner"),
        on_delete=models.PROTECT,
        related_name="training_programmes",
        help_text=_("The adviser who looks after the programme and its accreditation."),
    )
    is_published = models.BooleanField(_("in the public catalogue"), default=False)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    objects = TrainingProgrammeQuerySet.as_manager()

    class Meta:
        ordering = ["title"]
        verbose_name = _("training programme")
        verbose_name_plural = _("training programmes")
        constraints = [
            models.CheckConstraint(
                condition=Q(valid_until__isnull=True)
                | Q(valid_from__isnull=True)
                | Q(valid_until__gte=models.F("valid_from")),
                name="training_programme_valid_period",
            ),
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        """The programme's public page (a 404 while it is not in the catalogue)."""
        return reverse("training_catalogue:programme", kwargs={"slug": self.slug})

    def clean(self) -> None:
        errors = {}
        if self.valid_from and self.valid_until and self.valid_until < self.valid_from:
            errors["valid_until"] = _("The accreditation cannot end before it begins.")
        if self.status == AccreditationStatus.ACCREDITED:
            for field in ("accreditation_body", "accreditation_number", "valid_from"):
                if not getattr(self, field):
                    errors.setdefault(field, _("An accredited programme needs this."))
        if errors:
            raise ValidationError(errors)

    def is_accredited_on(self, day) -> bool:
        """Whether a session held on `day` is within the accreditation period."""
        if self.status not in (AccreditationStatus.ACCREDITED, AccreditationStatus.EXPIRED):
            return False
        if self.valid_from is None or day < self.valid_from:
            return False
        return self.valid_until is None or day <= self.valid_until


class TrainingSession(models.Model):
    """A training session: an area II activity held under a programme. Its sign-up is the
    event sign-up's (`pzss.events`); its certificates carry the programme's accreditation
    number and the points attendance earned."""

    activity = models.OneToOneField(
        Activity,
        verbose_name=_("activity"),
        on_delete=models.CASCADE,
        related_name="training_session",
    )
    programme = models.ForeignKey(
        TrainingProgramme,
        verbose_name=_("programme"),
        on_delete=models.PROTECT,
        related_name="sessions",
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        ordering = ["-activity__start_date"]
        verbose_name = _("training session")
        verbose_name_plural = _("training sessions")

    def __str__(self) -> str:
        return str(self.activity)
