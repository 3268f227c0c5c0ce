"""Server-drawn SVG charts: accessible, static, unique ids, the same numbers in a table,
printable by WeasyPrint; the tile map holds every municipality of the reference data."""

import re
import uuid

import pytest
from defusedxml import ElementTree

from pzss.core.reference import DISTRICTS
from pzss.lib import charts
from pzss.lib.vojvodina import TILES

SVG = "{http://www.w3.org/2000/svg}"


def _bars(title="Планирано и реализовано по циљевима", labels=("1. Стручна подршка", "2. Обука")):
    return charts.planned_vs_realised(
        title=title,
        description="Циљ 1: 7 од 10; циљ 2: 3.",
        labels=list(labels),
        planned=[10, None],
        realised=[7, 3],
        planned_label="Планирано",
        realised_label="Реализовано",
        label_header="Циљ",
    )


def test_the_tile_map_has_each_of_the_45_municipalities_once_each_on_its_own_tile():
    names = {name for _district, _seat, items in DISTRICTS for name, _city in items}
    assert len(names) == 45
    assert set(TILES) == names
    assert len(set(TILES.values())) == len(TILES)


def test_a_chart_is_a_static_svg_with_its_title_and_description_for_a_screen_reader():
    chart = _bars()
    root = ElementTree.fromstring(str(chart.svg))
    assert root.tag == f"{SVG}svg"
    assert root.get("role") == "img"
    title_id, desc_id = root.get("aria-labelledby").split()
    assert root.find(f"{SVG}title").get("id") == title_id
    assert root.find(f"{SVG}title").text == "Планирано и реализовано по циљевима"
    assert root.find(f"{SVG}desc").get("id") == desc_id
    # Nothing runs and nothing is fetched: no script, no external reference.
    assert "<script" not in chart.svg
    assert not re.search(r'href="(?!#)', chart.svg)
    # Labels stay text (read aloud, printed as text), in Cyrillic.
    texts = "".join(t.text or "" for t in root.iter(f"{SVG}text"))
    assert "1. Стручна подршка" in texts


def test_the_numbers_are_in_a_table_beside_the_chart_and_a_qualitative_row_has_no_plan():
    chart = _bars()
    assert chart.headers == ("Циљ", "Планирано", "Реализовано")
    assert chart.rows == (("1. Стручна подршка", 10, 7), ("2. Обука", "", 3))


def test_a_title_is_escaped_in_the_svg():
    chart = _bars(title="Циљ <script>alert(1)</script>")
    assert "<script>" not in chart.svg
    assert "&lt;script&gt;" in chart.svg


def test_two_charts_on_one_page_share_no_id():
    one = _bars()
    two = _bars(labels=("3. Истраживања", "4. Информисање"))
    ids_one = set(re.findall(r'id="([^"]+)"', one.svg))
    ids_two = set(re.findall(r'id="([^"]+)"', two.svg))
    assert ids_one and ids_two and not ids_one & ids_two
    # Every reference points at an id of its own chart.
    for svg, ids in ((one.svg, ids_one), (two.svg, ids_two)):
        for ref in re.findall(r"url\(#([^)]+)\)", svg):
            assert ref in ids


def test_the_cumulative_line_stops_at_today_and_its_table_says_so():
    chart = charts.cumulative_line(
        title="Кумулативно",
        description="До другог квартала 19 од планираних 20.",
        periods=["I", "II", "III", "IV"],
        planned=[10, 20, 30, 40],
        realised=[8, 19, None, None],
        planned_label="План",
        realised_label="Остварено",
        period_header="Квартал",
    )
    assert chart.rows[1] == ("II", 20, 19)
    assert chart.rows[2] == ("III", 30, "")
    ElementTree.fromstring(str(chart.svg))


def test_the_map_lists_every_municipality_most_reached_first_in_the_readers_script():
    from pzss.lib.translit import to_latin

    chart = charts.municipality_map(
        title="Општине",
        description="Две општине.",
        values={"Нови Сад": 12, "Сомбор": 3},
        label=to_latin,
        name_header="Opština",
        value_header="Aktivnosti",
    )
    assert len(chart.rows) == 45
    assert chart.rows[:2] == (("Novi Sad", 12), ("Sombor", 3))
    assert all(value == 0 for _name, value in chart.rows[2:])
    assert "Novi Sad" in chart.svg


def test_the_same_data_is_drawn_once(monkeypatch):
    drawn = []
    original = charts._to_svg

    def counting(*args, **kwargs):
        drawn.append(1)
        return original(*args, **kwargs)

    monkeypatch.setattr(charts, "_to_svg", counting)
    title = f"Једном {uuid.uuid4()}"  # the cache may be Redis, kept from an earlier run
    first = _bars(title=title)
    second = _bars(title=title)
    assert first.svg == second.svg
    assert len(drawn) == 1


@pytest.mark.parametrize("kind", ["bars", "map"])
def test_weasyprint_prints_the_chart_with_its_text(kind, tmp_path):
    import subprocess

    from weasyprint import HTML

    if kind == "bars":
        svg = _bars().svg
        expected = "Стручна подршка"
    else:
        svg = charts.municipality_map(
            title="Мапа",
            description="x",
            values={"Зрењанин": 4},
            name_header="Општина",
            value_header="Број",
        ).svg
        expected = "Зрењанин"
    pdf = tmp_path / "chart.pdf"
    HTML(string=f"<html><meta charset='utf-8'><body>{svg}</body></html>").write_pdf(pdf)
    text = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True).stdout
    assert expected in text
