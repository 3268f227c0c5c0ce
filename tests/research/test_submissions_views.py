"""The institution's reporting pages and the staff review, tried by the right user, a
wrong-role user, another institution and an anonymous one."""

import datetime as dt
from dataclasses import replace

import pytest
from bs4 import BeautifulSoup
from django.urls import reverse
from django.utils import timezone

from research.models import Period, SubmissionStatus
from research.submission_services import submission_save_and_submit
from tests.research.builders import (
    SMALL,
    make_centre,
    make_data_set,
    make_institution_user,
    make_submission,
)

pytestmark = pytest.mark.django_db

GOOD = {"total": "10", "women": "6", "men": "4", "children": "3"}


@pytest.fixture
def data_set():
    return make_data_set()


@pytest.fixture
def period(data_set):
    period = data_set.periods.order_by("start").first()
    period.deadline = timezone.localdate() + dt.timedelta(days=7)
    period.save(update_fields=["deadline"])
    return period


@pytest.fixture
def centre():
    return make_centre("ЦСР Шетња")


@pytest.fixture
def centre_client(client, centre):
    client.force_login(make_institution_user(centre, "csr-setnja"))
    client.cookies["django_language"] = "en"
    return client


def _form_data(page: bytes, **values) -> dict:
    """The figures form that is really on the page, filled with `values`."""
    soup = BeautifulSoup(page, "html.parser")
    form = soup.find("form", class_="figures-form")
    data = {}
    for element in form.find_all(["input", "select", "textarea"]):
        name = element.get("name")
        if not name or element.get("type") == "submit":
            continue
        data[name] = element.get("value", "") if element.name == "input" else ""
    return {**data, **values}


def test_an_institution_login_lands_on_its_reporting_pages(client, centre):
    make_institution_user(centre, "csr-setnja")
    response = client.post(
        reverse("login"), {"username": "csr-setnja", "password": "pass-1234-word"}
    )
    assert response.status_code == 302
    assert client.get(response.url).url == reverse("reporting:home")


def test_staff_land_on_the_dashboard(client, staff_user):
    response = client.post(reverse("login"), {"username": "alice", "password": "pass-1234-word"})
    assert client.get(response.url).url == reverse("core:dashboard")


def test_the_institution_navigation_shows_reporting_not_the_staff_pages(centre_client, period):
    page = centre_client.get(reverse("reporting:home")).content.decode()
    assert reverse("reporting:home") in page
    assert reverse("core:dashboard") not in page
    assert reverse("core:activity_list") not in page
    assert centre_client.get(reverse("core:dashboard")).status_code == 403


def test_the_home_lists_own_periods_what_is_due_first(centre_client, centre):
    later, sent, sooner = _periods(3)
    today = timezone.localdate()
    Period.objects.filter(pk=later.pk).update(deadline=today + dt.timedelta(days=10))
    Period.objects.filter(pk=sooner.pk).update(deadline=today + dt.timedelta(days=3))
    make_submission(period=sent, institution=centre, values=GOOD)
    make_submission(period=later, institution=make_centre("ЦСР Друга"), values=GOOD)
    page = centre_client.get(reverse("reporting:home")).content.decode()
    assert "ЦСР Друга" not in page
    # What is still due, by deadline; then what is sent.
    assert page.index(sooner.label) < page.index(later.label) < page.index(sent.label)


def test_a_centre_fills_in_saves_a_draft_and_submits_through_the_page(centre_client, period):
    url = reverse("reporting:period", args=[period.pk])
    page = centre_client.get(url)
    assert page.status_code == 200
    data = _form_data(page.content, total="10", draft="1")
    response = centre_client.post(url, data)
    assert response.status_code == 302
    submission = period.submissions.get()
    assert submission.status == SubmissionStatus.DRAFT
    page = centre_client.get(url)
    data = _form_data(page.content, **GOOD, submit="1")
    assert data["total"] == "10"  # the draft is filled back in
    assert centre_client.post(url, data).status_code == 302
    submission.refresh_from_db()
    assert submission.status == SubmissionStatus.SUBMITTED


def test_errors_are_shown_next_to_each_field_and_summed_up_nothing_stored(centre_client, period):
    url = reverse("reporting:period", args=[period.pk])
    data = _form_data(centre_client.get(url).content, **{**GOOD, "children": "11"}, submit="1")
    response = centre_client.post(url, data)
    assert response.status_code == 400
    soup = BeautifulSoup(response.content, "html.parser")
    # The rule's message stands under the total and the part, and once in the summary.
    assert [li.text for li in soup.select("#errors li")] == [
        "«од тога: деца» cannot be more than «Укупно»."
    ]
    field = soup.select_one("#id_children")
    assert "is-invalid" in field["class"]
    assert "cannot be more than" in soup.select_one("#id_children-error").text
    assert not period.submissions.exists()


def test_another_institutions_period_and_submission_are_a_404(centre_client, period):
    home_only = make_data_set(replace(SMALL, code="homes", expected_kinds=("adult_home",)))
    foreign = home_only.periods.first()
    for name in ("period", "template"):
        assert centre_client.get(reverse(f"reporting:{name}", args=[foreign.pk])).status_code == 404
    assert centre_client.post(reverse("reporting:upload", args=[foreign.pk])).status_code == 404
    assert centre_client.post(reverse("reporting:correct", args=[foreign.pk])).status_code == 404
    assert centre_client.get(reverse("reporting:period", args=[999999])).status_code == 404


