"""The organisation's history page is for its administrators only, so the walk over every
page (viewer and editor) never sees it: the demo administrator reads it here, in Swedish and
English, with axe-core's WCAG 2.1 A/AA rules at 1280 px and no sideways scrolling at 320 px
(the table scrolls in its own box)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from axe import OVERFLOW, violations

from grogrund.accounts.models import Organisation, User

pytestmark = pytest.mark.browser


def test_the_history_page(logged_in: Any, artifacts: Path) -> None:
    page = logged_in
    anna = User.objects.get(username="anna")
    grobo = Organisation.objects.get(slug="grobo-bostader")
    url = f"/konto/organisation/{grobo.pk}/historik/"
    problems: list[str] = []
    for language in ("sv", "en"):
        anna.language = language
        anna.save(update_fields=["language"])
        for width in (1280, 320):
            page.set_viewport_size({"width": width, "height": 900})
            page.goto(url)
            assert page.locator("html").get_attribute("lang") == language
            assert page.locator("table tbody tr").count() > 0
            name = f"{url} ({language}, {width} px)"
            if width == 1280:
                problems += violations(page, name)
            else:
                wide = page.evaluate(OVERFLOW, width)
                assert not wide, f"{name}: {wide}"
            if language == "sv":
                page.screenshot(path=str(artifacts / f"organisation-history-{width}.png"))
    assert not problems, "\n".join(problems)
