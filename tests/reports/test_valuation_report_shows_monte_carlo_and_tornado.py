"""With uncertain inputs the valuation report shows the Monte Carlo simulation and the tornado
as the valuation's page shows them: the same P10, P50 and P90, the same probability that the
net present value is positive, and the inputs ranked by how much they move it.

The simulation runs with the page's fixed seed, so the page and the report show the same
figures (tests/valuations/test_results_page_shows_hand_checked_figures)."""

from __future__ import annotations

import re

import pytest
from django.urls import reverse

from grogrund.core.numbers import format_money, format_percent
from reports.report_documents_builders import html_text, make_report, make_valuation, make_world
from valuations.builders_valuations import simple_sroi

pytestmark = pytest.mark.django_db


def _uncertain():
    model = simple_sroi()
    model["outcomes"][0]["quantity"] = {"low": 5, "likely": 10, "high": 15}
    model["outcomes"][0]["deadweight"] = {"low": 10, "likely": 20, "high": 30}
    return model


def test_the_simulation_summary_of_the_page_is_in_the_pdf():
    world = make_world()
    valuation = make_valuation(world, _uncertain())
    page = world.client(world.editor).get(
        reverse("valuations:detail", args=[world.programme.pk, valuation.pk])
    )
    summary = re.search(r'<p id="simulation-summary">(.*?)<span', page.content.decode(), re.S)
    assert summary is not None
    report = make_report("valuation", world.editor, valuation.pk)
    assert html_text(summary.group(1)) in report.text
    sim = valuation.result["simulation"]
    for p in ("p10", "p50", "p90"):
        assert format_money(sim["npv"][p]).replace("\u00a0", " ") in report.text
    assert format_percent(sim["probability_npv_positive"], 1).replace("\u00a0", " ") in report.text


def test_the_tornado_ranks_the_uncertain_inputs_by_name():
    world = make_world()
    valuation = make_valuation(world, _uncertain())
    report = make_report("valuation", world.editor, valuation.pk)
    tornado = valuation.result["simulation"]["tornado"]
    assert [row["input"] for row in tornado][:1] == ["outcomes[0].quantity"]  # swings most
    text = report.text
    assert "Behöriga elever" in text
    # NPV with 5 pupils (the quantity's low value): 0,5 × 171 565 − 100 000 = −14 218 kr
    assert "−14 218 kr" in text
    assert report.html.count("<svg") >= 4  # benefits, break-even, histogram, tornado


def test_without_ranges_the_report_says_there_is_no_simulation():
    world = make_world()
    valuation = make_valuation(world)
    report = make_report("valuation", world.editor, valuation.pk, language="en")
    assert 'id="no-simulation"' in report.html
    assert "there is no Monte Carlo simulation" in report.text
    assert "show a single case" in report.text  # and says so where the limits are told
