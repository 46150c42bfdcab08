"""Every page of the site reflows at 320 px without the page scrolling sideways (issue 10,
WCAG 1.4.10): tried for an editor of the owning organisation, in Swedish and English, over
every route of the route registry (tests/browser/pages.py), so a new page is checked the
moment it is registered. Wide tables and charts may scroll inside their own box
(.table-wrap, .chart-wrap), which the axe test checks can take focus; nothing else may stick
out. The demo's full pages are tried the same way in test_pages_fit_phones_and_print.py.
"""

from __future__ import annotations

from typing import Any

import pytest
from pages import ROUTES, browser_context, build_world, url_of
from test_every_page_is_accessible import _visit
from test_pages_fit_phones_and_print import OVERFLOW

pytestmark = pytest.mark.browser

PHONE = 320


@pytest.fixture
def world(transactional_db: None) -> dict[str, Any]:
    return build_world()


def test_every_page_fits_a_320_px_phone(
    browser: Any, live_server: Any, world: dict[str, Any]
) -> None:
    w, users = world["w"], world["users"]
    urls = {name: url_of(name, w) for name, case in ROUTES.items() if case.method == "get"}
    problems: list[str] = []
    checked = 0
    for language in ("sv", "en"):
        context = browser_context(browser, live_server.url, users[("editor", language)], language)
        page = context.new_page()
        page.set_viewport_size({"width": PHONE, "height": 800})
        seen: set[str] = set()
        for name, url in urls.items():
            final = _visit(page, url)
            if final is None or final in seen:
                continue
            seen.add(final)
            checked += 1
            wide = page.evaluate("document.documentElement.scrollWidth")
            if wide > PHONE:
                culprits = page.evaluate(OVERFLOW, PHONE)
                problems.append(f"{name} {url} ({language}) is {wide} px wide: {culprits}")
        context.close()
    assert checked > 50, f"only {checked} pages were checked"
    assert not problems, f"{len(problems)} pages scroll sideways at 320 px:\n" + "\n".join(problems)
