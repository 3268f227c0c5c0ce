"""The one write path of support requests (programme 2021, I: support on written request).

A request comes from the public form (`request_submit_public`) or from a letter that staff
register (`request_register_letter`); the adviser is assigned, the status moves along
`TRANSITIONS`, the thread grows by replies (to and from the requester) and internal
notes, the deadline moves only with a reason, and the request counts towards the
programme by the activity that answered it (`request_answer_count`)."""

import datetime as dt

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from pzss.core.audit import audit_log
from pzss.core.extensions import activity_realises
from pzss.core.models import Activity, ActivityKind, ActivityStatus, Area, Institution
from pzss.core.services.activities import activity_create, activity_log_held
from pzss.lib.personal_data import refuse_jmbg
from pzss.lib.roles import is_staff_member
from pzss.lib.signed_links import new_token
from pzss.lib.uploads import check_upload
from support.models import (
    DeadlineChange,
    RequestChannel,
    RequestFile,
    RequestMessage,
    RequestStatus,
    SupportRequest,
)
from support.models.requests import default_deadline
from support.request_tasks import send_request_email

MAX_FILE_BYTES = 10 * 1024 * 1024
MAX_FILES = 5

# Which status may follow which. Answered is reached only with a reply to the requester
# in the thread; closed is final (a new question is a new request).
TRANSITIONS: dict[str, frozenset[str]] = {
    RequestStatus.RECEIVED: frozenset(
        {
            RequestStatus.IN_PROGRESS,
            RequestStatus.WAITING,
            RequestStatus.ANSWERED,
            RequestStatus.CLOSED,
        }
    ),
    RequestStatus.IN_PROGRESS: frozenset(
        {RequestStatus.WAITING, RequestStatus.ANSWERED, RequestStatus.CLOSED}
    ),
    RequestStatus.WAITING: frozenset(
        {RequestStatus.IN_PROGRESS, RequestStatus.ANSWERED, RequestStatus.CLOSED}
    ),
    RequestStatus.ANSWERED: frozenset({RequestStatus.IN_PROGRESS, RequestStatus.CLOSED}),
    RequestStatus.CLOSED: frozenset(),
}

# The programme's goal of area I that a request from an institution of this kind realises
# (2021: «1. Стручна подршка центрима за социјални рад», «2.1. … деце и младих», «2.2. …
# одрасле и старије», «3. … локалним пружаоцима»). The foster-care centres are supported
# with the centres for social work (their lawyers' groups, «1.»).
GOAL_OF_KIND: dict[str, str] = {
    "csw": "1.",
    "foster": "1.",
    "children_home": "2.1.",
    "adult_home": "2.2.",
    "private_home": "2.2.",
    "local_provider": "3.",
}


# --- helpers ---------------------------------------------------------------------------


def _require_staff(user) -> None:
    if not is_staff_member(user):
        raise ValidationError(_("Only the institute's staff may do this."))


def _locked(request: SupportRequest) -> SupportRequest:
    return SupportRequest.objects.select_for_update().get(pk=request.pk)


def _clean_text(text: str, field: str) -> str:
    text = (text or "").strip()
    try:
        refuse_jmbg(text)
    except ValidationError as exc:
        raise ValidationError({field: exc.messages}) from exc
    return text


def _next_number(year: int) -> str:
    """„ЗП-2026-0001“: the year's next number. Called under the lock of the year's last
    request (or alone when it is the year's first, guarded by the unique number)."""
    prefix = f"ЗП-{year}-"
    # PostgreSQL refuses FOR UPDATE with an aggregate: lock the last row itself.
    last = (
        SupportRequest.objects.select_for_update()
        .filter(number__startswith=prefix)
        .order_by("-number")
        .values_list("number", flat=True)
        .first()
    )
    n = int(last.rsplit("-", 1)[1]) + 1 if last else 1
    return f"{prefix}{n:04d}"


def _check_institution(institution) -> Institution:
    if (
        institution is None
        or not Institution.objects.filter(
            pk=getattr(institution, "pk", None), is_active=True
        ).exists()
    ):
        raise ValidationError({"institution": _("Choose your institution from the directory.")})
    return institution


def _check_deadline(deadline: dt.date, received: dt.date) -> None:
    if deadline < received:
        raise ValidationError(
            {
                "deadline": _("The deadline %(deadline)s is before the request's date %(date)s.")
                % {
                    "deadline": deadline.strftime("%d.%m.%Y."),
                    "date": received.strftime("%d.%m.%Y."),
                }
            }
        )


