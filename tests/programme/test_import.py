import datetime as dt
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command
from django.utils import translation

from programme.importer import ProgrammeImportError, parse_programme
from programme.loading import SEED_2021
from programme.models import Goal, Programme, RevisionStatus, Target, Transition
from programme.templatetags.programme_text import planned

pytestmark = pytest.mark.django_db
SEED = SEED_2021.read_text(encoding="utf-8")


def _targets(revision, area: int, goal: str):
    return list(
        Target.objects.filter(
            goal__section__revision=revision, goal__section__area=area, goal__number=goal
        ).order_by("order")
    )


def test_the_seed_is_a_copy_inside_the_project():
    assert SEED_2021.is_file()
    assert "programme/fixtures" in str(SEED_2021)


def test_the_2021_programme_is_imported_with_its_structure(seed_revision):
    r = seed_revision
    assert r.doc_number == "393/2020"
    assert r.doc_date == dt.date(2020, 12, 14)
    assert r.title == "Програм рада Покрајинског завода за социјалну заштиту за 2021. годину"
    assert r.place == "Нови Сад"
    assert (r.signatory_title, r.signatory) == ("Председник управног одбора", "Славко Имрић")
    assert r.introduction.startswith("Покрајински завод за социјалну заштиту (у даљем тексту")
    # a paragraph cut by a page break in the source is one paragraph again
    assert "расте број корисника права и услуга" in r.introduction
    sections = list(r.sections.order_by("area"))
    assert [s.title for s in sections] == [
        "Стручна подршка",
        "Професионална обука",
        "Истраживачко-аналитички рад",
        "Информисање, промоција и подршка",
    ]
    numbers = list(
        Goal.objects.filter(section=sections[0]).order_by("order").values_list("number", flat=True)
    )
    assert numbers == ["1.", "2.", "2.1.", "2.2.", "3.", "4.", "4.1", "4.2", "5."]
    goal = Goal.objects.get(section=sections[2], number="2.4")
    assert goal.title == "" and goal.text.startswith("Праћење и евиденција случајева насиља")


def test_every_target_of_the_text_is_imported(seed_revision):
    r = seed_revision
    area_i_goal_1 = {(t.kind, t.quantity, t.unit) for t in _targets(r, 1, "1.")}
    assert ("working_visit", 9, "visits") in area_i_goal_1
    assert ("forum", 1, "events") in area_i_goal_1
    supervisors, lawyers = [t for t in _targets(r, 1, "1.") if t.kind == "round_table"]
    assert "Извештавање супервизора" in supervisors.description and supervisors.quantity == 4
    assert "43 центра" in lawyers.description and (lawyers.quantity, lawyers.unit) == (4, "groups")
    children = {(t.kind, t.quantity) for t in _targets(r, 1, "2.1.")}
    assert children == {("directors_meeting", 2), ("round_table", 2)}
    adults = _targets(r, 1, "2.2.")
    assert any("Комуникација у тимском раду" in t.description and t.quantity == 4 for t in adults)
    assert any("Мотивација запослених" in t.description and t.quantity == 3 for t in adults)
    assert any(t.kind == "working_visit" and t.quantity == 6 for t in adults)
    trainings = [t for t in _targets(r, 2, "2.") if t.kind == "accredited_training"]
    owned = ["Помоћ у кући", "услуге предаха", "Културно компонентна пракса"]
    assert all(any(name in t.description for t in trainings) for name in owned)
    practice = {(t.quantity, t.unit) for t in _targets(r, 2, "4.")}
    assert practice == {(10, "students"), (90, "hours")}
    reports = [_targets(r, 3, f"2.{n}") for n in range(1, 6)]
    assert all(len(ts) == 1 and ts[0].kind == "report" for ts in reports)
    assert [ts[0].quantity for ts in reports] == [3, 1, 1, 12, 1]
    by_laws = _targets(r, 1, "5.")
    assert by_laws[0].is_qualitative and by_laws[0].kind == "working_group"
    assert Target.objects.filter(goal__section__revision=r).count() == 55


def test_quantities_keep_their_qualifiers(seed_revision):
    r = seed_revision
    (secretaries,) = [t for t in _targets(r, 1, "2.2.") if t.kind == "round_table"]
    assert (secretaries.bound, secretaries.quantity, secretaries.unit) == ("at_least", 1, "groups")
    assert planned(secretaries) == "најмање 1 група"
    students = next(t for t in _targets(r, 2, "4.") if t.unit == "students")
    assert (students.bound, students.quantity) == ("at_most", 10)
    assert planned(students) == "највише 10 студената"
    hours = next(t for t in _targets(r, 2, "4.") if t.unit == "hours")
    assert hours.bound == "exact" and planned(hours) == "90 сати"


def test_one_more_programme_and_twice_a_month_are_quantified(seed_revision):
    r = seed_revision
    new_programme = next(t for t in _targets(r, 2, "2.") if "Још један" in t.description)
    assert (new_programme.quantity, new_programme.unit) == (1, "programmes")
    assert planned(new_programme) == "1 програм"
    (aurora,) = _targets(r, 3, "1.")
    assert (aurora.quantity, aurora.unit) == (2, "times_a_month")
    assert planned(aurora) == "2 пута месечно"


