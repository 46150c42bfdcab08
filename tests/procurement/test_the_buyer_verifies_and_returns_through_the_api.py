"""The buyer verifies or returns the supplier's report through the API as on the report's page
(`POST /api/v1/procurement-reports/{id}/verify/`, an optional comment;
`POST …/{id}/return/`, the comment required): the buyer's editors only (the supplier and the
buyer's viewers are told who verifies, 403; other organisations do not find the report, 404),
through the same services (their message as a 400), no personal identity number in the comment,
and the history says it came through the API. Each clause in the contract's API representation
carries its penalty (vite) as the contract's page computes it."""

from __future__ import annotations

import re
from datetime import date

import pytest
from django.urls import reverse

from builders import api_client
from grogrund.accounts.models import HistoryChannel, HistoryEntry, Visibility
from grogrund.core.numbers import format_money
from grogrund.procurement import selectors
from grogrund.procurement.models import DeliveryReport, ReportStatus
from procurement.builders_procurement import make_clause, make_report

# A valid personnummer (Skatteverket's test number, check digit right).
PERSONNUMMER = "19121212-1212"


@pytest.fixture
def report(world):
    return make_report(
        world.clause,
        date(2025, 1, 1),
        date(2025, 3, 31),
        status=ReportStatus.SUBMITTED,
        persons=2,
        new_persons=2,
        target_group_persons=2,
        hours=800,
        employment_months=5,
    )


def _verify(user, report, **data):
    return api_client(user).post(
        f"/api/v1/procurement-reports/{report.pk}/verify/", data, format="json"
    )


def _return(user, report, **data):
    return api_client(user).post(
        f"/api/v1/procurement-reports/{report.pk}/return/", data, format="json"
    )


def _history():
    return HistoryEntry.objects.filter(object_type="deliveryreport")


def _unchanged(report):
    report.refresh_from_db()
    assert report.status == ReportStatus.SUBMITTED
    assert report.reviewed_by is None and report.review_comment == ""
    assert not _history().exists()


def test_the_buyers_editor_verifies_the_report_through_the_api(world, report):
    response = _verify(world.a_editor, report, comment="Stämmer med tidrapporten")
    assert response.status_code == 200, response.content
    assert response.json()["status"] == "verified"
    assert response.json()["review_comment"] == "Stämmer med tidrapporten"
    report.refresh_from_db()
    assert report.status == ReportStatus.VERIFIED and report.reviewed_by == world.a_editor
    entry = _history().get()
    assert entry.via == HistoryChannel.API and entry.user == world.a_editor
    assert entry.before["status"] == "submitted" and entry.after["status"] == "verified"
    # Its five months now count as delivered.
    contract = api_client(world.a_viewer).get(f"/api/v1/procurement-contracts/{world.contract.pk}/")
    assert contract.json()["clauses"][0]["delivered"] == 5


def test_the_comment_is_optional_when_verifying(world, report):
    assert _verify(world.a_editor, report).status_code == 200
    report.refresh_from_db()
    assert report.status == ReportStatus.VERIFIED and report.review_comment == ""


def test_the_buyers_editor_returns_the_report_with_a_comment(world, report):
    response = _return(world.a_editor, report, comment="Rätta antalet månader i mars")
    assert response.status_code == 200, response.content
    assert response.json()["status"] == "returned"
    report.refresh_from_db()
    assert report.status == ReportStatus.RETURNED
    assert report.review_comment == "Rätta antalet månader i mars"
    entry = _history().get()
    assert entry.via == HistoryChannel.API and entry.after["status"] == "returned"


def test_a_return_without_a_comment_is_refused_with_the_services_message(world, report):
    response = _return(world.a_editor, report, comment="   ")
    assert response.status_code == 400
    assert "en tillbakaskickad rapport behöver en kommentar" in response.json()["detail"]
    assert _return(world.a_editor, report).status_code == 400  # no comment at all
    _unchanged(report)


def test_the_supplier_and_the_buyers_viewers_are_told_who_verifies(world, report):
    for user in (world.s_editor, world.s_viewer, world.a_viewer):
        for decide in (_verify, _return):
            response = decide(user, report, comment="Ser bra ut")
            assert response.status_code == 403, (user, decide)
            assert world.a.name in response.json()["detail"]
        # Who may is told before anything about the comment.
        assert _return(user, report).status_code == 403
        assert _verify(user, report, comment=PERSONNUMMER).status_code == 403
    _unchanged(report)


def test_other_organisations_do_not_find_the_report(world, report):
    world.contract.visibility = Visibility.NETWORK
    world.contract.save()
    for user in (world.t_editor, world.c_viewer, world.curator, world.outsider):
        for decide in (_verify, _return):
            assert decide(user, report, comment="Ser bra ut").status_code == 404, (user, decide)
    for decide in (_verify, _return):
        assert decide(None, report, comment="Ser bra ut").status_code in (401, 403)
    _unchanged(report)


