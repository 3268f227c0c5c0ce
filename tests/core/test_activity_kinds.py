"""An activity's kind fits its area (working visits are expert support, trainings are
training, …; round tables and the like fit any area), on every path that writes one; and
the activity form offers as responsible only the institute's staff and its director."""

import datetime as dt

import pytest
from django.contrib.auth.models import Group
from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.utils import timezone, translation

from programme.models import Target
from pzss.core.demo import PLAN
from pzss.core.models import AREAS_OF_KIND, Activity, ActivityKind, Area, kind_fits_area
from tests.core.soup import field_errors, fill, find_form, soup

pytestmark = pytest.mark.django_db

NEW_URL = "/staff/activities/new/"


def _activity(area, kind) -> Activity:
    return Activity(
        area=area, kind=kind, title="Активност", start_date=timezone.localdate(), place="Нови Сад"
    )


@pytest.mark.parametrize(
    ("kind", "areas"),
    [
        (ActivityKind.WORKING_VISIT, {Area.SUPPORT}),
        (ActivityKind.CASE_CONFERENCE, {Area.SUPPORT}),
        (ActivityKind.SUPPORT_REQUEST, {Area.SUPPORT, Area.TRAINING}),
        (ActivityKind.ACCREDITED_TRAINING, {Area.TRAINING}),
        (ActivityKind.STUDENT_PRACTICE, {Area.TRAINING}),
        (ActivityKind.EDUCATION, {Area.TRAINING, Area.SUPPORT}),
        (ActivityKind.RESEARCH, {Area.RESEARCH, Area.TRAINING}),
        (ActivityKind.REPORT, {Area.RESEARCH, Area.SUPPORT}),
        (ActivityKind.MEDIA_APPEARANCE, {Area.OUTREACH}),
        (ActivityKind.INFORMATION_CAMPAIGN, {Area.OUTREACH}),
        (ActivityKind.PUBLICATION, {Area.OUTREACH, Area.TRAINING}),
    ],
    ids=lambda v: getattr(v, "value", None) or "-",
)
def test_a_kind_of_some_areas_is_valid_there_and_refused_elsewhere(kind, areas):
    for area in Area:
        activity = _activity(area, kind)
        if area in areas:
            activity.full_clean(exclude=["created_by"])
        else:
            with pytest.raises(ValidationError) as refused:
                activity.full_clean(exclude=["created_by"])
            assert "kind" in refused.value.message_dict


@pytest.mark.parametrize(
    "kind", [k for k in ActivityKind if k not in AREAS_OF_KIND], ids=lambda k: k.value
)
def test_kinds_of_no_single_area_fit_every_area(kind):
    for area in Area:
        _activity(area, kind).full_clean(exclude=["created_by"])


def test_the_refusal_names_the_kind_and_its_area_in_the_readers_language():
    with translation.override("en"), pytest.raises(ValidationError) as refused:
        _activity(Area.RESEARCH, ActivityKind.WORKING_VISIT).full_clean(exclude=["created_by"])
    [message] = refused.value.message_dict["kind"]
    assert "Working visit" in message
    assert "I Expert support" in message


def test_the_form_refuses_a_kind_of_another_area_next_to_the_field(english, staff_client):
    form = find_form(soup(staff_client.get(NEW_URL)))
    data = fill(
        form,
        {
            "area": str(Area.SUPPORT.value),
            "kind": ActivityKind.ACCREDITED_TRAINING,
            "title": "Обука на погрешном месту",
            "start_date": (timezone.localdate() + dt.timedelta(days=5)).isoformat(),
        },
    )

    response = staff_client.post(NEW_URL, data)

    assert response.status_code == 400
    assert any("II Professional training" in e for e in field_errors(soup(response), "kind"))
    assert not Activity.objects.filter(title="Обука на погрешном месту").exists()


def test_the_form_groups_the_kinds_by_area(english, staff_client):
    page = soup(staff_client.get(NEW_URL))
    groups = {
        g["label"]: {o["value"] for o in g.find_all("option")}
        for g in page.select("select[name=kind] optgroup")
    }
    assert groups["I Expert support"] == {ActivityKind.WORKING_VISIT, ActivityKind.CASE_CONFERENCE}
    assert groups["Areas I / II"] == {ActivityKind.EDUCATION, ActivityKind.SUPPORT_REQUEST}
    assert ActivityKind.ROUND_TABLE in groups["Any area"]
    assert sum(len(v) for v in groups.values()) == len(ActivityKind)


def test_the_demo_plan_pairs_every_kind_with_its_area():
    for area, kind, title, _public in PLAN:
        assert kind_fits_area(kind, area), title


def test_every_target_of_the_institutes_2021_programme_fits_its_area():
    """What the institute really plans is the measure of the rule: an activity that
    realises one of its targets can be logged in the target's area, with its kind."""
    call_command("load_programme", verbosity=0)
    targets = Target.objects.with_tree()
    assert targets.exists()
    for target in targets:  # a goal's and an area's own targets alike
        assert kind_fits_area(target.kind, target.area_section.area), target.description


def _responsible_names(client) -> set[str]:
    page = soup(client.get(NEW_URL))
    return {o.get_text(strip=True) for o in page.select("select[name=responsible] option")}


def test_the_form_offers_staff_and_the_director_as_responsible_but_not_a_bare_superuser(
    staff_client, director_user, admin_user_
):
    names = _responsible_names(staff_client)
    assert "Alice Advisor" in names
    assert "Dora Director" in names
    assert admin_user_.username not in names


def test_a_superuser_who_is_also_staff_is_offered_as_responsible(staff_client, admin_user_):
    admin_user_.groups.add(Group.objects.get(name="staff"))
    assert admin_user_.username in _responsible_names(staff_client)
