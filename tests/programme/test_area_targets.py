"""Targets outside the numbered goals: those of an area's introduction and those of the
programme's closing text. The 2021 text commits to two such things — monitoring the
programme and the action plan with published reports (introduction of area IV), and a new
strategic plan (the closing text) — and every path that knows goal targets knows these:
the import, the database's rule, the editor, amendments, the comparison, the document,
the PDF and the realisation."""

import datetime as dt
import re
import shutil
import subprocess

import pytest
from bs4 import BeautifulSoup
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.management import CommandError, call_command
from django.db import IntegrityError, connection, transaction
from django.db.migrations.executor import MigrationExecutor

from programme import selectors, services
from programme.compare import compare_revisions
from programme.documents import render_programme
from programme.importer import ProgrammeImportError, parse_programme, parse_targets
from programme.loading import SEED_2021
from programme.models import (
    TARGET_FIELDS,
    Goal,
    Revision,
    RevisionStatus,
    Section,
    Target,
    TargetPart,
)
from programme.selectors import revision_with_tree
from pzss.core.models import Activity, ActivityKind, ActivityStatus, AuditEntry
from pzss.documents.models import DocumentStatus
from pzss.documents.services import document_render
from tests.conftest import require
from tests.core.soup import fill, find_form, messages_on, soup
from tests.programme.builders import area_target, first_goal, first_target, make_revision

pytestmark = pytest.mark.django_db

SEED = SEED_2021.read_text(encoding="utf-8")
MONITORING = "Праћење и анализа спровођења Програма рада и Акционог плана за 2021. годину"
STRATEGIC_PLAN = "Израда новог стратешког плана Завода"


def _area_section(revision, area: int = 4) -> Section:
    return Section.objects.get(revision=revision, area=area)


# --- the 2021 programme -----------------------------------------------------------------


def test_loading_2021_gives_the_monitoring_target_of_area_iv_s_introduction(seed_revision):
    (target,) = Target.objects.filter(section__revision=seed_revision, part=TargetPart.AREA)
    assert target.goal is None and target.section.area == 4
    assert target.description.startswith(MONITORING)
    assert "објављивање извештаја" in target.description
    # The text says "continuously" and gives no number: a qualitative target, realised by
    # the reports published; no time frame or indicator is the institute's, and they
    # are marked as the portal's.
    assert target.is_qualitative and target.kind == ActivityKind.PUBLICATION
    assert (target.time_frame_stated, target.indicator_stated) == (False, False)
    # It quotes the introduction of area IV, not a goal.
    assert "Континуирано ће бити праћено и анализирано" in target.section.text


def test_loading_2021_gives_the_strategic_plan_target_of_the_closing_text(seed_revision):
    (target,) = Target.objects.filter(section__revision=seed_revision, part=TargetPart.CLOSING)
    assert target.goal is None and target.section.area == 4
    assert target.description.startswith(STRATEGIC_PLAN)
    assert "епидемиолошка ситуација дозволи" in target.description  # the text's condition
    assert (target.bound, target.quantity, target.unit) == ("exact", 1, "plans")
    assert "нови стратешки план" in seed_revision.closing
    # Not part of goal IV 4.2, nor one of its targets.
    goal = Goal.objects.get(section__revision=seed_revision, section__area=4, number="4.2")
    assert not goal.targets.filter(description__contains="стратешк").exists()


def test_every_target_of_2021_is_counted_goal_and_area_targets_alike(seed_revision):
    assert Target.objects.filter(goal__section__revision=seed_revision).count() == 55
    assert Target.objects.of_revision(seed_revision).count() == 57
    assert Target.objects.of_year(2021).count() == 57


# --- the targets file -------------------------------------------------------------------


def _parse(lines: str):
    parsed = parse_programme(SEED, source="programme.txt")
    parse_targets(lines, parsed, source="targets.txt")
    return parsed


