"""Reading the institute's programme text (as in programme/fixtures/) into a structure.

The text is the programme as the institute writes it: a letterhead, "Број:" and
"Датум:" lines, the title in bold, a table of contents, "УВОД", four area headings
("I СТРУЧНА ПОДРШКА" …), numbered goals ("1. Title", "2.1. Title", or a numbered
paragraph "4.1 Завод ће …", also as a list item "- 2.1 …"), and the signature
(title, then name) at the end.

Targets are not guessed from prose: a targets file lists them, one a line, each naming
its area, its goal and a phrase that must occur in that goal's text, so every target is
anchored in the text it comes from. A commitment made outside the numbered goals names,
instead of a goal, `intro` (the area's introduction) or `closing` (the programme's
closing text), and quotes that text. Either file that cannot be read stops the import
with the line number and the reason, before anything is saved.
"""

import datetime as dt
import re
from dataclasses import dataclass, field

from programme.models import GOAL_NUMBER_RE, Bound, TargetPart, Unit
from programme.wording import AREA_TITLES
from pzss.core.models import ActivityKind, Area


class ImportError_(Exception):  # noqa: N801 - not the builtin ImportError
    """A line that could not be read."""

    def __init__(self, line_no: int, line: str, reason: str, source: str = "") -> None:
        self.line_no = line_no
        self.line = line
        self.reason = reason
        self.source = source
        where = f"{source}, line {line_no}" if source else f"line {line_no}"
        super().__init__(f"{where}: {reason}: {line.strip()[:120]!r}")


ProgrammeImportError = ImportError_


@dataclass
class ParsedTarget:
    description: str
    kind: str
    bound: str
    quantity: int | None
    unit: str
    start_month: int
    end_month: int
    indicator: str
    line_no: int
    time_frame_stated: bool = True
    indicator_stated: bool = True
    part: str = TargetPart.GOAL


@dataclass
class ParsedGoal:
    number: str
    title: str
    text: str
    line_no: int
    targets: list[ParsedTarget] = field(default_factory=list)


@dataclass
class ParsedSection:
    area: int
    title: str
    text: str
    line_no: int
    goals: list[ParsedGoal] = field(default_factory=list)
    # The area's own targets: of its introduction, or of the closing text (`part`).
    targets: list[ParsedTarget] = field(default_factory=list)


@dataclass
class ParsedProgramme:
    year: int
    doc_number: str
    doc_date: dt.date
    title: str
    place: str
    introduction: str
    signatory: str
    signatory_title: str
    sections: list[ParsedSection]
    closing: str = ""
    # What the text's own letterhead says (lines, address, phone, email, web).
    letterhead: dict = field(default_factory=dict)

    def section(self, area: int) -> ParsedSection | None:
        return next((s for s in self.sections if s.area == area), None)

    def goal(self, area: int, number: str) -> ParsedGoal | None:
        key = number.rstrip(".")
        section = self.section(area)
        for goal in section.goals if section else ():
            if goal.number.rstrip(".") == key:
                return goal
        return None


ROMAN = {"I": 1, "II": 2, "III": 3, "IV": 4}
SECTION_RE = re.compile(r"^(?P<roman>[IVX]{1,4})\.?\s+(?P<title>\S.*)$")
GOAL_RE = re.compile(
    r"^(?:-\s+)?(?P<number>\d{1,2}(?:\.\d{1,2}){0,2})(?P<dot>\.?)\s+(?P<rest>\S.*)$"
)
TOC_RE = re.compile(r"^.+?(?:\t|\.{2,}|\s{2,}|\s)\s*\d{1,3}$")
NUMBER_RE = re.compile(r"^Број:\s*(?P<value>\S.*)$")
DATE_RE = re.compile(r"^Датум:\s*(?P<d>\d{1,2})\.\s*(?P<m>\d{1,2})\.\s*(?P<y>\d{4})\.?")
TITLE_YEAR_RE = re.compile(r"за\s+(?P<year>\d{4})\.\s*годину")
CONTACT_RE = re.compile(r"^(?P<key>Тел|e-mail|E-mail):\s*(?P<value>\S.*)$")
CONTACT_KEYS = {"тел": "phone", "e-mail": "email"}
PLACE_RE = re.compile(r"^(?P<place>[А-ЯЂЈЉЊЋЏ][^,\d]{1,40}),\s+\S.*\d")
# A paragraph ends on one of these; one that doesn't, followed by one starting in lower
# case, is a paragraph cut by a page break in the source.
TERMINAL = tuple('.:;!?“”"»)')
TITLE_MAX = 160


