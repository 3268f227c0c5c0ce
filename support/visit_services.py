"""Writes of working visits (area I): the plan (one transaction: the area I activity and
its visit), the case-file sample (frame versions and draws) and the findings per file.
The one write path: views and the demo call these."""

import datetime as dt
import secrets

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from pzss.core.audit import audit_log
from pzss.core.models import ActivityKind, Area, Institution
from pzss.core.services.activities import activity_create, activity_update
from pzss.lib.personal_data import refuse_jmbg
from support.models import (
    Answer,
    CaseFileReview,
    SampleDraw,
    SampleFrame,
    WorkingVisit,
    checklist_for,
)
from support.visit_sampling import draw as draw_numbers


def _title(institution: Institution) -> str:
    return _("Working visit: %(institution)s") % {"institution": institution.name}


@transaction.atomic
def visit_plan(
    *,
    user,
    institution: Institution,
    start_date: dt.date,
    lead,
    team=(),
    reason: str = "",
    questions: str = "",
) -> WorkingVisit:
    """A working visit planned: its area I activity (covering the institution, the lead
    and team responsible) and the visit, together or not at all."""
    refuse_jmbg(reason)
    refuse_jmbg(questions)
    team = [u for u in team if u.pk != lead.pk]
    activity = activity_create(
        user=user,
        data={
            "area": Area.SUPPORT,
            "kind": ActivityKind.WORKING_VISIT,
            "title": _title(institution),
            "start_date": start_date,
            "municipality": institution.municipality,
            "place": institution.name,
        },
        institutions=[institution],
        responsible=[lead, *team],
    )
    visit = WorkingVisit(
        activity=activity,
        institution=institution,
        reason=reason.strip(),
        questions=questions.strip(),
        lead=lead,
    )
    visit.full_clean()
    visit.save()
    visit.team.set(team)
    audit_log(
        actor=user,
        action="working_visit_plan",
        obj=visit,
        changes={"institution": [None, institution.name], "start_date": [None, str(start_date)]},
    )
    return visit


@transaction.atomic
def visit_update(
    *, user, visit: WorkingVisit, start_date, lead, team, reason: str, questions: str
) -> WorkingVisit:
    """The plan edited: date, lead, team, reason and questions (the institution stays)."""
    visit = WorkingVisit.objects.select_for_update().get(pk=visit.pk)
    refuse_jmbg(reason)
    refuse_jmbg(questions)
    team = [u for u in team if u.pk != lead.pk]
    before = {
        "reason": visit.reason,
        "questions": visit.questions,
        "lead": str(visit.lead),
        "team": sorted(str(u) for u in visit.team.all()),
    }
    visit.reason, visit.questions, visit.lead = reason.strip(), questions.strip(), lead
    visit.full_clean()
    visit.save()
    visit.team.set(team)
    activity_update(
        user=user,
        activity=visit.activity,
        data={"start_date": start_date},
        responsible=[lead, *team],
    )
    after = {
        "reason": visit.reason,
        "questions": visit.questions,
        "lead": str(lead),
        "team": sorted(str(u) for u in team),
    }
    changes = {k: [before[k], after[k]] for k in before if before[k] != after[k]}
    if changes:
        audit_log(actor=user, action="working_visit_update", obj=visit, changes=changes)
    return visit


@transaction.atomic
def frame_save(
    *, user, visit: WorkingVisit, files: list[dict], max_age, care: str, size: int
) -> SampleFrame:
    """A new frame version (the files, criteria and size): the earlier versions and their
    draws stay as they were. The same frame again is no new version."""
    visit = WorkingVisit.objects.select_for_update().get(pk=visit.pk)
    latest = visit.sample_frames.order_by("-version").first()
    if latest and (latest.files, latest.max_age, latest.care, latest.size) == (
        files,
        max_age,
        care or "",
        size,
    ):
        return latest
    frame = SampleFrame(
        visit=visit,
        version=(latest.version + 1) if latest else 1,
        files=files,
        max_age=max_age,
        care=care or "",
        size=size,
        created_by=user,
    )
    frame.full_clean()
    frame.save()
    audit_log(
        actor=user,
        action="sample_frame_save",
        obj=visit,
        changes={"frame": [latest.version if latest else None, frame.version]},
    )
    return frame


@transaction.atomic
def sample_draw(*, user, frame: SampleFrame, seed: int | None = None) -> SampleDraw:
    """The draw of the frame's sample, recorded with its seed (`secrets.randbits(32)`
    now, unless given). One draw per frame version: drawing again takes a changed frame,
    and the earlier draw is kept (superseded)."""
    WorkingVisit.objects.select_for_update().get(pk=frame.visit_id)
    if SampleDraw.objects.filter(frame=frame).exists():
        raise ValidationError(
            _(
                "This frame version has been drawn already. A new draw needs a changed "
                "frame (files, criteria or size); the earlier draw is kept."
            )
        )
    latest = frame.visit.sample_frames.order_by("-version").values_list("version", flat=True)
    if latest.first() != frame.version:
        raise ValidationError(_("Only the latest frame version can be drawn."))
    eligible = frame.eligible_numbers()
    if frame.size > len(eligible):
        raise ValidationError(
            {
                "size": _(
                    "The sample of %(size)s files is larger than the %(eligible)s eligible "
                    "files of the frame: choose a smaller size or widen the frame."
                )
                % {"size": frame.size, "eligible": len(eligible)}
            }
        )
    seed = secrets.randbits(32) if seed is None else seed
    drawn = SampleDraw(
        frame=frame,
        max_age=frame.max_age,
        care=frame.care,
        size=frame.size,
        seed=seed,
        numbers=draw_numbers(eligible=eligible, size=frame.size, seed=seed),
        drawn_by=user,
    )
    drawn.full_clean()
    drawn.save()
    audit_log(
        actor=user,
        action="sample_draw",
        obj=frame.visit,
        changes={"draw": [None, f"v{frame.version}, seed {seed}, {frame.size}"]},
    )
    return drawn


@transaction.atomic
def case_file_review_save(
    *, user, draw: SampleDraw, number: str, answers: dict, note: str
) -> CaseFileReview:
    """The findings for one drawn file: an answer per checklist item, and a note."""
    draw = SampleDraw.objects.select_related("frame__visit__institution").get(pk=draw.pk)
    if number not in draw.numbers:
        raise ValidationError(_("This case file is not in the sample."))
    items = [code for code, _label in checklist_for(draw.frame.visit.institution.kind)]
    missing = [code for code in items if answers.get(code) not in Answer.values]
    if missing:
        raise ValidationError({code: _("Choose an answer.") for code in missing})
    refuse_jmbg(note)
    review, created = CaseFileReview.objects.select_for_update().get_or_create(
        draw=draw, number=number, defaults={"reviewed_by": user}
    )
    before = dict(review.answers), review.note
    review.answers = {code: answers[code] for code in items}
    review.note = note.strip()
    review.reviewed_by = user
    review.full_clean()
    review.save()
    if created or before != (review.answers, review.note):
        audit_log(
            actor=user,
            action="case_file_review_save",
            obj=draw.frame.visit,
            changes={number: [before[0] or None, review.answers]},
        )
    return review
