"""Demo data of the visit reports: two held working visits get an issued report with
three or four recommendations — one overdue, one answered by the institution through its
link. The visits are the visit plan's demo (run first); without any, one minimal visit
of the demo's own is made. Idempotent: a visit with a report is left alone."""

import datetime as dt

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.db import transaction
from django.utils import timezone

from pzss.core.models import ActivityKind, ActivityStatus, Area, Institution, InstitutionKind
from pzss.core.services.activities import activity_create
from pzss.lib.roles import STAFF
from support import report_services as services
from support.models import RecommendationState, VisitReport, WorkingVisit

DEMO_TEXTS = {
    "summary": (
        "Радна посета је обављена ради увида у стручни рад у заштити деце на породичном и "
        "домском смештају. Тим Завода прегледао је узорак досијеа по бројевима."
    ),
    "looked_at": (
        "Досијеи из случајног узорка (по бројевима), планови услуга, записници са "
        "конференција случаја; разговор са руководиоцем службе."
    ),
    "findings_overview": (
        "Процене су углавном благовремене; планови услуга нису увек ревидирани у роковима; "
        "учешће корисника у планирању није свуда забележено."
    ),
    "conclusions": (
        "Стручни рад је у целини усклађен са прописима; потребно је унапредити праћење "
        "рокова ревизије планова и бележење учешћа корисника."
    ),
}
DEMO_RECOMMENDATIONS = [
    ("Увести евиденцију рокова ревизије планова услуга.", "руководилац службе", 20),
    ("У сваком плану забележити учешће корисника у планирању.", "водитељи случаја", 45),
    ("Организовати интерну супервизију за нове стручне раднике.", "супервизор", 200),
    ("Ажурирати интерно упутство о вођењу досијеа.", "директор установе", 240),
]


def _staff_user():
    User = get_user_model()
    user = (
        User.objects.filter(is_active=True, groups__name=STAFF).order_by("username").first()
        or User.objects.filter(is_active=True, is_superuser=True).order_by("username").first()
    )
    if user is None:
        user, _ = User.objects.get_or_create(
            username="savetnica", defaults={"first_name": "Јелена", "last_name": "Петровић"}
        )
        user.groups.add(Group.objects.get_or_create(name=STAFF)[0])
    return user


def _own_visit(user) -> WorkingVisit:
    """The demo's one minimal visit, held two months ago at a centre for social work
    (made only when the visit plan's demo made none)."""
    centre = Institution.objects.filter(kind=InstitutionKind.CSW).order_by("name").first()
    if centre is None:
        centre = Institution.objects.create(
            name="Центар за социјални рад Демо", kind=InstitutionKind.CSW, email="csr@example.rs"
        )
    activity = activity_create(
        user=user,
        data={
            "area": Area.SUPPORT,
            "kind": ActivityKind.WORKING_VISIT,
            "title": f"Радна посета: {centre.name}",
            "start_date": timezone.localdate() - dt.timedelta(days=60),
            "status": ActivityStatus.PLANNED,
        },
        institutions=[centre],
    )
    # The visit row itself is the visit plan's model; its demo would have made it.
    visit = WorkingVisit.objects.create(
        activity=activity,
        institution=centre,
        lead=user,
        reason="Центар са највећим бројем деце до шест година на смештају ван породице.",
        questions=(
            "Да ли се планови услуга ревидирају у роковима?\nКако деца учествују у планирању?"
        ),
    )
    visit.team.set([user])
    return visit


def _give_report(visit: WorkingVisit, user, *, answered: bool) -> None:
    report = services.report_save(user=user, visit=visit, data=DEMO_TEXTS)
    start = visit.activity.start_date
    for text, responsible, after in DEMO_RECOMMENDATIONS[: 4 if answered else 3]:
        services.recommendation_add(
            user=user,
            report=report,
            data={
                "text": text,
                "responsible": responsible,
                "deadline": start + dt.timedelta(days=after),
            },
        )
    report = services.report_issue(user=user, report=report)
    email = visit.institution.email or "ustanova@example.rs"
    invitation = services.follow_up_send(user=user, report=report, email=email)
    if answered:
        services.follow_up_answer(
            invitation=invitation,
            recommendation=report.recommendations.get(order=2),
            action_taken="Образац плана допуњен рубриком о учешћу корисника.",
            state=RecommendationState.DONE,
            answered_by="руководилац службе",
        )


def load_reports_demo() -> str:
    user = _staff_user()
    today = timezone.localdate()
    with transaction.atomic():
        have = VisitReport.objects.filter(status="issued").count()
        if have >= 2:
            return f"Visit reports: the {have} of the demo are there already."
        candidates = list(
            WorkingVisit.objects.filter(
                report__isnull=True, activity__start_date__lte=today - dt.timedelta(days=30)
            )
            .exclude(activity__status=ActivityStatus.CANCELLED)
            .select_related("activity", "institution")
            .order_by("activity__start_date")[: 2 - have]
        )
        if not candidates and not VisitReport.objects.exists():
            candidates = [_own_visit(user)]
        for number, visit in enumerate(candidates):
            _give_report(visit, user, answered=number == 0)
    return f"Visit reports: {len(candidates)} issued with their recommendations."
