"""The research register's pages: who may open them, the forms as they are rendered,
the activity panel, and the public pages that never show a draft."""

import datetime as dt
import re

import pytest
from django.urls import reverse

from pzss.core.models import Activity, ActivityKind, Area
from pzss.lib.translit import to_latin
from research import study_services as services
from research.models import Study, StudyOutput, StudyStatus
from tests.research.study_builders import (
    PDF,
    make_output,
    make_published_study,
    make_study,
    pdf_upload,
)

pytestmark = pytest.mark.django_db


def _form_fields(html: str, form_action: str | None = None) -> dict:
    """The named inputs of the page's form (the one posting to `form_action`), with the
    values the page gives them: the form that is really there, filled in below."""
    if form_action:
        start = html.index(f'action="{form_action}"')
        html = html[start : html.index("</form>", start)]
    fields = {}
    for match in re.finditer(r"<(input|select|textarea)\b([^>]*)>", html):
        attrs = match.group(2)
        name = re.search(r'name="([^"]+)"', attrs)
        if not name or name.group(1) == "csrfmiddlewaretoken":
            continue
        value = re.search(r'value="([^"]*)"', attrs)
        fields[name.group(1)] = value.group(1) if value and match.group(1) == "input" else ""
    return fields


# --- who may open the staff pages ---------------------------------------------------------------


@pytest.fixture
def study(staff_user):
    return make_study(staff_user, status=StudyStatus.IN_PROGRESS)


def _staff_urls(study) -> list[str]:
    return [
        reverse("research:studies"),
        reverse("research:study_create"),
        reverse("research:study", args=[study.pk]),
        reverse("research:study_edit", args=[study.pk]),
        reverse("research:study_activity_add", args=[study.pk]),
    ]


def test_staff_open_the_register_pages(staff_client, study):
    for url in _staff_urls(study):
        assert staff_client.get(url).status_code == 200, url


def test_a_user_without_a_role_gets_403_on_the_register(plain_client, study):
    for url in _staff_urls(study):
        assert plain_client.get(url).status_code == 403, url
    url = reverse("research:study_transition", args=[study.pk, "complete"])
    assert plain_client.post(url).status_code == 403
    study.refresh_from_db()
    assert study.status == StudyStatus.IN_PROGRESS


def test_anonymous_users_are_sent_to_log_in_from_the_register(client, study):
    for url in _staff_urls(study):
        response = client.get(url)
        assert response.status_code == 302
        assert response.url.startswith("/accounts/login/?next=")


# --- the forms, as rendered ---------------------------------------------------------------------


def test_staff_enter_a_study_through_the_form_on_the_page(staff_client, staff_user, english):
    url = reverse("research:study_create")
    fields = _form_fields(staff_client.get(url).content.decode())
    assert {"title", "kind", "programme_year", "question", "start_date", "lead"} <= set(fields)
    fields.update(
        title="Деца и млади са менталним сметњама",
        kind="research",
        programme_year="2021",
        question="Коју подршку добијају?",
        start_date="2021-03-01",
        end_date="2021-12-31",
        lead=str(staff_user.pk),
        team=[],
        partners=[],
    )
    response = staff_client.post(url, fields)
    study = Study.objects.get()
    assert response.status_code == 302
    assert response.url == study.get_absolute_url()
    assert study.status == StudyStatus.PLANNED
    page = staff_client.get(response.url).content.decode()
    # An English page shows Serbian content in Latin script.
    assert to_latin("Деца и млади са менталним сметњама") in page
    assert "Start the study" in page


def test_the_form_refuses_an_end_before_the_start_next_to_the_field(
    staff_client, staff_user, english
):
    response = staff_client.post(
        reverse("research:study_create"),
        {
            "title": "Студија",
            "kind": "research",
            "programme_year": "2021",
            "question": "?",
            "start_date": "2021-05-01",
            "end_date": "2021-04-01",
            "lead": str(staff_user.pk),
        },
    )
    assert response.status_code == 400
    assert "The end date cannot be before the start date." in response.content.decode()
    assert not Study.objects.exists()


