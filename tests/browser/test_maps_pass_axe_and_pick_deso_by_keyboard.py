"""The maps' pages (issue 13) pass axe-core's WCAG 2.1 A/AA rules and reflow at 320 px (the
map shrinks with the page), in Swedish and English; in the custom-area editor a DeSO on the map
is chosen with the keyboard (Tab to it, Space or Enter) or the mouse, which ticks its box in
the list, and the form saves what was ticked. Screenshots go to test-artifacts/."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from axe import violations
from pages import browser_context

pytestmark = pytest.mark.browser

WIDTHS = (1280, 320)


@pytest.fixture
def map_world(transactional_db: None, tmp_path: Path) -> dict[str, Any]:
    from tests.areas.map_world import make_map_world, with_boundaries

    from builders import make_custom_area, make_org, make_user
    from grogrund.accounts.models import OrganisationKind, Role

    municipality_org = make_org("Testkommunen")
    world = make_map_world(municipality_org)
    with_boundaries(tmp_path)
    company = make_org("Bostadsbolaget")
    area = make_custom_area(
        "bolaget-norr",
        company,
        [world.desos["9901C0010"], world.desos["9901C0020"]],
        name="Norrgården",
        is_public=True,
    )
    network = make_org("Nätverket", kind=OrganisationKind.NETWORK)
    return {
        "world": world,
        "area": area,
        "editor": {lang: make_user(company, Role.EDITOR, language=lang) for lang in ("sv", "en")},
        "network_admin": {
            lang: make_user(network, Role.ADMIN, language=lang) for lang in ("sv", "en")
        },
    }


def _check(page: Any, name: str, artifacts: Path) -> list[str]:
    problems = []
    for width in WIDTHS:
        page.set_viewport_size({"width": width, "height": 900})
        page.wait_for_load_state()
        page.screenshot(path=str(artifacts / f"maps-{name}-{width}.png"), full_page=True)
        wide = page.evaluate("document.documentElement.scrollWidth")
        if wide > width:
            problems.append(f"{name} at {width} px scrolls sideways: {wide} px wide")
        svg = page.locator("svg.map").first
        if svg.count():
            box = svg.bounding_box()
            if box and box["x"] + box["width"] > width:
                problems.append(f"{name} at {width} px: the map is wider than the page")
        problems += violations(page, f"{name} at {width} px")
    return problems


@pytest.mark.parametrize("language", ["sv", "en"])
def test_the_map_pages_pass_axe_and_reflow(
    browser: Any, live_server: Any, map_world: dict[str, Any], artifacts: Path, language: str
) -> None:
    area = map_world["area"]
    pages = {
        "editor": {
            "profile-deso": "/omraden/9901C0020/",
            "profile-custom": f"/omraden/{area.code}/",
            "profile-regso-map": "/omraden/9901R001/?level=regso&classes=equal_intervals",
            "map-page": "/omraden/9901/karta/",
            "custom-area-edit": f"/omraden/{area.code}/andra/",
            "custom-area-new": "/omraden/egna-omraden/nytt/",
            "boundaries": "/omraden/granser/",
        },
        "network_admin": {"boundaries-upload": "/omraden/granser/"},
    }
    problems: list[str] = []
    for who, urls in pages.items():
        user = map_world[who][language]
        context = browser_context(browser, live_server.url, user, language)
        page = context.new_page()
        for name, url in urls.items():
            response = page.goto(url)
            assert response is not None and response.status == 200, (name, url)
            problems += _check(page, f"{name}-{language}", artifacts)
        context.close()
    assert not problems, "\n".join(problems)


def test_a_deso_is_chosen_on_the_map_with_the_keyboard_and_the_mouse(
    browser: Any, live_server: Any, map_world: dict[str, Any], artifacts: Path
) -> None:
    area = map_world["area"]
    context = browser_context(browser, live_server.url, map_world["editor"]["sv"], "sv")
    page = context.new_page()
    page.goto(f"/omraden/{area.code}/andra/")
    link = page.locator("a[data-controls='member-9901C0050']")
    box = page.locator("#member-9901C0050")
    # The script makes each map area a checkbox for assistive technology.
    assert link.get_attribute("role") == "checkbox"
    assert link.get_attribute("aria-checked") == "false" and not box.is_checked()
    # Keyboard: Tab moves through the map's areas; Space ticks the box of the focused one.
    page.locator("a[data-controls='member-9901C0040']").focus()
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.getAttribute('data-controls')") == (
        "member-9901C0050"
    )
    page.keyboard.press("Space")
    assert box.is_checked() and link.get_attribute("aria-checked") == "true"
    page.keyboard.press("Enter")
    assert not box.is_checked() and link.get_attribute("aria-checked") == "false"
    page.keyboard.press("Enter")
    assert box.is_checked()
    # The mouse: a click unticks a chosen DeSO; ticking in the list colours the map.
    page.locator("a[data-controls='member-9901C0010'] path").click()
    assert not page.locator("#member-9901C0010").is_checked()
    page.locator("#member-9901C0060").check()
    assert (
        page.locator("a[data-controls='member-9901C0060']").get_attribute("aria-checked") == "true"
    )
    page.screenshot(path=str(artifacts / "maps-picker-after-choosing.png"), full_page=True)
    with page.expect_navigation():
        page.locator("form.custom-area-form button[type=submit]:not([name])").click()
    area.refresh_from_db()
    assert sorted(area.members.values_list("code", flat=True)) == [
        "9901C0020",
        "9901C0050",
        "9901C0060",
    ]
    context.close()


def test_choosing_a_municipality_lists_its_areas_and_map_without_reloading(
    browser: Any, live_server: Any, map_world: dict[str, Any]
) -> None:
    """With htmx the municipality's list and map come as soon as it is chosen (the typed name
    stays); the map's areas work as checkboxes after the swap too."""
    from grogrund.areas.models import Area

    context = browser_context(browser, live_server.url, map_world["editor"]["sv"], "sv")
    page = context.new_page()
    page.goto("/omraden/egna-omraden/nytt/")
    page.fill("#id_name", "Söderparken")
    assert page.locator("svg.map").count() == 0
    page.select_option("#id_municipality", "9901")
    page.locator("a[data-controls='member-9901C0060']").wait_for()
    assert page.input_value("#id_name") == "Söderparken"
    link = page.locator("a[data-controls='member-9901C0060']")
    assert link.get_attribute("role") == "checkbox"
    link.locator("path").click()
    assert page.locator("#member-9901C0060").is_checked()
    with page.expect_navigation():
        page.locator("form.custom-area-form button[type=submit]:not([name])").click()
    area = Area.objects.get(name="Söderparken")
    assert list(area.members.values_list("code", flat=True)) == ["9901C0060"]
    context.close()