def _attach(message: RequestMessage, files) -> list[RequestFile]:
    files = list(files or [])
    if len(files) > MAX_FILES:
        raise ValidationError({"files": _("At most %(n)s files at once.") % {"n": MAX_FILES}})
    out = []
    for upload in files:
        try:
            content_type = check_upload(upload, max_bytes=MAX_FILE_BYTES)
        except ValidationError as exc:
            raise ValidationError({"files": exc.messages}) from exc
        out.append(
            RequestFile.objects.create(
                message=message,
                file=upload,
                name=(upload.name or "file")[:255],
                size=upload.size,
                content_type=content_type,
            )
        )
    return out


def _create(*, user, data: dict, received_at, first_text: str, files=()) -> SupportRequest:
    received = timezone.localdate(received_at)
    deadline = data.pop("deadline", None) or default_deadline(data["kind"], received)
    _check_deadline(deadline, received)
    request = SupportRequest(
        number=_next_number(received.year),
        token=new_token(),
        received_at=received_at,
        deadline=deadline,
        **data,
    )
    request.full_clean()
    request.save()
    message = RequestMessage.objects.create(
        request=request, author=None, text=first_text, created_at=received_at
    )
    _attach(message, files)
    audit_log(
        actor=user,
        action="support_request_create",
        obj=request,
        changes={"number": [None, request.number], "channel": [None, request.channel]},
    )
    return request


# --- coming in -------------------------------------------------------------------------


@transaction.atomic
def request_submit_public(
    *,
    institution,
    requester_name: str,
    requester_email: str,
    requester_phone: str = "",
    subject: str,
    kind: str,
    description: str,
    deadline: dt.date | None = None,
    files=(),
) -> SupportRequest:
    """A request from the public form: no account, the requester gets the signed link to
    follow it by e-mail."""
    _check_institution(institution)
    if not (requester_email or "").strip():
        raise ValidationError({"requester_email": _("Give an e-mail address for the answer.")})
    subject = _clean_text(subject, "subject")
    description = _clean_text(description, "description")
    request = _create(
        user=None,
        data={
            "institution": institution,
            "requester_name": requester_name.strip(),
            "requester_email": requester_email.strip(),
            "requester_phone": (requester_phone or "").strip(),
            "channel": RequestChannel.PUBLIC_FORM,
            "subject": subject,
            "description": description,
            "kind": kind,
            "deadline": deadline,
        },
        received_at=timezone.now(),
        first_text=description,
        files=files,
    )
    send_request_email.delay(request.pk, "received")
    return request


@transaction.atomic
def request_register_letter(
    *,
    user,
    institution,
    requester_name: str,
    requester_email: str = "",
    requester_phone: str = "",
    letter_number: str,
    letter_date: dt.date,
    letter_scan=None,
    subject: str,
    kind: str,
    description: str,
    channel: str = RequestChannel.LETTER,
    deadline: dt.date | None = None,
    adviser=None,
) -> SupportRequest:
    """A request that came by letter (or e-mail, phone), registered by staff: the letter's
    number and date and its scan are kept; its date is the request's date, from which the
    deadline runs."""
    _require_staff(user)
    _check_institution(institution)
    if channel == RequestChannel.PUBLIC_FORM:
        raise ValidationError(
            {"channel": _("Requests from the public form are not registered by hand.")}
        )
    if channel == RequestChannel.LETTER and not (letter_number or "").strip():
        raise ValidationError({"letter_number": _("Give the letter's number.")})
    if letter_date is None:
        raise ValidationError({"letter_date": _("Give the date the request was sent.")})
    if letter_date > timezone.localdate():
        raise ValidationError({"letter_date": _("The letter's date cannot be in the future.")})
    if letter_scan:
        try:
            check_upload(letter_scan, max_bytes=MAX_FILE_BYTES)
        except ValidationError as exc:
            raise ValidationError({"letter_scan": exc.messages}) from exc
    subject = _clean_text(subject, "subject")
    description = _clean_text(description, "description")
    received_at = timezone.make_aware(dt.datetime.combine(letter_date, dt.time(9, 0)))
    request = _create(
        user=user,
        data={
            "institution": institution,
            "requester_name": requester_name.strip(),
            "requester_email": (requester_email or "").strip(),
            "requester_phone": (requester_phone or "").strip(),
            "channel": channel,
            "letter_number": (letter_number or "").strip(),
            "letter_date": letter_date,
            "letter_scan": letter_scan or "",
            "subject": subject,
            "description": description,
            "kind": kind,
            "deadline": deadline,
            "adviser": adviser,
        },
        received_at=received_at,
        first_text=description,
    )
    if request.requester_email:
        send_request_email.delay(request.pk, "received")
    if adviser is not None:
        send_request_email.delay(request.pk, "assigned")
    return request


# --- the work --------------------------------------------------------------------------


