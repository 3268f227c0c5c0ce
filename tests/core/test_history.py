"""The change history on the activity page reads as sentences in the reader's language:
who did what, when; each changed field by its name, values by their labels."""

import datetime as dt

import pytest
from django.conf import settings
from django.utils import timezone

from pzss.core.audit import audit_log
from pzss.core.models import ActivityKind, Area, Municipality
from pzss.core.services.activities import activity_create, activity_update
from tests.core.soup import soup

pytestmark = pytest.mark.django_db


@pytest.fixture
def changed(staff_user):
    activity = activity_create(
        user=staff_user,
        data={
            "area": Area.SUPPORT,
            "kind": ActivityKind.ROUND_TABLE,
            "title": "Округли сто",
            "start_date": dt.date(2030, 3, 12),
            "place": "Нови Сад",
        },
    )
    activity_update(
        user=staff_user,
        activity=activity,
        data={
            "place": "Сомбор",
            "area": Area.TRAINING,
            "online": True,
            "start_date": dt.date(2030, 3, 14),
            "municipality": Municipality.objects.get(name="Сомбор"),
        },
    )
    return activity


def _history(client, activity, language: str) -> str:
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = language
    page = soup(client.get(f"/staff/activities/{activity.pk}/"))
    # The text as read: words apart, a name marked with its lang runs into its colon.
    return page.select_one("#history").get_text(" ", strip=True).replace(" :", ":")


def test_the_history_reads_in_english(staff_client, changed):
    text = _history(staff_client, changed, "en")
    assert "activity_create" not in text and "activity_update" not in text
    assert "Alice Advisor: Activity created" in text
    assert "Alice Advisor: Activity changed" in text
    assert "place: Novi Sad → Sombor" in text  # content in Latin for English readers
    assert "area: I Expert support → II Professional training" in text
    assert "online: No → Yes" in text
    assert "2030-03-12" not in text  # dates as the portal writes them, never raw
    assert "start date: 12 Mar 2030 → 14 Mar 2030" in text  # English dates for English
    assert "— → —" not in text  # a field that was empty and stayed so says nothing


def test_the_history_reads_in_serbian_cyrillic(staff_client, changed):
    text = _history(staff_client, changed, "sr")
    assert "activity_update" not in text
    assert "место: Нови Сад → Сомбор" in text
    assert "област: I Стручна подршка → II Професионална обука" in text
    assert "→ Да" in text
    assert "12.03.2030. → 14.03.2030." in text
    assert timezone.localdate().strftime("%d.%m.%Y.") in text  # when, in the Serbian format


def test_an_action_no_one_described_reads_as_a_neutral_sentence(staff_client, staff_user, changed):
    audit_log(actor=staff_user, action="something_new", obj=changed)
    text = _history(staff_client, changed, "en")
    assert "something_new" not in text
    assert "Alice Advisor: Recorded a change" in text


def test_apps_above_the_core_describe_their_own_actions(staff_client, staff_user, changed):
    audit_log(actor=staff_user, action="participant_add", obj=changed, comment="Ана Анић")
    text = _history(staff_client, changed, "en")
    assert "participant_add" not in text
    assert "Alice Advisor: Participant added — Ana Anić" in text
