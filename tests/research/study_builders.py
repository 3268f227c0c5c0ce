"""Builders for the research register's tests: a study in any state of its workflow, an
output with a real (tiny) PDF, made through the services as staff would."""

import datetime as dt

from django.core.files.uploadedfile import SimpleUploadedFile

from research import study_services as services
from research.models import Study, StudyKind, StudyOutput, StudyOutputKind, StudyStatus

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
START, END = dt.date(2021, 2, 1), dt.date(2021, 11, 30)


def pdf_upload(name: str = "izvestaj.pdf", content: bytes = PDF) -> SimpleUploadedFile:
    return SimpleUploadedFile(name, content, content_type="application/pdf")


def study_data(lead, **overrides) -> dict:
    return {
        "title": "Родне анализе услуге домског смештаја",
        "kind": StudyKind.GENDER_ANALYSIS,
        "question": "Који ризици неравноправног положаја постоје на смештају?",
        "aims": "Радионице и анализа интерних аката.",
        "programme_year": 2021,
        "start_date": START,
        "end_date": END,
        "lead": lead,
        **overrides,
    }


def make_study(user, *, status=StudyStatus.PLANNED, team=(), partners=(), **overrides) -> Study:
    study = services.study_create(
        user=user, data=study_data(user, **overrides), team=team, partners=partners
    )
    steps = {
        StudyStatus.PLANNED: [],
        StudyStatus.IN_PROGRESS: ["start"],
        StudyStatus.COMPLETED: ["start", "complete"],
        StudyStatus.CANCELLED: ["cancel"],
    }[status]
    for action in steps:
        study = services.study_transition(
            user=user, study=study, action=action, comment="Нема средстава."
        )
    return study


def make_output(user, study, **overrides) -> StudyOutput:
    data = {
        "title": "Извештај са препорукама",
        "kind": StudyOutputKind.REPORT,
        "date": dt.date(2021, 12, 10),
        "abstract": "Шта су радионице показале.",
        **overrides,
    }
    return services.study_output_add(user=user, study=study, data=data, upload=pdf_upload())


def make_published_study(user, **overrides) -> tuple[Study, StudyOutput]:
    study = make_study(user, status=StudyStatus.COMPLETED, **overrides)
    output = services.study_output_publish(user=user, output=make_output(user, study))
    study.refresh_from_db()
    return study, output
