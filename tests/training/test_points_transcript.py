"""The transcript without an account: a person types their e-mail address, the portal
e-mails them a signed link — and answers alike whether or not it knows the address —;
the link opens their own record and its PDF, rendered by a worker. An altered or expired
link is a 404."""

import datetime as dt
import re
import time
from io import BytesIO

import pytest
from django.core import mail, signing
from django.urls import reverse
from django.utils import translation
from pypdf import PdfReader

from pzss.core.models import AuditEntry
from pzss.documents.models import Document, DocumentStatus
from tests.factories import PersonFactory
from tests.training.points_builders import make_certificate, make_external, make_programme
from training import points_selectors as selectors
from training import points_services as services
from training.models import TranscriptRequest
from training.points_documents import render_transcript

pytestmark = pytest.mark.django_db

ASK = "/training/transcript/"


def _ask(client, email, capture):
    with capture(execute=True):
        return client.post(ASK, {"email": email})


def _link_in(message) -> str:
    return re.search(r"http://\S+/training/transcript/\S+/", message.body).group(0)


def _path(url: str) -> str:
    return "/" + url.split("/", 3)[3]


@pytest.fixture
def person(db):
    return PersonFactory(
        first_name="Јована", last_name="Ђурић", email="Jovana@CSR.rs", licence_number="L-77"
    )


def test_the_form_is_at_its_address_and_asks_for_the_e_mail(client):
    assert reverse("training_transcript:ask") == ASK
    response = client.get(ASK)
    assert response.status_code == 200
    assert 'name="email"' in response.content.decode()


def test_a_known_address_is_e_mailed_a_link_to_the_record(
    client, person, eager_celery, django_capture_on_commit_callbacks
):
    response = _ask(client, " jovana@csr.RS ", django_capture_on_commit_callbacks)

    assert response.status_code == 302 and response.url == reverse("training_transcript:sent")
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == ["Jovana@CSR.rs"]
    link = _link_in(message)
    assert link in message.alternatives[0][0]
    request = TranscriptRequest.objects.get(person=person)
    assert request.sent_at is not None and request.email == "Jovana@CSR.rs"
    assert client.get(_path(link)).status_code == 200


def test_the_page_answers_alike_whether_or_not_the_address_is_known(
    client, person, eager_celery, django_capture_on_commit_callbacks
):
    known = _ask(client, "jovana@csr.rs", django_capture_on_commit_callbacks)
    unknown = _ask(client, "nobody@nowhere.rs", django_capture_on_commit_callbacks)

    assert known.status_code == unknown.status_code == 302
    assert known.url == unknown.url == reverse("training_transcript:sent")
    assert known.content == unknown.content
    assert known.cookies.keys() == unknown.cookies.keys()
    assert client.get(known.url).status_code == 200
    assert len(mail.outbox) == 1  # only the known address got a message
    assert TranscriptRequest.objects.count() == 1


def test_a_malformed_address_is_named_next_to_the_field(client, english):
    response = english.post(ASK, {"email": "not-an-address"})
    assert response.status_code == 400
    assert "Enter a valid email address" in response.content.decode()
    assert not TranscriptRequest.objects.exists()


def test_the_form_is_rate_limited_per_client_address(client, person, settings):
    settings.REGISTRATION_RATE_LIMIT = "2/m"
    statuses = [client.post(ASK, {"email": f"x{i}@nowhere.rs"}).status_code for i in range(3)]
    assert statuses == [302, 302, 429]


def test_one_address_is_e_mailed_at_most_three_times_an_hour(
    client, person, eager_celery, django_capture_on_commit_callbacks
):
    for _ in range(5):
        _ask(client, "jovana@csr.rs", django_capture_on_commit_callbacks)
    assert len(mail.outbox) == services.TRANSCRIPT_EMAILS_PER_HOUR == 3


def test_the_e_mail_is_in_serbian_by_default(person):
    request = TranscriptRequest.objects.create(person=person, email=person.email)
    message = services.transcript_email(request)
    assert "Јована Ђурић" in message.body  # the person's name in Cyrillic, the default
    assert message.to == [person.email]
    assert selectors.transcript_url(request) in message.body


def test_the_signed_link_shows_the_persons_own_record_only(client, person, staff_user):
    make_certificate(person, day=dt.date(2021, 5, 5), title="Своја обука")
    other = PersonFactory()
    make_certificate(other, day=dt.date(2021, 5, 5), title="Туђа обука")
    make_external(other, staff_user, day=dt.date(2021, 6, 6), title="Туђа спољна")
    request = TranscriptRequest.objects.create(person=person, email=person.email)

    response = client.get(_path(selectors.transcript_url(request)))

    html = response.content.decode()
    assert response.status_code == 200
    assert "Своја обука" in html
    assert "Туђа" not in html
    assert "no-cache" in response["Cache-Control"] or "no-store" in response["Cache-Control"]


def test_an_altered_link_is_a_404(client, person):
    request = TranscriptRequest.objects.create(person=person, email=person.email)
    signed = selectors.TRANSCRIPT_LINK.sign(request.token)
    other = TranscriptRequest.objects.create(person=PersonFactory(), email="o@x.rs")
    token, stamp, signature = signed.split(".")
    for bad in (
        f"{token}.{stamp}.{signature[:-1]}A"
        if not signature.endswith("A")
        else f"{token}.{stamp}.{signature[:-1]}B",
        f"{other.token}.{stamp}.{signature}",
        request.token,
        "sample",
    ):
        assert client.get(f"{ASK}{bad}/").status_code == 404, bad


