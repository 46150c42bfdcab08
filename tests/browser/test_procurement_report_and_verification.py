"""A supplier's report and the buyer's verification, in a real browser. Sara (editor at the
demo's supplier) opens her contract, reports the third quarter of 2026 for the employment
requirement — first with hours three persons cannot have worked, which is refused with the
reason and nothing saved, then as it should be, with a CSV file as evidence — and Anna (the
buyer's administrator) verifies it: the verified months of full-time employment grow by what
Sara reported. Both pages pass axe."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from axe import violations

from grogrund.procurement.demo import CONTRACT
from grogrund.procurement.models import Contract, DeliveryReport

pytestmark = pytest.mark.browser

NBSP = "\u00a0"


@pytest.fixture(autouse=True)
def _media(settings: Any, tmp_path: Path) -> None:
    settings.MEDIA_ROOT = tmp_path / "media"


def _login(page: Any, username: str) -> None:
    page.goto("/konto/logga-in/")
    page.fill("#id_username", username)
    page.fill("#id_password", "grogrund-demo")
    page.click("form button[type=submit]")
    page.wait_for_url(lambda url: "logga-in" not in url)


def _logout(page: Any) -> None:
    page.context.clear_cookies()


def _delivered(page: Any, clause_pk: int) -> str:
    return page.inner_text(f"#clause-{clause_pk} td[data-delivered]").replace(NBSP, " ")


def test_a_supplier_reports_and_the_buyer_verifies(page: Any, artifacts: Path) -> None:
    contract = Contract.objects.get(name=CONTRACT)
    clause = contract.clauses.get(template__code="sysselsattning-heltidsmanader")

    _login(page, "sara")
    page.goto("/upphandling/")
    page.click(f"#contracts tr[data-contract='{contract.pk}'] a")
    assert "12 heltidsmånader" in _delivered(page, clause.pk)
    assert page.locator("#internal-note").count() == 0  # the buyer's note is not hers
    page.click(f"#clause-{clause.pk} tr[data-period='2026-07-01'] a")
    page.wait_for_url(lambda url: "/rapport/" in url)

    # Three persons cannot work 2 000 hours in a quarter of 13 weeks (at most 1 577).
    page.fill("#id_persons", "3")
    page.fill("#id_new_persons", "1")
    page.fill("#id_target_group_persons", "1")
    page.fill("#id_area_persons", "1")
    page.fill("#id_hours", "2 000")
    page.fill("#id_employment_months", "6,5")
    page.check("#id_counts_only")
    page.click("#report-form button[type=submit]")
    summary = page.locator("[data-error-summary]")
    assert summary.count() == 1
    assert "1" in summary.inner_text() and "577" in summary.inner_text()
    assert not DeliveryReport.objects.filter(clause=clause, period_start="2026-07-01").exists()
    problems = violations(page, "report form with errors")

    page.fill("#id_hours", "1 200")
    page.check("#id_counts_only")
    page.set_input_files(
        "#id_evidence",
        files=[
            {
                "name": "tidrapport-2026K3.csv",
                "mimeType": "text/csv",
                "buffer": b"Period;Personer;Timmar\n2026K3;3;1200\n",
            }
        ],
    )
    page.click("#report-form button[type=submit]")
    page.wait_for_selector("#report-status .report-submitted")
    assert "tidrapport-2026K3.csv" in page.inner_text("#evidence-link")
    problems += violations(page, "report page (supplier)")
    report = DeliveryReport.objects.get(clause=clause, period_start="2026-07-01")
    assert (report.hours, report.employment_months, report.status) == (1200, 6.5, "submitted")

    _logout(page)
    _login(page, "anna")
    page.goto(f"/upphandling/{contract.pk}/")
    assert page.locator("#internal-note").count() == 1
    page.click(f"#clause-{clause.pk} tr[data-period='2026-07-01'] a")
    page.wait_for_selector("#review-form")
    problems += violations(page, "report page (buyer)")
    page.check("#review-form input[value=verify]")
    page.click("#review-form button[type=submit]")
    page.wait_for_selector("#report-status .report-verified")
    report.refresh_from_db()
    assert report.status == "verified" and report.reviewed_by.username == "anna"

    page.goto(f"/upphandling/{contract.pk}/")
    # 12 months verified before, and Sara's 6,5: 18,5 of 24.
    assert "18,5 heltidsmånader" in _delivered(page, clause.pk)
    page.set_viewport_size({"width": 1280, "height": 900})
    page.screenshot(path=str(artifacts / "procurement.png"), full_page=True)
    assert not problems, "\n".join(problems)
