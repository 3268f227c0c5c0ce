"""From a held activity's page staff start a news item written from what was logged: its
title, the date as 14.12.2020., the place, who took part from which institutions (the way
the institute's news page writes «Присуствовали су супервизори ЦСР Врбас, Апатин, …») and
how many; it is linked to the activity."""

import datetime as dt

import pytest

from outreach.models import NewsItem
from pzss.core.models import (
    Activity,
    ActivityKind,
    ActivityStatus,
    Area,
    Institution,
    Person,
    Registration,
    RegistrationStatus,
)
from tests.core.soup import fill, find_form, soup

pytestmark = pytest.mark.django_db


@pytest.fixture
def held_round_table():
    activity = Activity.objects.create(
        area=Area.SUPPORT,
        kind=ActivityKind.ROUND_TABLE,
        title="Концепт резилијентности у супервизији",
        start_date=dt.date(2019, 10, 1),
        place="ЦСР Сомбор",
        status=ActivityStatus.HELD,
        outcome="Договорене су теме за наредни сусрет.",
    )
    for n, town in enumerate(["Врбас", "Апатин", "Кула", "Врбас"]):
        inst = Institution.objects.get(name=f"ЦСР {town}")
        person = Person.objects.create(first_name="Супервизор", last_name=f"{n}", institution=inst)
        Registration.objects.create(
            activity=activity,
            person=person,
            institution=inst,
            position="supervisor",
            status=RegistrationStatus.ATTENDED,
        )
    # Signed up but absent, and cancelled: not among those who took part.
    for status, town in (
        (RegistrationStatus.ABSENT, "Кикинда"),
        (RegistrationStatus.CANCELLED, "Ада"),
    ):
        inst = Institution.objects.get(name=f"ЦСР {town}")
        person = Person.objects.create(first_name="Н", last_name=town, institution=inst)
        Registration.objects.create(
            activity=activity, person=person, institution=inst, position="supervisor", status=status
        )
    return activity


def test_a_held_activity_s_page_offers_a_news_item(staff_client, held_round_table):
    page = soup(staff_client.get(f"/staff/activities/{held_round_table.pk}/"))
    link = page.select_one(f'a[href="/staff/outreach/news/new/?activity={held_round_table.pk}"]')
    assert link is not None


def test_an_activity_not_yet_held_offers_none(staff_client, held_round_table):
    Activity.objects.filter(pk=held_round_table.pk).update(status=ActivityStatus.SCHEDULED)
    page = staff_client.get(f"/staff/activities/{held_round_table.pk}/").content.decode()
    assert "/staff/outreach/news/new/?activity=" not in page


def test_the_news_item_is_prefilled_from_what_was_logged(staff_client, held_round_table):
    page = soup(staff_client.get(f"/staff/outreach/news/new/?activity={held_round_table.pk}"))
    form = find_form(page)
    assert form.find("input", attrs={"name": "title"})["value"] == held_round_table.title
    lead = form.find("textarea", attrs={"name": "lead"}).text.strip()
    assert lead == (
        "01.10.2019. одржана је активност „Концепт резилијентности у супервизији“ "
        "(округли сто), место одржавања: ЦСР Сомбор."
    )
    body = form.find("textarea", attrs={"name": "body"}).text
    assert "Присуствовали су супервизори ЦСР Врбас, Апатин и Кула. Укупно учесника: 4." in body
    assert "Кикинда" not in body and "Ада" not in body
    assert "Договорене су теме за наредни сусрет." in body
    assert "/" not in body  # no gendered slashes
    selected = form.find("select", attrs={"name": "activities"}).find_all("option", selected=True)
    assert [o["value"] for o in selected] == [str(held_round_table.pk)]


def test_saving_it_links_the_item_to_the_activity(staff_client, held_round_table):
    url = f"/staff/outreach/news/new/?activity={held_round_table.pk}"
    form = find_form(soup(staff_client.get(url)))
    response = staff_client.post(url, fill(form, {}))
    assert response.status_code == 302
    item = NewsItem.objects.get()
    assert list(item.activities.all()) == [held_round_table]
    assert item.lead.startswith("01.10.2019. одржана је")
    assert item.body.startswith("<p>Присуствовали су супервизори ЦСР Врбас")
    page = staff_client.get(f"/staff/activities/{held_round_table.pk}/").content.decode()
    assert f"/staff/outreach/news/{item.pk}/" in page  # the activity lists its news


def test_participants_of_several_positions_and_institutions(staff_user, held_round_table):
    from outreach.selectors import news_draft_from_activity

    home = Institution.objects.exclude(kind="csw").first()
    person = Person.objects.create(first_name="В", last_name="С", institution=home)
    Registration.objects.create(
        activity=held_round_table,
        person=person,
        institution=home,
        position="case_manager",
        status=RegistrationStatus.ATTENDED,
    )
    body = news_draft_from_activity(user=staff_user, activity=held_round_table)["body"]
    name = home.short_name or home.name
    assert (
        f"Присуствовали су супервизори и водитељи случаја ЦСР Врбас, Апатин, Кула и {name}. "
        "Укупно учесника: 5." in body
    )


def test_without_marked_attendance_the_participants_count(staff_user, held_round_table):
    from outreach.selectors import news_draft_from_activity

    held_round_table.registrations.filter(status="attended").update(status="confirmed")
    body = news_draft_from_activity(user=staff_user, activity=held_round_table)["body"]
    assert "Укупно учесника: 4." in body


def test_an_activity_without_participants_names_its_institutions(staff_user, held_round_table):
    from outreach.selectors import news_draft_from_activity

    held_round_table.registrations.all().delete()
    held_round_table.institutions.set(Institution.objects.filter(name__in=["ЦСР Бач", "ЦСР Ада"]))
    body = news_draft_from_activity(user=staff_user, activity=held_round_table)["body"]
    assert "Активношћу су обухваћени ЦСР Ада и Бач." in body


def test_an_english_speaking_editor_still_gets_the_text_in_serbian(
    english, staff_user, held_round_table
):
    english.force_login(staff_user)
    page = soup(english.get(f"/staff/outreach/news/new/?activity={held_round_table.pk}"))
    lead = find_form(page).find("textarea", attrs={"name": "lead"}).text
    assert "(округли сто)" in lead and "round table" not in lead


def test_an_activity_not_held_gives_an_empty_form_with_a_message(staff_client, held_round_table):
    Activity.objects.filter(pk=held_round_table.pk).update(status=ActivityStatus.SCHEDULED)
    page = soup(staff_client.get(f"/staff/outreach/news/new/?activity={held_round_table.pk}"))
    assert find_form(page).find("textarea", attrs={"name": "lead"}).text.strip() == ""
    assert page.select(".messages .alert-warning")


def test_a_title_that_quotes_a_name_is_not_quoted_again(staff_user, held_round_table):
    from outreach.selectors import news_draft_from_activity

    held_round_table.title = "Округли сто „Вештине доношења одлука“"
    lead = news_draft_from_activity(user=staff_user, activity=held_round_table)["lead"]
    assert lead.startswith(
        "01.10.2019. одржана је активност Округли сто „Вештине доношења одлука“ ("
    )
