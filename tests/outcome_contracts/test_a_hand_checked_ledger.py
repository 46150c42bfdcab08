"""A hand-checked ledger: two payers, a cap on one outcome and a cap in total, three periods,
and one late verification.

Contract: cohort 100, yearly periods 2021, 2022, 2023; payers M 60 % and R 40 %;
cap in total 2 050 000 kr.
- A "In work" (more is better): baseline 20 people, 50 000 kr per person, cap 1 500 000 kr.
- B "On assistance" (fewer is better): baseline 60 households, 20 000 kr each, no cap.

Reported (and verified as reported):   period 1   period 2   period 3
    A                                     30         40         45
    B                                     55         50         45

The evaluator verifies periods 2 and 3 first and period 1 last (late). The caps are used in
the order of verification:

    step  outcome  gain  price × gain   held by          due         M 60 %     R 40 %
    1     P2 A     20    1 000 000      –                1 000 000   600 000    400 000
    2     P2 B     10      200 000      –                  200 000   120 000     80 000
    3     P3 A     25    1 250 000      A's cap left     500 000   300 000    200 000
                                        (1 500 000 − 1 000 000)
    4     P3 B     15      300 000      –                  300 000   180 000    120 000
          (total so far 2 000 000: 50 000 left of the cap in total)
    5     P1 A     10      500 000      A's cap: 0 left          0         0          0
    6     P1 B      5      100 000      total cap left    50 000    30 000     20 000

Due by period: P1 50 000, P2 1 200 000, P3 800 000; in total 2 050 000 = the cap, 0 left.
Had period 1 been verified on time, the same 2 050 000 would have been due, but earlier: P1
600 000 (500 000 + 100 000), P2 1 200 000, P3 250 000 (A's cap used up, B's 300 000 held to
the 250 000 left of the cap in total). The late verification moved 550 000 from period 1 to
period 3: the payers pay as much, the investor receives it later.
"""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest

from grogrund.outcome_contracts import selectors, services
from outcome_contracts.contract_builders import add_metric, fresh, make_contract


def _at(month: int, day: int) -> datetime:
    return datetime(2024, month, day, 12, 0, tzinfo=UTC)


@pytest.fixture
def ledger_world(world):
    contract = make_contract(world, cap_total_sek=2_050_000)
    a = add_metric(contract, "In work", baseline=20, price=50_000, cap=1_500_000)
    b = add_metric(
        contract, "On assistance", baseline=60, price=20_000, direction="lower_is_better"
    )
    reports = {}
    for period, (value_a, value_b) in {1: (30, 55), 2: (40, 50), 3: (45, 45)}.items():
        for metric, value in ((a, value_a), (b, value_b)):
            reports[(metric.name, period)] = services.report_outcome(
                user=world.s_editor,
                contract=fresh(contract),
                metric=metric,
                period=period,
                value=value,
                at=_at(1, 10),
            )
    # Periods 2 and 3 in February, period 1 late, in May.
    order = [("In work", 2), ("On assistance", 2), ("In work", 3), ("On assistance", 3)]
    for n, key in enumerate(order):
        services.verify_outcome(
            user=world.e_editor, report=reports[key], comment="Checked", at=_at(2, 1 + n)
        )
    for n, key in enumerate([("In work", 1), ("On assistance", 1)]):
        services.verify_outcome(
            user=world.e_editor, report=reports[key], comment="Late", at=_at(5, 1 + n)
        )
    return world, contract, a, b


def test_the_amounts_due_follow_the_caps_in_the_order_of_verification(ledger_world):
    w, contract, _a, _b = ledger_world
    ledger = selectors.contract_ledger(fresh(contract))
    p1, p2, p3 = ledger.periods
    # P1: A held to 0 by its cap, B held to 50 000 by the cap in total (steps 5 and 6).
    assert [c.due_sek for c in p1.cells] == [0.0, 50_000.0]
    assert [c.raw_sek for c in p1.cells] == [500_000.0, 100_000.0]
    assert p1.cells[0].limited_by == ("metric",)
    assert p1.cells[1].limited_by == ("total",)
    # P2: 1 000 000 + 200 000, nothing held (steps 1 and 2).
    assert [c.due_sek for c in p2.cells] == [1_000_000.0, 200_000.0]
    # P3: A held to what its cap had left, 500 000; B 300 000 (steps 3 and 4).
    assert [c.due_sek for c in p3.cells] == [500_000.0, 300_000.0]
    assert p3.cells[0].limited_by == ("metric",)
    # Per payer, 60 % and 40 % of each period's due.
    assert p1.due_by_payer == {w.m.pk: 30_000.0, w.r.pk: 20_000.0}
    assert p2.due_by_payer == {w.m.pk: 720_000.0, w.r.pk: 480_000.0}
    assert p3.due_by_payer == {w.m.pk: 480_000.0, w.r.pk: 320_000.0}
    # 50 000 + 1 200 000 + 800 000 = 2 050 000, the cap in total.
    assert ledger.total_due_sek == 2_050_000.0
    assert ledger.payer_due_sek(w.m.pk) == 1_230_000.0  # 30 000 + 720 000 + 480 000
    assert ledger.payer_due_sek(w.r.pk) == 820_000.0  # 20 000 + 480 000 + 320 000


