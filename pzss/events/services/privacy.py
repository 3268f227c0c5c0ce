"""Privacy: names and e-mails of past events' registrations are removed after a while."""

import datetime as dt
import logging

from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from pzss.core.models import Activity, AuditEntry, Person, Registration
from pzss.documents.models import Document
from pzss.events.documents import CERTIFICATE, SIGNIN_SHEET
from pzss.events.models import Certificate

log = logging.getLogger(__name__)

ANONYMOUS_NAME = "—"
# Actions of an activity's history whose comment is a participant's name.
NAMED_ACTIONS = ("participant_add", "participant_remove", "person_create")


def months_before(day: dt.date, months: int) -> dt.date:
    index = day.year * 12 + day.month - 1 - months
    year, month = divmod(index, 12)
    month += 1
    for d in (day.day, 30, 29, 28):
        try:
            return dt.date(year, month, min(d, day.day))
        except ValueError:
            continue
    raise AssertionError("unreachable")


@transaction.atomic
def registrations_anonymise(*, months: int, user=None) -> int:
    """Remove names and e-mails from the registrations of events that ended more than
    `months` months ago. The registrations stay (status, institution, position), so the
    counts of who came from where do not change; each gets a nameless person of its own.
    People nothing holds any more (no registration, no standing group, no other app's
    record) are removed from the directory.
    Certificates of those events keep their number and event but lose the holder's name.
    The audit trail of those registrations, and of the people removed, keeps what was done,
    by whom and when, but not the name it copied (its description and comment)."""
    if months < 1:
        raise ValueError("months must be at least 1")
    cutoff = months_before(timezone.localdate(), months)
    old = (
        Registration.objects.filter(
            Q(activity__end_date__lt=cutoff)
            | Q(activity__end_date__isnull=True, activity__start_date__lt=cutoff)
        )
        .exclude(anonymised_at__isnull=False)
        .select_related("person", "activity")
    )
    registration_type = ContentType.objects.get_for_model(Registration)
    now = timezone.now()
    people = set()
    activities = set()
    count = 0
    for registration in old:
        people.add(registration.person_id)
        activities.add(registration.activity_id)
        nameless = Person.objects.create(
            first_name=ANONYMOUS_NAME,
            last_name="",
            institution_id=registration.institution_id,
            position=registration.position,
        )
        registration.person = nameless
        registration.answers = {}
        registration.note = ""
        registration.anonymised_at = now
        registration.waitlist_reason = ""
        registration.decision_reason = ""
        registration.save(
            update_fields=[
                "person",
                "answers",
                "note",
                "anonymised_at",
                "waitlist_reason",
                "decision_reason",
                "updated_at",
            ]
        )
        # Entries copied the name into their description and often into the comment (a
        # reason for rejecting or moving someone): both go, the rest of the entry stays.
        AuditEntry.objects.filter(content_type=registration_type, object_id=registration.pk).update(
            object_repr=str(registration)[:300], comment=""
        )
        count += 1
    old_certificates = Certificate.objects.filter(
        Q(end_date__lt=cutoff) | Q(end_date__isnull=True, start_date__lt=cutoff)
    ).exclude(person_name="")
    certificate_ids = list(old_certificates.values_list("pk", flat=True))
    old_certificates.update(person_name="", institution_name="")
    # Rendered PDFs printed the names (and their titles name the holder): they go, and a
    # certificate asked for again is rendered from what it states now, without a name.
    _forget_documents(
        Document.objects.filter(
            kind=CERTIFICATE,
            content_type=ContentType.objects.get_for_model(Certificate),
            object_id__in=certificate_ids,
        )
        | Document.objects.filter(
            kind=SIGNIN_SHEET,
            content_type=ContentType.objects.get_for_model(Activity),
            object_id__in=activities,
        )
    )
    AuditEntry.objects.filter(
        content_type=ContentType.objects.get_for_model(Activity),
        object_id__in=activities,
        action__in=NAMED_ACTIONS,
    ).update(comment="")
    removed = _held_by_nothing(Person.objects.filter(pk__in=people))
    AuditEntry.objects.filter(
        content_type=ContentType.objects.get_for_model(Person),
        object_id__in=list(removed.values_list("pk", flat=True)),
    ).update(object_repr=ANONYMOUS_NAME, comment="")
    removed.delete()
    if count:
        log.info("Anonymised %d registrations of events before %s", count, cutoff)
    return count


def _held_by_nothing(people):
    """The people no row of any app points at any more (a registration, a standing
    group, a training held elsewhere, a student's practice, a consultation…): only those
    may leave the directory, or their records would go with them. Read from the model's
    relations, so an app that keeps people needs no word here."""
    for relation in Person._meta.related_objects:
        people = people.filter(**{f"{relation.field.related_query_name()}__isnull": True})
    return people


def _forget_documents(documents) -> None:
    """Delete these rendered documents and, once the deletion is committed, their files."""
    files = [(d.file.storage, d.file.name) for d in documents if d.file]
    documents.delete()
    transaction.on_commit(lambda: [storage.delete(name) for storage, name in files])
