"""The first steps of a new user, in a real browser: log in, read the profile of the vulnerable
district, import a file, and see a clear refusal of a bad file with nothing written."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest

from grogrund.areas.demo.build import DISTRICT_CODE
from grogrund.areas.models import Dataset, Observation

pytestmark = pytest.mark.browser

HEADER = "area;indicator;period;numerator;denominator\n"


def _percent(text: str) -> float:
    """'55,3 %' or '55.3%' → 55.3"""
    match = re.search(r"(\d+(?:[.,]\d+)?)\s*%", text.replace("\u00a0", " "))
    assert match, f"no percentage in {text!r}"
    return float(match.group(1).replace(",", "."))


def _upload(page: Any, path: Path, dataset: str) -> None:
    page.goto("/omraden/import/")
    page.set_input_files("#id_file", str(path))
    page.fill("#id_dataset", dataset)
    page.fill("#id_source", "Egen räkning (browsertest)")
    page.fill("#id_value_column", "")  # shares given as numerator and denominator only
    page.click("form.form button[value=import]")
    page.wait_for_load_state()


def test_login_lands_signed_in(logged_in: Any) -> None:
    assert logged_in.get_by_role("button", name="Logga ut").is_visible()
    assert "Anna Admin" in logged_in.inner_text("header")


def test_profile_of_the_district_shows_the_employment_gap(logged_in: Any, artifacts: Path) -> None:
    page = logged_in
    page.goto(f"/omraden/{DISTRICT_CODE}/")
    assert "Norrbacka bostadsområde" in page.inner_text("h1")

    row = page.locator("#gap-table tbody tr", has_text="Förvärvsarbetande").first
    cells = row.locator("td").all_inner_texts()
    headers = page.locator("#gap-table thead th").all_inner_texts()
    assert any("Grobo kommun" in h for h in headers), headers
    # The area's own figure next to the indicator; the comparison areas further right.
    municipality_column = next(k for k, h in enumerate(headers) if "Grobo kommun" in h)
    district, municipality = _percent(cells[1]), _percent(cells[municipality_column])
    assert 53 <= district <= 62, cells
    assert 74 <= municipality <= 80, cells
    source = cells[-1]
    assert "SCB/Kolada" in source and re.search(r"20\d\d", source), source

    assert page.locator("svg").count() >= 2  # the gap chart and one trend per indicator
    assert page.locator(".chart-wrap svg").first.is_visible()

    page.set_viewport_size({"width": 1280, "height": 900})
    page.screenshot(path=str(artifacts / "area-profile.png"), full_page=True)
    page.screenshot(path=str(artifacts / "area-profile-top.png"))


def test_a_valid_csv_is_imported_with_counts(logged_in: Any, tmp_path: Path) -> None:
    path = tmp_path / "sysselsattning.csv"
    path.write_text(
        HEADER
        + "9901C0010;employment_20_64;2025;700;1100\n"
        + "9901C0020;employment_20_64;2025;650;1200\n"
        + "9901A0070;employment_20_64;2025;900;1000\n",
        encoding="utf-8",
    )
    _upload(logged_in, path, "Browsertest 2025")

    message = logged_in.locator("#import-result").inner_text()
    assert "3" in message and "Browsertest 2025" in message, message
    assert re.search(r"\b3\b", message)
    assert Observation.objects.filter(dataset__name="Browsertest 2025").count() == 3


@pytest.mark.parametrize(
    ("rows", "expected"),
    [
        (
            "9901C0010;employment_20_64;2025;700;1100\n9901C0020;employment_20_64;2025;abc;1200\n",
            [r"rad 3", r"numerator", r"'abc'"],
        ),
        (
            "9901C0010;employment_20_64;2025;700;1100\n"
            "9901C0020;employment_20_64;19121212-1212;650;1200\n",
            [r"rad 3", r"(?i)personnummer"],
        ),
    ],
    ids=["not-a-number", "personnummer"],
)
def test_a_bad_file_is_refused_naming_row_and_column(
    logged_in: Any, tmp_path: Path, rows: str, expected: list[str]
) -> None:
    before = Observation.objects.count()
    path = tmp_path / "felaktig.csv"
    path.write_text(HEADER + rows, encoding="utf-8")
    _upload(logged_in, path, "Ska inte sparas")

    error = logged_in.locator("#import-error").inner_text()
    assert "felaktig.csv" in error, error
    for pattern in expected:
        assert re.search(pattern, error), (pattern, error)
    assert "19121212-1212" not in logged_in.content()  # the number is never echoed back
    assert Observation.objects.count() == before
    assert not Dataset.objects.filter(name="Ska inte sparas").exists()


def test_switching_to_english_changes_the_interface(logged_in: Any) -> None:
    page = logged_in
    page.goto(f"/omraden/{DISTRICT_CODE}/")
    assert page.locator("html").get_attribute("lang") == "sv"
    assert page.get_by_role("heading", name="Gap, rangordnade").is_visible()
    assert page.get_by_role("button", name="Logga ut").is_visible()

    page.get_by_role("button", name="English").click()
    page.wait_for_load_state()
    assert page.url.endswith(f"/omraden/{DISTRICT_CODE}/")
    assert page.locator("html").get_attribute("lang") == "en"
    assert page.get_by_role("button", name="Log out").is_visible()
    assert page.get_by_role("heading", name="Gaps, ranked").is_visible()
    assert page.get_by_role("link", name="Areas").first.is_visible()

    page.get_by_role("button", name="Svenska").click()
    page.wait_for_load_state()
    assert page.locator("html").get_attribute("lang") == "sv"
