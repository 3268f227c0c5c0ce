"""Area III's demo: the institute's two forms (the «Аурора» fortnightly figures on
domestic violence, the centres' annual report) with this year's periods (and last
year's), the 45 centres' submissions for the periods already due — most accepted, some
late, a few missing, a few returned, a draft or two, the latest few waiting for review —
and a login of the Novi Sad centre.

Everything is made through the services, as the centres and staff would; only the
clock is then set back (the dates a submission was sent and reviewed), since the demo
plays a year in a moment. The random figures are deterministic (one seed) and obey the
forms' rules. Safe to run again: a data set that exists is left as it is."""

import datetime as dt
import random
from decimal import Decimal

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.db import transaction
from django.utils import timezone

from pzss.core.models import Institution, InstitutionAccount, InstitutionKind
from pzss.core.reference import csw_name
from pzss.lib.roles import INSTITUTION, STAFF
from research.form_services import data_set_create_from_spec, periods_ensure
from research.models import DataSet, Period, Submission, SubmissionVersion
from research.reference import CSW_ANNUAL, DOMESTIC_VIOLENCE
from research.submission_services import (
    submission_accept,
    submission_return,
    submission_save_and_submit,
    submission_save_draft,
)

DEMO_CENTRE_LOGIN = ("csr-novisad", "csr-novisad-2026", "Нови Сад")
DUE_PERIODS = 12
RETURN_COMMENTS = (
    "Збир жртава женског и мушког пола не одговара укупном броју — проверите, молимо.",
    "Број хитних мера делује превисоко у односу на број пријава; потврдите или исправите.",
    "Недостаје напомена о пријавама које су прослеђене тужилаштву.",
)


