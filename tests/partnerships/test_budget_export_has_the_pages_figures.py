"""The handslag budget's export holds the figures the partnership page shows (one source of
figures: partnerships.selectors.partnership): each partner's commitment, the common budget per
partner and year, and each partner's amounts per year; staff time's value, the totals and the
sums are formulas that recalculate to the page's numbers.

Worked example (tests/partnerships/test_budget_totals.py): A commits 500 000 + 100 h × 500 +
50 000 = 600 000 kr in 2024 and 200 000 + 40 h × 500 = 220 000 kr in 2025 (820 000 kr); M
300 000 + 10 h × 400 = 304 000 kr in 2024 and 25 000 kr in kind in 2026 (329 000 kr); the
budget is 1 149 000 kr: 904 000 in 2024, 220 000 in 2025, 25 000 in 2026."""

from __future__ import annotations

import pytest
from django.urls import reverse
from django.utils.translation import gettext as _

from export_files import csv_record, csv_rows, page_text, recalculated, row_where, shown, workbook
from partnerships.builders_partnerships import make_commitment


@pytest.fixture
def commitments(world):
    make_commitment(
        world.programme,
        world.a,
        {2024: (500_000, 100, 50_000), 2025: (200_000, 40, 0)},
        hourly_cost_sek=500,
    )
    make_commitment(
        world.programme,
        world.m,
        {2024: (300_000, 10, 0), 2026: (0, 0, 25_000)},
        hourly_cost_sek=400,
    )


def _download(world, fmt, user=None, **params):
    url = reverse("partnerships:budget_export", args=[world.programme.pk, fmt])
    return world.client(user or world.c_viewer).get(url, params)


def test_the_commitments_sheet_shows_the_pages_figures(world, commitments):
    page = world.client(world.c_viewer).get(
        reverse("partnerships:detail", args=[world.programme.pk])
    )
    body = page_text(page.content.decode())
    content = _download(world, "xlsx").content
    ws, cached = workbook(content).worksheets[0], workbook(content, values=True).worksheets[0]

    def show(cell):
        return shown(cell, cached[cell.coordinate].value)

    a = row_where(ws, _("Partner"), "Bostadsbolaget A")
    assert shown(a[_("Money")]) == "700 000 kr"
    assert a[_("Staff hours")].value == 140
    assert show(a[_("Staff time, value")]) == "70 000 kr"
    assert show(a[_("Total")]) == "820 000 kr"
    assert a[_("Staff time, value")].value.startswith("=")
    m = row_where(ws, _("Partner"), "Kommunen M")
    assert show(m[_("Total")]) == "329 000 kr"
    c = row_where(ws, _("Partner"), "Företaget C")
    assert c[_("Total")].value is None and c[_("Note")].value
    total = row_where(ws, _("Partner"), _("Total"))
    assert show(total[_("Total")]) == "1 149 000 kr"
    for figure in ("820 000 kr", "329 000 kr", "1 149 000 kr", "70 000 kr"):
        assert figure in body


def test_the_year_sheet_is_the_pages_budget_per_year(world, commitments):
    content = _download(world, "xlsx").content
    ws, cached = workbook(content).worksheets[1], workbook(content, values=True).worksheets[1]
    assert [c.value for c in ws[1]] == [_("Partner"), "2024", "2025", "2026", _("Total")]
    a = row_where(ws, _("Partner"), "Bostadsbolaget A")
    assert [shown(a[str(y)]) for y in (2024, 2025, 2026)] == ["600 000 kr", "220 000 kr", "0 kr"]
    assert a[_("Total")].value == "=SUM(B2:D2)"
    total = row_where(ws, _("Partner"), _("Total"))
    assert total["2024"].value == "=SUM(B2:B3)"
    assert [cached[total[str(y)].coordinate].value for y in (2024, 2025, 2026)] == [
        904_000,
        220_000,
        25_000,
    ]


@pytest.mark.libreoffice
def test_libreoffice_recalculates_to_the_pages_numbers(world, commitments, tmp_path):
    wb = recalculated(_download(world, "xlsx").content, tmp_path)
    partners, years, per_year = wb.worksheets[:3]
    columns = {c.value: c.column for c in partners[1]}
    rows = {partners.cell(r, 1).value: r for r in range(2, partners.max_row + 1)}
    total = columns[_("Total")]
    assert partners.cell(rows["Bostadsbolaget A"], total).value == 820_000
    assert partners.cell(rows[_("Total")], total).value == 1_149_000
    assert partners.cell(rows[_("Total")], columns[_("Staff time, value")]).value == 74_000
    assert [years.cell(years.max_row, c).value for c in range(2, 6)] == [
        904_000,
        220_000,
        25_000,
        1_149_000,
    ]
    columns = {c.value: c.column for c in per_year[1]}
    a_2024 = next(
        r
        for r in range(2, per_year.max_row + 1)
        if per_year.cell(r, 1).value == "Bostadsbolaget A" and per_year.cell(r, 2).value == 2024
    )
    assert per_year.cell(a_2024, columns[_("Total")]).value == 600_000


def test_the_csv_has_the_commitments_and_the_years_on_request(world, commitments):
    rows = csv_rows(_download(world, "csv").content)
    a = csv_record(rows, _("Partner"), "Bostadsbolaget A")
    assert a[f"{_('Total')} (kr)"] == "820000" and a[_("Staff hours")] == "140"
    assert rows[-1][0] == _("Total")
    years = csv_rows(_download(world, "csv", table="years").content)
    assert years[0] == [_("Partner"), "2024 (kr)", "2025 (kr)", "2026 (kr)", f"{_('Total')} (kr)"]
    assert years[-1] == [_("Total"), "904000", "220000", "25000", "1149000"]


def test_outsiders_get_no_file(world, commitments):
    for user in (world.outsider,):
        response = _download(world, "csv", user=user)
        assert response.status_code == 404
    anonymous = world.client(None).get(
        reverse("partnerships:budget_export", args=[world.programme.pk, "csv"])
    )
    assert anonymous.status_code == 404
