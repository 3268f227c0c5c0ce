"""The activity pages, through the forms they really render: plan, edit, log as held,
cancel. Each is tried by staff, by a logged-in user without a role and anonymously."""

import datetime as dt

import pytest
from django.contrib.auth.models import Group
from django.utils import timezone

from pzss.core.models import (
    Activity,
    ActivityKind,
    ActivityStatus,
    Area,
    AuditEntry,
    Institution,
    Municipality,
)
from pzss.core.services.activities import activity_cancel, activity_create
from tests.core.soup import (
    cyrillic_choices,
    field_errors,
    fill,
    find_form,
    messages_on,
    option_value,
    soup,
)

pytestmark = pytest.mark.django_db

NEW_URL = "/staff/activities/new/"


def _today() -> dt.date:
    return timezone.localdate()


def _iso(day: dt.date) -> str:
    return day.strftime("%Y-%m-%d")


def _audit(activity: Activity, action: str) -> list[AuditEntry]:
    return list(AuditEntry.objects.filter(object_id=activity.pk, action=action).order_by("id"))


@pytest.fixture
def planned(staff_user) -> Activity:
    return activity_create(
        user=staff_user,
        data={
            "area": Area.SUPPORT,
            "kind": ActivityKind.ROUND_TABLE,
            "title": "Округли сто о хранитељству",
            "start_date": _today() + dt.timedelta(days=14),
            "place": "Сомбор",
            "municipality": Municipality.objects.get(name="Сомбор"),
        },
        institutions=[Institution.objects.get(name="ЦСР Сомбор")],
    )


def _new_form(client):
    response = client.get(NEW_URL)
    assert response.status_code == 200
    return find_form(soup(response))


def test_staff_plans_an_activity_through_the_form(staff_client, staff_user):
    form = _new_form(staff_client)
    csw_kula = Institution.objects.get(name="ЦСР Кула")
    data = fill(
        form,
        {
            "area": str(Area.TRAINING.value),
            "kind": ActivityKind.WORKSHOP,
            "title": "Радионица за супервизоре",
            "start_date": _iso(_today() + dt.timedelta(days=20)),
            "start_time": "10:00",
            "place": "Кула, Дом културе",
            "municipality": option_value(form, "municipality", "Кула"),
            "institutions": [str(csw_kula.pk)],
            "capacity": "30",
            "is_public": True,
        },
    )

    response = staff_client.post(NEW_URL, data)

    activity = Activity.objects.get(title="Радионица за супервизоре")
    assert response.status_code == 302
    assert response.url == f"/staff/activities/{activity.pk}/"
    assert activity.area == Area.TRAINING
    assert activity.status == ActivityStatus.PLANNED
    assert activity.start_time == dt.time(10, 0)
    assert activity.municipality.name == "Кула"
    assert activity.capacity == 30
    assert activity.is_public
    assert list(activity.institutions.all()) == [csw_kula]
    # Nobody picked as responsible: the one who planned it is.
    assert list(activity.responsible.all()) == [staff_user]
    assert activity.created_by == staff_user
    [entry] = _audit(activity, "activity_create")
    assert entry.actor == staff_user
    assert entry.changes["title"] == [None, "Радионица за супервизоре"]


def test_the_new_activity_page_shows_it_after_saving(staff_client):
    form = _new_form(staff_client)
    data = fill(
        form,
        {
            "area": "1",
            "kind": ActivityKind.WORKING_VISIT,
            "title": "Посета ЦСР Шид",
            "start_date": _iso(_today() + dt.timedelta(days=3)),
        },
    )
    response = staff_client.post(NEW_URL, data, follow=True)
    page = soup(response)
    assert response.status_code == 200
    assert "Посета ЦСР Шид" in page.h1.get_text()
    assert messages_on(page)


def test_editing_records_exactly_the_changed_fields_in_the_audit(staff_client, staff_user, planned):
    url = f"/staff/activities/{planned.pk}/edit/"
    form = find_form(soup(staff_client.get(url)))
    data = fill(form, {"title": "Округли сто о хранитељству, други део", "place": "Апатин"})

    response = staff_client.post(url, data)

    assert response.status_code == 302
    planned.refresh_from_db()
    assert planned.title == "Округли сто о хранитељству, други део"
    assert planned.place == "Апатин"
    [entry] = _audit(planned, "activity_update")
    assert entry.actor == staff_user
    assert entry.changes == {
        "title": ["Округли сто о хранитељству", "Округли сто о хранитељству, други део"],
        "place": ["Сомбор", "Апатин"],
    }


