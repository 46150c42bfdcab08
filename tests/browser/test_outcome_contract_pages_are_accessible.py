"""The outcome contracts' pages pass axe-core's WCAG 2.1 A/AA rules for a viewer and an editor
of the commissioner, in Swedish and English, and so do their forms in their error state; and
they fit a 320 px phone without scrolling sideways. The pages are those of
tests/outcome_contracts/guarded_routes.py, tried as the whole-site tests
(test_every_page_is_accessible.py, test_every_page_fits_a_phone.py) try every page, here on
their own so that a change to this app is checked in a minute."""

from __future__ import annotations

from typing import Any

import pytest
from axe import violations
from pages import ROUTES, browser_context, build_world, send_with_errors, url_of

pytestmark = pytest.mark.browser

OURS = {name: case for name, case in ROUTES.items() if name.startswith("outcome_contracts:")}
DOWNLOADS = {
    "outcome_contracts:evidence",
    "outcome_contracts:statement_xlsx",
    "outcome_contracts:statement_pdf",
    "outcome_contracts:indigo",
}
FORMS_WITH_ERRORS: dict[str, dict[str, str]] = {
    "outcome_contracts:create": {"#id_cohort_size": "många"},
    "outcome_contracts:edit": {"#id_periods": "tre"},
    "outcome_contracts:parties": {"#id_share_0": "sextio"},
    "outcome_contracts:metric_create": {},
    "outcome_contracts:investments": {},
    "outcome_contracts:pay": {"#id_amount_sek": "mycket"},
    "outcome_contracts:payment_correct": {"#id_amount_sek": "mycket"},
    "outcome_contracts:investment_correct": {"#id_amount_sek": "mycket"},
}


@pytest.fixture
def world(transactional_db: None) -> dict[str, Any]:
    return build_world()


def test_the_outcome_contract_pages_pass_axe(
    browser: Any, live_server: Any, world: dict[str, Any]
) -> None:
    w, users = world["w"], world["users"]
    urls = {name: url_of(name, w) for name, case in OURS.items() if case.method == "get"}
    problems: list[str] = []
    checked = 0
    for role in ("viewer", "editor"):
        for language in ("sv", "en"):
            context = browser_context(browser, live_server.url, users[(role, language)], language)
            page = context.new_page()
            for name, url in urls.items():
                if name in DOWNLOADS:
                    continue
                response = page.goto(url)
                if response is None or "text/html" not in response.headers.get("content-type", ""):
                    continue
                checked += 1
                problems += violations(page, f"{name} as {role} ({language})")
            if role == "editor":
                for name, typed in FORMS_WITH_ERRORS.items():
                    send_with_errors(page, urls[name], typed)
                    assert page.locator("[data-error-summary]").count(), f"{name}: no errors shown"
                    checked += 1
                    problems += violations(page, f"{name} with errors ({language})")
            context.close()
    assert checked > 40
    assert not problems, f"{len(problems)} WCAG 2.1 AA violations:\n" + "\n".join(problems)


def test_the_outcome_contract_pages_fit_a_320_px_phone(
    browser: Any, live_server: Any, world: dict[str, Any]
) -> None:
    from test_pages_fit_phones_and_print import OVERFLOW

    w, users = world["w"], world["users"]
    urls = {name: url_of(name, w) for name, case in OURS.items() if case.method == "get"}
    problems: list[str] = []
    for language in ("sv", "en"):
        context = browser_context(browser, live_server.url, users[("editor", language)], language)
        page = context.new_page()
        page.set_viewport_size({"width": 320, "height": 800})
        for name, url in urls.items():
            if name in DOWNLOADS:
                continue
            page.goto(url)
            wide = page.evaluate("document.documentElement.scrollWidth")
            if wide > 320:
                problems.append(
                    f"{name} ({language}) is {wide} px wide: {page.evaluate(OVERFLOW, 320)}"
                )
        context.close()
    assert not problems, "\n".join(problems)
