"""Reads of area IV: the public news, the staff's list of news, a news item's draft made
from a held activity, and the media and campaign fields of an activity."""

from django.core.exceptions import PermissionDenied
from django.core.paginator import Page, Paginator
from django.db.models import Prefetch, QuerySet
from django.utils import translation
from django.utils.formats import date_format

from outreach.models import LEAD_MAX_LENGTH, InformationCampaign, MediaAppearance, NewsItem
from pzss.core.models import Activity, ActivityStatus, Institution, InstitutionKind, Position
from pzss.lib.roles import is_staff_member

PUBLIC_PER_PAGE = 10
STAFF_PER_PAGE = 25


def _require_staff(user) -> None:
    if not is_staff_member(user):
        raise PermissionDenied


# --- public ---------------------------------------------------------------------------


def public_news() -> QuerySet[NewsItem]:
    """Published news whose time has come, newest first."""
    return NewsItem.objects.published().newest_first()


def public_news_page(*, page: str | int | None = 1) -> Page:
    """One page of the public news list. Queries: the count and the page, whatever the
    number of items (the list shows no related rows)."""
    return Paginator(public_news(), PUBLIC_PER_PAGE).get_page(page)


def latest_news(*, count: int = 3) -> list[NewsItem]:
    return list(public_news()[:count])


def area_news(*, area: int, count: int = 5) -> list[NewsItem]:
    """The latest published news of one area of work (one query)."""
    return list(public_news().filter(area=area)[:count])


def public_news_item(*, year: int, slug: str) -> NewsItem:
    """A published news item by its address, with its public related events; a draft or
    one published for later does not exist (NewsItem.DoesNotExist)."""
    return (
        public_news()
        .prefetch_related(
            Prefetch(
                "activities",
                queryset=Activity.objects.public().order_by("-start_date"),
                to_attr="public_activities",
            )
        )
        .get(year=year, slug=slug)
    )


# --- staff ----------------------------------------------------------------------------


def staff_news_page(*, user, page: str | int | None = 1) -> Page:
    """Every news item, last changed first. Queries: count and page (constant)."""
    _require_staff(user)
    qs = NewsItem.objects.select_related("created_by").order_by("-updated_at", "-id")
    return Paginator(qs, STAFF_PER_PAGE).get_page(page)


def news_item_for_user(*, user, pk: int) -> NewsItem:
    _require_staff(user)
    return NewsItem.objects.prefetch_related("activities").get(pk=pk)


def news_of_activity(*, activity: Activity) -> list[NewsItem]:
    return list(activity.news_items.order_by("-created_at"))


def media_appearance_of(activity: Activity) -> MediaAppearance | None:
    return MediaAppearance.objects.filter(activity=activity).prefetch_related("speakers").first()


def information_campaign_of(activity: Activity) -> InformationCampaign | None:
    return InformationCampaign.objects.filter(activity=activity).first()


# --- a news item from a held activity ---------------------------------------------------

# Who took part, in the plural the news page writes ("Присуствовали су супервизори …").
# Serbian content, as the body it goes into; people of positions not named here are
# "представници" of their institutions.
POSITION_PLURAL = {
    Position.SUPERVISOR: "супервизори",
    Position.CASE_MANAGER: "водитељи случаја",
    Position.LAWYER: "правници",
    Position.DIRECTOR: "директори",
    Position.MANAGER: "руководиоци служби",
    Position.PSYCHOLOGIST: "психолози",
    Position.SOCIAL_WORKER: "социјални радници",
    Position.PEDAGOGUE: "педагози",
    Position.STUDENT: "студенти",
}
CSW_PREFIX = "ЦСР "


def serbian_date(day) -> str:
    """14.12.2020. — the way the institute writes a date, whatever the reader's language
    (the text goes into a Serbian news item)."""
    return date_format(day, "d.m.Y.")


def _joined(items: list[str]) -> str:
    """ "А, Б и В"."""
    if len(items) <= 1:
        return "".join(items)
    return ", ".join(items[:-1]) + " и " + items[-1]


def institutions_phrase(institutions: list[Institution]) -> str:
    """Centres for social work named once as the seed does — "ЦСР Врбас, Апатин, Кула" —
    and the other institutions by their short name, in the order given."""
    csw = [
        i for i in institutions if i.kind == InstitutionKind.CSW and i.name.startswith(CSW_PREFIX)
    ]
    others = [i for i in institutions if i not in csw]
    parts = [i.name.removeprefix(CSW_PREFIX) for i in csw]
    if parts:
        parts[0] = CSW_PREFIX + parts[0]
    parts += [i.short_name or i.name for i in others]
    return _joined(parts)


def news_draft_from_activity(*, user, activity: Activity) -> dict:
    """What a news item of this held activity starts with: its title, a lead with the date
    and place, and a body that says how many took part and from which institutions.
    Participants are those marked present, or — where attendance was not marked — those
    on the activity. Queries: the participants with their institutions, and the
    activity's institutions when no participant names one."""
    _require_staff(user)
    if activity.status != ActivityStatus.HELD:
        raise PermissionDenied
    registrations = list(
        activity.registrations.participating().select_related("institution", "person")
    )
    attended = [r for r in registrations if r.status == "attended"]
    present = attended or registrations
    institutions: list[Institution] = []
    for r in sorted(present, key=lambda r: r.pk):
        inst = r.institution or r.person.institution
        if inst is not None and inst not in institutions:
            institutions.append(inst)
    if not institutions:
        institutions = list(activity.institutions.order_by("name"))

    date = serbian_date(activity.start_date)
    if activity.end_date and activity.end_date != activity.start_date:
        date = f"{serbian_date(activity.start_date)} – {serbian_date(activity.end_date)}"
    where = "онлајн" if activity.online else (activity.place or "")
    if activity.municipality and activity.municipality.name not in where and not activity.online:
        where = f"{where}, {activity.municipality.name}" if where else activity.municipality.name
    with translation.override("sr"):
        # The item is written in Serbian whatever the editor's page language.
        kind = str(activity.get_kind_display())
    # A title that quotes a name already ("Округли сто „Вештине…“") is not quoted again.
    title = activity.title if "„" in activity.title else f"„{activity.title}“"
    lead = f"{date} одржана је активност {title} ({kind.lower()})."
    if where:
        lead = lead[:-1] + f", место одржавања: {where}."

    # The lead stands above the body on the page: the body goes on from it.
    paragraphs = []
    if present:
        positions = {r.position for r in present if r.position}
        named = [POSITION_PLURAL[p] for p in POSITION_PLURAL if p in positions]
        who = _joined(named) if named and len(positions) == len(named) else "представници"
        sentence = f"Присуствовали су {who}"
        if institutions:
            sentence += f" {institutions_phrase(institutions)}"
        paragraphs.append(f"{sentence}. Укупно учесника: {len(present)}.")
    elif institutions:
        paragraphs.append(f"Активношћу су обухваћени {institutions_phrase(institutions)}.")
    if activity.outcome.strip():
        paragraphs.append(activity.outcome.strip())
    return {
        "title": activity.title[:200],
        "lead": lead[:LEAD_MAX_LENGTH],
        "body": "\n\n".join(paragraphs) or lead,
        "area": activity.area,
        "activities": [activity],
    }
