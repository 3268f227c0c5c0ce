"""Writes of the case conferences: each is an area I activity of kind case_conference
(made and edited through the core's activity service) with the centre, the question put
to the institute, its contribution and the outcome — never the family's personal data
(a text with a ЈМБГ is refused here, whatever the form let through)."""

import datetime

from django.db import transaction
from django.utils import timezone

from pzss.core.audit import audit_log, diff, snapshot
from pzss.core.extensions import activity_realises
from pzss.core.models import Activity, ActivityKind, ActivityStatus, Area, Institution
from pzss.core.services.activities import activity_create, activity_log_held, activity_update
from pzss.lib.personal_data import refuse_jmbg
from support.models import CaseConference

TEXT_FIELDS = ("question", "contribution", "outcome")
# A case conference the institute took part in realises the programme's goal „1.“ (its
# target of taking part in the centres' case conferences).
CASE_GOAL = "1."


def _held_when_past(user, activity: Activity) -> Activity:
    """A conference whose date has come is one the institute took part in: logged held
    (once) and counted towards goal „1.“; a future one stays planned."""
    if activity.status in (ActivityStatus.PLANNED, ActivityStatus.SCHEDULED) and (
        activity.start_date <= timezone.localdate()
    ):
        activity = activity_log_held(user=user, activity=activity, data={})
        activity_realises(user=user, activity=activity, goal=CASE_GOAL)
    return activity


def _check(texts: dict) -> None:
    for name in TEXT_FIELDS:
        refuse_jmbg(texts.get(name) or "")


@transaction.atomic
def case_conference_create(
    *,
    user,
    institution: Institution,
    date: datetime.date,
    question: str,
    contribution: str = "",
    outcome: str = "",
) -> CaseConference:
    texts = {"question": question, "contribution": contribution, "outcome": outcome}
    _check(texts)
    activity = activity_create(
        user=user,
        data={
            "area": Area.SUPPORT,
            "kind": ActivityKind.CASE_CONFERENCE,
            "title": f"{ActivityKind.CASE_CONFERENCE.label}: {institution.name}"[:300],
            "start_date": date,
            "status": ActivityStatus.PLANNED,
        },
        institutions=[institution],
    )
    case = CaseConference(
        activity=activity, institution=institution, **{k: v.strip() for k, v in texts.items()}
    )
    case.full_clean()
    case.save()
    audit_log(
        actor=user,
        action="case_conference_create",
        obj=case,
        changes={k: [None, v] for k, v in snapshot(case, list(TEXT_FIELDS)).items()},
    )
    case.activity = _held_when_past(user, activity)
    return case


@transaction.atomic
def case_conference_update(
    *,
    user,
    case: CaseConference,
    institution: Institution,
    date: datetime.date,
    question: str,
    contribution: str = "",
    outcome: str = "",
) -> CaseConference:
    texts = {"question": question, "contribution": contribution, "outcome": outcome}
    _check(texts)
    case = CaseConference.objects.select_for_update().select_related("activity").get(pk=case.pk)
    before = snapshot(case, list(TEXT_FIELDS))
    activity = activity_update(
        user=user,
        activity=case.activity,
        data={"start_date": date},
        institutions=[institution],
    )
    case.institution = institution
    for key, value in texts.items():
        setattr(case, key, value.strip())
    case.full_clean()
    case.save()
    changes = diff(before, snapshot(case, list(TEXT_FIELDS)))
    if changes:
        audit_log(actor=user, action="case_conference_update", obj=case, changes=changes)
    case.activity = _held_when_past(user, activity)
    return case
