"""The needs survey through its pages: the respondent's signed link (save and come back,
submit once, a closed survey, a tampered link), the staff's design and invitation pages,
the results with their rates and charts, and the public page without free text."""

import pytest
from bs4 import BeautifulSoup
from django.urls import reverse

from pzss.core.models import InstitutionKind
from training import survey_services as services
from training.models import NeedsSurvey, SurveyAnswer, SurveyInvitation
from training.survey_mail import invitation_path

from .survey_builders import SECRET, full_answers, make_programmes, make_survey, questions_by_kind

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _pages_in_english(english):
    """The pages in English, the source language (staff_client is the same client)."""


@pytest.fixture
def programmes(staff_user):
    return make_programmes(staff_user)


@pytest.fixture
def survey(staff_user, programmes):
    return make_survey(staff_user)


def _form_data(survey, programmes, action, **overrides):
    q = questions_by_kind(survey)
    data = {
        q["single"].field_name: "Уживо",
        q["multiple"].field_name: ["Супервизија"],
        q["programmes"].field_name: [str(programmes[1].pk)],
        q["scale"].field_name: "4",
        q["number"].field_name: "12",
        q["text"].field_name: SECRET,
        "action": action,
    }
    for kind, value in overrides.items():
        data[q[kind].field_name] = value
    return data


def test_a_respondent_saves_comes_back_and_submits_once(client, survey, programmes):
    invitation = survey.invitations.order_by("pk").first()
    url = invitation_path(invitation)
    page = client.get(url)
    assert page.status_code == 200
    assert BeautifulSoup(page.content, "html.parser").find("form", id="survey-form")
    invitation.refresh_from_db()
    assert invitation.first_opened_at
    # Save a draft with the required «programmes» left empty: kept, not submitted.
    data = _form_data(survey, programmes, "save")
    del data[questions_by_kind(survey)["programmes"].field_name]
    response = client.post(url, data, follow=True)
    assert "Your answers are saved" in response.content.decode()
    invitation.refresh_from_db()
    assert invitation.saved_at and not invitation.submitted_at
    again = client.get(url).content.decode()
    assert 'value="12"' in again and SECRET in again  # the draft comes back
    # Submit.
    response = client.post(url, _form_data(survey, programmes, "submit"), follow=True)
    html = response.content.decode()
    assert "Thank you: your answers are submitted." in html
    soup = BeautifulSoup(html, "html.parser")
    assert soup.find(id="survey-thanks") and soup.find(id="survey-answers")
    assert not soup.find("form", id="survey-form")
    invitation.refresh_from_db()
    submitted_at = invitation.submitted_at
    assert submitted_at
    # A second POST after submission: a message, nothing changed.
    response = client.post(
        url, _form_data(survey, programmes, "submit", single="Онлајн"), follow=True
    )
    assert "submitted already and can no longer be changed" in response.content.decode()
    invitation.refresh_from_db()
    assert invitation.submitted_at == submitted_at
    q = questions_by_kind(survey)
    assert SurveyAnswer.objects.get(invitation=invitation, question=q["single"]).value == "Уживо"


def test_a_tampered_or_unknown_link_is_a_404(client, survey):
    invitation = survey.invitations.order_by("pk").first()
    url = invitation_path(invitation)
    assert client.get(url[:-3] + "xx/").status_code == 404
    assert client.post(url[:-3] + "xx/", {"action": "submit"}).status_code == 404
    raw = reverse("training_surveys:answer", kwargs={"signed": invitation.token})
    assert client.get(raw).status_code == 404


def test_a_draft_surveys_link_is_a_404(client, staff_user, programmes):
    survey = make_survey(staff_user, year=2027, open_it=False)
    assert client.get(invitation_path(survey.invitations.first())).status_code == 404


