"""The research register's demo: the two studies of the 2021 programme (III 4.1 and 4.2),
made through the services as staff would — the gender analyses' follow-up with its
interactive workshops, completed and published with one report (which enters the public
library), and the study of children and youth with mental health and behaviour problems,
in progress, with a focus group held and a draft output nobody outside sees."""

import datetime as dt

from django.contrib.auth import get_user_model
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import transaction
from django.utils.html import escape

from pzss.core.models import ActivityKind, Institution
from pzss.core.services.activities import activity_log_held
from pzss.lib.pdf import render_pdf
from pzss.lib.roles import DIRECTOR, STAFF
from research import study_services as services
from research.models import Study, StudyKind, StudyOutputKind

INSTITUTE = "Покрајински завод за социјалну заштиту"

GENDER = {
    "title": (
        "Родно осетљиве услуге домског смештаја: интерактивне радионице на основу родних анализа"
    ),
    "kind": StudyKind.GENDER_ANALYSIS,
    "programme_year": 2021,
    "question": (
        "Како продукте родних анализа услуге домског смештаја за децу и младе и одрасле и "
        "старије (2019–2020) претворити у интерне политике и механизме установа, тако да "
        "услуге буду родно осетљиве и осетљиве на различитости у сваком погледу?"
    ),
    "aims": (
        "На основу продуката родних анализа осмишљене су интерактивне радионице за стручне "
        "раднике и сараднике у установама домског смештаја. Циљ је виши степен "
        "сензибилисаности за питања родне равноправности и подстицај установама да креирају "
        "родно осетљиве интерне политике и механизме.\n"
        "Метод: радионице у установама, упитник пре и после радионице, анализа интерних "
        "аката установа."
    ),
    "start_date": dt.date(2021, 2, 1),
    "end_date": dt.date(2021, 11, 30),
}
GENDER_PARTNERS = [
    "Дом за децу и младе Сомбор",
    "Дом за децу и младе Панчево",
    "Покрајински секретаријат за социјалну политику, демографију и равноправност полова",
]
GENDER_WORKSHOPS = [
    (
        "Родна равноправност у домском смештају: радионица за стручне раднике",
        dt.date(2021, 4, 14),
        "Сомбор",
    ),
    (
        "Родно осетљиве интерне политике установа: радионица за руководиоце",
        dt.date(2021, 6, 9),
        "Панчево",
    ),
]
GENDER_REPORT = {
    "title": "Родно осетљиве услуге домског смештаја: извештај са препорукама",
    "kind": StudyOutputKind.REPORT,
    "date": dt.date(2021, 12, 10),
    "abstract": (
        "Извештај о интерактивним радионицама одржаним у установама домског смештаја у "
        "АП Војводини током 2021. године: шта су стручни радници и сарадници научили, које "
        "ризике неравноправног положаја корисника виде у свом раду и које интерне политике "
        "и механизме установе могу да уведу. Препоруке су упућене установама и Покрајинском "
        "секретаријату."
    ),
}

YOUTH = {
    "title": (
        "Деца и млади са менталним сметњама и проблемима у понашању у систему социјалне заштите"
    ),
    "kind": StudyKind.RESEARCH,
    "programme_year": 2021,
    "question": (
        "Колико је деце и младих са менталним сметњама и проблемима у понашању обухваћено "
        "системом социјалне заштите у АП Војводини, коју подршку добијају и са којим се "
        "изазовима систем сусреће у њиховој заштити?"
    ),
    "aims": (
        "Добијени подаци биће упућени Покрајинском секретаријату ради подстицања "
        "успостављања и развоја услуга за ову циљну групу и координисане сарадње са "
        "системима здравства и образовања.\n"
        "Метод: упитник центрима за социјални рад и установама за децу и младе, фокус "
        "групе са стручним радницима."
    ),
    "start_date": dt.date(2021, 3, 1),
    "end_date": dt.date(2021, 12, 31),
}
YOUTH_PARTNERS = [
    "Дом за децу и младе Сремска Каменица",
    "Покрајински секретаријат за социјалну политику, демографију и равноправност полова",
]
YOUTH_DRAFT = {
    "title": "Упитник за центре за социјални рад (радна верзија)",
    "kind": StudyOutputKind.DATA,
    "date": dt.date(2021, 4, 1),
    "abstract": "",
}


