"""The institution's follow-up: the e-mail with its signed link after commit, the page
without an account, answers kept as a history, a tampered link a 404, a closed follow-up
read-only; staff confirm or reopen; the overdue reminders once per deadline."""

import datetime as dt
import re

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from support import report_services as services
from support.models import Recommendation, RecommendationReminder, RecommendationResponse
from tests.support.report_builders import make_issued, make_visit

pytestmark = pytest.mark.django_db


@pytest.fixture
def issued(staff_user):
    return make_issued(staff_user)


@pytest.fixture
def invitation(issued, staff_user, eager_celery, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        return services.follow_up_send(user=staff_user, report=issued, email="ustanova@example.rs")


def _link(invitation) -> str:
    return reverse(
        services.FOLLOW_UP_URL_NAME,
        kwargs={"signed": services.FOLLOW_UP_LINK.sign(invitation.token)},
    )


def test_the_follow_up_email_carries_the_signed_link(invitation):
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == ["ustanova@example.rs"]
    signed = re.search(r"/support/follow-up/([^/\s]+)/", message.body).group(1)
    assert services.FOLLOW_UP_LINK.token_of(signed) == invitation.token
    invitation.refresh_from_db()
    assert invitation.sent_at is not None


def test_a_draft_report_cannot_be_followed_up(staff_user):
    visit = make_visit(staff_user)
    report = services.report_save(user=staff_user, visit=visit, data={"summary": "С."})
    with pytest.raises(ValidationError):
        services.follow_up_send(user=staff_user, report=report, email="a@example.rs")


def test_the_institution_answers_and_the_history_is_kept(client, invitation):
    rec = invitation.report.recommendations.get(order=1)
    url = _link(invitation)
    page = client.get(url)
    assert page.status_code == 200
    assert "Препорука 1." in page.content.decode()
    for state, text in (("in_progress", "Почели смо."), ("done", "Урађено.")):
        response = client.post(
            url,
            {
                "recommendation": rec.pk,
                f"r{rec.pk}-action_taken": text,
                f"r{rec.pk}-state": state,
                f"r{rec.pk}-answered_by": "руководилац службе",
            },
        )
        assert response.status_code == 302
    rec.refresh_from_db()
    assert rec.state == "done"
    assert list(rec.responses.values_list("action_taken", flat=True)) == ["Урађено.", "Почели смо."]
    invitation.refresh_from_db()
    assert invitation.last_answered_at is not None


def test_an_answer_with_a_jmbg_is_refused_with_a_message(client, invitation):
    rec = invitation.report.recommendations.get(order=1)
    response = client.post(
        _link(invitation),
        {
            "recommendation": rec.pk,
            f"r{rec.pk}-action_taken": "Дете 0101990800015",
            f"r{rec.pk}-state": "done",
            f"r{rec.pk}-answered_by": "директор",
        },
    )
    assert response.status_code == 400
    assert "JMBG" in response.content.decode() or "ЈМБГ" in response.content.decode()
    assert not RecommendationResponse.objects.exists()


def test_a_tampered_or_unknown_link_is_a_404(client, invitation):
    signed = services.FOLLOW_UP_LINK.sign(invitation.token)
    for bad in (signed[:-2] + "xx", invitation.token, "sample", signed + "x"):
        url = reverse(services.FOLLOW_UP_URL_NAME, kwargs={"signed": bad})
        assert client.get(url).status_code == 404, bad
        assert client.post(url, {"recommendation": 1}).status_code == 404, bad


def test_a_recommendation_of_another_report_is_a_404(client, invitation, staff_user):
    other = make_issued(staff_user, make_visit(staff_user, name="ЦСР Друго"))
    rec = other.recommendations.first()
    response = client.post(_link(invitation), {"recommendation": rec.pk})
    assert response.status_code == 404


def test_after_the_follow_up_is_closed_the_page_is_read_only(client, invitation, staff_user):
    services.report_close(user=staff_user, report=invitation.report)
    url = _link(invitation)
    page = client.get(url, {"lang": "en"}).content.decode()
    assert "can only be read" in page
    assert 'name="recommendation"' not in page
    rec = invitation.report.recommendations.get(order=1)
    response = client.post(
        url,
        {
            "recommendation": rec.pk,
            f"r{rec.pk}-action_taken": "Касно.",
            f"r{rec.pk}-state": "done",
            f"r{rec.pk}-answered_by": "директор",
        },
    )
    assert response.status_code == 400
    assert not RecommendationResponse.objects.exists()


def test_staff_confirm_or_reopen_with_a_new_deadline(invitation, staff_user):
    rec = invitation.report.recommendations.get(order=1)
    services.follow_up_answer(
        invitation=invitation,
        recommendation=rec,
        action_taken="Урађено.",
        state="done",
        answered_by="директор",
    )
    rec = services.recommendation_review(user=staff_user, recommendation=rec, action="confirm")
    assert rec.confirmed_by == staff_user
    with pytest.raises(ValidationError) as exc:
        services.recommendation_review(
            user=staff_user,
            recommendation=rec,
            action="reopen",
            deadline=invitation.report.visit.activity.start_date - dt.timedelta(days=1),
        )
    assert "deadline" in exc.value.message_dict
    new = dt.date.today() + dt.timedelta(days=30)
    rec = services.recommendation_review(
        user=staff_user, recommendation=rec, action="reopen", deadline=new
    )
    assert (rec.state, rec.deadline, rec.confirmed_at) == ("open", new, None)
    assert rec.responses.count() == 1  # the history stays


def test_overdue_reminders_go_once_per_recommendation_and_deadline(
    invitation, staff_user, eager_celery, django_capture_on_commit_callbacks
):
    mail.outbox.clear()
    overdue = Recommendation.objects.overdue()
    assert list(overdue.values_list("order", flat=True)) == [1]
    with django_capture_on_commit_callbacks(execute=True):
        assert services.send_recommendation_reminders() == 1
    assert len(mail.outbox) == 1
    assert "Препорука 1." in mail.outbox[0].body
    assert "Препорука 2." not in mail.outbox[0].body
    with django_capture_on_commit_callbacks(execute=True):
        assert services.send_recommendation_reminders() == 0
    assert len(mail.outbox) == 1
    assert RecommendationReminder.objects.get().sent_at is not None
    # A new deadline, passed again, is reminded of once more.
    rec = overdue.get()
    start = invitation.report.visit.activity.start_date
    Recommendation.objects.filter(pk=rec.pk).update(deadline=start + dt.timedelta(days=11))
    with django_capture_on_commit_callbacks(execute=True):
        assert services.send_recommendation_reminders() == 1
    assert len(mail.outbox) == 2


def test_a_recommendation_done_is_not_reminded(invitation, eager_celery):
    rec = invitation.report.recommendations.get(order=1)
    services.follow_up_answer(
        invitation=invitation,
        recommendation=rec,
        action_taken="Урађено.",
        state="done",
        answered_by="директор",
    )
    mail.outbox.clear()
    assert services.send_recommendation_reminders() == 0
    assert mail.outbox == []


def test_the_follow_up_and_report_pages_take_constant_queries(
    client, staff_client, staff_user, invitation
):
    def count(c, url):
        with CaptureQueriesContext(connection) as ctx:
            assert c.get(url).status_code == 200
        return len(ctx.captured_queries)

    rec = invitation.report.recommendations.get(order=1)
    link = _link(invitation)
    report_url = reverse("support:visit_report", kwargs={"visit_pk": invitation.report.visit_id})
    before = (count(client, link), count(staff_client, report_url))
    for n in range(3):
        services.follow_up_answer(
            invitation=invitation,
            recommendation=rec,
            action_taken=f"Корак {n}.",
            state="in_progress",
            answered_by="директор",
        )
        Recommendation.objects.create(
            report=invitation.report,
            order=10 + n,
            text="Још.",
            responsible="директор",
            deadline=rec.deadline,
            state="open",
        )
    assert (count(client, link), count(staff_client, report_url)) == before
