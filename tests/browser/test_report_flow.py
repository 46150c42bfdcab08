"""Reports in a real browser (issue 12).

1. The follow-up dashboard of the demo programme printed by Chromium (`page.pdf()`, print
   media): the printed text has every goal with its latest value, trajectory and percent met,
   as the page shows them.
2. The walk from the programme page: make a programme report for 2023, land on the stored
   report, download its PDF and find the programme and its figures in it.
"""

from __future__ import annotations

import io
import re
import unicodedata
from pathlib import Path
from typing import Any

import pytest

from grogrund.programmes import selectors
from grogrund.programmes.demo import DEMO_PROGRAMME
from grogrund.programmes.models import Programme
from grogrund.reports.models import Report

pytestmark = pytest.mark.browser

#: Printing a report takes a few seconds, more on a busy machine.
SLOW_MS = 120_000


def _plain(text: str) -> str:
    """Spaces as one plain space, ligatures (ﬁ) as their letters."""
    return re.sub(r"[ \u00a0\u202f]+", " ", unicodedata.normalize("NFKC", text))


def _pdf_text(pdf: bytes) -> str:
    from pypdf import PdfReader

    return _plain("\n".join(p.extract_text() or "" for p in PdfReader(io.BytesIO(pdf)).pages))


def test_the_dashboard_prints_with_its_goals_and_figures(logged_in: Any, artifacts: Path) -> None:
    page = logged_in
    programme = Programme.objects.get(name=DEMO_PROGRAMME)
    page.goto(f"/program/{programme.pk}/uppfoljning/")
    page.emulate_media(media="print")
    shown = _plain(page.locator("#dashboard-goals").inner_text())
    pdf = page.pdf(format="A4", print_background=True)
    (artifacts / "dashboard-printed.pdf").write_bytes(pdf)
    printed = re.sub(r"\s+", " ", _pdf_text(pdf))  # lines wrap where the paper ends

    assert programme.name in printed
    for follow_up in selectors.goal_follow_ups(programme):
        name = follow_up.goal.indicator.name_sv
        assert name in printed, name
        latest = follow_up.latest
        assert latest is not None
        value = f"{latest.measurement.value * 100:.1f} %".replace(".", ",")
        met = f"{latest.percent_met:.0f} %"
        for figure in (value, met):
            assert figure in shown and figure in printed, (name, figure)
    # The counts by status print too (3 on track and 1 behind in the demo).
    assert re.search(r"I fas\s*3", printed) and re.search(r"Efter\s*1", printed)


def test_programme_page_to_stored_report_to_pdf(logged_in: Any, artifacts: Path) -> None:
    page = logged_in
    page.set_default_timeout(SLOW_MS)
    programme = Programme.objects.get(name=DEMO_PROGRAMME)
    before = set(Report.objects.values_list("pk", flat=True))

    page.goto(f"/program/{programme.pk}/")
    section = page.locator("section#reports")
    assert section.locator("#report-table tbody tr").count() >= 1  # the demo's 2024 report
    section.locator(f'a[href="/rapporter/programme/{programme.pk}/ny/"]').click()
    page.wait_for_url(f"**/rapporter/programme/{programme.pk}/ny/")
    page.fill("#id_year", "2023")
    page.check('input[name="language"][value="sv"]')
    page.click("main form button[type=submit]")
    page.wait_for_url(re.compile(r"/rapporter/sparade/\d+/$"))

    made = Report.objects.exclude(pk__in=before).get()
    assert made.period_start.year == 2023 and made.status == "ready"
    assert made.title in page.inner_text("h1")
    with page.expect_download() as info:
        page.click("#download")
    path = artifacts / "programme-report-2023.pdf"
    info.value.save_as(str(path))
    pdf = path.read_bytes()
    assert pdf.startswith(b"%PDF") and pdf == made.pdf.read()
    text = _pdf_text(pdf)
    assert programme.name in text
    employment = next(
        f
        for f in selectors.goal_follow_ups(programme)
        if f.goal.indicator.code == "employment_20_64"
    )
    latest_2023 = next(r for r in employment.rows if r.measurement.year == 2023)
    assert f"{latest_2023.measurement.value * 100:.1f} %".replace(".", ",") in text
