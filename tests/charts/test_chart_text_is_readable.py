"""Chart text is at least 12 px where the chart is shown at its drawn size (a 1280 px screen;
tests/browser/test_pages_fit_phones_and_print.py measures it there), and every chart is an
image named by its title and described by its numbers for screen readers."""

from __future__ import annotations

import xml.etree.ElementTree as ET

import pytest
from tests.charts.samples import all_charts

SVG = "{http://www.w3.org/2000/svg}"
CHARTS = sorted(all_charts())


@pytest.mark.parametrize("name", CHARTS)
def test_no_text_is_smaller_than_12(name):
    root = ET.fromstring(all_charts()[name])
    assert float(root.get("font-size")) >= 12
    for el in root.iter():
        size = el.get("font-size")
        if size is not None:
            assert float(size) >= 12, (name, el.tag, size)


@pytest.mark.parametrize("name", CHARTS)
def test_the_viewbox_is_the_drawn_size(name):
    """Shown at its own width the chart's user unit is one CSS pixel; the page only ever
    shrinks it (max-width: 100%), on screens narrower than the chart."""
    root = ET.fromstring(all_charts()[name])
    _x, _y, w, h = (float(v) for v in root.get("viewBox").split())
    assert (w, h) == (float(root.get("width")), float(root.get("height")))


@pytest.mark.parametrize("name", CHARTS)
def test_every_chart_is_an_image_labelled_by_its_title_and_description(name):
    root = ET.fromstring(all_charts()[name])
    assert root.get("role") == "img"
    title, desc = root.find(f"{SVG}title"), root.find(f"{SVG}desc")
    assert title is not None and title.text
    assert desc is not None and desc.text
    assert root.get("aria-labelledby") == f"{title.get('id')} {desc.get('id')}"


def test_different_charts_get_different_ids():
    ids = [ET.fromstring(svg).find(f"{SVG}title").get("id") for svg in all_charts().values()]
    assert len(set(ids)) == len(ids)


def test_the_effect_logic_fits_a_1280_px_page_at_its_drawn_size():
    """main is 1200 px wide less 2 × 1.2 rem padding, the chart box 0.5 rem padding and a
    border: 1 143 px for the picture."""
    root = ET.fromstring(all_charts()["effect_logic"])
    assert float(root.get("width")) <= 1143
