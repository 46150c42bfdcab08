"""An evaluator's verification and the payment it leads to, in a real browser, on the demo's
outcome contract: Eva (Utvärdera Exempel AB, the evaluator) opens period 3, which the
provider has reported, verifies both outcomes with her evidence and a comment — she sees no
amounts — and Karin (Grobo kommun, commissioner and payer) then finds the kommun's share due
and records it as paid. Both pages pass axe."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from axe import violations

from grogrund.accounts.models import Organisation
from grogrund.outcome_contracts import selectors
from grogrund.outcome_contracts.demo import DEMO_CONTRACT
from grogrund.outcome_contracts.models import Evidence, OutcomeContract, Payment

pytestmark = pytest.mark.browser


def _login(page: Any, username: str) -> None:
    page.goto("/konto/logga-in/")
    page.fill("#id_username", username)
    page.fill("#id_password", "grogrund-demo")
    page.click("form button[type=submit]")
    page.wait_for_url(lambda url: "logga-in" not in url)


def _logout(page: Any) -> None:
    page.context.clear_cookies()


def test_an_evaluator_verifies_and_the_payer_pays(page: Any, artifacts: Path) -> None:
    contract = OutcomeContract.objects.get(name=DEMO_CONTRACT)
    commune = Organisation.objects.get(slug="grobo-kommun")
    problems: list[str] = []

    _login(page, "eva")
    page.goto("/utfallskontrakt/")
    page.click(f"#contracts a[href='/utfallskontrakt/{contract.pk}/']")
    page.click(f"#ledger-table a[href='/utfallskontrakt/{contract.pk}/period/3/']")
    assert page.locator("#period-payments").count() == 0  # the evaluator sees no money
    problems += violations(page, "period 3 as the evaluator")
    assert page.locator(".verify-link").count() == 2

    for n in range(2):
        page.locator(".verify-link").first.click()
        page.wait_for_url(lambda url: "verifiera" in url)
        if n == 0:
            problems += violations(page, "verification form")
            page.set_input_files(
                "#id_evidence",
                files=[
                    {
                        "name": "stickprov.csv",
                        "mimeType": "text/csv",
                        "buffer": b"period;antal intyg;stamde\r\n3;20;20\r\n",
                    }
                ],
            )
        page.check("input[name=decision][value=verify]")
        page.fill("#id_comment", "Stickprov på 20 intyg stämmer (fiktivt).")
        page.click("#verify-form button[type=submit]")
        page.wait_for_url(lambda url: url.endswith("/period/3/"))

    assert page.locator(".verify-link").count() == 0
    ledger = selectors.contract_ledger(selectors.contract_for_ledger(contract.pk))
    row = ledger.period(3)
    assert row is not None and row.state == "verified"
    assert Evidence.objects.filter(report__contract=contract, name="stickprov.csv").exists()
    due = row.due_by_payer[commune.pk]
    assert due > 0

    _logout(page)
    _login(page, "karin")
    page.goto(f"/utfallskontrakt/{contract.pk}/period/3/")
    assert "kr" in page.inner_text("#period-payments")
    page.click("#pay-link")
    page.wait_for_url(lambda url: "betala" in url)
    problems += violations(page, "payment form")
    page.select_option("#id_payer", str(commune.pk))
    page.click("#pay-form button[type=submit]")
    page.wait_for_url(lambda url: url.endswith("/period/3/"))
    paid = Payment.objects.get(contract=contract, payer=commune, period=3)
    assert float(paid.amount_sek) == pytest.approx(due)
    assert page.locator("#period-payments").count() == 1
    page.set_viewport_size({"width": 1280, "height": 900})
    page.screenshot(path=str(artifacts / "outcome-contract-period.png"), full_page=True)
    assert not problems, "\n".join(problems)
