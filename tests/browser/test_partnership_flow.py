"""A partner in the handslag, in a real browser: Per (editor at Exempel Fastigheter) logs in,
records a new year in his company's commitment, signs it again after reading what he signs
and confirming it, and sees the common budget grow by what he added; the municipality's
commitment is not his to change."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from grogrund.accounts.models import Organisation
from grogrund.partnerships.models import Commitment
from grogrund.programmes.demo import DEMO_PROGRAMME
from grogrund.programmes.models import Programme

pytestmark = pytest.mark.browser

NBSP = "\u00a0"


def _login(page: Any, username: str) -> None:
    page.goto("/konto/logga-in/")
    page.fill("#id_username", username)
    page.fill("#id_password", "grogrund-demo")
    page.click("form button[type=submit]")
    page.wait_for_url(lambda url: "logga-in" not in url)


def _kronor(text: str) -> int:
    return int(text.replace(NBSP, "").replace(" ", "").replace("kr", ""))


def test_a_partner_records_and_signs_its_commitment_and_the_budget_grows(
    page: Any, artifacts: Path
) -> None:
    programme = Programme.objects.get(name=DEMO_PROGRAMME)
    own = Organisation.objects.get(slug="exempel-fastigheter")
    municipality = Organisation.objects.get(slug="grobo-kommun")
    _login(page, "per")

    page.goto(f"/program/{programme.pk}/")
    page.click("#partnership a.button")
    before = _kronor(page.inner_text("#budget-total"))
    assert "4 av 5 partner har skrivit under" in page.inner_text("#signed-count")

    page.click(f"#partners tr[data-org='{own.pk}'] a.edit")
    page.fill("#id_money_2027", "100 000")
    page.fill("#id_hours_2027", "10")
    page.click("#commitment-form button[type=submit]")
    assert "sparades" in page.inner_text(".flash")
    # The figures changed, so the earlier signature no longer holds.
    assert "Inte underskrivet än" in page.inner_text("#signature")
    assert "2027" in page.inner_text("#commitment-years")

    # Signing first shows what is signed and asks for a confirmation.
    page.click("a#sign")
    page.wait_for_url(lambda url: "signera" in url)
    statement = page.inner_text("#statement")
    assert programme.name in statement and own.name in statement and "2027" in statement
    assert "kr" in page.inner_text("#commitment-total")
    page.click("#sign-form button[type=submit]")  # without the box ticked: not signed
    assert not Commitment.objects.get(programme=programme, organisation=own).is_signed
    page.check("#id_confirm")
    page.click("#sign-form button[type=submit]")
    assert "har skrivit under" in page.inner_text(".flash")
    signature = page.inner_text("#signature")
    assert "Underskrivet av" in signature and "per" in signature.lower()
    assert "Ändrad" in page.inner_text("#history") or "Changed" in page.inner_text("#history")

    page.goto(f"/program/{programme.pk}/handslag/")
    after = _kronor(page.inner_text("#budget-total"))
    assert after - before == 100_000 + 10 * 450  # money + 10 hours at Per's 450 kr an hour
    assert "2027" in page.inner_text("#budget thead")
    assert "4 av 5 partner har skrivit under" in page.inner_text("#signed-count")
    page.set_viewport_size({"width": 1280, "height": 900})
    page.screenshot(path=str(artifacts / "partnership.png"), full_page=True)

    page.goto(f"/program/{programme.pk}/handslag/atagande/{municipality.pk}/")
    assert page.locator("#commitment-form").count() == 0
    signed = Commitment.objects.get(programme=programme, organisation=own)
    assert signed.is_signed and signed.signed_by.username == "per"