def test_the_remaining_caps(ledger_world):
    _w, contract, a, b = ledger_world
    ledger = selectors.contract_ledger(fresh(contract))
    assert ledger.total_left_sek == 0.0  # 2 050 000 − 2 050 000
    assert ledger.metric_left_sek(a) == 0.0  # 1 500 000 − (1 000 000 + 500 000 + 0)
    assert ledger.metric_left_sek(b) is None  # no cap
    assert ledger.metric_paid_sek(b) == 550_000.0  # 200 000 + 300 000 + 50 000


def test_before_the_late_verification_50_000_were_left_of_the_cap(world):
    contract = make_contract(world, cap_total_sek=2_050_000)
    a = add_metric(contract, "In work", baseline=20, price=50_000, cap=1_500_000)
    report = services.report_outcome(
        user=world.s_editor, contract=fresh(contract), metric=a, period=2, value=40
    )
    services.verify_outcome(user=world.e_editor, report=report, comment="ok")
    ledger = selectors.contract_ledger(fresh(contract))
    # 2 050 000 − 1 000 000 in total; 1 500 000 − 1 000 000 of A's cap.
    assert ledger.total_left_sek == 1_050_000.0
    assert ledger.metric_left_sek(a) == 500_000.0


def test_the_investors_irr_and_money_multiple(ledger_world):
    """The investor pays in 1 504 000 kr on 2 March 2023 and receives the payments after
    their verification (February and May 2024): period 2's 1 200 000 (M 720 000,
    R 480 000) on 1 March 2024, 365 days later, and periods 3 and 1 together, 850 000
    (M 480 000 + 30 000, R 320 000 + 20 000), on 1 March 2025, 365 days after that.

        NPV at 25 %: 1 200 000 / 1,25 + 850 000 / 1,25² = 960 000 + 544 000 = 1 504 000

    so the IRR is 25 %; the money multiple is 2 050 000 / 1 504 000 = 1,3630.
    """
    w, contract, _a, _b = ledger_world
    services.record_investment(
        user=w.i_editor, contract=contract, day=date(2023, 3, 2), amount_sek=1_504_000
    )
    for user, payer, period, amount, day in (
        (w.m_editor, w.m, 2, 720_000, date(2024, 3, 1)),
        (w.r_editor, w.r, 2, 480_000, date(2024, 3, 1)),
        (w.m_editor, w.m, 3, 480_000, date(2025, 3, 1)),
        (w.r_editor, w.r, 3, 320_000, date(2025, 3, 1)),
        (w.m_editor, w.m, 1, 30_000, date(2025, 3, 1)),
        (w.r_editor, w.r, 1, 20_000, date(2025, 3, 1)),
    ):
        services.record_payment(
            user=user, contract=contract, payer=payer, period=period, amount_sek=amount, paid_on=day
        )
    ledger = selectors.contract_ledger(fresh(contract))
    investor = ledger.investor
    assert investor is not None
    assert investor.paid_in_sek == 1_504_000.0
    assert investor.received_sek == 2_050_000.0
    assert investor.irr_to_date == pytest.approx(0.25, abs=1e-9)
    assert investor.multiple_to_date == pytest.approx(2_050_000 / 1_504_000)
    assert round(investor.multiple_to_date, 4) == 1.3630
    # Everything is verified and paid: the projection to the end of the term is the same.
    assert investor.irr_projected == pytest.approx(0.25, abs=1e-9)
    assert all(p.payment_state == "paid" for p in ledger.periods)