def test_an_intro_line_must_quote_the_areas_introduction():
    line = "IV | intro | publication | - | - | - | {phrase} | Праћење | x\n"
    parsed = _parse(line.format(phrase="благовремено бити информисани грађани"))
    (target,) = parsed.section(4).targets
    assert target.part == TargetPart.AREA
    # A phrase of goal IV 1., not of the introduction, is refused.
    with pytest.raises(ProgrammeImportError) as exc:
        _parse("# c\n" + line.format(phrase="периодични контакти са медијима"))
    assert exc.value.line_no == 2
    assert "the introduction of area IV does not contain" in exc.value.reason


def test_a_closing_line_must_quote_the_closing_text():
    line = "IV | closing | other | 1 | plans | - | {phrase} | План | x\n"
    parsed = _parse(line.format(phrase="нови стратешки план"))
    (target,) = parsed.section(4).targets
    assert (target.part, target.quantity, target.unit) == (TargetPart.CLOSING, 1, "plans")
    with pytest.raises(ProgrammeImportError) as exc:
        _parse(line.format(phrase="проширује круг партнерских"))  # goal IV 4.2's words
    assert "the closing text does not contain" in exc.value.reason


def test_an_area_without_an_introduction_takes_no_intro_target():
    # Area I of 2021 has no introductory text before its goal 1.
    with pytest.raises(ProgrammeImportError) as exc:
        _parse("I | intro | other | - | - | - | Завод | x | y\n")
    assert "the introduction of area I is empty" in exc.value.reason


def test_a_bad_intro_line_stops_the_command_and_saves_nothing(tmp_path):
    targets = tmp_path / "targets.txt"
    targets.write_text(
        "IV | intro | publication | - | - | - | фраза које нема | Праћење | x\n", encoding="utf-8"
    )
    with pytest.raises(CommandError) as exc:
        call_command("import_programme", str(SEED_2021), "--targets", str(targets))
    assert "targets.txt, line 1" in str(exc.value)
    assert not Target.objects.exists() and not Revision.objects.exists()


# --- the database's rule ----------------------------------------------------------------


def test_a_target_hangs_off_exactly_one_of_a_goal_or_an_area():
    revision = make_revision()
    goal, section = first_goal(revision), _area_section(revision)
    common = {"description": "x", "kind": ActivityKind.OTHER}
    for bad in (
        {"goal": goal, "section": section, "part": TargetPart.GOAL},  # both
        {"goal": goal, "section": section, "part": TargetPart.AREA},
        {"part": TargetPart.GOAL},  # neither
        {"part": TargetPart.AREA},
        {"goal": goal, "part": TargetPart.AREA},  # a goal's, said to be an area's
        {"section": section, "part": TargetPart.GOAL},  # an area's, said to be a goal's
        {"goal": goal, "part": TargetPart.CLOSING},
    ):
        with pytest.raises(ValidationError):
            Target(**common, **bad).full_clean()
        with pytest.raises(IntegrityError), transaction.atomic():
            Target.objects.create(**common, **bad)
    Target(**common, goal=goal).full_clean()
    Target(**common, section=section, part=TargetPart.AREA).full_clean()
    Target(**common, section=section, part=TargetPart.CLOSING).full_clean()


@pytest.mark.django_db(transaction=True)
def test_the_migration_keeps_every_existing_target_on_its_goal():
    before = [("programme", "0006_transition_note_as_signed")]
    after = [("programme", "0007_target_on_an_area")]
    executor = MigrationExecutor(connection)
    try:
        executor.migrate(before)
        old = executor.loader.project_state(before).apps
        programme = old.get_model("programme", "Programme").objects.create(year=2019)
        revision = old.get_model("programme", "Revision").objects.create(
            programme=programme, number=1, title="Програм рада за 2019. годину"
        )
        section = old.get_model("programme", "Section").objects.create(
            revision=revision, area=1, title="Стручна подршка"
        )
        goal = old.get_model("programme", "Goal").objects.create(
            section=section, number="1.", title="Циљ"
        )
        pk = (
            old.get_model("programme", "Target")
            .objects.create(goal=goal, description="Радне посете", kind="working_visit")
            .pk
        )

        executor = MigrationExecutor(connection)
        executor.migrate(after)
        new = executor.loader.project_state(after).apps
        target = new.get_model("programme", "Target").objects.get(pk=pk)
        assert (target.goal_id, target.section_id, target.part) == (goal.pk, None, "goal")
    finally:
        executor = MigrationExecutor(connection)
        executor.migrate(executor.loader.graph.leaf_nodes())


