"""The statistical reports of the demo: last month's monthly report on domestic violence
(published), this month's (a draft), and the consolidated report of the centres for
social work (2.2) for last year (published).

They are made over the demo's accepted submissions. Where the demo has none for a period
a report needs (the submissions demo has not run, or made other periods), accepted
figures are made here for the 45 centres, as the workflow leaves them: deterministic
(the same figures every run) and plausible (the form's rules hold; a few small
municipalities report under five, so the public pages show the suppression). Safe to run
twice: what exists is kept."""

import datetime as dt
import hashlib

from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils import timezone

from pzss.core.models import Institution, InstitutionKind
from research import report_services
from research.form_services import data_set_create_from_spec, periods_ensure, version_in_use
from research.models import (
    DataSet,
    Period,
    ReportKind,
    StatisticalReport,
    Submission,
    SubmissionStatus,
    SubmissionVersion,
)
from research.reference import CSW_ANNUAL, DOMESTIC_VIOLENCE
from research.statistics import month_periods, previous_month, year_periods
from research.validation import Form, check_figures

# Centres of the largest towns report the most; the rest scale down from them.
WEIGHT = {"Нови Сад": 9.0, "Суботица": 4.0, "Зрењанин": 3.5, "Панчево": 3.5, "Сомбор": 2.5}


def _n(*parts, low: int, high: int) -> int:
    """A deterministic number in [low, high] from the parts."""
    digest = hashlib.sha256("|".join(str(p) for p in parts).encode()).digest()
    return low + int.from_bytes(digest[:4], "big") % (high - low + 1)


