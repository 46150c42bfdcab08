"""A period's statement as XLSX (texts stay texts: a name that starts with "=" is never a
formula) and as a tagged PDF through the reports module, with the figures the page shows; and
the contract in the GO Lab INDIGO impact-bond data standard's fields."""

from __future__ import annotations

import io
import json
from datetime import date

import pytest
from openpyxl import load_workbook

from grogrund.outcome_contracts import services
from outcome_contracts.contract_builders import add_metric, fresh, make_contract


@pytest.fixture
def contract(world):
    world.m.org_number = "212000-0001"
    world.m.save()
    c = make_contract(world, name='=HYPERLINK("http://x")', cap_total_sek=2_000_000)
    m = add_metric(c, "=1+1 i arbete", baseline=20, price=50_000, cap=800_000)
    report = services.report_outcome(
        user=world.s_editor, contract=fresh(c), metric=m, period=1, value=30
    )
    services.verify_outcome(user=world.e_editor, report=report, comment="ok")
    services.record_investment(
        user=world.i_editor, contract=fresh(c), day=date(2021, 1, 1), amount_sek=400_000
    )
    services.record_payment(
        user=world.m_editor,
        contract=fresh(c),
        payer=world.m,
        period=1,
        amount_sek=300_000,
        paid_on=date(2022, 3, 1),
    )
    return fresh(c)


def test_the_xlsx_statement_holds_the_figures_and_no_formula(world, contract):
    response = world.client(world.m_editor).get(
        f"/utfallskontrakt/{contract.pk}/period/1/utdrag.xlsx"
    )
    assert response.status_code == 200
    sheet = load_workbook(io.BytesIO(response.content)).active
    cells = [c for row in sheet.iter_rows() for c in row if c.value is not None]
    assert all(c.data_type != "f" for c in cells)
    values = [c.value for c in cells]
    assert '=HYPERLINK("http://x")' in values
    assert "=1+1 i arbete" in values
    # (30 − 20) × 50 000 = 500 000 due; M 300 000 (paid), R 200 000; 800 000 − 500 000 left of
    # the outcome's cap; 2 000 000 − 500 000 left of the cap in total.
    assert 500_000 in values and 300_000 in values and 200_000 in values
    assert 1_500_000 in values


def test_the_provider_gets_a_statement_without_money(world, contract):
    response = world.client(world.s_editor).get(
        f"/utfallskontrakt/{contract.pk}/period/1/utdrag.xlsx"
    )
    values = [
        c.value
        for row in load_workbook(io.BytesIO(response.content)).active.iter_rows()
        for c in row
    ]
    assert 30 in values
    assert 500_000 not in values and 300_000 not in values


def test_the_pdf_statement_is_a_tagged_document_with_the_figures(world, contract):
    from pypdf import PdfReader

    response = world.client(world.m_editor).get(
        f"/utfallskontrakt/{contract.pk}/period/1/utdrag.pdf"
    )
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    reader = PdfReader(io.BytesIO(response.content))
    text = " ".join(page.extract_text() for page in reader.pages).replace("\xa0", " ")
    assert "500 000" in text
    assert "Kommunen M" in text and "Regionen R" in text
    assert "/StructTreeRoot" in reader.trailer["/Root"]


def test_the_indigo_export_maps_the_contract(world, contract):
    response = world.client(world.m_editor).get(f"/utfallskontrakt/{contract.pk}/indigo.json")
    assert response.status_code == 200
    data = json.loads(response.content)
    project = data["project"]
    assert project["name"] == {"value": contract.name}
    assert project["service_and_beneficiaries"][
        "targeted_number_service_users_or_beneficiaries_total"
    ] == {"value": 100}
    assert project["overall_project_finance"]["maximum_potential_outcome_payment_v2"]["amount"] == {
        "value": 2_000_000.0
    }
    assert project["overall_project_finance"]["total_outcome_payments_made"]["amount"] == {
        "value": 300_000.0
    }
    commitments = project["outcome_payment_commitments"]
    # M's organisation number makes an org-id identifier (SE-ON); R has none.
    assert {c["organisation_id"]["value"] for c in commitments} == {
        "SE-ON-212000-0001",
        f"XI-GROGRUND-{world.r.slug}",
    }
    metric = project["outcome_metrics"][0]
    assert project["outcome_pricings"][0]["outcome_metric_id"]["value"] == metric["id"]
    assert project["outcome_pricings"][0]["price_per_unit"]["amount"] == {"value": 50_000.0}
    (result,) = project["results"]
    assert result["number_with_positive_social_outcomes"] == {"value": 30}
    assert result["period"] == {
        "start_date": {"value": "2021-01-01"},
        "end_date": {"value": "2021-12-31"},
    }
    planned = [p for p in project["outcome_payments"] if p["type"]["value"] == "Planned"]
    actual = [p for p in project["outcome_payments"] if p["type"]["value"] == "Actual"]
    assert sorted(p["money"]["amount"]["value"] for p in planned) == [200_000.0, 300_000.0]
    assert [p["money"]["amount"]["value"] for p in actual] == [300_000.0]
    kinds = sorted(t["transaction_type"]["value"] for t in project["transactions"])
    assert kinds == ["Other", "Outcome Payment"]
    assert {o["id"] for o in data["organisations"]} >= {"SE-ON-212000-0001"}
