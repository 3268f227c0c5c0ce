"""Media appearances and information campaigns are area IV activities with fields of their
own, recorded on the activity's page; the programme's area IV targets count them like any
other held activity of their kind."""

import datetime as dt

import pytest

from outreach.models import InformationCampaign, MediaAppearance
from programme import selectors as programme_selectors
from programme import services as programme_services
from programme.models import RevisionStatus, Target
from pzss.core.models import AREAS_OF_KIND, Activity, ActivityKind, ActivityStatus, Area
from tests.core.soup import fill, find_form, soup
from tests.programme.builders import make_revision

pytestmark = pytest.mark.django_db


def _activity(kind, **extra) -> Activity:
    return Activity.objects.create(
        area=Area.OUTREACH,
        kind=kind,
        title="Гостовање у емисији „Социјална заштита данас“"
        if kind == "media_appearance"
        else "Кампања „Хранитељство мења живот“",
        start_date=dt.date(2030, 3, 10),
        end_date=dt.date(2030, 4, 10) if kind == "information_campaign" else None,
        status=ActivityStatus.HELD,
        **extra,
    )


def test_campaigns_are_a_kind_of_area_iv_and_the_existing_kinds_stay():
    assert AREAS_OF_KIND[ActivityKind.INFORMATION_CAMPAIGN] == {Area.OUTREACH}
    assert AREAS_OF_KIND[ActivityKind.MEDIA_APPEARANCE] == {Area.OUTREACH}
    assert {"round_table", "working_visit", "media_appearance", "publication"} <= set(
        ActivityKind.values
    )


def test_staff_record_a_media_appearance_on_the_activity_page(staff_client, staff_user):
    activity = _activity(ActivityKind.MEDIA_APPEARANCE)
    url = f"/staff/activities/{activity.pk}/"
    action = f"/staff/outreach/activities/{activity.pk}/media/"
    form = find_form(soup(staff_client.get(url)), action=action)
    data = fill(
        form,
        {
            "media-outlet": "РТВ",
            "media-media_kind": "tv",
            "media-topic": "Права корисника социјалне заштите",
            "media-speakers": [str(staff_user.pk)],
            "media-link": "https://rtv.rs/emisija",
        },
    )
    assert staff_client.post(action, data).status_code == 302
    appearance = MediaAppearance.objects.get(activity=activity)
    assert (appearance.outlet, appearance.media_kind) == ("РТВ", "tv")
    assert list(appearance.speakers.all()) == [staff_user]
    assert "РТВ" in staff_client.get(url).content.decode()


def test_a_javascript_link_or_a_missing_outlet_is_refused_and_nothing_is_stored(staff_client):
    activity = _activity(ActivityKind.MEDIA_APPEARANCE)
    action = f"/staff/outreach/activities/{activity.pk}/media/"
    form = find_form(soup(staff_client.get(f"/staff/activities/{activity.pk}/")), action=action)
    for values in (
        {
            "media-outlet": "РТВ",
            "media-media_kind": "tv",
            "media-topic": "Т",
            "media-link": "javascript:alert(1)",
        },
        {"media-outlet": "", "media-media_kind": "tv", "media-topic": "Т"},
    ):
        response = staff_client.post(action, fill(form, values))
        assert response.status_code == 400
        assert soup(response).select(".invalid-feedback")
    assert not MediaAppearance.objects.exists()


def test_staff_record_an_information_campaign(staff_client):
    activity = _activity(ActivityKind.INFORMATION_CAMPAIGN)
    action = f"/staff/outreach/activities/{activity.pk}/campaign/"
    form = find_form(soup(staff_client.get(f"/staff/activities/{activity.pk}/")), action=action)
    data = fill(
        form,
        {
            "campaign-goal": "Више хранитељских породица у АП Војводини",
            "campaign-channels": ["web", "social", "media"],
            "campaign-materials": "Летак, плакат, видео",
            "campaign-reach": "12000",
        },
    )
    assert staff_client.post(action, data).status_code == 302
    campaign = InformationCampaign.objects.get(activity=activity)
    assert campaign.channels == ["web", "social", "media"] and campaign.reach == 12000


def test_an_implausible_reach_is_refused(staff_client):
    activity = _activity(ActivityKind.INFORMATION_CAMPAIGN)
    action = f"/staff/outreach/activities/{activity.pk}/campaign/"
    form = find_form(soup(staff_client.get(f"/staff/activities/{activity.pk}/")), action=action)
    data = fill(form, {"campaign-goal": "Циљ", "campaign-reach": "99999999999"})
    assert staff_client.post(action, data).status_code == 400
    assert not InformationCampaign.objects.exists()


def test_the_forms_are_only_on_activities_of_their_kind(staff_client):
    round_table = Activity.objects.create(
        area=Area.OUTREACH,
        kind=ActivityKind.ROUND_TABLE,
        title="Сто",
        start_date=dt.date(2030, 3, 1),
    )
    page = staff_client.get(f"/staff/activities/{round_table.pk}/").content.decode()
    assert "/media/" not in page and "/campaign/" not in page
    response = staff_client.post(
        f"/staff/outreach/activities/{round_table.pk}/media/",
        {"media-outlet": "РТВ", "media-media_kind": "tv", "media-topic": "Т"},
    )
    assert response.status_code == 404
    assert not MediaAppearance.objects.exists()


def test_area_iv_targets_count_held_campaigns_and_media_appearances(staff_user):
    revision = make_revision(year=2030, status=RevisionStatus.PUBLISHED)
    goal = revision.sections.get(area=Area.OUTREACH).goals.first()
    campaigns = Target.objects.create(
        goal=goal,
        order=9,
        description="Информативне кампање",
        kind=ActivityKind.INFORMATION_CAMPAIGN,
        quantity=2,
        unit="events",
    )
    media = Target.objects.create(
        goal=goal,
        order=10,
        description="Гостовања у медијима",
        kind=ActivityKind.MEDIA_APPEARANCE,
        quantity=1,
        unit="events",
    )
    for target, activity in (
        (campaigns, _activity(ActivityKind.INFORMATION_CAMPAIGN)),
        (media, _activity(ActivityKind.MEDIA_APPEARANCE)),
    ):
        programme_services.target_activity_link(user=staff_user, target=target, activity=activity)
    _rev, areas = programme_selectors.realisation(user=staff_user, year=2030)
    rows = {r.target.pk: r for r in areas[3].rows}
    assert (rows[campaigns.pk].held, rows[campaigns.pk].state) == (1, "in_progress")
    assert (rows[media.pk].held, rows[media.pk].state) == (1, "reached")


def test_the_2021_programme_plans_campaigns_as_campaigns():
    from programme.loading import SEED_2021_TARGETS

    line = next(x for x in SEED_2021_TARGETS.read_text().splitlines() if x.startswith("IV | 2.2"))
    assert "| information_campaign |" in line
