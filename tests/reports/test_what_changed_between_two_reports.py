"""Two reports of the same programme are compared by their figures, in plain language: the
later report lists what changed since the earlier one, and the comparison page shows it
between any two of them (before → after, with names, never ids)."""

import html
import re

import pytest

from grogrund.initiatives.models import Initiative
from grogrund.partnerships.models import Commitment
from grogrund.programmes.models import Measurement
from grogrund.programmes.services import set_step_status
from grogrund.reports import kinds
from grogrund.reports.kinds import Period
from grogrund.reports.services import make_report

pytestmark = pytest.mark.django_db


def _report(world):
    return make_report(
        user=world.editor,
        kind=kinds.get("programme"),
        subject=world.programme,
        period=Period.year(2024),
        language="en",
        owner=world.a,
    )


def _text(response):
    text = html.unescape(response.content.decode())
    return re.sub(r"\s+", " ", re.sub(r"[\u00a0\u202f]", " ", text))


def test_the_later_report_and_the_comparison_say_what_changed(world, fast_pdf):
    world.editor.language = "en"
    world.editor.save()
    first = _report(world)
    assert first.figures["changes"] == [] and first.figures["previous"] is None

    Measurement.objects.filter(goal=world.goal, year=2024).update(value=0.62)
    Commitment.objects.filter(organisation=world.partner).update(signed_at=None)
    Initiative.objects.update(status="scaled_up")
    set_step_status(
        user=world.editor, programme=world.programme, step="malsattningar", status="done"
    )
    second = _report(world)
    assert second.figures["previous"]["id"] == first.pk

    expected = [
        # (0,62 − 0,55) / (0,66 − 0,55) = 63,6 % of the planned change.
        "Employment 20–64, Testby: latest value 60.0 % (2024) → 62.0 % (2024). "
        "64 % of the planned change met.",
        "Jobbspår Testby: status Running → Scaled up.",
        "Partner P's signature was withdrawn.",
        "Step 6, Goals: Not started yet → Done.",
    ]
    client = world.client(world.editor)
    page = _text(client.get(f"/rapporter/sparade/{second.pk}/jamfor/"))
    for sentence in expected:
        assert sentence in page, sentence
    assert f"/rapporter/sparade/{second.pk}/jamfor/?med={first.pk}" in page or "Compare" in page

    # The later report itself keeps the same list, drawn from its stored figures.
    printed = _text(client.get(f"/rapporter/sparade/{second.pk}/utskrift/"))
    for sentence in expected:
        assert sentence in printed, sentence

    # Compared the other way round (from the later report's page), still before → after.
    page = _text(client.get(f"/rapporter/sparade/{first.pk}/jamfor/?med={second.pk}"))
    assert expected[0] in page


def test_nothing_to_compare_with_is_said_plainly(world, fast_pdf):
    world.editor.language = "en"
    world.editor.save()
    only = _report(world)
    page = _text(world.client(world.editor).get(f"/rapporter/sparade/{only.pk}/jamfor/"))
    assert "There is no earlier report of the same subject to compare with." in page


def test_a_report_of_another_subject_is_not_compared(world, fast_pdf):
    from grogrund.programmes.models import Programme

    report = _report(world)
    other = Programme.objects.create(owner=world.a, name="Annat program", start_year=2022)
    foreign = make_report(
        user=world.editor,
        kind=kinds.get("programme"),
        subject=other,
        period=Period.year(2024),
        language="sv",
        owner=world.a,
    )
    response = world.client(world.editor).get(
        f"/rapporter/sparade/{report.pk}/jamfor/?med={foreign.pk}"
    )
    assert response.status_code == 404


def test_the_previous_report_is_the_one_for_the_period_before(world, fast_pdf):
    kind = kinds.get("programme")

    def make(year):
        return make_report(
            user=world.editor,
            kind=kind,
            subject=world.programme,
            period=Period.year(year),
            language="sv",
            owner=world.a,
        )

    annual_2024 = make(2024)
    annual_2023 = make(2023)  # made later, about an earlier year: nothing before it
    assert annual_2023.figures["previous"] is None
    again_2024 = make(2024)  # compared with the 2024 report, not with the 2023 one
    assert again_2024.figures["previous"]["id"] == annual_2024.pk
    from grogrund.reports.selectors import earlier_report

    assert earlier_report(world.editor, again_2024) == annual_2024
    assert earlier_report(world.editor, annual_2024) == annual_2023
    assert earlier_report(world.editor, annual_2023) is None
