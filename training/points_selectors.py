"""Reads of licence points per person: a person's record — every certificate of theirs
that stands (the institute's trainings) and every training held elsewhere, by year, with
the points and hours of each year and in all —, the staff's search of the directory, and
what a signed transcript link names.

The record takes a constant number of queries, however long it is: the certificates
(with their programme, joined) and the trainings held elsewhere, one query each."""

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal

from django.core.exceptions import ObjectDoesNotExist, PermissionDenied
from django.core.paginator import Page, Paginator
from django.db.models import Count, IntegerField, OuterRef, Q, QuerySet, Subquery
from django.db.models.functions import Coalesce

from pzss.core.models import Person
from pzss.documents.models import Document
from pzss.events.models import Certificate
from pzss.events.services.privacy import ANONYMOUS_NAME
from pzss.lib.roles import is_staff_member
from pzss.lib.search import text_search
from pzss.lib.signed_links import SignedLink, days
from training.models import ExternalTraining, TranscriptRequest

PAGE_SIZE = 25
TRANSCRIPT_DOCUMENT_KIND = "transcript"
# The transcript is a document of the institute: printed in the script it writes in.
TRANSCRIPT_LANGUAGE = "sr"
# The link a person is e-mailed: long enough to open it after a weekend, never for ever.
TRANSCRIPT_LINK = SignedLink(salt="training.transcript", max_age=days(7))

ZERO = Decimal("0")


def _require_staff(user) -> None:
    if not is_staff_member(user):
        raise PermissionDenied


# --- the record --------------------------------------------------------------------------


@dataclass(frozen=True)
class RecordEntry:
    """One training of the record: a certificate of the institute's, or one held
    elsewhere (then `external` is its row, for the staff's edit links)."""

    start_date: dt.date
    end_date: dt.date | None
    title: str
    programme: str
    organiser: str
    accreditation_number: str
    hours: Decimal | None
    points: Decimal
    certificate_code: str = ""
    certificate_number: str = ""
    external: ExternalTraining | None = None

    @property
    def is_external(self) -> bool:
        return self.external is not None

    @property
    def spans_days(self) -> bool:
        return bool(self.end_date and self.end_date != self.start_date)


@dataclass
class RecordYear:
    year: int
    entries: list[RecordEntry] = field(default_factory=list)

    @property
    def points(self) -> Decimal:
        return sum((e.points for e in self.entries), ZERO)

    @property
    def hours(self) -> Decimal:
        return sum((e.hours or ZERO for e in self.entries), ZERO)


@dataclass(frozen=True)
class PersonRecord:
    person: Person
    years: list[RecordYear]  # newest first

    @property
    def points(self) -> Decimal:
        return sum((y.points for y in self.years), ZERO)

    @property
    def hours(self) -> Decimal:
        return sum((y.hours for y in self.years), ZERO)

    @property
    def count(self) -> int:
        return sum(len(y.entries) for y in self.years)


def _programme_of(certificate: Certificate):
    # The session (a reverse one-to-one) is joined; an activity that is not a training
    # session has none, and asking then costs no query.
    try:
        return certificate.activity.training_session.programme
    except ObjectDoesNotExist:
        return None


def _certificate_entry(certificate: Certificate) -> RecordEntry:
    programme = _programme_of(certificate)
    return RecordEntry(
        start_date=certificate.start_date,
        end_date=certificate.end_date,
        title=certificate.activity_title,
        programme=programme.title if programme else "",
        organiser="",
        accreditation_number=certificate.accreditation_number,
        hours=certificate.hours,
        points=certificate.licence_points or ZERO,
        certificate_code=certificate.code,
        certificate_number=certificate.number,
    )


def _external_entry(training: ExternalTraining) -> RecordEntry:
    return RecordEntry(
        start_date=training.start_date,
        end_date=training.end_date,
        title=training.title,
        programme="",
        organiser=training.provider,
        accreditation_number=training.accreditation_number,
        hours=training.hours,
        points=training.licence_points,
        external=training,
    )


