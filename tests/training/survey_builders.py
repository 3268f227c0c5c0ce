"""Builders for the needs survey's tests: a survey with one question of each kind, two
programmes in the catalogue, and invited centres in two districts (and a home)."""

from decimal import Decimal

from django.contrib.auth.models import Group

from pzss.core.models import Institution, InstitutionKind, Municipality
from training import survey_services as services
from training.models import NeedsSurvey, QuestionKind, TrainingProgramme

SECRET = "Тајна примедба Петра Петровића"


def make_programmes(owner) -> list[TrainingProgramme]:
    return [
        TrainingProgramme.objects.create(
            title=title,
            slug=slug,
            hours=Decimal("16"),
            owner=owner,
            is_published=True,
        )
        for title, slug in (
            ("Помоћ у кући за децу са сметњама у развоју", "pomoc-u-kuci"),
            ("Основна обука за вођење случаја", "vodjenje-slucaja"),
        )
    ]


def staff(django_user_model, username="anketarka"):
    user = django_user_model.objects.create_user(username=username, password="x")
    user.groups.add(Group.objects.get_or_create(name="staff")[0])
    return user


QUESTIONS = [
    {
        "text": "Облик обуке",
        "kind": QuestionKind.SINGLE,
        "choices": "Уживо\nОнлајн",
        "required": True,
    },
    {"text": "Теме", "kind": QuestionKind.MULTIPLE, "choices": "Супервизија\nНасиље\nПодаци"},
    {"text": "Програми", "kind": QuestionKind.PROGRAMMES, "required": True},
    {"text": "Задовољство", "kind": QuestionKind.SCALE},
    {"text": "Број радника", "kind": QuestionKind.NUMBER, "min_value": 1, "max_value": 100},
    {"text": "Поруке", "kind": QuestionKind.TEXT},
]


def make_centres(n_per_district: int = 2) -> list[Institution]:
    """Centres in the first two districts (by order), and one children's home."""
    out = []
    districts = []
    for municipality in Municipality.objects.select_related("district").order_by(
        "district__order", "name"
    ):
        if (
            municipality.district_id in districts
            and sum(1 for c in out if c.municipality.district_id == municipality.district_id)
            >= n_per_district
        ):
            continue
        if municipality.district_id not in districts:
            if len(districts) == 2:
                break
            districts.append(municipality.district_id)
        out.append(
            Institution.objects.create(
                name=f"ЦСР тест {municipality.name}",
                kind=InstitutionKind.CSW,
                municipality=municipality,
                email=f"csr{len(out)}@example.rs",
            )
        )
    out.append(
        Institution.objects.create(
            name="Дом тест",
            kind=InstitutionKind.CHILDREN_HOME,
            municipality=out[0].municipality,
            email="dom@example.rs",
        )
    )
    return out


def make_survey(user, *, year=2026, institutions=None, open_it=True) -> NeedsSurvey:
    survey = services.survey_create(
        user=user, data={"year": year, "title": f"Упитник {year}", "introduction": "Увод."}
    )
    for data in QUESTIONS:
        services.question_add(user=user, survey=survey, data=data)
    institutions = institutions if institutions is not None else make_centres()
    services.invitations_add(user=user, survey=survey, institutions=institutions)
    if open_it:
        survey = services.survey_open(user=user, survey=survey, send_invitations=False)
    return survey


def questions_by_kind(survey) -> dict:
    return {q.kind: q for q in survey.questions.all()}


def full_answers(survey, programmes, *, single="Уживо", scale=4, number=10, text=SECRET):
    q = questions_by_kind(survey)
    return {
        q["single"].pk: single,
        q["multiple"].pk: ["Супервизија"],
        q["programmes"].pk: [programmes[0].pk],
        q["scale"].pk: scale,
        q["number"].pk: number,
        q["text"].pk: text,
    }
