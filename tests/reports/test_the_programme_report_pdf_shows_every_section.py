"""Every section of the programme report's PDF holds what it promises (figures of the world in
tests/reports/builders.py, checked by hand there): the table of contents names the sections in
order with the page each begins on; the valuations give their key figures with their main
assumptions, price year and discount rate; the twelve steps' table gives each step's status and
note; an initiative's effect logic prints its texts as text; a goal's figures carry their
source and the date they were retrieved or recorded.

A second valuation, tests/valuations/builders_valuations.simple_sroi, is checked by hand:
10 pupils × 10 000 kr × 0,8 × 0,75 = 60 000 kr a year in 2024–2026; at 5 % with 2024 not
discounted PV(benefits) = 60 000 × (1 + 1/1,05 + 1/1,05²) = 171 564,63 kr; PV(costs)
100 000 kr; NPV 71 564,63 kr; ratio 1,72; break-even 2025; payback 1 + 40 000 / 57 142,86 =
1,7 years; prices of 2023; horizon 10 years, so 2024–2033."""

from __future__ import annotations

import re

import pytest
from django.utils import timezone, translation
from django.utils.formats import date_format

from grogrund.programmes.services import set_step_status
from grogrund.reports import kinds
from grogrund.reports.kinds import Period
from grogrund.reports.services import make_report
from grogrund.valuations import services as valuation_services
from reports.builders import page_texts
from valuations.builders_valuations import simple_sroi

pytestmark = pytest.mark.django_db

#: The sections in the order the report gives them (programme_context.build).
SECTIONS = [
    "Programmet",
    "Mål och uppföljning",
    "Insatser och effektlogik",
    "Handslagets budget",
    "Värderingar",
    "De tolv stegen",
    "Vad som har ändrats sedan förra rapporten",
    "Källor",
]


def _today() -> str:
    with translation.override("sv"):
        return date_format(timezone.localdate(), "j F Y")


def _one_line(text: str) -> str:
    return re.sub(r"\s+", " ", text)


@pytest.fixture
def pages(world) -> list[str]:
    """The PDF's text page by page, of the world's programme with two steps marked and the
    hand-checked valuation added beside the starter SROI."""
    set_step_status(
        user=world.editor,
        programme=world.programme,
        step="utmaningar",
        status="done",
        note="Utmaningarna kartlagda med kommunen",
    )
    set_step_status(
        user=world.editor, programme=world.programme, step="malsattningar", status="in_progress"
    )
    valuation_services.create_valuation(
        user=world.editor, programme=world.programme, name="Läxhjälp Testby", model=simple_sroi()
    )
    report = make_report(
        user=world.editor,
        kind=kinds.get("programme"),
        subject=world.programme,
        period=Period.year(2024),
        language="sv",
        owner=world.a,
    )
    return page_texts(report.pdf.read())


def _first_page_with_heading(pages: list[str], heading: str) -> int:
    """The number (from 1) of the first page after the contents with `heading` as a line of
    its own."""
    for number, text in enumerate(pages[1:], start=2):
        if heading in (line.strip() for line in text.splitlines()):
            return number
    raise AssertionError(f"no page has the heading {heading!r}")


def _section(pages: list[str], heading: str, end: str) -> str:
    """The text from `heading` (a line of its own) to `end`, on one line."""
    text = "\n".join(pages[_first_page_with_heading(pages, heading) - 1 :])
    start = text.index(f"\n{heading}\n") if not text.startswith(heading) else 0
    return _one_line(text[start : text.index(end, start + len(heading))])


def test_the_contents_list_the_sections_with_the_pages_they_begin_on(pages):
    contents = pages[0]
    assert "Innehåll" in contents
    listed = re.findall(r"^(\S.*?) \.{3,} (\d+)$", contents, re.M)
    assert [title for title, _page in listed] == SECTIONS
    for title, page in listed:
        assert int(page) == _first_page_with_heading(pages, title), title
    # The sections follow one another: the goals, the initiatives (landscape), the budget and
    # the valuations each begin on a new page; the contents have a page of their own.
    numbers = [int(page) for _title, page in listed]
    assert numbers == sorted(numbers) and numbers[0] == 2
    assert len(set(numbers[:6])) == 6


