"""The site has a favicon: every page links the SVG icon, and /favicon.ico (which browsers
ask for anyway) is sent to it, so no browser gets a 404."""

from __future__ import annotations

from pathlib import Path

from django.contrib.staticfiles import finders
from django.templatetags.static import static
from django.test import Client


def test_every_page_links_the_svg_icon(db):
    html = Client().get("/").content.decode()
    assert f'<link rel="icon" href="{static("grogrund/favicon.svg")}" type="image/svg+xml">' in html


def test_favicon_ico_is_sent_to_the_svg_icon(db):
    response = Client().get("/favicon.ico")
    assert response.status_code == 302
    assert response["Location"] == static("grogrund/favicon.svg")


def test_the_icon_is_a_small_svg_drawing(db):
    found = finders.find("grogrund/favicon.svg")
    assert found is not None
    text = Path(found).read_text(encoding="utf-8")
    assert text.startswith("<svg") and 'viewBox="0 0 32 32"' in text
    assert "<script" not in text and len(text) < 2000
