"""Deleting a commitment in a real browser: Per (editor at Exempel Fastigheter, a partner in the
demo programme) opens his company's commitment, follows "Ta bort åtagandet", reads what will go
and what the common budget becomes, confirms, and sees the budget drop by exactly that; the
municipality's commitment offers him no deletion."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from grogrund.accounts.models import Organisation
from grogrund.partnerships.models import Commitment
from grogrund.programmes.demo import DEMO_PROGRAMME
from grogrund.programmes.models import ChangeLog, Programme

pytestmark = pytest.mark.browser

NBSP = "\u00a0"


def _kronor(text: str) -> int:
    return int(text.replace(NBSP, "").replace(" ", "").replace("kr", ""))


def test_a_partner_deletes_its_commitment_and_the_budget_drops(page: Any, artifacts: Path):
    programme = Programme.objects.get(name=DEMO_PROGRAMME)
    own = Organisation.objects.get(slug="exempel-fastigheter")
    municipality = Organisation.objects.get(slug="grobo-kommun")
    commitment = Commitment.objects.get(programme=programme, organisation=own)
    page.goto("/konto/logga-in/")
    page.fill("#id_username", "per")
    page.fill("#id_password", "grogrund-demo")
    page.click("form button[type=submit]")
    page.wait_for_url(lambda url: "logga-in" not in url)

    page.goto(f"/program/{programme.pk}/handslag/")
    before = _kronor(page.inner_text("#budget-total"))
    page.click(f"#partners tr[data-org='{own.pk}'] a.edit")
    page.click("#delete-link")
    assert f"Ta bort åtagandet från {own.name}?" == page.inner_text("h1")
    removed = _kronor(page.inner_text("#commitment-total"))
    assert removed > 0
    budget_change = page.inner_text("#budget-change").replace(NBSP, " ")
    assert f"till {before - removed:,} kr".replace(",", " ") in budget_change
    page.set_viewport_size({"width": 1280, "height": 900})
    page.screenshot(path=str(artifacts / "commitment_delete.png"), full_page=True)

    page.click("#delete-commitment button[type=submit]")
    assert "togs bort" in page.inner_text(".flash")
    assert _kronor(page.inner_text("#budget-total")) == before - removed
    assert not Commitment.objects.filter(pk=commitment.pk).exists()
    assert ChangeLog.objects.filter(
        object_type="commitment", object_id=commitment.pk, action="delete"
    ).exists()

    page.goto(f"/program/{programme.pk}/handslag/atagande/{municipality.pk}/")
    assert page.locator("#delete-link").count() == 0
