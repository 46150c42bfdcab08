"""Members of the national network compare clauses across companies — what was asked and
what was delivered — for the contracts their buyers shared with the network, and only
those."""

from __future__ import annotations

from datetime import date

from django.urls import reverse

from builders import make_org
from grogrund.accounts.models import Visibility
from grogrund.procurement.selectors import network_comparison
from procurement.builders_procurement import make_clause, make_contract, make_report


def test_shared_contracts_of_several_companies_side_by_side(world):
    world.contract.visibility = Visibility.NETWORK
    world.contract.save()
    make_report(world.clause, date(2025, 1, 1), date(2025, 3, 31), persons=2, employment_months=6)
    other_supplier = make_org("Bygg U", kind="supplier")
    theirs = make_contract(
        world.c, other_supplier, name="Fönsterbyte C", visibility=Visibility.NETWORK
    )
    make_clause(theirs, target=12)
    private = make_contract(world.c, other_supplier, name="Privat avtal C")
    make_clause(private, target=99)

    rows = network_comparison(world.c_viewer, as_of=date(2025, 6, 30))
    names = sorted(r.contract.name for r in rows)
    assert names == ["Fönsterbyte C", world.contract.name]
    ours = next(r for r in rows if r.contract == world.contract)
    assert (ours.row.clause.target, ours.row.delivered) == (24, 6.0)

    html = world.client(world.c_viewer).get(reverse("procurement:compare")).content.decode()
    assert "Fönsterbyte C" in html and "Privat avtal C" not in html


def test_those_outside_the_network_see_no_comparison(world):
    world.contract.visibility = Visibility.NETWORK
    world.contract.save()
    assert network_comparison(world.outsider) == []
    assert network_comparison(world.s_editor) == []
    page = world.client(world.outsider).get(reverse("procurement:compare"))
    assert page.status_code == 200 and 'id="not-in-network"' in page.content.decode()