def test_another_centres_figures_never_show_on_a_shared_period(centre_client, period):
    other = make_centre("ЦСР Друга")
    make_submission(period=period, institution=other, values={**GOOD, "note": "ТАЈНА"})
    page = centre_client.get(reverse("reporting:period", args=[period.pk])).content.decode()
    assert "ТАЈНА" not in page and "ЦСР Друга" not in page
    template = centre_client.get(reverse("reporting:template", args=[period.pk]))
    assert template.status_code == 200
    assert b"\xd0\xa2\xd0\x90\xd0\x88\xd0\x9d\xd0\x90" not in template.content  # ТАЈНА


@pytest.mark.parametrize("name", ["home", "period", "template"])
def test_reporting_pages_are_for_institution_logins_only(
    client, staff_user, plain_user, period, name
):
    url = reverse(f"reporting:{name}", **({"args": [period.pk]} if name != "home" else {}))
    assert client.get(url).url.startswith("/accounts/login/")
    for user in (plain_user, staff_user):
        client.force_login(user)
        assert client.get(url).status_code == 403


def test_the_review_pages_are_staff_only(client, staff_client, plain_user, period, centre):
    submission = make_submission(
        period=period, institution=centre, values=GOOD, status=SubmissionStatus.SUBMITTED
    )
    for url in (
        reverse("research:review:list"),
        reverse("research:review:detail", args=[submission.pk]),
    ):
        assert staff_client.get(url).status_code == 200
    client.force_login(plain_user)
    assert client.get(reverse("research:review:list")).status_code == 403
    client.force_login(make_institution_user(centre, "csr-x"))
    assert client.get(reverse("research:review:list")).status_code == 403
    client.logout()
    assert client.get(reverse("research:review:list")).url.startswith("/accounts/login/")


def test_staff_return_with_a_comment_and_the_centre_reads_it(
    staff_client, staff_user, period, centre, client
):
    submission = submission_save_and_submit(
        user=staff_user, period=period, institution=centre, raw=GOOD
    )
    url = reverse("research:review:return", args=[submission.pk])
    assert staff_client.post(url, {"comment": ""}).status_code == 400
    assert staff_client.post(url, {"comment": "Проверите број деце."}).status_code == 302
    client.force_login(make_institution_user(centre, "csr-y"))
    page = client.get(reverse("reporting:period", args=[period.pk])).content.decode()
    assert "Проверите број деце." in page and "alert-warning" in page


def test_staff_accept_and_the_versions_show_side_by_side(staff_client, staff_user, period, centre):
    submission = submission_save_and_submit(
        user=staff_user, period=period, institution=centre, raw=GOOD
    )
    staff_client.post(reverse("research:review:return", args=[submission.pk]), {"comment": "Деца?"})
    submission = submission_save_and_submit(
        user=staff_user, period=period, institution=centre, raw={**GOOD, "children": "2"}
    )
    response = staff_client.post(reverse("research:review:accept", args=[submission.pk]))
    assert response.status_code == 302
    submission.refresh_from_db()
    assert submission.status == SubmissionStatus.ACCEPTED
    page = staff_client.get(reverse("research:review:detail", args=[submission.pk]))
    soup = BeautifulSoup(page.content, "html.parser")
    changed = soup.select(".compare-versions td.table-warning")
    assert [c.text.split()[0] for c in changed] == ["2"]


def test_staff_enter_figures_for_a_centre(staff_client, period, centre):
    url = reverse("research:review:enter", args=[period.pk, centre.pk])
    data = _form_data(staff_client.get(url).content, **GOOD, submit="1")
    response = staff_client.post(url, data)
    assert response.status_code == 302
    assert period.submissions.get().current_version.created_by.username == "alice"


# --- query counts -----------------------------------------------------------------------------


def _periods(n: int):
    data_set = make_data_set()
    # n periods that have begun: the data set's monthly ones this year and last.
    data_set.periods.all().delete()
    start = timezone.localdate().replace(day=1)
    periods = []
    for i in range(n):
        day = start - dt.timedelta(days=7 * i)
        periods.append(Period.objects.create(data_set=data_set, start=day, end=day, deadline=day))
    return periods


@pytest.mark.parametrize("rows", [5, 50])
def test_the_institution_home_reads_a_fixed_number_of_queries(
    client, centre, rows, django_assert_num_queries
):
    periods = _periods(rows)
    for p in periods[::2]:
        make_submission(period=p, institution=centre, values=GOOD)
    client.force_login(make_institution_user(centre, "csr-q"))
    client.get(reverse("reporting:home"))
    # session, user, groups, the account's institution (roles), the institution,
    # the chosen data sets, the data sets, the periods, their own submissions.
    with django_assert_num_queries(9):
        response = client.get(reverse("reporting:home"))
    assert response.content.decode().count("reporting/periods/") >= min(rows, 50)


@pytest.mark.parametrize("rows", [5, 50])
def test_the_review_list_reads_a_fixed_number_of_queries(
    staff_client, rows, django_assert_num_queries
):
    periods = _periods(rows)
    for index, p in enumerate(periods):
        make_submission(
            period=p,
            institution=make_centre(f"ЦСР {index}"),
            values=GOOD,
            status=SubmissionStatus.SUBMITTED,
        )
    # session, user, groups, the submissions with their period, data set, institution,
    # municipality and version.
    with django_assert_num_queries(4):
        response = staff_client.get(reverse("research:review:list"))
    assert response.content.decode().count("/data/review/") >= rows
