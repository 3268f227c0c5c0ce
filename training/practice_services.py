"""The one write path of the student practice: agreements with a faculty, their
students, each student's hours log and the mentor's confirmation, the certificate of
completed practice, and the area II activity the completed practice counts as.

The limits are guarded under locks, counted after the lock (pretix's quota check): a
student is added with the agreement row locked (two staff adding the last place at
once), an hour entry is added or confirmed with the student row locked (two entries at
once must not pass the agreement's hours or the day's eight), and the practice's
activity is made with the agreement locked (two completions at once make one)."""

from decimal import Decimal
from typing import Any

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.db.models import Max, Sum
from django.utils import timezone
from django.utils.formats import number_format
from django.utils.translation import gettext as _

from pzss.core.audit import audit_log, diff, snapshot
from pzss.core.extensions import activity_realises
from pzss.core.models import (
    Activity,
    ActivityKind,
    ActivityStatus,
    Area,
    Registration,
)
from pzss.core.services.activities import activity_create, activity_log_held, activity_update
from pzss.core.services.people import person_get_or_create
from pzss.documents.models import Document
from pzss.documents.services import document_request
from pzss.events.services.participants import participant_add
from pzss.lib.roles import is_director, is_staff_member
from pzss.lib.updates import model_update
from pzss.lib.uploads import check_upload
from training.models import (
    HoursEntry,
    PracticeAgreement,
    PracticeStatus,
    PracticeStudent,
)
from training.models.practice import MAX_HOURS_PER_DAY

PRACTICE_CERTIFICATE = "practice_certificate"
# The programme's goal the practice realises (2021: II 4, «Стручна пракса за студенте»).
PRACTICE_GOAL = "4."

AGREEMENT_FIELDS = [
    "faculty",
    "year",
    "max_students",
    "hours_per_student",
    "study_programme",
    "signed_on",
    "coordinator",
    "notes",
]


def _hours(value) -> str:
    """«90», «4,5»: whole hours without a decimal, half hours with one (localised)."""
    value = Decimal(value or 0)
    return number_format(value, decimal_pos=0 if value == value.to_integral() else 1)


def _require_staff(user) -> None:
    if not is_staff_member(user):
        raise PermissionDenied


def can_confirm(user, student: PracticeStudent) -> bool:
    """The student's mentor confirms the hours; the director and an administrator may
    too (a mentor on leave)."""
    return bool(
        user.is_authenticated
        and (user.pk == student.mentor_id or user.is_superuser or is_director(user))
    )


def _attach(agreement: PracticeAgreement, upload: UploadedFile, content_type: str) -> None:
    agreement.file_content_type = content_type
    agreement.file_name = upload.name[:255]
    agreement.file.save(upload.name, upload, save=False)


def _checked(upload: UploadedFile | None) -> str | None:
    """The upload's type, checked by its content before anything is written (a refused
    file stores nothing)."""
    if upload is None:
        return None
    return check_upload(upload, max_bytes=settings.UPLOAD_MAX_BYTES)


# --- agreements ------------------------------------------------------------------------------


@transaction.atomic
def agreement_create(
    *, user, data: dict[str, Any], upload: UploadedFile | None = None
) -> PracticeAgreement:
    _require_staff(user)
    agreement = PracticeAgreement(**data)
    agreement.full_clean()
    content_type = _checked(upload)
    if upload is not None:
        _attach(agreement, upload, content_type)
    agreement.save()
    audit_log(
        actor=user,
        action="practice_agreement_create",
        obj=agreement,
        changes={k: [None, v] for k, v in snapshot(agreement, AGREEMENT_FIELDS).items()},
    )
    return agreement


@transaction.atomic
def agreement_update(
    *,
    user,
    agreement: PracticeAgreement,
    data: dict[str, Any],
    upload: UploadedFile | None = None,
) -> PracticeAgreement:
    """Edit an agreement. Its places and hours cannot fall below what its students
    already hold (locked, so a student added meanwhile is counted)."""
    _require_staff(user)
    agreement = PracticeAgreement.objects.select_for_update().get(pk=agreement.pk)
    before = snapshot(agreement, AGREEMENT_FIELDS)
    students = agreement.students.holding_a_place()
    if "year" in data and data["year"] != agreement.year and agreement.students.exists():
        raise ValidationError({"year": _("An agreement with students keeps its year.")})
    if "faculty" in data and data["faculty"] != agreement.faculty and agreement.students.exists():
        raise ValidationError({"faculty": _("An agreement with students keeps its faculty.")})
    taken = students.count()
    if data.get("max_students") is not None and data["max_students"] < taken:
        raise ValidationError(
            {"max_students": _("%(n)s students are already in practice under it.") % {"n": taken}}
        )
    most = (
        HoursEntry.objects.filter(student__agreement=agreement)
        .values("student")
        .annotate(total=Sum("hours"))
        .aggregate(most=Max("total"))["most"]
    )
    if data.get("hours_per_student") is not None and most and data["hours_per_student"] < most:
        raise ValidationError(
            {
                "hours_per_student": _("A student already has %(hours)s hours logged.")
                % {"hours": _hours(most)}
            }
        )
    content_type = _checked(upload)
    model_update(instance=agreement, data=data, fields=AGREEMENT_FIELDS)
    if upload is not None:
        _attach(agreement, upload, content_type)
        agreement.save(update_fields=["file", "file_name", "file_content_type", "updated_at"])
    changes = diff(before, snapshot(agreement, AGREEMENT_FIELDS))
    if upload is not None:
        changes["file"] = [None, agreement.file_name]
    if changes:
        audit_log(actor=user, action="practice_agreement_update", obj=agreement, changes=changes)
    return agreement