# --- services: writing, amending, comparing ---------------------------------------------


def test_staff_add_targets_to_an_areas_introduction_and_the_closing_text(staff_user):
    revision = make_revision()
    Revision.objects.filter(pk=revision.pk).update(closing="Завод ће донети нови план.")
    section = _area_section(revision)
    data = {"description": "Праћење програма", "kind": ActivityKind.OTHER}
    intro = services.target_create(user=staff_user, section=section, data=data)
    closing = services.target_create(
        user=staff_user,
        section=section,
        part=TargetPart.CLOSING,
        data={**data, "quantity": 1, "unit": "plans"},
    )
    assert (intro.part, intro.goal, intro.section) == ("area", None, section)
    assert (closing.part, closing.order) == ("closing", 1)
    entry = AuditEntry.objects.get(action="programme_target_create", object_id=closing.pk)
    assert entry.changes["part"] == [None, "closing"]


def test_a_target_needs_the_text_it_comes_from(staff_user):
    revision = make_revision()  # no closing text
    section = _area_section(revision)
    Section.objects.filter(pk=section.pk).update(text="")
    section.refresh_from_db()
    data = {"description": "x", "kind": ActivityKind.OTHER}
    with pytest.raises(ValidationError, match="has no introduction"):
        services.target_create(user=staff_user, section=section, data=data)
    with pytest.raises(ValidationError, match="no closing text"):
        services.target_create(user=staff_user, section=section, part="closing", data=data)
    assert not Target.objects.filter(section__isnull=False).exists()


def test_area_targets_are_written_by_staff_only_and_only_in_a_draft(plain_user, staff_user):
    draft = make_revision(intro_targets=1)
    target = area_target(draft)
    data = {"description": "x", "kind": ActivityKind.OTHER}
    with pytest.raises(PermissionDenied):
        services.target_create(user=plain_user, section=_area_section(draft), data=data)
    with pytest.raises(PermissionDenied):
        services.target_delete(user=plain_user, target=target)
    frozen = make_revision(year=2031, status=RevisionStatus.APPROVED, intro_targets=1)
    frozen_target = area_target(frozen)
    attempts = [
        lambda: services.target_create(user=staff_user, section=_area_section(frozen), data=data),
        lambda: services.target_update(user=staff_user, target=frozen_target, data=data),
        lambda: services.target_delete(user=staff_user, target=frozen_target),
    ]
    for attempt in attempts:
        with pytest.raises(ValidationError):
            attempt()
    assert Target.objects.get(pk=frozen_target.pk).description == frozen_target.description


def test_a_target_moves_between_a_goal_an_area_and_the_closing_text(staff_user):
    revision = make_revision(closing_targets=1)
    target, section = first_target(revision), _area_section(revision, area=2)
    services.target_update(user=staff_user, target=target, data={}, section=section)
    target.refresh_from_db()
    assert (target.goal, target.section, target.part) == (None, section, "area")
    services.target_update(
        user=staff_user, target=target, data={}, section=section, part=TargetPart.CLOSING
    )
    target.refresh_from_db()
    assert (target.part, target.order) == ("closing", 1)  # area II's first of the closing
    goal = first_goal(revision)
    services.target_move(user=staff_user, target=target, goal=goal)
    target.refresh_from_db()
    assert (target.goal, target.section, target.part) == (goal, None, "goal")
    other = _area_section(make_revision(year=2031))
    with pytest.raises(ValidationError):
        services.target_update(user=staff_user, target=target, data={}, section=other)


