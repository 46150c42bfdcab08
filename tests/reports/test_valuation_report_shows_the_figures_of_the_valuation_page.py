"""The valuation report's PDF holds the figures the valuation's page shows, in Swedish format.

Hand check (tests/valuations/builders_valuations.simple_sroi): 10 pupils × 10 000 kr × 0,8 ×
0,75 = 60 000 kr a year in 2024–2026; at 5 % with 2024 not discounted, PV(benefits) =
60 000 × (1 + 1/1,05 + 1/1,05²) = 171 564,63 kr; PV(costs) 100 000 kr; NPV 71 564,63 kr; ratio
1,72; cumulative net −40 000 kr after 2024, +17 142,86 kr after 2025: break-even 2025, payback
1 + 40 000 / 57 142,86 = 1,7 years."""

from __future__ import annotations

import re

import pytest
from django.urls import reverse

from reports.report_documents_builders import html_text, make_report, make_world
from valuations.builders_valuations import simple_sroi

pytestmark = pytest.mark.django_db


def _valuation(world, model=None, name="Läxhjälp Testby"):
    from grogrund.valuations import services

    return services.create_valuation(
        user=world.editor, programme=world.programme, name=name, model=model or simple_sroi()
    )


def _page_figures(world, valuation):
    """The key figures as the valuation's page shows them: {key: value}."""
    client = world.client(world.editor)
    html = client.get(
        reverse("valuations:detail", args=[world.programme.pk, valuation.pk])
    ).content.decode()
    found = re.findall(
        r'id="figure-(\w+)"><span class="label">[^<]*</span><span class="value">([^<]*)</span>',
        html,
    )
    return {key: html_text(value) for key, value in found}


def test_the_key_figures_of_the_page_are_in_the_pdf():
    world = make_world()
    valuation = _valuation(world)
    shown = _page_figures(world, valuation)
    assert shown["npv"] == "71 565 kr" and shown["ratio"] == "1,72"
    report = make_report("valuation", world.editor, valuation.pk)
    text = report.text
    for key, value in shown.items():
        assert value in text, (key, value)
    # the hand-checked figures, by name
    assert "171 565 kr" in text  # present value of benefits
    assert "100 000 kr" in text  # present value of costs
    assert "71 565 kr" in text  # net present value
    assert "1,7 år" in text  # payback
    assert "2025" in text  # break-even year


def test_benefits_by_stakeholder_and_year_and_the_cumulative_value_are_in_the_pdf():
    world = make_world()
    valuation = _valuation(world)
    text = make_report("valuation", world.editor, valuation.pk).text
    assert "60 000 kr" in text  # the municipality's benefit in each of 2024–2026
    assert "180 000 kr" in text  # its sum over the years
    assert "−40 000 kr" in text  # cumulative discounted net value after 2024
    assert "17 143 kr" in text  # … after 2025


def test_every_input_is_named_in_words_with_its_source():
    world = make_world()
    valuation = _valuation(world)
    report = make_report("valuation", world.editor, valuation.pk)
    text = report.text
    assert "Skolans uppföljning 2024" in text and "Budget 2024" in text
    # plain-language names, never the model's field paths
    assert "outcomes[0]" not in report.html and "costs[0]" not in report.html
    assert "Behöriga elever" in text and "Läxhjälpare" in text


def test_the_price_year_and_discount_rate_are_stated():
    world = make_world()
    valuation = _valuation(world)
    report = make_report("valuation", world.editor, valuation.pk)
    assert "2023" in report.text
    assert re.search(r'id="discount-rate">5 %', report.html.replace("\u00a0", " "))
