"""The pages of support requests: the public form (the directory's institutions grouped
by kind, the JMBG refused, a name warned of until ticked, rate-limited), the requester's
signed link (tampered → 404, never an internal note, their reply), and the staff pages
(the list's filters and its queries, the request page's forms)."""

import datetime as dt
import re

import pytest
from django.core import mail
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from pzss.lib.translit import for_language
from support import request_services as services
from support.models import RequestStatus, SupportRequest
from support.request_selectors import REQUEST_LINK
from tests.support.request_builders import JMBG, institution, public_request

pytestmark = pytest.mark.django_db

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def _form_data(inst, **extra):
    return {
        "institution": inst.pk,
        "requester_name": "Саветница",
        "requester_email": "trazilac@example.rs",
        "subject": "Питање о супервизији",
        "kind": "supervision",
        "description": "Молимо подршку у организацији супервизије.",
        **extra,
    }


def _thread_url(req, signed=None):
    return reverse(
        "support_public:request", kwargs={"signed": signed or REQUEST_LINK.sign(req.token)}
    )


def test_the_public_form_lists_the_directory_grouped_by_kind(english):
    institution(name="ЦСР Сента", kind="csw")
    institution(name="Дом Ветерник", kind="children_home")
    page = english.get(reverse("support_public:form")).content.decode()
    assert '<optgroup label="Centre for social work">' in page
    assert '<optgroup label="Home for children and youth">' in page


def test_a_request_sent_from_the_form_is_stored_and_confirmed_by_email(
    english, eager_celery, django_capture_on_commit_callbacks
):
    inst = institution()
    with django_capture_on_commit_callbacks(execute=True):
        response = english.post(
            reverse("support_public:form"),
            {**_form_data(inst), "files": SimpleUploadedFile("prilog.pdf", PDF)},
        )
    assert response.status_code == 302 and response.url == reverse("support_public:sent")
    req = SupportRequest.objects.get()
    assert req.institution == inst and req.messages.get().files.get().name == "prilog.pdf"
    link = re.search(r"http\S+/support/request/(\S+)/", mail.outbox[0].body)
    assert link and english.get(_thread_url(req, link.group(1))).status_code == 200


def test_the_form_refuses_a_jmbg_naming_the_field(english):
    response = english.post(
        reverse("support_public:form"),
        _form_data(institution(), description=f"Корисник {JMBG} у смештају."),
    )
    assert response.status_code == 400
    assert "personal identity number" in response.content.decode()
    assert not SupportRequest.objects.exists()


def test_the_form_warns_of_a_name_until_the_box_is_ticked(english):
    data = _form_data(institution(), description="Дечак Марко Петровић је смештен у дом.")
    response = english.post(reverse("support_public:form"), data)
    assert response.status_code == 400
    assert "looks like a first name and surname" in response.content.decode()
    assert "Марко Петровић" in response.content.decode()
    assert not SupportRequest.objects.exists()
    response = english.post(reverse("support_public:form"), {**data, "no_personal_data": "on"})
    assert response.status_code == 302 and SupportRequest.objects.count() == 1


def test_the_public_form_is_rate_limited(english, settings):
    settings.REGISTRATION_RATE_LIMIT = "2/m"
    inst = institution()
    codes = [
        english.post(reverse("support_public:form"), _form_data(inst)).status_code for _ in range(3)
    ]
    assert codes == [302, 302, 429]


def test_a_tampered_or_bare_link_is_a_404(client):
    req = public_request()
    signed = REQUEST_LINK.sign(req.token)
    for bad in (signed[:-2] + ("xy" if not signed.endswith("xy") else "zz"), req.token, "x"):
        assert client.get(_thread_url(req, bad)).status_code == 404
        assert client.post(_thread_url(req, bad), {"text": "Упад"}).status_code == 404
    assert req.messages.count() == 1


def test_the_requester_sees_replies_and_files_but_never_an_internal_note(english, staff_user):
    req = public_request()
    services.request_reply(
        user=staff_user,
        request=req,
        text="Јавни одговор саветника.",
        files=[SimpleUploadedFile("uputstvo.pdf", PDF)],
    )
    note = services.request_note(
        user=staff_user,
        request=req,
        text="Тајна белешка колега.",
        files=[SimpleUploadedFile("interno.pdf", PDF)],
    )
    page = english.get(_thread_url(req)).content.decode()
    # English pages show content in Latin script.
    assert for_language("Јавни одговор саветника.", "en") in page and "uputstvo.pdf" in page
    assert for_language("Тајна белешка", "en") not in page and "interno.pdf" not in page
    assert "In progress" in page and req.deadline.strftime("%d.%m.%Y.") in page
    hidden = note.files.get()
    signed = REQUEST_LINK.sign(req.token)
    url = reverse("support_public:file", kwargs={"signed": signed, "pk": hidden.pk})
    assert english.get(url).status_code == 404
    shown = req.messages.get(text="Јавни одговор саветника.").files.get()
    url = reverse("support_public:file", kwargs={"signed": signed, "pk": shown.pk})
    assert english.get(url).status_code == 200


def test_the_requester_replies_through_the_link(english, staff_user):
    req = public_request()
    services.request_set_status(user=staff_user, request=req, status=RequestStatus.WAITING)
    response = english.post(_thread_url(req), {"text": "Шаљемо тражене податке."})
    assert response.status_code == 302
    req.refresh_from_db()
    assert req.status == RequestStatus.IN_PROGRESS
    assert req.messages.last().from_requester