def test_a_target_stays_editable_when_its_areas_text_is_emptied_later(staff_user):
    revision = make_revision(intro_targets=1)
    target = area_target(revision)
    Section.objects.filter(pk=target.section_id).update(text="")
    services.target_update(
        user=staff_user,
        target=target,
        data={"description": "Праћење"},
        section=target.section,
        part=TargetPart.AREA,
    )
    assert Target.objects.get(pk=target.pk).description == "Праћење"
    other = _area_section(revision, area=2)
    Section.objects.filter(pk=other.pk).update(text="")
    other.refresh_from_db()
    with pytest.raises(ValidationError, match="has no introduction"):  # but none moves there
        services.target_update(user=staff_user, target=target, data={}, section=other)


def test_a_revision_whose_targets_are_all_outside_the_goals_can_be_submitted(staff_user):
    revision = make_revision(targets_per_goal=0, intro_targets=1)
    services.revision_submit(user=staff_user, revision=revision)
    assert Revision.objects.get(pk=revision.pk).status == "submitted"


def _linked_activity(area: int = 4, **kw) -> Activity:
    values = {
        "start_date": dt.date(2030, 4, 1),
        "status": ActivityStatus.HELD,
        "kind": "other",
        "title": "Праћење програма",
        **kw,
    }
    return Activity.objects.create(area=area, **values)


def test_an_amendment_copies_the_area_targets_with_their_staff_and_activities(
    staff_user, django_user_model
):
    revision = make_revision(status=RevisionStatus.PUBLISHED, intro_targets=1, closing_targets=1)
    intro, closing = area_target(revision), area_target(revision, TargetPart.CLOSING)
    Target.objects.filter(pk=intro.pk).update(time_frame_stated=False, indicator_stated=False)
    intro.responsible.add(staff_user)
    activity = _linked_activity()
    closing.activities.add(activity)

    amendment = services.revision_amend(user=staff_user, programme=revision.programme)

    new_intro, new_closing = area_target(amendment), area_target(amendment, TargetPart.CLOSING)
    assert new_intro.pk != intro.pk and new_intro.section.revision == amendment
    assert (new_intro.section.area, new_closing.section.area) == (1, 4)
    for old, new in ((intro, new_intro), (closing, new_closing)):
        old.refresh_from_db()
        assert [getattr(new, f) for f in TARGET_FIELDS] == [getattr(old, f) for f in TARGET_FIELDS]
        assert (new.part, new.order) == (old.part, old.order)
    assert (new_intro.time_frame_stated, new_intro.indicator_stated) == (False, False)
    assert list(new_intro.responsible.all()) == [staff_user]
    assert list(new_closing.activities.all()) == [activity]
    assert (
        Target.objects.of_revision(amendment).count()
        == Target.objects.of_revision(revision).count()
    )
    # A new year copies the targets, not what was realised.
    next_year = services.programme_create(user=staff_user, year=2031, copy_from=revision.programme)
    assert not area_target(next_year, TargetPart.CLOSING).activities.exists()
    assert Target.objects.of_revision(next_year).filter(part="area").count() == 4


def _changed(old, new) -> dict[str, tuple[str, str]]:
    rows = compare_revisions(
        revision_with_tree(pk=old.pk), revision_with_tree(pk=new.pk), language="sr"
    )
    return {r.label: (str(r.old), str(r.new)) for r in rows if r.changed}


