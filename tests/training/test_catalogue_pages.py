"""The catalogue's pages: the public catalogue shows only published programmes (own
accredited first) and their upcoming sessions with sign-up; a draft is a 404; staff
create, publish and schedule through the rendered forms; the lists' queries do not grow
with their rows."""

import datetime as dt

import pytest
from django.utils import timezone

from pzss.core.models import Activity, ActivityKind, Institution
from pzss.lib.translit import to_latin
from tests.events.conftest import form_by_action, form_data, soup
from tests.training.catalogue_builders import make_programme, programme_data, schedule
from training import catalogue_services as services
from training.models import AccreditationStatus, TrainingProgramme, TrainingSession

pytestmark = pytest.mark.django_db


@pytest.fixture
def client(client):
    client.cookies["django_language"] = "en"
    return client


@pytest.fixture
def staff_client(client, staff_user):
    client.force_login(staff_user)
    return client


# --- public -------------------------------------------------------------------------------


def test_the_catalogue_lists_published_programmes_own_accredited_first(client, staff_user):
    partner = Institution.objects.order_by("name").first()
    other = make_programme(
        staff_user, title="Аа партнерски програм", origin="partner", provider=partner
    )
    own = make_programme(staff_user, title="Шш сопствени програм")
    draft = make_programme(staff_user, title="Нацрт програма", published=False)
    html = client.get("/training/").content.decode()
    assert own.accreditation_number in html and other.accreditation_number in html
    # An English page shows Serbian content in Latin.
    assert html.index(to_latin(own.title)) < html.index(to_latin(other.title))
    assert to_latin(draft.title) not in html
    assert "16 hours" in html and "Licence points" in html


def test_the_catalogue_filters_by_status_and_target_group(client, staff_user):
    make_programme(staff_user, title="За домове", target_group="Запослени у домовима")
    make_programme(
        staff_user,
        title="Вођење случаја",
        status=AccreditationStatus.SUBMITTED,
        accreditation_number="",
        valid_from=None,
        valid_until=None,
        target_group="Водитељи случаја",
    )
    cases, homes = to_latin("Вођење случаја"), to_latin("За домове")
    html = client.get("/training/?status=submitted").content.decode()
    assert cases in html and homes not in html
    html = client.get("/training/?target=домовима").content.decode()
    assert homes in html and cases not in html
    # A status that is none is ignored: the whole catalogue.
    html = client.get("/training/?status=bogus").content.decode()
    assert homes in html and cases in html


def test_the_catalogue_links_upcoming_sessions_to_their_sign_up(client, staff_user):
    programme = make_programme(staff_user)
    activity = schedule(programme, staff_user, capacity=3).activity
    past = schedule(
        programme, staff_user, start=timezone.localdate() - dt.timedelta(days=30)
    ).activity
    html = client.get("/training/").content.decode()
    assert f"/events/{activity.pk}/" in html
    assert f"/events/{past.pk}/" not in html
    assert "3 seats left" in html


def test_a_programme_page_says_everything_the_catalogue_promises(client, staff_user):
    programme = make_programme(staff_user, points_rule="per_day")
    activity = schedule(programme, staff_user).activity
    html = client.get(programme.get_absolute_url()).content.decode()
    assert programme.get_absolute_url() == f"/training/programmes/{programme.slug}/"
    for text in (
        programme.accreditation_number,
        programme.accreditation_body,
        programme.trainers,
        programme.authors,
        programme.target_group,
        "<li>Разуме потребе деце</li>",
        "<li>Планира услугу</li>",
        "2 days, 16 hours",
        "Each day attended earns its share of the points",
        f"/events/{activity.pk}/",
    ):
        assert to_latin(text) in html, text


def test_an_unpublished_programme_is_a_404_to_the_public(client, staff_user):
    programme = make_programme(staff_user, published=False)
    assert client.get(programme.get_absolute_url()).status_code == 404
    services.programme_publish(user=staff_user, programme=programme, published=True)
    assert client.get(programme.get_absolute_url()).status_code == 200
    services.programme_publish(user=staff_user, programme=programme, published=False)
    assert client.get(programme.get_absolute_url()).status_code == 404
    assert to_latin(programme.title) not in client.get("/training/").content.decode()


def test_the_sitemap_lists_published_programmes_only(client, staff_user):
    published = make_programme(staff_user)
    draft = make_programme(staff_user, published=False)
    xml = client.get("/sitemap.xml").content.decode()
    assert published.get_absolute_url() in xml
    assert draft.get_absolute_url() not in xml


def _programmes(owner, n):
    for _ in range(n):
        programme = make_programme(owner)
        schedule(programme, owner)


@pytest.mark.parametrize("rows", [5, 50])
def test_the_catalogue_page_queries_do_not_grow_with_its_programmes(
    client, staff_user, rows, django_assert_max_num_queries
):
    _programmes(staff_user, rows)
    # The programmes with their providers (1), their upcoming sessions (1, prefetched),
    # the upcoming sessions' list with sign-up and seats (1); the page's own few
    # (session, the programme in force, area links).
    with django_assert_max_num_queries(8):
        response = client.get("/training/")
    assert response.status_code == 200
    assert response.content.decode().count("/events/") >= rows


