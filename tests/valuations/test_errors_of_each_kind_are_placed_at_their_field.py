"""Engine errors in the kinds' own parts land next to their field: an effect of a
socio-economic outcome, a property figure, a contract metric's outcome year."""

from __future__ import annotations

from django.urls import reverse

from grogrund.valuations.services import starter_model
from valuations.builders_valuations import make_valuation
from valuations.form_data import form_data


def _post(world, valuation, changes):
    client = world.client(world.editor)
    url = reverse("valuations:edit", args=[world.programme.pk, valuation.pk])
    data = form_data(client.get(url).content)
    data.update(changes)
    response = client.post(url, data)
    return response.status_code, response.content.decode()


def _near(html: str, field_id: str) -> str:
    start = html.index(f'id="{field_id}')
    end = html.find('<div class="field-', start)
    return html[start : end if end != -1 else None]


def _valuation(world, kind):
    model = starter_model(kind, start_year=2024, horizon_years=10, name=kind)
    return make_valuation(world, name=kind, model=model)


def test_an_effects_share_over_100_is_shown_on_that_effect(world):
    model = starter_model("socioeconomic", start_year=2024, horizon_years=12, name="Jobb")
    model["outcomes"].append(
        {
            "id": "misshandel",
            "name": "Färre misshandelsfall",
            "persons": 3,
            "effects": [
                {"stakeholder": "justice", "value_bank": "crime_assault", "share": 60},
                {"stakeholder": "region", "value_bank": "crime_assault", "share": 40},
            ],
        }
    )
    valuation = make_valuation(world, name="Jobb", model=model)
    # effect rows: 0 = the first outcome's own effect, 1 and 2 = the second outcome's
    status, html = _post(world, valuation, {"effects-2-share": "140"})
    assert status == 200
    assert "mellan 0 och 100 (du angav 140)" in _near(html, "id_effects-2-share_0")
    assert "du angav 140" not in _near(html, "id_effects-1-share_0")


def test_a_vacancy_rate_of_100_is_shown_at_the_improved_vacancy(world):
    valuation = _valuation(world, "property")
    status, html = _post(
        world,
        valuation,
        {
            "property-improved_vacancy_rate": "100",
            "property-improved_vacancy_rate_low": "",
            "property-improved_vacancy_rate_high": "",
        },
    )
    assert status == 200
    assert "under 100" in _near(html, "id_property-improved_vacancy_rate_0")


def test_a_contract_outcome_outside_the_years_is_shown_at_the_metrics_outcomes(world):
    valuation = _valuation(world, "outcome_contract")
    status, html = _post(
        world, valuation, {"metrics-0-outcomes": "2025: 30\n2027: 32/40/48\n2050: 45"}
    )
    assert status == 200
    near = _near(html, "id_metrics-0-outcomes")
    assert "2050" in near and "2024–2033" in near


def test_a_badly_written_year_line_is_refused_by_the_form(world):
    valuation = _valuation(world, "outcome_contract")
    status, html = _post(world, valuation, {"metrics-0-outcomes": "tjugotjugosju: 40"})
    assert status == 200
    assert "ett år och ett belopp per rad" in _near(html, "id_metrics-0-outcomes")