def test_compare_shows_an_area_target_changed_added_and_removed(staff_user):
    revision = make_revision(status=RevisionStatus.PUBLISHED, intro_targets=1, closing_targets=1)
    amendment = services.revision_amend(user=staff_user, programme=revision.programme)
    intro = area_target(amendment)
    services.target_update(
        user=staff_user, target=intro, data={"description": "Праћење програма и плана"}
    )
    services.target_delete(user=staff_user, target=area_target(amendment, TargetPart.CLOSING))
    services.target_create(
        user=staff_user,
        section=_area_section(amendment, area=2),
        data={"description": "Извештај о праћењу", "kind": ActivityKind.OTHER},
    )

    changed = _changed(revision, amendment)

    assert set(changed) == {"I увод · 1", "II увод · 2", "Завршни текст · 1"}
    old, new = changed["I увод · 1"]
    assert "<ins>" in new and "плана" in new
    old, new = changed["II увод · 2"]  # added: nothing on the left
    assert old == "" and "Извештај о праћењу" in new
    old, new = changed["Завршни текст · 1"]  # removed: nothing on the right
    assert "Нови стратешки план 1" in old and "IV" in old and new == ""


def test_compare_page_lists_the_changed_area_target(staff_client, staff_user):
    revision = make_revision(status=RevisionStatus.PUBLISHED, intro_targets=1)
    amendment = services.revision_amend(user=staff_user, programme=revision.programme)
    services.target_update(
        user=staff_user, target=area_target(amendment), data={"quantity": 2, "unit": "reports"}
    )
    page = soup(staff_client.get("/programme/2030/compare/?a=1&b=2"))
    labels = [th.get_text(" ", strip=True) for th in page.select("tr.changed th")]
    assert labels == ["I uvod · 1 changed"]  # an English page: the label in Latin script


# --- the document: page and PDF ---------------------------------------------------------


def _doc_text(html: str) -> str:
    return re.sub(r"\s+", " ", BeautifulSoup(html, "html.parser").get_text(" "))


def test_the_public_page_shows_them_under_the_introduction_and_after_the_closing(
    client, seed_revision
):
    client.cookies["django_language"] = "sr"
    page = soup(client.get("/programme/2021/"))
    area = page.find("section", id="area-4")
    first_goal_of_area = area.find("section", class_="doc-goal")
    intro_table = area.find("table", class_="doc-targets")
    # In the introduction: after its text, before goal 1.
    assert intro_table.find_next("section", class_="doc-goal") is first_goal_of_area
    row = intro_table.tbody.tr.find_all("td")
    assert row[0].get_text(strip=True).startswith(MONITORING)
    assert row[1].get_text(strip=True) == "квалитативни"
    # Neither the time frame nor the indicator is the text's: both are marked.
    assert row[2].select_one(".doc-added") and row[4].select_one(".doc-added")
    closing = page.find("section", id="doc-closing")
    assert closing.find("p").get_text().startswith("У колико епидемиолошка ситуација")
    cells = closing.find("table", class_="doc-targets").tbody.tr.find_all("td")
    assert cells[0].get_text(strip=True).startswith(STRATEGIC_PLAN)
    assert cells[1].get_text(strip=True) == "1 план"
    assert "I–IV квартал*" in cells[2].get_text(strip=True)
    assert closing.find_next("footer", class_="doc-signature")
    assert page.select_one(".doc-added-note")


def test_a_latin_reader_reads_them_in_latin(client, seed_revision):
    client.cookies["django_language"] = "sr-latn"
    text = soup(client.get("/programme/2021/")).get_text(" ")
    assert "Praćenje i analiza sprovođenja Programa rada i Akcionog plana" in text
    assert "Izrada novog strateškog plana Zavoda" in text and "1 plan" in text


