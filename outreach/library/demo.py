"""The library's demo: the reports the 2021 programme names in area III (goals 2.1–2.5),
published with small PDFs made here by WeasyPrint, and the published work programmes."""

from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import transaction
from django.utils.html import escape

from outreach.library import services
from outreach.library.selectors import goal_choices
from outreach.models import Publication, PublicationKind
from pzss.core.models import Area
from pzss.lib.pdf import render_pdf

INSTITUTE = "Покрајински завод за социјалну заштиту"

REPORTS = [
    {
        "number": "2.1",
        "title": "Обједињени извештаји о раду установа за смештај за 2021. годину",
        "kind": PublicationKind.REPORT,
        "abstract": (
            "Три обједињена извештаја о раду установа социјалне заштите у АП Војводини: "
            "установа за одрасле и старије, одрасле са интелектуалним и менталним сметњама "
            "и сензорним тешкоћама; установа за децу и младе (децу и младе са сметњама у "
            "развоју и децу и младе без родитељског старања); и установа за одрасле и "
            "старије у приватном сектору."
        ),
        "files": [
            ("Установе за одрасле и старије", "Установе за одрасле и старије"),
            ("Установе за децу и младе", "Установе за децу и младе"),
            ("Приватни сектор", "Установе за одрасле и старије у приватном сектору"),
        ],
    },
    {
        "number": "2.2",
        "title": (
            "Обједињени извештај о раду центара за социјални рад са територије "
            "АП Војводине за 2021. годину"
        ),
        "kind": PublicationKind.REPORT,
        "abstract": (
            "Извештај обједињује податке 45 центара за социјални рад са територије "
            "АП Војводине о корисницима, мерама, услугама и правима у систему социјалне "
            "заштите и представља основу за планирање стручне подршке центрима."
        ),
    },
    {
        "number": "2.3",
        "title": (
            "Обједињени извештај о раду лиценцираних организација социјалне заштите које "
            "пружају услуге на локалном нивоу у АП Војводини"
        ),
        "kind": PublicationKind.REPORT,
        "abstract": (
            "Преглед услуга социјалне заштите на локалном нивоу које пружају лиценциране "
            "организације у АП Војводини: корисници, обим и доступност услуга."
        ),
    },
    {
        "number": "2.4",
        "title": (
            "Насиље у породици и према женама у партнерским односима у АП Војводини: "
            "статистички извештаји за 2021. годину"
        ),
        "kind": PublicationKind.ANALYSIS,
        "abstract": (
            "Праћење и евиденција случајева насиља у породици и према женама у партнерским "
            "односима: једномесечни статистички извештаји за Покрајински секретаријат за "
            "социјалну политику, демографију и равноправност полова, из података које "
            "центри за социјални рад достављају два пута месечно."
        ),
    },
    {
        "number": "2.5",
        "title": (
            "Обједињени годишњи извештај о спровођењу интерног мониторинга и евалуације "
            "квалитета пружених услуга"
        ),
        "kind": PublicationKind.ANALYSIS,
        "abstract": (
            "Годишњи извештај о томе како лиценциране организације социјалне заштите у "
            "АП Војводини спроводе интерни мониторинг и евалуацију квалитета услуга које "
            "пружају, са препорукама за унапређење."
        ),
    },
]


def _pdf(title: str, subtitle: str, abstract: str) -> bytes:
    html = f"""<!DOCTYPE html><html lang="sr-Cyrl"><head><meta charset="utf-8">
<style>@page {{ size: A4; margin: 25mm 20mm; @bottom-center {{ content: counter(page); }} }}
body {{ font-family: "DejaVu Sans", sans-serif; font-size: 11pt; line-height: 1.45; }}
h1 {{ font-size: 17pt; color: #1d3f72; }} .note {{ color: #555; font-size: 9pt; }}</style>
</head><body>
<p>{INSTITUTE}<br>Нови Сад, 2021.</p>
<h1>{escape(title)}</h1>
{f"<h2>{escape(subtitle)}</h2>" if subtitle else ""}
<p>{escape(abstract)}</p>
<p>Извештај је израђен у оквиру истраживачко-аналитичког рада Завода, према Програму
рада за 2021. годину (област III, циљ 2). Завод ће јачати сарадњу и размену података
са центрима за социјални рад, установама и пружаоцима услуга.</p>
<p class="note">Ово је демонстрациони примерак: подаци у њему нису стварни.</p>
</body></html>"""
    content, _pages = render_pdf(html)
    return content


def _goal():
    return (
        goal_choices()
        .filter(
            section__revision__programme__year=2021,
            section__area=Area.RESEARCH,
            number__startswith="2",
        )
        .first()
    )


def load_library_demo() -> str:
    created = 0
    goal = _goal()
    for report in REPORTS:
        if Publication.objects.filter(title=report["title"]).exists():
            continue
        with transaction.atomic():
            publication = services.publication_create(
                user=None,
                data={
                    "title": report["title"],
                    "kind": report["kind"],
                    "year": 2021,
                    "abstract": report["abstract"],
                    "area": Area.RESEARCH,
                    "goal": goal,
                },
            )
            for label, subtitle in report.get("files", [(None, "")]):
                content = _pdf(report["title"], subtitle, report["abstract"])
                upload = SimpleUploadedFile(
                    f"izvestaj-{report['number']}.pdf", content, content_type="application/pdf"
                )
                services.publication_file_add(
                    user=None, publication=publication, upload=upload, label=label or ""
                )
            services.publication_publish(user=None, publication=publication)
        created += 1
    programmes = services.library_catch_up()
    return (
        f"Library: {created} demo publications added, "
        f"{programmes} published work programme(s) in the library"
    )
