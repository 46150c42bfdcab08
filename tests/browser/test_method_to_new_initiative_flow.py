"""From the method library to a new initiative, in a real browser: the demo administrator opens
a published method, sees its benchmark, starts an initiative from it in the demo programme
and lands on the new initiative's page, which shows the method and the template's effect
logic. The method page and the new initiative's page pass axe."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from axe import violations
from playwright.sync_api import expect

from grogrund.initiatives.models import Initiative
from grogrund.methods.models import Method
from grogrund.programmes.demo import DEMO_PROGRAMME
from grogrund.programmes.models import Programme

pytestmark = pytest.mark.browser

METHOD = "Läxhjälp i bostadsområdet"
NAME = "Läxhjälp i Norrbackaskolan"


def test_a_user_starts_an_initiative_from_a_method(logged_in: Any, artifacts: Path) -> None:
    page = logged_in
    page.goto("/")
    page.locator("nav a[href='/metoder/']").click()
    expect(page.locator("#method-table")).to_be_visible()
    page.locator("#method-table").get_by_role("link", name=METHOD).click()
    expect(page.locator("h1")).to_have_text(METHOD)
    # The benchmark counts the fictional companies' shared programmes.
    expect(page.locator("#benchmark-fictional")).to_be_visible()
    expect(page.locator("#benchmark-initiatives")).to_contain_text("Åsbylyftet (fiktivt)")
    problems = violations(page, "method page")

    page.locator("#start-initiative").click()
    programme = Programme.objects.get(name=DEMO_PROGRAMME)
    page.locator("#id_programme").select_option(str(programme.pk))
    page.fill("#id_name", NAME)
    page.locator("#start-button").click()

    expect(page.locator("h1")).to_have_text(NAME)
    expect(page.locator("#initiative-method-ref")).to_contain_text(METHOD)
    initiative = Initiative.objects.get(name=NAME)
    method = Method.objects.get(name=METHOD)
    assert initiative.method_ref == method
    assert initiative.programme == programme
    texts = {n.text for n in initiative.nodes.all()}
    assert {n.text for n in method.template_nodes.all()} == texts
    for text in ("Läxhjälp tre kvällar i veckan", "Fler unga behöriga till gymnasiet"):
        expect(page.locator("#effect-logic-diagram")).to_contain_text(text)
    problems += violations(page, "new initiative page")
    page.screenshot(path=str(artifacts / "method-to-initiative.png"), full_page=True)

    # Back on the method page, the user's own initiative is listed beside the benchmark.
    page.locator("#initiative-method-ref").get_by_role("link", name=METHOD).click()
    expect(page.locator("#own-initiatives")).to_contain_text(NAME)
    assert not problems, "\n".join(problems)
