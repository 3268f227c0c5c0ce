"""The support requests of the demo, made as staff and requesters would, through the
services: twelve requests from centres, homes and local providers in every state — one
overdue, one soon due, one registered from a letter with its (small) PDF scan, one with
an internal note and a moved deadline, answered ones counted by their activities. Safe
to run twice: the demo's requests are known by their subjects, and what exists is kept."""

import datetime as dt

from django.contrib.auth import get_user_model
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import transaction
from django.utils import timezone

from pzss.core.models import Institution
from pzss.lib.roles import DIRECTOR, STAFF
from support import request_services as services
from support.models import RequestStatus, SupportRequest

# A one-page PDF: "Допис" is no service user's data; small enough to load in no time.
LETTER_PDF = (
    b"%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n"
    b"2 0 obj<</Type/Pages/Kids[3 0 R]/Count 1>>endobj\n"
    b"3 0 obj<</Type/Page/Parent 2 0 R/MediaBox[0 0 595 842]>>endobj\n"
    b"trailer<</Root 1 0 R>>\n%%EOF\n"
)

# (institution kind, subject, kind of help, final status, days ago received, extras)
REQUESTS = [
    ("csw", "Процена у поступку за хранитељство", "case", "received", 1, {}),
    ("csw", "Примена нових стандарда у раду водитеља случаја", "area", "in_progress", 6, {}),
    ("csw", "Супервизијска подршка новим супервизорима", "supervision", "waiting", 10, {}),
    ("csw", "Правно питање о старатељству над одраслим лицем", "legal", "answered", 12, {}),
    ("children_home", "Индивидуални план услуге за младе у смештају", "case", "answered", 20, {}),
    ("adult_home", "Пријемна процена корисника у дому", "area", "closed", 40, {}),
    (
        "local_provider",
        "Стандарди услуге дневног боравка",
        "area",
        "in_progress",
        25,
        {"late": True},
    ),
    ("csw", "Сарадња са школама у случајевима насиља", "other", "in_progress", 13, {"soon": True}),
    ("adult_home", "Документација о пријему и отпусту", "legal", "received", 3, {"letter": True}),
    (
        "children_home",
        "Рад са породицом пре повратка детета",
        "case",
        "in_progress",
        8,
        {"note": True},
    ),
    ("private_home", "Услови за лиценцирање приватног дома", "legal", "closed", 60, {}),
    ("local_provider", "Планирање услуге помоћ у кући", "other", "waiting", 5, {}),
]


def _staff() -> list:
    users = get_user_model().objects.filter(is_active=True)
    advisers = list(users.filter(groups__name=STAFF).distinct().order_by("username"))
    return advisers or list(users.filter(groups__name=DIRECTOR).distinct().order_by("username"))


def _institution(kind: str, n: int) -> Institution | None:
    """An institution of `kind`, or a centre for social work where the directory has none
    of that kind (the reference data lists the centres and the children's homes)."""
    for wanted in (kind, "csw"):
        found = list(
            Institution.objects.filter(kind=wanted, is_active=True).order_by("name")[: n + 1]
        )
        if found:
            return found[n % len(found)]
    return None


def _one(n: int, row: tuple, adviser) -> bool:
    kind_of_inst, subject, kind, final, days_ago, extra = row
    if SupportRequest.objects.filter(subject=subject).exists():
        return False
    institution = _institution(kind_of_inst, n)
    if institution is None:
        return False
    today = timezone.localdate()
    if extra.get("letter"):
        req = services.request_register_letter(
            user=adviser,
            institution=institution,
            requester_name="Директор установе",
            letter_number=f"01-{100 + n}/{today.year}",
            letter_date=today - dt.timedelta(days=days_ago),
            letter_scan=SimpleUploadedFile("dopis.pdf", LETTER_PDF, content_type="application/pdf"),
            subject=subject,
            kind=kind,
            description="Установа писмом тражи стручну подршку у вођењу документације.",
            adviser=adviser,
        )
    else:
        req = services.request_submit_public(
            institution=institution,
            requester_name="Стручна радница установе",
            requester_email=f"zahtev{n}@example.rs",
            subject=subject,
            kind=kind,
            description=(
                "Молимо стручну подршку Завода; питање описујемо без података о корисницима."
            ),
        )
        # Received some days ago, as the demo's story has it.
        received_at = timezone.now() - dt.timedelta(days=days_ago)
        SupportRequest.objects.filter(pk=req.pk).update(
            received_at=received_at,
            deadline=req.deadline - dt.timedelta(days=days_ago),
        )
        req.messages.update(created_at=received_at)
        req.refresh_from_db()
    services.request_assign(user=adviser, request=req, adviser=adviser)
    if extra.get("late"):
        SupportRequest.objects.filter(pk=req.pk).update(deadline=today - dt.timedelta(days=2))
    if extra.get("soon"):
        SupportRequest.objects.filter(pk=req.pk).update(deadline=today + dt.timedelta(days=2))
    req.refresh_from_db()
    if final == "received":
        return True
    if extra.get("note"):
        services.request_note(
            user=adviser, request=req, text="Договорити се са колегиницом из области II."
        )
        services.request_change_deadline(
            user=adviser,
            request=req,
            deadline=req.deadline + dt.timedelta(days=10),
            reason="Установа ће доставити допуну документације.",
        )
    if final == "waiting":
        services.request_reply(
            user=adviser,
            request=req,
            text="Молимо да доставите опис досадашњег рада и тражене податке.",
            status=RequestStatus.WAITING,
        )
        return True
    services.request_reply(user=adviser, request=req, text="Започели смо рад на вашем захтеву.")
    if final == "in_progress":
        return True
    services.request_reply(
        user=adviser,
        request=req,
        text="Достављамо стручно мишљење и препоруке за даљи рад.",
        status=RequestStatus.ANSWERED,
    )
    if final == "closed":
        services.request_close(user=adviser, request=req)
    return True


def load_requests_demo() -> str:
    """Twelve support requests in every state; nothing again on a second run."""
    staff = _staff()
    if not staff:
        return "Support requests: no staff account to answer the demo's requests."
    made = 0
    with transaction.atomic():
        for n, row in enumerate(REQUESTS):
            made += _one(n, row, staff[n % len(staff)])
    return f"Support requests: {made} made, {len(REQUESTS) - made} kept or skipped."
