"""In the property editor the net operating income (driftnetto) can be given directly, now and
after, instead of apartments, rent, vacancies, move-outs and vandalism; the cash-flow rate may
be left empty. Giving both is refused next to the income, in the user's language."""

from __future__ import annotations

from django.urls import reverse
from django.utils import translation

from grogrund.valuations.issues import MESSAGES
from grogrund.valuations.services import starter_model
from valuations.builders_valuations import make_valuation
from valuations.form_data import form_data

PARTS = [
    "units",
    "rent_sek_per_unit_year",
    "other_operating_cost_sek_per_year",
    "cost_per_move_sek",
    *(
        f"{state}_{f}"
        for state in ("baseline", "improved")
        for f in ("vacancy_rate", "moves_per_year", "vandalism_sek_per_year")
    ),
    "dcf_rate",
]


def _in_swedish(code):
    with translation.override("sv"):
        return str(MESSAGES[code])


def _editor(world):
    model = starter_model("property", start_year=2024, horizon_years=10, name="Fastighet")
    valuation = make_valuation(world, name="Fastighet", model=model)
    client = world.client(world.editor)
    url = reverse("valuations:edit", args=[world.programme.pk, valuation.pk])
    return valuation, client, url, form_data(client.get(url).content)


def _noi(data, now="6600000", after="7200000"):
    data["property-baseline_noi_sek_per_year"] = now
    data["property-improved_noi_sek_per_year"] = after
    return data


def _cleared(data):
    for name in PARTS:
        for suffix in ("", "_low", "_high"):
            data[f"property-{name}{suffix}"] = ""
    return data


def test_the_income_now_and_after_replaces_the_parts(world):
    valuation, client, url, data = _editor(world)
    response = client.post(url, _noi(_cleared(data)))
    assert response.status_code == 302
    valuation.refresh_from_db()
    prop = valuation.model["property"]
    assert prop["baseline"]["noi_sek_per_year"] == 6600000
    assert prop["improved"]["noi_sek_per_year"] == 7200000
    assert "units" not in prop and "dcf_rate" not in prop
    html = client.get(reverse("valuations:detail", args=[world.programme.pk, valuation.pk]))
    text = html.content.decode()
    # 6 600 000 kr now, as given; no cash-flow value without its rate
    assert "Driftnetto i dag" in text and "6\u00a0600\u00a0000" in text
    assert "Kassaflödesvärde" not in text


def test_the_income_and_the_parts_together_are_refused_at_the_income(world):
    _valuation, client, url, data = _editor(world)
    html = client.post(url, _noi(data)).content.decode()
    start = html.index('id="id_property-baseline_noi_sek_per_year')
    near = html[start : html.find('<div class="field-', start)]
    assert _in_swedish("noi_with_parts") in near


def test_without_the_income_a_missing_part_is_named_at_its_field(world):
    _valuation, client, url, data = _editor(world)
    data["property-units"] = ""
    html = client.post(url, data).content.decode()
    start = html.index('id="id_property-units')
    assert _in_swedish("missing_field") in html[start : html.find('<div class="field-', start)]
