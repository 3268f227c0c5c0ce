"""The rules of support requests, through their services: numbers and default deadlines,
the state machine, deadline changes with a reason, the refusals (JMBG, an institution not
in the directory, a deadline before the request's date), and the e-mails."""

import datetime as dt

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from pzss.core.models import Activity, ActivityKind, ActivityStatus, Area
from support import request_services as services
from support.models import DEFAULT_DEADLINE_DAYS, DeadlineChange, RequestStatus, SupportRequest
from tests.support.request_builders import JMBG, institution, public_request

pytestmark = pytest.mark.django_db

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def test_a_public_request_gets_the_years_next_number_and_the_kinds_default_deadline():
    first = public_request()
    second = public_request(kind="area")
    year = timezone.localdate().year
    assert first.number == f"ЗП-{year}-0001" and second.number == f"ЗП-{year}-0002"
    assert first.deadline == timezone.localdate() + dt.timedelta(days=DEFAULT_DEADLINE_DAYS["case"])
    assert second.deadline == timezone.localdate() + dt.timedelta(
        days=DEFAULT_DEADLINE_DAYS["area"]
    )
    assert first.status == RequestStatus.RECEIVED and first.token
    assert first.messages.get().from_requester


def test_a_public_request_with_a_deadline_before_its_date_is_refused():
    with pytest.raises(ValidationError) as exc:
        public_request(deadline=timezone.localdate() - dt.timedelta(days=1))
    assert "deadline" in exc.value.message_dict
    assert not SupportRequest.objects.exists()


def test_an_institution_not_in_the_directory_is_refused():
    inst = institution(name="Угашени дом", kind="adult_home", is_active=False)
    with pytest.raises(ValidationError) as exc:
        public_request(inst)
    assert "institution" in exc.value.message_dict
    with pytest.raises(ValidationError) as exc:
        services.request_submit_public(
            institution=None,
            requester_name="X",
            requester_email="x@example.rs",
            subject="S",
            kind="case",
            description="D",
        )
    assert "institution" in exc.value.message_dict


def test_a_jmbg_in_the_description_is_refused_and_nothing_stored():
    with pytest.raises(ValidationError) as exc:
        public_request(description=f"Корисник ЈМБГ {JMBG}")
    assert "description" in exc.value.message_dict
    assert not SupportRequest.objects.exists()


