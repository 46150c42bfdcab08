"""The demo has Grobo Bostäder's renovation contract with a fictional supplier whose user
Sara reports: the employment requirement is half delivered (12 of 24 months verified), one
quarter waits for verification; building it again changes nothing. (The demo's own
organisations and users, made here as grogrund.areas.demo.build makes them, so the test
does not depend on the rest of the demo.)"""

from __future__ import annotations

from datetime import date

import pytest

from builders import make_area, make_org, make_user
from grogrund.accounts.models import HistoryEntry, Role
from grogrund.procurement import demo
from grogrund.procurement.models import Contract, DeliveryReport
from grogrund.procurement.selectors import clause_rows, with_clauses
from programmes.programme_builders import make_programme


@pytest.fixture
def demo_world(db):
    buyer = make_org("Grobo Bostäder AB (fiktivt)", in_network=True)
    buyer.slug = "grobo-bostader"
    buyer.save()
    supplier = make_org("Norrbacka Bygg & Stam AB (fiktivt)", kind="supplier")
    supplier.slug = "norrbacka-bygg"
    supplier.save()
    make_user(buyer, Role.ADMIN, username="anna")
    make_user(buyer, Role.EDITOR, username="edvin")
    make_user(supplier, Role.EDITOR, username="sara")
    area = make_area("9901A0001", name="Norrbacka")
    return make_programme(buyer, [area], name="Handslag Norrbacka (fiktivt)")


def test_the_demo_contract_and_that_building_it_again_changes_nothing(demo_world):
    demo.build(demo_world)
    contract = with_clauses(Contract.objects.filter(name=demo.CONTRACT)).get()
    assert contract.owner.slug == "grobo-bostader" and contract.supplier.kind == "supplier"
    assert contract.programme == demo_world
    rows = {r.clause.template.code: r for r in clause_rows(contract, as_of=date(2026, 7, 1))}
    employment = rows["sysselsattning-heltidsmanader"]
    assert (employment.clause.target, employment.delivered) == (24, 12.0)
    assert employment.awaiting == 1
    assert rows["praktik-trainee"].delivered == 3.0
    counts = (DeliveryReport.objects.count(), HistoryEntry.objects.count())
    demo.build(demo_world)
    assert (DeliveryReport.objects.count(), HistoryEntry.objects.count()) == counts


def test_the_demo_is_hooked_into_load_demo():
    from pathlib import Path

    import grogrund.areas.demo.build as build

    source = Path(build.__file__).read_text(encoding="utf-8")
    assert 'import_module("grogrund.procurement.demo").build(programme)' in source
    assert any(u.username == "sara" for u in build.USERS)
