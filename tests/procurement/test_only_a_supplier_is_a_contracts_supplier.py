"""A contract's supplier is an organisation of kind supplier: the contract form offers only
those, and services.save_contract refuses any other (a housing company, a municipality…) with a
message that names it and says what to do. Nothing is saved: no contract, no change to one, no
history."""

from __future__ import annotations

from datetime import date

import pytest

from grogrund.accounts.models import HistoryEntry
from grogrund.procurement import services
from grogrund.procurement.models import Contract


def _new_contract(world, supplier):
    return Contract(
        owner=world.a,
        supplier=supplier,
        name="Fasadrenovering Testby",
        value_sek=12_000_000,
        start_date=date(2025, 1, 1),
        end_date=date(2025, 12, 31),
        category="renovation",
    )


def _no_history():
    assert not HistoryEntry.objects.filter(object_type="contract").exists()


@pytest.mark.parametrize("who", ["c", "b", "n"])
def test_a_new_contract_with_a_supplier_that_is_not_one_is_refused(world, who):
    not_a_supplier = getattr(world, who)  # a housing company, an organisation, the network
    before = Contract.objects.count()
    with pytest.raises(services.ProcurementError) as err:
        services.save_contract(user=world.a_editor, contract=_new_contract(world, not_a_supplier))
    assert str(err.value) == (
        f"{not_a_supplier.name} är inte registrerad som leverantör. Välj en organisation av "
        "typen leverantör, eller be en administratör registrera den som det."
    )
    assert Contract.objects.count() == before
    assert not Contract.objects.filter(name="Fasadrenovering Testby").exists()
    _no_history()


def test_a_contract_cannot_be_moved_to_a_supplier_that_is_not_one(world):
    contract = Contract.objects.get(pk=world.contract.pk)
    contract.supplier = world.c
    contract.value_sek = 1
    with pytest.raises(services.ProcurementError, match="Bostadsbolaget C är inte registrerad"):
        services.save_contract(user=world.a_editor, contract=contract)
    world.contract.refresh_from_db()
    assert world.contract.supplier == world.s and world.contract.value_sek == 48_500_000
    _no_history()


def test_an_organisation_of_kind_supplier_is_taken(world):
    contract = services.save_contract(user=world.a_editor, contract=_new_contract(world, world.t))
    assert Contract.objects.get(pk=contract.pk).supplier == world.t
    assert HistoryEntry.objects.filter(object_type="contract").count() == 1
