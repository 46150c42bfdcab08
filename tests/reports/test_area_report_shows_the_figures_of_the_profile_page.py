"""The area profile report's PDF holds the figures the area's profile page shows: every value,
gap and gap in people of the ranked gap table, in Swedish format, ranked the same way (the
comparison areas' numerators and denominators are left out: the gap in people rests on the
area's own, which are kept).

Hand check (report_documents_builders.make_world): employment in Testby 550 / 1 000 = 55,0 %,
in Staden 7 700 / 10 000 = 77,0 %: a gap of 22,0 percentage points, 0,22 × 1 000 = 220 people.
Unemployment 12,0 % against 6,0 % (lower is better): 6,0 points, 60 people. Employment ranks
first (220 > 60)."""

from __future__ import annotations

import re

import pytest
from django.urls import reverse

from reports.report_documents_builders import html_text, make_report, make_world

pytestmark = pytest.mark.django_db


def _page_cells(world):
    html = (
        world.client(world.editor)
        .get(reverse("areas:profile", args=[world.deso.code]))
        .content.decode()
    )
    table = re.search(r'<table class="data" id="gap-table">(.*?)</table>', html, re.S)
    assert table is not None
    rows = re.findall(r"<tr>(.*?)</tr>", table.group(1), re.S)
    cells = [
        [html_text(c) for c in re.findall(r'<td class="num">(.*?)</td>', row, re.S)] for row in rows
    ]
    return [row for row in cells if row]  # the header row has none


def test_every_figure_of_the_gap_table_is_in_the_pdf():
    world = make_world()
    cells = _page_cells(world)
    assert cells[0][:1] == ["55,0 % (550/1 000)"]
    report = make_report("area", world.editor, world.deso.pk)
    text = report.text
    for row in cells:
        for k, cell in enumerate(row):
            if k > 0:  # a comparison area's figure, shown without its numerator and denominator
                cell = re.sub(r" \([^)]*\)", "", cell)
            # A figure computed from DeSO carries its note on the page and in the report.
            for part in cell.split(" beräknat från "):
                assert part in text, cell
    assert "+22,0 p.e." in text and "+220" in text
    assert "+6,0 p.e." in text and "+60" in text


def test_the_gaps_are_ranked_as_on_the_page():
    world = make_world()
    report = make_report("area", world.editor, world.deso.pk, pdf=False)
    codes = [row["indicator"]["code"] for row in report.figures["rows"]]
    assert codes == ["employment_20_64", "unemployment_16_64"]
    gaps = report.html.index('id="gap-table"')
    assert report.html.index("+220", gaps) < report.html.index("+60", gaps)


def test_each_figure_has_its_source_and_retrieval_date_and_the_trends_are_charts():
    world = make_world()
    report = make_report("area", world.editor, world.deso.pk)
    assert "SCB TAB6680, hämtad 2025-03-01" in report.text  # once, for every figure
    assert report.html.count('class="trend"') == 2
    assert report.html.count("<svg") >= 3  # the gap chart and one trend chart per indicator
    # employment 2020 → 2024 in Testby: 50,0 % → 55,0 %, +5,0 points
    assert "+5,0 p.e." in report.text
    assert "Många unga vuxna utan arbete" in report.text  # the recorded challenge
