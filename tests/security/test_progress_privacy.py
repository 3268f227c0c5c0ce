"""The public progress page tells nothing that is not public: no programme that is not
published, no names or staff notes, no figure about fewer than 5 people, and no
activity of another year."""

import datetime as dt
import re

import pytest

from programme.disclosure import SUPPRESSED
from programme.models import RevisionStatus, Target, Unit
from pzss.core.models import Activity, ActivityKind, ActivityStatus, Person, Registration
from pzss.core.models import RegistrationStatus as Status
from tests.core.soup import soup
from tests.programme.builders import first_target, make_revision

pytestmark = pytest.mark.django_db

YEAR = 2032
NAME = "Милица Средојевић"
NOTE = "Интерна напомена: колегиница на боловању"


def _held(title: str, *, year: int = YEAR, kind=ActivityKind.ROUND_TABLE) -> Activity:
    return Activity.objects.create(
        area=1, kind=kind, title=title, start_date=dt.date(year, 4, 2), status=ActivityStatus.HELD
    )


def _people_target(revision) -> Target:
    target = first_target(revision)
    target.unit, target.quantity, target.kind = Unit.STUDENTS, 40, ActivityKind.ROUND_TABLE
    target.save(update_fields=["unit", "quantity", "kind"])
    return target


def _attend(activity: Activity, n: int) -> None:
    for i in range(n):
        first, last = NAME.split()
        person = Person.objects.create(
            first_name=first, last_name=f"{last}{i or ''}", email=f"m{i}@example.rs"
        )
        Registration.objects.create(activity=activity, person=person, status=Status.ATTENDED)


@pytest.mark.parametrize(
    "status",
    [
        RevisionStatus.DRAFT,
        RevisionStatus.SUBMITTED,
        RevisionStatus.APPROVED,
        RevisionStatus.ADOPTED,
        RevisionStatus.SUPERSEDED,
    ],
)
def test_the_progress_of_a_programme_not_published_is_a_404(client, status):
    revision = make_revision(year=YEAR, status=status)
    first_target(revision).activities.add(_held("Округли сто"))
    response = client.get(f"/programme/{YEAR}/progress/")
    assert response.status_code == 404
    assert "Округли" not in response.content.decode()


def test_no_names_titles_or_staff_notes_leak(client, staff_user):
    revision = make_revision(year=YEAR, status=RevisionStatus.PUBLISHED)
    target = _people_target(revision)
    activity = _held(f"Обука код {NAME}")
    _attend(activity, 7)
    target.activities.add(activity)
    target.notes.create(quarter=2, text=NOTE, author=staff_user)

    for lang in ("sr", "sr-latn", "en"):
        html = client.get(f"/programme/{YEAR}/progress/?lang={lang}").content.decode()
        for secret in ("Средојевић", "Sredojević", "Милица", "Milica", "боловању", "bolovanju"):
            assert secret not in html, (lang, secret)
        assert "m0@example.rs" not in html


def test_a_figure_about_fewer_than_5_people_is_never_printed(client):
    revision = make_revision(year=YEAR, status=RevisionStatus.PUBLISHED)
    target = _people_target(revision)
    activity = _held("Пракса студената")
    _attend(activity, 3)
    target.activities.add(activity)

    page = soup(client.get(f"/programme/{YEAR}/progress/"))

    suppressed = str(SUPPRESSED)
    realised = page.find("tr", id=f"target-{target.pk}").find("td", class_="realised")
    assert suppressed in realised.get_text()
    assert not re.search(r"\b3\b", realised.get_text().replace(suppressed, ""))
    for figure in ("total-participations", "total-people"):
        assert page.find(id=figure).get_text(strip=True) == suppressed
    # 3 students of 40 would be 8 %: neither the row nor the chart nor its table says it.
    assert "8\xa0%" not in page.get_text() and ">8<" not in str(page)
    chart = page.find("div", class_="realisation-goals-chart")
    assert suppressed in chart.find("table").get_text()
    assert suppressed in str(chart.find("svg"))


def test_the_page_of_one_year_does_not_show_another_years_activities(client):
    this_year = make_revision(year=YEAR, status=RevisionStatus.PUBLISHED)
    next_year = make_revision(year=YEAR + 1, status=RevisionStatus.PUBLISHED)
    first_target(next_year).activities.add(_held("Посета", year=YEAR + 1))
    # linked by mistake (or moved to another year after it was linked): not this year's
    first_target(this_year).activities.add(_held("Стара посета", year=YEAR - 1))

    page = soup(client.get(f"/programme/{YEAR}/progress/"))

    assert page.find(id="total-held").get_text(strip=True) == "0"
    assert (
        soup(client.get(f"/programme/{YEAR + 1}/progress/"))
        .find(id="total-held")
        .get_text(strip=True)
        == "1"
    )
