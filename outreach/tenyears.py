"""Ten years of area IV for the benchmarks (`manage.py build_ten_years` asks every app):
60 news items a year and 20 publications a year, each with a file whose extracted text
is some 3,000 words — what the public news list, the library and search read at ten
years. Bulk inserts: no signal runs, so the benchmark rebuilds the search index after."""

import datetime as dt

from django.db import transaction
from django.utils import timezone

from outreach.models import (
    NewsItem,
    NewsStatus,
    Publication,
    PublicationFile,
    PublicationKind,
    PublicationStatus,
    TextStatus,
)
from pzss.core.models import Area

MARK = "[10y]"
NEWS_A_YEAR = 60
PUBLICATIONS_A_YEAR = 20
TOPICS = ["вештине доношења одлука", "процена ризика", "хранитељство", "заштита од насиља",
          "супервизија у пракси", "услуге у заједници", "мотивација запослених",
          "деца са сметњама у развоју", "саветовање породице", "резилијентност"]  # fmt: skip
PLACES = ["ЦСР Врбас", "ЦСР Апатин", "ЦСР Сомбор", "ЦСР Стара Пазова", "ЦСР Зрењанин",
          "ЦСР Кикинда", "ЦСР Панчево", "ЦСР Нови Сад", "ЦСР Рума", "ЦСР Сента"]  # fmt: skip
SENTENCES = [
    "Анализа обухвата податке центара за социјални рад у АП Војводини.",
    "Посебна пажња посвећена је деци и младима без родитељског старања.",
    "Препоруке се односе на унапређење стручног рада и супервизије.",
    "Подаци су прикупљени упитником и фокус групама са стручним радницима.",
    "Извештај приказује кретање броја корисника по управним окрузима.",
    "Закључци су представљени на округлом столу са супервизорима.",
    "Услуге у заједници развијају се неравномерно у јединицама локалне самоуправе.",
    "Завод је пружио стручну подршку у појединачним случајевима.",
]
KINDS = [PublicationKind.REPORT, PublicationKind.ANALYSIS, PublicationKind.RESEARCH_RESULTS,
         PublicationKind.GUIDE, PublicationKind.LEAFLET]  # fmt: skip


def build(rng, *, years: int = 10) -> str:
    if NewsItem.objects.filter(title__startswith=MARK).exists():
        return "Area IV's ten years are there already."
    this_year = timezone.localdate().year
    news, publications, files = [], [], []
    today = timezone.localdate()
    for year in range(this_year - years + 1, this_year + 1):
        # This year's news are all in the past: published, not scheduled.
        days = 360 if year < this_year else max(1, (today - dt.date(year, 1, 1)).days)
        for n in range(NEWS_A_YEAR):
            topic, place = rng.choice(TOPICS), rng.choice(PLACES)
            when = timezone.make_aware(
                dt.datetime(year, 1, 1, 10) + dt.timedelta(days=rng.randrange(days))
            )
            news.append(
                NewsItem(
                    title=f"{MARK} Одржан округли сто „{topic}“ у {place}",
                    year=year,
                    slug=f"10y-{year}-{n}",
                    lead=f"У {place} одржан је округли сто на тему „{topic}“.",
                    body="".join(
                        f"<p>{rng.choice(SENTENCES)}</p>" for _ in range(rng.randint(3, 8))
                    ),
                    area=rng.choice(list(Area)).value,
                    status=NewsStatus.PUBLISHED,
                    published_at=when,
                    public_since=when,
                )
            )
        for n in range(PUBLICATIONS_A_YEAR):
            topic = rng.choice(TOPICS)
            publications.append(
                Publication(
                    title=f"{MARK} Извештај: {topic}, {year}. година ({n + 1})",
                    slug=f"10y-{year}-{n}",
                    kind=rng.choice(KINDS),
                    year=year,
                    abstract=" ".join(rng.choice(SENTENCES) for _ in range(4)),
                    area=Area.RESEARCH.value,
                    status=PublicationStatus.PUBLISHED,
                    published_at=timezone.make_aware(dt.datetime(year, 12, 1, 12)),
                )
            )
    with transaction.atomic():
        NewsItem.objects.bulk_create(news, batch_size=1000)
        Publication.objects.bulk_create(publications, batch_size=1000)
        for publication in Publication.objects.filter(title__startswith=MARK):
            files.append(
                PublicationFile(
                    publication=publication,
                    label="PDF",
                    # A name only: the benchmarks read the pages, never download it.
                    file=f"publications/10y/{publication.slug}.pdf",
                    size=120_000,
                    original_name=f"{publication.slug}.pdf",
                    text=" ".join(rng.choice(SENTENCES) for _ in range(300)),
                    text_status=TextStatus.DONE,
                )
            )
        PublicationFile.objects.bulk_create(files, batch_size=500)
    return f"Area IV: {len(news)} news items, {len(publications)} publications with their text."