# --- students --------------------------------------------------------------------------------


@transaction.atomic
def practice_student_add(
    *,
    user,
    agreement: PracticeAgreement,
    first_name: str,
    last_name: str,
    email: str,
    mentor,
    start_date,
) -> PracticeStudent:
    """A student of the faculty into one of the agreement's places: the directory's
    person of that e-mail (or name at the faculty), or a new one with the faculty as
    institution. Refused once the agreement's places are taken."""
    _require_staff(user)
    # Locked before the count: two staff adding the last place at once are one after
    # the other, and the second is refused.
    agreement = (
        PracticeAgreement.objects.select_for_update(of=("self",))
        .select_related("faculty")
        .get(pk=agreement.pk)
    )
    taken = agreement.students.holding_a_place().count()
    if taken >= agreement.max_students:
        raise ValidationError(
            _(
                "The agreement with %(faculty)s for %(year)s allows %(max)s students, and all "
                "places are taken."
            )
            % {"faculty": agreement.faculty, "year": agreement.year, "max": agreement.max_students}
        )
    if not is_staff_member(mentor):
        raise ValidationError({"mentor": _("The mentor is one of the institute's staff.")})
    if start_date is None or start_date.year != agreement.year:
        raise ValidationError(
            {
                "start_date": _("The practice starts within the agreement's year, %(year)s.")
                % {"year": agreement.year}
            }
        )
    if not (first_name or "").strip() or not (last_name or "").strip():
        raise ValidationError({"last_name": _("Enter the student's first and last name.")})
    person = person_get_or_create(
        email=email or "",
        first_name=first_name,
        last_name=last_name,
        institution=agreement.faculty,
        user=user,
    )
    if person.institution_id != agreement.faculty_id:
        raise ValidationError(
            {
                "email": _(
                    "%(name)s is in the directory as a member of %(institution)s, not a "
                    "student of %(faculty)s."
                )
                % {
                    "name": person.full_name,
                    "institution": person.institution,
                    "faculty": agreement.faculty,
                }
            }
        )
    if agreement.students.filter(person=person).exists():
        raise ValidationError(
            {"email": _("%(name)s is already a student of this agreement.") % {"name": person}}
        )
    student = PracticeStudent(
        agreement=agreement, person=person, mentor=mentor, start_date=start_date
    )
    student.full_clean(exclude=["agreement", "person"], validate_constraints=False)
    student.save()
    audit_log(
        actor=user,
        action="practice_student_add",
        obj=student,
        changes={"mentor": [None, str(mentor)], "start_date": [None, str(start_date)]},
        comment=str(agreement),
    )
    return student


def _locked_student(student: PracticeStudent) -> PracticeStudent:
    return (
        PracticeStudent.objects.select_for_update(of=("self",))
        .select_related("agreement__faculty", "person", "mentor")
        .get(pk=student.pk)
    )


@transaction.atomic
def practice_student_withdraw(*, user, student: PracticeStudent, reason: str) -> PracticeStudent:
    """A student who leaves the practice frees the place; the hours logged stay."""
    _require_staff(user)
    student = _locked_student(student)
    if student.status != PracticeStatus.ACTIVE:
        raise ValidationError(_("Only a student in practice can withdraw."))
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError({"reason": _("Say why the student leaves the practice.")})
    student.status = PracticeStatus.WITHDRAWN
    student.withdrawn_reason = reason
    student.save(update_fields=["status", "withdrawn_reason"])
    audit_log(
        actor=user,
        action="practice_student_withdraw",
        obj=student,
        changes={"status": [PracticeStatus.ACTIVE, PracticeStatus.WITHDRAWN]},
        comment=reason,
    )
    return student


# --- the hours log ---------------------------------------------------------------------------


