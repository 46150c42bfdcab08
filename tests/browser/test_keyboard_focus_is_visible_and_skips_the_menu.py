"""A keyboard user first meets a link that skips the menu to the page's content, and sees where
the focus is: a ring of the site's own with at least 3:1 contrast on white and on the green
buttons (issue 10, WCAG 2.4.1, 2.4.7, 1.4.11)."""

from __future__ import annotations

import re
from typing import Any

import pytest
from django.urls import reverse
from pages import browser_context

pytestmark = pytest.mark.browser


def _luminance(css_colour: str) -> float:
    """Relative luminance of an `rgb(r, g, b)` colour, as WCAG 2.1 defines it."""
    channels = [int(c) / 255 for c in re.findall(r"\d+", css_colour)[:3]]
    linear = [c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


def _contrast(a: str, b: str) -> float:
    light, dark = sorted((_luminance(a), _luminance(b)), reverse=True)
    return (light + 0.05) / (dark + 0.05)


def test_contrast_is_computed_as_wcag_defines_it() -> None:
    assert round(_contrast("rgb(0, 0, 0)", "rgb(255, 255, 255)"), 1) == 21.0
    # #767676 on white is the classic 4.54:1.
    assert round(_contrast("rgb(118, 118, 118)", "rgb(255, 255, 255)"), 2) == 4.54


@pytest.fixture
def page(browser: Any, live_server: Any, transactional_db: None) -> Any:
    context = browser_context(browser, live_server.url, None, "en")
    page = context.new_page()
    yield page
    context.close()


def test_the_first_tab_reaches_a_visible_skip_link_that_leads_to_the_content(page: Any) -> None:
    page.goto(reverse("areas:indicators"))
    page.keyboard.press("Tab")
    skip = page.locator(":focus")
    assert skip.inner_text() == "Skip to content"
    box = skip.bounding_box()
    assert box is not None and box["y"] >= 0 and box["height"] > 10, "the focused link is seen"
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.id") == "content"
    assert page.evaluate("document.activeElement.tagName") == "MAIN"


def test_a_focused_green_button_has_a_ring_that_shows_on_it_and_on_white(page: Any) -> None:
    page.goto("/konto/logga-in/")
    for _ in range(30):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.matches('main button[type=submit]')"):
            break
    else:
        pytest.fail("Tab never reached the login button")
    style = page.evaluate(
        """() => { const s = getComputedStyle(document.activeElement);
        return {outline: s.outlineColor, width: parseFloat(s.outlineWidth), line: s.outlineStyle,
                offset: parseFloat(s.outlineOffset), shadow: s.boxShadow,
                button: s.backgroundColor,
                page: getComputedStyle(document.body).backgroundColor}; }"""
    )
    assert style["line"] == "solid" and style["width"] >= 2
    # The dark ring stands on the page around the button, the white one on the button's edge.
    assert style["offset"] >= 2
    ring = re.match(r"rgb\(\d+, \d+, \d+\)", style["shadow"])
    assert ring is not None, style["shadow"]
    assert _contrast(style["outline"], style["page"]) >= 3
    assert _contrast(style["outline"], "rgb(255, 255, 255)") >= 3
    assert _contrast(ring.group(0), style["button"]) >= 3
    assert _contrast(ring.group(0), style["outline"]) >= 3