def test_saving_the_edit_form_unchanged_records_no_change(staff_client, planned):
    url = f"/staff/activities/{planned.pk}/edit/"
    form = find_form(soup(staff_client.get(url)))

    response = staff_client.post(url, fill(form, {}))

    assert response.status_code == 302
    assert _audit(planned, "activity_update") == []


def test_editing_the_institutions_is_recorded(staff_client, planned):
    url = f"/staff/activities/{planned.pk}/edit/"
    form = find_form(soup(staff_client.get(url)))
    apatin = Institution.objects.get(name="ЦСР Апатин")

    staff_client.post(url, fill(form, {"institutions": [str(apatin.pk)]}))

    assert list(planned.institutions.all()) == [apatin]
    [entry] = _audit(planned, "activity_update")
    assert entry.changes == {"institutions": [["ЦСР Сомбор"], ["ЦСР Апатин"]]}


def test_logging_as_held_records_outcome_and_institutions(staff_client, staff_user, planned):
    url = f"/staff/activities/{planned.pk}/held/"
    form = find_form(soup(staff_client.get(url)))
    held_on = _today() - dt.timedelta(days=1)
    centres = [Institution.objects.get(name=n) for n in ("ЦСР Сомбор", "ЦСР Кула")]
    data = fill(
        form,
        {
            "start_date": _iso(held_on),
            "hours": "3.5",
            "institutions": [str(i.pk) for i in centres],
            "outcome": "Договорене месечне супервизије.",
        },
    )

    response = staff_client.post(url, data)

    assert response.status_code == 302
    planned.refresh_from_db()
    assert planned.status == ActivityStatus.HELD
    assert planned.start_date == held_on
    assert planned.outcome == "Договорене месечне супервизије."
    assert str(planned.hours) == "3.5"
    assert set(planned.institutions.all()) == set(centres)
    [entry] = _audit(planned, "activity_held")
    assert entry.actor == staff_user
    assert entry.changes["status"] == ["planned", "held"]
    assert entry.changes["institutions"] == [["ЦСР Сомбор"], ["ЦСР Кула", "ЦСР Сомбор"]]


def test_logging_as_held_needs_an_outcome(staff_client, planned):
    url = f"/staff/activities/{planned.pk}/held/"
    form = find_form(soup(staff_client.get(url)))
    data = fill(form, {"start_date": _iso(_today()), "outcome": ""})

    response = staff_client.post(url, data)

    assert response.status_code == 400
    assert field_errors(soup(response), "outcome")
    planned.refresh_from_db()
    assert planned.status == ActivityStatus.PLANNED


def test_an_activity_cannot_be_logged_as_held_in_the_future(staff_client, planned):
    url = f"/staff/activities/{planned.pk}/held/"
    form = find_form(soup(staff_client.get(url)))
    data = fill(form, {"outcome": "Још није одржано."})  # keeps the planned date, 14 days ahead

    response = staff_client.post(url, data)

    assert response.status_code == 400
    assert field_errors(soup(response), "start_date")
    planned.refresh_from_db()
    assert planned.status == ActivityStatus.PLANNED
    assert _audit(planned, "activity_held") == []


def test_cancelling_with_a_reason_cancels_and_records_it(staff_client, staff_user, planned):
    url = f"/staff/activities/{planned.pk}/cancel/"
    form = find_form(soup(staff_client.get(url)))

    response = staff_client.post(url, fill(form, {"reason": "Предавач је болестан."}))

    assert response.status_code == 302
    planned.refresh_from_db()
    assert planned.status == ActivityStatus.CANCELLED
    assert planned.cancel_reason == "Предавач је болестан."
    [entry] = _audit(planned, "activity_cancel")
    assert entry.actor == staff_user
    assert entry.comment == "Предавач је болестан."


@pytest.mark.parametrize("reason", ["", "   \n  "])
def test_cancelling_without_a_reason_is_refused_and_changes_nothing(staff_client, planned, reason):
    url = f"/staff/activities/{planned.pk}/cancel/"
    form = find_form(soup(staff_client.get(url)))

    response = staff_client.post(url, fill(form, {"reason": reason}))

    assert response.status_code == 400
    assert field_errors(soup(response), "reason")
    planned.refresh_from_db()
    assert planned.status == ActivityStatus.PLANNED
    assert planned.cancel_reason == ""
    assert _audit(planned, "activity_cancel") == []


def test_a_cancelled_activity_cannot_be_edited(staff_client, staff_user, planned):
    url = f"/staff/activities/{planned.pk}/edit/"
    form = find_form(soup(staff_client.get(url)))  # opened before someone cancelled it
    activity_cancel(user=staff_user, activity=planned, reason="Одложено.")

    assert staff_client.get(url).url == f"/staff/activities/{planned.pk}/"
    response = staff_client.post(url, fill(form, {"title": "Ипак мењам"}))

    assert response.status_code == 400
    planned.refresh_from_db()
    assert planned.title == "Округли сто о хранитељству"
    assert planned.status == ActivityStatus.CANCELLED
    assert _audit(planned, "activity_update") == []


