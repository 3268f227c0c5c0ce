"""Reference data: the districts, municipalities and institutions of AP Vojvodina, and the
institute's standing groups. Names are stored in Cyrillic, as the institute writes them.
Loading is idempotent: run it as often as you like (`manage.py load_reference`)."""

from django.db import transaction

from pzss.core.models import District, Institution, InstitutionKind, Municipality, StandingGroup

# (district, seat, [(municipality, is_city), ...]) — 7 districts, 45 municipalities and cities.
DISTRICTS: list[tuple[str, str, list[tuple[str, bool]]]] = [
    (
        "Севернобачки управни округ",
        "Суботица",
        [
            ("Суботица", True),
            ("Бачка Топола", False),
            ("Мали Иђош", False),
        ],
    ),
    (
        "Средњобанатски управни округ",
        "Зрењанин",
        [
            ("Зрењанин", True),
            ("Житиште", False),
            ("Нова Црња", False),
            ("Нови Бечеј", False),
            ("Сечањ", False),
        ],
    ),
    (
        "Севернобанатски управни округ",
        "Кикинда",
        [
            ("Кикинда", True),
            ("Ада", False),
            ("Кањижа", False),
            ("Нови Кнежевац", False),
            ("Сента", False),
            ("Чока", False),
        ],
    ),
    (
        "Јужнобанатски управни округ",
        "Панчево",
        [
            ("Панчево", True),
            ("Вршац", True),
            ("Алибунар", False),
            ("Бела Црква", False),
            ("Ковачица", False),
            ("Ковин", False),
            ("Опово", False),
            ("Пландиште", False),
        ],
    ),
    (
        "Западнобачки управни округ",
        "Сомбор",
        [
            ("Сомбор", True),
            ("Апатин", False),
            ("Кула", False),
            ("Оџаци", False),
        ],
    ),
    (
        "Јужнобачки управни округ",
        "Нови Сад",
        [
            ("Нови Сад", True),
            ("Бач", False),
            ("Бачка Паланка", False),
            ("Бачки Петровац", False),
            ("Беочин", False),
            ("Бечеј", False),
            ("Врбас", False),
            ("Жабаљ", False),
            ("Србобран", False),
            ("Сремски Карловци", False),
            ("Темерин", False),
            ("Тител", False),
        ],
    ),
    (
        "Сремски управни округ",
        "Сремска Митровица",
        [
            ("Сремска Митровица", True),
            ("Инђија", False),
            ("Ириг", False),
            ("Пећинци", False),
            ("Рума", False),
            ("Стара Пазова", False),
            ("Шид", False),
        ],
    ),
]

# Institutions the institute's documents name, besides the 45 centres for social work.
OTHER_INSTITUTIONS: list[tuple[str, str, str, str | None]] = [
    # (name, short name, kind, municipality)
    ("Покрајински завод за социјалну заштиту", "ПЗСЗ", InstitutionKind.OTHER, "Нови Сад"),
    ("Дом за децу и младе Сомбор", "", InstitutionKind.CHILDREN_HOME, "Сомбор"),
    ("Дом за децу и младе Сремска Каменица", "", InstitutionKind.CHILDREN_HOME, "Нови Сад"),
    ("Дом за децу и младе Бела Црква", "", InstitutionKind.CHILDREN_HOME, "Бела Црква"),
    ("Дом за децу и младе Панчево", "", InstitutionKind.CHILDREN_HOME, "Панчево"),
    (
        "Центар за породични смештај и усвојење Нови Сад",
        "ЦПСУ Нови Сад",
        InstitutionKind.FOSTER_CENTRE,
        "Нови Сад",
    ),
    (
        "Покрајински секретаријат за социјалну политику, демографију и равноправност полова",
        "ПССПДРП",
        InstitutionKind.SECRETARIAT,
        "Нови Сад",
    ),
    (
        "Министарство за рад, запошљавање, борачка и социјална питања",
        "Министарство",
        InstitutionKind.MINISTRY,
        None,
    ),
    ("Републички завод за социјалну заштиту", "РЗСЗ", InstitutionKind.REPUBLIC_INSTITUTE, None),
    (
        "Филозофски факултет Универзитета у Новом Саду – студијски програм социјалног рада",
        "Филозофски факултет",
        InstitutionKind.FACULTY,
        "Нови Сад",
    ),
    ("Новосадски хуманитарни центар", "НСХЦ", InstitutionKind.PARTNER, "Нови Сад"),
    ("Комора социјалне заштите", "Комора", InstitutionKind.CHAMBER, None),
    ("Стална конференција градова и општина", "СКГО", InstitutionKind.PARTNER, None),
    ("Републички завод за статистику", "РЗС", InstitutionKind.OTHER, None),
    ("Град Нови Сад", "", InstitutionKind.LOCAL_GOVERNMENT, "Нови Сад"),
]

