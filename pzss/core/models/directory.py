"""The directory: districts, municipalities, institutions, people and the standing groups
the institute works with over years."""

from django.conf import settings
from django.db import models
from django.db.models import Q, Value
from django.db.models.functions import Lower
from django.utils.translation import gettext_lazy as _


class District(models.Model):
    name = models.CharField(_("name"), max_length=100, unique=True)
    seat = models.CharField(_("seat"), max_length=100, blank=True)
    order = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        ordering = ["order", "name"]
        verbose_name = _("district")
        verbose_name_plural = _("districts")

    def __str__(self) -> str:
        return self.name


class Municipality(models.Model):
    district = models.ForeignKey(
        District,
        verbose_name=_("district"),
        on_delete=models.PROTECT,
        related_name="municipalities",
    )
    name = models.CharField(_("name"), max_length=100, unique=True)
    is_city = models.BooleanField(_("city"), default=False)

    class Meta:
        ordering = ["name"]
        verbose_name = _("municipality")
        verbose_name_plural = _("municipalities")

    def __str__(self) -> str:
        return self.name


class InstitutionKind(models.TextChoices):
    CSW = "csw", _("Centre for social work")
    FOSTER_CENTRE = "foster", _("Centre for foster care and adoption")
    CHILDREN_HOME = "children_home", _("Home for children and youth")
    ADULT_HOME = "adult_home", _("Residential institution for adults and the elderly")
    PRIVATE_HOME = "private_home", _("Private home for adults and the elderly")
    LOCAL_PROVIDER = "local_provider", _("Local social service provider")
    SECRETARIAT = "secretariat", _("Provincial secretariat")
    MINISTRY = "ministry", _("Ministry")
    REPUBLIC_INSTITUTE = "republic_institute", _("Republic institute")
    FACULTY = "faculty", _("Faculty")
    PARTNER = "partner", _("Partner organisation")
    CHAMBER = "chamber", _("Chamber")
    LOCAL_GOVERNMENT = "local_government", _("Local government")
    OTHER = "other", _("Other")


class Institution(models.Model):
    name = models.CharField(_("name"), max_length=255, unique=True)
    short_name = models.CharField(_("short name"), max_length=100, blank=True)
    kind = models.CharField(_("kind"), max_length=32, choices=InstitutionKind.choices)
    municipality = models.ForeignKey(
        Municipality,
        verbose_name=_("municipality"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="institutions",
    )
    address = models.CharField(_("address"), max_length=255, blank=True)
    email = models.EmailField(_("e-mail"), blank=True)
    phone = models.CharField(_("phone"), max_length=100, blank=True)
    website = models.CharField(_("website"), max_length=200, blank=True)
    is_active = models.BooleanField(_("active"), default=True)

    class Meta:
        ordering = ["name"]
        verbose_name = _("institution")
        verbose_name_plural = _("institutions")
        indexes = [models.Index(fields=["kind", "name"])]

    def __str__(self) -> str:
        return self.name


class Position(models.TextChoices):
    SUPERVISOR = "supervisor", _("Supervisor")
    CASE_MANAGER = "case_manager", _("Case manager")
    LAWYER = "lawyer", _("Lawyer")
    DIRECTOR = "director", _("Director")
    MANAGER = "manager", _("Head of service")
    PSYCHOLOGIST = "psychologist", _("Psychologist")
    SOCIAL_WORKER = "social_worker", _("Social worker")
    PEDAGOGUE = "pedagogue", _("Pedagogue")
    SECRETARY = "secretary", _("Secretary")
    STUDENT = "student", _("Student")
    OTHER = "other", _("Other")


class PersonQuerySet(models.QuerySet):
    def with_email(self, email: str) -> "PersonQuerySet":
        """The person of this e-mail address, whatever its case: the directory's one
        lookup by e-mail. It compares LOWER(email) and excludes the empty address because
        that is exactly the unique index (`person_unique_email`): `email__iexact` is
        UPPER() = UPPER() on PostgreSQL, which no index answers, so it scanned every
        person. No address finds nobody."""
        email = (email or "").strip()
        if not email:
            return self.none()
        return (
            self.alias(email_lower=Lower("email"))
            .filter(email_lower=Lower(Value(email)))
            .exclude(email="")
        )


class Person(models.Model):
    first_name = models.CharField(_("first name"), max_length=100)
    last_name = models.CharField(_("last name"), max_length=100)
    email = models.EmailField(_("e-mail"), blank=True)
    phone = models.CharField(_("phone"), max_length=50, blank=True)
    institution = models.ForeignKey(
        Institution,
        verbose_name=_("institution"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="people",
    )
    position = models.CharField(_("position"), max_length=32, choices=Position.choices, blank=True)
    licence_number = models.CharField(_("licence number"), max_length=50, blank=True)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    objects = PersonQuerySet.as_manager()

    class Meta:
        ordering = ["last_name", "first_name"]
        verbose_name = _("person")
        verbose_name_plural = _("people")
        constraints = [
            # One person per e-mail address, case-insensitively; people without one are many.
            models.UniqueConstraint(
                Lower("email"), condition=~Q(email=""), name="person_unique_email"
            ),
        ]
        indexes = [models.Index(fields=["last_name", "first_name"])]

    def __str__(self) -> str:
        return self.full_name

    @property
    def full_name(self) -> str:
        return f"{self.first_name} {self.last_name}".strip()


class StandingGroup(models.Model):
    class Kind(models.TextChoices):
        SUPERVISORS = "supervisors", _("Supervisors")
        LAWYERS = "lawyers", _("Lawyers")
        OTHER = "other", _("Other")

    name = models.CharField(_("name"), max_length=200, unique=True)
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    number = models.PositiveSmallIntegerField(_("number"), null=True, blank=True)
    description = models.TextField(_("description"), blank=True)
    institutions = models.ManyToManyField(
        Institution,
        verbose_name=_("member institutions"),
        blank=True,
        related_name="standing_groups",
    )
    members = models.ManyToManyField(
        Person, verbose_name=_("members"), blank=True, related_name="standing_groups"
    )

    class Meta:
        ordering = ["kind", "number", "name"]
        verbose_name = _("standing group")
        verbose_name_plural = _("standing groups")

    def __str__(self) -> str:
        return self.name


class InstitutionAccount(models.Model):
    """A login of an institution's own (a centre for social work reporting its figures):
    the user is in the group `institution` and sees only this institution's data. One
    institution per user, so a person who reports for two centres has two logins — which
    is what keeps every query of theirs to one institution."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("user"),
        on_delete=models.CASCADE,
        related_name="institution_account",
    )
    institution = models.ForeignKey(
        Institution,
        verbose_name=_("institution"),
        on_delete=models.PROTECT,
        related_name="accounts",
    )

    class Meta:
        verbose_name = _("institution account")
        verbose_name_plural = _("institution accounts")

    def __str__(self) -> str:
        return f"{self.user} — {self.institution}"
