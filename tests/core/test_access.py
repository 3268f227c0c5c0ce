"""Who may open what, proved by walking every URL pattern of the project.

The walker reads the URL configuration itself, so a page added later is tried without
anyone remembering to add it here. A page is public only if this file says so (by URL
name, namespace or path prefix); every other page must send anonymous users to log in,
answer 403 to a logged-in user without a role, and open for staff.
"""

import datetime as dt
import re
import uuid
from dataclasses import dataclass

import pytest
from django.apps import apps as django_apps
from django.contrib.auth.models import Group
from django.contrib.contenttypes.models import ContentType
from django.core.files.base import ContentFile
from django.db import connection
from django.urls import URLPattern, URLResolver, get_resolver, reverse
from django.urls.converters import IntConverter, PathConverter, SlugConverter, UUIDConverter
from django.urls.resolvers import RegexPattern
from django.utils import timezone

from pzss.core.models import Activity, ActivityFile, Person, Registration, StandingGroup
from pzss.documents.models import Document, DocumentStatus, Job, JobStatus

pytestmark = pytest.mark.django_db

# --- what is public ------------------------------------------------------------------------

# Namespaces that are the public site; the names listed with each are its exceptions.
PUBLIC_NAMESPACES: dict[str, set[str]] = {
    "outreach": set(),
    "events": set(),
    # the published service mapping and its page per municipality (tests/research)
    "research_public": set(),
    # published studies and their published outputs; a draft is a 404 (tests/research)
    "research_studies": set(),
    # the training catalogue's published programmes; a draft is a 404 (tests/training)
    "training_catalogue": set(),
    # the transcript without an account: the form, and the pages of a signed link (an
    # altered one is a 404: `_training_points_world`, tests/training)
    "training_transcript": set(),
    # a visit report's follow-up by the institution: its signed link (tampered → 404,
    # `_support_reports_world`, tests/support/test_reports_follow_up.py)
    "support_follow_up": set(),
    # the needs survey: a respondent's signed link (tampered → 404) and the published
    # surveys' results without free text; a survey not published is a 404
    # (tests/training/test_survey_pages.py)
    "training_surveys": set(),
    # support requests without an account: the form, its confirmation, and the pages of
    # the requester's signed link (tampered → 404, never an internal note: tests/support)
    "support_public": set(),
}
# Single public pages, as (namespace, name).
PUBLIC_NAMES: set[tuple[str | None, str]] = {
    ("programme", "list"),
    ("programme", "detail"),
    ("programme", "pdf"),
    # a published programme's progress, without personal data (tests/security)
    ("programme", "progress"),
    # published statistical reports, small cells suppressed; a draft is a 404
    # (tests/research/test_reports.py)
    ("statistics", "list"),
    ("statistics", "detail"),
    ("statistics", "pdf"),
    ("statistics", "xlsx"),
    # the public search: it finds only what is public (tests/search)
    ("search", "search"),
    (None, "login"),
    (None, "logout"),
    (None, "password_reset"),
    (None, "password_reset_done"),
    (None, "password_reset_confirm"),
    (None, "password_reset_complete"),
    (None, "set_language"),
    (None, "switch_language"),
    # the load balancer's health checks
    (None, "healthz"),
    (None, "ping"),
    # for search engines
    (None, "sitemap"),
    (None, "robots"),
    # where a login lands: it only redirects, by role (anonymous users to the dashboard,
    # which asks them to log in)
    (None, "landing"),
}
# An institution's own pages (a centre reporting its figures): only its logins open them,
# and only for their own institution's objects; staff and everyone else get 403.
INSTITUTION_NAMESPACES = {"reporting"}
# Public paths, whatever their name: the events, a registrant's own link, certificates.
PUBLIC_PREFIXES = ("events/", "registrations/", "certificates/")
# Open to anyone, but the object decides: a document of a public thing (a published
# programme) may be fetched by anyone, any other document is a 404 to all but staff.
# Likewise a revision of the work programme: public once published, a draft is a 404.
OBJECT_LEVEL: set[tuple[str | None, str]] = {
    ("documents", "status"),
    ("documents", "download"),
    ("documents", "retry"),
    ("programme", "revision"),
    ("programme", "revision_pdf"),
}

# --- the walker ----------------------------------------------------------------------------

SAMPLE_PK = 4242  # every core object the walker's URLs point at has this primary key
SAMPLE_TOKEN = "sample-registration-token"
SAMPLE_INTS = {"year": 2021, "number": 1}
SAMPLE_STRINGS = {
    "token": SAMPLE_TOKEN,
    "code": "sample-code",
    "uidb64": "MQ",
    "app_label": "core",
    "year": "2021",
    "numeral": "i",  # an area of work: /areas/i/
}


@dataclass(frozen=True)
class Route:
    route: str  # the path pattern, e.g. "staff/activities/<int:pk>/"
    namespace: str | None
    name: str | None
    pattern: URLPattern

    @property
    def key(self) -> tuple[str | None, str | None]:
        return (self.namespace, self.name)

    @property
    def id(self) -> str:
        return f"{self.namespace}:{self.name}" if self.namespace else (self.name or self.route)

    @property
    def is_admin(self) -> bool:
        return (self.namespace or "").split(":")[0] == "admin"

    @property
    def is_public(self) -> bool:
        top = (self.namespace or "").split(":")[0]
        if top in PUBLIC_NAMESPACES and self.name not in PUBLIC_NAMESPACES[top]:
            return True
        return self.key in PUBLIC_NAMES or self.route.startswith(PUBLIC_PREFIXES)

    def kwargs(self) -> dict[str, object]:
        pattern = self.pattern.pattern
        if isinstance(pattern, RegexPattern):
            return {name: _sample(name, None) for name in pattern.regex.groupindex}
        return {name: _sample(name, conv) for name, conv in pattern.converters.items()}

    def url(self, world: dict | None = None) -> str:
        """The page's address, pointing at the sample objects of `world`."""
        kwargs = {**self.kwargs(), **(world or {}).get(self.id, {})}
        if self.name:
            name = f"{self.namespace}:{self.name}" if self.namespace else self.name
            return reverse(name, kwargs=kwargs)
        return "/" + re.sub(r"<(?:\w+:)?(\w+)>", lambda m: str(kwargs[m.group(1)]), self.route)


