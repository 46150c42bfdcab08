"""The pages of the statistics import (issue 9) pass axe-core's WCAG 2.1 A/AA rules and do not
scroll sideways, at 1280 px and at 320 px, in Swedish and English; screenshots of each go to
test-artifacts/ to look at.

axe-core comes bundled with axe-playwright-python (from the package registry, no CDN).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from axe import violations

pytestmark = pytest.mark.browser

WIDTHS = (1280, 320)


@pytest.fixture
def statistics_world(demo: None) -> dict[str, str]:
    """A dataset with notes from its source, an import template and a finished job, for the
    demo's administrator (anna, Grobo Bostäder)."""
    from grogrund.accounts.models import Organisation, User
    from grogrund.areas.import_templates import create_template
    from grogrund.areas.models import Dataset, DatasetNote
    from grogrund.jobs.models import Job, JobKind, JobStatus

    anna = User.objects.get(username="anna")
    owner = Organisation.objects.get(slug="grobo-bostader")
    dataset = Dataset.objects.filter(owner=owner).order_by("pk").first()
    assert dataset is not None
    DatasetNote.objects.create(
        dataset=dataset, text="Uppgifterna för 2023 är preliminära.", mandatory=True, origin="SCB"
    )
    template = create_template(
        user=anna,
        owner=owner,
        name="Förvärvsarbetande per DeSO",
        kind="csv",
        mapping={"area_code": "region", "indicator": "employment_20_64", "period_columns": "auto"},
    )
    job = Job.objects.create(
        owner=owner,
        created_by=anna,
        kind=JobKind.FETCH_MUNICIPALITY,
        parameters={"municipality": "1480"},
        idempotency_key="browser-test",
        status=JobStatus.DONE,
        result={"rows": 1642, "created": 1642, "updated": 0, "requests": 12},
    )
    return {
        "dataset": f"/omraden/dataset/{dataset.pk}/",
        "template": f"/omraden/import/mallar/{template.pk}/",
        "template_delete": f"/omraden/import/mallar/{template.pk}/ta-bort/",
        "job": f"/jobb/{job.pk}/",
    }


def _pages(world: dict[str, str]) -> dict[str, str]:
    return {
        "area-list": "/omraden/?q=malmo",
        "area-list-filtered": "/omraden/?level=deso&municipality=0114",
        "import": "/omraden/import/",
        "import-templates": "/omraden/import/mallar/",
        "import-template-new": "/omraden/import/mallar/ny/",
        "import-template": world["template"],
        "import-template-delete": world["template_delete"],
        "survey-import": "/omraden/import/enkat/",
        "dataset-with-notes": world["dataset"],
        "profile": "/omraden/grobo-norrbacka/",
        "profile-deso": "/omraden/0114C1010/",
        "jobs": "/jobb/",
        "job": world["job"],
        "fetch-form": "/jobb/hamta-kommun/",
        "programme-new": "/program/ny/",
    }


def _check(page: Any, name: str, artifacts: Path) -> list[str]:
    problems = []
    for width in WIDTHS:
        page.set_viewport_size({"width": width, "height": 900})
        page.wait_for_load_state()
        slug = name.split(" ")[0]
        page.screenshot(path=str(artifacts / f"stats-{slug}-{width}.png"), full_page=True)
        wide = page.evaluate("document.documentElement.scrollWidth")
        if wide > width:
            culprits = page.evaluate(
                """w => [...document.querySelectorAll('body *')]
                .filter(e => e.getBoundingClientRect().right > w + 1 && !e.closest('.table-wrap'))
                .slice(0, 5).map(e => e.tagName + '.' + e.className + ' ' +
                    Math.round(e.getBoundingClientRect().right))""",
                width,
            )
            problems.append(f"{name} at {width} px scrolls sideways: {wide} px wide ({culprits})")
        problems += violations(page, f"{name} at {width} px")
    return problems


@pytest.mark.parametrize("language", ["sv", "en"])
def test_every_statistics_page_passes_axe(
    logged_in: Any, statistics_world: dict[str, str], artifacts: Path, language: str
) -> None:
    page = logged_in
    if language == "en":
        page.locator("header").get_by_role("button", name="English").click()
        page.wait_for_load_state()
    problems: list[str] = []
    for name, url in _pages(statistics_world).items():
        response = page.goto(url)
        assert response is not None and response.status == 200, (name, url)
        problems += _check(page, f"{name} ({language})", artifacts)
    assert not problems, "\n\n".join(problems)


def test_the_import_preview_passes_axe(logged_in: Any, artifacts: Path, tmp_path: Path) -> None:
    path = tmp_path / "sysselsattning.csv"
    path.write_text(
        "area;indicator;period;numerator;denominator\n9901C0010;employment_20_64;2025;700;1100\n",
        encoding="utf-8",
    )
    page = logged_in
    page.goto("/omraden/import/")
    page.set_input_files("#id_file", str(path))
    page.fill("#id_dataset", "Förhandsgranskning")
    page.fill("#id_source", "Egen räkning (browsertest)")
    page.fill("#id_value_column", "")
    page.click("form.form button[value=preview]")
    page.wait_for_load_state()
    assert "9901C0010" in page.locator("#import-preview").inner_text()
    problems = _check(page, "import-preview", artifacts)
    assert not problems, "\n\n".join(problems)