def test_staff_move_a_study_along_its_workflow_from_its_page(staff_client, study, english):
    page = staff_client.get(study.get_absolute_url()).content.decode()
    action = reverse("research:study_transition", args=[study.pk, "complete"])
    assert f'action="{action}"' in page
    response = staff_client.post(action, follow=True)
    study.refresh_from_db()
    assert study.status == StudyStatus.COMPLETED
    assert "The study&#x27;s status is changed." in response.content.decode()


def test_a_step_refused_by_the_workflow_says_why(staff_client, staff_user, english):
    planned = make_study(staff_user)
    response = staff_client.post(
        reverse("research:study_transition", args=[planned.pk, "complete"]), follow=True
    )
    assert "cannot take this step" in response.content.decode()
    planned.refresh_from_db()
    assert planned.status == StudyStatus.PLANNED


def test_staff_add_an_output_with_its_file_from_the_study_page(staff_client, study):
    action = reverse("research:study_output_add", args=[study.pk])
    fields = _form_fields(staff_client.get(study.get_absolute_url()).content.decode(), action)
    assert {"title", "kind", "date", "abstract", "file"} <= set(fields)
    fields.update(title="Упитник", kind="data", date="2021-04-01", file=pdf_upload())
    response = staff_client.post(action, fields)
    assert response.status_code == 302
    output = StudyOutput.objects.get()
    assert output.title == "Упитник" and not output.is_published
    file_url = reverse("research:study_output_file", args=[study.pk, output.pk])
    assert b"".join(staff_client.get(file_url).streaming_content) == PDF


def test_an_output_file_of_the_wrong_type_is_refused_on_the_page(staff_client, study, english):
    response = staff_client.post(
        reverse("research:study_output_add", args=[study.pk]),
        {
            "title": "Лажни",
            "kind": "report",
            "date": "2021-04-01",
            "file": pdf_upload("izvestaj.pdf", b"<html>not a pdf</html>"),
        },
    )
    assert response.status_code == 400
    assert "This type of file is not accepted." in response.content.decode()
    assert not StudyOutput.objects.exists()


def test_a_study_activity_is_planned_from_the_study_and_listed_there(staff_client, study):
    url = reverse("research:study_activity_add", args=[study.pk])
    fields = _form_fields(staff_client.get(url).content.decode())
    fields.update(
        kind=ActivityKind.WORKSHOP,
        title="Радионица о родној равноправности",
        start_date="2021-04-14",
    )
    fields.pop("online")
    fields["institutions"] = []
    response = staff_client.post(url, fields)
    activity = Activity.objects.get(title="Радионица о родној равноправности")
    assert response.status_code == 302
    assert response.url == reverse("core:activity_detail", args=[activity.pk])
    assert activity.area == Area.RESEARCH
    page = staff_client.get(study.get_absolute_url()).content.decode()
    assert reverse("core:activity_detail", args=[activity.pk]) in page


def test_the_activity_page_names_the_study_it_belongs_to(staff_client, staff_user, study):
    link = services.study_activity_add(
        user=staff_user,
        study=study,
        data={
            "kind": ActivityKind.FOCUS_GROUP,
            "title": "Фокус група",
            "description": "",
            "start_date": dt.date(2021, 5, 20),
            "end_date": None,
            "place": "",
            "online": False,
        },
    )
    page = staff_client.get(reverse("core:activity_detail", args=[link.activity_id]))
    assert study.get_absolute_url() in page.content.decode()
    other = Activity.objects.create(
        area=Area.RESEARCH, kind="report", title="Извештај", start_date=dt.date(2021, 5, 1)
    )
    page = staff_client.get(reverse("core:activity_detail", args=[other.pk])).content.decode()
    assert 'id="study-card-h"' not in page


def test_publishing_from_the_page_puts_the_output_in_the_library(staff_client, staff_user):
    study = make_study(staff_user, status=StudyStatus.COMPLETED)
    output = make_output(staff_user, study)
    staff_client.post(reverse("research:study_output_publish", args=[study.pk, output.pk]))
    library = staff_client.get(reverse("outreach:library")).content.decode()
    assert output.title in library


# --- the public pages -----------------------------------------------------------------------------


