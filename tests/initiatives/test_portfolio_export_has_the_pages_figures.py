"""The portfolio review's export holds the figures the portfolio page shows (one source of
figures: initiatives.selectors.portfolio), with an outcome's change, percent met, trajectory,
pace and cost per unit, and an initiative's cost per percent of the target, as formulas that
recalculate to the page's numbers. Text that looks like a formula stays text.

Worked example (tests/initiatives/test_portfolio_page.py): Jobbspår, 4 800 000 kr; employment
55 % (2022) → 62 % (2030), 59,5 % in 2025: +4,5 of +7 points = 64,29 % met; the trajectory asks
for 57,625 %, pace 4,5 / 2,625 = 171 %; 4 800 000 / 64,29 = 74 667 kr per percent and
4 800 000 / 4,5 = 1 066 667 kr per point. Trygghet, 1 000 000 kr; unemployment 17 % → 12 %
(2027), 16,5 % in 2025: 10 % met, pace 0,5 / 3 = 17 %; 100 000 kr per percent, 2 000 000 kr per
point. The median of 74 667 and 100 000 is 87 333 kr."""

from __future__ import annotations

import pytest
from django.urls import reverse
from django.utils.translation import gettext as _

from export_files import csv_record, csv_rows, recalculated, row_where, shown, workbook
from initiatives.builders_initiatives import make_initiative, make_outcome, measure


@pytest.fixture
def portfolio(world):
    jobs = make_initiative(world.programme, name="Jobbspår", budget=4_800_000)
    measure(make_outcome(jobs, world.employment, goal=world.goal), 2025, 0.595)
    other = make_initiative(world.programme, name="Trygghet", budget=1_000_000)
    safety = make_outcome(
        other,
        world.unemployment,
        text="=Färre arbetslösa",
        baseline=0.17,
        target=0.12,
        target_year=2027,
    )
    measure(safety, 2025, 0.165)
    return jobs, other


def _download(world, fmt, **params):
    url = reverse("initiatives:portfolio_export", args=[world.programme.pk, fmt])
    return world.client(world.partner_viewer).get(url, params)


def test_the_initiatives_sheet_shows_the_pages_figures(world, portfolio):
    page = world.client(world.partner_viewer).get(
        reverse("initiatives:portfolio", args=[world.programme.pk])
    )
    items = {item["initiative"].name: item for item in page.context["items"]}
    content = _download(world, "xlsx").content
    ws, cached = workbook(content).worksheets[0], workbook(content, values=True).worksheets[0]
    jobs = row_where(ws, _("Initiative"), "Jobbspår")
    assert jobs[_("Suggestion")].value == items["Jobbspår"]["suggestion"]
    assert shown(jobs[_("Cost")]) == "4 800 000 kr"
    assert shown(jobs[_("Achieved of the target")]) == "64 %"
    assert shown(jobs[_("Pace against the trajectory")]) == "171 %"
    cost = jobs[_("Cost per percent of the target")]
    assert cost.value.startswith("=")
    assert shown(cost, cached[cost.coordinate].value) == "74 667 kr"
    other = row_where(ws, _("Initiative"), "Trygghet")
    assert other[_("Suggestion")].value == items["Trygghet"]["suggestion"]
    assert shown(other[_("Achieved of the target")]) == "10 %"
    assert shown(other[_("Pace against the trajectory")]) == "17 %"
    assert " ".join(items["Trygghet"]["reasons"]) == other[_("Reasons")].value
    median = row_where(ws, _("Initiative"), _("The programme's median"))
    assert shown(median[_("Cost per percent of the target")]) == "87 333 kr"
    assert median[_("Cost per percent of the target")].font.bold


def test_the_outcomes_sheet_shows_each_outcome_in_its_unit(world, portfolio):
    content = _download(world, "xlsx").content
    ws, cached = workbook(content).worksheets[1], workbook(content, values=True).worksheets[1]
    jobs = row_where(ws, _("Initiative"), "Jobbspår")

    def show(cell):
        return shown(cell, cached[cell.coordinate].value)

    assert shown(jobs[_("Baseline")]) == "55,0 %" and shown(jobs[_("Latest value")]) == "59,5 %"
    assert show(jobs[_("Change")]) == "+4,5 p.e."
    assert show(jobs[_("Planned change")]) == "+7,0 p.e."
    assert show(jobs[_("Achieved of the target")]) == "64 %"
    assert show(jobs[_("Trajectory that year")]) == "57,6 %"
    assert show(jobs[_("Pace against the trajectory")]) == "171 %"
    assert show(jobs[_("Cost per unit of change")]).startswith("1 066 667 kr")
    safety = row_where(ws, _("Initiative"), "Trygghet")
    assert safety[_("Outcome")].value == "=Färre arbetslösa"
    assert safety[_("Outcome")].data_type == "s"  # text, never a formula
    assert show(safety[_("Change")]) == "-0,5 p.e."
    assert show(safety[_("Cost per unit of change")]).startswith("2 000 000 kr")


@pytest.mark.libreoffice
def test_libreoffice_recalculates_to_the_pages_numbers(world, portfolio, tmp_path):
    wb = recalculated(_download(world, "xlsx").content, tmp_path)
    initiatives, outcomes = wb.worksheets[0], wb.worksheets[1]

    def cells(ws, name):
        columns = {c.value: c.column for c in ws[1]}
        row = next(r for r in range(2, ws.max_row + 1) if ws.cell(r, 1).value == name)
        return {h: ws.cell(row, c).value for h, c in columns.items()}

    jobs = cells(initiatives, "Jobbspår")
    assert jobs[_("Cost per percent of the target")] == pytest.approx(4_800_000 / (450 / 7))
    jobs = cells(outcomes, "Jobbspår")
    assert jobs[_("Change")] == pytest.approx(4.5)
    assert jobs[_("Achieved of the target")] == pytest.approx(4.5 / 7)
    assert jobs[_("Trajectory that year")] == pytest.approx(0.57625)
    assert jobs[_("Pace against the trajectory")] == pytest.approx(4.5 / 2.625)
    assert jobs[_("Cost per unit of change")] == pytest.approx(4_800_000 / 4.5)
    safety = cells(outcomes, "Trygghet")
    assert safety[_("Achieved of the target")] == pytest.approx(0.1)
    assert safety[_("Cost per unit of change")] == pytest.approx(2_000_000)


def test_the_csv_is_the_initiatives_table(world, portfolio):
    rows = csv_rows(_download(world, "csv").content)
    jobs = csv_record(rows, _("Initiative"), "Jobbspår")
    assert jobs[f"{_('Cost')} (kr)"] == "4800000"
    assert jobs[f"{_('Cost per percent of the target')} (kr)"].startswith("74666,66")
    assert rows[-1][0] == _("The programme's median")
    outcomes = csv_rows(_download(world, "csv", table="outcomes").content)
    safety = csv_record(outcomes, _("Initiative"), "Trygghet")
    assert safety[_("Outcome")] == "'=Färre arbetslösa"


def test_outsiders_get_no_file(world, portfolio):
    for user in (None, world.outsider):
        url = reverse("initiatives:portfolio_export", args=[world.programme.pk, "xlsx"])
        assert world.client(user).get(url).status_code == 404


def test_the_page_links_to_its_downloads(world, portfolio):
    html = world.client(world.editor).get(
        reverse("initiatives:portfolio", args=[world.programme.pk])
    )
    assert reverse("initiatives:portfolio_export", args=[world.programme.pk, "csv"]) in (
        html.content.decode()
    )
