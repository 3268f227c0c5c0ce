import re
import shutil
import subprocess

import pytest
from bs4 import BeautifulSoup
from django.urls import reverse

from programme import services
from programme.documents import render_programme
from programme.models import Goal
from pzss.documents.models import Document, DocumentStatus
from pzss.documents.services import document_render
from tests.conftest import require
from tests.programme.builders import first_goal, make_revision

pytestmark = pytest.mark.django_db


def _text(path) -> str:
    require(shutil.which("pdftotext") is not None, "pdftotext (poppler-utils) is needed")
    out = subprocess.run(["pdftotext", str(path), "-"], capture_output=True, check=True)
    return re.sub(r"\s+", " ", out.stdout.decode("utf-8"))


def _info(path) -> str:
    require(shutil.which("pdfinfo") is not None, "pdfinfo (poppler-utils) is needed")
    return subprocess.run(["pdfinfo", str(path)], capture_output=True, check=True).stdout.decode()


def test_the_pdf_html_is_the_web_body_with_print_rules(seed_revision):
    data = render_programme(seed_revision, "sr")
    assert (
        "<title>Програм рада Покрајинског завода за социјалну заштиту за 2021. годину</title>"
        in data.html
    )
    assert '<meta name="author" content="Покрајински завод за социјалну заштиту">' in data.html
    assert "target-counter(attr(href), page)" in data.html
    assert "counter(page)" in data.html and "size: A4" in data.html
    assert 'class="programme-doc"' in data.html  # the same body as the web page
    assert data.filename == "program-rada-2021-1.pdf"


def test_the_same_content_is_rendered_once(seed_revision, no_render, committed):
    with committed():
        first = services.programme_document_request(revision=seed_revision, language="sr-latn")
    with committed():
        again = services.programme_document_request(revision=seed_revision, language="en")
    # The document is Serbian whatever the interface language; English readers get it
    # in the script they can read, Latin.
    assert first.pk == again.pk
    assert no_render == [first.pk]
    # (the Cyrillic one, for the library, was queued when the programme was published)
    assert Document.objects.exclude(language="sr").count() == 1


def test_a_change_to_the_programme_makes_the_next_request_render_afresh(no_render, committed):
    revision = make_revision()
    with committed():
        first = services.programme_document_request(revision=revision, language="sr")
    goal = first_goal(revision)
    services.goal_update(user=None, goal=goal, number=goal.number, title="Нови наслов", text="")
    with committed():
        second = services.programme_document_request(revision=revision, language="sr")
    assert second.pk != first.pk
    assert no_render == [first.pk, second.pk]


def test_the_pdf_url_answers_202_with_progress_then_200_with_the_pdf(
    client, seed_revision, no_render, committed
):
    with committed():
        response = client.get("/programme/2021/pdf/")
    assert response.status_code == 202
    document = Document.objects.get(language="sr-latn")  # the reader's script (English)
    assert no_render == [document.pk]  # queued, not rendered in the request
    assert f'data-hx-get="{reverse("documents:status", args=[document.pk])}"' in response.text
    assert 'data-hx-trigger="every 1s"' in response.text
    document_render(document_id=document.pk)
    response = client.get("/programme/2021/pdf/")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert b"".join(response.streaming_content).startswith(b"%PDF")
    assert Document.objects.filter(language="sr-latn").count() == 1