def _sample(name: str, converter) -> object:
    if isinstance(converter, IntConverter):
        return SAMPLE_INTS.get(name, SAMPLE_PK)
    if isinstance(converter, UUIDConverter):
        return uuid.UUID(int=SAMPLE_PK)
    if isinstance(converter, PathConverter):
        return str(SAMPLE_PK)
    if name in SAMPLE_STRINGS:
        return SAMPLE_STRINGS[name]
    if isinstance(converter, SlugConverter):
        return "sample"
    return str(SAMPLE_PK) if name.endswith("id") else "sample"


def _walk(patterns, prefix: str = "", namespace: str | None = None):
    for entry in patterns:
        if isinstance(entry, URLResolver):
            ns = entry.namespace
            full_ns = f"{namespace}:{ns}" if namespace and ns else (ns or namespace)
            yield from _walk(entry.url_patterns, prefix + str(entry.pattern), full_ns)
        else:
            yield Route(prefix + str(entry.pattern), namespace, entry.name, entry)


ROUTES = list(_walk(get_resolver().url_patterns))
SITE_ROUTES = [r for r in ROUTES if not r.is_admin]
PUBLIC = [r for r in SITE_ROUTES if r.is_public]
OBJECT_LEVEL_ROUTES = [r for r in SITE_ROUTES if r.key in OBJECT_LEVEL]
INSTITUTION_ONLY = [r for r in SITE_ROUTES if r.namespace in INSTITUTION_NAMESPACES]
STAFF_ONLY = [
    r
    for r in SITE_ROUTES
    if not r.is_public and r.key not in OBJECT_LEVEL and r.namespace not in INSTITUTION_NAMESPACES
]
# The admin's own pages, less its catch-all redirect that has no name.
ADMIN = [r for r in ROUTES if r.is_admin and r.name]

# Pages of other apps the walker cannot open yet for staff, with the reason.
STAFF_KNOWN_FAILURES: dict[str, str] = {}


def _params(routes, known_failures: dict[str, str] | None = None):
    known_failures = known_failures or {}
    return [
        pytest.param(
            r,
            id=r.id,
            marks=[pytest.mark.xfail(reason=known_failures[r.id], strict=True)]
            if r.id in known_failures
            else [],
        )
        for r in routes
    ]


PDF = b"%PDF-1.4\n%%EOF\n"
# A 1×1 PNG.
PNG = bytes.fromhex(
    "89504e470d0a1a0a0000000d4948445200000001000000010802000000907753de0000000c4944415478"
    "9c63f8ffff3f0005fe02fe0def46b80000000049454e44ae426082"
)


def _programme_world(staff_user) -> dict[str, dict]:
    """A draft work programme for the sample year, and which of its objects each
    programme page points at (sections, goals and targets have their own keys)."""
    try:
        from programme.models import Goal, Section, Target
        from tests.programme.builders import make_revision
    except ImportError:
        return {}
    revision = make_revision(year=SAMPLE_INTS["year"])
    section = Section.objects.filter(revision=revision).order_by("area").first()
    goal = Goal.objects.filter(section=section).order_by("order").first()
    target = Target.objects.filter(goal=goal).order_by("order").first()
    pks = {"edit_section": section.pk, "goal_create": section.pk, "target_create": goal.pk}
    pks["area_target_create"] = section.pk
    pks |= {name: goal.pk for name in ("goal_edit", "goal_move", "goal_delete")}
    pks |= {
        name: target.pk
        for name in (
            "target_edit",
            "target_move",
            "target_delete",
            "target_activities",
            "target_note",
        )
    }
    world = {f"programme:{name}": {"pk": pk} for name, pk in pks.items()}
    world["programme:transition"] = {"action": "submit"}
    return world


def _research_world() -> dict[str, dict]:
    """A data set at the sample code, its version 1 in use and a draft (the form builder's
    pages), and which field and rule of the draft each page points at."""
    from tests.research.form_builders import walker_world

    return walker_world(SAMPLE_STRINGS["code"])


def _library_world(staff_user) -> None:
    """A draft publication with a file, both with the sample key and the sample slug: the
    staff pages open it, the public ones answer 404 (a draft is not public)."""
    from outreach.models import Publication, PublicationFile

    publication = Publication.objects.create(
        pk=SAMPLE_PK, title="Извештај за шетњу", slug="sample", kind="report", year=2021
    )
    attached = PublicationFile(
        pk=SAMPLE_PK, publication=publication, original_name="izvestaj.pdf", size=len(PDF)
    )
    attached.file.save("izvestaj.pdf", ContentFile(PDF), save=True)