def test_a_confirmation_email_carries_the_signed_link(
    eager_celery, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        req = public_request()
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == ["trazilac@example.rs"] and req.number in message.subject
    assert "/support/request/" in message.body and req.token in message.body
    assert "Рок" in message.body or req.deadline.strftime("%d.%m.%Y.") in message.body


def test_the_state_machine_refuses_what_it_does_not_allow(staff_user):
    req = public_request()
    with pytest.raises(ValidationError) as exc:
        services.request_set_status(user=staff_user, request=req, status=RequestStatus.ANSWERED)
    assert "reply to the requester" in str(exc.value)
    services.request_set_status(user=staff_user, request=req, status=RequestStatus.WAITING)
    services.request_set_status(user=staff_user, request=req, status=RequestStatus.IN_PROGRESS)
    services.request_close(user=staff_user, request=req)
    req.refresh_from_db()
    assert req.status == RequestStatus.CLOSED and req.closed_at
    with pytest.raises(ValidationError) as exc:
        services.request_set_status(user=staff_user, request=req, status=RequestStatus.IN_PROGRESS)
    assert "closed" in str(exc.value)
    with pytest.raises(ValidationError):
        services.request_reply(user=staff_user, request=req, text="Још нешто")


def test_answered_can_only_be_reopened_or_closed(staff_user):
    req = public_request()
    services.request_reply(
        user=staff_user, request=req, text="Одговор", status=RequestStatus.ANSWERED
    )
    req.refresh_from_db()
    with pytest.raises(ValidationError) as exc:
        services.request_set_status(user=staff_user, request=req, status=RequestStatus.WAITING)
    assert "cannot become" in str(exc.value)


def test_only_staff_change_a_request(plain_user):
    req = public_request()
    with pytest.raises(ValidationError):
        services.request_set_status(user=plain_user, request=req, status=RequestStatus.WAITING)


def test_a_staff_reply_moves_a_received_request_in_progress_and_emails_the_requester(
    staff_user, eager_celery, django_capture_on_commit_callbacks
):
    req = public_request()
    with django_capture_on_commit_callbacks(execute=True):
        services.request_reply(user=staff_user, request=req, text="Шаљемо упутство.")
    req.refresh_from_db()
    assert req.status == RequestStatus.IN_PROGRESS
    assert mail.outbox[-1].to == ["trazilac@example.rs"]
    assert "Шаљемо упутство." in mail.outbox[-1].body and req.token in mail.outbox[-1].body


def test_an_internal_note_is_never_emailed(
    staff_user, eager_celery, django_capture_on_commit_callbacks
):
    req = public_request()
    with django_capture_on_commit_callbacks(execute=True):
        services.request_note(user=staff_user, request=req, text="Само за нас.")
    assert mail.outbox == []


def test_the_requesters_reply_brings_a_waiting_request_back_and_emails_the_adviser(
    staff_user, eager_celery, django_capture_on_commit_callbacks
):
    staff_user.email = "savetnik@pzs.example"
    staff_user.save()
    req = public_request()
    services.request_assign(user=staff_user, request=req, adviser=staff_user)
    services.request_set_status(user=staff_user, request=req, status=RequestStatus.WAITING)
    with django_capture_on_commit_callbacks(execute=True):
        services.request_requester_reply(request=req, text="Ево допуне.")
    req.refresh_from_db()
    assert req.status == RequestStatus.IN_PROGRESS
    assert mail.outbox[-1].to == ["savetnik@pzs.example"] and "Ево допуне." in mail.outbox[-1].body


def test_a_requesters_reply_with_a_jmbg_is_refused():
    req = public_request()
    with pytest.raises(ValidationError):
        services.request_requester_reply(request=req, text=f"Дете {JMBG}")
    assert req.messages.count() == 1


def test_a_deadline_change_needs_a_reason_and_cannot_go_before_the_requests_date(staff_user):
    req = public_request()
    new = req.deadline + dt.timedelta(days=10)
    with pytest.raises(ValidationError) as exc:
        services.request_change_deadline(user=staff_user, request=req, deadline=new, reason=" ")
    assert "reason" in exc.value.message_dict
    with pytest.raises(ValidationError) as exc:
        services.request_change_deadline(
            user=staff_user,
            request=req,
            deadline=req.received_date - dt.timedelta(days=1),
            reason="Грешка",
        )
    assert "deadline" in exc.value.message_dict
    change = services.request_change_deadline(
        user=staff_user, request=req, deadline=new, reason="Чекамо документацију."
    )
    req.refresh_from_db()
    assert req.deadline == new
    assert DeadlineChange.objects.get() == change and change.old_deadline == new - dt.timedelta(
        days=10
    )


def test_a_letter_is_registered_with_its_number_date_and_scan_and_its_deadline_runs_from_it(
    staff_user,
):
    letter_date = timezone.localdate() - dt.timedelta(days=5)
    req = services.request_register_letter(
        user=staff_user,
        institution=institution(name="Дом за децу Сомбор", kind="children_home"),
        requester_name="Директор дома",
        letter_number="01-123/2026",
        letter_date=letter_date,
        letter_scan=SimpleUploadedFile("dopis.pdf", PDF, content_type="application/pdf"),
        subject="Супервизија",
        kind="supervision",
        description="Молимо супервизијску подршку.",
    )
    assert req.channel == "letter" and req.letter_number == "01-123/2026"
    assert req.received_date == letter_date and req.letter_scan.name.endswith(".pdf")
    assert req.deadline == letter_date + dt.timedelta(days=DEFAULT_DEADLINE_DAYS["supervision"])


def test_a_letter_without_its_number_is_refused(staff_user):
    with pytest.raises(ValidationError) as exc:
        services.request_register_letter(
            user=staff_user,
            institution=institution(),
            requester_name="Директор",
            letter_number="",
            letter_date=timezone.localdate(),
            subject="S",
            kind="other",
            description="D",
        )
    assert "letter_number" in exc.value.message_dict


def test_a_letter_scan_that_is_no_pdf_is_refused(staff_user):
    with pytest.raises(ValidationError) as exc:
        services.request_register_letter(
            user=staff_user,
            institution=institution(),
            requester_name="Директор",
            letter_number="1",
            letter_date=timezone.localdate(),
            letter_scan=SimpleUploadedFile("dopis.pdf", b"not a pdf"),
            subject="S",
            kind="other",
            description="D",
        )
    assert "letter_scan" in exc.value.message_dict
    assert not SupportRequest.objects.exists()


def test_answering_makes_a_held_area_i_activity_covering_the_institution(staff_user):
    req = public_request()
    services.request_reply(user=staff_user, request=req, text="Одговор.", status="answered")
    req.refresh_from_db()
    assert req.status == RequestStatus.ANSWERED and req.answered_at
    activity = req.activities.get()
    assert (activity.area, activity.kind, activity.status) == (
        Area.SUPPORT,
        ActivityKind.SUPPORT_REQUEST,
        ActivityStatus.HELD,
    )
    assert list(activity.institutions.all()) == [req.institution]


def test_a_linked_activity_of_another_area_is_refused(staff_user):
    req = public_request()
    other = Activity.objects.create(
        area=Area.TRAINING, kind="education", title="Обука", start_date=timezone.localdate()
    )
    with pytest.raises(ValidationError):
        services.request_link_activity(user=staff_user, request=req, activity=other)