def test_a_requesters_reply_with_a_jmbg_is_refused_on_the_page(english):
    req = public_request()
    response = english.post(_thread_url(req), {"text": f"ЈМБГ {JMBG}"})
    assert response.status_code == 400 and req.messages.count() == 1


@pytest.mark.parametrize("rows", [5, 50])
def test_the_staff_list_takes_the_same_queries_at_5_and_50_rows(
    staff_client, django_assert_max_num_queries, rows
):
    inst = institution()
    for n in range(rows):
        public_request(inst, subject=f"Захтев {n}")
    # session, user, groups; the page's rows, their count; the filter form's advisers and
    # institutions; the dashboard panels' and the menu's few reads.
    with django_assert_max_num_queries(14):
        response = staff_client.get(reverse("support:requests"))
    assert response.status_code == 200


def test_the_staff_list_filters_by_status_and_overdue(staff_client, staff_user):
    late = public_request(subject="Закаснели захтев")
    SupportRequest.objects.filter(pk=late.pk).update(
        deadline=timezone.localdate() - dt.timedelta(days=1)
    )
    other = public_request(subject="Нормалан захтев")
    services.request_set_status(user=staff_user, request=other, status=RequestStatus.WAITING)
    page = staff_client.get(reverse("support:requests"), {"overdue": "on"}).content.decode()
    assert late.number in page and other.number not in page
    page = staff_client.get(reverse("support:requests"), {"status": "waiting"}).content.decode()
    assert other.number in page and late.number not in page


def test_the_staff_page_shows_the_thread_with_notes_and_its_forms(staff_client, staff_user):
    req = public_request()
    services.request_note(user=staff_user, request=req, text="Белешка за колеге.")
    page = staff_client.get(reverse("support:request", kwargs={"pk": req.pk})).content.decode()
    assert for_language("Белешка за колеге.", "en") in page and "Internal note" in page
    for name in ("request_reply", "request_note", "request_assign", "request_deadline"):
        assert reverse(f"support:{name}", kwargs={"pk": req.pk}) in page


def test_a_deadline_change_without_a_reason_is_refused_on_the_page(staff_client):
    req = public_request()
    new = (req.deadline + dt.timedelta(days=5)).isoformat()
    response = staff_client.post(
        reverse("support:request_deadline", kwargs={"pk": req.pk}),
        {"deadline-deadline": new, "deadline-reason": ""},
    )
    assert response.status_code == 400
    req.refresh_from_db()
    assert req.deadline.isoformat() != new


def test_a_reply_marks_the_request_answered_from_the_page(staff_client):
    req = public_request()
    response = staff_client.post(
        reverse("support:request_reply", kwargs={"pk": req.pk}),
        {"text": "Ево одговора.", "status": "answered"},
    )
    assert response.status_code == 302
    req.refresh_from_db()
    assert req.status == RequestStatus.ANSWERED and req.activities.count() == 1


def test_an_illegal_status_change_is_refused_with_a_message(staff_client, staff_user):
    req = public_request()
    services.request_close(user=staff_user, request=req)
    response = staff_client.post(
        reverse("support:request_status", kwargs={"pk": req.pk}), {"status-status": "in_progress"}
    )
    assert response.status_code == 400 and "closed" in response.content.decode()


def test_staff_register_a_letter_through_the_form(staff_client):
    inst = institution(name="Геронтолошки центар", kind="adult_home")
    page = staff_client.get(reverse("support:request_letter"))
    assert page.status_code == 200
    response = staff_client.post(
        reverse("support:request_letter"),
        {
            "institution": inst.pk,
            "channel": "letter",
            "letter_number": "02-55/2026",
            "letter_date": timezone.localdate().isoformat(),
            "letter_scan": SimpleUploadedFile("dopis.pdf", PDF),
            "requester_name": "Директорка",
            "subject": "Правно питање",
            "kind": "legal",
            "description": "Питање о пријему корисника.",
        },
    )
    req = SupportRequest.objects.get()
    assert response.status_code == 302 and response.url == req.get_absolute_url()
    assert req.letter_number == "02-55/2026" and req.channel == "letter"
    scan = staff_client.get(reverse("support:request_letter_scan", kwargs={"pk": req.pk}))
    assert scan.status_code == 200


@pytest.mark.parametrize("who", ["client", "plain_client"])
def test_staff_pages_are_refused_to_others(request, who):
    req = public_request()
    client = request.getfixturevalue(who)
    for url in (
        reverse("support:requests"),
        reverse("support:request", kwargs={"pk": req.pk}),
        reverse("support:request_letter"),
    ):
        assert client.get(url).status_code in (302, 403)
    response = client.post(
        reverse("support:request_reply", kwargs={"pk": req.pk}), {"text": "Упад"}
    )
    assert response.status_code in (302, 403) and req.messages.count() == 1


def test_replies_through_the_link_are_rate_limited(english, settings):
    settings.REGISTRATION_RATE_LIMIT = "1/m"
    req = public_request()
    codes = [english.post(_thread_url(req), {"text": f"Допуна {n}."}).status_code for n in range(2)]
    assert codes == [302, 429] and req.messages.count() == 2


def test_the_areas_public_page_leads_to_the_request_form(english):
    page = english.get(reverse("outreach:area", kwargs={"numeral": "i"})).content.decode()
    assert reverse("support_public:form") in page
