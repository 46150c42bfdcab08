"""Providers, evaluators, investors and payers see only their contracts and the parts their
role needs; the provider reports but does not verify, the evaluator verifies but does not
report; anyone else — another provider included — finds nothing (404)."""

from __future__ import annotations

from datetime import date

import pytest

from grogrund.outcome_contracts import selectors, services
from grogrund.outcome_contracts.evidence import check_file
from grogrund.outcome_contracts.models import Evidence
from outcome_contracts.contract_builders import add_metric, fresh, make_contract


@pytest.fixture
def ledger(world):
    c = make_contract(world, cap_total_sek=5_000_000, payer_caps=(3_000_000, 1_000_000))
    m = add_metric(c, "Hemligt mått", baseline=20, price=50_000)
    report = services.report_outcome(
        user=world.s_editor, contract=fresh(c), metric=m, period=1, value=30
    )
    services.verify_outcome(
        user=world.e_editor,
        report=report,
        comment="Stämmer",
        files=[check_file("underlag.csv", b"period;antal\r\n1;30\r\n")],
    )
    services.record_investment(
        user=world.i_editor, contract=fresh(c), day=date(2021, 1, 1), amount_sek=400_000
    )
    # Due for period 1: 10 × 50 000 = 500 000; M 300 000, R 200 000.
    services.record_payment(
        user=world.r_editor,
        contract=fresh(c),
        payer=world.r,
        period=1,
        amount_sek=200_000,
        paid_on=date(2022, 3, 1),
    )
    return c


def _page(world, user, path):
    return world.client(user).get(path)


def test_outsiders_and_other_providers_find_nothing(world, ledger):
    for user in (world.o_editor, world.x_editor):
        assert not selectors.contracts_for(user).exists()
        for path in ("", "period/1/", "rapport/1/verifiera/", "vardera/", "indigo.json"):
            response = _page(world, user, f"/utfallskontrakt/{ledger.pk}/{path}")
            assert response.status_code == 404, path
        listing = _page(world, user, "/utfallskontrakt/").content.decode()
        assert "Utfallskontrakt Testby" not in listing
    assert world.client(None).get(f"/utfallskontrakt/{ledger.pk}/").status_code == 302


def test_every_party_finds_the_contract(world, ledger):
    for user in (world.m_viewer, world.r_editor, world.i_editor, world.s_editor, world.e_editor):
        assert selectors.contracts_for(user).filter(pk=ledger.pk).exists()
        assert _page(world, user, f"/utfallskontrakt/{ledger.pk}/").status_code == 200


def test_the_provider_and_the_evaluator_see_outcomes_but_no_money(world, ledger):
    for user in (world.s_editor, world.e_editor):
        st = selectors.standing(user, fresh(ledger))
        assert not st.sees_payments and not st.sees_investor and st.sees_evidence
        body = _page(world, user, f"/utfallskontrakt/{ledger.pk}/period/1/").content.decode()
        assert "Hemligt mått" in body
        assert 'id="period-payments"' not in body
        assert "500\xa0000" not in body
        detail = _page(world, user, f"/utfallskontrakt/{ledger.pk}/").content.decode()
        assert 'id="investor"' not in detail and 'id="caps"' not in detail
        assert _page(world, user, f"/utfallskontrakt/{ledger.pk}/vardera/").status_code == 403
        assert _page(world, user, f"/utfallskontrakt/{ledger.pk}/investeringar/").status_code == 403


def test_a_payer_sees_its_own_payments_and_cap_not_the_other_payers(world, ledger):
    st = selectors.standing(world.r_editor, fresh(ledger))
    assert st.sees_payments and st.sees_payments_of(world.r.pk)
    assert not st.sees_payments_of(world.m.pk) and not st.sees_investor
    body = _page(world, world.r_editor, f"/utfallskontrakt/{ledger.pk}/").content.decode()
    assert "Regionen R" in body
    # R's cap (1 000 000) less its 200 000 due is shown; M's cap (3 000 000) is not.
    assert "800\xa0000" in body
    assert "2\xa0700\xa0000" not in body
    assert 'id="investor"' not in body
    period = _page(world, world.r_editor, f"/utfallskontrakt/{ledger.pk}/period/1/")
    assert "Kommunen M" not in period.content.decode().split('id="period-payments"')[1]
    # History: R's own payment, not the parties' entries with their caps.
    history = selectors.history(fresh(ledger), st)
    assert {h.object_type for h in history} >= {"payment", "outcomereport"}
    assert "contractparty" not in {h.object_type for h in history}


def test_the_investor_sees_its_returns(world, ledger):
    st = selectors.standing(world.i_editor, fresh(ledger))
    assert st.sees_investor and st.sees_payments and not st.sees_evidence
    body = _page(world, world.i_editor, f"/utfallskontrakt/{ledger.pk}/").content.decode()
    assert 'id="investor"' in body
    assert _page(world, world.i_editor, f"/utfallskontrakt/{ledger.pk}/vardera/").status_code == 200
    # The investor does not see the evidence files; the evaluator and the commissioner do.
    evidence = Evidence.objects.get()
    url = f"/utfallskontrakt/{ledger.pk}/bevis/{evidence.pk}/"
    assert _page(world, world.i_editor, url).status_code == 404
    assert _page(world, world.r_editor, url).status_code == 404
    for user in (world.e_editor, world.s_editor, world.m_viewer):
        response = _page(world, user, url)
        assert response.status_code == 200
        assert response.content == b"period;antal\r\n1;30\r\n"


def test_the_provider_reports_but_does_not_verify(world, ledger):
    report = fresh(ledger).reports.get()
    url = f"/utfallskontrakt/{ledger.pk}/rapport/{report.pk}/verifiera/"
    response = world.client(world.s_editor).post(url, {"decision": "verify", "comment": "ok"})
    assert response.status_code == 403
    assert (
        _page(
            world, world.s_editor, f"/utfallskontrakt/{ledger.pk}/period/2/rapportera/"
        ).status_code
        == 200
    )


def test_the_evaluator_verifies_but_does_not_report(world, ledger):
    metric = fresh(ledger).metrics.get()
    url = f"/utfallskontrakt/{ledger.pk}/period/2/rapportera/"
    response = world.client(world.e_editor).post(url, {f"value_{metric.pk}": "40"})
    assert response.status_code == 403
    assert fresh(ledger).reports.count() == 1


def test_only_the_commissioners_editors_change_the_terms(world, ledger):
    for user in (world.m_viewer, world.r_editor, world.i_editor, world.s_editor, world.e_editor):
        for path in ("andra/", "parter/", "utfall/nytt/"):
            assert _page(world, user, f"/utfallskontrakt/{ledger.pk}/{path}").status_code == 403
    assert _page(world, world.m_editor, f"/utfallskontrakt/{ledger.pk}/andra/").status_code == 200


def test_only_the_commissioner_exports_to_indigo(world, ledger):
    for user in (world.r_editor, world.i_editor, world.s_editor, world.e_editor):
        assert _page(world, user, f"/utfallskontrakt/{ledger.pk}/indigo.json").status_code == 403
    assert (
        _page(world, world.m_viewer, f"/utfallskontrakt/{ledger.pk}/indigo.json").status_code == 200
    )
