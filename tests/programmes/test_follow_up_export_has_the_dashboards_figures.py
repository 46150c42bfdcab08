"""The follow-up dashboard's export holds the figures the dashboard shows (one source of
figures: programmes.selectors.dashboard): every goal against its trajectory, every
measurement, the twelve steps; the trajectory, the share of the planned change met and the gap
in people are formulas that recalculate to the page's numbers.

Hand-checked (tests/programmes/test_dashboard.py): employment 55 % → 66 % from 2024 to 2028
asks for 55 + 11 × 2/4 = 60,5 % in 2026; 61 % there is on track, (61 − 55) / 11 = 54,5 % of the
planned change. Unemployment 12 % → 9 % asks for 10,5 % in 2026; 11,6 % there is at risk,
(12 − 11,6) / 3 = 13,3 % of the planned change. The employment goal's gap in people:
(0,66 − 0,55) × 1 000 = 110."""

from __future__ import annotations

import re

import pytest
from django.urls import reverse
from django.utils.translation import gettext as _

from export_files import csv_record, csv_rows, page_text, recalculated, row_where, shown, workbook
from grogrund.programmes import services
from programmes.builders_followup import make_goal


def _goal(world, indicator, baseline, target):
    return make_goal(
        world.programme,
        world.deso,
        indicator,
        reference_area=world.municipality,
        baseline_share=baseline,
        target_share=target,
        baseline_year=2024,
        deadline_year=2028,
    )


@pytest.fixture
def goals(world):
    employment = _goal(world, world.employment, 0.55, 0.66)
    unemployment = _goal(world, world.unemployment, 0.12, 0.09)
    services.record_measurement(
        user=world.editor, goal=employment, year=2025, value=0.57, source="SCB, RAMS"
    )
    services.record_measurement(
        user=world.editor, goal=employment, year=2026, value=0.61, source="SCB, RAMS"
    )
    services.record_measurement(
        user=world.editor, goal=unemployment, year=2026, value=0.116, source="Kolada"
    )
    return employment, unemployment