def test_the_pdf_prints_them_in_their_places(seed_revision, no_render):
    html = render_programme(seed_revision, "sr").html
    text = _doc_text(html)
    intro = text.index("Континуирано ће бити праћено")
    monitoring = text.index(MONITORING)
    goal_1 = text.index("Овај планирани циљ реализоваће се кроз коришћење")  # IV 1.
    closing = text.index("треба да сачини нови стратешки план")
    plan = text.index(STRATEGIC_PLAN)
    signature = text.rindex("Славко Имрић")
    assert intro < monitoring < goal_1 < closing < plan < signature
    assert "Held" not in html and "target-activities" not in html  # no staff notes

    document = services.programme_document_request(revision=seed_revision, language="sr")
    document = document_render(document_id=document.pk)
    assert document.status == DocumentStatus.READY, document.error
    require(shutil.which("pdftotext") is not None, "pdftotext (poppler-utils) is needed")
    out = subprocess.run(["pdftotext", document.file.path, "-"], capture_output=True, check=True)
    pdf = re.sub(r"\s+", " ", out.stdout.decode("utf-8"))
    # Hyphenation may split words across lines: compare without soft breaks.
    pdf = pdf.replace("- ", "").replace("\xad", "")
    for words in ("Праћење и анализа спровођења", "Израда новог стратешког плана", "1 план"):
        assert words in pdf, words
    assert pdf.index("Праћење и анализа спровођења") < pdf.index("Израда новог стратешког")


def test_staff_see_held_counts_and_realisation_links_on_area_targets(staff_client, seed_revision):
    target = Target.objects.get(section__revision=seed_revision, part=TargetPart.CLOSING)
    target.activities.add(_linked_activity(start_date=dt.date(2021, 5, 5)))
    page = soup(staff_client.get("/programme/2021/"))
    link = page.find("a", href=f"/programme/2021/targets/{target.pk}/activities/")
    assert link.get_text(" ", strip=True) == "Activities (1 held of 1 planned)"


# --- the editor -------------------------------------------------------------------------


@pytest.fixture
def draft():
    """A draft with a closing text and one target of it (counted in area IV)."""
    return make_revision(year=2031, closing_targets=1)


def test_staff_add_a_target_to_an_areas_introduction_through_its_form(staff_client, draft):
    section = _area_section(draft, area=2)
    editor = soup(staff_client.get("/programme/2031/edit/"))
    url = f"/programme/2031/edit/areas/{section.pk}/targets/new/"
    assert editor.find("a", href=url)
    form = find_form(soup(staff_client.get(url)))
    assert form.find("option", selected=True)["value"] == f"area-{section.pk}"
    values = {"description": "Праћење програма", "kind": "other", "quantity": "2"}
    response = staff_client.post(url, fill(form, {**values, "unit": "reports"}))
    assert response.status_code == 302 and response.url.endswith(f"#{section.anchor}")
    target = Target.objects.get(section=section, part="area")
    assert (target.description, target.quantity, target.unit) == ("Праћење програма", 2, "reports")


def test_staff_add_a_target_to_the_closing_text_counted_in_the_area_chosen(staff_client, draft):
    url = "/programme/2031/edit/closing/targets/new/"
    assert soup(staff_client.get("/programme/2031/edit/")).find("a", href=url)
    form = find_form(soup(staff_client.get(url)))
    area_iv = _area_section(draft, area=4)
    assert form.find("option", selected=True)["value"] == f"closing-{area_iv.pk}"
    area_iii = _area_section(draft, area=3)
    data = fill(form, {"description": "Стратешки план", "kind": "other"})
    response = staff_client.post(url, {**data, "where": f"closing-{area_iii.pk}"})
    assert response.status_code == 302 and response.url.endswith("#closing-text")
    target = Target.objects.get(description="Стратешки план")
    assert (target.section, target.part) == (area_iii, "closing")


def test_staff_edit_and_delete_a_target_of_the_closing_text(staff_client, draft):
    target = area_target(draft, TargetPart.CLOSING)
    editor = soup(staff_client.get("/programme/2031/edit/"))
    block = editor.find("section", id="closing-text")
    assert block.find(id=f"target-{target.pk}") and "counted in area IV" in block.get_text()
    url = f"/programme/2031/edit/targets/{target.pk}/"
    form = find_form(soup(staff_client.get(url)))
    assert form.find("option", selected=True)["value"] == f"closing-{target.section_id}"
    response = staff_client.post(url, fill(form, {"description": "Нови стратешки план Завода"}))
    assert response.status_code == 302
    target.refresh_from_db()
    assert (target.description, target.part) == ("Нови стратешки план Завода", "closing")

    delete = find_form(editor, action=f"/programme/2031/edit/targets/{target.pk}/delete/")
    assert staff_client.post(delete["action"], fill(delete, {})).status_code == 302
    assert not Target.objects.filter(pk=target.pk).exists()