@transaction.atomic
def request_assign(*, user, request: SupportRequest, adviser) -> SupportRequest:
    _require_staff(user)
    request = _locked(request)
    if request.status == RequestStatus.CLOSED:
        raise ValidationError(_("A closed request is not assigned any more."))
    if adviser is None or not is_staff_member(adviser):
        raise ValidationError(
            {"adviser": _("The responsible adviser must be on the institute's staff.")}
        )
    if request.adviser_id == adviser.pk:
        return request
    before = str(request.adviser) if request.adviser_id else None
    request.adviser = adviser
    request.save(update_fields=["adviser"])
    audit_log(
        actor=user,
        action="support_request_assign",
        obj=request,
        changes={"adviser": [before, str(adviser)]},
    )
    if adviser.pk != user.pk:
        send_request_email.delay(request.pk, "assigned")
    return request


def _set_status(*, user, request: SupportRequest, status: str) -> None:
    """Move a locked request to `status`, refusing what the state machine does not allow."""
    if status not in RequestStatus.values:
        raise ValidationError({"status": _("Unknown status.")})
    if status == request.status:
        return
    if status not in TRANSITIONS[request.status]:
        if request.status == RequestStatus.CLOSED:
            raise ValidationError(
                {"status": _("The request is closed; a new question is a new request.")}
            )
        raise ValidationError(
            {
                "status": _("A request that is “%(old)s” cannot become “%(new)s”.")
                % {
                    "old": RequestStatus(request.status).label,
                    "new": RequestStatus(status).label,
                }
            }
        )
    if (
        status == RequestStatus.ANSWERED
        and not request.messages.filter(internal=False, author__isnull=False).exists()
    ):
        raise ValidationError(
            {"status": _("A request is answered by a reply to the requester: write one first.")}
        )
    old = request.status
    request.status = status
    fields = ["status"]
    now = timezone.now()
    if status == RequestStatus.ANSWERED:
        request.answered_at = now
        fields.append("answered_at")
    if status == RequestStatus.CLOSED:
        request.closed_at = now
        fields.append("closed_at")
    request.save(update_fields=fields)
    audit_log(
        actor=user, action="support_request_status", obj=request, changes={"status": [old, status]}
    )
    if status == RequestStatus.ANSWERED:
        request_answer_count(user=user, request=request)


@transaction.atomic
def request_set_status(*, user, request: SupportRequest, status: str) -> SupportRequest:
    _require_staff(user)
    request = _locked(request)
    _set_status(user=user, request=request, status=status)
    return request


@transaction.atomic
def request_close(*, user, request: SupportRequest) -> SupportRequest:
    return request_set_status(user=user, request=request, status=RequestStatus.CLOSED)


@transaction.atomic
def request_reply(
    *, user, request: SupportRequest, text: str, files=(), status: str | None = None
) -> RequestMessage:
    """Staff's reply to the requester: in the thread, e-mailed to them with their link.
    `status` moves the request on at once (e.g. answered, or waiting for the institution);
    without it, a received request goes in progress."""
    _require_staff(user)
    request = _locked(request)
    if request.status == RequestStatus.CLOSED:
        raise ValidationError(_("The request is closed; a new question is a new request."))
    text = _clean_text(text, "text")
    if not text:
        raise ValidationError({"text": _("Write the reply.")})
    message = RequestMessage.objects.create(request=request, author=user, text=text)
    _attach(message, files)
    audit_log(actor=user, action="support_request_reply", obj=request)
    if status is None and request.status == RequestStatus.RECEIVED:
        status = RequestStatus.IN_PROGRESS
    if status:
        _set_status(user=user, request=request, status=status)
    if request.requester_email:
        send_request_email.delay(message.pk, "reply")
    return message


@transaction.atomic
def request_note(*, user, request: SupportRequest, text: str, files=()) -> RequestMessage:
    """An internal note in the thread: never shown to the requester, never e-mailed."""
    _require_staff(user)
    request = _locked(request)
    text = _clean_text(text, "text")
    if not text:
        raise ValidationError({"text": _("Write the note.")})
    message = RequestMessage.objects.create(request=request, author=user, text=text, internal=True)
    _attach(message, files)
    audit_log(actor=user, action="support_request_note", obj=request)
    return message


@transaction.atomic
def request_requester_reply(*, request: SupportRequest, text: str, files=()) -> RequestMessage:
    """The requester's answer through their link: the adviser is e-mailed; a request that
    waited for the institution, or was answered, is back in progress."""
    request = _locked(request)
    if request.status == RequestStatus.CLOSED:
        raise ValidationError(_("The request is closed; for a new question send a new request."))
    text = _clean_text(text, "text")
    if not text:
        raise ValidationError({"text": _("Write your answer.")})
    message = RequestMessage.objects.create(request=request, author=None, text=text)
    _attach(message, files)
    audit_log(actor=None, action="support_request_requester_reply", obj=request)
    if request.status in (RequestStatus.WAITING, RequestStatus.ANSWERED):
        _set_status(user=None, request=request, status=RequestStatus.IN_PROGRESS)
    send_request_email.delay(message.pk, "requester_reply")
    return message


