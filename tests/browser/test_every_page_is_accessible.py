"""Every page of the site passes axe-core's WCAG 2.1 A/AA rules (issue 10), for an anonymous
visitor, a viewer and an editor of the owning organisation, in Swedish and English, and so do
the key forms in their error state.

The pages are those of the route registry (tests/route_registry.py and every
tests/<app>/guarded_routes.py), tried against the route guard test's private world of
organisation A (tests/browser/pages.py), so a page is checked the moment it is registered.
Routes tried with POST are skipped; downloads, JSON and htmx fragments (no <html>) are not
pages. Each visitor has one page that goes from route to route.
"""

from __future__ import annotations

from typing import Any

import pytest
from axe import violations
from pages import (
    FORMS_WITH_ERRORS,
    ROUTES,
    SUBMIT_BUTTONS,
    browser_context,
    build_world,
    send_with_errors,
    url_of,
)

pytestmark = pytest.mark.browser

# The anonymous visitor is sent to the login page for most pages: it is checked once.
VISITORS = [
    ("anonymous", "sv"),
    ("viewer", "sv"),
    ("editor", "sv"),
    ("anonymous", "en"),
    ("viewer", "en"),
    ("editor", "en"),
]


@pytest.fixture
def world(transactional_db: None) -> dict[str, Any]:
    return build_world()


def _visit(page: Any, url: str) -> str | None:
    """Open the URL; the final URL if it is an HTML page, None for a download or a fragment."""
    from playwright.sync_api import Error

    try:
        response = page.goto(url)
    except Error as error:
        if "Download is starting" in str(error):
            return None
        raise
    assert response is not None, url
    if "text/html" not in response.headers.get("content-type", ""):
        return None
    if "<html" not in response.text()[:500].lower():
        return None
    return page.url


def test_every_page_passes_axe(browser: Any, live_server: Any, world: dict[str, Any]) -> None:
    w, users = world["w"], world["users"]
    urls = {name: url_of(name, w) for name, case in ROUTES.items() if case.method == "get"}
    problems: list[str] = []
    pages_checked = 0
    for role, language in VISITORS:
        context = browser_context(browser, live_server.url, users.get((role, language)), language)
        page = context.new_page()
        seen: set[str] = set()
        for name, url in urls.items():
            final = _visit(page, url)
            if final is None or final in seen:
                continue
            seen.add(final)
            pages_checked += 1
            problems += violations(page, f"{name} {url} as {role} ({language})")
        if role == "editor":
            for name, typed in FORMS_WITH_ERRORS.items():
                send_with_errors(page, urls[name], typed, SUBMIT_BUTTONS.get(name, ""))
                assert page.locator("[data-error-summary]").count(), f"{name}: no errors shown"
                pages_checked += 1
                problems += violations(page, f"{name} with errors as {role} ({language})")
        context.close()
    assert pages_checked > 150, f"only {pages_checked} pages were checked"
    assert not problems, f"{len(problems)} WCAG 2.1 AA violations:\n" + "\n".join(problems)