@transaction.atomic
def hours_add(*, user, student: PracticeStudent, date, hours, description: str) -> HoursEntry:
    """One day's hours of a student. Refused past the agreement's hours (saying how many
    remain), past eight hours a day, on a date outside the agreement's year, before the
    student's start or in the future."""
    _require_staff(user)
    # Locked before the sums: two entries at once are added one after the other, and
    # the one that would pass the limit is refused.
    student = _locked_student(student)
    agreement = student.agreement
    if student.status != PracticeStatus.ACTIVE:
        raise ValidationError(
            _("%(name)s is not in practice (%(status)s): no hours are added.")
            % {"name": student.person, "status": student.get_status_display()}
        )
    entry = HoursEntry(
        student=student,
        date=date,
        hours=hours,
        description=(description or "").strip(),
        entered_by=user,
    )
    entry.full_clean(exclude=["student", "entered_by"])
    today = timezone.localdate()
    if date > today:
        raise ValidationError({"date": _("Hours are logged once worked, not in advance.")})
    if date.year != agreement.year:
        raise ValidationError(
            {
                "date": _("The date is outside the agreement's year, %(year)s.")
                % {"year": agreement.year}
            }
        )
    if date < student.start_date:
        raise ValidationError(
            {
                "date": _("The practice of %(name)s starts on %(start)s.")
                % {"name": student.person, "start": student.start_date.strftime("%d.%m.%Y.")}
            }
        )
    logged = student.hours.aggregate(total=Sum("hours"))["total"] or Decimal(0)
    remaining = agreement.hours_per_student - logged
    if hours > remaining:
        raise ValidationError(
            {
                "hours": _(
                    "The agreement allows %(allowed)s hours per student; %(name)s has "
                    "%(logged)s logged, so %(remaining)s remain."
                )
                % {
                    "allowed": _hours(agreement.hours_per_student),
                    "name": student.person,
                    "logged": _hours(logged),
                    "remaining": _hours(remaining),
                }
            }
        )
    that_day = student.hours.filter(date=date).aggregate(total=Sum("hours"))["total"] or 0
    if that_day + hours > MAX_HOURS_PER_DAY:
        raise ValidationError(
            {
                "hours": _(
                    "At most %(max)s hours a day: %(logged)s are already logged on %(date)s."
                )
                % {
                    "max": _hours(MAX_HOURS_PER_DAY),
                    "logged": _hours(that_day),
                    "date": date.strftime("%d.%m.%Y."),
                }
            }
        )
    entry.save()
    audit_log(
        actor=user,
        action="practice_hours_add",
        obj=student,
        changes={"hours": [None, str(hours)], "date": [None, str(date)]},
    )
    return entry


def _locked_entry(entry: HoursEntry) -> tuple[HoursEntry, PracticeStudent]:
    student = _locked_student(entry.student)
    return HoursEntry.objects.get(pk=entry.pk), student


@transaction.atomic
def hours_delete(*, user, entry: HoursEntry) -> None:
    """Take back an entry typed by mistake; a confirmed entry is locked."""
    _require_staff(user)
    entry, student = _locked_entry(entry)
    if entry.is_confirmed:
        raise ValidationError(_("A confirmed entry is locked: it cannot be removed."))
    audit_log(
        actor=user,
        action="practice_hours_delete",
        obj=student,
        changes={"hours": [str(entry.hours), None], "date": [str(entry.date), None]},
    )
    entry.delete()


@transaction.atomic
def hours_confirm(*, user, entry: HoursEntry) -> HoursEntry:
    """The mentor confirms an entry, which locks it. The confirmation that brings the
    student's confirmed hours to the agreement's completes the practice."""
    _require_staff(user)
    entry, student = _locked_entry(entry)
    if not can_confirm(user, student):
        raise PermissionDenied(_("Only the student's mentor confirms the hours."))
    if entry.is_confirmed:
        raise ValidationError(_("This entry is already confirmed."))
    entry.confirmed_by = user
    entry.confirmed_at = timezone.now()
    entry.save(update_fields=["confirmed_by", "confirmed_at"])
    audit_log(
        actor=user,
        action="practice_hours_confirm",
        obj=student,
        changes={"confirmed": [None, f"{entry.date:%d.%m.%Y.} {entry.hours}"]},
    )
    confirmed = student.hours.filter(confirmed_at__isnull=False).aggregate(t=Sum("hours"))["t"]
    if student.status == PracticeStatus.ACTIVE and confirmed >= student.agreement.hours_per_student:
        student.status = PracticeStatus.COMPLETED
        student.completed_at = timezone.now()
        student.save(update_fields=["status", "completed_at"])
        audit_log(
            actor=user,
            action="practice_student_complete",
            obj=student,
            changes={"status": [PracticeStatus.ACTIVE, PracticeStatus.COMPLETED]},
        )
        practice_activity_ensure(user=user, agreement=student.agreement)
    return entry


