"""The submission workflow's rules, through its one write path (research.submission_services)."""

import datetime as dt

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone, translation

from pzss.core.audit import AuditEntry
from pzss.core.models import Activity, ActivityStatus, Institution, InstitutionKind
from research.models import Submission, SubmissionStatus, SubmissionVersion
from research.submission_services import (
    collection_title,
    submission_accept,
    submission_correct,
    submission_return,
    submission_save_and_submit,
    submission_save_draft,
    submission_submit,
)
from tests.research.builders import make_centre, make_data_set, make_institution_user

# The e-mails are tasks: with a broker configured (CI) they would be queued, not sent here.
pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("eager_celery")]


@pytest.fixture(autouse=True)
def _in_english():
    # The messages are read in the source language (the default is Serbian).
    with translation.override("en"):
        yield


GOOD = {"total": "10", "women": "6", "men": "4", "children": "3"}


@pytest.fixture
def data_set():
    return make_data_set()


@pytest.fixture
def period(data_set):
    period = data_set.periods.order_by("start").first()
    # Due in a week: on time unless a test says otherwise.
    period.deadline = timezone.localdate() + dt.timedelta(days=7)
    period.save(update_fields=["deadline"])
    return period


@pytest.fixture
def centre():
    centre = make_centre("ЦСР Шетња")
    centre.email = "csr@example.rs"
    centre.save(update_fields=["email"])
    return centre


@pytest.fixture
def centre_user(centre):
    return make_institution_user(centre, "csr-setnja", email="radnica@example.rs")


def _submitted(user, period, centre, raw=GOOD):
    return submission_save_and_submit(user=user, period=period, institution=centre, raw=raw)


def test_a_draft_is_saved_with_who_and_when_and_an_audit_entry(centre_user, period, centre):
    submission = submission_save_draft(
        user=centre_user, period=period, institution=centre, raw={"total": "10"}
    )
    version = submission.current_version
    assert submission.status == SubmissionStatus.DRAFT
    assert version.values == {"total": 10}
    assert version.created_by == centre_user and version.created_at
    assert AuditEntry.objects.filter(
        action="submission_save_draft", object_id=submission.pk
    ).exists()


def test_saving_a_draft_again_changes_the_same_version(centre_user, period, centre):
    submission_save_draft(user=centre_user, period=period, institution=centre, raw={"total": "1"})
    submission = submission_save_draft(
        user=centre_user, period=period, institution=centre, raw={"total": "2"}
    )
    assert submission.versions.count() == 1
    assert submission.current_version.values == {"total": 2}


def test_wrong_figures_are_refused_by_field_and_nothing_is_stored(centre_user, period, centre):
    with pytest.raises(ValidationError) as caught:
        submission_save_draft(
            user=centre_user,
            period=period,
            institution=centre,
            raw={**GOOD, "children": "11"},
        )
    assert set(caught.value.message_dict) == {"total", "children"}
    assert not Submission.objects.exists()
    assert not SubmissionVersion.objects.exists()


def test_an_incomplete_submission_is_refused_whole_not_left_as_a_draft(centre_user, period, centre):
    with pytest.raises(ValidationError) as caught:
        _submitted(centre_user, period, centre, raw={"total": "10"})
    assert "women" in caught.value.message_dict
    assert not Submission.objects.exists()


def test_a_closed_period_takes_no_figures(centre_user, period, centre):
    period.closed_at = timezone.now()
    period.save(update_fields=["closed_at"])
    with pytest.raises(ValidationError, match="closed"):
        submission_save_draft(user=centre_user, period=period, institution=centre, raw=GOOD)
    assert not Submission.objects.exists()


def test_an_institution_cannot_report_for_another(centre_user, period):
    other = make_centre("ЦСР Друга")
    with pytest.raises(PermissionDenied):
        submission_save_draft(user=centre_user, period=period, institution=other, raw=GOOD)
    assert not Submission.objects.exists()


def test_a_plain_user_cannot_report_at_all(plain_user, period, centre):
    with pytest.raises(PermissionDenied):
        submission_save_draft(user=plain_user, period=period, institution=centre, raw=GOOD)


def test_an_institution_not_expected_by_the_data_set_is_refused(staff_user, period):
    home = Institution.objects.create(name="Дом за шетњу", kind=InstitutionKind.CHILDREN_HOME)
    with pytest.raises(ValidationError, match="not expected"):
        submission_save_draft(user=staff_user, period=period, institution=home, raw=GOOD)
    assert not Submission.objects.exists()


def test_staff_may_enter_figures_for_a_centre_recorded_as_theirs(staff_user, period, centre):
    submission = _submitted(staff_user, period, centre)
    version = submission.current_version
    assert submission.status == SubmissionStatus.SUBMITTED
    assert version.created_by == staff_user and version.submitted_by == staff_user


def test_first_submission_is_kept_and_a_late_one_is_taken_and_marked_late(
    centre_user, period, centre, staff_user
):
    period.deadline = timezone.localdate() - dt.timedelta(days=2)
    period.save(update_fields=["deadline"])
    submission = _submitted(centre_user, period, centre)
    first = submission.first_submitted_at
    assert submission.is_late
    submission_return(user=staff_user, submission=submission, comment="Жене и мушкарци?")
    submission = _submitted(centre_user, period, centre)
    assert submission.first_submitted_at == first


