"""The needs surveys of the demo: this year's (2026 in the demo's time), open, sent to
the 45 centres for social work, about thirty of which have submitted and five saved a
draft; and last year's, published with its recommendations to the founders. Every
answer goes through the survey's services (validated as a respondent's would be); no
e-mail is sent. Deterministic and safe to run twice: a survey that exists is kept."""

import hashlib

from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils import timezone

from pzss.core.models import Institution, InstitutionKind
from training import survey_services as services
from training.models import NeedsSurvey, QuestionKind

QUESTIONS = [
    {
        "text": (
            "Које програме из каталога акредитованих обука су потребни вашим стручним радницима?"
        ),
        "help": "Изаберите све програме за које постоји потреба у наредној години.",
        "kind": QuestionKind.PROGRAMMES,
        "required": True,
    },
    {
        "text": "Колико стручних радника би похађало обуке у наредној години?",
        "kind": QuestionKind.NUMBER,
        "required": True,
        "min_value": 0,
        "max_value": 500,
    },
    {
        "text": "Који облик обуке вам највише одговара?",
        "kind": QuestionKind.SINGLE,
        "choices": ["Обука уживо", "Онлајн обука", "Комбиновано"],
        "required": True,
    },
    {
        "text": "Које теме које нису у каталогу би вас занимале?",
        "kind": QuestionKind.MULTIPLE,
        "choices": [
            "Вођење онлајн обука и састанака",
            "Електронске платформе за учење",
            "Супервизија",
            "Рад са жртвама насиља у породици",
            "Заштита података о корисницима",
        ],
    },
    {
        "text": (
            "Колико сте задовољни доступношћу обука у протеклој години? (1 – нимало, 5 – веома)"
        ),
        "kind": QuestionKind.SCALE,
        "required": True,
    },
    {
        "text": "Шта бисте још желели да нам поручите?",
        "kind": QuestionKind.TEXT,
    },
]

COMMENTS = [
    "Потребне су нам обуке ближе нашем граду, путни трошкови су велики.",
    "Водитељи случаја који су скоро запослени немају основну обуку.",
    "",
    "Молимо да се обуке организују ван периода годишњих одмора.",
]


def _n(*parts, high: int) -> int:
    digest = hashlib.sha256("|".join(str(p) for p in parts).encode()).digest()
    return int.from_bytes(digest[:4], "big") % high


def _answers(questions, programmes, seed) -> dict:
    values = {}
    for q in questions:
        key = (seed, q.order)
        if q.kind == QuestionKind.PROGRAMMES:
            chosen = [pk for i, (pk, _t) in enumerate(programmes) if _n(*key, i, high=3) == 0]
            values[q.pk] = chosen or [pk for pk, _t in programmes[:1]]
        elif q.kind == QuestionKind.NUMBER:
            values[q.pk] = 2 + _n(*key, high=25)
        elif q.kind == QuestionKind.SINGLE:
            values[q.pk] = q.choices[_n(*key, high=len(q.choices))]
        elif q.kind == QuestionKind.MULTIPLE:
            values[q.pk] = [c for i, c in enumerate(q.choices) if _n(*key, i, high=2) == 0]
        elif q.kind == QuestionKind.SCALE:
            values[q.pk] = 2 + _n(*key, high=4)
        else:
            values[q.pk] = COMMENTS[_n(*key, high=len(COMMENTS))]
    return values


def _survey(user, *, year: int, centres, submitted: int, drafts: int, publish: bool):
    survey = NeedsSurvey.objects.filter(year=year).first()
    if survey is not None:
        return survey, False
    survey = services.survey_create(
        user=user,
        data={
            "year": year,
            "title": f"Испитивање потреба за стручним усавршавањем у {year}. години",
            "introduction": (
                "Годишње испитивање потреба за стручним усавршавањем базирано је на каталогу "
                "акредитованих обука Републичког завода за социјалну заштиту. Ваши одговори "
                "помажу Заводу да утврди које су обуке потребне и да препоручи оснивачима "
                "установа обезбеђивање средстава за стручно усавршавање."
            ),
            "deadline": timezone.localdate().replace(year=year, month=3, day=31),
        },
    )
    programmes = services.programme_choices()
    for data in QUESTIONS:
        if data["kind"] == QuestionKind.PROGRAMMES and not programmes:
            continue  # no catalogue yet: no question of programmes
        services.question_add(user=user, survey=survey, data=data)
    for index, centre in enumerate(centres, start=1):
        # The reference data keeps no centre's address: a demo contact for each.
        services.invitations_add(
            user=user,
            survey=survey,
            institutions=[centre],
            contact_name="Контакт особа за обуке",
            contact_email=centre.email or f"obuke.{index:02d}@csr.example.rs",
        )
    services.survey_open(user=user, survey=survey, send_invitations=False)
    questions = list(survey.questions.order_by("order"))
    invitations = list(survey.invitations.order_by("institution__name"))
    for index, invitation in enumerate(invitations[: submitted + drafts]):
        values = _answers(questions, programmes, (year, invitation.institution_id))
        services.answers_save(invitation=invitation, values=values, submit=index < submitted)
    if publish:
        services.survey_close(user=user, survey=survey)
        services.survey_update(
            user=user,
            survey=survey,
            data={
                "recommendations": (
                    "Завод препоручује оснивачима центара за социјални рад да у буџету за "
                    "наредну годину обезбеде средства за обуке из каталога за које је "
                    "исказана највећа потреба, нарочито за новозапослене водитеље случаја.\n"
                    "Препоручује се и обезбеђивање опреме и знања за онлајн обуке."
                )
            },
        )
        services.survey_publish(user=user, survey=survey)
    return survey, True


@transaction.atomic
def load_survey_demo() -> str:
    user = get_user_model().objects.filter(username="savetnica").first()
    if user is None:
        return "No demo accounts: the demo needs surveys are not made."
    centres = list(
        Institution.objects.filter(kind=InstitutionKind.CSW, is_active=True).order_by("name")
    )
    if not centres:
        return "No centres for social work: the demo needs surveys are not made."
    this_year = timezone.localdate().year
    made = 0
    for year, submitted, drafts, publish in (
        (this_year - 1, 36, 0, True),
        (this_year, 30, 5, False),
    ):
        _made, new = _survey(
            user, year=year, centres=centres, submitted=submitted, drafts=drafts, publish=publish
        )
        made += int(new)
    return f"Needs surveys: {made} made ({this_year - 1} published, {this_year} open)."