# --- staff --------------------------------------------------------------------------------


@pytest.mark.parametrize("rows", [5, 50])
def test_the_staff_list_queries_do_not_grow_with_its_programmes(
    staff_client, staff_user, rows, django_assert_max_num_queries
):
    _programmes(staff_user, min(rows, 25))
    for _ in range(rows - min(rows, 25)):
        make_programme(staff_user)
    # The session and user (2), the user's groups (1), the count and the page with
    # owners, providers and session counts (2).
    with django_assert_max_num_queries(7):
        response = staff_client.get("/staff/training/programmes/")
    assert response.status_code == 200


def test_the_staff_list_says_which_accreditations_end_soon(staff_client, staff_user):
    make_programme(staff_user, valid_until=timezone.localdate() + dt.timedelta(days=60))
    html = staff_client.get("/staff/training/programmes/").content.decode()
    assert "ends soon" in html


def test_staff_create_a_programme_through_the_rendered_form(staff_client, staff_user):
    page = soup(staff_client.get("/staff/training/programmes/new/"))
    form = form_by_action(page, "")
    data = form_data(form)
    data.update(
        {
            k: ("" if v is None else v)
            for k, v in programme_data(staff_user).items()
            if k not in {"owner", "provider"}
        }
    )
    data["title"] = "Нови програм обуке"
    response = staff_client.post("/staff/training/programmes/new/", data)
    programme = TrainingProgramme.objects.get(title="Нови програм обуке")
    assert response.status_code == 302
    assert response.url == f"/staff/training/programmes/{programme.pk}/"
    assert programme.owner == staff_user and not programme.is_published


def test_an_accredited_programme_without_a_number_is_refused_on_the_form(staff_client, staff_user):
    page = soup(staff_client.get("/staff/training/programmes/new/"))
    data = form_data(form_by_action(page, ""))
    data.update(
        {
            k: ("" if v is None else v)
            for k, v in programme_data(staff_user).items()
            if k not in {"owner", "provider"}
        }
    )
    data["accreditation_number"] = ""
    response = staff_client.post("/staff/training/programmes/new/", data)
    assert response.status_code == 400
    assert "An accredited programme needs this." in response.content.decode()
    assert not TrainingProgramme.objects.exists()


def test_staff_publish_and_unpublish_from_the_programme_page(staff_client, staff_user):
    programme = make_programme(staff_user, published=False)
    url = f"/staff/training/programmes/{programme.pk}/publish/"
    page = soup(staff_client.get(f"/staff/training/programmes/{programme.pk}/"))
    response = staff_client.post(url, form_data(form_by_action(page, url)))
    assert response.status_code == 302
    programme.refresh_from_db()
    assert programme.is_published
    page = soup(staff_client.get(f"/staff/training/programmes/{programme.pk}/"))
    staff_client.post(url, form_data(form_by_action(page, url)))
    programme.refresh_from_db()
    assert not programme.is_published


def _schedule_form(staff_client, programme):
    url = f"/staff/training/programmes/{programme.pk}/sessions/new/"
    return url, form_data(form_by_action(soup(staff_client.get(url)), ""))


def test_staff_schedule_a_session_through_the_rendered_form(staff_client, staff_user):
    programme = make_programme(staff_user)
    url, data = _schedule_form(staff_client, programme)
    assert data["kind"] == ActivityKind.ACCREDITED_TRAINING
    start = timezone.localdate() + dt.timedelta(days=20)
    data.update(
        {
            "start_date": start.isoformat(),
            "end_date": (start + dt.timedelta(days=1)).isoformat(),
            "capacity": "15",
        }
    )
    response = staff_client.post(url, data)
    session = TrainingSession.objects.get(programme=programme)
    assert response.status_code == 302
    assert response.url == f"/staff/activities/{session.activity_id}/"
    page = staff_client.get(f"/staff/training/programmes/{programme.pk}/").content.decode()
    assert f"/staff/activities/{session.activity_id}/" in page


def test_a_session_outside_the_accreditation_is_refused_on_the_form(staff_client, staff_user):
    programme = make_programme(staff_user)
    url, data = _schedule_form(staff_client, programme)
    start = programme.valid_until + dt.timedelta(days=10)
    data.update(
        {
            "start_date": start.isoformat(),
            "end_date": (start + dt.timedelta(days=1)).isoformat(),
        }
    )
    response = staff_client.post(url, data)
    assert response.status_code == 400
    assert "outside the programme" in response.content.decode()
    assert not Activity.objects.exists()


def test_the_programme_page_counts_each_sessions_registrations_and_certificates(
    staff_client, staff_user, django_assert_max_num_queries
):
    programme = make_programme(staff_user)
    activities = [schedule(programme, staff_user).activity for _ in range(3)]
    # The session and user (2), the user's groups (1), the programme (1), its sessions
    # with their counts (1).
    with django_assert_max_num_queries(7):
        response = staff_client.get(f"/staff/training/programmes/{programme.pk}/")
    assert response.status_code == 200
    html = response.content.decode()
    assert all(f"/staff/events/{a.pk}/" in html for a in activities)