def test_a_large_boundary_file_is_followed_on_its_job_page(
    browser: Any,
    live_server: Any,
    map_world: dict[str, Any],
    artifacts: Path,
    tmp_path: Path,
    settings: Any,
) -> None:
    """A network administrator uploads a file large enough for the background: the job's page
    shows it queued, then (once a worker has run it) the result and the way back; the job page
    and the boundary page with its list of background imports pass axe at 1280 and 320 px."""
    from tests.areas.map_world import deso_geopackage

    from grogrund.jobs import services as jobs
    from grogrund.jobs.models import Job

    settings.BOUNDARY_BACKGROUND_BYTES = 0
    (tmp_path / "upload").mkdir()
    path = deso_geopackage(tmp_path / "upload")
    context = browser_context(browser, live_server.url, map_world["network_admin"]["sv"], "sv")
    page = context.new_page()
    page.goto("/omraden/granser/")
    page.set_input_files("input[type=file]", str(path))
    page.get_by_role("button", name="Importera").click()
    page.wait_for_url("**/jobb/*/")
    assert "Köad" in page.locator("#job-status").inner_text()
    problems = _check(page, "boundary-job-queued", artifacts)

    jobs.run(Job.objects.get(kind="boundaries").pk)
    page.reload()
    status = page.locator("#job-status").inner_text()
    assert "Gränser från DeSO_2018_v2.gpkg: 0 nya, 6 ändrade, 0 oförändrade." in status, status
    assert "Lyckades" in status or "Klar" in status, status
    problems += _check(page, "boundary-job-done", artifacts)
    page.get_by_role("link", name="Öppna områdesgränserna").click()
    # The page must have loaded before it is read (content() of a page still navigating is "").
    page.get_by_role("heading", name="Importer i bakgrunden").wait_for()
    assert "Importer i bakgrunden" in page.content()
    problems += _check(page, "boundaries-with-jobs", artifacts)
    context.close()
    assert not problems, "\n".join(problems)


def test_the_picker_is_coloured_by_an_indicator_and_keeps_what_was_ticked(
    browser: Any, live_server: Any, map_world: dict[str, Any], artifacts: Path
) -> None:
    """Colouring the editor's map by an indicator (without reloading) keeps the ticked boxes;
    an area not chosen shows the colour of its class, chosen it is hatched, and unticked it
    gets its class colour back; the coloured map passes axe at 1280 and 320 px."""
    area = map_world["area"]
    context = browser_context(browser, live_server.url, map_world["editor"]["sv"], "sv")
    page = context.new_page()
    page.goto(f"/omraden/{area.code}/andra/")
    page.locator("#member-9901C0030").check()  # ticked before colouring: must stay ticked
    page.get_by_label("Färglägg kartan efter").select_option(label="Förvärvsarbetande 20–64 år")
    page.get_by_role("button", name="Färglägg", exact=True).click()
    legend = ".map-picker .map-legend-title:has-text('Förvärvsarbetande 20–64 år, 2023')"
    page.wait_for_selector(legend)
    assert page.locator("#member-9901C0030").is_checked()
    assert page.locator("#member-9901C0010").is_checked()  # a member of the saved area
    link = page.locator("a[data-controls='member-9901C0050']")
    path = link.locator("path")
    class_fill = link.get_attribute("data-fill")
    assert class_fill and class_fill != "#F2F2F2" and path.get_attribute("fill") == class_fill
    path.click()
    assert page.locator("#member-9901C0050").is_checked()
    assert (path.get_attribute("fill") or "").startswith("url(#")
    path.click()
    assert path.get_attribute("fill") == class_fill
    problems = _check(page, "picker-coloured", artifacts)
    context.close()
    assert not problems, "\n".join(problems)
