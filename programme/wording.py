"""The fixed wording of the programme *document*: letterhead, "Број:", the contents
heading, the words for planned quantities and time frames.

This is not interface text. The programme is an official document of the institute,
written and adopted in Serbian; its PDF and the body of its web page read the same
whatever language the reader chose for the interface (only the script follows the
reader, through the `|script` filter). Interface strings around it (buttons, labels,
messages) are translated as everywhere else.
"""

from pzss.core.models import Area

LETTERHEAD = [
    "РЕПУБЛИКА СРБИЈА",
    "АУТОНОМНА ПОКРАЈИНА ВОЈВОДИНА",
    "ПОКРАЈИНСКИ ЗАВОД ЗА СОЦИЈАЛНУ ЗАШТИТУ",
]

LABELS = {
    "number": "Број",
    "date": "Датум",
    "year_suffix": "године",
    "contents": "САДРЖАЈ",
    "introduction": "УВОД",
    "targets": "Планирани задаци",
    "col_target": "Задатак",
    "col_planned": "Планирано",
    "col_time": "Време реализације",
    "col_responsible": "Одговорни",
    "col_indicator": "Показатељ успешности",
    "qualitative": "квалитативни",
    "phone": "Тел",
    "page": "Страна",
    "revision": "Измена",
    "board_decision": "Усвојен Одлуком Управног одбора број",
    "of": "од",
    "added_note": (
        "Време реализације и показатељи означени звездицом (*) нису део текста програма "
        "који је Завод усвојио: додати су у порталу ради праћења реализације."
    ),
}

AREA_TITLES = {
    Area.SUPPORT: "Стручна подршка",
    Area.TRAINING: "Професионална обука",
    Area.RESEARCH: "Истраживачко-аналитички рад",
    Area.OUTREACH: "Информисање, промоција и подршка",
}

# Serbian has three forms after a number: one (1, 21), few (2–4, 22–24), many.
UNIT_FORMS = {
    "events": ("догађај", "догађаја", "догађаја"),
    "groups": ("група", "групе", "група"),
    "visits": ("посета", "посете", "посета"),
    "reports": ("извештај", "извештаја", "извештаја"),
    "participants": ("учесник", "учесника", "учесника"),
    "students": ("студент", "студента", "студената"),
    "hours": ("сат", "сата", "сати"),
    "programmes": ("програм", "програма", "програма"),
    "times_a_month": ("пут месечно", "пута месечно", "пута месечно"),
    "plans": ("план", "плана", "планова"),
}
# The programme's own qualifiers of a quantity (Bound): "најмање 1 група".
BOUND_WORDS = {"exact": "", "at_least": "најмање", "at_most": "највише"}

MONTHS = [
    "јануар",
    "фебруар",
    "март",
    "април",
    "мај",
    "јун",
    "јул",
    "август",
    "септембар",
    "октобар",
    "новембар",
    "децембар",
]
QUARTERS = ["I", "II", "III", "IV"]


def plural_form(n: int) -> int:
    if n % 10 == 1 and n % 100 != 11:
        return 0
    if 2 <= n % 10 <= 4 and not 12 <= n % 100 <= 14:
        return 1
    return 2


def quantity_text(quantity: int | None, unit: str, bound: str = "exact") -> str:
    """ "9 посета", "најмање 1 група", "највише 10 студената"; empty for a qualitative
    target."""
    if quantity is None or unit not in UNIT_FORMS:
        return ""
    text = f"{quantity} {UNIT_FORMS[unit][plural_form(quantity)]}"
    return f"{BOUND_WORDS.get(bound, '')} {text}".strip()