def _support_groups_world() -> None:
    """Area I's groups at work, case conferences and projects, all with the sample key:
    a round table of the sample group (on the sample activity), a case conference of a
    centre (on an activity of its own), a project with the sample activity. Every page
    is staff's."""
    from pzss.core.models import Institution, InstitutionKind
    from support.models import CaseConference, GroupMeeting, Project

    meeting = GroupMeeting.objects.create(
        pk=SAMPLE_PK, activity=Activity.objects.get(pk=SAMPLE_PK), topic="Тема шетње"
    )
    meeting.groups.set([StandingGroup.objects.get(pk=SAMPLE_PK)])
    centre = Institution.objects.get_or_create(
        pk=SAMPLE_PK + 8, defaults={"name": "ЦСР Конференција", "kind": InstitutionKind.CSW}
    )[0]
    case_activity = Activity.objects.create(
        pk=SAMPLE_PK + 8,
        area=1,
        kind="case_conference",
        title="Конференција случаја за шетњу",
        start_date=timezone.localdate(),
    )
    CaseConference.objects.create(
        pk=SAMPLE_PK, activity=case_activity, institution=centre, question="Питање за шетњу"
    )
    project = Project.objects.create(
        pk=SAMPLE_PK,
        name="Пројекат за шетњу",
        start=dt.date(2021, 1, 1),
        end=dt.date(2021, 12, 31),
    )
    project.activities.set([Activity.objects.get(pk=SAMPLE_PK)])


def _submissions_world() -> None:
    """Area III's sample submission: a centre (the walker's institution login is bound to
    it), a period of a data set it reports on and its submission, all with the sample
    key; and a period of a data set for homes only (sample key + 1), another
    institution's business."""
    from dataclasses import replace

    from pzss.core.models import Institution, InstitutionKind
    from research.form_services import version_in_use
    from research.models import Period, Submission, SubmissionVersion
    from tests.research.builders import SMALL, make_data_set

    centre = Institution.objects.create(pk=SAMPLE_PK, name="ЦСР Шетачево", kind=InstitutionKind.CSW)
    data_set = make_data_set(year=2021)
    # Both data sets (and their periods' automatic keys) before the sample keys.
    homes = make_data_set(replace(SMALL, code="homes", expected_kinds=("adult_home",)), year=2021)
    period = Period.objects.create(
        pk=SAMPLE_PK,
        data_set=data_set,
        start=dt.date(2020, 1, 1),
        end=dt.date(2020, 1, 31),
        deadline=dt.date(2020, 2, 5),
    )
    submission = Submission.objects.create(
        pk=SAMPLE_PK, period=period, institution=centre, status="submitted"
    )
    version = SubmissionVersion.objects.create(
        submission=submission,
        number=1,
        form=version_in_use(data_set),
        values={"total": 1, "women": 1, "men": 0},
        status="submitted",
        submitted_at=timezone.now(),
    )
    submission.current_version = version
    submission.save(update_fields=["current_version"])
    Period.objects.create(
        pk=SAMPLE_PK + 1,
        data_set=homes,
        start=dt.date(2020, 1, 1),
        end=dt.date(2020, 1, 31),
        deadline=dt.date(2020, 2, 5),
    )


@pytest.fixture
def institution_user(world, django_user_model):
    """The walker's centre's own login (group `institution`)."""
    from pzss.core.models import Institution, InstitutionAccount

    centre = Institution.objects.filter(pk=SAMPLE_PK).first() or Institution.objects.create(
        pk=SAMPLE_PK, name="ЦСР Шетачево", kind="csw"
    )
    user = django_user_model.objects.create_user(username="centre", password="pass-1234-word")
    user.groups.add(Group.objects.get_or_create(name="institution")[0])
    InstitutionAccount.objects.create(user=user, institution=centre)
    return user


def _service_mapping_world() -> None:
    """A draft round of the service mapping with one service, both with the sample key:
    the staff pages open them, the public pages show no draft."""
    from pzss.core.models import Municipality
    from research.models import LocalService, ServiceMapping

    mapping = ServiceMapping.objects.create(pk=SAMPLE_PK, year=2021, title="Мапирање за шетњу")
    LocalService.objects.create(
        pk=SAMPLE_PK,
        mapping=mapping,
        municipality=Municipality.objects.order_by("name").first(),
        kind="home_care",
        name="Помоћ у кући за шетњу",
        provider_name="Удружење шетача",
        provider_kind="civil",
    )


def _statistics_world() -> None:
    """A draft statistical report with the sample key: its staff pages open, its public
    ones answer 404 (a draft is not public)."""
    from research.models import ReportKind, StatisticalReport
    from research.reference import DOMESTIC_VIOLENCE
    from tests.research.builders import make_data_set

    StatisticalReport.objects.create(
        pk=SAMPLE_PK,
        kind=ReportKind.DOMESTIC_VIOLENCE_MONTHLY,
        data_set=make_data_set(DOMESTIC_VIOLENCE, year=SAMPLE_INTS["year"]),
        year=SAMPLE_INTS["year"],
        month=3,
        title="Извештај за шетњу",
    )


def _studies_world(staff_user) -> None:
    """A study in progress with a draft output, both with the sample key (the study with
    the sample slug): the staff pages open them, the public ones answer 404."""
    from research.models import Study, StudyOutput

    study = Study.objects.create(
        pk=SAMPLE_PK,
        title="Студија за шетњу",
        slug="sample",
        kind="research",
        question="Шта шетач нађе?",
        programme_year=2021,
        status="in_progress",
        lead=staff_user,
    )
    output = StudyOutput(
        pk=SAMPLE_PK,
        study=study,
        title="Нацрт",
        kind="report",
        date=dt.date(2021, 5, 1),
        original_name="nacrt.pdf",
        content_type="application/pdf",
        size=len(PDF),
    )
    output.file.save("nacrt.pdf", ContentFile(PDF), save=True)