def _aurora_figures(rng: random.Random, size: int) -> dict:
    reports = rng.randint(0, 4 * size)
    victims = reports + rng.randint(0, max(1, reports // 4))
    women = rng.randint(victims * 6 // 10, victims) if victims else 0
    part = lambda top: rng.randint(0, top)  # noqa: E731 — a part never above its total
    return {
        "reports": reports,
        "reports_partner": part(reports * 7 // 10),
        "victims": victims,
        "victims_women": women,
        "victims_men": victims - women,
        "victims_children": part(victims // 3),
        "victims_elderly": part(victims // 5),
        "physical": part(reports * 6 // 10),
        "psychological": part(reports),
        "sexual": part(reports // 10),
        "economic": part(reports // 5),
        "urgent_measures": part(reports // 2),
        "protection_plans": part(reports),
        "shelter": part(max(0, victims // 8)),
        "coordination_meetings": rng.randint(0, 3),
        "note": "",
    }


def _annual_figures(rng: random.Random, size: int) -> dict:
    ages = [rng.randint(50, 300) * size for _ in range(4)]
    users = sum(ages)
    staff = rng.randint(8, 12) * size
    return {
        "users": users,
        "users_children": ages[0],
        "users_youth": ages[1],
        "users_adults": ages[2],
        "users_elderly": ages[3],
        "new_users": rng.randint(users // 10, users // 4),
        "foster_care": rng.randint(5, 40) * size,
        "residential_care": rng.randint(0, 10) * size,
        "children_under_six_away": rng.randint(0, 5),
        "staff": min(staff, 2000),
        "professionals": min(staff, 2000) * 7 // 10,
        "licensed": rng.random() > 0.2,
        "main_challenge": rng.choice(CSW_ANNUAL.fields[12].choices),
        "budget": str(Decimal(rng.randint(2, 60) * 100_000)),
        "comment": "",
    }


def _sent_at(rng: random.Random, period: Period, late: bool) -> dt.datetime:
    days = rng.randint(1, 9) if late else -rng.randint(0, 2)
    day = period.deadline + dt.timedelta(days=days)
    return timezone.make_aware(dt.datetime.combine(day, dt.time(rng.randint(8, 15), 0)))


def _backdate(submission: Submission, sent: dt.datetime, reviewed: dt.datetime | None) -> None:
    # The demo plays a year at once; the services stamp «now», the demo the day it was.
    Submission.objects.filter(pk=submission.pk).update(first_submitted_at=sent)
    versions = SubmissionVersion.objects.filter(submission=submission)
    versions.update(created_at=sent, submitted_at=sent)
    if reviewed:
        versions.exclude(reviewed_at=None).update(reviewed_at=reviewed)


def _centre_login(staff_user) -> tuple[str, str, str]:
    username, password, municipality = DEMO_CENTRE_LOGIN
    centre = Institution.objects.get(name=csw_name(municipality))
    user, _made = get_user_model().objects.get_or_create(username=username)
    user.first_name, user.last_name = "Сања", "Јовановић"
    user.email = f"{username}@example.rs"
    user.set_password(password)
    user.save()
    user.groups.add(Group.objects.get_or_create(name=INSTITUTION)[0])
    InstitutionAccount.objects.update_or_create(user=user, defaults={"institution": centre})
    return username, password, INSTITUTION


def _fill(*, data_set: DataSet, periods, centres, staff_user, centre_user, rng, figures) -> int:
    today = timezone.localdate()
    # Half a year of periods already due (twelve fortnights of «Аурора», last year's
    # annual report): enough for the grid, the statistics and a trend, and quick to load
    # (every submission goes through the services; the bench's generator makes years).
    all_due = [p for p in periods if p.deadline < today]
    due = all_due[-DUE_PERIODS:]
    # The periods before the demo's window are closed, as if their reports were out:
    # nobody is asked for them any more.
    Period.objects.filter(pk__in=[p.pk for p in all_due[:-DUE_PERIODS]]).update(
        closed_at=timezone.now()
    )
    made = 0
    for index, period in enumerate(due):
        recent = index >= len(due) - 2  # the latest two periods: still being reviewed
        for centre in centres:
            roll = rng.random()
            if roll < 0.03:
                continue  # missing: the centre never sent it
            size = 1 + centre.pk % 5
            user = (
                centre_user
                if centre_user.institution_account.institution_id == centre.pk
                else staff_user
            )
            values = figures(rng, size)
            if recent and roll < 0.05:
                submission_save_draft(user=user, period=period, institution=centre, raw=values)
                made += 1
                continue
            late = roll > 0.88
            sent = _sent_at(rng, period, late)
            submission = submission_save_and_submit(
                user=user, period=period, institution=centre, raw=values
            )
            if recent and roll > 0.8:
                _backdate(submission, sent, None)  # waits for review
            elif roll < 0.07:
                submission_return(
                    user=staff_user,
                    submission=submission,
                    comment=rng.choice(RETURN_COMMENTS),
                    notify=False,
                )
                _backdate(submission, sent, sent + dt.timedelta(days=1))
            else:
                submission_accept(user=staff_user, submission=submission, notify=False)
                _backdate(submission, sent, sent + dt.timedelta(days=1))
            made += 1
    return made


@transaction.atomic
def load_research_demo(seed: int = 2026) -> str:
    staff_user = get_user_model().objects.filter(groups__name=STAFF).order_by("pk").first()
    login = _centre_login(staff_user)
    if DataSet.objects.filter(code=DOMESTIC_VIOLENCE.code).exists():
        return _summary(0, login)
    rng = random.Random(seed)
    year = timezone.localdate().year
    centres = list(
        Institution.objects.filter(kind=InstitutionKind.CSW, is_active=True).order_by("name")
    )
    centre_user = (
        get_user_model().objects.select_related("institution_account").get(username=login[0])
    )
    made = 0
    for spec, figures, years in (
        (DOMESTIC_VIOLENCE, _aurora_figures, (year - 1, year)),
        (CSW_ANNUAL, _annual_figures, (year - 1, year)),
    ):
        data_set = data_set_create_from_spec(user=staff_user, spec=spec)
        periods = [p for y in years for p in periods_ensure(data_set=data_set, year=y)]
        made += _fill(
            data_set=data_set,
            periods=periods,
            centres=centres,
            staff_user=staff_user,
            centre_user=centre_user,
            rng=rng,
            figures=figures,
        )
    return _summary(made, login)


def _summary(made: int, login: tuple[str, str, str]) -> str:
    username, _password, role = login
    return f"Research demo: {made} submissions; the centre's login {username} ({role})."
