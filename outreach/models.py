import uuid

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from pzss.core.models import Area
from pzss.lib.validators import RangeValidator

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