def _training_catalogue_world(staff_user) -> None:
    """A training programme not in the public catalogue, with the sample key and the
    sample slug, and one session of it: the staff pages open them, the public programme
    page answers 404 (a draft is not public)."""
    from training.models import TrainingProgramme, TrainingSession

    programme = TrainingProgramme.objects.create(
        pk=SAMPLE_PK,
        title="Програм за шетњу",
        slug="sample",
        status="accredited",
        accreditation_body="Републички завод за социјалну заштиту",
        accreditation_number="110-00-4242/2021-01",
        valid_from=dt.date(2020, 1, 1),
        days=1,
        hours=8,
        owner=staff_user,
        is_published=False,
    )
    session = Activity.objects.create(
        area=2,
        kind="accredited_training",
        title="Обука за шетњу",
        start_date=timezone.localdate() + dt.timedelta(days=14),
        is_public=True,
    )
    TrainingSession.objects.create(activity=session, programme=programme)


def _training_points_world(staff_user) -> None:
    """Area II's licence points: a training held elsewhere with its evidence for the
    sample person, and a transcript request of theirs, both with the sample key: the staff
    pages open them; the signed link opens for anyone, altered it is a 404
    (`test_a_signed_transcript_link_opens_for_anyone_and_an_altered_one_is_a_404`)."""
    from training.models import ExternalTraining, TranscriptRequest

    person = Person.objects.get(pk=SAMPLE_PK)
    training = ExternalTraining(
        pk=SAMPLE_PK,
        person=person,
        title="Обука за шетаче",
        provider="Удружење шетача",
        start_date=dt.date(2021, 3, 1),
        hours=6,
        licence_points=4,
        entered_by=staff_user,
        evidence_name="uverenje.pdf",
        evidence_content_type="application/pdf",
        evidence_size=len(PDF),
    )
    training.evidence.save("uverenje.pdf", ContentFile(PDF), save=True)
    TranscriptRequest.objects.create(
        pk=SAMPLE_PK, person=person, email=person.email, token="sample-transcript-token"
    )


def _training_survey_world(staff_user) -> dict[str, dict]:
    """An open needs survey with the sample key (of the sample year: its public page is a
    404, it is not published), its question and an invitation with the sample key; the
    respondent's page points at the invitation's valid signed link."""
    from pzss.core.models import Institution
    from training.models import NeedsSurvey, SurveyInvitation, SurveyQuestion
    from training.survey_mail import INVITATION_LINK

    survey = NeedsSurvey.objects.create(
        pk=SAMPLE_PK,
        year=SAMPLE_INTS["year"],
        title="Упитник за шетњу",
        status="open",
        opened_at=timezone.now(),
    )
    SurveyQuestion.objects.create(
        pk=SAMPLE_PK, survey=survey, order=1, text="Колико шетате?", kind="scale"
    )
    centre = Institution.objects.create(name="ЦСР Анкетино", kind="csw", email="a@example.rs")
    invitation = SurveyInvitation.objects.create(
        pk=SAMPLE_PK,
        survey=survey,
        institution=centre,
        contact_email="a@example.rs",
        token="sample-survey-token",
    )
    return {"training_surveys:answer": {"signed": INVITATION_LINK.sign(invitation.token)}}


def test_the_signed_survey_link_opens_for_anyone_and_a_tampered_one_is_a_404(client, staff_user):
    world = _training_survey_world(staff_user)
    url = reverse("training_surveys:answer", kwargs=world["training_surveys:answer"])
    assert client.get(url).status_code == 200
    signed = world["training_surveys:answer"]["signed"]
    for bad in (signed[:-2] + "xx", "sample-survey-token", signed + "x"):
        assert (
            client.get(reverse("training_surveys:answer", kwargs={"signed": bad})).status_code
            == 404
        )
    # The survey is open, not published: its public results and report are a 404.
    for name in ("training_surveys:results", "training_surveys:pdf"):
        assert client.get(reverse(name, kwargs={"year": SAMPLE_INTS["year"]})).status_code == 404
    # The staff pages of the survey are refused to anyone but staff.
    staff_url = reverse("training:survey", kwargs={"pk": SAMPLE_PK})
    assert _is_login_redirect(client.get(staff_url))


def _support_requests_world() -> dict[str, dict]:
    """A support request with the sample key, registered from a letter with its scan, and
    a reply's file with the sample key; the requester's pages point at its valid link."""
    from pzss.core.models import Institution
    from support.models import RequestFile, RequestMessage, SupportRequest
    from support.request_selectors import REQUEST_LINK

    centre = Institution.objects.create(name="ЦСР Захтевно", kind="csw", email="z@example.rs")
    req = SupportRequest(
        pk=SAMPLE_PK,
        number="ЗП-2021-4242",
        institution=centre,
        requester_name="Шетачица",
        requester_email="z@example.rs",
        channel="letter",
        letter_number="01-1/2021",
        letter_date=timezone.localdate(),
        subject="Захтев за шетњу",
        description="Опис захтева.",
        kind="case",
        deadline=timezone.localdate() + dt.timedelta(days=15),
        token="sample-support-request-token",
    )
    req.letter_scan.save("dopis.pdf", ContentFile(PDF), save=True)
    message = RequestMessage.objects.create(request=req, text="Одговор за шетача.")
    attached = RequestFile(
        pk=SAMPLE_PK,
        message=message,
        name="odgovor.pdf",
        size=len(PDF),
        content_type="application/pdf",
    )
    attached.file.save("odgovor.pdf", ContentFile(PDF), save=True)
    signed = REQUEST_LINK.sign(req.token)
    return {
        "support_public:request": {"signed": signed},
        "support_public:file": {"signed": signed, "pk": SAMPLE_PK},
    }


