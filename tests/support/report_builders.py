"""Builders for the visit reports' tests: a held-in-the-past working visit (an area I
activity of kind working_visit), a draft report with recommendations, an issued one."""

import datetime as dt

from django.utils import timezone

from pzss.core.models import Activity, Institution, InstitutionKind
from support import report_services as services
from support.models import WorkingVisit

VISIT_AGO = 40


def visit_date() -> dt.date:
    return timezone.localdate() - dt.timedelta(days=VISIT_AGO)


def make_visit(
    lead, *, kind=InstitutionKind.CSW, name="ЦСР Посетино", start=None, email="csr@example.rs"
):
    institution, _ = Institution.objects.get_or_create(
        name=name, defaults={"kind": kind, "email": email}
    )
    activity = Activity.objects.create(
        area=1,
        kind="working_visit",
        title=f"Радна посета: {name}",
        start_date=start or visit_date(),
        created_by=lead,
    )
    visit = WorkingVisit.objects.create(
        activity=activity,
        institution=institution,
        lead=lead,
        reason="Приоритет.",
        questions="Прво питање?\nДруго питање?",
    )
    visit.team.set([lead])
    return visit


TEXTS = {
    "summary": "Сажетак посете.",
    "looked_at": "Досијеи бр. 12/2020 и 14/2020.",
    "findings_overview": "Планови нису ревидирани у року.",
    "conclusions": "Рад је у целини усклађен.",
    "no_recommendations": "",
}


def make_report(user, visit, *, recommendations=2, deadline_days=(10, 60)):
    report = services.report_save(user=user, visit=visit, data=TEXTS)
    for n in range(recommendations):
        services.recommendation_add(
            user=user,
            report=report,
            data={
                "text": f"Препорука {n + 1}.",
                "responsible": "руководилац службе",
                "deadline": visit.activity.start_date
                + dt.timedelta(days=deadline_days[n % len(deadline_days)]),
            },
        )
    return report


def make_issued(user, visit=None, **kw):
    visit = visit or make_visit(user)
    report = make_report(user, visit, **kw)
    return services.report_issue(user=user, report=report)
