"""Area I's standing groups of supervisors and lawyers: their pages, tried by staff and by a
user without a role, and their query count."""

import pytest

from pzss.core.models import Institution, Person, StandingGroup

pytestmark = pytest.mark.django_db


@pytest.fixture
def group2(db):
    return StandingGroup.objects.get(name="Група супервизора 2")


def test_standing_group_pages(staff_client, group2):
    staff_client.cookies["django_language"] = "en"
    page = staff_client.get("/staff/support/groups/")
    assert page.status_code == 200
    assert "Grupa supervizora 2" in page.content.decode()  # Latin for English readers
    from tests.events.conftest import form_data, soup

    url = f"/staff/support/groups/{group2.pk}/"
    form = soup(staff_client.get(url)).find("main").find("form", method="post")
    data = form_data(form)
    checked = [
        i["value"]
        for i in form.find_all("input", attrs={"name": "institutions"})
        if i.has_attr("checked")
    ]
    assert len(checked) == group2.institutions.count()
    kula = Institution.objects.get(name="ЦСР Стара Пазова")
    person = Person.objects.create(first_name="Нова", last_name="Чланица", email="n@example.rs")
    data["institutions"] = [*checked, str(kula.pk)]
    data["members"] = [str(person.pk)]
    assert staff_client.post(url, data).status_code == 302
    assert group2.institutions.filter(pk=kula.pk).exists()
    assert list(group2.members.all()) == [person]


def test_standing_group_pages_refuse_other_roles(plain_client, group2):
    assert plain_client.get("/staff/support/groups/").status_code == 403
    assert plain_client.post(f"/staff/support/groups/{group2.pk}/", {}).status_code == 403


def test_standing_group_list_query_count_holds(staff_client, django_assert_max_num_queries):
    from pzss.core.models import StandingGroup

    # session, user, groups (role), groups with counts, their institutions: the 8 seeded
    # groups and 30 more cost the same.
    with django_assert_max_num_queries(6) as few:
        staff_client.get("/staff/support/groups/")
    for n in range(30):
        StandingGroup.objects.create(name=f"Група {n}", kind="other")
    with django_assert_max_num_queries(len(few.captured_queries)):
        staff_client.get("/staff/support/groups/")
