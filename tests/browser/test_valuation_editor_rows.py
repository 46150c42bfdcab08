"""Rows of a valuation in a real browser: "Lägg till en kostnad" adds a blank row in place
(htmx), the new cost is typed and saved and the net present value falls by its hand-checked
present value; "Ta bort raden" takes it away again. Without JavaScript the same buttons reload
the form with the change and everything typed kept."""

from __future__ import annotations

import re
from typing import Any

import pytest

from grogrund.programmes.demo import DEMO_PROGRAMME
from grogrund.programmes.models import Programme
from grogrund.valuations import services
from grogrund.valuations.models import Valuation
from valuations.builders_valuations import simple_sroi

pytestmark = pytest.mark.browser

NAME = "Läxhjälp – radtest"
# simple_sroi: 60 000 kr a year in 2024–2026 and 100 000 kr of cost in 2024 at 5 %:
# NPV = 60 000 × (1 + 1/1,05 + 1/1,05²) − 100 000 = 71 564,63 kr.


def _valuation() -> Valuation:
    from django.contrib.auth import get_user_model

    programme = Programme.objects.get(name=DEMO_PROGRAMME)
    anna = get_user_model().objects.get(username="anna")
    return services.create_valuation(
        user=anna, programme=programme, name=NAME, model=simple_sroi(name=NAME)
    )


def _npv(page: Any) -> str:
    return page.locator("#figure-npv .value").inner_text().replace("\u00a0", " ")


def test_add_a_cost_save_then_remove_it_and_save(logged_in: Any, artifacts: Any) -> None:
    page = logged_in
    valuation = _valuation()
    edit = f"/program/{valuation.programme_id}/vardering/{valuation.pk}/andra/"
    page.goto(edit)

    # Something typed before the button is pressed stays (htmx swaps only the list of costs).
    page.fill("#id_outcomes-0-source", "Skolans uppföljning 2024 (radtest)")
    page.get_by_role("button", name="Lägg till en kostnad").click()
    new_name = page.locator("#id_costs-1-name")
    new_name.wait_for()
    assert page.url.endswith(edit)
    assert page.evaluate("document.activeElement.id") == "id_costs-1-name"
    assert "En rad lades till" in page.locator("#status-costs").inner_text()
    assert page.input_value("#id_outcomes-0-source") == "Skolans uppföljning 2024 (radtest)"
    valuation.refresh_from_db()
    assert len(valuation.model["costs"]) == 1  # nothing saved yet
    page.set_viewport_size({"width": 1280, "height": 900})
    page.locator("#list-costs").screenshot(path=str(artifacts / "valuation-editor-rows.png"))

    new_name.fill("Lokalhyra")
    page.select_option("#id_costs-1-payer", "housing_company")
    page.fill("#id_costs-1-amount_sek_0", "21000")
    page.fill("#id_costs-1-start_year", "2025")
    page.fill("#id_costs-1-years", "1")
    page.fill("#id_costs-1-source", "Hyresavtal 2025")
    page.get_by_role("button", name="Spara och räkna").click()
    page.wait_for_url(re.compile(r"/vardering/\d+/$"))
    # 21 000 kr in 2025 is worth 21 000 / 1,05 = 20 000 kr: 71 565 kr → 51 565 kr
    assert _npv(page) == "51 565 kr"
    valuation.refresh_from_db()
    assert [c["id"] for c in valuation.model["costs"]] == ["laxhjalpare", "lokalhyra"]
    assert valuation.model["outcomes"][0]["source"] == "Skolans uppföljning 2024 (radtest)"

    page.goto(edit)
    page.get_by_role("button", name="Ta bort raden: Lokalhyra").click()
    page.locator("#id_costs-1-name").wait_for(state="detached")
    assert "Raden togs bort" in page.locator("#status-costs").inner_text()
    focused = page.evaluate("[document.activeElement.name, document.activeElement.value]")
    assert focused == ["add", "costs"]  # the list's add button, as the row's button is gone
    page.get_by_role("button", name="Spara och räkna").click()
    page.wait_for_url(re.compile(r"/vardering/\d+/$"))
    assert _npv(page) == "71 565 kr"
    valuation.refresh_from_db()
    assert [c["id"] for c in valuation.model["costs"]] == ["laxhjalpare"]
    assert page.locator("#history tbody tr").count() == 3  # created, cost added, cost removed


def test_without_javascript_the_buttons_reload_the_form_with_the_change(
    browser: Any, live_server: Any, demo: None
) -> None:
    context = browser.new_context(
        base_url=live_server.url, locale="sv-SE", java_script_enabled=False
    )
    context.set_default_timeout(15_000)
    page = context.new_page()
    try:
        page.goto("/konto/logga-in/")
        page.fill("#id_username", "anna")  # the demo administrator (see conftest.py)
        page.fill("#id_password", "grogrund-demo")
        page.click("form button[type=submit]")
        page.wait_for_url(lambda url: "logga-in" not in url)
        valuation = _valuation()
        edit = f"/program/{valuation.programme_id}/vardering/{valuation.pk}/andra/"
        page.goto(edit)

        page.fill("#id_outcomes-0-quantity_0", "20")
        page.get_by_role("button", name="Lägg till en kostnad").click()
        page.locator("#id_costs-1-name").wait_for()
        assert page.input_value("#id_outcomes-0-quantity_0") == "20"
        assert "En rad lades till" in page.locator("#status-costs").inner_text()
        valuation.refresh_from_db()
        assert valuation.model["outcomes"][0]["quantity"] == 10  # nothing saved

        page.get_by_role("button", name="Ta bort raden: Läxhjälpare").click()
        page.locator("#id_costs-0-name").wait_for(state="detached")
        assert page.input_value("#id_outcomes-0-quantity_0") == "20"
        page.get_by_role("button", name="Spara och räkna").click()
        page.wait_for_url(re.compile(r"/vardering/\d+/$"))
        # 20 pupils × 6 000 kr × (1 + 1/1,05 + 1/1,05²) and no cost: 343 129 kr
        assert _npv(page) == "343 129 kr"
        valuation.refresh_from_db()
        assert valuation.model["costs"] == []  # the blank added row is not saved
    finally:
        context.close()