def test_the_signed_request_link_opens_for_anyone_and_a_tampered_one_is_a_404(client, world):
    signed = world["support_public:request"]["signed"]
    assert (
        client.get(reverse("support_public:request", kwargs={"signed": signed})).status_code == 200
    )
    file_url = reverse("support_public:file", kwargs={"signed": signed, "pk": SAMPLE_PK})
    assert client.get(file_url).status_code == 200
    for bad in (
        signed[:-2] + ("xx" if not signed.endswith("xx") else "yy"),
        "sample-support-request-token",
    ):
        assert (
            client.get(reverse("support_public:request", kwargs={"signed": bad})).status_code == 404
        )
        assert (
            client.post(reverse("support_public:request", kwargs={"signed": bad})).status_code
            == 404
        )
        bad_file = reverse("support_public:file", kwargs={"signed": bad, "pk": SAMPLE_PK})
        assert client.get(bad_file).status_code == 404
    # The staff pages of the request are refused to anyone but staff.
    assert _is_login_redirect(client.get(reverse("support:request", kwargs={"pk": SAMPLE_PK})))


def _support_reports_world(staff_user) -> dict[str, dict]:
    """Area I's visit report: the held working visit of the sample key, its issued report
    with the sample key and a recommendation with the sample key, and a follow-up
    invitation; the follow-up page points at its valid signed link. Every other page is
    staff's (`test_the_signed_follow_up_link_opens_for_anyone_and_a_tampered_one_is_a_404`)."""
    from support.models import FollowUpInvitation, Recommendation, VisitReport, WorkingVisit
    from support.report_services import FOLLOW_UP_LINK

    # The visit of `_support_visits_world`, held.
    visit = WorkingVisit.objects.select_related("activity").get(pk=SAMPLE_PK)
    start = visit.activity.start_date
    report = VisitReport.objects.create(
        pk=SAMPLE_PK,
        visit=visit,
        status="issued",
        number="ИП-2021-99",
        summary="Сажетак.",
        issued_at=timezone.now(),
        issued_by=staff_user,
    )
    Recommendation.objects.create(
        pk=SAMPLE_PK,
        report=report,
        order=1,
        text="Препорука шетачу.",
        responsible="директор",
        deadline=start + dt.timedelta(days=10),
    )
    invitation = FollowUpInvitation.objects.create(
        pk=SAMPLE_PK, report=report, email="p@example.rs", token="sample-follow-up-token"
    )
    return {"support_follow_up:answer": {"signed": FOLLOW_UP_LINK.sign(invitation.token)}}


def test_the_signed_follow_up_link_opens_for_anyone_and_a_tampered_one_is_a_404(
    client, staff_user, plain_user
):
    _support_visits_world(staff_user)
    world = _support_reports_world(staff_user)
    signed = world["support_follow_up:answer"]["signed"]
    url = reverse("support_follow_up:answer", kwargs={"signed": signed})
    assert client.get(url).status_code == 200
    for bad in (signed[:-2] + "xx", "sample-follow-up-token", signed + "x"):
        bad_url = reverse("support_follow_up:answer", kwargs={"signed": bad})
        assert client.get(bad_url).status_code == 404
        assert client.post(bad_url, {"recommendation": SAMPLE_PK}).status_code == 404
    # The report's staff pages are refused to anyone but staff.
    staff_urls = [
        reverse("support:visit_report", kwargs={"visit_pk": SAMPLE_PK}),
        reverse("support:visit_report_pdf", kwargs={"visit_pk": SAMPLE_PK}),
        reverse("support:recommendations"),
    ]
    for staff_url in staff_urls:
        assert _is_login_redirect(client.get(staff_url))
    client.force_login(plain_user)
    for staff_url in staff_urls:
        assert client.get(staff_url).status_code == 403


def _training_practice_world(staff_user) -> None:
    """Area II's student practice and consultations log, all with the sample key: an
    agreement with its file, a student with an unconfirmed hour entry, a consultation.
    Every page is staff's."""
    from pzss.core.models import Institution, InstitutionKind
    from training.models import Consultation, HoursEntry, PracticeAgreement, PracticeStudent

    # Explicit keys, no sequence: on PostgreSQL a sequence is not rolled back, so after
    # many tests a row made by sequence could meet a sample key given by hand.
    faculty = Institution.objects.get_or_create(
        pk=SAMPLE_PK + 7, defaults={"name": "Факултет за шетњу", "kind": InstitutionKind.FACULTY}
    )[0]
    agreement = PracticeAgreement(
        pk=SAMPLE_PK,
        faculty=faculty,
        year=2021,
        coordinator=staff_user,
        file_name="sporazum.pdf",
        file_content_type="application/pdf",
    )
    agreement.file.save("sporazum.pdf", ContentFile(PDF), save=True)
    student = PracticeStudent.objects.create(
        pk=SAMPLE_PK,
        agreement=agreement,
        person=Person.objects.get(pk=SAMPLE_PK),
        mentor=staff_user,
        start_date=dt.date(2021, 3, 1),
    )
    HoursEntry.objects.create(
        pk=SAMPLE_PK,
        student=student,
        date=dt.date(2021, 3, 1),
        hours=4,
        description="Шетња",
        entered_by=staff_user,
    )
    Consultation.objects.create(
        pk=SAMPLE_PK,
        date=dt.date(2021, 3, 1),
        asked_by="Шетач Питалац",
        subject="licensing",
        question="Питање?",
        answer="Одговор.",
        minutes=10,
        adviser=staff_user,
    )