# --- the practice as an activity of the programme ---------------------------------------------


def practice_title(agreement: PracticeAgreement) -> str:
    """„Стручна пракса студената – Филозофски факултет, 2026.“"""
    faculty = agreement.faculty.short_name or agreement.faculty.name
    return f"Стручна пракса студената – {faculty}, {agreement.year}."[:300]


def _practice_outcome(agreement: PracticeAgreement, completed: int) -> str:
    return (
        f"Праксу у трајању од {_hours(agreement.hours_per_student)} радних сати завршило је "
        f"студената: {completed} (од највише {agreement.max_students} по споразуму). "
        "Сваки студент је имао ментора који је евидентирао и потврдио сате."
    )


@transaction.atomic
def practice_activity_ensure(*, user, agreement: PracticeAgreement) -> Activity | None:
    """The agreement's one held area II activity (kind student practice): made with the
    first student who completes the practice, each completed student its participant
    (the programme counts students as people at the held activity), its hours those each
    student works (the programme's «90 радних сати»), its mentors responsible. Counted
    towards the programme's goal II 4 through the core (`activity_realises`)."""
    # Locked: two completions at once must not make two activities for one agreement.
    agreement = (
        PracticeAgreement.objects.select_for_update(of=("self",))
        .select_related("faculty", "coordinator")
        .get(pk=agreement.pk)
    )
    completed = list(
        agreement.students.filter(status=PracticeStatus.COMPLETED).select_related(
            "person", "mentor"
        )
    )
    if not completed:
        return None
    last = HoursEntry.objects.filter(student__in=completed).aggregate(last=Max("date"))["last"]
    first = min(s.start_date for s in completed)
    responsible = [agreement.coordinator, *{s.mentor_id: s.mentor for s in completed}.values()]
    held = {
        "start_date": first,
        "end_date": max(last or first, first),
        "hours": agreement.hours_per_student,
        "outcome": _practice_outcome(agreement, len(completed)),
    }
    if agreement.activity_id is None:
        activity = activity_create(
            user=user,
            data={
                "area": Area.TRAINING,
                "kind": ActivityKind.STUDENT_PRACTICE,
                "title": practice_title(agreement),
                "description": agreement.study_programme,
                "status": ActivityStatus.HELD,
                **held,
            },
            institutions=[agreement.faculty],
            responsible=responsible,
        )
        agreement.activity = activity
        agreement.save(update_fields=["activity", "updated_at"])
    else:
        activity = agreement.activity
        activity_log_held(user=user, activity=activity, data=held)
        if set(activity.responsible.values_list("pk", flat=True)) != {u.pk for u in responsible}:
            activity_update(user=user, activity=activity, data={}, responsible=responsible)
    present = set(
        Registration.objects.filter(activity=activity).values_list("person_id", flat=True)
    )
    for student in completed:
        if student.person_id not in present:
            participant_add(user=user, activity=activity, person=student.person)
    # Asked again each time: a programme approved after the first completion still
    # counts the practice (linking twice changes nothing).
    activity_realises(user=user, activity=activity, goal=PRACTICE_GOAL)
    return activity


# --- the certificate --------------------------------------------------------------------------


def certificate_number(student: PracticeStudent) -> str:
    """„СП-2026-0012“: the year of the agreement and the student's record."""
    return f"СП-{student.agreement.year}-{student.pk:04d}"


@transaction.atomic
def practice_certificate_issue(*, user, student: PracticeStudent) -> Document:
    """Staff issue the certificate of completed practice once all the agreement's hours
    are confirmed; asking again gives the same document (re-rendered if its content
    changed)."""
    _require_staff(user)
    student = _locked_student(student)
    confirmed = student.hours.filter(confirmed_at__isnull=False).aggregate(t=Sum("hours"))["t"]
    needed = student.agreement.hours_per_student
    if student.status != PracticeStatus.COMPLETED or (confirmed or 0) < needed:
        raise ValidationError(
            _(
                "The certificate is issued once all %(needed)s hours are confirmed; "
                "%(confirmed)s are."
            )
            % {"needed": _hours(needed), "confirmed": _hours(confirmed)}
        )
    if not student.certificate_issued_at:
        student.certificate_number = certificate_number(student)
        student.certificate_issued_at = timezone.now()
        student.certificate_issued_by = user
        student.save(
            update_fields=["certificate_number", "certificate_issued_at", "certificate_issued_by"]
        )
        audit_log(
            actor=user,
            action="practice_certificate_issue",
            obj=student,
            changes={"certificate_number": [None, student.certificate_number]},
        )
    return document_request(kind=PRACTICE_CERTIFICATE, obj=student, language="sr", user=user)