def _pdf(title: str, text: str) -> bytes:
    html = f"""<!DOCTYPE html><html lang="sr-Cyrl"><head><meta charset="utf-8">
<style>@page {{ size: A4; margin: 25mm; }} body {{ font-family: "DejaVu Serif", serif; }}
h1 {{ font-size: 18pt; color: #0b2a56; }} .note {{ color: #666; font-size: 9pt; }}</style>
</head><body><p>{INSTITUTE}<br>Нови Сад, 2021.</p><h1>{escape(title)}</h1>
<p>{escape(text)}</p>
<p class="note">Ово је демонстрациони примерак: подаци у њему нису стварни.</p>
</body></html>"""
    content, _pages = render_pdf(html)
    return content


def _upload(name: str, title: str, text: str) -> SimpleUploadedFile:
    return SimpleUploadedFile(name, _pdf(title, text), content_type="application/pdf")


def _partners(names: list[str]) -> list[Institution]:
    return list(Institution.objects.filter(name__in=names))


def _staff():
    """The advisors first (one of them leads the studies), then the director."""
    users = get_user_model().objects.filter(is_active=True)
    advisors = list(users.filter(groups__name=STAFF).distinct().order_by("username"))
    directors = users.filter(groups__name=DIRECTOR).exclude(pk__in=[u.pk for u in advisors])
    return advisors + list(directors.distinct().order_by("username"))


def _workshop(*, user, study, kind, title, day, place) -> None:
    link = services.study_activity_add(
        user=user,
        study=study,
        data={
            "kind": kind,
            "title": title,
            "description": "",
            "start_date": day,
            "end_date": None,
            "place": place,
            "online": False,
        },
    )
    activity_log_held(user=user, activity=link.activity, data={"start_date": day, "place": place})


@transaction.atomic
def _gender_study(lead, team) -> Study:
    study = services.study_create(
        user=lead, data={**GENDER, "lead": lead}, team=team, partners=_partners(GENDER_PARTNERS)
    )
    services.study_transition(user=lead, study=study, action=services.Transition.START)
    for title, day, place in GENDER_WORKSHOPS:
        _workshop(
            user=lead, study=study, kind=ActivityKind.WORKSHOP, title=title, day=day, place=place
        )
    services.study_transition(user=lead, study=study, action=services.Transition.COMPLETE)
    output = services.study_output_add(
        user=lead,
        study=study,
        data=GENDER_REPORT,
        upload=_upload(
            "rodno-osetljive-usluge.pdf", GENDER_REPORT["title"], GENDER_REPORT["abstract"]
        ),
    )
    services.study_output_publish(user=lead, output=output)
    return study


@transaction.atomic
def _youth_study(lead, team) -> Study:
    study = services.study_create(
        user=lead, data={**YOUTH, "lead": lead}, team=team, partners=_partners(YOUTH_PARTNERS)
    )
    services.study_transition(user=lead, study=study, action=services.Transition.START)
    _workshop(
        user=lead,
        study=study,
        kind=ActivityKind.FOCUS_GROUP,
        title="Фокус група са стручним радницима домова за децу и младе",
        day=dt.date(2021, 5, 20),
        place="Нови Сад",
    )
    services.study_output_add(
        user=lead,
        study=study,
        data=YOUTH_DRAFT,
        upload=_upload("upitnik-csr.pdf", YOUTH_DRAFT["title"], YOUTH["question"]),
    )
    return study


def load_studies_demo() -> str:
    """Idempotent: a study already in the register (by title) is left as it is."""
    staff = _staff()
    if not staff:
        return "Research register: no staff account to lead the demo studies."
    lead, team = staff[0], staff[1:]
    made = 0
    for data, build in ((GENDER, _gender_study), (YOUTH, _youth_study)):
        if Study.objects.filter(title=data["title"]).exists():
            continue
        build(lead, team)
        made += 1
    return f"Research register: {made} demo studies added (one published, with its report)."