def _support_visits_world(staff_user) -> None:
    """Area I's working visit with the sample key, its frame and its draw (which holds the
    case file "4242", the sample path), all staff's pages."""
    from pzss.core.models import Institution, InstitutionKind
    from support.models import SampleDraw, SampleFrame, WorkingVisit

    centre = Institution.objects.get_or_create(
        pk=SAMPLE_PK + 14, defaults={"name": "ЦСР за шетњу", "kind": InstitutionKind.CSW}
    )[0]
    activity = Activity.objects.create(
        pk=SAMPLE_PK + 14,
        area=1,
        kind="working_visit",
        title="Радна посета за шетњу",
        start_date=dt.date(2021, 3, 1),
        status="held",
    )
    visit = WorkingVisit.objects.create(
        pk=SAMPLE_PK, activity=activity, institution=centre, lead=staff_user
    )
    files = [{"number": str(SAMPLE_PK), "age": 4, "care": "family"}]
    frame = SampleFrame.objects.create(pk=SAMPLE_PK, visit=visit, version=1, files=files, size=1)
    SampleDraw.objects.create(
        pk=SAMPLE_PK, frame=frame, size=1, seed=1, numbers=[str(SAMPLE_PK)], drawn_by=staff_user
    )


def _sequences_past_the_sample_keys() -> None:
    """On PostgreSQL a sequence is not rolled back with a test, so after many tests the
    rows a world makes by sequence could reach the sample key a world then gives by hand
    (a duplicate key). Area III's worlds make many rows (every data set its periods):
    their tables' sequences are moved past the sample keys first."""
    if connection.vendor != "postgresql":
        return
    with connection.cursor() as cursor:
        for model in django_apps.get_app_config("research").get_models():
            table = model._meta.db_table
            cursor.execute(
                "SELECT setval(pg_get_serial_sequence(%s, 'id'),"
                " GREATEST(nextval(pg_get_serial_sequence(%s, 'id')), %s))",
                [table, table, SAMPLE_PK + 1000],
            )


@pytest.fixture
def world(staff_user, request):
    """One object of each kind the URLs point at: core objects all with the sample primary
    key, other apps' objects built by their test builders. Returns the keyword arguments
    for pages whose objects have keys of their own."""
    _sequences_past_the_sample_keys()
    activity = Activity.objects.create(
        pk=SAMPLE_PK,
        area=1,
        kind="round_table",
        title="Округли сто за шетњу",
        start_date=timezone.localdate() + dt.timedelta(days=7),
        is_public=True,
        capacity=20,
    )
    activity.responsible.set([staff_user])
    person = Person.objects.create(
        pk=SAMPLE_PK, first_name="Шетач", last_name="Шетачевић", email="walker@example.rs"
    )
    Registration.objects.create(pk=SAMPLE_PK, activity=activity, person=person, token=SAMPLE_TOKEN)
    attached = ActivityFile(
        pk=SAMPLE_PK,
        activity=activity,
        original_name="zapisnik.pdf",
        content_type="application/pdf",
        size=len(PDF),
    )
    attached.file.save("zapisnik.pdf", ContentFile(PDF), save=True)
    document = Document(
        pk=SAMPLE_PK,
        kind="walker-test",  # no renderer: never public
        content_type=ContentType.objects.get_for_model(Activity),
        object_id=activity.pk,
        title="Документ",
        status=DocumentStatus.READY,
        checksum="0" * 64,
        size=len(PDF),
    )
    document.file.save("doc.pdf", ContentFile(PDF), save=True)
    job = Job(
        pk=SAMPLE_PK,
        kind="activity_export",
        requested_by=staff_user,  # the walker's staff user: another one is the 404 case
        status=JobStatus.DONE,
        result_name="aktivnosti.xlsx",
        result_content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        result_size=len(PDF),
    )
    job.result_file.save("aktivnosti.xlsx", ContentFile(PDF), save=True)
    StandingGroup.objects.create(
        pk=SAMPLE_PK, name="Шетачка група", kind=StandingGroup.Kind.OTHER, number=99
    )
    from pzss.events.models import Certificate

    Certificate.objects.create(
        pk=SAMPLE_PK,
        activity=activity,
        number="2026-4242-001",
        code="sample-code",
        person_name="Шетач Шетачевић",
        activity_title=activity.title,
        activity_kind=activity.kind,
        start_date=activity.start_date,
    )
    from outreach.models import NewsItem

    # A published news item, with its picture, at the address the walker makes:
    # /news/2021/sample/.
    news = NewsItem(
        pk=SAMPLE_PK,
        title="Шетња кроз вести",
        year=SAMPLE_INTS["year"],
        slug="sample",
        lead="Вест за шетача.",
        body="<p>Тело вести.</p>",
        picture_alt="Шетачи",
        status="published",
        published_at=timezone.now() - dt.timedelta(days=1),
    )
    news.picture.save("slika.png", ContentFile(PNG), save=True)
    news.activities.set([activity])
    _library_world(staff_user)
    _service_mapping_world()
    _studies_world(staff_user)
    _training_catalogue_world(staff_user)
    _training_points_world(staff_user)
    _training_practice_world(staff_user)
    support_requests = _support_requests_world()
    _support_visits_world(staff_user)
    support_links = _support_reports_world(staff_user)
    _support_groups_world()
    route = request.node.callspec.params.get("route") if hasattr(request.node, "callspec") else None
    if route is not None and (route.namespace or "").startswith(("research", "statistics")):
        _statistics_world()
    if route is None or (route.namespace or "").startswith(("research", "reporting")):
        _submissions_world()
    if route is not None and (route.namespace or "").startswith("programme"):
        return _programme_world(staff_user)
    if route is not None and (route.namespace or "").startswith("training"):
        return _training_survey_world(staff_user)
    if route is not None and route.namespace == "research":
        return _research_world()
    if route is None or route.namespace == "support_public":
        return support_requests
    if route is not None and route.namespace == "support_follow_up":
        return support_links
    return {}