def test_a_closed_survey_refuses_answers_with_a_message(client, staff_user, survey, programmes):
    invitation = survey.invitations.order_by("pk").first()
    services.survey_close(user=staff_user, survey=survey)
    url = invitation_path(invitation)
    page = client.get(url).content.decode()
    assert "The survey is closed" in page
    response = client.post(url, _form_data(survey, programmes, "submit"), follow=True)
    assert "The survey is closed: it takes no more answers." in response.content.decode()
    assert not SurveyAnswer.objects.exists()


def test_bad_answers_are_refused_by_question_and_nothing_is_stored(client, survey, programmes):
    invitation = survey.invitations.order_by("pk").first()
    url = invitation_path(invitation)
    q = questions_by_kind(survey)
    response = client.post(url, _form_data(survey, programmes, "submit", number="500"))
    assert response.status_code == 200
    soup = BeautifulSoup(response.content, "html.parser")
    error = soup.find(id=f"error_1_id_{q['number'].field_name}") or soup.select_one(
        f"#div_id_{q['number'].field_name} .invalid-feedback"
    )
    assert error and "cannot be larger than 100" in error.get_text()
    data = _form_data(survey, programmes, "submit")
    del data[q["single"].field_name]
    response = client.post(url, data)
    assert "This question needs an answer." in response.content.decode()
    assert not SurveyAnswer.objects.exists()
    invitation.refresh_from_db()
    assert invitation.submitted_at is None


def test_the_serbian_page_says_what_is_wrong_in_serbian(client, survey, programmes):
    from django.conf import settings

    invitation = survey.invitations.order_by("pk").first()
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "sr"
    data = _form_data(survey, programmes, "submit")
    del data[questions_by_kind(survey)["single"].field_name]
    response = client.post(invitation_path(invitation), data)
    assert response.status_code == 200
    assert "Одговор на ово питање је обавезан." in response.content.decode()


# --- staff -----------------------------------------------------------------------------------


def test_staff_design_a_survey_in_the_browser(staff_client, programmes):
    response = staff_client.post(
        reverse("training:survey_create"), {"year": "2028", "title": "Упитник 2028"}
    )
    survey = NeedsSurvey.objects.get(year=2028)
    assert response.status_code == 302
    add = reverse("training:survey_question_add", kwargs={"pk": survey.pk})
    page = staff_client.get(survey.get_absolute_url())
    form = BeautifulSoup(page.content, "html.parser").find("form", action=add)
    assert form is not None
    response = staff_client.post(add, {"text": "Облик", "kind": "single", "choices": "Само једно"})
    assert response.status_code == 200 and "at least two choices" in response.content.decode()
    assert not survey.questions.exists()
    staff_client.post(add, {"text": "Облик", "kind": "single", "choices": "Уживо\nОнлајн"})
    staff_client.post(add, {"text": "Број", "kind": "number", "min_value": "0"})
    first, second = survey.questions.order_by("order")
    staff_client.post(
        reverse("training:survey_question_move", kwargs={"pk": second.pk}), {"direction": "up"}
    )
    assert list(survey.questions.order_by("order")) == [second, first]
    staff_client.post(reverse("training:survey_question_delete", kwargs={"pk": second.pk}))
    assert list(survey.questions.all()) == [first]


def test_staff_invite_every_centre_and_open_the_survey(
    staff_client, staff_user, programmes, eager_celery, django_capture_on_commit_callbacks
):
    from django.core import mail

    from pzss.core.models import Institution

    survey = services.survey_create(user=staff_user, data={"year": 2029, "title": "Т"})
    services.question_add(user=staff_user, survey=survey, data={"text": "И", "kind": "scale"})
    url = reverse("training:survey_invitations", kwargs={"pk": survey.pk})
    response = staff_client.post(url, {"whom": "csw", "contact_email": "obuke@example.rs"})
    assert response.status_code == 302
    centres = Institution.objects.filter(kind=InstitutionKind.CSW, is_active=True).count()
    assert centres >= 45
    assert survey.invitations.count() == centres
    with django_capture_on_commit_callbacks(execute=True):
        staff_client.post(reverse("training:survey_open", kwargs={"pk": survey.pk}))
    survey.refresh_from_db()
    assert survey.is_open
    assert len(mail.outbox) == centres
    assert len({m.body for m in mail.outbox}) == centres  # a link of its own each
    page = staff_client.get(survey.get_absolute_url()).content.decode()
    assert 'id="questions-locked"' in page


