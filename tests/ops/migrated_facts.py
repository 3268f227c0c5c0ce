"""Run in a subprocess against a migrated database (DATABASE_URL): prints, as JSON, what
the forward-migration test compares with tests/fixtures/pre-house/expected.json."""

import json
import os

import django

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "pzss.settings")
django.setup()

from django.contrib.contenttypes.models import ContentType  # noqa: E402
from django.db.models import Count  # noqa: E402

from pzss.core.models import (  # noqa: E402
    WAITLIST_ORDERING,
    Activity,
    AuditEntry,
    Person,
    Registration,
    RegistrationStatus,
)
from pzss.documents.models import Document  # noqa: E402
from pzss.events.models import Attendance, Certificate, EventSignup, SignupQuestion  # noqa: E402

FIELDS = [
    "waitlist_rank",
    "waitlist_reason",
    "decision_reason",
    "decided_at",
    "cancelled_at",
    "promoted_at",
    "reminder_sent_at",
    "anonymised_at",
]


def _plain(value):
    return value.isoformat() if hasattr(value, "isoformat") else value


def _label(ct_id: int) -> str:
    ct = ContentType.objects.get_for_id(ct_id)
    return f"{ct.app_label}.{ct.model}"


registrations = {
    str(r.pk): {
        **{name: _plain(getattr(r, name)) for name in FIELDS},
        "status": r.status,
        "created_at": r.created_at.isoformat(),
        "activity_id": r.activity_id,
    }
    for r in Registration.objects.all()
}
waiting_lists = {}
for r in Registration.objects.filter(status=RegistrationStatus.WAITLISTED).order_by(
    "activity_id", *WAITLIST_ORDERING
):
    waiting_lists.setdefault(str(r.activity_id), []).append(r.pk)
documents = {}
for d in Document.objects.all():
    documents[str(d.pk)] = {
        "kind": d.kind,
        "content_type": _label(d.content_type_id),
        "object_id": d.object_id,
        "status": d.status,
        "checksum": d.checksum,
        "subject_found": d.subject is not None,
    }
print(
    json.dumps(
        {
            "counts": {
                "core_registration": Registration.objects.count(),
                "core_eventsignup": EventSignup.objects.count(),
                "core_eventsignup_admitted_groups": (
                    EventSignup.admitted_groups.through.objects.count()
                ),
                "core_signupquestion": SignupQuestion.objects.count(),
                "core_attendance": Attendance.objects.count(),
                "core_certificate": Certificate.objects.count(),
                "core_document": Document.objects.count(),
                "core_activity": Activity.objects.count(),
                "core_person": Person.objects.count(),
                "core_auditentry": AuditEntry.objects.count(),
                "answers": Registration.objects.exclude(answers={}).count(),
            },
            "audit_by_subject": {
                _label(row["content_type"]): row["n"]
                for row in AuditEntry.objects.values("content_type").annotate(n=Count("id"))
            },
            "registrations": registrations,
            "waiting_lists": waiting_lists,
            "documents": documents,
            "certificates": {
                str(c.pk): {
                    "number": c.number,
                    "code": c.code,
                    "registration_id": c.registration_id,
                    "registration_found": c.registration is not None,
                }
                for c in Certificate.objects.select_related("registration")
            },
        }
    )
)
