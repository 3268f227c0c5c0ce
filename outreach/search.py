"""What the public search finds of area IV: published news (a scheduled item from its
time on) and the library's published publications, their files' text included.

A file's text is read later, by a task that writes it with an UPDATE (no save signal):
when that task ends, its publication's entry is refreshed (`task_postrun`)."""

from celery.signals import task_postrun
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from outreach.models import NewsItem, NewsStatus, Publication, PublicationFile
from pzss.search.indexing import refresh_all
from pzss.search.registry import Entry, register_search_source
from pzss.search.text import html_to_text

TEXT_TASK = "outreach.library.extract_publication_text"


def news_entries(item: NewsItem):
    yield Entry(
        key=str(item.pk),
        title=item.title,
        text=f"{item.lead}\n\n{html_to_text(item.body)}".strip(),
        url=reverse("outreach:news_detail", kwargs={"year": item.year, "slug": item.slug}),
        date=timezone.localdate(item.published_at) if item.published_at else None,
        visible_from=item.published_at,
    )


def publication_entries(publication: Publication):
    parts = [publication.authors, publication.abstract]
    parts += [f.text for f in publication.files.all() if f.text]
    when = publication.published_at
    yield Entry(
        key=str(publication.pk),
        title=publication.title,
        text="\n\n".join(p for p in parts if p),
        url=publication.get_absolute_url(),
        date=timezone.localdate(when) if when else None,
        language=publication.language,
    )


def _file_text_read(sender=None, task=None, args=None, kwargs=None, **extra) -> None:
    if getattr(task, "name", None) != TEXT_TASK:
        return
    file_id = (args or [None])[0] if args else (kwargs or {}).get("file_id")
    publication_id = (
        PublicationFile.objects.filter(pk=file_id).values_list("publication_id", flat=True).first()
    )
    if publication_id is not None:
        refresh_all({"publication": {publication_id}})


def register() -> None:
    register_search_source(
        "news",
        label=_("News"),
        item_label=_("News item"),
        order=10,
        models={NewsItem: lambda item: item.pk},
        queryset=lambda: NewsItem.objects.filter(status=NewsStatus.PUBLISHED),
        entries=news_entries,
    )
    register_search_source(
        "publication",
        label=_("Publications"),
        item_label=_("Publication"),
        order=20,
        models={
            Publication: lambda p: p.pk,
            PublicationFile: lambda f: f.publication_id,
        },
        queryset=lambda: Publication.objects.published().prefetch_related("files"),
        entries=publication_entries,
    )
    task_postrun.connect(_file_text_read, dispatch_uid="pzss-search-publication-text", weak=False)
