"""The buyer's members see their contracts whole; the supplier's members see their own
contracts without the buyer's internal note or history; a supplier never sees another
supplier's contract; members of organisations the buyer shared the contract with see its
clauses and what was verified, never the reports; everyone else gets nothing (404)."""

from __future__ import annotations

from datetime import date

from django.urls import reverse

from grogrund.accounts.models import Visibility
from grogrund.procurement.selectors import contracts_for
from procurement.builders_procurement import make_report

SECRET = "Hemlig anteckning om S"


def _page(world, user, name="procurement:detail", contract=None):
    contract = contract or world.contract
    return world.client(user).get(reverse(name, args=[contract.pk]))


def test_the_buyers_members_see_everything(world):
    html = _page(world, world.a_viewer).content.decode()
    assert SECRET in html and 'id="history"' in html


def test_the_supplier_sees_its_contract_without_the_internal_note(world):
    page = _page(world, world.s_viewer)
    html = page.content.decode()
    assert page.status_code == 200 and world.contract.name in html
    assert SECRET not in html and 'id="history"' not in html


def test_a_supplier_never_sees_another_suppliers_contract(world):
    assert _page(world, world.t_editor).status_code == 404
    assert _page(world, world.s_editor, contract=world.other_contract).status_code == 404
    assert set(contracts_for(world.s_editor)) == {world.contract}
    assert set(contracts_for(world.t_editor)) == {world.other_contract}


def test_sharing_with_the_network_never_reaches_a_supplier(world):
    world.other_contract.visibility = Visibility.NETWORK
    world.other_contract.save()
    world.s.in_network = True
    world.s.save()
    assert world.other_contract not in contracts_for(world.s_editor)


def test_the_network_sees_clauses_and_verified_delivery_but_no_reports(world):
    make_report(
        world.clause,
        date(2025, 1, 1),
        date(2025, 3, 31),
        persons=2,
        employment_months=5,
        comment="Rapporttext som bara parterna ser",
    )
    assert _page(world, world.c_viewer).status_code == 404  # private by default
    world.contract.visibility = Visibility.NETWORK
    world.contract.save()
    page = _page(world, world.c_viewer)
    html = page.content.decode()
    assert page.status_code == 200 and "Sysselsättningskrav" in html
    assert SECRET not in html and 'class="data periods"' not in html
    report = world.clause.reports.get()
    url = reverse("procurement:report", args=[world.contract.pk, report.pk])
    assert world.client(world.c_viewer).get(url).status_code == 404


def test_named_partners_see_it_when_shared_with_them(world):
    world.contract.visibility = Visibility.PARTNERS
    world.contract.save()
    world.contract.shared_with.set([world.b])
    assert _page(world, world.outsider).status_code == 200
    world.contract.visibility = Visibility.PRIVATE
    world.contract.save()
    assert _page(world, world.outsider).status_code == 404


def test_outsiders_and_anonymous_visitors_get_nothing(world):
    assert _page(world, world.outsider).status_code == 404
    assert _page(world, None).status_code == 302
    assert (
        world.contract.name
        not in world.client(world.outsider).get(reverse("procurement:list")).content.decode()
    )


def test_only_the_buyers_editors_change_the_contract(world):
    for user in (world.a_viewer, world.s_editor):
        assert _page(world, user, "procurement:edit").status_code == 404
        assert _page(world, user, "procurement:clause_create").status_code == 404
    assert _page(world, world.a_editor, "procurement:edit").status_code == 200


def test_only_the_suppliers_editors_report(world):
    url = reverse("procurement:report_create", args=[world.contract.pk, world.clause.pk])
    assert world.client(world.s_editor).get(url).status_code == 200
    for user in (world.s_viewer, world.a_editor, world.t_editor):
        assert world.client(user).get(url).status_code == 404
