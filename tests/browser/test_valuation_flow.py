"""Step 11 in a real browser: attach a valuation to an initiative of the demo programme, change
an input, see the net present value change and the four charts; a wrong input is refused next
to its field with nothing saved."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest

from grogrund.engine import evaluate
from grogrund.programmes.demo import DEMO_PROGRAMME
from grogrund.programmes.models import Programme
from grogrund.valuations.models import Valuation

pytestmark = pytest.mark.browser

NAME = "Läxhjälp – browsertest"


def _money(text: str) -> float:
    """'2 324 619 kr' or '−1 234 kr' → number"""
    t = text.replace("\u00a0", " ").replace("\u2212", "-")
    match = re.search(r"-?\d[\d ]*", t)
    assert match, f"no amount in {text!r}"
    return float(match.group(0).replace(" ", ""))


def _create(page: Any, programme: Programme) -> Valuation:
    page.goto(f"/program/{programme.pk}/")
    page.locator("#valuations").get_by_role("link", name="Ny värdering").click()
    page.select_option("#id_kind", "sroi")
    page.fill("#id_name", NAME)
    options = page.locator("#id_initiative option").all()
    initiative_value = options[1].get_attribute("value") if len(options) > 1 else ""
    page.select_option("#id_initiative", initiative_value)
    page.click("main form button[type=submit]")
    page.wait_for_url(re.compile(r"/vardering/\d+/andra/$"))
    valuation = Valuation.objects.get(name=NAME)
    if initiative_value:
        assert valuation.initiative_id == int(initiative_value)
    return valuation


def test_attach_a_valuation_change_an_input_and_see_the_npv_and_the_charts(
    logged_in: Any, artifacts: Path
) -> None:
    page = logged_in
    programme = Programme.objects.get(name=DEMO_PROGRAMME)
    valuation = _create(page, programme)
    npv_before = valuation.result["npv"]

    # Raise the likely number of pupils who become eligible from 8 to 16 (range 4–12 → 8–20).
    page.fill("#id_outcomes-0-quantity_0", "16")
    page.fill("#id_outcomes-0-quantity_1", "8")
    page.fill("#id_outcomes-0-quantity_2", "20")
    page.fill("#id_outcomes-0-source", "Skolans prognos för 2026 (browsertest)")
    page.get_by_role("button", name="Spara och räkna").click()
    page.wait_for_url(re.compile(r"/vardering/\d+/$"))

    valuation.refresh_from_db()
    assert valuation.model["outcomes"][0]["quantity"]["likely"] == 16
    expected = evaluate(valuation.model).npv
    assert expected > npv_before
    shown = _money(page.locator("#figure-npv .value").inner_text())
    assert abs(shown - expected) <= 1, (shown, expected)
    flash = page.locator(".flash").inner_text()
    assert "Nettonuvärde" in flash and "→" in flash, flash

    for chart in ("#chart-benefits", "#chart-break-even", "#chart-histogram", "#chart-tornado"):
        assert page.locator(f"{chart} svg").is_visible(), chart
    assert "P(NPV" not in page.content()  # the probability is said in words
    assert page.locator("#simulation-summary").inner_text().count("%") >= 1
    assert "Skolans prognos för 2026 (browsertest)" in page.locator("#inputs").inner_text()
    assert page.locator("#history tbody tr").count() == 2

    page.set_viewport_size({"width": 1280, "height": 900})
    page.screenshot(path=str(artifacts / "valuation-results.png"), full_page=True)


def test_the_value_bank_beside_the_form_is_searched_as_one_types(logged_in: Any) -> None:
    page = logged_in
    valuation = _create(page, Programme.objects.get(name=DEMO_PROGRAMME))
    assert page.locator("#bank-crime_robbery").is_visible()
    page.fill("#bank-q", "misshandel")
    page.locator("#bank-crime_robbery").wait_for(state="detached")
    assert page.locator("#bank-crime_assault").is_visible()
    assert "203" in page.locator("#bank-crime_assault").inner_text()
    assert page.url.endswith(f"/vardering/{valuation.pk}/andra/")  # searched in place


def test_a_wrong_input_is_refused_next_to_its_field(logged_in: Any) -> None:
    page = logged_in
    programme = Programme.objects.get(name=DEMO_PROGRAMME)
    valuation = _create(page, programme)
    before = valuation.model

    page.fill("#id_outcomes-0-deadweight_0", "140")
    page.get_by_role("button", name="Spara och räkna").click()
    page.wait_for_load_state()

    assert page.locator("#model-errors").is_visible()
    field = page.locator(".field-deadweight").first
    assert "mellan 0 och 100" in field.inner_text()
    valuation.refresh_from_db()
    assert valuation.model == before