def test_an_expired_link_is_a_404(client, person, monkeypatch):
    request = TranscriptRequest.objects.create(person=person, email=person.email)
    eight_days_ago = time.time() - 8 * 24 * 60 * 60
    monkeypatch.setattr(signing.time, "time", lambda: eight_days_ago)
    signed = selectors.TRANSCRIPT_LINK.sign(request.token)
    monkeypatch.undo()
    assert client.get(f"{ASK}{signed}/").status_code == 404


def test_a_link_sent_to_an_address_the_person_no_longer_has_is_a_404(client, person):
    request = TranscriptRequest.objects.create(person=person, email=person.email)
    url = _path(selectors.transcript_url(request))
    person.email = "new@csr.rs"
    person.save(update_fields=["email"])
    assert client.get(url).status_code == 404


def test_the_pdf_is_a_document_rendered_by_a_worker_then_downloaded(
    client, person, staff_user, eager_celery, django_capture_on_commit_callbacks
):
    programme = make_programme(staff_user, title="Покретање услуге предаха")
    make_certificate(person, day=dt.date(2020, 12, 14), programme=programme, points="16")
    make_external(person, staff_user, day=dt.date(2021, 2, 2), points="4")
    request = TranscriptRequest.objects.create(person=person, email=person.email)
    signed = selectors.TRANSCRIPT_LINK.sign(request.token)
    record = client.get(f"{ASK}{signed}/").content.decode()
    assert reverse("training_transcript:pdf", args=[signed]) in record  # the PDF button

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("training_transcript:pdf", args=[signed]))

    document = Document.objects.get(kind="transcript")
    assert response.status_code == 302
    assert response.url == reverse("training_transcript:document", args=[signed, document.pk])
    assert document.object_id == person.pk and document.status == DocumentStatus.READY
    page = client.get(response.url).content.decode()
    download = reverse("training_transcript:document_download", args=[signed, document.pk])
    assert download in page
    status = client.get(reverse("training_transcript:document_status", args=[signed, document.pk]))
    assert status["HX-Trigger"] == "document-finished"
    pdf = client.get(download)
    content = b"".join(pdf.streaming_content)
    assert pdf["Content-Type"] == "application/pdf"
    text = "".join(p.extract_text() for p in PdfReader(BytesIO(content)).pages)
    assert "L-77" in text
    assert "Покретање услуге предаха" in text
    assert "20" in text  # 16 + 4 points in all


def test_the_pdf_page_shows_progress_while_the_worker_has_not_rendered_it(client, person):
    request = TranscriptRequest.objects.create(person=person, email=person.email)
    signed = selectors.TRANSCRIPT_LINK.sign(request.token)
    document = services.transcript_document_request(person=person)  # queued, no worker

    page = client.get(reverse("training_transcript:document", args=[signed, document.pk]))
    status_url = reverse("training_transcript:document_status", args=[signed, document.pk])

    assert page.status_code == 200
    assert f'data-hx-get="{status_url}"' in page.content.decode()
    download = reverse("training_transcript:document_download", args=[signed, document.pk])
    assert client.get(download).status_code == 404


def test_a_link_opens_no_other_persons_document(client, person, eager_celery):
    other = PersonFactory()
    theirs = services.transcript_document_request(person=other)
    request = TranscriptRequest.objects.create(person=person, email=person.email)
    signed = selectors.TRANSCRIPT_LINK.sign(request.token)
    for name in ("document", "document_status", "document_download"):
        url = reverse(f"training_transcript:{name}", args=[signed, theirs.pk])
        assert client.get(url).status_code == 404, name
    # Nor another kind of document of the same person.
    assert selectors.transcript_document_of(person=other, pk=theirs.pk) == theirs
    Document.objects.filter(pk=theirs.pk).update(kind="certificate")
    assert selectors.transcript_document_of(person=other, pk=theirs.pk) is None


def test_the_transcript_states_what_the_institute_certifies(person, staff_user, monkeypatch):
    programme = make_programme(staff_user, title="Културно компонентна пракса")
    make_certificate(
        person, day=dt.date(2020, 12, 14), programme=programme, points="16", hours="16"
    )
    make_certificate(person, day=dt.date(2020, 12, 20), points="8", revoked=True)
    make_external(person, staff_user, day=dt.date(2021, 2, 2), points="4", hours="6")
    monkeypatch.setattr(
        "training.points_documents.timezone.localdate", lambda: dt.date(2021, 12, 14)
    )
    with translation.override("sr"):
        html = render_transcript(person, "sr").html

    assert "Покрајински завод за социјалну заштиту" in html
    assert "Јована Ђурић" in html and "L-77" in html
    assert "2020." in html and "2021." in html
    assert "14.12.2020." in html  # the training's date
    assert "14.12.2021." in html  # the date of issue
    assert "Културно компонентна пракса" in html and programme.accreditation_number in html
    assert ">20<" in html  # 16 + 4: the revoked certificate's 8 are not counted
    assert "/certificates/" in html  # where a certificate is verified


def test_the_link_task_sends_once_however_often_it_runs(person):
    request = TranscriptRequest.objects.create(person=person, email=person.email)

    assert services.send_transcript_link.apply(args=[request.pk]).get() is True
    assert services.send_transcript_link.apply(args=[request.pk]).get() is False
    assert services.send_transcript_link.apply(args=[request.pk + 999]).get() is False

    assert len(mail.outbox) == 1


def test_a_request_is_in_the_persons_history_without_saying_who_asked(
    client, person, eager_celery, django_capture_on_commit_callbacks
):
    _ask(client, "jovana@csr.rs", django_capture_on_commit_callbacks)
    entry = AuditEntry.objects.get(action="transcript_request")
    assert entry.object_id == person.pk and entry.actor is None
