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
