"""The procurement pages the route registry cannot reach as the owner's editor — the
supplier's own pages (its contract, the report form, a report) and the curators' template
form — and the network's comparison pass axe and reflow at 320 px, in Swedish and English,
on the demo."""

from __future__ import annotations

from typing import Any

import pytest
from axe import violations
from pages import browser_context
from test_pages_fit_phones_and_print import OVERFLOW

from builders import make_user
from grogrund.accounts.models import Organisation, Role, User
from grogrund.procurement.demo import CONTRACT
from grogrund.procurement.models import Clause, ClauseTemplate, Contract, DeliveryReport

pytestmark = pytest.mark.browser

PHONE = 320


def test_supplier_curator_and_network_pages(browser: Any, live_server: Any, demo: None) -> None:
    contract = Contract.objects.get(name=CONTRACT)
    clause = Clause.objects.get(contract=contract, template__code="sysselsattning-heltidsmanader")
    report = DeliveryReport.objects.filter(clause=clause, status="submitted").first()
    template = ClauseTemplate.objects.order_by("position").first()
    curator = make_user(Organisation.objects.get(slug="natverket"), Role.EDITOR)
    visits = [
        ("sara", f"/upphandling/{contract.pk}/"),
        ("sara", f"/upphandling/{contract.pk}/villkor/{clause.pk}/rapport/"),
        ("sara", f"/upphandling/{contract.pk}/rapport/{report.pk}/"),
        ("sara", f"/upphandling/{contract.pk}/rapport/{report.pk}/andra/"),
        (curator.username, "/upphandling/villkorsmallar/ny/"),
        (curator.username, f"/upphandling/villkorsmallar/{template.pk}/"),
        ("nils", "/upphandling/jamforelse/"),
        ("nils", f"/upphandling/{contract.pk}/"),
    ]
    problems: list[str] = []
    for language in ("sv", "en"):
        for username, url in visits:
            user = User.objects.get(username=username)
            context = browser_context(browser, live_server.url, user, language)
            page = context.new_page()
            response = page.goto(url)
            assert response is not None and response.status == 200, (username, url)
            problems += violations(page, f"{url} as {username} ({language})")
            page.set_viewport_size({"width": PHONE, "height": 800})
            wide = page.evaluate("document.documentElement.scrollWidth")
            if wide > PHONE:
                culprits = page.evaluate(OVERFLOW, PHONE)
                problems.append(f"{url} as {username} ({language}) is {wide} px wide: {culprits}")
            context.close()
    assert not problems, "\n".join(problems)
