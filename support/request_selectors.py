"""Reads of the support requests: the staff list with its filters, one request with its
thread, the requester's view through the signed link (never an internal note), and the
adviser's dashboard panel of overdue and soon-due requests."""

import datetime as dt

from django.contrib.auth import get_user_model
from django.db.models import Count, Prefetch, Q, QuerySet
from django.utils import timezone

from pzss.core.models import Activity, ActivityStatus, Area, Institution
from pzss.lib.roles import is_staff_member
from pzss.lib.signed_links import SignedLink, days
from support.models import RequestFile, RequestMessage, SupportRequest
from support.models.requests import SOON_DUE_DAYS

# The requester's link: a year is long enough to follow a request and its answer.
REQUEST_LINK = SignedLink(salt="support.request", max_age=days(365))
LINK_URL_NAME = "support_public:request"


def request_link(request: SupportRequest) -> str:
    return REQUEST_LINK.url(LINK_URL_NAME, request.token)


def requests_list(*, user, filters: dict) -> QuerySet[SupportRequest]:
    """Staff's list; `filters` are the form's cleaned data (status, adviser, kind,
    institution, overdue). Two queries per page whatever its length: the rows with their
    institution and adviser, and the count."""
    if not is_staff_member(user):
        return SupportRequest.objects.none()
    qs = SupportRequest.objects.select_related("institution", "adviser").annotate(
        message_count=Count("messages", filter=Q(messages__internal=False))
    )
    if filters.get("status"):
        qs = qs.filter(status=filters["status"])
    if filters.get("adviser"):
        qs = qs.filter(adviser=filters["adviser"])
    if filters.get("kind"):
        qs = qs.filter(kind=filters["kind"])
    if filters.get("institution"):
        qs = qs.filter(institution=filters["institution"])
    if filters.get("overdue"):
        qs = qs.filter(pk__in=SupportRequest.objects.overdue().values("pk"))
    # Aggregating drops Meta.ordering: say it, so that pages are stable.
    return (
        qs.order_by("deadline", "-id")
        if filters.get("overdue")
        else qs.order_by("-received_at", "-id")
    )


def _thread(internal: bool):
    messages = RequestMessage.objects.select_related("author").prefetch_related(
        Prefetch("files", queryset=RequestFile.objects.order_by("id"))
    )
    if not internal:
        messages = messages.filter(internal=False)
    return Prefetch("messages", queryset=messages.order_by("created_at", "id"))


def request_detail(*, user, pk: int) -> SupportRequest:
    if not is_staff_member(user):
        raise SupportRequest.DoesNotExist
    return (
        SupportRequest.objects.select_related("institution", "adviser")
        .prefetch_related(
            _thread(internal=True),
            Prefetch("activities", queryset=Activity.objects.order_by("-start_date")),
            "deadline_changes__changed_by",
        )
        .get(pk=pk)
    )


def request_of_link(signed: str) -> SupportRequest | None:
    """The request a requester's link names, with its thread less the internal notes;
    None when the link was tampered with or expired (the view answers 404)."""
    token = REQUEST_LINK.token_of(signed)
    if token is None:
        return None
    return (
        SupportRequest.objects.select_related("institution", "adviser")
        .prefetch_related(_thread(internal=False))
        .filter(token=token)
        .first()
    )


def file_of_link(signed: str, pk: int) -> RequestFile | None:
    token = REQUEST_LINK.token_of(signed)
    if token is None:
        return None
    return (
        RequestFile.objects.filter(pk=pk, message__request__token=token, message__internal=False)
        .select_related("message")
        .first()
    )


def request_file(*, user, pk: int) -> RequestFile | None:
    if not is_staff_member(user):
        return None
    return RequestFile.objects.filter(pk=pk).first()


def linkable_activities(request: SupportRequest) -> QuerySet[Activity]:
    """Area I's activities that could have answered the request: not cancelled, not yet
    linked, the latest first."""
    return (
        Activity.objects.filter(area=Area.SUPPORT)
        .exclude(status=ActivityStatus.CANCELLED)
        .exclude(pk__in=request.activities.values("pk"))
        .order_by("-start_date", "-id")[:200]
    )


def institutions_by_kind() -> list[tuple[str, list[tuple[int, str]]]]:
    """The directory's active institutions grouped by kind, for the public form's select."""
    groups: dict[str, list[tuple[int, str]]] = {}
    labels = {}
    for inst in Institution.objects.filter(is_active=True).order_by("kind", "name"):
        labels[inst.kind] = inst.get_kind_display()
        groups.setdefault(inst.kind, []).append((inst.pk, inst.name))
    return [(str(labels[k]), v) for k, v in groups.items()]


def advisers() -> QuerySet:
    return (
        get_user_model()
        .objects.filter(Q(is_superuser=True) | Q(groups__name__in=["staff", "director"]))
        .filter(is_active=True)
        .distinct()
        .order_by("last_name", "first_name", "username")
    )


def deadlines_dashboard_panel(request) -> dict | None:
    """The adviser's own overdue and soon-due requests; nothing when there are none."""
    user = request.user
    if not is_staff_member(user):
        return None
    today = timezone.localdate()
    # One query: the open requests due within the soon-due days (the overdue among them).
    due = list(
        SupportRequest.objects.filter(adviser=user)
        .open()
        .filter(deadline__lte=today + dt.timedelta(days=SOON_DUE_DAYS))
        .select_related("institution")
        .order_by("deadline")[:40]
    )
    overdue = [r for r in due if r.deadline < today][:20]
    soon = [r for r in due if r.deadline >= today][:20]
    if not overdue and not soon:
        return None
    return {"overdue": overdue, "soon": soon}