def time_frame_text(start_month: int, end_month: int) -> str:
    """Quarters when the months fall on quarter boundaries ("I–IV квартал"), months
    otherwise ("март–мај")."""
    if (start_month - 1) % 3 == 0 and end_month % 3 == 0:
        first, last = (start_month - 1) // 3, (end_month - 1) // 3
        if first == last:
            return f"{QUARTERS[first]} квартал"
        return f"{QUARTERS[first]}–{QUARTERS[last]} квартал"
    if start_month == end_month:
        return MONTHS[start_month - 1]
    return f"{MONTHS[start_month - 1]}–{MONTHS[end_month - 1]}"


# The realisation report's own words (the document is Serbian, like the programme).
REPORT_LABELS = {
    **LABELS,
    "title": "Извештај о реализацији Програма рада за {year}. годину",
    "based_on": "према Програму рада за {year}. годину",
    "draft": "НАЦРТ — извештај још није поднет ни одобрен",
    "introduction": "УВОД",
    "totals": "РЕАЛИЗАЦИЈА У БРОЈКАМА",
    "total_held": "Одржане активности које реализују програм",
    "total_participations": "Учешћа (учесници по активности)",
    "total_people": "Обухваћене особе (различите)",
    "total_institutions": "Обухваћене установе",
    "total_municipalities": "Обухваћене општине",
    "total_targets": "Задаци програма",
    "total_reached": "Остварени задаци (од задатака са бројем)",
    "map": "Општине у којима су одржане активности достигле установе",
    "map_table": "Одржане активности по општинама",
    "municipality": "Општина",
    "held_activities": "Одржане активности",
    "area_intro": "Увод области",
    "closing": "Завршни део програма",
    "col_target": "Задатак",
    "col_planned": "Планирано",
    "col_realised": "Остварено",
    "col_percent": "%",
    "col_state": "Стање",
    "notes": "Белешке по кварталима",
    "quarter": "квартал",
    "done": "Одржано",
    "nothing_done": "Ништа још није одржано.",
    "no_targets": "Област нема задатака.",
    "unplanned": "НЕПЛАНИРАНЕ АКТИВНОСТИ",
    "unplanned_text": (
        "Одржане активности које не реализују ниједан задатак програма, а нису означене "
        "као активности ван програма."
    ),
    "outside": "АКТИВНОСТИ ВАН ПРОГРАМА",
    "outside_text": (
        "Одржане активности које је Завод означио као активности ван програма, са разлогом."
    ),
    "none": "Нема.",
    "col_date": "Датум",
    "col_title": "Назив",
    "col_kind": "Врста",
    "col_area": "Област",
    "col_municipality": "Општина",
    "col_targets": "Задатак програма",
    "col_participants": "Учесника",
    "col_reason": "Разлог",
    "online": "онлајн",
    "summary": "ЗАКЉУЧАК",
    "annex": "ПРИЛОГ: ОДРЖАНЕ АКТИВНОСТИ У {year}. ГОДИНИ",
    "annex_text": "Све одржане активности године, по датуму, са задацима програма које реализују.",
    "area": "област",
    "in_intro": "увод",
    "in_closing": "завршни део",
}

# A target's state in the document's words (programme.realisation.state_of).
STATE_WORDS = {
    "reached": "остварено",
    "in_progress": "у току",
    "not_started": "није започето",
    "over_limit": "изнад највише планираног",
    "qualitative": "квалитативни",
    "not_comparable": "само број",
}

TARGET_REF_CHARS = 60


def target_reference(target) -> str:
    """Where a target stands in the programme, and its start: "I 1.2. Радне посете
    ЦСР…" (an area's own: "IV увод: …"). Reads the target's goal and section as
    fetched."""
    if target.goal_id:
        place = f"{target.goal.section.roman} {target.goal.number}"
    else:
        part = REPORT_LABELS["in_intro"] if target.part == "area" else REPORT_LABELS["in_closing"]
        place = f"{target.section.roman} {part}:"
    text = target.description
    if len(text) > TARGET_REF_CHARS:
        text = text[: TARGET_REF_CHARS - 1].rsplit(" ", 1)[0] + "…"
    return f"{place} {text}"