def test_staff_see_rates_by_kind_and_district_and_the_free_text(
    staff_client, survey, programmes, django_assert_max_num_queries
):
    invitations = list(
        survey.invitations.select_related("institution__municipality__district").order_by("pk")
    )
    # The first district's two centres submit; the home saves a draft.
    for invitation in invitations[:2]:
        services.answers_save(
            invitation=invitation, values=full_answers(survey, programmes), submit=True
        )
    home = next(i for i in invitations if i.institution.kind == "children_home")
    services.answers_save(
        invitation=home, values={questions_by_kind(survey)["scale"].pk: 1}, submit=False
    )
    url = reverse("training:survey_results", kwargs={"pk": survey.pk})
    # session, user, survey, questions, invitations, answers, programmes (+ savepoints)
    with django_assert_max_num_queries(10):
        response = staff_client.get(url)
    soup = BeautifulSoup(response.content, "html.parser")
    kinds = {
        tr.th.get_text(strip=True): [td.get_text() for td in tr.find_all("td")]
        for tr in soup.select("#rates-kind tbody tr")
    }
    assert kinds["Centre for social work"] == ["4", "2", "50"]
    assert kinds["Home for children and youth"] == ["1", "0", "0"]
    districts = [
        [td.get_text() for td in tr.find_all("td")]
        for tr in soup.select("#rates-district tbody tr")
    ]
    assert districts == [["3", "2", "67"], ["2", "0", "0"]]
    assert SECRET in response.content.decode()
    assert soup.select("svg.chart-svg")
    scale = soup.find(id=f"result-{questions_by_kind(survey)['scale'].pk}")
    assert "average 4" in scale.get_text()  # the draft's «1» is not counted


@pytest.mark.parametrize("centres", [5, 50])
def test_the_survey_pages_keep_their_queries_as_answers_grow(
    staff_client, staff_user, programmes, django_assert_max_num_queries, centres
):
    from pzss.core.models import Institution, Municipality

    municipalities = list(Municipality.objects.order_by("name")[:centres])
    institutions = [
        Institution.objects.create(
            name=f"ЦСР број {n}",
            kind="csw",
            municipality=municipalities[n % len(municipalities)],
            email=f"n{n}@example.rs",
        )
        for n in range(centres)
    ]
    survey = make_survey(staff_user, year=2033, institutions=institutions)
    for invitation in survey.invitations.all():
        services.answers_save(
            invitation=invitation, values=full_answers(survey, programmes), submit=True
        )
    pages = {
        # session, user, survey, questions, invitations, answers, programmes
        reverse("training:survey_results", kwargs={"pk": survey.pk}): 10,
        # session, user, the surveys with their counts
        reverse("training:surveys"): 6,
        # session, user, survey, the invitations with institution, municipality, district
        reverse("training:survey_invitations", kwargs={"pk": survey.pk}): 8,
        # session, user, survey, questions, counts
        survey.get_absolute_url(): 8,
    }
    for url, most in pages.items():
        with django_assert_max_num_queries(most):
            assert staff_client.get(url).status_code == 200, url