def test_the_2021_pdf_has_searchable_cyrillic_its_title_goals_and_metadata(
    seed_revision, no_render, settings
):
    document = services.programme_document_request(revision=seed_revision, language="sr")
    document = document_render(document_id=document.pk)
    assert document.status == DocumentStatus.READY, document.error
    path = document.file.path
    text = _text(path)
    assert "Програм рада Покрајинског завода за социјалну заштиту за 2021. годину" in text
    assert "Број: 393/2020" in text and "Датум: 14.12.2020. године" in text
    # no board decision is recorded for 2021: none is printed (and the document's own
    # number is not passed off as one)
    assert "Усвојен Одлуком" not in text and text.count("393/2020") == 1
    assert "САДРЖАЈ" in text
    for heading in [
        "I СТРУЧНА ПОДРШКА",
        "II ПРОФЕСИОНАЛНА ОБУКА",
        "III ИСТРАЖИВАЧКО-АНАЛИТИЧКИ РАД",
        "IV ИНФОРМИСАЊЕ, ПРОМОЦИЈА И ПОДРШКА",
        "Стручна подршка центрима за социјални рад",
        "Стручна пракса за студенте Универзитета у Новом Саду",
        "9 посета",
        "најмање 1 група",
        "највише 10 студената",
        "2 пута месечно",
        "Славко Имрић",
    ]:
        assert heading in text, heading
    # the closing paragraph stands on its own, before the signature
    closing = text.index("треба да сачини нови стратешки план")
    assert text.rindex("4.2 Завод ће наставити") < closing < text.rindex("Славко Имрић")
    # the table of contents carries real page numbers
    assert re.search(r"I\. Стручна подршка \.{5,} ?\d+", text)
    info = _info(path)
    assert "Title:" in info and "Програм рада Покрајинског завода" in info
    assert "Author:" in info and "Покрајински завод за социјалну заштиту" in info
    fonts = subprocess.run(["pdffonts", path], capture_output=True, check=True).stdout.decode()
    assert "DejaVu" in fonts and " yes yes yes " in fonts  # embedded, subset, unicode


def test_a_latin_reader_gets_the_latin_document(seed_revision, no_render):
    cyrillic = services.programme_document_request(revision=seed_revision, language="sr")
    latin = services.programme_document_request(revision=seed_revision, language="sr-latn")
    assert latin.pk != cyrillic.pk and latin.language == "sr-latn"
    assert "Program rada Pokrajinskog zavoda" in render_programme(seed_revision, "sr-latn").title


def test_a_failing_render_is_recorded_as_failed_and_can_be_retried(
    client, seed_revision, no_render, monkeypatch, committed
):
    from pzss.lib import pdf

    def broken(html, *args, **kwargs):
        raise RuntimeError("the worker's WeasyPrint broke")

    monkeypatch.setattr(pdf, "render_pdf", broken)
    client.get("/programme/2021/pdf/")
    document = document_render(document_id=Document.objects.get(language="sr-latn").pk)
    assert document.status == DocumentStatus.FAILED
    assert "the worker's WeasyPrint broke" in document.error
    page = client.get("/programme/2021/pdf/")
    assert page.status_code == 202
    assert reverse("documents:retry", args=[document.pk]) in page.text

    monkeypatch.undo()
    from pzss.documents import tasks

    queued = []
    monkeypatch.setattr(tasks.render_document, "delay", lambda pk: queued.append(pk))
    with committed():
        response = client.post(
            reverse("documents:retry", args=[document.pk]), {"next": "/programme/2021/pdf/"}
        )
    assert response.status_code == 302
    assert queued == [document.pk]
    document = document_render(document_id=document.pk)
    assert document.status == DocumentStatus.READY
    assert client.get("/programme/2021/pdf/").status_code == 200


def test_a_render_of_content_that_changed_meanwhile_fails_and_the_next_request_renders(no_render):
    revision = make_revision()
    stale = services.programme_document_request(revision=revision, language="sr")
    goal = Goal.objects.filter(section__revision=revision).first()
    services.goal_update(user=None, goal=goal, number=goal.number, title="Измењено", text="")
    stale = document_render(document_id=stale.pk)
    assert stale.status == DocumentStatus.FAILED and "changed" in stale.error
    fresh = services.programme_document_request(revision=revision, language="sr")
    assert fresh.pk != stale.pk and fresh.status == DocumentStatus.QUEUED


def test_the_public_cannot_fetch_the_document_of_a_draft(client, no_render):
    revision = make_revision()
    document = services.programme_document_request(revision=revision, language="sr")
    assert client.get(reverse("documents:status", args=[document.pk])).status_code == 404