@pytest.mark.parametrize(
    ("area", "goal", "words"),
    [
        (1, "1.", "евалуација стручне подршке супервизорима"),
        (2, "1.", "„он лајн“"),
        (2, "1.", "оснивачима установа"),
        (2, "2.", "Евиденција свих догађаја"),
        (2, "2.", "Комором социјалне заштите"),
        (2, "3.", "уговорени са другим установама"),
    ],
)
def test_the_texts_commitments_have_targets(seed_revision, area, goal, words):
    assert any(words in t.description for t in _targets(seed_revision, area, goal)), words


def test_the_closing_paragraph_on_the_strategic_plan_is_not_part_of_goal_iv_4_2(seed_revision):
    r = seed_revision
    goal = Goal.objects.get(section__revision=r, section__area=4, number="4.2")
    assert "стратешки план" not in goal.text
    assert not any("стратешки план" in t.description for t in _targets(r, 4, "4.2"))
    assert r.closing.startswith("У колико епидемиолошка ситуација буде дозволила")
    assert "нови стратешки план" in r.closing


def test_load_programme_publishes_it_without_inventing_a_board_decision(seed_revision):
    r = seed_revision
    assert r.status == RevisionStatus.PUBLISHED
    # The text carries its own number and date (393/2020 of 14.12.2020) and the board
    # president's signature; it records no separate decision of the board.
    assert (r.doc_number, r.doc_date) == ("393/2020", dt.date(2020, 12, 14))
    assert (r.board_decision_number, r.board_decision_date) == ("", None)
    assert r.adopted_as_signed
    adopt = Transition.objects.get(revision=r, action="adopt")
    # The step's note, written in the reader's language, names the signatory, not a decision.
    assert adopt.note == "as_signed" and adopt.comment == ""
    with translation.override("sr"):
        assert "393/2020" not in adopt.note_text and "Славко Имрић" in adopt.note_text


def test_load_programme_is_idempotent(seed_revision):
    r = seed_revision
    actions = list(Transition.objects.filter(revision=r).values_list("action", flat=True))
    assert actions == ["create", "submit", "approve", "adopt", "publish"]
    call_command("load_programme", verbosity=0)
    assert Programme.objects.filter(year=2021).count() == 1
    assert r.programme.revisions.count() == 1


def _broken(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "programme.txt"
    path.write_text(text, encoding="utf-8")
    return path


def _line_of(text: str, needle: str) -> int:
    return next(i for i, line in enumerate(text.splitlines(), start=1) if needle in line)


@pytest.mark.parametrize(
    ("change", "needle", "reason"),
    [
        (("II ПРОФЕСИОНАЛНА ОБУКА", "V ПРОФЕСИОНАЛНА ОБУКА"), "V ПРОФЕСИОНАЛНА", "four areas"),
        (("III ИСТРАЖИВАЧКО", "IV ИСТРАЖИВАЧКО"), "IV ИСТРАЖИВАЧКО", "expected the heading"),
        (("\n5. Учешће у радним", "\n2.9 Учешће у радним"), "2.9 Учешће", "comes after"),
        (("Децембар 2020. године", "7.3 Децембар"), "7.3 Децембар", "before the heading"),
        (("Датум: 14.12.2020.", "Датум: 31.02.2020."), "Датум:", "not a real date"),
        (("Увод\t3", "Увод без стране"), "Увод без", "table of contents"),
    ],
)
def test_a_malformed_text_stops_at_the_line_and_saves_nothing(tmp_path, change, needle, reason):
    text = SEED.replace(*change, 1)
    assert text != SEED
    path = _broken(tmp_path, text)
    with pytest.raises(CommandError) as exc:
        call_command("import_programme", str(path), "--year", "2021")
    message = str(exc.value)
    assert f"line {_line_of(text, needle)}" in message, message
    assert reason in message
    assert "Nothing was imported" in message
    assert not Programme.objects.exists()
    assert not Goal.objects.exists()


def test_a_missing_number_line_is_refused():
    text = SEED.replace("Број: 393/2020", "Нешто друго")
    with pytest.raises(ProgrammeImportError) as exc:
        parse_programme(text)
    assert "Број" in exc.value.reason


def test_a_target_whose_phrase_is_not_in_the_goal_stops_the_import(tmp_path):
    targets = tmp_path / "targets.txt"
    targets.write_text(
        "I | 1. | working_visit | 9 | visits | 1-12 | радних посета за 9 центара | Посете | x\n"
        "I | 2.1. | forum | 1 | events | 1-12 | фраза које нема | Трибина | x\n",
        encoding="utf-8",
    )
    with pytest.raises(CommandError) as exc:
        call_command("import_programme", str(SEED_2021), "--targets", str(targets))
    assert "targets.txt, line 2" in str(exc.value)
    assert not Programme.objects.exists()


def test_a_second_import_for_the_same_year_is_refused(seed_revision):
    with pytest.raises(CommandError) as exc:
        call_command("import_programme", str(SEED_2021), "--year", "2021")
    assert "already a work programme for 2021" in str(exc.value)
    assert Programme.objects.count() == 1


def test_import_of_the_text_for_another_year_is_refused():
    with pytest.raises(CommandError) as exc:
        call_command("import_programme", str(SEED_2021), "--year", "2022")
    assert "not for 2022" in str(exc.value)