def test_each_valuation_has_its_key_figures_with_assumptions_price_year_and_rate(pages):
    from grogrund.core.numbers import format_money, format_number
    from grogrund.valuations.models import Valuation

    section = _section(pages, "Värderingar", "De tolv stegen")
    hand = section[section.index("Läxhjälp Testby") :]
    hand = hand[: hand.index("Källa: värderingen i Grogrund")]
    assert "Nyckeltal, 2024–2033: kronor i 2023 års priser, diskonterade med 5 % real ränta" in (
        hand
    )
    for row in (
        "Nuvärde av nyttor 171 565 kr",
        "Nuvärde av kostnader 100 000 kr",
        "Nettonuvärde 71 565 kr",
        "SROI-kvot 1,72",
        "Återbetalningstid 1,7 år",
        "Break even-år 2025",
    ):
        assert row in hand, row
    # Its main assumptions with their values and sources (no ranges, so none is ranked first).
    assert "De viktigaste antagandena" in hand
    assert "Diskonteringsränta (% per år, real) 5 % – Indata" in hand
    assert "Läxhjälpare · Belopp per år (kr) 100 000 kr – Budget 2024" in hand
    # The outcome's inputs follow, with their values and sources; with no ranges they tie, and
    # which of them fill the list follows the stored model's order (PostgreSQL's jsonb orders
    # an object's keys its own way), so the test names none of them.
    assert hand.count("Behöriga elever · ") >= 2
    assert "har inte simulerats" in hand  # no ranges: no uncertainty to give

    # The starter SROI: its figures as the valuation's own result has them, and the input the
    # uncertainty analysis ranks first, with its range and source, at the top of the table.
    starter = Valuation.objects.get(name="Läxhjälp – SROI")
    result = valuation_services.cached_result(starter)
    totals = result["totals"]
    shown = section[section.index("Läxhjälp – SROI") :]
    shown = shown[: shown.index("Källa: värderingen i Grogrund")]
    with translation.override("sv"):
        npv, ratio = format_money(totals["npv"]), format_number(totals["ratio"], 2)
    assert f"Nettonuvärde {npv.replace(chr(160), ' ')}" in shown
    assert f"SROI-kvot {ratio}" in shown
    assert f"kronor i {result['price_year']} års priser, diskonterade med 3,5 % real ränta" in (
        shown
    )
    first = result["simulation"]["tornado"][0]["input"]
    assert first == "outcomes[0].quantity"
    table = shown[shown.index("Indata Värde Osäkerhetsintervall Källa") :]
    assert table.index("Elever som blir behöriga till gymnasiet tack vare läxhjälpen") < (
        table.index("Diskonteringsränta")
    )
    assert "8 4 – 12 (PERT) Exempel: närvarolistor och skolresultat" in table
    assert "I 2 000 simuleringar av de osäkra indata ligger nettonuvärdet mellan" in shown


def test_the_twelve_steps_table_gives_each_steps_status_and_note(pages):
    section = _section(pages, "De tolv stegen", "Vad som har ändrats sedan förra rapporten")
    assert "1 av 12 steg klara, 1 pågår." in section
    assert "Steg Status Anteckning" in section
    today = _today()
    assert (
        f"1. Samhällsutmaningar Klar Utmaningarna kartlagda med kommunen (markerat {today})"
        in section
    )
    assert f"6. Målsättningar Pågår (markerat {today})" in section
    for number, name in (
        (2, "Social upphandling"),
        (3, "Benchmark"),
        (7, "Tidsperspektiv"),
        (11, "Finansiell analys"),
        (12, "Uppföljning, återkoppling, resultatspridning"),
    ):
        assert re.search(rf"{number}\. {name} Ej påbörjat", section), name
    # Twelve rows, numbered in order.
    assert re.findall(r"(?:^| )(\d{1,2})\. [A-ZÅÄÖ]", section) == [str(n) for n in range(1, 13)]


def test_an_initiatives_effect_logic_prints_its_texts_as_lines(pages):
    number = _first_page_with_heading(pages, "Jobbspår Testby")
    lines = [line.strip() for line in pages[number - 1].splitlines()]
    # The columns' headings: one line, in the chain's order.
    assert (
        "Behov och målgrupp Aktiviteter Prestationer Kortsiktiga utfall Långsiktiga utfall "
        "Samhällseffekt" in lines
    )
    text = _one_line(pages[number - 1])
    diagram = text[text.index("Behov och målgrupp Aktiviteter") :]
    for node in (
        "Många saknar arbete",
        "Jobbcoacher i området",
        "40 samtal om året",
        "Fler i arbete",
        "Minskat utanförskap",
    ):
        assert node in diagram, node
    # The missing column (no long-term outcome) is marked in the drawing's text too.
    assert "saknas" in diagram


def test_a_goals_figures_carry_their_source_and_retrieval_date(pages):
    section = _section(pages, "Förvärvsarbetande — Testby", "Målbana")
    # The baseline 55,0 % of 2021, read from the dataset "SCB (test)" retrieved on 1 March
    # 2025 (tests/builders.RETRIEVED); the measurement of 2024 with its source and the date
    # it was recorded.
    baseline = section.index("År 2021 var andelen i Testby 55,0 % av 1 000 personer")
    source = section.index("Utgångsläge: SCB (test), hämtat 1 mars 2025.")
    assert baseline < source
    measured = section.index("år 2024 var värdet 60,0 % där målbanan kräver 58,3 %")
    recorded = section.index(
        f"Mätt: SCB (test) (2024); registrerat för Bostadsbolaget A {_today()}."
    )
    assert source < measured < recorded
