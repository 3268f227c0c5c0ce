"""The mapping of local social services (programme III 4.3): once a year the institute
asks every local government what social services it provides its citizens — which kind,
for how many users, who provides them and with what money, with which other sectors it
works, and which innovative programmes run outside the licensing system.

A `ServiceMapping` is one year's round; its `LocalService` rows are the services, one per
municipality, kind and name. Only figures are kept: nothing here names a service user."""

from decimal import Decimal

from django.core.exceptions import ValidationError
from django.core.validators import MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from pzss.core.models import Institution, Municipality


class MappingStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    PUBLISHED = "published", _("Published")


class ServiceMappingQuerySet(models.QuerySet):
    def published(self) -> "ServiceMappingQuerySet":
        return self.filter(status=MappingStatus.PUBLISHED)


class ServiceMapping(models.Model):
    """One year's round of the mapping (мапирање услуга), collected as a draft and
    published when it is complete: only a published round is shown to the public."""

    year = models.PositiveSmallIntegerField(
        _("year"), unique=True, validators=[MinValueValidator(2000)]
    )
    title = models.CharField(_("title"), max_length=255)
    status = models.CharField(
        _("status"), max_length=16, choices=MappingStatus.choices, default=MappingStatus.DRAFT
    )
    published_at = models.DateTimeField(_("published at"), null=True, blank=True)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    objects = ServiceMappingQuerySet.as_manager()

    class Meta:
        ordering = ["-year"]
        verbose_name = _("service mapping")
        verbose_name_plural = _("service mappings")
        constraints = [
            models.CheckConstraint(
                condition=Q(status="draft") | Q(published_at__isnull=False),
                name="service_mapping_published_has_date",
            ),
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def is_published(self) -> bool:
        return self.status == MappingStatus.PUBLISHED


class ServiceKind(models.TextChoices):
    """The local services of the Law on Social Protection (Закон о социјалној заштити,
    art. 40 and the services the local governments provide under it)."""

    DAY_CARE = "day_care", _("Day care")
    HOME_CARE = "home_care", _("Home care")
    DROP_IN = "drop_in", _("Drop-in centre")
    SUPPORTED_HOUSING = "supported_housing", _("Supported housing")
    CHILD_ASSISTANT = "child_assistant", _("Personal assistant for a child")
    PERSONAL_ASSISTANCE = "personal_assistance", _("Personal assistance")
    RESPITE = "respite", _("Respite care")
    COUNSELLING = "counselling", _("Counselling")
    SOS_LINE = "sos_line", _("SOS helpline")
    SHELTER = "shelter", _("Shelter")
    OTHER = "other", _("Other service")


class ProviderKind(models.TextChoices):
    PUBLIC = "public", _("Public")
    CIVIL = "civil", _("Civil society")
    PRIVATE = "private", _("Private")


class ProvisionSpan(models.TextChoices):
    CONTINUOUS = "continuous", _("Continuous")
    OCCASIONAL = "occasional", _("Occasional")
    PROJECT = "project", _("Project-based")


class FundingSource(models.TextChoices):
    LOCAL = "local", _("Local budget")
    PROVINCE = "province", _("Province")
    EARMARKED = "earmarked", _("Republic earmarked transfer")
    DONORS = "donors", _("Donors or a project")
    OTHER = "other", _("Other source")


# The sectors a local service works with, each a yes/no field of its own: four fixed
# sectors are filtered and counted like any other column, which a list in JSON is not.
SECTORS = (
    ("cooperates_health", _("Health")),
    ("cooperates_education", _("Education")),
    ("cooperates_police", _("Police")),
    ("cooperates_civil_society", _("Civil society")),
)


class LocalServiceQuerySet(models.QuerySet):
    def published(self) -> "LocalServiceQuerySet":
        return self.filter(mapping__status=MappingStatus.PUBLISHED)


class LocalService(models.Model):
    """A local social service of one municipality in one round of the mapping: figures
    only, never a service user's name or anything that could tell who they are."""

    mapping = models.ForeignKey(
        ServiceMapping,
        verbose_name=_("service mapping"),
        on_delete=models.CASCADE,
        related_name="services",
    )
    municipality = models.ForeignKey(
        Municipality,
        verbose_name=_("municipality"),
        on_delete=models.PROTECT,
        related_name="local_services",
    )
    kind = models.CharField(_("kind of service"), max_length=32, choices=ServiceKind.choices)
    name = models.CharField(_("name of the service"), max_length=255)
    provider = models.ForeignKey(
        Institution,
        verbose_name=_("provider from the directory"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="local_services",
    )
    provider_name = models.CharField(
        _("provider's name"),
        max_length=255,
        blank=True,
        help_text=_("When the provider is not in the directory of institutions."),
    )
    provider_kind = models.CharField(
        _("kind of provider"), max_length=16, choices=ProviderKind.choices
    )
    users = models.PositiveIntegerField(_("users"), default=0)
    capacity = models.PositiveIntegerField(_("capacity"), default=0)
    span = models.CharField(
        _("time span of provision"),
        max_length=16,
        choices=ProvisionSpan.choices,
        default=ProvisionSpan.CONTINUOUS,
    )
    funding = models.DecimalField(
        _("funding (RSD)"),
        max_digits=14,
        decimal_places=2,
        default=Decimal("0"),
        validators=[MinValueValidator(Decimal("0"))],
    )
    funding_source = models.CharField(
        _("source of funding"),
        max_length=16,
        choices=FundingSource.choices,
        default=FundingSource.LOCAL,
    )
    is_licensed = models.BooleanField(_("licensed"), default=False)
    cooperates_health = models.BooleanField(_("cooperates with health"), default=False)
    cooperates_education = models.BooleanField(_("cooperates with education"), default=False)
    cooperates_police = models.BooleanField(_("cooperates with the police"), default=False)
    cooperates_civil_society = models.BooleanField(
        _("cooperates with civil society"), default=False
    )
    is_innovative = models.BooleanField(_("innovative programme"), default=False)
    innovation = models.TextField(_("the innovative programme"), blank=True)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    objects = LocalServiceQuerySet.as_manager()

    class Meta:
        ordering = ["municipality__name", "kind", "name"]
        verbose_name = _("local social service")
        verbose_name_plural = _("local social services")
        constraints = [
            # An import matches a row to a service by these three: they must name one.
            models.UniqueConstraint(
                fields=["mapping", "municipality", "kind", "name"],
                name="local_service_unique_in_mapping",
            ),
            models.CheckConstraint(condition=Q(users__gte=0), name="local_service_users_gte_0"),
            models.CheckConstraint(
                condition=Q(capacity__gte=0), name="local_service_capacity_gte_0"
            ),
            models.CheckConstraint(condition=Q(funding__gte=0), name="local_service_funding_gte_0"),
            models.CheckConstraint(
                condition=Q(provider__isnull=False) | ~Q(provider_name=""),
                name="local_service_has_provider",
            ),
        ]
        indexes = [models.Index(fields=["mapping", "municipality"])]

    def __str__(self) -> str:
        return self.name

    def clean(self) -> None:
        errors = {}
        if self.provider_id is None and not self.provider_name.strip():
            errors["provider_name"] = _("Choose the provider from the directory or write its name.")
        if self.is_innovative and not self.innovation.strip():
            errors["innovation"] = _("Describe the innovative programme.")
        if errors:
            raise ValidationError(errors)

    @property
    def provider_label(self) -> str:
        return self.provider.name if self.provider_id else self.provider_name

    @property
    def sectors(self) -> list[str]:
        """The sectors it works with, by name."""
        return [str(label) for name, label in SECTORS if getattr(self, name)]
