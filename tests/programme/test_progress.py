"""The public progress page (/programme/<year>/progress/): the published programme's
targets planned against realised, for anyone, with the charts and no personal data;
figures about people under 5 read «fewer than 5» (programme.disclosure)."""

import datetime as dt
import json
from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import translation

from programme import charts, selectors
from programme.disclosure import PublicFigure, public_figure
from programme.models import RevisionStatus, Target, Unit
from pzss.core.models import (
    Activity,
    ActivityKind,
    ActivityStatus,
    Institution,
    Person,
    Registration,
    RegistrationStatus,
)
from tests.core.soup import soup
from tests.programme.builders import first_target, make_revision

pytestmark = pytest.mark.django_db

YEAR = 2030
SITE = "https://portal.example.org"


def _url(year: int = YEAR) -> str:
    return reverse("programme:progress", kwargs={"year": year})


def _activity(title="Радна посета ЦСР Сомбор", *, year=YEAR, status=ActivityStatus.HELD, **kw):
    return Activity.objects.create(
        area=kw.pop("area", 1),
        kind=kw.pop("kind", ActivityKind.WORKING_VISIT),
        title=title,
        start_date=kw.pop("start_date", dt.date(year, 3, 10)),
        status=status,
        cancel_reason="Отказано." if status == ActivityStatus.CANCELLED else "",
        **kw,
    )


def _attend(activity, n: int, *, start: int = 0) -> None:
    for i in range(start, start + n):
        person = Person.objects.create(
            first_name="Јелена", last_name=f"Јовановић {i}", email=f"p{i}@example.rs"
        )
        Registration.objects.create(
            activity=activity, person=person, status=RegistrationStatus.ATTENDED
        )


@pytest.fixture
def published():
    return make_revision(year=YEAR, status=RevisionStatus.PUBLISHED)


@pytest.fixture
def target(published) -> Target:
    # Area I, working visits, 2 planned (tests/programme/builders.py).
    return first_target(published)


def _participants_target(target: Target, quantity: int = 20) -> Target:
    target.unit, target.quantity = Unit.PARTICIPANTS, quantity
    target.kind = ActivityKind.ROUND_TABLE
    target.save(update_fields=["unit", "quantity", "kind"])
    return target


def _row(page, target: Target) -> dict[str, str]:
    tr = page.find("tr", id=f"target-{target.pk}")
    cells = tr.find_all("td")
    return {
        "target": cells[0].get_text(" ", strip=True),
        "planned": cells[1].get_text(" ", strip=True),
        "time": cells[2].get_text(" ", strip=True),
        "realised": cells[3].get_text(" ", strip=True),
        "percent": cells[4].get_text(" ", strip=True),
        "state": cells[5].get_text(" ", strip=True),
    }


# --- the suppression, on its own ---------------------------------------------------------


@pytest.mark.parametrize(
    ("value", "shown"),
    [(0, "0"), (1, "fewer than 5"), (4, "fewer than 5"), (5, "5"), (120, "120")],
)
def test_a_figure_about_people_from_1_to_4_is_suppressed(value, shown):
    figure = public_figure(value, about_people=True)
    assert str(figure) == shown
    assert figure.suppressed is (shown == "fewer than 5")
    if figure.suppressed:
        assert figure.value is None  # the true figure is not kept to be printed


def test_a_figure_not_about_people_is_shown_however_small():
    assert public_figure(3, about_people=False) == PublicFigure(3)
    assert str(public_figure(Decimal("2.5"), about_people=False)) == "2.5"


def test_the_suppressed_label_is_in_the_readers_language():
    figure = public_figure(2, about_people=True)
    with translation.override("en"):
        assert str(figure) == "fewer than 5"


# --- the page -------------------------------------------------------------------------------


def test_the_public_reads_a_targets_plan_and_what_was_realised(client, target):
    target.activities.add(_activity(), _activity("Друга посета"))
    _activity("Трећа посета", status=ActivityStatus.CANCELLED)  # counts for nothing

    response = client.get(_url())

    assert response.status_code == 200
    row = _row(soup(response), target)
    assert "Radne posete 1" in row["target"]  # English readers read content in Latin
    assert row["planned"] == "2 posete"
    assert row["time"]  # the time frame as the programme states it
    assert row["realised"] == "2 visits"
    assert row["percent"] == "100\xa0%"
    assert row["state"] == "Reached"


def test_a_qualitative_target_shows_its_number_of_held_activities(client, target):
    target.quantity, target.unit = None, ""
    target.save(update_fields=["quantity", "unit"])
    target.activities.add(_activity("Састанак радне групе"))

    row = _row(soup(client.get(_url())), target)

    assert row["realised"] == "1 held activity"
    assert row["percent"] == "—"
    assert row["state"] == "Qualitative"


