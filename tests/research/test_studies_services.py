"""The research register's rules, held by its services: dates, people, the workflow,
outputs and their files, publishing into the library, the study's activities."""

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from outreach.library.services import library_catch_up
from outreach.models import Publication, PublicationStatus
from pzss.core.models import Activity, ActivityKind, Area, AuditEntry, Institution
from pzss.documents.models import DocumentStatus
from pzss.documents.registry import document_is_public, render_input
from pzss.documents.services import document_render
from research import study_services as services
from research.models import Study, StudyActivity, StudyOutput, StudyStatus
from tests.research.study_builders import (
    make_output,
    make_published_study,
    make_study,
    study_data,
)

pytestmark = pytest.mark.django_db


# --- a study's own rules --------------------------------------------------------------------


def test_a_study_cannot_end_before_it_starts(staff_user):
    with pytest.raises(ValidationError) as exc:
        make_study(staff_user, start_date=dt.date(2021, 5, 1), end_date=dt.date(2021, 4, 30))
    assert "end_date" in exc.value.message_dict
    assert not Study.objects.exists()


def test_a_study_may_end_on_the_day_it_starts(staff_user):
    study = make_study(staff_user, start_date=dt.date(2021, 5, 1), end_date=dt.date(2021, 5, 1))
    assert study.pk


def test_a_programme_year_out_of_bounds_is_refused(staff_user):
    with pytest.raises(ValidationError) as exc:
        make_study(staff_user, programme_year=20210)
    assert "programme_year" in exc.value.message_dict


def test_the_lead_and_the_team_are_staff(staff_user, plain_user):
    with pytest.raises(ValidationError) as exc:
        services.study_create(user=staff_user, data=study_data(plain_user))
    assert "lead" in exc.value.message_dict
    with pytest.raises(ValidationError) as exc:
        services.study_create(user=staff_user, data=study_data(staff_user), team=[plain_user])
    assert "team" in exc.value.message_dict


def test_only_staff_write_the_register(plain_user):
    with pytest.raises(PermissionDenied):
        services.study_create(user=plain_user, data=study_data(plain_user))


def test_a_study_gets_its_address_from_its_title_and_a_free_one_when_it_is_taken(staff_user):
    first = make_study(staff_user, title="Деца и млади")
    second = make_study(staff_user, title="Деца и млади")
    assert first.slug == "deca-i-mladi"
    assert second.slug == "deca-i-mladi-2"


def test_an_edit_keeps_the_address_and_records_what_changed(staff_user, director_user):
    study = make_study(staff_user, title="Деца и млади")
    partner = Institution.objects.first()
    services.study_update(
        user=staff_user,
        study=study,
        data={"title": "Деца и млади у систему", "lead": director_user},
        team=[staff_user],
        partners=[partner],
    )
    study.refresh_from_db()
    assert study.slug == "deca-i-mladi"
    assert study.lead == director_user
    entry = AuditEntry.objects.filter(action="study_update").get()
    assert set(entry.changes) == {"title", "lead", "team", "partners"}


# --- the workflow ---------------------------------------------------------------------------


def test_a_study_goes_planned_in_progress_completed(staff_user):
    study = make_study(staff_user)
    assert study.status == StudyStatus.PLANNED
    study = services.study_transition(user=staff_user, study=study, action="start")
    assert study.status == StudyStatus.IN_PROGRESS
    study = services.study_transition(user=staff_user, study=study, action="complete")
    assert study.status == StudyStatus.COMPLETED
    actions = list(
        AuditEntry.objects.filter(object_id=study.pk, action__startswith="study_")
        .order_by("id")
        .values_list("action", flat=True)
    )
    assert actions == ["study_create", "study_start", "study_complete"]


@pytest.mark.parametrize(
    "status, action",
    [
        (StudyStatus.PLANNED, "complete"),
        (StudyStatus.PLANNED, "reopen"),
        (StudyStatus.IN_PROGRESS, "start"),
        (StudyStatus.COMPLETED, "cancel"),
        (StudyStatus.CANCELLED, "start"),
    ],
)
def test_a_step_the_current_state_does_not_allow_is_refused(staff_user, status, action):
    study = make_study(staff_user, status=status)
    with pytest.raises(ValidationError):
        services.study_transition(user=staff_user, study=study, action=action, comment="x")
    study.refresh_from_db()
    assert study.status == status


def test_published_is_not_a_step_anyone_takes_by_hand(staff_user):
    study = make_study(staff_user, status=StudyStatus.COMPLETED)
    with pytest.raises(ValidationError):
        services.study_transition(user=staff_user, study=study, action="publish")


def test_a_study_is_completed_only_with_both_dates(staff_user):
    study = make_study(staff_user, status=StudyStatus.IN_PROGRESS, end_date=None)
    with pytest.raises(ValidationError) as exc:
        services.study_transition(user=staff_user, study=study, action="complete")
    assert "end_date" in exc.value.message_dict