def test_results_add_up_choices_programmes_scale_and_numbers(staff_user, survey, programmes):
    from training.survey_results import survey_results

    invitations = list(survey.invitations.order_by("pk"))
    services.answers_save(
        invitation=invitations[0],
        values=full_answers(survey, programmes, scale=2, number=10),
        submit=True,
    )
    values = full_answers(survey, programmes, single="Онлајн", scale=5, number=20)
    values[questions_by_kind(survey)["programmes"].pk] = [p.pk for p in programmes]
    services.answers_save(invitation=invitations[1], values=values, submit=True)
    r = survey_results(survey, public=True)
    by_kind = {item.question.kind: item for item in r.questions}
    assert "text" not in by_kind
    assert by_kind["single"].counts == [("Уживо", 1), ("Онлајн", 1)]
    assert by_kind["multiple"].counts == [("Супервизија", 2), ("Насиље", 0), ("Подаци", 0)]
    assert by_kind["programmes"].counts == [(programmes[0].title, 2), (programmes[1].title, 1)]
    assert by_kind["scale"].counts == [("1", 0), ("2", 1), ("3", 0), ("4", 0), ("5", 1)]
    assert by_kind["scale"].average == 3.5
    assert (by_kind["number"].total, by_kind["number"].average) == (30, 15.0)
    assert r.top_programmes[0] == (programmes[0].title, 2)
    staff = survey_results(survey, public=False)
    assert [t for item in staff.questions for t in item.texts] == [SECRET, SECRET]


# --- publishing ------------------------------------------------------------------------------


def _published(staff_user, survey, programmes):
    for invitation in survey.invitations.order_by("pk")[:3]:
        services.answers_save(
            invitation=invitation, values=full_answers(survey, programmes), submit=True
        )
    services.survey_close(user=staff_user, survey=survey)
    services.survey_update(
        user=staff_user, survey=survey, data={"recommendations": "Препоручујемо финансирање обука."}
    )
    return services.survey_publish(user=staff_user, survey=survey)


def test_the_public_page_shows_a_published_survey_without_free_text(
    client, staff_user, survey, programmes
):
    from django.conf import settings

    # In Serbian (Cyrillic): what is typed is shown as typed, so an absence means something.
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "sr"
    url = reverse("training_surveys:results", kwargs={"year": survey.year})
    assert client.get(url).status_code == 404  # open, not published
    _published(staff_user, survey, programmes)
    response = client.get(url)
    html = response.content.decode()
    assert response.status_code == 200
    assert "Препоручујемо финансирање обука." in html
    assert programmes[0].title in html
    assert "svg" in html
    assert SECRET not in html
    for invitation in SurveyInvitation.objects.filter(survey=survey):
        assert invitation.contact_email not in html
        assert invitation.institution.name not in html
    assert survey.title in client.get(reverse("training_surveys:list")).content.decode()


def test_the_report_pdf_carries_no_free_text_nor_names(staff_user, survey, programmes):
    from training.survey_documents import render_survey_report

    _published(staff_user, survey, programmes)
    html = render_survey_report(survey, "sr").html
    assert "Препоручујемо финансирање обука." in html
    assert "<svg" in html
    assert programmes[0].title in html
    assert SECRET not in html
    for invitation in SurveyInvitation.objects.filter(survey=survey).select_related("institution"):
        assert invitation.contact_email not in html
        assert invitation.institution.name not in html


def test_publishing_puts_the_report_in_the_public_library(staff_user, survey, programmes):
    from pzss.core.extensions import published_works

    _published(staff_user, survey, programmes)
    works = [w for w in published_works() if w.key == f"needs_survey:{survey.pk}"]
    assert len(works) == 1 and works[0].document.kind == "needs_survey_report"


def test_the_answers_xlsx_has_no_names_and_no_free_text(staff_user, survey, programmes):
    import io

    from openpyxl import load_workbook

    from training.survey_exports import write_survey_xlsx

    _published(staff_user, survey, programmes)
    out = io.BytesIO()
    assert write_survey_xlsx(out, survey) == 3
    out.seek(0)
    rows = [[c for c in row] for row in load_workbook(out).active.iter_rows(values_only=True)]
    text = repr(rows)
    assert len(rows) == 4
    assert list(rows[0][:2]) == ["Kind of institution", "District"]
    assert "Поруке" not in rows[0] and SECRET not in text
    assert programmes[0].title in text
    for invitation in SurveyInvitation.objects.filter(survey=survey).select_related("institution"):
        assert invitation.contact_email not in text
        assert invitation.institution.name not in text