def test_a_cancelled_activity_cannot_be_logged_as_held(staff_client, staff_user, planned):
    url = f"/staff/activities/{planned.pk}/held/"
    form = find_form(soup(staff_client.get(url)))
    activity_cancel(user=staff_user, activity=planned, reason="Одложено.")

    assert staff_client.get(url).status_code == 302
    data = fill(form, {"start_date": _iso(_today()), "outcome": "Ипак одржано."})
    response = staff_client.post(url, data)

    assert response.status_code == 400
    planned.refresh_from_db()
    assert planned.status == ActivityStatus.CANCELLED
    assert planned.outcome == ""


def test_a_cancelled_activity_page_offers_no_changes(staff_client, staff_user, planned):
    activity_cancel(user=staff_user, activity=planned, reason="Одложено.")
    page = soup(staff_client.get(f"/staff/activities/{planned.pk}/"))
    links = {a.get("href") for a in page.find_all("a")}
    assert f"/staff/activities/{planned.pk}/edit/" not in links
    assert f"/staff/activities/{planned.pk}/held/" not in links
    assert "Одложено." in page.get_text()


def test_an_end_date_before_the_start_shows_the_field_error_and_saves_nothing(staff_client):
    form = _new_form(staff_client)
    start = _today() + dt.timedelta(days=10)
    data = fill(
        form,
        {
            "area": "1",
            "kind": ActivityKind.CONFERENCE,
            "title": "Конференција наопаких датума",
            "start_date": _iso(start),
            "end_date": _iso(start - dt.timedelta(days=1)),
        },
    )
    before = Activity.objects.count()

    response = staff_client.post(NEW_URL, data)

    assert response.status_code == 400
    assert field_errors(soup(response), "end_date")
    assert Activity.objects.count() == before
    assert not AuditEntry.objects.filter(action="activity_create").exists()


def test_editing_to_bad_dates_changes_nothing(staff_client, planned):
    url = f"/staff/activities/{planned.pk}/edit/"
    form = find_form(soup(staff_client.get(url)))
    data = fill(form, {"end_date": _iso(planned.start_date - dt.timedelta(days=2))})

    response = staff_client.post(url, data)

    assert response.status_code == 400
    assert field_errors(soup(response), "end_date")
    planned.refresh_from_db()
    assert planned.end_date is None
    assert _audit(planned, "activity_update") == []


@pytest.mark.parametrize("page", ["new", "edit", "held", "cancel"])
def test_a_user_without_a_role_gets_403_and_changes_nothing(plain_client, planned, page):
    url = NEW_URL if page == "new" else f"/staff/activities/{planned.pk}/{page}/"
    before = Activity.objects.count()

    assert plain_client.get(url).status_code == 403
    post = {"title": "X", "area": "1", "kind": "other", "start_date": "2021-01-01", "reason": "X"}
    assert plain_client.post(url, post).status_code == 403

    planned.refresh_from_db()
    assert planned.status == ActivityStatus.PLANNED
    assert planned.title == "Округли сто о хранитељству"
    assert Activity.objects.count() == before


@pytest.mark.parametrize("page", ["new", "edit", "held", "cancel"])
def test_anonymous_users_are_sent_to_log_in(client, planned, page):
    url = NEW_URL if page == "new" else f"/staff/activities/{planned.pk}/{page}/"

    for response in (client.get(url), client.post(url, {"title": "X", "reason": "X"})):
        assert response.status_code == 302
        assert response.url.startswith("/accounts/login/?next=")

    planned.refresh_from_db()
    assert planned.status == ActivityStatus.PLANNED


def test_an_activity_dated_tomorrow_cannot_be_logged_as_held(staff_client, planned):
    url = f"/staff/activities/{planned.pk}/held/"
    form = find_form(soup(staff_client.get(url)))
    tomorrow = _today() + dt.timedelta(days=1)
    data = fill(form, {"start_date": _iso(tomorrow), "outcome": "Унапред уписано."})

    response = staff_client.post(url, data)

    assert response.status_code == 400
    assert field_errors(soup(response), "start_date")
    planned.refresh_from_db()
    assert planned.status == ActivityStatus.PLANNED


def test_an_activity_held_today_can_be_logged(staff_client, planned):
    url = f"/staff/activities/{planned.pk}/held/"
    form = find_form(soup(staff_client.get(url)))
    data = fill(form, {"start_date": _iso(_today()), "outcome": "Одржано јутрос."})

    assert staff_client.post(url, data).status_code == 302
    planned.refresh_from_db()
    assert planned.status == ActivityStatus.HELD