def test_a_study_is_not_completed_before_its_end_date(staff_user):
    later = timezone.localdate() + dt.timedelta(days=30)
    study = make_study(staff_user, status=StudyStatus.IN_PROGRESS, end_date=later)
    with pytest.raises(ValidationError):
        services.study_transition(user=staff_user, study=study, action="complete")


def test_a_completed_study_keeps_its_dates(staff_user):
    study = make_study(staff_user, status=StudyStatus.COMPLETED)
    with pytest.raises(ValidationError):
        services.study_update(user=staff_user, study=study, data={"end_date": None})


def test_a_completed_study_can_be_reopened(staff_user):
    study = make_study(staff_user, status=StudyStatus.COMPLETED)
    study = services.study_transition(user=staff_user, study=study, action="reopen")
    assert study.status == StudyStatus.IN_PROGRESS


def test_cancelling_says_why_and_a_cancelled_study_is_closed(staff_user):
    study = make_study(staff_user, status=StudyStatus.IN_PROGRESS)
    with pytest.raises(ValidationError):
        services.study_transition(user=staff_user, study=study, action="cancel", comment=" ")
    study = services.study_transition(
        user=staff_user, study=study, action="cancel", comment="Нема средстава."
    )
    assert study.status == StudyStatus.CANCELLED
    assert study.cancel_reason == "Нема средстава."
    with pytest.raises(ValidationError):
        services.study_update(user=staff_user, study=study, data={"title": "Ново"})
    with pytest.raises(ValidationError):
        make_output(staff_user, study)


# --- outputs and their files -----------------------------------------------------------------


def test_an_output_is_a_draft_until_published(staff_user):
    output = make_output(staff_user, make_study(staff_user, status=StudyStatus.IN_PROGRESS))
    assert not output.is_published
    assert output.content_type == "application/pdf"
    assert output.original_name == "izvestaj.pdf"
    assert output.file.name.startswith(f"research/studies/{output.study_id}/")
    assert "izvestaj" not in output.file.name  # the stored name never comes from the user


def test_a_file_whose_content_is_not_what_its_name_says_is_refused(staff_user):
    study = make_study(staff_user)
    fake = SimpleUploadedFile("izvestaj.pdf", b"MZ\x90\x00 not a pdf", "application/pdf")
    with pytest.raises(ValidationError) as exc:
        services.study_output_add(
            user=staff_user,
            study=study,
            data={"title": "Лажни", "kind": "report", "date": dt.date(2021, 5, 1), "abstract": ""},
            upload=fake,
        )
    assert "file" in exc.value.message_dict
    assert not StudyOutput.objects.exists()


def test_a_file_too_large_is_refused(staff_user, settings):
    settings.LIBRARY_MAX_BYTES = 10
    with pytest.raises(ValidationError) as exc:
        make_output(staff_user, make_study(staff_user))
    assert "file" in exc.value.message_dict
    assert not StudyOutput.objects.exists()


def test_an_output_with_an_implausible_date_is_refused_and_its_file_not_kept(staff_user):
    study = make_study(staff_user)
    with pytest.raises(ValidationError) as exc:
        make_output(staff_user, study, date=dt.date(1921, 5, 1))
    assert "date" in exc.value.message_dict
    assert not StudyOutput.objects.exists()


@pytest.mark.parametrize("status", [StudyStatus.PLANNED, StudyStatus.IN_PROGRESS])
def test_only_the_outputs_of_a_completed_study_are_published(staff_user, status):
    study = make_study(staff_user, status=status)
    output = make_output(staff_user, study)
    with pytest.raises(ValidationError):
        services.study_output_publish(user=staff_user, output=output)
    output.refresh_from_db()
    assert not output.is_published
    assert not Publication.objects.filter(source_key=f"study_output:{output.pk}").exists()


def test_the_first_published_output_publishes_the_study(staff_user):
    study, output = make_published_study(staff_user)
    assert study.status == StudyStatus.PUBLISHED
    assert output.published_at is not None
    assert output.published_document is not None
    assert AuditEntry.objects.filter(action="study_publish", object_id=study.pk).exists()
    # A second output of the published study is published on its own.
    second = services.study_output_publish(user=staff_user, output=make_output(staff_user, study))
    assert second.is_published


def test_a_published_output_is_published_once_and_stays(staff_user):
    _study, output = make_published_study(staff_user)
    with pytest.raises(ValidationError):
        services.study_output_publish(user=staff_user, output=output)
    with pytest.raises(ValidationError):
        services.study_output_delete(user=staff_user, output=output)
    assert StudyOutput.objects.filter(pk=output.pk).exists()


def test_a_draft_output_can_be_removed(staff_user, django_capture_on_commit_callbacks):
    output = make_output(staff_user, make_study(staff_user))
    storage, name = output.file.storage, output.file.name
    with django_capture_on_commit_callbacks(execute=True):
        services.study_output_delete(user=staff_user, output=output)
    assert not StudyOutput.objects.exists()
    assert not storage.exists(name)