def _aurora_values(place: str, period: Period) -> dict:
    w = WEIGHT.get(place, 1.0)
    reports = round(_n(place, period.start, "r", low=0, high=9) * w)
    partner = _n(place, period.start, "p", low=0, high=reports) if reports else 0
    women = round(reports * 0.8)
    men = max(reports - women, 0)
    children = _n(place, period.start, "c", low=0, high=reports // 3) if reports else 0
    elderly = _n(place, period.start, "e", low=0, high=reports // 4) if reports else 0
    physical = reports // 2
    psychological = reports - physical
    return {
        "reports": reports,
        "reports_partner": partner,
        "victims": women + men,
        "victims_women": women,
        "victims_men": men,
        "victims_children": children,
        "victims_elderly": elderly,
        "physical": physical,
        "psychological": psychological,
        "sexual": 0,
        "economic": _n(place, period.start, "x", low=0, high=1) if reports else 0,
        "urgent_measures": reports // 3,
        "protection_plans": reports // 2,
        "shelter": _n(place, period.start, "s", low=0, high=1) if reports else 0,
        "coordination_meetings": _n(place, period.start, "m", low=1, high=3),
        "note": "",
    }


def _annual_values(place: str, period: Period) -> dict:
    w = WEIGHT.get(place, 1.0)
    parts = [round(_n(place, period.start, k, low=20, high=140) * w) for k in "cyae"]
    users = sum(parts)
    staff = round(_n(place, period.start, "st", low=8, high=30) * w)
    return {
        "users": users,
        "users_children": parts[0],
        "users_youth": parts[1],
        "users_adults": parts[2],
        "users_elderly": parts[3],
        "new_users": users // 4,
        "foster_care": round(_n(place, period.start, "f", low=0, high=12) * w),
        "residential_care": _n(place, period.start, "rc", low=0, high=4),
        "children_under_six_away": _n(place, period.start, "u6", low=0, high=2),
        "staff": staff,
        "professionals": staff * 2 // 3,
        "licensed": _n(place, period.start, "l", low=0, high=3) > 0,
        "main_challenge": CSW_ANNUAL.fields[12].choices[
            _n(place, period.start, "ch", low=0, high=4)
        ],
        "budget": f"{_n(place, period.start, 'b', low=2, high=40) * 250000 * w:.2f}",
        "comment": "",
    }


def _data_set(spec, years) -> DataSet:
    data_set = DataSet.objects.filter(code=spec.code).first()
    if data_set is None:
        data_set = data_set_create_from_spec(user=None, spec=spec)
    for year in years:
        periods_ensure(data_set=data_set, year=year)
    return data_set


def _accept_missing(data_set: DataSet, periods, values_of, centres, user) -> int:
    """Accepted figures for each centre without a submission in each ended period."""
    form = version_in_use(data_set)
    checker = Form.of(form)
    today = timezone.localdate()
    made = 0
    for period in periods:
        if period.end >= today:
            continue
        sent = timezone.make_aware(dt.datetime.combine(period.deadline, dt.time(10, 30)))
        have = set(period.submissions.values_list("institution_id", flat=True))
        for centre in centres:
            if centre.pk in have or centre.municipality is None:
                continue
            checked = check_figures(checker, values_of(centre.municipality.name, period))
            if not checked.ok:  # pragma: no cover — the values are made to pass
                continue
            submission = Submission.objects.create(
                period=period, institution=centre, status=SubmissionStatus.ACCEPTED
            )
            version = SubmissionVersion.objects.create(
                submission=submission,
                number=1,
                form=form,
                values=checked.values,
                status=SubmissionStatus.ACCEPTED,
                created_by=user,
                submitted_at=sent,
                reviewed_at=sent,
                reviewed_by=user,
            )
            submission.current_version = version
            submission.accepted_version = version
            submission.first_submitted_at = sent
            submission.save(
                update_fields=["current_version", "accepted_version", "first_submitted_at"]
            )
            made += 1
    return made


def _report(user, *, kind, data_set, year, month=None, publish=False, intro=""):
    report = StatisticalReport.objects.filter(
        kind=kind, data_set=data_set, year=year, month=month
    ).first()
    if report is None:
        report = report_services.statistical_report_create(
            user=user, kind=kind, data_set=data_set, year=year, month=month
        )
        report_services.statistical_report_update(
            user=user,
            report=report,
            data={
                "introduction": intro,
                "conclusions": "Подаци су збирни; бројеви мањи од пет за општину се "
                "у јавним издањима не приказују, да се не би препознала ниједна породица.",
            },
        )
    if publish and not report.is_published:
        report = report_services.statistical_report_publish(user=user, report=report)
    return report


@transaction.atomic
def load_reports_demo() -> str:
    user = get_user_model().objects.filter(username="savetnica").first()
    if user is None:
        return "No demo accounts: the demo statistical reports are not made."
    today = timezone.localdate()
    last_year, last_month = previous_month(today.year, today.month)
    before = previous_month(last_year, last_month)
    years = sorted({today.year, last_year, before[0], today.year - 1, today.year - 2})
    centres = list(
        Institution.objects.filter(kind=InstitutionKind.CSW, is_active=True).select_related(
            "municipality"
        )
    )
    aurora = _data_set(DOMESTIC_VIOLENCE, years)
    periods = [
        *month_periods(aurora, *before),
        *month_periods(aurora, last_year, last_month),
        *month_periods(aurora, today.year, today.month),
    ]
    made = _accept_missing(aurora, periods, _aurora_values, centres, user)
    annual = _data_set(CSW_ANNUAL, years)
    annual_periods = year_periods(annual, today.year - 1) + year_periods(annual, today.year - 2)
    made += _accept_missing(annual, annual_periods, _annual_values, centres, user)
    intro = (
        "Извештај обједињује податке које центри за социјални рад у АП Војводини "
        "достављају Заводу два пута месечно (систем «Аурора»)."
    )
    _report(
        user,
        kind=ReportKind.DOMESTIC_VIOLENCE_MONTHLY,
        data_set=aurora,
        year=last_year,
        month=last_month,
        publish=True,
        intro=intro,
    )
    _report(
        user,
        kind=ReportKind.DOMESTIC_VIOLENCE_MONTHLY,
        data_set=aurora,
        year=today.year,
        month=today.month,
        intro=intro,
    )
    _report(
        user,
        kind=ReportKind.CENTRES,
        data_set=annual,
        year=today.year - 1,
        publish=True,
        intro="Обједињени извештај о раду центара за социјални рад у АП Војводини.",
    )
    return f"Statistical reports: 3 in the demo ({made} accepted demo figures made for them)."
