"""The results page shows the engine's figures for the stored model, in Swedish format, with
where they came from.

Hand check of builders_valuations.simple_sroi: value per year 10 × 10 000 × 0,8 × 0,75 =
60 000 kr in 2024, 2025 and 2026; at 5 % with 2024 as year 0:
PV(benefits) = 60 000 × (1 + 1/1,05 + 1/1,05²) = 60 000 × 2,859410 = 171 564,63 kr;
PV(costs) = 100 000 kr (2024, not discounted); NPV = 71 564,63 kr; ratio 1,7156;
cumulative net: −40 000 at the end of 2024, +17 142,86 after 2025 → break-even 2025, payback
1 + 40 000 / 57 142,86 = 1,7 years."""

from __future__ import annotations

from django.urls import reverse

from grogrund.engine import evaluate
from valuations.builders_valuations import make_valuation, simple_sroi

NBSP = "\u00a0"


def _detail(world, valuation, user=None):
    client = world.client(user or world.editor)
    return client.get(
        reverse("valuations:detail", args=[world.programme.pk, valuation.pk])
    ).content.decode()


def test_key_figures_are_the_hand_checked_ones(world):
    valuation = make_valuation(world)
    html = _detail(world, valuation)
    assert f"171{NBSP}565{NBSP}kr" in html  # PV benefits
    assert f"100{NBSP}000{NBSP}kr" in html  # PV costs
    assert f"71{NBSP}565{NBSP}kr" in html  # NPV
    assert "1,72" in html  # ratio
    assert f"1,7{NBSP}år" in html  # payback
    assert 'id="figure-break_even"' in html and "2025" in html


def test_the_page_agrees_with_the_engine_on_the_same_model(world):
    valuation = make_valuation(world)
    engine = evaluate(valuation.model)
    assert round(engine.pv_benefits, 2) == 171564.63
    assert round(engine.npv, 2) == 71564.63
    assert engine.break_even_year == 2025
    assert round(engine.payback_years, 6) == 1.7
    cached = valuation.result
    assert cached["npv"] == engine.npv and cached["ratio"] == engine.ratio


def test_each_input_shows_where_it_came_from(world):
    model = simple_sroi()
    model["outcomes"][0].pop("proxy_sek")
    model["outcomes"][0]["value_bank"] = "upper_secondary_eligibility_person_year"
    valuation = make_valuation(world, model=model)
    html = _detail(world, valuation)
    assert "Skolans uppföljning 2024" in html  # the outcome's own source
    assert "Budget 2024" in html  # the cost's source
    assert "Skandia" in html  # the value bank entry's source
    assert "upper_secondary_eligibility_person_year" in html
    # 80 000 kr in 2017 prices indexed to 2023 with KPI
    assert "KPI" in html and "80" in html


def test_a_model_with_ranges_shows_the_four_charts_and_the_simulation(world):
    model = simple_sroi()
    model["outcomes"][0]["quantity"] = {"low": 5, "likely": 10, "high": 15}
    valuation = make_valuation(world, model=model)
    html = _detail(world, valuation)
    for chart in ("chart-benefits", "chart-break-even", "chart-histogram", "chart-tornado"):
        assert f'id="{chart}"' in html, chart
    assert html.count("<svg") >= 4
    sim = valuation.result["simulation"]
    assert sim["draws"] == 2000
    assert "P10" in html and "P90" in html
    # P(NPV > 0): with 5 pupils NPV = 0.5 × 171 565 − 100 000 < 0, so not certain
    assert 0 < sim["probability_npv_positive"] < 1
    assert 'id="simulation-summary"' in html


def test_without_ranges_the_page_says_there_is_no_simulation(world):
    html = _detail(world, make_valuation(world))
    assert 'id="no-simulation"' in html
    assert 'id="chart-histogram"' not in html


def test_english_page_uses_english_number_format(world):
    world.editor.language = "en"
    world.editor.save()
    html = _detail(world, make_valuation(world))
    assert "71,565" in html


def test_a_property_valuation_names_its_rows_and_shows_the_property_value(world):
    from grogrund.valuations.services import starter_model

    model = starter_model("property", start_year=2024, horizon_years=10, name="Trygghet")
    valuation = make_valuation(world, name="Trygghet", model=model)
    html = _detail(world, valuation)
    assert "Färre vakanser (hyra)" in html
    assert "Fewer vacancies" not in html
    assert 'id="details"' in html and "Förändring av fastighetsvärdet" in html


def test_an_outcome_after_the_last_year_is_pointed_out(world):
    model = simple_sroi(horizon_years=10)
    model["outcomes"][0]["start_year"] = 2040
    html = _detail(world, make_valuation(world, model=model))
    assert "Behöriga elever börjar 2040, efter det sista året 2033" in html
