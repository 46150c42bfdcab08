"""The common budget adds money, staff hours valued at each partner's hourly cost and in-kind
values, per year and per partner — checked by hand and shown in Swedish number format."""

from __future__ import annotations

import pytest
from django.urls import reverse
from hypothesis import given
from hypothesis import strategies as st

from grogrund.partnerships.calculations import YearAmounts, budget_table, value_sek
from grogrund.partnerships.selectors import partnership
from partnerships.builders_partnerships import make_commitment

NBSP = "\u00a0"


@pytest.fixture
def commitments(world):
    # A: 2024: 500 000 + 100 h × 500 + 50 000 = 600 000; 2025: 200 000 + 40 h × 500 = 220 000
    make_commitment(
        world.programme,
        world.a,
        {2024: (500_000, 100, 50_000), 2025: (200_000, 40, 0)},
        hourly_cost_sek=500,
    )
    # M: 2024: 300 000 + 10 h × 400 = 304 000; 2026: 0 + 0 + 25 000 = 25 000
    make_commitment(
        world.programme,
        world.m,
        {2024: (300_000, 10, 0), 2026: (0, 0, 25_000)},
        hourly_cost_sek=400,
    )


def test_budget_per_partner_and_year_is_checked_by_hand(world, commitments):
    part = partnership(world.a_editor, world.programme)
    budget = part.budget
    assert budget.years == [2024, 2025, 2026]
    assert budget.year_totals == {2024: 904_000, 2025: 220_000, 2026: 25_000}
    by_org = {r.organisation: r.totals for r in part.rows}
    assert by_org[world.a].total_sek == 820_000
    assert by_org[world.a].staff_hours == 140
    assert by_org[world.a].staff_value_sek == 70_000
    assert by_org[world.m].total_sek == 329_000
    assert by_org[world.c] is None  # C has not committed anything yet
    assert budget.money_sek == 1_000_000
    assert budget.staff_value_sek == 74_000
    assert budget.in_kind_sek == 75_000
    assert budget.total_sek == 1_149_000


def test_the_page_shows_the_totals_in_swedish_format(world, commitments):
    response = world.client(world.c_viewer).get(
        reverse("partnerships:detail", args=[world.programme.pk])
    )
    body = response.content.decode()
    assert response.status_code == 200
    assert f"1{NBSP}149{NBSP}000{NBSP}kr" in body  # the whole budget
    assert f"904{NBSP}000{NBSP}kr" in body  # 2024
    assert f"820{NBSP}000{NBSP}kr" in body  # A in all years
    assert "<svg" in body and "Företaget C" in body
    assert "0 av 3 partner har skrivit under" in body


def test_the_chart_has_one_bar_per_year_with_its_total(world, commitments):
    part = partnership(world.a_editor, world.programme)
    from grogrund.partnerships.charts import budget_chart

    svg = budget_chart(part.budget, {str(world.a.pk): "A", str(world.m.pk): "M"})
    assert svg.count("<rect") >= 4  # A 2024, A 2025, M 2024, M 2026 (+ legend)
    assert "2024: A 600" in svg.replace(NBSP, " ")


amounts = st.builds(
    YearAmounts,
    year=st.integers(2020, 2030),
    money_sek=st.integers(0, 10**8).map(float),
    staff_hours=st.integers(0, 10**5).map(float),
    in_kind_sek=st.integers(0, 10**7).map(float),
)


@given(
    partners=st.lists(
        st.tuples(st.integers(0, 2000).map(float), st.lists(amounts, max_size=6)),
        max_size=5,
    )
)
def test_the_budget_total_is_the_sum_by_year_and_the_sum_by_partner(partners):
    table = budget_table([(str(i), cost, a) for i, (cost, a) in enumerate(partners)])
    direct = sum(value_sek(x, cost) for cost, a in partners for x in a)
    assert sum(table.year_totals.values()) == pytest.approx(direct)
    assert sum(p.total_sek for p in table.partners) == pytest.approx(direct)
    assert table.total_sek == pytest.approx(direct)
