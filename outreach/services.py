"""Writes of area IV: news items (create, edit, publish, unpublish, the beat's announcement
of the ones published for later), and the fields of media appearances and information
campaigns."""

from dataclasses import dataclass
from typing import Any

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from outreach.models import (
    InformationCampaign,
    MediaAppearance,
    NewsItem,
    NewsStatus,
)
from outreach.pictures import checked_picture
from outreach.sanitise import Sanitised, sanitise
from pzss.core.audit import audit_log, diff, snapshot
from pzss.core.models import Activity, ActivityKind
from pzss.lib import public_cache, slugs

# What the news form edits, and what the audit trail records of it.
NEWS_FIELDS = ["title", "lead", "body", "picture_alt", "area", "published_at"]
AUDITED_FIELDS = [*NEWS_FIELDS, "status", "year", "slug"]
SLUG_MAX = 80


@dataclass
class NewsResult:
    item: NewsItem
    sanitised: Sanitised


def slug_base(title: str) -> str:
    """The item's address in its year, from its title: "Округли сто у Сомбору" →
    "okrugli-sto-u-somboru"."""
    return slugs.slug_base(title, fallback="vest", max_length=SLUG_MAX)


def _free_slug(*, year: int, base: str, exclude_pk: int | None) -> str:
    """`base`, or `base-2`, `base-3`, … — the first that no other item of `year` has."""
    taken = NewsItem.objects.filter(year=year).exclude(pk=exclude_pk)
    return slugs.free_slug(taken, base, max_length=SLUG_MAX)


def _year_of(item: NewsItem) -> int:
    when = item.published_at or timezone.now()
    return timezone.localtime(when).year


def _save_placed(
    item: NewsItem, *, keep_address: bool = False, update_fields: list[str] | None = None
) -> None:
    """Save, with a slug free in the item's year. An item that was already public keeps
    its address (`keep_address`); a draft's follows its title and publication time. Two
    editors saving the same title at the same moment both pass the check; the unique
    constraint then refuses the second, which tries the next free slug (in a savepoint,
    so the transaction goes on)."""
    placed = keep_address and bool(item.slug)
    if not placed:
        item.year = _year_of(item)
    base = item.slug if placed else slug_base(item.title)
    for _attempt in range(5):
        if not placed:
            item.slug = _free_slug(year=item.year, base=base, exclude_pk=item.pk)
        try:
            with transaction.atomic():
                if update_fields is None:
                    item.save()
                else:
                    item.save(update_fields=[*update_fields, "year", "slug", "updated_at"])
            return
        except IntegrityError:
            if placed:
                raise
    raise ValidationError(_("Another news item took this address; save again."))


def _apply(item: NewsItem, *, data: dict[str, Any], picture) -> Sanitised:
    unknown = set(data) - set(NEWS_FIELDS)
    if unknown:
        raise ValueError(f"not editable here: {', '.join(sorted(unknown))}")
    for name, value in data.items():
        setattr(item, name, value)
    cleaned = sanitise(item.body)
    item.body = cleaned.html
    if picture is not None:
        try:
            checked = checked_picture(picture)
        except ValidationError as exc:
            raise ValidationError({"picture": exc.messages}) from exc
        item.picture = checked.file  # saved under picture_path when the item is saved
    return cleaned


@transaction.atomic
def news_create(
    *, user, data: dict[str, Any], picture=None, activities=(), publish: bool = False
) -> NewsResult:
    """A new news item, a draft unless `publish`. The body is sanitised; `picture`, an
    upload, is checked and re-encoded (no EXIF)."""
    item = NewsItem(created_by=user)
    cleaned = _apply(item, data=data, picture=picture)
    if publish:
        _mark_published(item)
    item.year = _year_of(item)
    item.slug = item.slug or slug_base(item.title)
    item.full_clean(exclude=["slug", "created_by"])
    _save_placed(item)
    item.activities.set(activities)
    audit_log(
        actor=user,
        action="news_create",
        obj=item,
        changes={k: [None, v] for k, v in snapshot(item, AUDITED_FIELDS).items()},
        comment=_removed_comment(cleaned),
    )
    return NewsResult(item, cleaned)


@transaction.atomic
def news_update(
    *,
    user,
    item: NewsItem,
    data: dict[str, Any],
    picture=None,
    remove_picture=False,
    activities=None,
) -> NewsResult:
    item = NewsItem.objects.select_for_update().get(pk=item.pk)
    before = snapshot(item, AUDITED_FIELDS)
    old_picture = item.picture.name if item.picture else ""
    cleaned = _apply(item, data=data, picture=picture)
    if remove_picture and picture is None:
        item.picture = ""
        item.picture_alt = ""
    if item.status == NewsStatus.PUBLISHED:
        now = timezone.now()
        item.published_at = item.published_at or now
        # Moved to a later time: hidden until then, and announced by beat when it comes.
        if item.published_at > now:
            item.public_since = None
        elif item.public_since is None:
            item.public_since = now
    item.full_clean(exclude=["slug", "year", "created_by"])
    was_public = before["status"] == NewsStatus.PUBLISHED
    _save_placed(item, keep_address=was_public and item.status == NewsStatus.PUBLISHED)
    if activities is not None:
        item.activities.set(activities)
    changes = diff(before, snapshot(item, AUDITED_FIELDS))
    new_picture = item.picture.name if item.picture else ""
    if new_picture != old_picture:
        changes["picture"] = [old_picture or None, new_picture or None]
        if old_picture:
            # The replaced file goes once the change is committed (a rollback keeps it).
            storage = item.picture.storage
            transaction.on_commit(lambda: storage.delete(old_picture))
    if changes or cleaned.changed:
        audit_log(
            actor=user,
            action="news_update",
            obj=item,
            changes=changes,
            comment=_removed_comment(cleaned),
        )
    return NewsResult(item, cleaned)


