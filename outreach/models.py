"""Area IV: news of what the institute did, the media appearances and information
campaigns it records as activities of its own, and the library of its publications."""

import uuid

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxLengthValidator
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from pzss.core.models import Activity, Area
from pzss.lib.validators import RangeValidator, validate_plausible_date

# The longest body a news item may have: the seed's longest item is under 2,000
# characters, so fifty thousand is a pasted document, not news.
BODY_MAX_LENGTH = 50_000
LEAD_MAX_LENGTH = 600


class NewsStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    PUBLISHED = "published", _("Published")


class NewsItemQuerySet(models.QuerySet):
    def published(self, now=None) -> "NewsItemQuerySet":
        """What the public sees: published, and its publication time has come. A news
        item published for a later time is not shown before it (no task has to run)."""
        return self.filter(status=NewsStatus.PUBLISHED, published_at__lte=now or timezone.now())

    def newest_first(self) -> "NewsItemQuerySet":
        return self.order_by("-published_at", "-id")


def picture_path(instance: "NewsItem", filename: str) -> str:
    # The stored name never comes from the user; the extension is the re-encoded format's.
    ext = filename.rsplit(".", 1)[-1].lower() if "." in filename else "jpg"
    return f"news/{uuid.uuid4().hex}.{ext}"