def _page_row(html: str, goal) -> list[str]:
    row = html.split(f'<tr id="goal-{goal.pk}">')[1].split("</tr>")[0]
    cells = [c.split(">", 1)[1].split("</td>")[0] for c in row.split("<td")[1:]]
    return [page_text(re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", c))) for c in cells]


def _download(world, user, fmt, **params):
    url = reverse("programmes:dashboard_export", args=[world.programme.pk, fmt])
    return world.client(user).get(url, params)


def test_the_goals_sheet_shows_the_dashboards_figures(world, goals):
    employment, unemployment = goals
    html = world.client(world.viewer).get(
        reverse("programmes:dashboard", args=[world.programme.pk])
    )
    html = html.content.decode()
    content = _download(world, world.viewer, "xlsx").content
    ws, cached = workbook(content).worksheets[0], workbook(content, values=True).worksheets[0]
    for goal, expected in (
        (employment, ["55,0 %", "66,0 %", "61,0 %", "60,5 %", "55 %"]),
        (unemployment, ["12,0 %", "9,0 %", "11,6 %", "10,5 %", "13 %"]),
    ):
        page = _page_row(html, goal)
        row = row_where(ws, _("Goal"), f"{goal.indicator.name}, {goal.area.name}")
        trajectory, met = row[_("Trajectory that year")], row[_("Share of the planned change met")]
        file = [
            shown(row[_("Baseline")]),
            shown(row[_("Target value")]),
            shown(row[_("Latest value")]),
            shown(trajectory, cached[trajectory.coordinate].value),
            shown(met, cached[met.coordinate].value),
        ]
        assert file == expected
        # The page: goal, baseline (year), target (year), latest (year), trajectory, status
        # with the percent met.
        assert [cell.split(" %")[0] + " %" for cell in page[1:5]] == expected[:4]
        assert expected[4] in page[5]
        assert row[_("Status")].value in page[5]
        assert row[_("Latest year")].value == 2026
        assert row[_("Baseline year")].number_format == "0"
    row = row_where(ws, _("Goal"), f"{employment.indicator.name}, {employment.area.name}")
    people = row[_("Gap in people")]
    assert cached[people.coordinate].value == pytest.approx(110)
    assert row[_("Status")].value == _("On track")


def test_the_formulas_are_the_trajectory_and_percent_met(world, goals):
    ws = workbook(_download(world, world.viewer, "xlsx").content).worksheets[0]
    columns = {c.value: c.column_letter for c in ws[1]}
    b, t, v = columns[_("Baseline")], columns[_("Target value")], columns[_("Latest value")]
    y, y0, y1 = columns[_("Latest year")], columns[_("Baseline year")], columns[_("Deadline year")]
    row = row_where(ws, _("Goal"), "employment sv, Testby")
    r = row[_("Goal")].row
    assert row[_("Trajectory that year")].value == (
        f"={b}{r}+({t}{r}-{b}{r})*(MIN(MAX({y}{r},{y0}{r}),{y1}{r})-{y0}{r})/({y1}{r}-{y0}{r})"
    )
    assert row[_("Share of the planned change met")].value == (
        f"=IF({t}{r}={b}{r},IF({v}{r}>={b}{r},1,0),({v}{r}-{b}{r})/({t}{r}-{b}{r}))"
    )


@pytest.mark.libreoffice
def test_libreoffice_recalculates_to_the_dashboards_numbers(world, goals, tmp_path):
    content = _download(world, world.viewer, "xlsx").content
    wb = recalculated(content, tmp_path)
    goals_ws, measurements = wb.worksheets[0], wb.worksheets[1]
    by_goal = {goals_ws.cell(row=r, column=1).value: r for r in range(2, goals_ws.max_row + 1)}
    columns = {c.value: c.column for c in goals_ws[1]}
    employment = by_goal["employment sv, Testby"]
    unemployment = by_goal["unemployment sv, Testby"]
    assert goals_ws.cell(employment, columns[_("Trajectory that year")]).value == pytest.approx(
        0.605
    )
    met = columns[_("Share of the planned change met")]
    assert goals_ws.cell(employment, met).value == pytest.approx(6 / 11)
    assert goals_ws.cell(unemployment, met).value == pytest.approx(0.4 / 3)
    assert goals_ws.cell(employment, columns[_("Gap in people")]).value == pytest.approx(110)
    columns = {c.value: c.column for c in measurements[1]}
    trajectories = [
        measurements.cell(r, columns[_("Trajectory that year")]).value
        for r in range(2, measurements.max_row + 1)
    ]
    # 2025: 55 + 11 × 1/4 = 57,75 %; 2026: 60,5 %; unemployment 2026: 10,5 %.
    assert trajectories == pytest.approx([0.5775, 0.605, 0.105])


def test_every_measurement_and_every_step_is_in_the_file(world, goals):
    wb = workbook(_download(world, world.viewer, "xlsx").content)
    measurements, steps = wb.worksheets[1], wb.worksheets[2]
    assert measurements.max_row == 1 + 3
    years = [measurements.cell(row=r, column=6).value for r in range(2, 5)]
    assert years == [2025, 2026, 2026]
    assert steps.max_row == 1 + 12
    assert [steps.cell(row=r, column=1).value for r in range(2, 14)] == list(range(1, 13))
    texts = {c.value for ws in wb for row in ws.iter_rows() for c in row}
    assert {"SCB, RAMS", "Kolada"} <= texts  # the sources, on "Källor" too


def test_the_csv_is_the_goals_table_in_percent(world, goals):
    rows = csv_rows(_download(world, world.viewer, "csv").content)
    row = csv_record(rows, _("Goal"), "employment sv, Testby")
    assert row[f"{_('Baseline')} (%)"] == "55" and row[f"{_('Latest value')} (%)"] == "61"
    assert row[f"{_('Trajectory that year')} (%)"] == "60,5"
    assert row[f"{_('Share of the planned change met')} (%)"] == "54,545454545"
    assert row[_("Latest year")] == "2026"
    measurements = csv_rows(_download(world, world.viewer, "csv", table="measurements").content)
    assert len(measurements) == 1 + 3


def test_the_dashboard_links_to_its_downloads(world, goals):
    html = world.client(world.viewer).get(
        reverse("programmes:dashboard", args=[world.programme.pk])
    )
    for fmt in ("xlsx", "csv"):
        url = reverse("programmes:dashboard_export", args=[world.programme.pk, fmt])
        assert url in html.content.decode()
