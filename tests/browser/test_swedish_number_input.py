"""Numbers typed as Swedes write them, in a real browser, whatever the language of the screen:
"5,5" in a goal measurement's "Värde (%)" is 5,5 % (it was stored as 55 % before, and an
English browser refused "13,9" with a bubble), and "1 234,5" in a valuation's cost is
1 234,5 kr. The inputs are text inputs with `inputmode`, never `type="number"`.

The goal is made for the test on the demo programme's district: unemployment 5,5 % in 2021 →
4,5 % in 2031, so 5,5 % in 2025 is plausible (the "Did you mean …?" question stays away).
The valuation (valuations/builders_valuations.simple_sroi): 60 000 kr a year in 2024–2026 at
5 %, the cost 100 000 kr in 2024 replaced by 1 234,5 kr: NPV = 60 000 × (1 + 1/1,05 +
1/1,05²) − 1 234,5 = 171 564,63 − 1 234,5 = 170 330,13 kr."""

from __future__ import annotations

import re
from typing import Any

import pytest

from grogrund.areas.models import Indicator
from grogrund.programmes.demo import DEMO_PROGRAMME
from grogrund.programmes.models import Goal, Measurement, Programme
from programmes.builders_followup import make_goal

pytestmark = pytest.mark.browser

NBSP = "\u00a0"


def _goal() -> Goal:
    programme = Programme.objects.get(name=DEMO_PROGRAMME)
    demo_goal = programme.goals.first()
    assert demo_goal is not None
    return make_goal(
        programme,
        demo_goal.area,
        Indicator.objects.get(code="unemployment_16_64"),
        reference_area=demo_goal.reference_area,
        baseline_share=0.055,
        target_share=0.045,
        baseline_year=2021,
        deadline_year=2031,
    )


def _in_english(page: Any) -> None:
    page.goto("/")
    page.locator("header").get_by_role("button", name="English").click()
    page.wait_for_load_state()
    assert page.locator("html").get_attribute("lang") == "en"


@pytest.mark.parametrize("language,shown", [("sv", "5,5 %"), ("en", "5.5 %")])
def test_five_comma_five_percent_is_stored_as_five_and_a_half(
    logged_in: Any, language: str, shown: str
) -> None:
    page = logged_in
    if language == "en":
        _in_english(page)
    goal = _goal()
    page.goto(f"/program/{goal.programme_id}/mal/{goal.pk}/matning/ny/")
    value = page.locator("#id_value_percent")
    assert value.get_attribute("type") == "text"
    assert value.get_attribute("inputmode") == "decimal"
    assert page.locator('input[type="number"]').count() == 0
    page.fill("#id_year", "2025")
    value.fill("5,5")
    page.fill("#id_source", "Egen räkning (browsertest)")
    page.click("form.form button[type=submit]")
    page.wait_for_url(f"**/mal/{goal.pk}/")

    assert Measurement.objects.get(goal=goal, year=2025).value == pytest.approx(0.055)
    row = page.locator("#measurements tbody tr", has_text="2025")
    assert shown in row.inner_text().replace(NBSP, " ")
    assert "55,0 %" not in row.inner_text().replace(NBSP, " ")
    assert "55.0 %" not in row.inner_text().replace(NBSP, " ")


@pytest.mark.parametrize("language", ["sv", "en"])
def test_a_cost_of_1_234_comma_5_kronor_is_stored(logged_in: Any, language: str) -> None:
    from django.contrib.auth import get_user_model

    from grogrund.valuations import services
    from valuations.builders_valuations import simple_sroi

    page = logged_in
    if language == "en":
        _in_english(page)
    programme = Programme.objects.get(name=DEMO_PROGRAMME)
    anna = get_user_model().objects.get(username="anna")
    valuation = services.create_valuation(
        user=anna, programme=programme, name="Läxhjälp – taltest", model=simple_sroi()
    )
    edit = f"/program/{valuation.programme_id}/vardering/{valuation.pk}/andra/"
    page.goto(edit)
    amount = page.locator("#id_costs-0-amount_sek_0")
    assert amount.get_attribute("type") == "text"
    amount.fill("1 234,5")
    page.locator("button[name=save]").last.click()
    page.wait_for_url(re.compile(r"/vardering/\d+/$"))

    valuation.refresh_from_db()
    assert valuation.model["costs"][0]["amount_sek"] == 1234.5
    npv = page.locator("#figure-npv .value").inner_text().replace(NBSP, " ")
    assert npv == ("170 330 kr" if language == "sv" else "170,330 kr")
    page.goto(edit)
    typed_back = page.input_value("#id_costs-0-amount_sek_0").replace(NBSP, " ")
    assert typed_back == ("1 234,5" if language == "sv" else "1,234.5")
