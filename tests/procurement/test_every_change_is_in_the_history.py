"""Every change — a contract, a clause, a report sent, returned, corrected and verified — is
kept in the history (who, when, through what, before and after), and the contract's page
tells it in sentences with names, kronor and dates."""

from __future__ import annotations

from datetime import date

from django.urls import reverse

from grogrund.accounts.models import HistoryEntry
from grogrund.procurement import services
from grogrund.procurement.models import Clause, Contract


def test_the_whole_flow_is_in_the_history(world):
    contract = services.save_contract(
        user=world.a_editor,
        contract=Contract(
            owner=world.a,
            supplier=world.s,
            name="Fasadrenovering Testby",
            value_sek=12_000_000,
            start_date=date(2025, 1, 1),
            end_date=date(2025, 12, 31),
            category="renovation",
        ),
    )
    clause = services.save_clause(
        user=world.a_editor,
        clause=Clause(
            contract=contract,
            kind="employment",
            name="Sysselsättningskrav",
            measure="hours",
            unit="timmar",
            target=2000,
            reporting_period="quarter",
        ),
    )
    contract.value_sek = 12_500_000
    services.save_contract(user=world.a_editor, contract=contract)
    data = services.ReportInput(date(2025, 1, 1), date(2025, 3, 31), persons=1, hours=400)
    report = services.submit_report(user=world.s_editor, clause=clause, data=data)
    services.return_report(user=world.a_editor, report=report, comment="Bifoga tidrapporten.")
    report = services.submit_report(user=world.s_editor, clause=clause, data=data, report=report)
    services.verify_report(user=world.a_editor, report=report)

    kinds = list(HistoryEntry.objects.order_by("id").values_list("object_type", "action"))
    assert kinds == [
        ("contract", "create"),
        ("clause", "create"),
        ("contract", "update"),
        ("deliveryreport", "create"),
        ("deliveryreport", "update"),
        ("deliveryreport", "update"),
        ("deliveryreport", "update"),
    ]
    assert all(e.organisation_id == world.a.pk for e in HistoryEntry.objects.all())

    html = (
        world.client(world.a_viewer)
        .get(reverse("procurement:detail", args=[contract.pk]))
        .content.decode()
        .replace("\xa0", " ")
    )
    assert "12 000 000 kr" in html and "12 500 000 kr" in html
    assert "Bifoga tidrapporten." in html
    assert world.s_editor.username in html and world.a_editor.username in html


def test_saving_without_a_change_writes_nothing(world):
    services.save_contract(user=world.a_editor, contract=world.contract, areas=[world.deso])
    count = HistoryEntry.objects.count()
    services.save_contract(user=world.a_editor, contract=world.contract, areas=[world.deso])
    assert HistoryEntry.objects.count() == count