def _is_login_redirect(response, login_url="/accounts/login/") -> bool:
    return response.status_code == 302 and response.url.startswith(f"{login_url}?next=")


def test_a_signed_transcript_link_opens_for_anyone_and_an_altered_one_is_a_404(client, world):
    from training.points_selectors import TRANSCRIPT_LINK

    signed = TRANSCRIPT_LINK.sign("sample-transcript-token")
    altered = signed[:-1] + ("A" if signed[-1] != "A" else "B")
    page = reverse("training_transcript:record", kwargs={"signed": signed})
    assert client.get(page).status_code == 200
    for bad in (altered, "sample-transcript-token", "sample"):
        record = reverse("training_transcript:record", kwargs={"signed": bad})
        assert client.get(record).status_code == 404, bad
        pdf = reverse("training_transcript:pdf", kwargs={"signed": bad})
        assert client.post(pdf).status_code == 404, bad
        for name in ("document", "document_status", "document_download"):
            url = reverse(f"training_transcript:{name}", kwargs={"signed": bad, "pk": SAMPLE_PK})
            assert client.get(url).status_code == 404, (name, bad)


def test_the_walker_finds_the_pages_of_licence_points():
    staff = {r.id for r in STAFF_ONLY}
    assert {
        "training:people",
        "training:person",
        "training:person_transcript",
        "training:external_training_add",
        "training:external_training_edit",
        "training:external_training_delete",
        "training:external_training_evidence",
    } <= staff
    assert {"training_transcript:ask", "training_transcript:record"} <= {r.id for r in PUBLIC}


# --- the walker covers everything ---------------------------------------------------------


def test_the_walker_finds_the_core_pages():
    ids = {r.id for r in ROUTES}
    assert {"core:dashboard", "core:activity_update", "events:events", "login"} <= ids
    assert len(STAFF_ONLY) >= 20


def test_every_page_outside_the_admin_has_a_name():
    # The public allow-list goes by name: an unnamed page could not be listed.
    assert [r.route for r in SITE_ROUTES if not r.name] == []


def test_every_allow_listed_name_exists():
    # A renamed public page must not leave a stale entry that would make a new page public.
    keys = {r.key for r in ROUTES}
    optional = {("programme", "detail"), ("programme", "pdf")}  # may not be built yet
    assert (PUBLIC_NAMES | OBJECT_LEVEL) - optional <= keys


# --- anonymous -----------------------------------------------------------------------------


@pytest.mark.parametrize("route", _params(STAFF_ONLY))
def test_anonymous_users_are_sent_to_log_in_from_every_staff_page(client, world, route):
    url = route.url(world)
    for response in (client.get(url), client.post(url)):
        assert _is_login_redirect(response), (route.id, response.status_code)


@pytest.mark.parametrize("route", _params(PUBLIC))
def test_public_pages_open_for_anonymous_users(client, world, route):
    response = client.get(route.url(world))
    if route.name == "healthz":
        # 503 is its answer when no worker has sent a heartbeat (a broker without workers).
        assert response.status_code in {200, 503}
        return
    assert response.status_code < 500
    assert response.status_code != 403
    assert not _is_login_redirect(response)


@pytest.mark.parametrize("route", _params(OBJECT_LEVEL_ROUTES))
def test_pages_of_objects_that_are_not_public_are_a_404_to_all_but_staff(
    client, plain_user, world, route
):
    # The sample document has no public owner; the sample programme is a draft.
    url = route.url(world)
    for user in (None, plain_user):
        if user:
            client.force_login(user)
        # 405: the page takes only GET or only POST; then the other one is not allowed.
        assert client.get(url).status_code in {404, 405}, user
        assert client.post(url).status_code in {404, 405}, user
        assert {client.get(url).status_code, client.post(url).status_code} != {405}


# --- a logged-in user without a role ------------------------------------------------------


@pytest.mark.parametrize("route", _params(STAFF_ONLY))
def test_a_user_without_a_role_gets_403_on_every_staff_page(plain_client, world, route):
    url = route.url(world)
    assert plain_client.get(url).status_code == 403
    assert plain_client.post(url).status_code == 403


# --- roles beyond staff ---------------------------------------------------------------------

# Pages only one role may use, as (role, route, the URL's own arguments).
# - "director": other staff get 403 on GET and POST, the director gets the page.
# - "requester": a background job's pages are its requester's: other staff get 404 (as if
#   the job did not exist), the requester and administrators get the page.
# When areas get owners, the pages only the responsible staff member may use join this
# table with their role.
ROLE_ONLY: list[tuple[str, str, dict]] = [
    ("director", "programme:transition", {"action": "approve"}),
    ("director", "programme:transition", {"action": "return"}),
    ("requester", "documents:job", {}),
    ("requester", "documents:job_status", {}),
    ("requester", "documents:job_download", {}),
]
_BY_ID = {r.id: r for r in ROUTES}


def test_every_page_of_the_role_table_exists():
    assert {route_id for _role, route_id, _kw in ROLE_ONLY} <= set(_BY_ID)


def _role_params(wanted: str):
    return [
        pytest.param(_BY_ID[route_id], kwargs, id=f"{role}:{route_id}:{kwargs}")
        for role, route_id, kwargs in ROLE_ONLY
        if role == wanted
    ]


def test_every_job_page_is_in_the_role_table():
    job_pages = {r.id for r in STAFF_ONLY if r.route.startswith("staff/documents/jobs/")}
    assert job_pages == {route_id for role, route_id, _kw in ROLE_ONLY if role == "requester"}