def test_a_payment_beyond_what_is_due_is_refused(ledger_world):
    """R owes 480 000 for period 2 (40 % of 1 200 000): 480 001 is one krona too much."""
    w, contract, _a, _b = ledger_world
    with pytest.raises(services.ContractError, match="480"):
        services.record_payment(
            user=w.r_editor,
            contract=contract,
            payer=w.r,
            period=2,
            amount_sek=480_001,
            paid_on=date(2023, 1, 1),
        )
    services.record_payment(
        user=w.r_editor,
        contract=contract,
        payer=w.r,
        period=2,
        amount_sek=400_000,
        paid_on=date(2023, 1, 1),
    )
    # 80 000 is left of R's 480 000: 80 000,01 is refused, 80 000 is taken.
    with pytest.raises(services.ContractError):
        services.record_payment(
            user=w.r_editor,
            contract=contract,
            payer=w.r,
            period=2,
            amount_sek=80_000.01,
            paid_on=date(2023, 1, 2),
        )
    services.record_payment(
        user=w.r_editor,
        contract=contract,
        payer=w.r,
        period=2,
        amount_sek=80_000,
        paid_on=date(2023, 1, 2),
    )
    # Period 1 of A is due 0 for both: any payment for it beyond B's 20 000 is refused.
    with pytest.raises(services.ContractError):
        services.record_payment(
            user=w.r_editor,
            contract=contract,
            payer=w.r,
            period=1,
            amount_sek=20_000.01,
            paid_on=date(2024, 1, 1),
        )


def test_the_projection_to_the_end_of_the_term(world):
    """The investor's view before the term ends (today 15 January 2023), one metric A
    (baseline 20, 50 000 kr a person, expected 30 a period), payers M 60 % and R 40 %, 30 days
    to pay after verification:

    - period 1 reported 30 and verified 31 January 2022: 10 × 50 000 = 500 000 due on
      2 March 2022 (31 January + 30 days); M paid its 300 000 that day, R's 200 000 is
      outstanding, so it is counted from today, 15 January 2023;
    - period 2 reported 40, awaiting verification: counted as reported, 20 × 50 000 =
      1 000 000, payable 30 days after the period ends: 30 January 2023;
    - period 3 not reported: counted at the expected 30, 10 × 50 000 = 500 000, payable
      30 January 2024 (31 December 2023 + 30 days).

    Paid in 1 000 000 on 2 March 2021. To date: 300 000 back, multiple 0,3. Projected:
    300 000 + 200 000 + 1 000 000 + 500 000 = 2 000 000 back, multiple 2,0, and the IRR is
    the rate at which the flows' present value is 0 (checked below with their day counts).
    """
    from grogrund.engine.outcome_ledger import xirr

    contract = make_contract(world, start=date(2021, 1, 1), periods=3)
    a = add_metric(contract, "In work", baseline=20, price=50_000, expected=30)
    first = services.report_outcome(
        user=world.s_editor,
        contract=fresh(contract),
        metric=a,
        period=1,
        value=30,
        at=datetime(2022, 1, 20, 12, tzinfo=UTC),
    )
    services.verify_outcome(
        user=world.e_editor,
        report=first,
        comment="ok",
        at=datetime(2022, 1, 31, 12, tzinfo=UTC),
    )
    services.report_outcome(
        user=world.s_editor,
        contract=fresh(contract),
        metric=a,
        period=2,
        value=40,
        at=datetime(2023, 1, 10, 12, tzinfo=UTC),
    )
    services.record_investment(
        user=world.i_editor, contract=contract, day=date(2021, 3, 2), amount_sek=1_000_000
    )
    services.record_payment(
        user=world.m_editor,
        contract=contract,
        payer=world.m,
        period=1,
        amount_sek=300_000,
        paid_on=date(2022, 3, 2),
    )
    investor = selectors.contract_ledger(fresh(contract), today=date(2023, 1, 15)).investor
    assert investor is not None
    expected = [
        (date(2021, 3, 2), -1_000_000.0, "investment"),
        (date(2022, 3, 2), 300_000.0, "payment"),
        (date(2023, 1, 15), 200_000.0, "due"),  # R's part of period 1, outstanding
        (date(2023, 1, 30), 1_000_000.0, "projected"),  # period 2 as reported
        (date(2024, 1, 30), 500_000.0, "projected"),  # period 3 as expected
    ]
    assert [(f.day, f.amount_sek, f.what) for f in investor.flows_projected] == expected
    assert investor.multiple_to_date == pytest.approx(0.3)  # 300 000 / 1 000 000
    assert investor.multiple_projected == pytest.approx(2.0)  # 2 000 000 / 1 000 000
    # Days from 2 March 2021: 365, 684, 699, 1 064.
    rate = investor.irr_projected
    assert rate == pytest.approx(xirr([(d, v) for d, v, _ in expected]))
    npv = sum(v / (1 + rate) ** ((d - date(2021, 3, 2)).days / 365) for d, v, _ in expected)
    assert abs(npv) < 1.0  # kronor
    # By hand at 42,43 %: 300 000 / 1,4243 + 200 000 / 1,4243^1,874 + 1 000 000 / 1,4243^1,915
    # + 500 000 / 1,4243^2,915 = 210 630 + 103 040 + 507 870 + 178 250 ≈ 1 000 000 paid in.
    assert rate == pytest.approx(0.4243, abs=5e-4)