@transaction.atomic
def request_change_deadline(
    *, user, request: SupportRequest, deadline: dt.date, reason: str
) -> DeadlineChange:
    _require_staff(user)
    request = _locked(request)
    if not request.is_open:
        raise ValidationError(_("The deadline of an answered or closed request stays as it was."))
    reason = _clean_text(reason, "reason")
    if not reason:
        raise ValidationError({"reason": _("Say why the deadline changes.")})
    if deadline is None:
        raise ValidationError({"deadline": _("Give the new deadline.")})
    _check_deadline(deadline, request.received_date)
    if deadline == request.deadline:
        raise ValidationError({"deadline": _("The new deadline is the same as the old one.")})
    change = DeadlineChange(
        request=request,
        old_deadline=request.deadline,
        new_deadline=deadline,
        reason=reason,
        changed_by=user,
    )
    change.full_clean()
    change.save()
    request.deadline = deadline
    request.save(update_fields=["deadline"])
    audit_log(
        actor=user,
        action="support_request_deadline",
        obj=request,
        changes={"deadline": [change.old_deadline.isoformat(), deadline.isoformat()]},
        comment=reason,
    )
    return change


# --- what answered it, and how it counts -----------------------------------------------


@transaction.atomic
def request_link_activity(*, user, request: SupportRequest, activity: Activity) -> SupportRequest:
    """An existing activity of area I answered (part of) the request."""
    _require_staff(user)
    request = _locked(request)
    if activity.area != Area.SUPPORT:
        raise ValidationError({"activity": _("Only an activity of area I can answer a request.")})
    if activity.status == ActivityStatus.CANCELLED:
        raise ValidationError({"activity": _("A cancelled activity answered nothing.")})
    request.activities.add(activity)
    audit_log(
        actor=user,
        action="support_request_activity",
        obj=request,
        changes={"activities": [None, activity.title]},
    )
    if request.status in (RequestStatus.ANSWERED, RequestStatus.CLOSED) and request.answered_at:
        _realise(user=user, request=request, activity=activity)
    return request


def activity_title(request: SupportRequest) -> str:
    return _("Expert support on request %(number)s: %(subject)s") % {
        "number": request.number,
        "subject": request.subject,
    }


@transaction.atomic
def request_create_activity(*, user, request: SupportRequest) -> Activity:
    """A new activity of area I („стручна подршка по захтеву“) that answers the request,
    covering its institution; held once the request is answered."""
    _require_staff(user)
    request = _locked(request)
    today = timezone.localdate()
    answered = request.status in (RequestStatus.ANSWERED, RequestStatus.CLOSED)
    activity = activity_create(
        user=user,
        data={
            "area": Area.SUPPORT,
            "kind": ActivityKind.SUPPORT_REQUEST,
            "title": activity_title(request)[:300],
            "description": "",
            "start_date": timezone.localdate(request.answered_at) if answered else today,
            "status": ActivityStatus.HELD if answered else ActivityStatus.PLANNED,
        },
        institutions=[request.institution],
        responsible=[request.adviser or user],
    )
    request.activities.add(activity)
    audit_log(
        actor=user,
        action="support_request_activity",
        obj=request,
        changes={"activities": [None, activity.title]},
    )
    if answered:
        _realise(user=user, request=request, activity=activity)
    return activity


def _realise(*, user, request: SupportRequest, activity: Activity) -> int:
    goal = GOAL_OF_KIND.get(request.institution.kind)
    if goal is None:
        return 0
    return activity_realises(user=user, activity=activity, goal=goal)


def request_answer_count(*, user, request: SupportRequest) -> list[Activity]:
    """On answering: each answering activity (one made when there is none: area I,
    „стручна подршка по захтеву“, held, covering the institution) is held and realises
    the programme's goal for the institution's kind. Linking again changes nothing."""
    activities = list(request.activities.all())
    answered_on = timezone.localdate(request.answered_at or timezone.now())
    if not activities:
        activity = activity_create(
            user=user,
            data={
                "area": Area.SUPPORT,
                "kind": ActivityKind.SUPPORT_REQUEST,
                "title": activity_title(request)[:300],
                "description": "",
                "start_date": answered_on,
                "status": ActivityStatus.HELD,
            },
            institutions=[request.institution],
            responsible=[request.adviser] if request.adviser_id else [],
        )
        request.activities.add(activity)
        activities = [activity]
    for activity in activities:
        if (
            activity.status == ActivityStatus.PLANNED
            and activity.start_date <= timezone.localdate()
        ):
            activity = activity_log_held(user=user, activity=activity, data={})
        if request.institution_id not in set(activity.institutions.values_list("pk", flat=True)):
            activity.institutions.add(request.institution)
        _realise(user=user, request=request, activity=activity)
    return activities