@pytest.mark.parametrize("route, arguments", _role_params("requester"))
def test_pages_of_a_job_are_a_404_to_other_staff_and_open_to_its_requester(
    client, staff_user, django_user_model, admin_user_, world, route, arguments
):
    url = route.url({route.id: {**world.get(route.id, {}), **arguments}})
    other = django_user_model.objects.create_user(username="carol", password="x")
    other.groups.add(Group.objects.get_or_create(name="staff")[0])
    client.force_login(other)
    assert client.get(url).status_code == 404
    for user in (staff_user, admin_user_):
        client.force_login(user)
        assert client.get(url).status_code == 200, user


@pytest.mark.parametrize("route, arguments", _role_params("director"))
def test_pages_of_the_director_are_403_to_other_staff_and_open_to_the_director(
    client, staff_user, director_user, world, route, arguments
):
    url = route.url({route.id: {**world.get(route.id, {}), **arguments}})
    client.force_login(staff_user)
    assert client.get(url).status_code == 403
    assert client.post(url).status_code == 403
    client.force_login(director_user)
    assert client.get(url).status_code == 200


# --- staff ---------------------------------------------------------------------------------


@pytest.mark.parametrize("route", _params(STAFF_ONLY + OBJECT_LEVEL_ROUTES, STAFF_KNOWN_FAILURES))
def test_staff_open_every_staff_page(staff_client, world, route):
    response = staff_client.get(route.url(world))
    # 202: a PDF is being rendered; 302: the page sends staff on elsewhere;
    # 405: the page only takes POST (a form's target).
    assert response.status_code in {200, 202, 302, 405}, (route.id, response.status_code)
    assert not _is_login_redirect(response)


# --- an institution's login ---------------------------------------------------------------


def test_the_walker_finds_the_institution_pages():
    assert {"reporting:home", "reporting:period", "reporting:template"} <= {
        r.id for r in INSTITUTION_ONLY
    }


@pytest.mark.parametrize("route", _params(STAFF_ONLY))
def test_an_institution_login_gets_403_on_every_staff_page(client, institution_user, route):
    client.force_login(institution_user)
    url = route.url()
    assert client.get(url).status_code == 403, route.id
    assert client.post(url).status_code == 403, route.id


@pytest.mark.parametrize("route", _params(INSTITUTION_ONLY))
def test_institution_pages_are_for_its_logins_only(client, staff_user, plain_user, world, route):
    url = route.url(world)
    for response in (client.get(url), client.post(url)):
        assert _is_login_redirect(response), (route.id, response.status_code)
    for user in (plain_user, staff_user):
        client.force_login(user)
        assert client.get(url).status_code == 403, (route.id, user)
        assert client.post(url).status_code == 403, (route.id, user)


@pytest.mark.parametrize("route", _params(INSTITUTION_ONLY))
def test_institution_pages_open_for_its_own_objects(client, institution_user, world, route):
    client.force_login(institution_user)
    response = client.get(route.url(world))
    # 405: the page only takes POST (the upload's and the correction's targets).
    assert response.status_code in {200, 302, 405}, (route.id, response.status_code)


INSTITUTION_PK_ROUTES = [r for r in INSTITUTION_ONLY if SAMPLE_PK in r.kwargs().values()]


@pytest.mark.parametrize("route", _params(INSTITUTION_PK_ROUTES))
def test_another_institutions_objects_are_a_404_to_an_institution_login(
    client, institution_user, world, route
):
    # The sample key + 1 is a period of a data set for homes: it exists, but is not the
    # centre's business; the sample key + 1000 does not exist. Both answer alike.
    client.force_login(institution_user)
    name = f"{route.namespace}:{route.name}"
    for offset in (1, 1000):
        kwargs = {
            k: (v + offset if isinstance(v, int) and v == SAMPLE_PK else v)
            for k, v in route.kwargs().items()
        }
        url = reverse(name, kwargs=kwargs)
        assert client.get(url).status_code in {404, 405}, (route.id, offset)
        assert client.post(url).status_code == 404, (route.id, offset)


# --- the admin -----------------------------------------------------------------------------


@pytest.mark.parametrize("route", _params(ADMIN))
def test_the_admin_sends_everyone_but_administrators_to_its_login(
    client, staff_user, plain_user, world, route
):
    url = route.url(world)
    if route.name == "login":
        assert client.get(url).status_code == 200
        return
    for user in (None, plain_user, staff_user):
        if user:
            client.force_login(user)
        response = client.get(url)
        assert response.status_code == 302, (route.id, user)
        assert response.url.startswith(("/admin/login/", "/admin/")), response.url
        assert response.url.startswith("/admin/login/") or route.name == "logout"


def test_administrators_open_the_admin(client, admin_user_, world):
    client.force_login(admin_user_)
    assert client.get("/admin/").status_code == 200
    assert client.get(f"/admin/core/activity/{SAMPLE_PK}/change/").status_code == 200


def _missing_object_url(route: Route) -> str:
    kwargs = {
        k: (v + 1000 if isinstance(v, int) and v == SAMPLE_PK else v)
        for k, v in route.kwargs().items()
    }
    return reverse(
        f"{route.namespace}:{route.name}" if route.namespace else route.name, kwargs=kwargs
    )


PK_ROUTES = [r for r in STAFF_ONLY if SAMPLE_PK in r.kwargs().values()]


@pytest.mark.parametrize("route", _params(PK_ROUTES))
def test_a_user_without_a_role_cannot_tell_which_objects_exist(client, plain_user, route):
    # 403 for a missing object too, as for an existing one: no probing for ids.
    client.force_login(plain_user)
    url = _missing_object_url(route)
    assert client.get(url).status_code == 403
    client.logout()
    assert _is_login_redirect(client.get(url))