def test_a_target_form_needs_the_areas_introduction(staff_client, draft):
    section = _area_section(draft, area=1)
    Section.objects.filter(pk=section.pk).update(text="")
    # No button where there is nothing to quote, and a clear message for the URL.
    editor = soup(staff_client.get("/programme/2031/edit/"))
    url = f"/programme/2031/edit/areas/{section.pk}/targets/new/"
    assert editor.find("a", href=url) is None
    assert "The area has no introduction" in editor.find("section", id="area-1").get_text()
    form = find_form(soup(staff_client.get(url)))
    response = staff_client.post(url, fill(form, {"description": "x", "kind": "other"}))
    assert response.status_code == 200
    errors = soup(response).select_one(".alert-danger").get_text(" ", strip=True)
    assert "Area I has no introduction" in errors
    assert not Target.objects.filter(section=section).exists()


def test_the_place_choices_are_in_latin_for_a_latin_reader(staff_client, draft):
    staff_client.cookies["django_language"] = "sr-latn"
    target = area_target(draft, TargetPart.CLOSING)
    page = soup(staff_client.get(f"/programme/2031/edit/targets/{target.pk}/"))
    labels = [o.get_text() for o in page.select("select[name=where] option")]
    labels += [g["label"] for g in page.select("select[name=where] optgroup")]
    assert labels and not [t for t in labels if re.search("[\u0400-\u04ff]", t)]


@pytest.mark.parametrize(
    ("method", "path"),
    [
        ("get", "areas/{section}/targets/new/"),
        ("post", "areas/{section}/targets/new/"),
        ("get", "closing/targets/new/"),
        ("post", "closing/targets/new/"),
        ("get", "targets/{target}/"),
        ("post", "targets/{target}/"),
        ("post", "targets/{target}/delete/"),
    ],
)
def test_the_area_target_pages_check_the_role(client, plain_client, draft, method, path):
    target = area_target(draft, TargetPart.CLOSING)
    url = "/programme/2031/edit/" + path.format(section=target.section_id, target=target.pk)
    data = {"where": f"closing-{target.section_id}", "description": "x", "kind": "other"}
    plain = getattr(plain_client, method)(url, data) if method == "post" else plain_client.get(url)
    assert plain.status_code == 403
    plain_client.logout()
    anonymous = getattr(client, method)(url, data) if method == "post" else client.get(url)
    assert anonymous.status_code == 302 and "/accounts/login/" in anonymous["Location"]
    assert Target.objects.filter(pk=target.pk, description=target.description).exists()
    assert Target.objects.of_revision(draft).count() == 5


def test_the_director_may_edit_area_targets_as_staff_do(director_client, draft):
    target = area_target(draft, TargetPart.CLOSING)
    url = f"/programme/2031/edit/targets/{target.pk}/"
    form = find_form(soup(director_client.get(url)))
    assert director_client.post(url, fill(form, {"indicator": "План усвојен"})).status_code == 302
    target.refresh_from_db()
    assert (target.indicator, target.indicator_stated) == ("План усвојен", True)


@pytest.mark.parametrize("status", ["submitted", "approved", "published"])
def test_a_frozen_revisions_area_targets_cannot_be_edited_by_any_url(staff_client, status):
    revision = make_revision(year=2031, status=status, intro_targets=1, closing_targets=1)
    intro = area_target(revision)
    data = {"where": f"area-{intro.section_id}", "description": "x", "kind": "other"}
    for url in (
        f"/programme/2031/edit/areas/{intro.section_id}/targets/new/",
        "/programme/2031/edit/closing/targets/new/",
        f"/programme/2031/edit/targets/{intro.pk}/",
        f"/programme/2031/edit/targets/{intro.pk}/delete/",
    ):
        assert staff_client.post(url, data).status_code == 403, url
    assert Target.objects.get(pk=intro.pk).description == intro.description
    assert Target.objects.of_revision(revision).count() == 9


