"""A goal of a fixed number of people set without a comparison value is reported with its
figures and the plain words "no comparison", never "None": in the programme report's PDF
and its print view, and in the tenant summary.

Worked example: higher education in Testby 2021 is 40 % of 1 000 people, no comparison; a
goal of 50 more people by 2031: 0.40 + 50 / 1 000 = 45,0 %. Measured 42,0 % in 2024; the
trajectory asks 0.40 + 0.05 × 3 / 10 = 41,5 % that year; (0.42 − 0.40) / (0.45 − 0.40) = 40 %
of the planned change."""

import re

import pytest
from django.utils import translation
from django.utils.translation import gettext

from builders import make_indicator
from grogrund.reports import kinds
from grogrund.reports.kinds import Period
from grogrund.reports.services import make_report
from reports.builders import pdf_text

pytestmark = pytest.mark.django_db


@pytest.fixture
def fixed_goal(world):
    from grogrund.programmes.models import Goal, Measurement

    education = make_indicator(
        "education", kind="share", direction="higher_is_better", name_sv="Eftergymnasial"
    )
    goal = Goal.objects.create(
        programme=world.programme,
        area=world.deso,
        indicator=education,
        direction="higher_is_better",
        baseline_year=2021,
        deadline_year=2031,
        baseline_share=0.40,
        base=1000,
        fixed_count=50,
        target_count=50,
        target_share=0.45,
    )
    Measurement.objects.create(
        goal=goal, organisation=world.a, year=2024, value=0.42, source="Egen enkät (2024)"
    )
    return goal


def _none() -> str:
    with translation.override("sv"):
        return gettext("Comparison: none (a fixed number of people).")


def test_the_programme_report_pdf_has_the_fixed_goal_s_figures(world, fixed_goal):
    report = make_report(
        user=world.editor,
        kind=kinds.get("programme"),
        subject=world.programme,
        period=Period.year(2024),
        language="sv",
        owner=world.a,
    )
    text = pdf_text(report.pdf.read())
    assert "Eftergymnasial" in text
    for figure in ("40,0 %", "45,0 %", "42,0 %", "41,5 %", "50 fler personer"):
        assert figure in text, figure
    assert "40 %" in text  # percent met
    assert "None" not in text
    flat = re.sub(r"\s+", " ", text)
    assert re.sub(r"\s+", " ", _none()) in flat
    # The goal with a comparison keeps its gap: (0,77 − 0,55) × 1 000 = 220.
    assert "220" in text
    page = world.client(world.editor).get(f"/rapporter/sparade/{report.pk}/utskrift/")
    html = re.sub(r"[\u00a0\u202f]", " ", page.content.decode())
    assert _none() in html and "None" not in html


def test_the_tenant_summary_stores_no_comparison_as_empty(world, fixed_goal):
    from grogrund.reports.tenant_report import programme_figures

    figures = programme_figures(user=world.editor, subject=world.programme)
    goal = next(g for g in figures["goals"] if g["id"] == fixed_goal.pk)
    assert goal["reference_area"] is None
    assert goal["target_share"] == pytest.approx(0.45) and goal["target_count"] == 50