class NewsItem(models.Model):
    title = models.CharField(_("title"), max_length=200)
    # The address is /news/<year>/<slug>/: a slug is unique within its year.
    year = models.PositiveSmallIntegerField(_("year"), validators=[RangeValidator(2000, 2100)])
    slug = models.SlugField(_("slug"), max_length=80)
    lead = models.TextField(
        _("lead"), max_length=LEAD_MAX_LENGTH, validators=[MaxLengthValidator(LEAD_MAX_LENGTH)]
    )
    # Sanitised HTML (outreach.sanitise): only what `sanitise` allows is ever stored.
    body = models.TextField(_("body"), blank=True, validators=[MaxLengthValidator(BODY_MAX_LENGTH)])
    picture = models.ImageField(
        _("picture"),
        upload_to=picture_path,
        blank=True,
        width_field="picture_width",
        height_field="picture_height",
    )
    picture_width = models.PositiveIntegerField(null=True, blank=True, editable=False)
    picture_height = models.PositiveIntegerField(null=True, blank=True, editable=False)
    picture_alt = models.CharField(
        _("alternative text of the picture"),
        max_length=250,
        blank=True,
        help_text=_(
            "What the picture shows, for those who cannot see it. Required with a picture."
        ),
    )
    area = models.PositiveSmallIntegerField(_("area"), choices=Area.choices, null=True, blank=True)
    activities = models.ManyToManyField(
        Activity, verbose_name=_("related activities"), blank=True, related_name="news_items"
    )
    status = models.CharField(
        _("status"), max_length=16, choices=NewsStatus.choices, default=NewsStatus.DRAFT
    )
    published_at = models.DateTimeField(
        _("publication time"),
        null=True,
        blank=True,
        validators=[validate_plausible_date],
        help_text=_("Leave empty to publish at once; a later time publishes it then."),
    )
    # When the public pages first showed it: set at once by an immediate publication, by
    # the beat task (`outreach.tasks.announce_due_news`) for one published for later.
    public_since = models.DateTimeField(_("shown publicly since"), null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("created by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    objects = NewsItemQuerySet.as_manager()

    class Meta:
        ordering = ["-published_at", "-id"]
        verbose_name = _("news item")
        verbose_name_plural = _("news")
        constraints = [
            models.UniqueConstraint(fields=["year", "slug"], name="news_unique_slug_in_year"),
            models.CheckConstraint(
                condition=Q(status="draft") | Q(published_at__isnull=False),
                name="news_published_has_time",
            ),
            models.CheckConstraint(
                condition=Q(picture="") | ~Q(picture_alt=""), name="news_picture_has_alt"
            ),
        ]
        indexes = [models.Index(fields=["status", "published_at"])]

    def __str__(self) -> str:
        return self.title

    def clean(self) -> None:
        if self.picture and not self.picture_alt.strip():
            raise ValidationError(
                {"picture_alt": _("Say what the picture shows: the alternative text is required.")}
            )
        if self.status == NewsStatus.PUBLISHED and self.published_at is None:
            raise ValidationError({"published_at": _("A published news item needs a time.")})

    @property
    def is_public(self) -> bool:
        return (
            self.status == NewsStatus.PUBLISHED
            and self.published_at is not None
            and self.published_at <= timezone.now()
        )

    @property
    def is_scheduled(self) -> bool:
        return (
            self.status == NewsStatus.PUBLISHED
            and self.published_at is not None
            and self.published_at > timezone.now()
        )

    @property
    def state(self) -> str:
        """draft, scheduled or published: for the staff list's badge."""
        if self.status == NewsStatus.DRAFT:
            return "draft"
        return "scheduled" if self.is_scheduled else "published"


# --- media appearances and information campaigns: area IV activities ------------------


class MediaKind(models.TextChoices):
    TV = "tv", _("Television")
    RADIO = "radio", _("Radio")
    PRINT = "print", _("Print")
    WEB = "web", _("Web")


class MediaAppearance(models.Model):
    """An activity of kind "media appearance" and what only it has: where, on what, by
    whom. Its date is the activity's."""

    activity = models.OneToOneField(
        Activity,
        verbose_name=_("activity"),
        on_delete=models.CASCADE,
        primary_key=True,
        related_name="media_appearance",
    )
    outlet = models.CharField(_("outlet"), max_length=200, help_text=_("RTV, Dnevnik, …"))
    media_kind = models.CharField(_("kind of media"), max_length=8, choices=MediaKind.choices)
    topic = models.CharField(_("topic"), max_length=300)
    speakers = models.ManyToManyField(
        settings.AUTH_USER_MODEL, verbose_name=_("who spoke"), blank=True, related_name="+"
    )
    link = models.URLField(_("link"), max_length=500, blank=True)

    class Meta:
        verbose_name = _("media appearance")
        verbose_name_plural = _("media appearances")

    def __str__(self) -> str:
        return f"{self.outlet}: {self.topic}"


class CampaignChannel(models.TextChoices):
    WEB = "web", _("Web site")
    SOCIAL = "social", _("Social networks")
    MEDIA = "media", _("Media")
    EMAIL = "email", _("E-mail")
    PRINTED = "printed", _("Printed materials")
    EVENTS = "events", _("Events")


class InformationCampaign(models.Model):
    """An activity of kind "information campaign": its goal, channels, materials and
    reach. Its period is the activity's dates."""

    activity = models.OneToOneField(
        Activity,
        verbose_name=_("activity"),
        on_delete=models.CASCADE,
        primary_key=True,
        related_name="information_campaign",
    )
    goal = models.TextField(_("goal"), validators=[MaxLengthValidator(2000)])
    channels = models.JSONField(_("channels"), default=list, blank=True)
    materials = models.TextField(_("materials"), blank=True, validators=[MaxLengthValidator(2000)])
    reach = models.PositiveIntegerField(
        _("reach"),
        null=True,
        blank=True,
        validators=[RangeValidator(0, 10_000_000)],
        help_text=_("About how many people the campaign reached."),
    )

    class Meta:
        verbose_name = _("information campaign")
        verbose_name_plural = _("information campaigns")

    def __str__(self) -> str:
        return str(self.activity)

    def clean(self) -> None:
        if not isinstance(self.channels, list) or not set(self.channels) <= set(
            CampaignChannel.values
        ):
            raise ValidationError({"channels": _("Choose the channels from the list.")})

    def channel_labels(self) -> list[str]:
        return [str(CampaignChannel(c).label) for c in self.channels if c in CampaignChannel.values]


# --- the library: publications and their files ------------------------------------------


class PublicationKind(models.TextChoices):
    REPORT = "report", _("Report")
    ANALYSIS = "analysis", _("Analysis")
    RESEARCH_RESULTS = "research_results", _("Research results")
    GUIDE = "guide", _("Guide")
    LEAFLET = "leaflet", _("Leaflet")
    WORK_PROGRAMME = "work_programme", _("Work programme")
    REALISATION_REPORT = "realisation_report", _("Report on the realisation of the programme")


class PublicationStatus(models.TextChoices):
    DRAFT = "draft", pgettext_lazy("publication", "Draft")
    PUBLISHED = "published", pgettext_lazy("publication", "Published")


class PublicationLanguage(models.TextChoices):
    SR_CYRL = "sr-Cyrl", _("Serbian (Cyrillic)")
    SR_LATN = "sr-Latn", _("Serbian (Latin)")
    EN = "en", _("English")


class PublicationQuerySet(models.QuerySet):
    def published(self):
        return self.filter(status=PublicationStatus.PUBLISHED)


class Publication(models.Model):
    """A report, analysis, guide … of the institute, in the public library once published.

    `source_key` is set when the publication comes from another app's published work (a
    year's work programme, "programme:2021"): its next version updates this entry."""

    title = models.CharField(_("title"), max_length=300)
    slug = models.SlugField(_("address"), max_length=120, unique=True)
    kind = models.CharField(_("kind"), max_length=24, choices=PublicationKind.choices)
    year = models.PositiveSmallIntegerField(_("year"), validators=[RangeValidator(2000, 2100)])
    authors = models.CharField(
        _("authors"),
        max_length=500,
        blank=True,
        help_text=_("Names separated by commas; empty when the institute is the author."),
    )
    abstract = models.TextField(_("abstract"), max_length=5000, blank=True)
    area = models.PositiveSmallIntegerField(_("area"), choices=Area.choices, null=True, blank=True)
    goal = models.ForeignKey(
        "programme.Goal",
        verbose_name=_("programme goal"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    language = models.CharField(
        _("written in"),
        max_length=8,
        choices=PublicationLanguage.choices,
        default=PublicationLanguage.SR_CYRL,
    )
    status = models.CharField(
        _("status"),
        max_length=12,
        choices=PublicationStatus.choices,
        default=PublicationStatus.DRAFT,
    )
    published_at = models.DateTimeField(_("published"), null=True, blank=True)
    source_key = models.CharField(max_length=60, null=True, blank=True, unique=True, editable=False)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    objects = PublicationQuerySet.as_manager()

    class Meta:
        ordering = ["-year", "-published_at", "-pk"]
        verbose_name = _("publication")
        verbose_name_plural = _("publications")
        indexes = [models.Index(fields=["status", "year", "kind"], name="outreach_pub_facets")]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("outreach:publication", kwargs={"slug": self.slug})

    @property
    def is_published(self) -> bool:
        return self.status == PublicationStatus.PUBLISHED

    @property
    def area_roman(self) -> str:
        return Area(self.area).roman if self.area else ""


class TextStatus(models.TextChoices):
    PENDING = "pending", _("Waiting to be read")
    DONE = "done", _("Read")
    FAILED = "failed", _("Could not be read")


def publication_file_path(instance: "PublicationFile", filename: str) -> str:
    # Never the uploader's name, never guessable: files are served only through a view
    # that checks the publication is published (or the reader is staff).
    return f"library/{uuid.uuid4().hex}.pdf"


class PublicationFile(models.Model):
    """A PDF of a publication: uploaded by staff, or a document the portal rendered (the
    work programme), served as it is once ready."""

    publication = models.ForeignKey(
        Publication, verbose_name=_("publication"), on_delete=models.CASCADE, related_name="files"
    )
    label = models.CharField(_("label"), max_length=200, blank=True)
    file = models.FileField(_("file"), upload_to=publication_file_path, blank=True)
    document = models.ForeignKey(
        "documents.Document",
        verbose_name=_("rendered document"),
        # A file is its document: without it there is nothing to serve (the constraint
        # below), and the published work's next version brings a new one.
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="+",
    )
    original_name = models.CharField(_("file name"), max_length=255, blank=True)
    size = models.PositiveIntegerField(_("size"), null=True, blank=True)
    pages = models.PositiveIntegerField(_("pages"), null=True, blank=True)
    text = models.TextField(_("text"), blank=True)
    text_status = models.CharField(
        _("text"), max_length=12, choices=TextStatus.choices, default=TextStatus.PENDING
    )
    order = models.PositiveSmallIntegerField(_("order"), default=0)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    uploaded_at = models.DateTimeField(_("uploaded"), auto_now_add=True)

    class Meta:
        ordering = ["order", "pk"]
        verbose_name = _("publication file")
        verbose_name_plural = _("publication files")
        constraints = [
            # An uploaded file or a rendered document; a file without either is nothing.
            models.CheckConstraint(
                condition=(Q(document__isnull=True) & ~Q(file=""))
                | (Q(document__isnull=False) & Q(file="")),
                name="publication_file_one_source",
            )
        ]

    def __str__(self) -> str:
        return self.label or self.original_name or str(self.publication)

    def get_absolute_url(self) -> str:
        return reverse(
            "outreach:publication_file", kwargs={"slug": self.publication.slug, "pk": self.pk}
        )

    @property
    def shown_size(self) -> int | None:
        if self.document_id:
            return self.document.size
        return self.size
