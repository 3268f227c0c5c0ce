"""The demo's news: the items of the institute's own news page (seeds/activities-news-
page.txt), with their Serbian tidied (Cyrillic letters where the page had Latin look-alikes,
Serbian quotation marks, dates written 04.10.2019.), and the demo's media appearances."""

import datetime as dt

from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils import timezone

from outreach import services
from outreach.models import MediaAppearance, MediaKind, NewsItem
from pzss.core.models import Activity, ActivityKind, Area

# (publication date, area, title, lead, body). The page gives no time for the focus groups
# and the district seminars; their dates keep the page's order (newest first).
NEWS = [
    (
        dt.date(2019, 10, 31),
        Area.RESEARCH,
        "Одржане четири фокус групе са представницима ЦСР и ЦПСУ",
        "Током октобра одржане су четири фокус групе са представницима центара за "
        "социјални рад и центара за породични смештај и усвојење из целе Републике Србије.",
        "Током октобра месеца одржане су четири фокус групе са представницима ЦСР и ЦПСУ "
        "на територији Републике Србије. Фокус групе одржане су на Златибору, у Београду, "
        "Новом Саду и Лесковцу и обухватиле су представнике ЦСР и ЦПСУ из општина које су, "
        "према анализи података из годишњих извештаја коју је сачинио Покрајински завод, у "
        "периоду од 2015. до 2018. године имале значајно исподпросечан или значајно "
        "изнадпросечан број деце издвојене из биолошке породице у односу на републички "
        "просек.",
    ),
    (
        dt.date(2019, 10, 4),
        Area.SUPPORT,
        "Реализован округли сто за супервизоре у ЦСР Стара Пазова",
        "Трећа групна супервизија групе 4 у 2019. години одржана је 04.10.2019. у ЦСР "
        "Стара Пазова, у форми округлог стола.",
        "У организацији ЦСР Стара Пазова 04.10.2019. реализована је трећа групна "
        "супервизија групе 4 у 2019. години у форми округлог стола под називом „Вештине "
        "доношења одлука у стручном раду супервизора и водитеља случаја“. Присуствовали су "
        "супервизори ЦСР Ириг, Инђија, Сремска Митровица, Рума, Пећинци, Стара Пазова и "
        "Шид, директорка и саветнице ПЗСЗ.",
    ),
    (
        dt.date(2019, 10, 1),
        Area.SUPPORT,
        "Реализован округли сто за супервизоре групе 2 у ЦСР Сомбор",
        "Трећа групна супервизија групе 2 у 2019. години одржана је 01.10.2019. у ЦСР "
        "Сомбор, у форми округлог стола.",
        "У ЦСР Сомбор 01.10.2019. одржана је трећа групна супервизија групе 2 у 2019. "
        "години, у форми округлог стола под називом „Концепт резилијентности у "
        "супервизији“. Присуствовали су супервизори ЦСР Врбас, Апатин, Кула, Бачка Топола, "
        "Бачки Петровац, Бач, Србобран, Нови Сад и Суботица и саветнице ПЗСЗ.",
    ),
    (
        dt.date(2019, 9, 30),
        Area.OUTREACH,
        "Одржана национална конференција „Сарадњом до одрживог развоја – Агенда 2030 – Нови Сад“",
        "Покрајински завод за социјалну заштиту учествовао је у организацији националне "
        "конференције о Агенди 2030, одржане 30.09.2019. у Новом Саду.",
        "У понедељак 30.09.2019. у Новом Саду одржана је национална конференција "
        "„Сарадњом до одрживог развоја – Агенда 2030 – Нови Сад“, у чијој организацији је "
        "учествовао Покрајински завод за социјалну заштиту у сарадњи са партнерима: "
        "Покрајинским секретаријатом за социјалну политику, демографију и равноправност "
        "полова, Сталном конференцијом градова и општина (СКГО), Градом Новим Садом и "
        "регионалним пројектом „Социјална права за осетљиве групе“ (СоРи) Немачке развојне "
        "сарадње, који спроводи Deutsche Gesellschaft für Internationale Zusammenarbeit "
        "(GIZ) GmbH.",
    ),
    (
        dt.date(2019, 9, 20),
        Area.SUPPORT,
        "Одржане регионалне радионице „Социјална заштита у јединицама локалне самоуправе“",
        "У сарадњи са Сталном конференцијом градова и општина и Републичким заводом за "
        "социјалну заштиту одржано је пет окружних семинара за представнике општина.",
        "У сарадњи са Сталном конференцијом градова и општина и Републичким заводом за "
        "социјалну заштиту одржано је пет регионалних радионица (окружних семинара) на тему "
        "„Социјална заштита у јединицама локалне самоуправе“: у Зрењанину за Средњобанатски "
        "управни округ, у Кикинди за Севернобанатски округ, у Сомбору, где су се окупиле "
        "општине Севернобачког и Западнобачког округа, у Новом Саду за Јужнобачки округ и у "
        "Панчеву, где су се окупили представници Јужнобанатског округа. Окружни семинари су "
        "део пројекта који реализује СКГО уз подршку Владе Швајцарске.\n\n"
        "Учесници скупа били су представници свих општина са подручја свих округа, "
        "доносиоци одлука и они који раде на пословима социјалне заштите у својим локалним "
        "заједницама.",
    ),
]

OUTLETS = [
    ("РТВ", MediaKind.TV, "Права корисника социјалне заштите"),
    ("Радио Нови Сад", MediaKind.RADIO, "Хранитељство у АП Војводини"),
    ("Дневник", MediaKind.PRINT, "Услуге социјалне заштите у локалној заједници"),
]


@transaction.atomic
def load_demo_news() -> tuple[int, int]:
    """The seed's news, published at their dates, and the fields of the demo's media
    appearances. Running it again changes nothing."""
    User = get_user_model()
    editor = User.objects.filter(username="savetnica").first()
    news = 0
    for day, area, title, lead, body in NEWS:
        if NewsItem.objects.filter(title=title).exists():
            continue
        when = timezone.make_aware(dt.datetime.combine(day, dt.time(12, 0)))
        services.news_create(
            user=editor,
            data={
                "title": title,
                "lead": lead,
                "body": body,
                "picture_alt": "",
                "area": area,
                "published_at": when,
            },
            publish=True,
        )
        news += 1
    appearances = 0
    media = Activity.objects.filter(kind=ActivityKind.MEDIA_APPEARANCE, media_appearance=None)
    for n, activity in enumerate(media.order_by("start_date", "id")):
        outlet, kind, topic = OUTLETS[n % len(OUTLETS)]
        appearance = MediaAppearance.objects.create(
            activity=activity, outlet=outlet, media_kind=kind, topic=topic
        )
        appearance.speakers.set(list(activity.responsible.all()))
        appearances += 1
    return news, appearances