def _mark_published(item: NewsItem) -> None:
    now = timezone.now()
    item.status = NewsStatus.PUBLISHED
    if item.published_at is None:
        item.published_at = now
    # Shown at once if its time has come; one for later is announced by beat then.
    item.public_since = now if item.published_at <= now else None


@transaction.atomic
def news_publish(*, user, item: NewsItem) -> NewsItem:
    """Published now, or at its publication time if that is later. Publishing a
    published item changes nothing."""
    item = NewsItem.objects.select_for_update().get(pk=item.pk)
    if item.status == NewsStatus.PUBLISHED:
        return item
    _mark_published(item)
    item.full_clean(exclude=["slug", "year", "created_by"])
    _save_placed(item, update_fields=["status", "published_at", "public_since"])
    audit_log(
        actor=user,
        action="news_publish",
        obj=item,
        changes={"status": [NewsStatus.DRAFT, NewsStatus.PUBLISHED]},
    )
    return item


@transaction.atomic
def news_unpublish(*, user, item: NewsItem) -> NewsItem:
    """Back to a draft: gone from the public pages at once (the save refreshes them)."""
    item = NewsItem.objects.select_for_update().get(pk=item.pk)
    if item.status == NewsStatus.DRAFT:
        return item
    item.status = NewsStatus.DRAFT
    item.public_since = None
    item.save(update_fields=["status", "public_since", "updated_at"])
    audit_log(
        actor=user,
        action="news_unpublish",
        obj=item,
        changes={"status": [NewsStatus.PUBLISHED, NewsStatus.DRAFT]},
    )
    return item


def news_announce_due(*, now=None) -> int:
    """News published for a time that has now come: mark them shown and refresh the
    public pages, once. What the public sees never depends on this (the public selector
    compares the time itself); it makes the cached pages show the item at its time
    rather than when they expire. Safe to run twice: the second run finds nothing
    unannounced and bumps nothing."""
    now = now or timezone.now()
    announced = NewsItem.objects.filter(
        status=NewsStatus.PUBLISHED, published_at__lte=now, public_since__isnull=True
    ).update(public_since=now)
    if announced:
        # `update()` sends no post_save: the public pages are refreshed here.
        public_cache.bump()
    return announced


def _removed_comment(cleaned: Sanitised) -> str:
    return cleaned.removed_summary() if cleaned.changed else ""


# --- media appearances and information campaigns --------------------------------------

MEDIA_FIELDS = ["outlet", "media_kind", "topic", "link"]
CAMPAIGN_FIELDS = ["goal", "channels", "materials", "reach"]


def _require_kind(activity: Activity, kind: str) -> None:
    if activity.kind != kind:
        raise ValidationError(
            _("This activity is a “%(kind)s”, not a “%(wanted)s”.")
            % {"kind": activity.get_kind_display(), "wanted": ActivityKind(kind).label}
        )


@transaction.atomic
def media_appearance_save(
    *, user, activity: Activity, data: dict[str, Any], speakers
) -> MediaAppearance:
    """The media appearance's own fields on its activity (created the first time)."""
    _require_kind(activity, ActivityKind.MEDIA_APPEARANCE)
    appearance = MediaAppearance.objects.filter(activity=activity).first()
    created = appearance is None
    appearance = appearance or MediaAppearance(activity=activity)
    before = {} if created else snapshot(appearance, MEDIA_FIELDS)
    before_speakers = [] if created else sorted(str(u) for u in appearance.speakers.all())
    for name in MEDIA_FIELDS:
        setattr(appearance, name, data[name])
    appearance.full_clean()
    appearance.save()
    appearance.speakers.set(speakers)
    changes = diff(before, snapshot(appearance, MEDIA_FIELDS))
    changes.update(
        diff({"speakers": before_speakers}, {"speakers": sorted(str(u) for u in speakers)})
    )
    if changes:
        audit_log(actor=user, action="media_appearance_save", obj=activity, changes=changes)
    return appearance


@transaction.atomic
def information_campaign_save(
    *, user, activity: Activity, data: dict[str, Any]
) -> InformationCampaign:
    """The campaign's own fields on its activity (created the first time)."""
    _require_kind(activity, ActivityKind.INFORMATION_CAMPAIGN)
    campaign = InformationCampaign.objects.filter(activity=activity).first()
    created = campaign is None
    campaign = campaign or InformationCampaign(activity=activity)
    before = {} if created else snapshot(campaign, CAMPAIGN_FIELDS)
    for name in CAMPAIGN_FIELDS:
        setattr(campaign, name, data[name])
    campaign.full_clean()
    campaign.save()
    changes = diff(before, snapshot(campaign, CAMPAIGN_FIELDS))
    if changes:
        audit_log(actor=user, action="information_campaign_save", obj=activity, changes=changes)
    return campaign