def test_the_public_pages_show_published_studies_and_only_their_published_outputs(
    client, staff_user
):
    study, published = make_published_study(staff_user, title="Објављена студија")
    draft_output = make_output(staff_user, study, title="Нацрт за особље")
    draft_study = make_study(staff_user, status=StudyStatus.COMPLETED, title="Студија у изради")
    make_output(staff_user, draft_study, title="Рад у изради")

    listing = client.get(reverse("research_studies:list")).content.decode()
    assert "Објављена студија" in listing and published.title in listing
    assert "Студија у изради" not in listing and "Нацрт за особље" not in listing

    page = client.get(study.get_public_url()).content.decode()
    assert published.title in page
    assert "Нацрт за особље" not in page
    assert (
        client.get(reverse("research_studies:detail", args=[draft_study.slug])).status_code == 404
    )

    own_file = reverse("research_studies:output_file", args=[study.slug, published.pk])
    assert b"".join(client.get(own_file).streaming_content) == PDF
    hidden = reverse("research_studies:output_file", args=[study.slug, draft_output.pk])
    assert client.get(hidden).status_code == 404


def test_the_public_page_names_the_team_and_nothing_more_of_them(client, staff_user):
    staff_user.email = "alice@pzs.gov.rs"
    staff_user.save()
    study, _output = make_published_study(staff_user)
    page = client.get(study.get_public_url()).content.decode()
    assert "Alice Advisor" in page
    assert "alice@pzs.gov.rs" not in page and "alice" not in page.replace("Alice", "")


def test_a_published_study_changed_shows_at_once_on_the_cached_page(client, staff_user):
    study, _output = make_published_study(staff_user)
    assert "Нов наслов" not in client.get(study.get_public_url()).content.decode()
    services.study_update(user=staff_user, study=study, data={"title": "Нов наслов"})
    assert "Нов наслов" in client.get(study.get_public_url()).content.decode()


# --- query counts -----------------------------------------------------------------------------


def _studies(user, n: int) -> None:
    for i in range(n):
        study, _output = make_published_study(user, title=f"Студија {i}")
        make_output(user, study, title=f"Нацрт {i}")


@pytest.mark.parametrize("rows", [5, 50])
def test_the_staff_list_takes_the_same_queries_for_5_and_50_studies(
    staff_client, staff_user, django_assert_num_queries, rows
):
    _studies(staff_user, rows)
    url = reverse("research:studies")
    staff_client.get(url)
    # session, user, the user's groups (role check); the page's count, its studies with
    # their leads (joined) and counts (annotated); the programme years of the filter.
    with django_assert_num_queries(6):
        response = staff_client.get(url)
    assert response.status_code == 200


@pytest.mark.parametrize("rows", [5, 50])
def test_the_public_list_takes_the_same_queries_for_5_and_50_studies(
    client, staff_user, django_assert_num_queries, rows
):
    _studies(staff_user, rows)
    url = reverse("research_studies:list")
    # the count, the studies with their leads (joined), their teams, their partners,
    # their published outputs (one query each).
    with django_assert_num_queries(5):
        response = client.get(url)
    assert response.status_code == 200


def test_the_site_map_lists_published_studies_and_no_draft(client, staff_user):
    study, _output = make_published_study(staff_user, title="Објављена студија")
    draft = make_study(staff_user, title="Студија у изради")
    sitemap = client.get(reverse("sitemap")).content.decode()
    assert study.get_public_url() in sitemap
    assert draft.slug not in sitemap
    assert "/staff/" not in sitemap


def test_the_dashboard_names_the_open_studies_of_its_reader(
    staff_client, staff_user, director_user
):
    mine = make_study(staff_user, title="Моја студија", status=StudyStatus.IN_PROGRESS)
    make_study(director_user, title="Туђа студија")
    published, _output = make_published_study(staff_user, title="Објављена студија")
    page = staff_client.get(reverse("core:dashboard")).content.decode()
    assert mine.get_absolute_url() in page
    assert "Туђа студија" not in page
    assert published.get_absolute_url() not in page
    assert reverse("research:studies") in page


def test_the_dashboard_says_nothing_of_studies_to_who_has_none(director_client, staff_user):
    make_study(staff_user, title="Туђа студија")
    page = director_client.get(reverse("core:dashboard")).content.decode()
    assert 'id="research-studies"' not in page