def test_an_activity_whose_creator_left_can_still_be_edited_and_cancelled(
    staff_client, django_user_model
):
    colleague = django_user_model.objects.create_user(username="colleague")
    activity = activity_create(
        user=colleague,
        data={
            "area": Area.RESEARCH,
            "kind": ActivityKind.FOCUS_GROUP,
            "title": "Фокус група",
            "start_date": _today() + dt.timedelta(days=5),
        },
    )
    colleague.delete()  # the colleague who planned it leaves
    activity.refresh_from_db()
    assert activity.created_by is None
    url = f"/staff/activities/{activity.pk}/edit/"
    form = find_form(soup(staff_client.get(url)))

    assert staff_client.post(url, fill(form, {"title": "Преузета активност"})).status_code == 302

    url = f"/staff/activities/{activity.pk}/cancel/"
    form = find_form(soup(staff_client.get(url)))
    assert staff_client.post(url, fill(form, {"reason": "Нема предавача."})).status_code == 302
    activity.refresh_from_db()
    assert activity.title == "Преузета активност"
    assert activity.status == ActivityStatus.CANCELLED


def test_a_held_activity_cannot_be_cancelled(staff_client, staff_user, planned):
    url = f"/staff/activities/{planned.pk}/cancel/"
    form = find_form(soup(staff_client.get(url)))
    planned.status = ActivityStatus.HELD
    planned.save(update_fields=["status"])

    response = staff_client.post(url, fill(form, {"reason": "Предомислили смо се."}))

    assert response.status_code == 400
    planned.refresh_from_db()
    assert planned.status == ActivityStatus.HELD
    assert planned.cancel_reason == ""


def test_a_title_with_invisible_formatting_characters_is_stored_clean(staff_client):
    form = _new_form(staff_client)
    data = fill(
        form,
        {
            "area": str(Area.TRAINING.value),
            "kind": ActivityKind.WORKSHOP,
            "title": "\u202eРадионица\u200b за супервизоре\u200e",
            "description": "Први ред\u200b\r\nДруги ред",
            "place": "Кула\u2066",
            "start_date": _iso(_today() + dt.timedelta(days=20)),
        },
    )

    response = staff_client.post(NEW_URL, data)

    assert response.status_code == 302
    activity = Activity.objects.get()
    assert activity.title == "Радионица за супервизоре"
    assert activity.description == "Први ред\nДруги ред"
    assert activity.place == "Кула"


def test_english_staff_pages_show_titles_places_and_institutions_in_latin_marked_sr_latn(
    staff_client, planned
):
    staff_client.cookies["django_language"] = "en"
    for url in (f"/staff/activities/{planned.pk}/", "/staff/activities/"):
        page = soup(staff_client.get(url))
        marked = {s.text for s in page.select("main span[lang='sr-Latn']")}
        assert "Okrugli sto o hraniteljstvu" in marked, url
        assert "Sombor" in marked, url
    detail = soup(staff_client.get(f"/staff/activities/{planned.pk}/"))
    assert "CSR Sombor" in {s.text for s in detail.select("main span[lang='sr-Latn']")}


@pytest.fixture
def cyrillic_staff(django_user_model):
    user = django_user_model.objects.create_user(
        username="marija", first_name="Марија", last_name="Петровић"
    )
    user.groups.add(Group.objects.get_or_create(name="staff")[0])
    return user


@pytest.mark.parametrize("language", ["sr-latn", "en"])
def test_the_activity_forms_offer_every_choice_in_latin_to_latin_readers(
    staff_client, planned, cyrillic_staff, language
):
    staff_client.cookies["django_language"] = language
    new = soup(staff_client.get(NEW_URL))
    assert cyrillic_choices(new) == []
    options = {o.get_text(strip=True) for o in new.select("form option")}
    assert {"Sombor", "CSR Sombor", "Marija Petrović", "Grupa supervizora 2"} <= options
    for url in (
        f"/staff/activities/{planned.pk}/edit/",
        f"/staff/activities/{planned.pk}/held/",
        f"/staff/activities/{planned.pk}/",
    ):
        assert cyrillic_choices(soup(staff_client.get(url))) == [], url


def test_the_activity_form_keeps_cyrillic_for_cyrillic_readers(staff_client, cyrillic_staff):
    staff_client.cookies["django_language"] = "sr"
    options = {o.get_text(strip=True) for o in soup(staff_client.get(NEW_URL)).select("option")}
    assert {"Сомбор", "ЦСР Сомбор", "Марија Петровић", "Група супервизора 2"} <= options