# --- the public library ---------------------------------------------------------------------


def test_a_published_output_enters_the_library_with_its_summary_pdf(staff_user):
    study, output = make_published_study(staff_user)
    publication = Publication.objects.get(source_key=f"study_output:{output.pk}")
    assert publication.status == PublicationStatus.PUBLISHED
    assert publication.title == output.title
    assert publication.year == study.programme_year
    assert publication.abstract == output.abstract
    assert publication.files.get().document == output.published_document


def test_the_library_catches_up_with_published_outputs_once(staff_user):
    _study, output = make_published_study(staff_user)
    Publication.objects.filter(source_key=f"study_output:{output.pk}").delete()
    library_catch_up()
    library_catch_up()
    assert Publication.objects.filter(source_key=f"study_output:{output.pk}").count() == 1


def test_drafts_never_reach_the_library(staff_user):
    study = make_study(staff_user, status=StudyStatus.COMPLETED)
    make_output(staff_user, study)
    library_catch_up()
    assert not Publication.objects.filter(source_key__startswith="study_output:").exists()


def test_only_the_summary_handed_to_the_library_is_public(staff_user):
    study = make_study(staff_user, status=StudyStatus.COMPLETED)
    output = make_output(staff_user, study)
    draft_render = services.output_document_request(output=output)
    assert not document_is_public(draft_render)
    output = services.study_output_publish(user=staff_user, output=output)
    assert document_is_public(output.published_document)
    # The study changed after publication: a new render of its summary is not public.
    services.study_update(user=staff_user, study=study, data={"aims": "Други метод."})
    later = services.output_document_request(output=output)
    assert later.pk != output.published_document_id
    assert not document_is_public(later)


def test_the_summary_names_the_output_the_study_and_its_team(staff_user, director_user):
    study, output = make_published_study(staff_user, team=[director_user])
    html = render_input("study_output", output, "sr").html
    assert output.title in html
    assert study.question in html
    assert "Alice Advisor" in html and "Dora Director" in html
    assert study.get_public_url() in html
    assert "@" not in html.split("<body>")[1].replace("office@pzs.gov.rs", "")


# --- the study's activities ---------------------------------------------------------------------


def test_a_study_activity_is_an_area_iii_activity_made_by_the_core_service(staff_user):
    study = make_study(staff_user, status=StudyStatus.IN_PROGRESS)
    link = services.study_activity_add(
        user=staff_user,
        study=study,
        data={
            "kind": ActivityKind.FOCUS_GROUP,
            "title": "Фокус група",
            "description": "",
            "start_date": dt.date(2021, 5, 20),
            "end_date": None,
            "place": "Нови Сад",
            "online": False,
        },
    )
    activity = Activity.objects.get(pk=link.activity_id)
    assert activity.area == Area.RESEARCH
    assert activity.kind == ActivityKind.FOCUS_GROUP
    assert list(activity.responsible.all()) == [study.lead]
    assert AuditEntry.objects.filter(action="activity_create", object_id=activity.pk).exists()
    assert StudyActivity.objects.get(activity=activity).study == study


@pytest.mark.parametrize("kind", [ActivityKind.WORKING_VISIT, ActivityKind.MEDIA_APPEARANCE])
def test_an_activity_that_is_no_study_work_is_refused(staff_user, kind):
    study = make_study(staff_user)
    with pytest.raises(ValidationError):
        services.study_activity_add(
            user=staff_user,
            study=study,
            data={
                "kind": kind,
                "title": "Посета",
                "description": "",
                "start_date": dt.date(2021, 5, 20),
                "end_date": None,
                "place": "",
                "online": False,
            },
        )
    assert not Activity.objects.filter(title="Посета").exists()


def test_a_study_activity_cannot_end_before_it_starts(staff_user):
    study = make_study(staff_user)
    with pytest.raises(ValidationError):
        services.study_activity_add(
            user=staff_user,
            study=study,
            data={
                "kind": ActivityKind.WORKSHOP,
                "title": "Радионица",
                "description": "",
                "start_date": dt.date(2021, 5, 20),
                "end_date": dt.date(2021, 5, 19),
                "place": "",
                "online": False,
            },
        )
    assert not StudyActivity.objects.exists()


def test_the_summary_handed_to_the_library_renders_to_a_pdf(staff_user):
    _study, output = make_published_study(staff_user)
    document = document_render(document_id=output.published_document_id)
    assert document.status == DocumentStatus.READY, document.error
    assert document.pages >= 1
    assert document.file.open("rb").read(4) == b"%PDF"


def test_only_staff_publish_an_output(staff_user, plain_user):
    study = make_study(staff_user, status=StudyStatus.COMPLETED)
    output = make_output(staff_user, study)
    with pytest.raises(PermissionDenied):
        services.study_output_publish(user=plain_user, output=output)
    output.refresh_from_db()
    assert not output.is_published