def test_on_time_is_not_late(centre_user, period, centre):
    assert not _submitted(centre_user, period, centre).is_late


def test_a_submitted_version_is_never_edited(centre_user, period, centre):
    _submitted(centre_user, period, centre)
    with pytest.raises(ValidationError, match="wait for the institute"):
        submission_save_draft(user=centre_user, period=period, institution=centre, raw=GOOD)


def test_return_needs_a_comment_and_staff(centre_user, staff_user, period, centre):
    submission = _submitted(centre_user, period, centre)
    with pytest.raises(ValidationError) as caught:
        submission_return(user=staff_user, submission=submission, comment="  ")
    assert "comment" in caught.value.message_dict
    with pytest.raises(PermissionDenied):
        submission_return(user=centre_user, submission=submission, comment="x")
    with pytest.raises(PermissionDenied):
        submission_accept(user=centre_user, submission=submission)
    submission.refresh_from_db()
    assert submission.status == SubmissionStatus.SUBMITTED


def test_a_returned_version_keeps_its_comment_and_the_fix_is_a_new_version(
    centre_user, staff_user, period, centre, django_capture_on_commit_callbacks
):
    submission = _submitted(centre_user, period, centre)
    with django_capture_on_commit_callbacks(execute=True):
        submission_return(user=staff_user, submission=submission, comment="Проверите децу.")
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert set(message.to) == {"csr@example.rs", "radnica@example.rs"}
    assert "Проверите децу." in message.body
    # In Serbian by default: a centre's login has no language of its own.
    assert 'lang="sr-Cyrl"' in message.alternatives[0][0]
    fixed = _submitted(centre_user, period, centre, raw={**GOOD, "children": "2"})
    versions = list(fixed.versions.order_by("number"))
    assert [v.status for v in versions] == [SubmissionStatus.RETURNED, SubmissionStatus.SUBMITTED]
    assert versions[0].review_comment == "Проверите децу." and versions[0].values["children"] == 3


def test_accepting_locks_and_emails_the_centre(
    centre_user, staff_user, period, centre, django_capture_on_commit_callbacks
):
    submission = _submitted(centre_user, period, centre)
    with django_capture_on_commit_callbacks(execute=True):
        submission = submission_accept(user=staff_user, submission=submission)
    assert submission.accepted_version == submission.current_version
    assert submission.accepted_version.reviewed_by == staff_user
    # The centre reads it in Serbian, whatever language the reviewer reads.
    assert len(mail.outbox) == 1 and "прихваћени" in mail.outbox[0].subject
    with pytest.raises(ValidationError, match="locked"):
        submission_save_draft(user=centre_user, period=period, institution=centre, raw=GOOD)
    with pytest.raises(ValidationError):
        submission_submit(user=centre_user, submission=submission)
    assert AuditEntry.objects.filter(action="submission_accept", object_id=submission.pk).exists()


def test_a_correction_after_acceptance_keeps_the_accepted_one_in_force(
    centre_user, staff_user, period, centre
):
    accepted = submission_accept(
        user=staff_user, submission=_submitted(centre_user, period, centre)
    )
    first = accepted.accepted_version
    submission = submission_correct(user=centre_user, submission=accepted)
    assert submission.status == SubmissionStatus.DRAFT
    assert submission.accepted_version == first
    assert submission.current_version.number == 2
    assert submission.current_version.values == first.values
    assert Submission.objects.accepted().filter(pk=submission.pk).exists()
    submission = _submitted(centre_user, period, centre, raw={**GOOD, "children": "1"})
    assert submission.accepted_version == first  # until the correction is accepted
    submission = submission_accept(user=staff_user, submission=submission)
    assert submission.accepted_version.number == 2
    first.refresh_from_db()
    assert first.values["children"] == 3 and first.status == SubmissionStatus.ACCEPTED
    assert submission.versions.count() == 2


def test_only_accepted_figures_are_corrected(centre_user, period, centre):
    submission = _submitted(centre_user, period, centre)
    with pytest.raises(ValidationError):
        submission_correct(user=centre_user, submission=submission)


def test_an_acceptance_makes_one_held_activity_of_the_period_covering_the_accepted(
    staff_user, period, centre
):
    other = make_centre("ЦСР Друга")
    submission_accept(user=staff_user, submission=_submitted(staff_user, period, centre))
    submission_accept(user=staff_user, submission=_submitted(staff_user, period, other))
    period.refresh_from_db()
    activity = period.activity
    assert Activity.objects.filter(title=collection_title(period)).count() == 1
    assert activity.area == 3 and activity.kind == "report"
    assert activity.status == ActivityStatus.HELD
    assert activity.start_date == min(period.end, timezone.localdate())
    assert set(activity.institutions.all()) == {centre, other}


def test_the_collection_title_is_the_institutes(period):
    period.data_set.name = "Насиље у породици («Аурора»)"
    period.start, period.end = dt.date(2026, 1, 1), dt.date(2026, 1, 15)
    assert collection_title(period) == "Прикупљање и контрола података «Аурора», 1–15.1.2026."
