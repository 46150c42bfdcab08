"""A form sent with errors comes back with a summary at its top that takes the focus, so a
screen reader reads it at once; each error is a link to its field, and each field with an error
is marked invalid and described by its own error message (issue 10, WCAG 3.3.1, 2.4.3).
In English, whose texts are the msgids: the Swedish catalog is compiled by the integrator."""

from __future__ import annotations

from typing import Any

import pytest
from pages import browser_context, build_world, send_with_errors, url_of

pytestmark = pytest.mark.browser


@pytest.fixture
def editor_page(browser: Any, live_server: Any, transactional_db: None) -> Any:
    world = build_world()
    context = browser_context(browser, live_server.url, world["users"][("editor", "en")], "en")
    page = context.new_page()
    page.world = world["w"]
    yield page
    context.close()


def _focused(page: Any) -> str:
    return page.evaluate("document.activeElement.id || document.activeElement.className")


def test_an_empty_programme_form_focuses_the_summary_and_its_links_lead_to_the_fields(
    editor_page: Any,
) -> None:
    page = editor_page
    send_with_errors(page, url_of("programmes:create", page.world), {})

    summary = page.locator("[data-error-summary]")
    assert _focused(page) == "error-summary"
    assert summary.get_attribute("role") == "alert"
    assert "Nothing was saved" in summary.inner_text()
    name = page.locator("#id_name")
    assert name.get_attribute("aria-invalid") == "true"
    error_id = name.get_attribute("aria-describedby")
    assert error_id == "id_name_error"
    assert page.locator(f"#{error_id}").inner_text() == "This field is required."

    summary.get_by_role("link", name="Name").click()
    assert _focused(page) == "id_name"


def test_a_wrong_amount_in_the_commitment_table_is_named_by_its_column_and_year(
    editor_page: Any,
) -> None:
    page = editor_page
    send_with_errors(page, url_of("partnerships:commitment", page.world), {"#id_money_2024": "x"})

    assert _focused(page) == "error-summary"
    field = page.get_by_label("Money (kr), year 2024")
    assert field.get_attribute("id") == "id_money_2024"
    assert field.get_attribute("aria-invalid") == "true"
    link = page.locator("[data-error-summary] a")
    assert link.count() == 1 and link.get_attribute("href") == "#id_money_2024"
    link.click()
    assert _focused(page) == "id_money_2024"


def test_a_wrong_number_in_the_valuation_editor_focuses_its_summary_and_is_described(
    editor_page: Any,
) -> None:
    page = editor_page
    url = url_of("valuations:edit", page.world)
    send_with_errors(page, url, {"#id_outcomes-0-quantity_0": "many"}, "button[name=save]")

    assert _focused(page) == "model-errors"
    likely = page.locator("#id_outcomes-0-quantity_0")
    assert likely.get_attribute("aria-invalid") == "true"
    error = page.locator(f"#{likely.get_attribute('aria-describedby')}")
    assert error.count() == 1 and error.inner_text().strip()
