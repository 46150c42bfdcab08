"""In a real browser, in Swedish: the demo administrator imports a measurement file in which
one value is far from the goal's values so far. Nothing is imported yet; the page lists the
row with the measurement form's question ("Menade du 50,0 %?"), passes axe, and imports every
row once "Ja, värdena är rätt" is ticked.

Employment 20–64 in Norrbacka (the demo's goal from 50 % in 2021 towards the municipality):
"5" for 2025 is a tenth of the values around it, so it is questioned; "55" for 2026 is not."""

from __future__ import annotations

from typing import Any

import pytest
from axe import violations
from django.utils import translation
from django.utils.translation import gettext

from grogrund.programmes.demo import DEMO_PROGRAMME
from grogrund.programmes.models import Goal, Measurement, Programme

pytestmark = pytest.mark.browser


def test_a_far_value_is_asked_about_and_imported_once_confirmed(logged_in: Any) -> None:
    page = logged_in
    programme = Programme.objects.get(name=DEMO_PROGRAMME)
    goal = Goal.objects.get(programme=programme, indicator__code="employment_20_64")
    before = set(Measurement.objects.filter(goal=goal).values_list("year", flat=True))
    assert not {2025, 2026} & before
    content = f"mål;år;värde;källa\n{goal.pk};2025;5;Enkät\n{goal.pk};2026;55;Enkät\n"

    page.goto(f"/program/{programme.pk}/uppfoljning/import/")
    page.set_input_files(
        "#id_file",
        files=[{"name": "matningar.csv", "mimeType": "text/csv", "buffer": content.encode()}],
    )
    page.click("form.form button[type=submit]")
    page.wait_for_selector("#questioned-rows")

    questions = page.locator("#questioned-rows li")
    assert questions.count() == 1
    text = questions.inner_text().replace("\xa0", " ")
    # 5 read with the decimal comma one place on is 50 %, near the values so far.
    with translation.override("sv"):
        asked = gettext("Did you mean %(suggestion)s?") % {"suggestion": "50,0 %"}
    assert asked in text and "2025" in text and "5,0 %" in text
    assert set(Measurement.objects.filter(goal=goal).values_list("year", flat=True)) == before
    assert violations(page, "the measurement import asking about a value") == []

    page.check("#id_confirm")
    page.click("#confirm-import button[type=submit]")
    page.wait_for_selector("#import-result")
    stored = dict(Measurement.objects.filter(goal=goal).values_list("year", "value"))
    assert stored[2025] == pytest.approx(0.05) and stored[2026] == pytest.approx(0.55)
