"""Writes of the projects: the project's card, and its activities — area I activities
made through the core's activity service and linked to the project. A project's
activity logged held counts towards the programme's goal „4.1“ (cooperation at the
international, interregional and intersectoral level: the Interreg-IPA project)."""

from typing import Any

from django.db import transaction

from pzss.core.audit import audit_log, diff, snapshot
from pzss.core.extensions import activity_realises
from pzss.core.models import Activity, ActivityStatus, Area, Institution
from pzss.core.services.activities import activity_create, activity_log_held
from pzss.lib.personal_data import refuse_jmbg
from support.models import Project

PROJECT_GOAL = "4.1"
FIELDS = [
    "name",
    "acronym",
    "funder",
    "other_partners",
    "lead_partner",
    "start",
    "end",
    "budget",
    "role",
    "description",
    "outputs",
    "status",
]
TEXT_FIELDS = ("role", "description", "outputs", "other_partners")


def _apply(project: Project, data: dict[str, Any]) -> None:
    for name in TEXT_FIELDS:
        refuse_jmbg(data.get(name) or "")
    for name in FIELDS:
        if name in data:
            value = data[name]
            setattr(project, name, value.strip() if isinstance(value, str) else value)
    project.full_clean()


@transaction.atomic
def project_create(*, user, data: dict[str, Any], partners: list[Institution] = ()) -> Project:
    project = Project()
    _apply(project, data)
    project.save()
    project.partners.set(partners)
    audit_log(
        actor=user,
        action="project_create",
        obj=project,
        changes={k: [None, v] for k, v in snapshot(project, FIELDS).items()},
    )
    return project


@transaction.atomic
def project_update(
    *, user, project: Project, data: dict[str, Any], partners: list[Institution] | None = None
) -> Project:
    project = Project.objects.select_for_update().get(pk=project.pk)
    before = snapshot(project, FIELDS)
    _apply(project, data)
    project.save()
    if partners is not None:
        project.partners.set(partners)
    changes = diff(before, snapshot(project, FIELDS))
    if changes:
        audit_log(actor=user, action="project_update", obj=project, changes=changes)
    return project


@transaction.atomic
def project_activity_add(*, user, project: Project, data: dict[str, Any]) -> Activity:
    """An activity of the project (a meeting with the partners, a conference): an area I
    activity, planned, with the project's partners from the directory."""
    refuse_jmbg(data.get("description") or "")
    activity = activity_create(
        user=user,
        data={"area": Area.SUPPORT, "status": ActivityStatus.PLANNED, **data},
        institutions=list(project.partners.all()),
    )
    project.activities.add(activity)
    audit_log(
        actor=user,
        action="project_activity_add",
        obj=project,
        changes={"activities": [None, activity.title]},
    )
    return activity


@transaction.atomic
def project_activity_log_held(
    *, user, project: Project, activity: Activity, data: dict[str, Any] | None = None
) -> Activity:
    """A project's activity took place: logged held, and counted towards goal „4.1“."""
    activity = project.activities.get(pk=activity.pk)
    activity = activity_log_held(user=user, activity=activity, data=data or {})
    activity_realises(user=user, activity=activity, goal=PROJECT_GOAL)
    return activity