def test_the_page_shows_the_years_totals_and_the_map(client, target):
    visit = _activity()
    visit.institutions.add(Institution.objects.get(name="ЦСР Зрењанин"))
    _attend(visit, 6)
    target.activities.add(visit)

    page = soup(client.get(_url()))

    assert page.find(id="total-held").get_text(strip=True) == "1"
    assert page.find(id="total-participations").get_text(strip=True) == "6"
    assert page.find(id="total-people").get_text(strip=True) == "6"
    assert page.find(id="total-institutions").get_text(strip=True) == "1"
    assert page.find(id="total-municipalities").get_text(strip=True) == "1"
    map_section = page.find("section", class_="realisation-map")
    assert map_section.find("svg") and "Zrenjanin" in map_section.get_text()
    # each area's goals chart, with its numbers in a table
    assert page.find("div", class_="realisation-goals-chart").find("svg")


@pytest.mark.parametrize(
    "status",
    [
        RevisionStatus.DRAFT,
        RevisionStatus.SUBMITTED,
        RevisionStatus.APPROVED,
        RevisionStatus.ADOPTED,
    ],
)
def test_a_programme_not_published_has_no_progress_page(client, status):
    make_revision(year=YEAR, status=status)
    assert client.get(_url()).status_code == 404


def test_a_year_without_a_programme_is_a_404(client):
    assert client.get(_url(2099)).status_code == 404


def test_staff_read_the_same_public_page(staff_client, target):
    response = staff_client.get(_url())
    assert response.status_code == 200
    assert _row(soup(response), target)["planned"] == "2 posete"


def test_the_published_revision_is_shown_not_a_draft_amendment(client, published):
    draft = make_revision(
        year=YEAR, status=RevisionStatus.DRAFT, programme=published.programme, number=2
    )
    Target.objects.of_revision(draft).update(description="Нацрт измене")

    html = client.get(_url()).content.decode()

    assert "Radne posete 1" in html
    assert "Nacrt izmene" not in html and "Нацрт измене" not in html


def test_the_page_is_in_serbian_cyrillic_by_default_and_latin_on_request(client, target, settings):
    settings.LANGUAGE_CODE = "sr"
    with translation.override("sr"):
        html = client.get(_url()).content.decode()
    assert "Радне посете 1" in html and 'lang="sr-Cyrl"' in html
    html = client.get(_url() + "?lang=sr-latn").content.decode()
    assert "Radne posete 1" in html and "Радне посете 1" not in html


# --- no personal data; small figures about people ------------------------------------------


def test_a_participants_target_under_5_reads_fewer_than_5_without_a_percentage(client, target):
    _participants_target(target)
    round_table = _activity("Округли сто", kind=ActivityKind.ROUND_TABLE)
    _attend(round_table, 3)
    target.activities.add(round_table)

    page = soup(client.get(_url()))

    row = _row(page, target)
    assert row["realised"] == "fewer than 5 participants"
    assert row["percent"] == "—"  # 15 % of 20 would give the 3 back
    assert page.find(id="total-participations").get_text(strip=True) == "fewer than 5"
    assert page.find(id="total-people").get_text(strip=True) == "fewer than 5"


def test_a_participants_target_of_5_or_more_shows_its_figure(client, target):
    _participants_target(target)
    round_table = _activity("Округли сто", kind=ActivityKind.ROUND_TABLE)
    _attend(round_table, 5)
    target.activities.add(round_table)

    row = _row(soup(client.get(_url())), target)

    assert row["realised"] == "5 participants"
    assert row["percent"] == "25\xa0%"


def test_the_goals_chart_never_prints_a_suppressed_figure(target):
    _participants_target(target, quantity=20)
    round_table = _activity("Округли сто", kind=ActivityKind.ROUND_TABLE)
    _attend(round_table, 3)
    target.activities.add(round_table)
    with translation.override("en"):
        area = selectors.public_progress(year=YEAR).areas[0]
        chart = charts.public_goals_chart(area)

    [(label, planned, realised)] = chart.rows
    assert (planned, realised) == (100, "fewer than 5")
    assert "fewer than 5" in chart.svg
    assert " 15<" not in chart.svg and ">15<" not in chart.svg  # 3 of 20 is 15 %
    assert "left out of their goal's percentage" in chart.description


def test_a_suppressed_target_is_left_out_of_its_goals_mean(published):
    revision = make_revision(year=YEAR + 1, status=RevisionStatus.PUBLISHED, targets_per_goal=2)
    first, second = Target.objects.of_revision(revision).filter(goal__section__area=1)
    _participants_target(first)
    people = _activity("Округли сто", year=YEAR + 1, kind=ActivityKind.ROUND_TABLE)
    _attend(people, 2)
    first.activities.add(people)
    second.activities.add(_activity("Посета", year=YEAR + 1))  # 1 of 3 visits
    area = selectors.public_progress(year=YEAR + 1).areas[0]

    [(_label, _planned, realised)] = charts.public_goals_chart(area).rows

    assert realised == 33  # the visits alone; the staff chart's mean includes the 10 %


