"""Outcome values from a file, and deleting an initiative, in a real browser: the demo
administrator downloads the template of the jobs track's outcomes, fills in 2026 and imports it;
then deletes the safety initiative after reading what goes with it."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import expect

from grogrund.initiatives.models import Initiative, OutcomeMeasurement
from grogrund.programmes.demo import DEMO_PROGRAMME
from grogrund.programmes.models import ChangeLog, Programme

pytestmark = pytest.mark.browser

JOBS = "Lokalt jobbspår Norrbacka"
SAFETY = "Trygga entréer och hyresgästdialog"
SHORT = "Färre arbetslösa bland de boende"
LONG = "Fler förvärvsarbetande i området"


def test_a_user_imports_outcome_values_from_the_template(
    logged_in: Any, artifacts: Path, tmp_path: Path
) -> None:
    page = logged_in
    programme = Programme.objects.get(name=DEMO_PROGRAMME)
    jobs = Initiative.objects.get(programme=programme, name=JOBS)
    page.goto(f"/program/{programme.pk}/insatser/{jobs.pk}/")
    page.get_by_role("link", name="Importera värden från en fil (CSV eller Excel)").click()
    expect(page.locator("h1")).to_have_text("Importera utfallsvärden")

    with page.expect_download() as info:
        page.locator("#template-link").click()
    template = Path(info.value.path()).read_text(encoding="utf-8-sig").splitlines()
    # The demo has values up to 2025: the template proposes 2026 for both outcomes.
    assert template == ["utfall;år;värde;källa", f"{SHORT};2026;;", f"{LONG};2026;;"]

    filled = tmp_path / "utfall 2026.csv"
    filled.write_text(
        "\r\n".join(
            [template[0], f"{SHORT};2026;13,5;Egen uppföljning 2026", f"{LONG};2026;61 %;"]
        ),
        encoding="utf-8-sig",
    )
    page.fill("#id_source", "Jobbcoachernas register")
    page.set_input_files("#id_file", str(filled))
    page.locator("form.form button[type=submit]").click()
    expect(page.locator("#import-result")).to_contain_text(
        "2 rader lästa: 2 värden registrerade, 0 ändrade, 0 oförändrade."
    )
    expect(page.locator("#imported-rows")).to_contain_text("61,0\u00a0%")
    page.screenshot(path=str(artifacts / "outcome-import.png"), full_page=True)
    values = dict(
        OutcomeMeasurement.objects.filter(initiative=jobs, year=2026).values_list(
            "outcome__text", "source"
        )
    )
    assert values == {SHORT: "Egen uppföljning 2026", LONG: "Jobbcoachernas register"}

    page.get_by_role("link", name="Tillbaka till insatsen").click()
    expect(page.locator("#outcome-table")).to_contain_text("61,0\u00a0% (2026)")


def test_a_user_deletes_an_initiative_after_seeing_what_goes_with_it(
    logged_in: Any, artifacts: Path
) -> None:
    page = logged_in
    programme = Programme.objects.get(name=DEMO_PROGRAMME)
    safety = Initiative.objects.get(programme=programme, name=SAFETY)
    valuations = list(safety.valuations.values_list("name", flat=True))
    page.goto(f"/program/{programme.pk}/insatser/{safety.pk}/")
    page.locator("#delete-initiative").click()
    expect(page.locator("h1")).to_have_text("Ta bort insatsen")
    expect(page.locator("#removal")).to_contain_text("rutor i effektlogiken")
    for name in valuations:
        expect(page.locator("#valuations-removed")).to_contain_text(name)
    page.screenshot(path=str(artifacts / "initiative-delete.png"), full_page=True)
    page.get_by_role("button", name="Ta bort insatsen").click()
    expect(page.locator("body")).to_contain_text(f"Insatsen ”{SAFETY}” togs bort.")
    expect(page.locator("#initiatives-table")).to_contain_text(JOBS)
    expect(page.locator("#initiatives-table")).not_to_contain_text(SAFETY)
    assert not Initiative.objects.filter(pk=safety.pk).exists()
    assert ChangeLog.objects.filter(
        programme=programme, object_type="initiative", object_id=safety.pk, action="delete"
    ).exists()