def test_staff_ask_for_the_xlsx_as_a_job(staff_client, survey):
    response = staff_client.post(reverse("training:survey_xlsx", kwargs={"pk": survey.pk}))
    assert response.status_code == 302 and "/jobs/" in response.url


def test_staff_invite_every_institution_of_a_kind_or_a_chosen_list(staff_client, staff_user):
    from pzss.core.models import Institution

    homes = [
        Institution.objects.create(name=f"Дом {n}", kind="private_home", email=f"d{n}@example.rs")
        for n in range(2)
    ]
    other = Institution.objects.create(name="Удружење", kind="partner", email="u@example.rs")
    survey = services.survey_create(user=staff_user, data={"year": 2034, "title": "Т"})
    url = reverse("training:survey_invitations", kwargs={"pk": survey.pk})
    response = staff_client.post(url, {"whom": "kind"})
    assert "Choose the kind of institution." in response.content.decode()
    staff_client.post(url, {"whom": "kind", "kind": "private_home"})
    # A kind whose institutions have no address: refused by name, nothing stored.
    Institution.objects.create(name="Дом без адресе", kind="adult_home")
    response = staff_client.post(url, {"whom": "kind", "kind": "adult_home"})
    assert "Дом без адресе" in response.content.decode()
    staff_client.post(url, {"whom": "chosen", "institutions": [other.pk], "contact_name": "Ана"})
    invited = dict(survey.invitations.values_list("institution_id", "contact_email"))
    assert invited == {
        homes[0].pk: "d0@example.rs",
        homes[1].pk: "d1@example.rs",
        other.pk: "u@example.rs",
    }
    assert survey.invitations.get(institution=other).contact_name == "Ана"
    # While a draft, an invitation is removed; once open, it is sent again instead.
    first = survey.invitations.get(institution=homes[0])
    staff_client.post(reverse("training:survey_invitation_remove", kwargs={"pk": first.pk}))
    assert survey.invitations.count() == 2


def test_staff_resend_an_invitation_once_open(
    staff_client, survey, eager_celery, django_capture_on_commit_callbacks
):
    from django.core import mail

    invitation = survey.invitations.order_by("pk").first()
    url = reverse("training:survey_invitation_resend", kwargs={"pk": invitation.pk})
    with django_capture_on_commit_callbacks(execute=True):
        response = staff_client.post(url, follow=True)
    assert "The invitation is sent again." in response.content.decode()
    assert [m.to for m in mail.outbox] == [[invitation.contact_email]]
    response = staff_client.post(
        reverse("training:survey_invitation_remove", kwargs={"pk": invitation.pk}), follow=True
    )
    assert "only while the survey is a draft" in response.content.decode()
    assert SurveyInvitation.objects.filter(pk=invitation.pk).exists()


def test_the_published_report_is_a_public_pdf(client, staff_user, survey, programmes, run_jobs):
    from pzss.documents.models import Document, DocumentStatus

    run_jobs(_published, staff_user, survey, programmes)
    document = Document.objects.get(kind="needs_survey_report")
    assert document.status == DocumentStatus.READY
    response = client.get(reverse("training_surveys:pdf", kwargs={"year": survey.year}))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"


def test_the_answers_xlsx_job_makes_the_file(
    staff_client, staff_user, survey, programmes, run_jobs
):
    from pzss.documents.models import Job, JobStatus

    services.answers_save(
        invitation=survey.invitations.first(), values=full_answers(survey, programmes), submit=True
    )
    run_jobs(staff_client.post, reverse("training:survey_xlsx", kwargs={"pk": survey.pk}))
    job = Job.objects.get(kind="needs_survey_xlsx")
    assert job.status == JobStatus.DONE, job.error if hasattr(job, "error") else job
    assert job.result_name == f"upitnik-odgovori-{survey.year}.xlsx"