def _normalise(text: str) -> str:
    text = re.sub(r"\s*-\s*", "-", text)
    return re.sub(r"\s+", " ", text).strip().lower()


def _paragraphs(lines: list[tuple[int, str]]) -> list[tuple[int, str]]:
    """Blocks of consecutive non-blank lines (kept as lines), with their first line
    number; paragraphs cut by a page break are joined again."""
    blocks: list[tuple[int, list[str]]] = []
    current: list[str] = []
    start = 0
    for line_no, raw in lines:
        line = raw.strip()
        if not line:
            if current:
                blocks.append((start, current))
                current = []
            continue
        if current and line.startswith("- "):
            # Each list item is a paragraph of its own (a numbered item is a goal).
            blocks.append((start, current))
            current = []
        if not current:
            start = line_no
        current.append(line)
    if current:
        blocks.append((start, current))

    joined: list[tuple[int, str]] = []
    for start, block in blocks:
        text = "\n".join(block)
        if joined:
            prev_no, prev = joined[-1]
            if not prev.endswith(TERMINAL) and text[:1].islower():
                joined[-1] = (prev_no, f"{prev} {text}")
                continue
        joined.append((start, text))
    return joined


def parse_programme(text: str, *, year: int | None = None, source: str = "") -> ParsedProgramme:
    lines = text.splitlines()

    def fail(line_no: int, reason: str) -> ImportError_:
        line = lines[line_no - 1] if 0 < line_no <= len(lines) else ""
        return ImportError_(line_no, line, reason, source)

    # 1. The header, up to the table of contents (or the introduction).
    doc_number = ""
    doc_date = None
    title = ""
    place = "Нови Сад"
    letterhead: dict = {}
    bold: list[str] | None = None
    i = 0
    header_end = None
    while i < len(lines):
        line_no, line = i + 1, lines[i].strip()
        plain = line.replace("**", "").strip()
        if bold is None and plain in {"САДРЖАЈ", "УВОД"} and line.count("**") == 0:
            header_end = i
            break
        if line.startswith("**"):
            bold = []
        if bold is not None:
            bold.append(plain)
            if line.endswith("**") and (len(line) > 2 or len(bold) > 1):
                block = " ".join(b for b in bold if b)
                if "Програм" in block:
                    title = re.sub(r"\s+", " ", block).strip()
                elif len(bold) > 1:
                    letterhead["lines"] = [b for b in bold if b]  # the last such block
                bold = None
            i += 1
            continue
        if m := NUMBER_RE.match(plain):
            doc_number = m["value"].strip()
        elif plain.startswith("Датум"):
            m = DATE_RE.match(plain)
            if not m:
                raise fail(line_no, "the date is not written as 14.12.2020.")
            try:
                doc_date = dt.date(int(m["y"]), int(m["m"]), int(m["d"]))
            except ValueError as exc:
                raise fail(line_no, f"not a real date ({exc})") from None
        elif m := PLACE_RE.match(plain):
            place = m["place"].strip()
            letterhead["address"] = plain
        elif m := CONTACT_RE.match(plain):
            letterhead[CONTACT_KEYS[m["key"].lower()]] = m["value"].strip()
        elif plain.startswith("www."):
            letterhead["web"] = plain
        i += 1
    if header_end is None:
        raise fail(len(lines), "no table of contents (САДРЖАЈ) or introduction (УВОД) found")
    if bold is not None:
        raise fail(header_end, "a bold block (**) is never closed")
    if not doc_number:
        raise fail(header_end + 1, "the header has no 'Број:' line before this line")
    if doc_date is None:
        raise fail(header_end + 1, "the header has no 'Датум:' line before this line")
    if not title:
        raise fail(header_end + 1, "the header has no title in bold (**Програм рада …**)")
    m = TITLE_YEAR_RE.search(title)
    if not m:
        raise fail(header_end + 1, "the title does not say the year ('за 2021. годину')")
    title_year = int(m["year"])
    if year is not None and year != title_year:
        raise fail(header_end + 1, f"the title is for {title_year}, not for {year}")

    # 2. The table of contents: entries with page numbers, up to УВОД.
    i = header_end
    if lines[i].strip() == "САДРЖАЈ":
        i += 1
        while i < len(lines) and lines[i].strip() != "УВОД":
            entry = lines[i].strip()
            if entry and not TOC_RE.match(entry):
                raise fail(i + 1, "not an entry of the table of contents (title and page)")
            i += 1
        if i == len(lines):
            raise fail(len(lines), "the introduction (УВОД) never starts")
    body_start = i + 1  # after УВОД

    # 3. The body: introduction, areas, goals; the signature closes it.
    paragraphs = _paragraphs([(n + 1, lines[n]) for n in range(body_start, len(lines))])
    if not paragraphs:
        raise fail(len(lines), "the programme has no text after УВОД")
    sig_no, signature = paragraphs.pop()
    sig_lines = signature.split("\n")
    if len(sig_lines) != 2 or any(s.endswith(TERMINAL) or len(s) > 80 for s in sig_lines):
        raise fail(sig_no, "the last lines are not a signature (the title, then the name)")

    intro: list[str] = []
    sections: list[ParsedSection] = []
    expected_area = 1
    for line_no, para in paragraphs:
        first_line = para.split("\n", 1)[0]
        if (m := SECTION_RE.match(first_line)) and first_line == first_line.upper():
            roman = m["roman"]
            if roman not in ROMAN:
                raise fail(line_no, f"{roman} is not one of the four areas I–IV")
            if ROMAN[roman] != expected_area:
                raise fail(line_no, f"expected the heading of area {Area(expected_area).roman}")
            canonical = AREA_TITLES[Area(expected_area)]
            if _normalise(m["title"]) != _normalise(canonical):
                raise fail(line_no, f"the heading of area {roman} should read {canonical!r}")
            sections.append(ParsedSection(expected_area, canonical, "", line_no))
            expected_area += 1
            continue
        if m := GOAL_RE.match(para):
            if not sections:
                raise fail(line_no, "a numbered goal before the heading of area I")
            section = sections[-1]
            number = m["number"]
            key = tuple(int(p) for p in number.split("."))
            if section.goals:
                prev = tuple(int(p) for p in section.goals[-1].number.rstrip(".").split("."))
                if key <= prev:
                    raise fail(
                        line_no, f"goal {number} comes after goal {'.'.join(map(str, prev))}"
                    )
            if len(key) > 1:
                parent = ".".join(map(str, key[:-1]))
                if not any(g.number.rstrip(".") == parent for g in section.goals):
                    raise fail(line_no, f"goal {number} has no goal {parent} above it")
            full_number = number + m["dot"]
            if not GOAL_NUMBER_RE.match(full_number):
                raise fail(line_no, "not a goal number")
            rest = m["rest"].replace("\n", " ").strip()
            if rest.endswith(TERMINAL) or len(rest) > TITLE_MAX:
                goal = ParsedGoal(full_number, "", rest, line_no)  # a numbered paragraph
            else:
                goal = ParsedGoal(full_number, rest, "", line_no)
            section.goals.append(goal)
            continue
        text = para.replace("\n", " ")
        if not sections:
            intro.append(text)
        elif sections[-1].goals:
            goal = sections[-1].goals[-1]
            goal.text = f"{goal.text}\n\n{text}" if goal.text else text
        else:
            section = sections[-1]
            section.text = f"{section.text}\n\n{text}" if section.text else text
    if expected_area != 5:
        raise fail(sig_no, f"area {Area(expected_area).roman} is missing")
    # A numbered paragraph ("4.2 Завод ће …") is one paragraph: what follows the last one
    # of the programme is not part of it but the programme's closing text (2021: the new
    # strategic plan), printed before the signature.
    closing = ""
    last = sections[-1].goals[-1]
    if not last.title and "\n\n" in last.text:
        last.text, closing = last.text.split("\n\n", 1)
    for section in sections:
        if not section.goals:
            raise fail(section.line_no, f"area {Area(section.area).roman} has no numbered goals")

    return ParsedProgramme(
        year=title_year,
        doc_number=doc_number,
        doc_date=doc_date,
        title=title,
        place=place,
        introduction="\n\n".join(intro),
        signatory_title=sig_lines[0],
        signatory=sig_lines[1],
        sections=sections,
        closing=closing,
        letterhead=letterhead,
    )