def standing_certificates(person: Person) -> QuerySet[Certificate]:
    """The person's certificates that count: issued on their registrations, not revoked."""
    return Certificate.objects.filter(registration__person=person, revoked_at__isnull=True)


def person_record(person: Person) -> PersonRecord:
    """The person's record by year, newest year first, each year's trainings by date.
    Two queries, whatever its length."""
    certificates = standing_certificates(person).select_related(
        "activity__training_session__programme"
    )
    externals = ExternalTraining.objects.filter(person=person).select_related("entered_by")
    entries = [_certificate_entry(c) for c in certificates] + [
        _external_entry(t) for t in externals
    ]
    by_year: dict[int, RecordYear] = defaultdict(lambda: RecordYear(year=0))
    for entry in sorted(entries, key=lambda e: (e.start_date, e.title)):
        year = by_year[entry.start_date.year]
        year.year = entry.start_date.year
        year.entries.append(entry)
    return PersonRecord(person=person, years=sorted(by_year.values(), key=lambda y: -y.year))


# --- staff: the directory ----------------------------------------------------------------


def people_page(*, user, q: str, number) -> Page:
    """People whose name or e-mail holds `q` (in either script), or whose licence number
    it is; with how many certificates and trainings held elsewhere each has (subqueries,
    so the two counts do not multiply each other). Three queries a page: the count, the
    page (with the institution joined), nothing per row."""
    _require_staff(user)
    q = (q or "").strip()
    # The nameless people that anonymised registrations hold are nobody's record.
    qs = Person.objects.select_related("institution").exclude(
        first_name=ANONYMOUS_NAME, last_name="", email=""
    )
    if q:
        qs = qs.filter(
            text_search(["last_name", "first_name", "email"], q) | Q(licence_number__iexact=q)
        )
    certificates = (
        Certificate.objects.filter(registration__person=OuterRef("pk"), revoked_at__isnull=True)
        .order_by()
        .values("registration__person")
        .annotate(n=Count("pk"))
        .values("n")
    )
    externals = (
        ExternalTraining.objects.filter(person=OuterRef("pk"))
        .order_by()
        .values("person")
        .annotate(n=Count("pk"))
        .values("n")
    )
    qs = qs.annotate(
        certificate_count=Coalesce(Subquery(certificates, output_field=IntegerField()), 0),
        external_count=Coalesce(Subquery(externals, output_field=IntegerField()), 0),
    ).order_by("last_name", "first_name", "id")
    return Paginator(qs, PAGE_SIZE).get_page(number)


def person_for_staff(*, user, pk: int) -> Person:
    _require_staff(user)
    return Person.objects.select_related("institution").get(pk=pk)


def external_training_for_staff(*, user, person: Person, pk: int) -> ExternalTraining:
    """A training held elsewhere of this person (the address names both)."""
    _require_staff(user)
    return ExternalTraining.objects.select_related("person").get(pk=pk, person=person)


# --- the transcript link -----------------------------------------------------------------


def transcript_request_by_signed(signed: str) -> TranscriptRequest | None:
    """The request a link names, or None when the link was altered, has expired, or the
    person's address changed since it was sent (the link was for that address)."""
    token = TRANSCRIPT_LINK.token_of(signed)
    if token is None:
        return None
    request = (
        TranscriptRequest.objects.select_related("person__institution").filter(token=token).first()
    )
    if request is None or request.person.email.strip().lower() != request.email.lower():
        return None
    return request


def transcript_url(request: TranscriptRequest) -> str:
    """The absolute link the e-mail carries."""
    return TRANSCRIPT_LINK.url("training_transcript:record", request.token)


def transcript_document_of(*, person: Person, pk: int) -> Document | None:
    """A transcript document of this person — never another's, nor another kind."""
    return Document.objects.filter(
        pk=pk,
        kind=TRANSCRIPT_DOCUMENT_KIND,
        content_type__app_label="core",
        content_type__model="person",
        object_id=person.pk,
    ).first()
