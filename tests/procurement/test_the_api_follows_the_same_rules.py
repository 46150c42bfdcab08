"""The API shows the same contracts to the same people as the pages, hides the buyer's
internal note from the supplier, lists reports to the two parties only, and lets only the
supplier's editors write reports (through the same checks and history)."""

from __future__ import annotations

from datetime import date

from builders import api_client
from grogrund.accounts.models import HistoryChannel, HistoryEntry, Visibility
from grogrund.procurement.models import DeliveryReport
from procurement.builders_procurement import make_report

REPORT = {
    "period_start": "2025-01-01",
    "period_end": "2025-03-31",
    "persons": 2,
    "new_persons": 2,
    "target_group_persons": 2,
    "area_persons": 1,
    "hours": 800,
    "employment_months": 5,
}


def _names(user):
    data = api_client(user).get("/api/v1/procurement-contracts/").json()
    return {c["name"]: c for c in data["results"]}


def test_contracts_as_the_pages_show_them(world):
    assert set(_names(world.a_viewer)) == {world.contract.name, world.other_contract.name}
    supplier_view = _names(world.s_viewer)
    assert set(supplier_view) == {world.contract.name}
    assert supplier_view[world.contract.name]["internal_note"] is None
    assert _names(world.a_viewer)[world.contract.name]["internal_note"] == "Hemlig anteckning om S"
    assert _names(world.t_editor).keys() == {world.other_contract.name}
    assert _names(world.outsider) == {}
    assert api_client(None).get("/api/v1/procurement-contracts/").status_code in (401, 403)


def test_a_contract_of_someone_else_is_a_404(world):
    url = f"/api/v1/procurement-contracts/{world.contract.pk}/"
    assert api_client(world.t_editor).get(url).status_code == 404
    assert api_client(world.s_viewer).get(url).status_code == 200


def test_the_clauses_carry_what_was_delivered(world):
    make_report(world.clause, date(2025, 1, 1), date(2025, 3, 31), persons=2, employment_months=5)
    clause = _names(world.a_viewer)[world.contract.name]["clauses"][0]
    assert clause["target"] == 24 and clause["delivered"] == 5
    assert clause["status"] in {"on_track", "behind", "met"}


def test_reports_are_listed_to_the_two_parties_only(world):
    make_report(world.clause, date(2025, 1, 1), date(2025, 3, 31), persons=2)
    world.contract.visibility = Visibility.NETWORK
    world.contract.save()
    for user, count in (
        (world.a_viewer, 1),
        (world.s_viewer, 1),
        (world.c_viewer, 0),
        (world.t_editor, 0),
    ):
        data = api_client(user).get("/api/v1/procurement-reports/").json()
        assert data["count"] == count, user


def test_the_supplier_writes_its_report(world):
    response = api_client(world.s_editor).post(
        "/api/v1/procurement-reports/", {"clause": world.clause.pk, **REPORT}, format="json"
    )
    assert response.status_code == 201, response.json()
    assert response.json()["status"] == "submitted"
    entry = HistoryEntry.objects.get(object_type="deliveryreport")
    assert entry.via == HistoryChannel.API and entry.user == world.s_editor


def test_the_buyer_and_other_suppliers_cannot_write_reports(world):
    response = api_client(world.a_editor).post(
        "/api/v1/procurement-reports/", {"clause": world.clause.pk, **REPORT}, format="json"
    )
    assert response.status_code == 403
    response = api_client(world.t_editor).post(
        "/api/v1/procurement-reports/", {"clause": world.clause.pk, **REPORT}, format="json"
    )
    assert response.status_code == 400  # the clause is not one it may see
    assert DeliveryReport.objects.count() == 0


def test_impossible_hours_are_refused_by_the_api(world):
    response = api_client(world.s_editor).post(
        "/api/v1/procurement-reports/",
        {"clause": world.clause.pk, **REPORT, "hours": 5000},
        format="json",
    )
    assert response.status_code == 400
    assert DeliveryReport.objects.count() == 0


def test_the_supplier_corrects_its_report(world):
    created = (
        api_client(world.s_editor)
        .post("/api/v1/procurement-reports/", {"clause": world.clause.pk, **REPORT}, format="json")
        .json()
    )
    response = api_client(world.s_editor).patch(
        f"/api/v1/procurement-reports/{created['id']}/", {"hours": 700}, format="json"
    )
    assert response.status_code == 200, response.json()
    assert DeliveryReport.objects.get().hours == 700