def test_the_letterhead_is_the_years_own_and_survives_a_change_of_settings(seed_revision, settings):
    # The 2021 text's own letterhead, as it wrote it.
    assert seed_revision.letterhead["address"] == "Нови Сад, Булевар Михајла Пупина 25"
    assert seed_revision.letterhead["phone"] == "021 425 836 425 854"
    assert seed_revision.letterhead["lines"][0] == "РЕПУБЛИКА СРБИЈА"
    settings.INSTITUTE = {**settings.INSTITUTE, "address": "Нова адреса 1, Нови Сад"}
    html = render_programme(seed_revision, "sr").html
    assert "Нови Сад, Булевар Михајла Пупина 25" in html
    assert "Нова адреса 1" not in html


def test_a_new_programme_takes_todays_letterhead_and_keeps_it(settings):
    settings.INSTITUTE = {**settings.INSTITUTE, "address": "Адреса 2030, Нови Сад"}
    revision = services.programme_create(user=None, year=2030)
    assert revision.letterhead["address"] == "Адреса 2030, Нови Сад"
    settings.INSTITUTE = {**settings.INSTITUTE, "address": "Касније, Нови Сад"}
    assert "Адреса 2030, Нови Сад" in render_programme(revision, "sr").html


def test_what_the_portal_added_is_marked_in_the_2021_document(seed_revision):
    html = render_programme(seed_revision, "sr").html
    page = BeautifulSoup(html, "html.parser")
    # The 2021 text states no indicators and, but for the closing forum, no time frames:
    # those the targets file supplied are marked, and the document says what the mark means.
    note = page.select_one(".doc-added-note")
    assert note is not None and "нису део текста" in note.get_text()
    row = page.find("td", string=re.compile("Радне посете центрима за социјални рад")).parent
    cells = row.find_all("td")
    assert cells[2].select_one(".doc-added") is not None  # the default time frame
    assert cells[4].select_one(".doc-added") is not None  # the indicator
    forum = page.find("td", string=re.compile("Завршна трибина")).parent.find_all("td")
    assert forum[2].select_one(".doc-added") is None  # "За крај 2021. године": the text's
    assert "IV квартал" in forum[2].get_text()


def test_a_target_written_in_the_portal_is_not_marked(staff_user):
    revision = make_revision()
    html = render_programme(revision, "sr").html
    assert 'class="doc-added' not in html


def _page_lines(path) -> list[list[str]]:
    """Each page's lines of body text, top to bottom, without the running footer."""
    require(shutil.which("pdftotext") is not None, "pdftotext (poppler-utils) is needed")
    text = subprocess.run(
        ["pdftotext", "-layout", str(path), "-"], capture_output=True, check=True
    ).stdout.decode("utf-8")
    footer = re.compile(r"(Програм рада Покрајинског завода.*)?\s*\d+ / \d+\s*$")
    pages = []
    for page in text.split("\f"):
        lines = [line.strip() for line in page.splitlines() if line.strip()]
        while lines and footer.fullmatch(lines[-1]):
            lines.pop()
        pages.append(lines)
    return [p for p in pages if p]


def test_no_table_caption_is_left_alone_at_the_foot_of_a_page(seed_revision, no_render):
    document = services.programme_document_request(revision=seed_revision, language="sr")
    document = document_render(document_id=document.pk)
    assert document.status == DocumentStatus.READY, document.error
    pages = _page_lines(document.file.path)
    assert len(pages) > 10
    for number, lines in enumerate(pages, start=1):
        # A caption's table starts with its header row: neither may end a page.
        assert lines[-1] != "Планирани задаци", f"page {number} ends with a caption"
        assert not lines[-1].startswith("Задатак "), f"page {number} ends with a table head"


def test_the_pdf_hyphenates_its_serbian_text(seed_revision):
    html = render_programme(seed_revision, "sr").html
    assert '<html lang="sr-Cyrl">' in html
    assert re.search(r"p \{[^}]*hyphens: auto", html)
