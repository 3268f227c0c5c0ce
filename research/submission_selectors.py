"""What the reporting and review pages read. An institution's login sees only its own
institution's data sets, periods and submissions: every selector here that serves it
takes the user and filters by `institution_of(user)`, and answers 404 (`Http404`) for
anything else — another centre's period looks exactly like one that does not exist."""

import datetime as dt
from dataclasses import dataclass

from django.db.models import Prefetch
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.utils import timezone
from django.utils.translation import gettext as _

from pzss.core.models import Institution
from pzss.lib.roles import institution_of, is_staff_member
from research.models import (
    DataSet,
    Period,
    Submission,
    SubmissionStatus,
    SubmissionVersion,
)

# How far back the home page lists periods: a year of Aurora's fortnights.
HOME_DAYS = 366
DONE = (SubmissionStatus.SUBMITTED, SubmissionStatus.ACCEPTED)


def _data_sets_expecting_kind(institution: Institution):
    # JSON `contains` is not on SQLite: read the kinds in Python (a handful of data sets).
    chosen = set(
        DataSet.objects.filter(chosen_institutions=institution).values_list("pk", flat=True)
    )
    return [
        ds
        for ds in DataSet.objects.filter(is_active=True).order_by("name")
        if institution.kind in (ds.expected_kinds or []) or ds.pk in chosen
    ]


def own_institution(user) -> Institution:
    """The institution of an institution's login (the views are `institution_required`)."""
    institution_id = institution_of(user)
    if institution_id is None:
        raise Http404
    return Institution.objects.get(pk=institution_id)


@dataclass
class PeriodRow:
    period: Period
    submission: Submission | None

    @property
    def status(self) -> str:
        return self.submission.status if self.submission else "missing"

    @property
    def status_label(self) -> str:
        return self.submission.get_status_display() if self.submission else _("not sent")

    @property
    def is_due(self) -> bool:
        return self.status not in DONE

    @property
    def is_overdue(self) -> bool:
        return self.is_due and self.period.deadline < timezone.localdate()

    @property
    def is_late(self) -> bool:
        return bool(self.submission and self.submission.is_late)


def reporting_home(user) -> tuple[Institution, list[tuple[DataSet, list[PeriodRow]]]]:
    """The institution's data sets, each with its periods of the last year that have
    begun: what is due (not yet submitted) first, by deadline; then the rest, newest
    first. Three queries: the data sets, the chosen ones, the periods with this
    institution's submission (prefetched, filtered to it)."""
    institution = own_institution(user)
    data_sets = _data_sets_expecting_kind(institution)
    today = timezone.localdate()
    periods = (
        Period.objects.filter(
            data_set__in=data_sets,
            start__lte=today,
            end__gte=today - dt.timedelta(days=HOME_DAYS),
        )
        .prefetch_related(
            Prefetch(
                "submissions",
                queryset=Submission.objects.filter(institution=institution),
                to_attr="own",
            )
        )
        .order_by("deadline")
    )
    by_set: dict[int, list[PeriodRow]] = {ds.pk: [] for ds in data_sets}
    for period in periods:
        own = period.own[0] if period.own else None
        if period.is_closed and own is None:
            continue  # closed and never sent: nothing to do or to read here
        by_set[period.data_set_id].append(PeriodRow(period, own))
    out = []
    for ds in data_sets:
        rows = by_set[ds.pk]
        due = [r for r in rows if r.is_due and not r.period.is_closed]
        rest = [r for r in rows if r not in due]
        rest.sort(key=lambda r: r.period.deadline, reverse=True)
        out.append((ds, due + rest))
    return institution, out


def own_period(user, pk: int) -> tuple[Period, Institution, Submission | None]:
    """A period of a data set the user's institution reports on, with its submission;
    404 for any other."""
    institution = own_institution(user)
    period = get_object_or_404(
        Period.objects.select_related("data_set", "activity"),
        pk=pk,
        data_set__in=[ds.pk for ds in _data_sets_expecting_kind(institution)],
    )
    submission = Submission.objects.filter(period=period, institution=institution).first()
    return period, institution, submission


def versions_of(submission: Submission | None) -> list[SubmissionVersion]:
    """Every version, newest first, with who made, sent and reviewed it."""
    if submission is None:
        return []
    return list(
        submission.versions.select_related(
            "form", "created_by", "submitted_by", "reviewed_by"
        ).order_by("-number")
    )


def latest_return(versions: list[SubmissionVersion]) -> SubmissionVersion | None:
    """The return being answered: the newest version when it was returned, or the one
    under the draft that corrects it (its comment is what the centre is correcting)."""
    if versions and versions[0].status == SubmissionStatus.RETURNED:
        return versions[0]
    if (
        len(versions) > 1
        and versions[0].status == SubmissionStatus.DRAFT
        and versions[1].status == SubmissionStatus.RETURNED
    ):
        return versions[1]
    return None


# --- staff ----------------------------------------------------------------------------------


def submissions_to_review():
    """Submitted and waiting for review, the longest waiting first. One query."""
    return (
        Submission.objects.filter(status=SubmissionStatus.SUBMITTED)
        .select_related("period__data_set", "institution__municipality", "current_version")
        .order_by("current_version__submitted_at", "pk")
    )


def submission_for_review(pk: int) -> Submission:
    return get_object_or_404(
        Submission.objects.select_related(
            "period__data_set", "institution", "current_version", "accepted_version"
        ),
        pk=pk,
    )


def staff_period(
    period_pk: int, institution_pk: int
) -> tuple[Period, Institution, Submission | None]:
    period = get_object_or_404(Period.objects.select_related("data_set"), pk=period_pk)
    institution = get_object_or_404(period.data_set.expected_institutions(), pk=institution_pk)
    submission = Submission.objects.filter(period=period, institution=institution).first()
    return period, institution, submission


def review_dashboard_panel(request) -> dict | None:
    """The staff dashboard's note of what waits for review; nothing when nothing does."""
    if not is_staff_member(request.user):
        return None
    count = Submission.objects.filter(status=SubmissionStatus.SUBMITTED).count()
    return {"count": count} if count else None