def test_a_personal_number_in_the_comment_is_refused_by_the_guard(world, report):
    for decide in (_verify, _return):
        response = decide(world.a_editor, report, comment=f"Gäller {PERSONNUMMER}")
        assert response.status_code == 400
        # The serializer's guard answers, on the field, before any service is called.
        assert "121212-****" in str(response.json()["comment"])
        assert "1212-1212" not in response.content.decode()
    _unchanged(report)


def test_the_services_refusals_are_400s_with_their_message(world, report):
    assert _return(world.a_editor, report, comment="Rätta mars").status_code == 200
    again = _return(world.a_editor, report, comment="Rätta mars igen")
    assert again.status_code == 400
    assert again.json()["detail"] == "Rapporten har redan skickats tillbaka till leverantören."
    returned = _verify(world.a_editor, report)
    assert returned.status_code == 400 and world.s.name in returned.json()["detail"]
    DeliveryReport.objects.filter(pk=report.pk).update(status=ReportStatus.VERIFIED)
    final = _return(world.a_editor, report, comment="Rätta mars")
    assert final.status_code == 400
    assert final.json()["detail"] == (
        "Rapporten är verifierad och slutgiltig: den kan inte skickas tillbaka."
    )
    assert _history().count() == 1  # the one return


# --- the penalty ----------------------------------------------------------------------------


def _page_penalties(world, contract):
    """The penalty cell of each clause on the contract's page, by clause id."""
    page = world.client(world.a_viewer).get(reverse("procurement:detail", args=[contract.pk]))
    assert page.status_code == 200
    cells = re.findall(
        r'<section class="clause" id="clause-(\d+)".*?<td class="num" data-penalty>(.*?)</td>',
        page.content.decode(),
        re.S,
    )
    return {int(pk): cell for pk, cell in cells}


def test_each_clause_carries_its_penalty_as_the_page_computes_it(world, monkeypatch):
    """On 1 July 2025 (182 of the term's 730 days passed, both ends counted), with two
    verified quarters:

    - the employment clause (24 months, 10 000 kr per missing month, at most 150 000 kr) has
      5 + 7 = 12 months delivered: 24 − 12 = 12 months missing × 10 000 = 120 000 kr, under
      the cap, and not yet due (the term runs to 31 December 2026);
    - a second clause asks for 12 months at 20 000 kr a month, at most 100 000 kr, and has
      nothing delivered: 12 × 20 000 = 240 000 kr, capped at 100 000 kr;
    - the other contract's internship clause has no penalty: null in the API, "–" on the page.
    """
    monkeypatch.setattr(selectors, "today", lambda: date(2025, 7, 1))
    make_report(world.clause, date(2025, 1, 1), date(2025, 3, 31), employment_months=5)
    make_report(world.clause, date(2025, 4, 1), date(2025, 6, 30), employment_months=7)
    capped = make_clause(
        world.contract,
        name="Lärlingar",
        kind="apprenticeship",
        target=12,
        penalty_sek_per_unit=20_000,
        penalty_cap_sek=100_000,
    )
    contracts = {
        c["id"]: c
        for c in api_client(world.a_viewer).get("/api/v1/procurement-contracts/").json()["results"]
    }
    clauses = {c["id"]: c for c in contracts[world.contract.pk]["clauses"]}

    employment = clauses[world.clause.pk]
    assert employment["penalty"] == {
        "missing_units": 12.0,
        "amount_sek": 120_000.0,
        "uncapped_sek": 120_000.0,
        "capped": False,
        "due": False,
    }
    # Expected by now 24 × 182 / 730 ≈ 5,98 months; 12 delivered: on track.
    assert employment["status"] == "on_track"
    assert clauses[capped.pk]["penalty"] == {
        "missing_units": 12.0,
        "amount_sek": 100_000.0,
        "uncapped_sek": 240_000.0,
        "capped": True,
        "due": False,
    }
    assert clauses[capped.pk]["status"] == "behind"
    internship = contracts[world.other_contract.pk]["clauses"][0]
    assert internship["penalty"] is None

    page = _page_penalties(world, world.contract)
    for pk, clause in clauses.items():
        shown = page[pk].split("<br>", 1)[0]
        assert shown == format_money(clause["penalty"]["amount_sek"], 0), pk
    assert re.sub(r"\D", "", page[world.clause.pk].split("<br>", 1)[0]) == "120000"
    assert re.sub(r"\D", "", page[capped.pk].split("<br>", 1)[0]) == "100000"
    assert _page_penalties(world, world.other_contract)[internship["id"]] == "–"


def test_the_penalty_is_due_once_the_term_is_over(world, monkeypatch):
    monkeypatch.setattr(selectors, "today", lambda: date(2027, 1, 1))
    make_report(world.clause, date(2025, 1, 1), date(2025, 3, 31), employment_months=5)
    data = api_client(world.s_viewer).get(f"/api/v1/procurement-contracts/{world.contract.pk}/")
    # 24 − 5 = 19 months × 10 000 = 190 000 kr, capped at 150 000 kr, due.
    assert data.json()["clauses"][0]["penalty"] == {
        "missing_units": 19.0,
        "amount_sek": 150_000.0,
        "uncapped_sek": 190_000.0,
        "capped": True,
        "due": True,
    }
    assert data.json()["clauses"][0]["status"] == "behind"