# Supervisor groups 2 and 4 as the news page lists them; groups 1 and 3 by district.
SUPERVISOR_GROUPS: dict[int, list[str]] = {
    1: [
        "Зрењанин",
        "Житиште",
        "Нова Црња",
        "Нови Бечеј",
        "Сечањ",
        "Кикинда",
        "Ада",
        "Кањижа",
        "Нови Кнежевац",
        "Сента",
        "Чока",
    ],
    2: [
        "Сомбор",
        "Врбас",
        "Апатин",
        "Кула",
        "Бачка Топола",
        "Бачки Петровац",
        "Бач",
        "Србобран",
        "Нови Сад",
        "Суботица",
    ],
    3: [
        "Панчево",
        "Вршац",
        "Алибунар",
        "Бела Црква",
        "Ковачица",
        "Ковин",
        "Опово",
        "Пландиште",
        "Мали Иђош",
        "Оџаци",
        "Бачка Паланка",
        "Беочин",
        "Бечеј",
        "Жабаљ",
        "Сремски Карловци",
        "Темерин",
        "Тител",
    ],
    4: ["Ириг", "Инђија", "Сремска Митровица", "Рума", "Пећинци", "Стара Пазова", "Шид"],
}

# Lawyers' groups by district.
LAWYER_GROUPS: dict[int, list[str]] = {
    1: ["Јужнобачки управни округ"],
    2: [
        "Севернобачки управни округ",
        "Западнобачки управни округ",
        "Севернобанатски управни округ",
    ],
    3: ["Средњобанатски управни округ", "Јужнобанатски управни округ"],
    4: ["Сремски управни округ"],
}


def csw_name(municipality: str) -> str:
    return f"ЦСР {municipality}"


@transaction.atomic
def load_reference() -> dict[str, int]:
    municipalities: dict[str, Municipality] = {}
    for order, (district_name, seat, items) in enumerate(DISTRICTS, start=1):
        district, _ = District.objects.update_or_create(
            name=district_name, defaults={"seat": seat, "order": order}
        )
        for name, is_city in items:
            municipality, _ = Municipality.objects.update_or_create(
                name=name, defaults={"district": district, "is_city": is_city}
            )
            municipalities[name] = municipality
            Institution.objects.update_or_create(
                name=csw_name(name),
                defaults={
                    "kind": InstitutionKind.CSW,
                    "municipality": municipality,
                    "short_name": csw_name(name),
                },
            )
    for name, short, kind, municipality in OTHER_INSTITUTIONS:
        Institution.objects.update_or_create(
            name=name,
            defaults={
                "short_name": short,
                "kind": kind,
                "municipality": municipalities.get(municipality) if municipality else None,
            },
        )

    csws = {
        i.municipality.name: i
        for i in Institution.objects.filter(kind=InstitutionKind.CSW).select_related(
            "municipality__district"
        )
    }
    for number, names in SUPERVISOR_GROUPS.items():
        group, created = StandingGroup.objects.get_or_create(
            name=f"Група супервизора {number}",
            defaults={"kind": StandingGroup.Kind.SUPERVISORS, "number": number},
        )
        if created:  # editable afterwards: never overwrite what staff changed
            group.institutions.set([csws[n] for n in names])
    for number, districts in LAWYER_GROUPS.items():
        group, created = StandingGroup.objects.get_or_create(
            name=f"Група правника {number}",
            defaults={"kind": StandingGroup.Kind.LAWYERS, "number": number},
        )
        if created:
            group.institutions.set(
                [i for i in csws.values() if i.municipality.district.name in districts]
            )
    return {
        "districts": District.objects.count(),
        "municipalities": Municipality.objects.count(),
        "institutions": Institution.objects.count(),
        "standing_groups": StandingGroup.objects.count(),
    }
