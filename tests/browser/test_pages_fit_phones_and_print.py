"""The area profile, the programme, its dashboard and goal, and a valuation fit a 320 px phone
and a 1280 px screen zoomed to 200 % without the page scrolling sideways; the wide tables
scroll inside their own focusable box with every column there; printed (print media and a
PDF), every column of those tables is on the paper, with the sources, and no menu or button.
Chart text is at least 12 px on a 1280 px screen.

Screenshots and PDFs go to test-artifacts/ (fit-*.png, print-*.png, print-*.pdf) to look at.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from grogrund.areas.demo.build import DISTRICT_CODE
from grogrund.areas.models import Area
from grogrund.programmes.demo import DEMO_PROGRAMME
from grogrund.programmes.models import Goal, Programme
from grogrund.valuations.models import Valuation

pytestmark = pytest.mark.browser

#: (name, viewport width in CSS px, device pixels per CSS px): a phone, and a 1280 px screen
#: at 200 % zoom, which lays out like a 640 px one.
SCREENS = [("phone", 320, 2), ("zoom200", 640, 2)]
#: The width a printed A4 page gives the content: 210 mm less Chromium's default 1 cm margins
#: is 190 mm = 718 CSS px.
PRINT_WIDTH = 718


def _pages() -> dict[str, str]:
    programme = Programme.objects.get(name=DEMO_PROGRAMME)
    goal = Goal.objects.filter(programme=programme).order_by("pk").first()
    assert goal is not None
    # The valuation with a simulation: the one with all four charts.
    valuation = next(
        v
        for v in Valuation.objects.filter(programme=programme).order_by("pk")
        if (v.result or {}).get("simulation")
    )
    return {
        "profile": f"/omraden/{DISTRICT_CODE}/",
        "programme": f"/program/{programme.pk}/",
        "dashboard": f"/program/{programme.pk}/uppfoljning/",
        "goal": f"/program/{programme.pk}/mal/{goal.pk}/",
        "valuation": f"/program/{programme.pk}/vardering/{valuation.pk}/",
    }


#: Elements that stick out of the viewport, outside the boxes meant to scroll.
OVERFLOW = """w => [...document.querySelectorAll('body *')]
    .filter(e => {
        const r = e.getBoundingClientRect();
        return r.width > 0 && r.right > w + 1 && !e.closest('.table-wrap, .chart-wrap');
    })
    .slice(0, 6)
    .map(e => e.tagName.toLowerCase() + '.' + [...e.classList].join('.') + '#' + e.id
        + ' right=' + Math.round(e.getBoundingClientRect().right))"""

#: Each column header of each data table: in a focusable scroll box that fits the viewport
#: (so it can be scrolled to), or itself inside the viewport.
HEADERS = """w => [...document.querySelectorAll('main table.data thead th')]
    .filter(th => !th.closest('details:not([open])'))
    .map(th => {
        const box = th.closest('.table-wrap');
        const r = th.getBoundingClientRect();
        const boxRect = box ? box.getBoundingClientRect() : null;
        const scrolls = box && getComputedStyle(box).overflowX === 'auto';
        return {
            text: th.innerText.trim(),
            table: (th.closest('table').id || th.closest('section, figure, main').id || '?'),
            inView: r.left >= -1 && r.right <= w + 1,
            reachable: !!(scrolls && box.tabIndex === 0 && boxRect.right <= w + 1
                && box.getAttribute('role') === 'region'
                && r.right <= boxRect.left + box.scrollWidth + 1),
        };
    })"""


def _fits(page: Any, name: str, width: int) -> list[str]:
    problems = []
    wide = page.evaluate("document.documentElement.scrollWidth")
    if wide > width:
        culprits = page.evaluate(OVERFLOW, width)
        problems.append(f"{name}: the page is {wide} px wide at {width} px: {culprits}")
    for h in page.evaluate(HEADERS, width):
        if not (h["inView"] or h["reachable"]):
            problems.append(f"{name} at {width} px: column {h['text']!r} of {h['table']} is cut")
    return problems


def test_pages_fit_a_phone_and_200_percent_zoom(
    browser: Any, live_server: Any, demo: None, artifacts: Path
) -> None:
    pages = _pages()
    problems: list[str] = []
    for screen, width, scale in SCREENS:
        context = browser.new_context(
            base_url=live_server.url,
            locale="sv-SE",
            viewport={"width": width, "height": 900},
            device_scale_factor=scale,
        )
        page = context.new_page()
        _log_in(page)
        for name, url in pages.items():
            response = page.goto(url)
            assert response is not None and response.status == 200, url
            problems += _fits(page, f"{name} ({screen})", width)
            if screen == "phone":
                page.screenshot(path=str(artifacts / f"fit-{name}-320.png"), full_page=True)
        context.close()
    assert not problems, "\n".join(problems)


def test_every_column_of_the_gap_table_can_be_reached_on_a_phone(
    logged_in: Any, artifacts: Path
) -> None:
    page = logged_in
    page.set_viewport_size({"width": 320, "height": 800})
    page.goto(f"/omraden/{DISTRICT_CODE}/")
    page.locator("#gap-table").locator("xpath=..").screenshot(
        path=str(artifacts / "fit-profile-gap-table-320.png")
    )
    headers = page.locator("#gap-table thead th").all_inner_texts()
    # The figures that matter come first, the comparison areas and the source after them.
    area = Area.objects.get(code=DISTRICT_CODE).name
    assert headers[:4] == ["Indikator", area, "Gap", "Gap i personer"], headers
    assert headers[-1] == "Källa", headers
    region = page.locator("#gap-table").locator("xpath=..")
    assert region.get_attribute("role") == "region"
    assert region.get_attribute("tabindex") == "0"
    # By keyboard: the region takes focus and the arrow keys scroll it to the last column.
    region.focus()
    at_end = "r => r.scrollLeft + r.clientWidth >= r.scrollWidth - 1"
    for _ in range(200):
        if region.evaluate(at_end):
            break
        page.keyboard.press("ArrowRight")
    assert region.evaluate(at_end), "the arrow keys do not scroll the table to its end"
    last = page.locator("#gap-table thead th").last.bounding_box()
    assert last is not None and last["x"] + last["width"] <= 320 + 1
    region.screenshot(path=str(artifacts / "fit-profile-gap-table-scrolled-320.png"))
    link = page.locator("#gap-table a.goal-link").first
    link.focus()
    box = link.bounding_box()
    assert box is not None and 0 <= box["x"] and box["x"] + box["width"] <= 320 + 1


def test_chart_text_is_at_least_12_px_on_a_1280_px_screen(logged_in: Any, artifacts: Path) -> None:
    page = logged_in
    page.set_viewport_size({"width": 1280, "height": 900})
    small = []
    for name, url in _pages().items():
        page.goto(url)
        if page.locator("svg.chart").count():
            page.locator("svg.chart").first.scroll_into_view_if_needed()
            page.screenshot(path=str(artifacts / f"charts-{name}-1280.png"))
        sizes = page.evaluate(
            """() => [...document.querySelectorAll('svg.chart')].map(svg => {
                const scale = svg.getBoundingClientRect().width / svg.viewBox.baseVal.width;
                const texts = [...svg.querySelectorAll('text')];
                const px = texts.map(t => parseFloat(getComputedStyle(t).fontSize) * scale);
                return {title: svg.querySelector('title').textContent,
                        smallest: px.length ? Math.min(...px) : 99};
            })"""
        )
        small += [
            f"{name}: {s['title']} {s['smallest']:.1f} px" for s in sizes if s["smallest"] < 11.9
        ]
    assert not small, "\n".join(small)


def test_printed_pages_show_every_column_and_the_sources(logged_in: Any, artifacts: Path) -> None:
    page = logged_in
    problems = []
    for name, url in _pages().items():
        if name == "goal":
            continue
        page.set_viewport_size({"width": PRINT_WIDTH, "height": 1000})
        page.emulate_media(media="print")
        page.goto(url)
        page.pdf(path=str(artifacts / f"print-{name}.pdf"), format="A4", print_background=True)
        for h in page.evaluate(HEADERS, PRINT_WIDTH):
            if not h["inView"]:
                problems.append(f"{name} printed: column {h['text']!r} of {h['table']} is cut")
        wide = page.evaluate("document.documentElement.scrollWidth")
        if wide > PRINT_WIDTH:
            culprits = page.evaluate(OVERFLOW, PRINT_WIDTH)
            problems.append(f"{name} printed is {wide} px wide: {culprits}")
        hidden = page.evaluate(
            """() => [...document.querySelectorAll('header nav, main button, main form')]
                .filter(e => e.getBoundingClientRect().height > 0).length"""
        )
        if hidden:
            problems.append(f"{name} printed shows {hidden} menus, buttons or forms")
        page.screenshot(path=str(artifacts / f"print-{name}.png"), full_page=True)
    page.emulate_media(media="print")
    page.goto(_pages()["profile"])
    sources = page.locator("#gap-table td.source").all_inner_texts()
    assert sources and all("SCB" in s or "Kolada" in s or s.strip() for s in sources)
    assert page.locator("#gap-table td.source").first.is_visible()
    page.goto(_pages()["valuation"])
    assert page.locator("#inputs td.source").first.is_visible()
    # The tables folded under the charts are printed open.
    assert page.locator("details.chart-data table").first.is_visible()
    page.emulate_media(media="screen")
    assert not problems, "\n".join(problems)


def _log_in(page: Any) -> None:
    page.goto("/konto/logga-in/")
    page.fill("#id_username", "anna")
    page.fill("#id_password", "grogrund-demo")
    page.click("form button[type=submit]")
    page.wait_for_url(lambda url: "logga-in" not in url)
