"""Reads for event sign-up: the personal links, an event's registrations for staff,
counts, and the public view of seats."""

import re
from dataclasses import dataclass

from django.conf import settings
from django.core import signing
from django.core.paginator import Page, Paginator
from django.db.models import Count, OuterRef, Prefetch, Q, QuerySet, Subquery
from django.db.models.functions import Coalesce

from pzss.core.models import (
    SEAT_STATUSES,
    WAITLIST_ORDERING,
    Activity,
    Institution,
    Registration,
    RegistrationStatus,
)
from pzss.events.models import Attendance, Certificate, EventSignup
from pzss.lib.roles import is_staff_member
from pzss.lib.search import text_search

# --- personal links --------------------------------------------------------------------------

TOKEN_SALT = "pzss.core.registration-link"  # noqa: S105 (a salt, not a secret)
# A personal link works for this long after it was sent (each e-mail signs it afresh).
TOKEN_MAX_AGE = 60 * 60 * 24 * 400
REGISTRATION_PATH = "/registrations/{token}/"  # the public contract: e-mailed links
CERTIFICATE_PATH = "/certificates/{code}/"


def _signer() -> signing.TimestampSigner:
    # "." never occurs in the token (URL-safe base64) nor in the signature: a clean path.
    return signing.TimestampSigner(salt=TOKEN_SALT, sep=".")


def signed_token(registration: Registration) -> str:
    return _signer().sign(registration.token)


def registration_by_signed_token(signed: str) -> Registration | None:
    """The registration of a personal link, or None if the link was tampered with or has
    expired (the caller answers 404 either way)."""
    try:
        token = _signer().unsign(signed, max_age=TOKEN_MAX_AGE)
    except signing.BadSignature:
        return None
    return (
        Registration.objects.select_related(
            "activity", "activity__municipality", "person", "institution", "certificate"
        )
        .filter(token=token)
        .first()
    )


def manage_url(registration: Registration) -> str:
    return settings.SITE_URL + REGISTRATION_PATH.format(token=signed_token(registration))


def certificate_url(certificate: Certificate) -> str:
    return settings.SITE_URL + CERTIFICATE_PATH.format(code=certificate.code)


def event_url(activity: Activity) -> str:
    return f"{settings.SITE_URL}/events/{activity.pk}/"


# --- seats -----------------------------------------------------------------------------------


@dataclass(frozen=True)
class Counts:
    confirmed: int = 0
    pending: int = 0
    waitlisted: int = 0
    cancelled: int = 0
    rejected: int = 0
    attended: int = 0
    absent: int = 0

    @property
    def seats_taken(self) -> int:
        return self.confirmed + self.pending + self.attended + self.absent


def registration_counts(activity: Activity) -> Counts:
    rows = (
        Registration.objects.filter(activity=activity)
        .values("status")
        .annotate(n=Count("id"))
        .values_list("status", "n")
    )
    return Counts(**{status: n for status, n in rows if status in Counts.__dataclass_fields__})


def with_seats_taken(qs: QuerySet[Activity]) -> QuerySet[Activity]:
    """Annotate `seats_taken_count` (one aggregate in the same query)."""
    return qs.annotate(
        seats_taken_count=Count("registrations", filter=Q(registrations__status__in=SEAT_STATUSES))
    )


# The public pages that show seats left, as topics of the public page cache: the event list
# shows every event's ("seats"), an event's page its own ("seats:<pk>"). A registration's
# save refreshes these (pzss.events.apps) and leaves the other public pages cached.
SEATS_TOPIC = "seats"


def event_seats_topic(activity_id: int) -> str:
    return f"{SEATS_TOPIC}:{activity_id}"


def registration_seat_topics(registration: Registration) -> tuple[str, str]:
    return SEATS_TOPIC, event_seats_topic(registration.activity_id)


def seats_left(activity: Activity) -> int | None:
    if activity.capacity is None:
        return None
    taken = getattr(activity, "seats_taken_count", None)
    if taken is None:
        taken = Registration.objects.filter(activity=activity).holding_seat().count()
    return max(activity.capacity - taken, 0)


def waitlist_position(registration: Registration) -> int | None:
    """The place on the waiting list as the service promotes (1 = next to get a seat):
    one query that counts who is ahead in WAITLIST_ORDERING, read from the database (not
    from the instance, which a move of the list may have left behind); None when the
    registration is not waiting."""
    if registration.status != RegistrationStatus.WAITLISTED:
        return None
    # Ahead in (a, b, c) order: a smaller a, or the same a and a smaller b, or ...
    before = Q()
    for i, name in enumerate(WAITLIST_ORDERING):
        same = {earlier: OuterRef(earlier) for earlier in WAITLIST_ORDERING[:i]}
        before |= Q(**same, **{f"{name}__lt": OuterRef(name)})
    ahead = Registration.objects.filter(
        before, activity_id=OuterRef("activity_id"), status=RegistrationStatus.WAITLISTED
    )
    counted = (
        Registration.objects.filter(pk=registration.pk, status=RegistrationStatus.WAITLISTED)
        .annotate(
            ahead=Coalesce(
                Subquery(
                    ahead.order_by().values("activity_id").annotate(n=Count("id")).values("n")
                ),
                0,
            )
        )
        .values_list("ahead", flat=True)
        .first()
    )
    return None if counted is None else counted + 1