def test_no_names_titles_or_staff_notes_reach_the_page(client, target, staff_user):
    visit = _activity("Посета породици Петровић")
    _attend(visit, 6)
    target.activities.add(visit)
    target.responsible.add(staff_user)
    target.notes.create(quarter=1, text="Поверљиво: заостајемо због болести", author=staff_user)

    html = client.get(_url()).content.decode()
    with translation.override("sr"):
        cyrillic = client.get(_url() + "?lang=sr").content.decode()

    for text in (html, cyrillic):
        for secret in ("Petrović", "Петровић", "Jovanović", "Јовановић", "болести", "bolesti"):
            assert secret not in text
        assert staff_user.last_name not in text
        assert "p0@example.rs" not in text


def test_an_activity_of_another_year_does_not_count(client, target, published):
    target.activities.add(_activity("Посета прошле године", start_date=dt.date(YEAR - 1, 12, 1)))
    later = make_revision(year=YEAR + 1, status=RevisionStatus.PUBLISHED)
    first_target(later).activities.add(_activity("Посета наредне године", year=YEAR + 1))

    page = soup(client.get(_url()))

    assert _row(page, target)["realised"] == "0 visits"
    assert page.find(id="total-held").get_text(strip=True) == "0"
    other = soup(client.get(_url(YEAR + 1)))
    assert other.find(id="total-held").get_text(strip=True) == "1"


# --- constant queries --------------------------------------------------------------------


@pytest.mark.parametrize("n", [5, 50])
def test_the_page_has_a_constant_query_count(client, target, django_assert_max_num_queries, n):
    for i in range(n):
        activity = _activity(f"Посета {i}")
        activity.institutions.add(Institution.objects.order_by("pk")[i % 10])
        _attend(activity, 2, start=i * 2)
        target.activities.add(activity)
    # The revision with its programme; sections, area targets, goals, goal targets; the
    # targets' counts (3); the programme's reach (3); activities per municipality (1);
    # the generation of the public cache needs none (the cache is not the database).
    with django_assert_max_num_queries(12):
        response = client.get(_url())
    assert response.status_code == 200
    assert soup(response).find(id="total-held").get_text(strip=True) == str(n)


def test_a_second_visit_is_served_from_the_public_cache(client, target):
    assert client.get(_url())["X-Cache"] == "miss"
    assert client.get(_url())["X-Cache"] == "hit"


# --- discovery and links --------------------------------------------------------------------


def test_the_page_has_its_canonical_address_alternates_and_structured_data(
    client, published, settings
):
    settings.SITE_URL = SITE
    settings.LANGUAGE_CODE = "sr"  # the portal's own default: Cyrillic at the plain address
    page = soup(client.get(_url() + "?lang=en&area=2&utm_source=x"))

    assert page.select_one("link[rel=canonical]")["href"] == f"{SITE}{_url()}?lang=en"
    alternates = {a["hreflang"]: a["href"] for a in page.select("link[rel=alternate][hreflang]")}
    assert alternates["sr-Cyrl"] == f"{SITE}{_url()}"
    assert alternates["sr-Latn"] == f"{SITE}{_url()}?lang=sr-latn"
    og = {m["property"]: m["content"] for m in page.select("meta[property]")}
    assert og["og:title"] == f"Work programme {YEAR}: progress"
    [data] = [json.loads(s.string) for s in page.select("script[type='application/ld+json']")]
    assert data["@type"] == "WebPage"
    assert data["url"] == f"{SITE}{_url()}"
    assert data["about"]["url"] == f"{SITE}/programme/{YEAR}/"


def test_the_sitemap_lists_the_progress_of_published_programmes_only(client, published):
    make_revision(year=YEAR + 1, status=RevisionStatus.APPROVED)
    xml = client.get("/sitemap.xml").content.decode()
    assert f"/programme/{YEAR}/progress/" in xml
    assert f"/programme/{YEAR + 1}/progress/" not in xml


def test_the_published_programme_and_the_home_page_link_to_the_progress(client, published):
    assert f'href="{_url()}"' in client.get(f"/programme/{YEAR}/").content.decode()
    assert f'href="{_url()}"' in client.get("/").content.decode()


def test_a_programme_not_published_links_to_no_progress(staff_client):
    make_revision(year=YEAR, status=RevisionStatus.APPROVED)
    assert _url() not in staff_client.get(f"/programme/{YEAR}/").content.decode()
