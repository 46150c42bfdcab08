"""The page a visitor gets when an upload is over the limit (413, shown before the body is
read, also as the server-error and "database away" page: one template) passes axe-core's
WCAG 2.1 A/AA rules and reflows at 320 px, in Swedish."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from axe import violations

pytestmark = pytest.mark.browser


def test_the_file_too_large_page_passes_axe_and_fits_a_phone(
    page: Any, artifacts: Path, settings: Any
) -> None:
    settings.IMPORT_MAX_UPLOAD_BYTES = 1  # the limit is this plus 1 MB for the other fields
    page.goto("/")
    # A form of the site's own, posting 2 MB: refused from its Content-Length.
    page.evaluate(
        """() => {
            const form = document.createElement("form");
            form.method = "post";
            form.action = "/omraden/import/";
            form.enctype = "multipart/form-data";
            const field = document.createElement("textarea");
            field.name = "big";
            field.value = "x".repeat(2 * 1024 * 1024);
            form.appendChild(field);
            document.body.appendChild(form);
            form.submit();
        }"""
    )
    page.wait_for_selector("h1:has-text('Filen är för stor')")
    assert page.locator("html").get_attribute("lang") == "sv"
    for width in (1280, 320):
        page.set_viewport_size({"width": width, "height": 800})
        assert violations(page, f"413 at {width} px") == []
        assert page.evaluate("document.documentElement.scrollWidth") <= width
        page.screenshot(path=str(artifacts / f"refusal-413-{width}.png"), full_page=True)