MONTHS_RE = re.compile(r"^(?P<a>\d{1,2})-(?P<b>\d{1,2})$")
QUANTITY_RE = re.compile(r"^(?:(?P<bound>min|max)\s+)?(?P<n>\d+)$")
BOUNDS = {None: Bound.EXACT, "min": Bound.AT_LEAST, "max": Bound.AT_MOST}
# What the goal field says of a target outside the numbered goals.
AREA_PARTS = {"intro": TargetPart.AREA, "closing": TargetPart.CLOSING}


def parse_targets(text: str, programme: ParsedProgramme, *, source: str = "") -> None:
    """Attach the targets listed in `text` to the goals of `programme`.

    One target a line, fields separated by "|":
    area | goal | kind | quantity | unit | months | phrase from the goal | description |
    indicator — quantity and unit "-" for a qualitative target; a quantity the text
    qualifies as "најмање" / "највише" is written "min 1" / "max 10"; months "1-12".
    Instead of a goal, "intro" names the area's introduction and "closing" the
    programme's closing text (whose target counts the area's activities); the phrase is
    then one of that text.
    """
    kinds = set(ActivityKind.values)
    units = set(Unit.values)
    for n, raw in enumerate(text.splitlines(), start=1):
        line = raw.strip()
        if not line or line.startswith("#"):
            continue

        def fail(reason: str, n=n, raw=raw) -> ImportError_:
            return ImportError_(n, raw, reason, source)

        parts = [p.strip() for p in line.split("|")]
        if len(parts) != 9:
            raise fail(f"expected 9 fields separated by '|', found {len(parts)}")
        roman, number, kind, quantity, unit, months, phrase, description, indicator = parts
        if roman not in ROMAN:
            raise fail(f"{roman!r} is not an area I–IV")
        section = programme.section(ROMAN[roman])
        part = AREA_PARTS.get(number, TargetPart.GOAL)
        goal = None
        if part == TargetPart.AREA:
            where, quoted = f"the introduction of area {roman}", section.text
        elif part == TargetPart.CLOSING:
            where, quoted = "the closing text", programme.closing
        else:
            goal = programme.goal(ROMAN[roman], number)
            if goal is None:
                raise fail(f"area {roman} has no goal {number} (nor is it 'intro' or 'closing')")
            where, quoted = f"the text of goal {roman} {number}", f"{goal.title} {goal.text}"
        if not quoted.strip():
            raise fail(f"{where} is empty: a target must quote the text it comes from")
        if kind not in kinds:
            raise fail(f"{kind!r} is not an activity kind")
        if (quantity == "-") != (unit == "-"):
            raise fail("give both a quantity and a unit, or '-' for both")
        qty, bound = None, Bound.EXACT
        if quantity != "-":
            q = QUANTITY_RE.match(quantity)
            if not q or int(q["n"]) < 1:
                raise fail(f"{quantity!r} is not a quantity (9, min 1 or max 10)")
            if unit not in units:
                raise fail(f"{unit!r} is not a unit ({', '.join(sorted(units))})")
            qty, bound = int(q["n"]), BOUNDS[q["bound"]]
        # "-": the text gives no time frame; the whole year is the portal's default.
        m = MONTHS_RE.match("1-12" if months == "-" else months)
        if not m or not 1 <= int(m["a"]) <= int(m["b"]) <= 12:
            raise fail(f"{months!r} is not a time frame like 1-12 (or '-': not stated)")
        haystack = re.sub(r"\s+", " ", quoted)
        if not phrase:
            raise fail(f"the target quotes no phrase of {where}")
        if re.sub(r"\s+", " ", phrase) not in haystack:
            raise fail(f"{where} does not contain {phrase!r}")
        if not description:
            raise fail("the target has no description")
        (goal.targets if goal is not None else section.targets).append(
            ParsedTarget(
                description=description,
                kind=kind,
                bound=bound,
                quantity=qty,
                unit="" if unit == "-" else unit,
                start_month=int(m["a"]),
                end_month=int(m["b"]),
                indicator=indicator,
                line_no=n,
                time_frame_stated=months != "-",
                # An indicator is the institute's only if its text says it.
                indicator_stated=_normalise(indicator) in _normalise(haystack),
                part=part,
            )
        )