def with_waitlist_places(
    registrations: list[Registration], activity: Activity
) -> list[Registration]:
    """Number the waiting people among `registrations` (a page of them, or any subset) by
    their place in the event's whole waiting list, in the order the service promotes by:
    one query for the list's ids, whatever the page shows."""
    if not any(r.status == RegistrationStatus.WAITLISTED for r in registrations):
        return registrations
    places = {
        pk: place
        for place, pk in enumerate(
            Registration.objects.filter(activity=activity)
            .waitlisted()
            .values_list("pk", flat=True),
            start=1,
        )
    }
    for r in registrations:
        if r.status == RegistrationStatus.WAITLISTED:
            r.place = places.get(r.pk)
    return registrations


# --- staff -----------------------------------------------------------------------------------


def registration_for_user(*, user, pk: int, activity_id: int) -> Registration:
    """One registration of one event, for staff; to anyone else it does not exist."""
    if not is_staff_member(user):
        raise Registration.DoesNotExist
    return Registration.objects.select_related("person", "activity").get(
        pk=pk, activity_id=activity_id
    )


def event_for_user(*, user, pk: int) -> Activity:
    if not is_staff_member(user):
        raise Activity.DoesNotExist
    return (
        Activity.objects.select_related("municipality", "standing_group")
        .prefetch_related("questions")
        .get(pk=pk)
    )


def event_signup(activity: Activity) -> EventSignup | None:
    return EventSignup.objects.filter(activity=activity).prefetch_related("admitted_groups").first()


def event_registrations(*, user, activity: Activity, status: str | None = None):
    """An event's registrations for staff: seat holders first, then the waiting list in
    its order, then the rest. One query with the person, institution and details joined,
    plus one for the attendance marks."""
    if not is_staff_member(user):
        return Registration.objects.none()
    qs = (
        Registration.objects.filter(activity=activity)
        .select_related("person", "institution", "certificate")
        .prefetch_related(Prefetch("attendance", queryset=Attendance.objects.order_by("day")))
    )
    if status:
        qs = qs.filter(status=status)
    if status == RegistrationStatus.WAITLISTED:
        return qs.waitlisted()
    return qs.order_by("person__last_name", "person__first_name", "id")


def event_registrations_page(
    *, user, activity: Activity, status: str | None, number: str | int | None, per_page: int = 100
) -> Page:
    """One page of an event's registrations for staff, the waiting people numbered by
    their place in the whole waiting list. The page shows no attendance marks, so they
    are not prefetched: a query fewer, and no filtered queryset built for every row."""
    registrations = event_registrations(user=user, activity=activity, status=status)
    page = Paginator(registrations.prefetch_related(None), per_page).get_page(number)
    page.object_list = with_waitlist_places(list(page.object_list), activity)
    return page


def attendance_rows(*, user, activity: Activity):
    """Who can be marked present: confirmed, attended and absent registrations."""
    return event_registrations(user=user, activity=activity).markable()


# A verification code as people type it: letters and digits, maybe in groups split by
# dashes or spaces, in either case. Anything else was never a code.
_TYPED_CODE = re.compile(r"[A-Za-z0-9]+(?:[ -]+[A-Za-z0-9]+)*")


def certificate_code_normalised(typed: str) -> str | None:
    """The code as stored (`ABCD…`), "" when nothing was typed, None when what was typed
    cannot be a code."""
    typed = (typed or "").strip()
    if not typed:
        return ""
    if len(typed) > 40 or not _TYPED_CODE.fullmatch(typed):
        return None
    code = typed.upper().replace("-", "").replace(" ", "")
    return code if len(code) <= 20 else None


def certificate_by_code(code: str) -> Certificate | None:
    """The certificate of a code, revoked or not (the page says which), or None."""
    code = certificate_code_normalised(code)
    if not code:
        return None
    return Certificate.objects.filter(code=code).first()


# --- public ----------------------------------------------------------------------------------
# What the public may see: only activities marked public, never cancelled or draft data,
# and never anyone's personal data.


def public_upcoming_activities(
    *, area: int | None = None, kind: str | None = None
) -> QuerySet[Activity]:
    qs = (
        Activity.objects.public()
        .upcoming()
        .select_related("municipality", "signup")
        .order_by("start_date", "start_time", "id")
    )
    if area:
        qs = qs.filter(area=area)
    if kind:
        qs = qs.filter(kind=kind)
    return with_seats_taken(qs)


def public_event(pk: int) -> Activity:
    """An event page: any public activity, upcoming or past (a past one says so)."""
    return with_seats_taken(
        Activity.objects.public()
        .select_related("municipality", "signup")
        .prefetch_related("questions")
    ).get(pk=pk)


def public_event_for_signup(pk: int) -> Activity:
    """What a sign-up POST needs of its event (the sign-up options and questions), without
    the seat count and the municipality that only the page shows (a refused sign-up that
    shows the page again loads the municipality then)."""
    return (
        Activity.objects.public().select_related("signup").prefetch_related("questions").get(pk=pk)
    )


def institution_search(q: str, limit: int = 30) -> QuerySet[Institution]:
    qs = Institution.objects.filter(is_active=True).order_by("name")
    q = (q or "").strip()
    if not q:
        return qs
    return qs.filter(text_search(["name", "short_name"], q))[:limit]