def test_an_area_target_of_another_year_is_a_404_in_the_editor(staff_client, draft):
    other = make_revision(year=2032, intro_targets=1)
    target = area_target(other)
    assert staff_client.get(f"/programme/2031/edit/targets/{target.pk}/").status_code == 404


# --- realisation ------------------------------------------------------------------------


def test_realisation_counts_the_area_targets_planned_and_held(staff_client, seed_revision):
    monitoring = Target.objects.get(section__revision=seed_revision, part=TargetPart.AREA)
    plan = Target.objects.get(section__revision=seed_revision, part=TargetPart.CLOSING)
    held = dt.date(2021, 6, 1)
    monitoring.activities.add(_linked_activity(start_date=held), _linked_activity(start_date=held))
    plan.activities.add(
        _linked_activity(start_date=held),
        _linked_activity(start_date=held, status=ActivityStatus.SCHEDULED),
    )

    page = soup(staff_client.get("/programme/2021/realisation/"))

    area = page.find("section", id="area-4")
    intro_rows = area.select("tbody.area-intro tr[id^=target-]")
    closing_rows = area.select("tbody.area-closing tr[id^=target-]")
    assert [tr["id"] for tr in intro_rows] == [f"target-{monitoring.pk}"]
    assert [tr["id"] for tr in closing_rows] == [f"target-{plan.pk}"]
    cells = [td.get_text(" ", strip=True) for td in closing_rows[0].find_all("td")]
    assert cells[1:] == ["1 plans", "1", "—", "Count only"]
    assert intro_rows[0].select_one("td.held").get_text(strip=True) == "2"
    # Area IV: 6 goal targets and the two outside the goals; 3 held in all.
    footer = area.select_one("tfoot").get_text(" ", strip=True)
    assert footer.startswith("Area IV: 8 targets")
    assert area.select_one(".held-total").get_text(strip=True) == "3"


def test_the_realisation_selector_rows_include_the_area_targets(staff_user, seed_revision):
    areas = selectors.realisation(user=staff_user, year=2021).areas
    area_iv = areas[3]
    assert [t.target.part for t in area_iv.intro] == ["area"]
    assert [t.target.part for t in area_iv.closing] == ["closing"]
    assert area_iv.target_count == 8 and sum(a.target_count for a in areas) == 57


def test_staff_link_an_activity_to_an_area_target_through_its_page(staff_client, seed_revision):
    target = Target.objects.get(section__revision=seed_revision, part=TargetPart.AREA)
    report = _linked_activity(start_date=dt.date(2021, 3, 3), kind="publication")
    _linked_activity(area=1, start_date=dt.date(2021, 3, 3))  # another area: not offered
    url = f"/programme/2021/targets/{target.pk}/activities/"
    page = soup(staff_client.get(url))
    assert "IV · The area's introduction" in page.find(id="target-h").get_text(" ", strip=True)
    candidates = page.find("table", id="candidates").tbody.find_all("tr")
    assert len(candidates) == 1
    response = staff_client.post(url, fill(candidates[0].find("form"), {}), follow=True)
    assert any("now counts towards this target" in m for m in messages_on(soup(response)))
    assert list(target.activities.all()) == [report]


def test_an_activity_of_another_area_is_refused_for_an_area_target(staff_user, seed_revision):
    target = Target.objects.get(section__revision=seed_revision, part=TargetPart.CLOSING)
    wrong = _linked_activity(area=2, start_date=dt.date(2021, 3, 3))
    with pytest.raises(ValidationError, match="another area"):
        services.target_activity_link(user=staff_user, target=target, activity=wrong)
    assert not target.activities.exists()
