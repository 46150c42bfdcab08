"""The workbook download opens in openpyxl and carries the valuation's figures."""

from __future__ import annotations

from io import BytesIO

from django.urls import reverse
from openpyxl import load_workbook

from valuations.builders_valuations import make_valuation


def test_the_workbook_has_the_inputs_flows_and_the_engines_npv(world):
    v = make_valuation(world)
    response = world.client(world.partner_user).get(
        reverse("valuations:xlsx", args=[world.programme.pk, v.pk])
    )
    assert response.status_code == 200
    assert response["Content-Type"].startswith(
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    )
    assert 'filename="laxhjalp-testby.xlsx"' in response["Content-Disposition"]
    wb = load_workbook(BytesIO(response.content))
    assert {"Summary", "Inputs", "Flows"} <= set(wb.sheetnames)
    numbers = [
        cell.value
        for row in wb["Summary"].iter_rows()
        for cell in row
        if isinstance(cell.value, int | float)
    ]
    # the engine's NPV (71 564,63 kr, hand-checked in test_results_page…) is written beside the
    # formula that recomputes it
    assert any(abs(n - 71564.62585034012) < 0.01 for n in numbers)
    assert any(abs(n - 171564.62585034012) < 0.01 for n in numbers)
    formulas = [c.value for row in wb["Flows"].iter_rows() for c in row if isinstance(c.value, str)]
    assert any(f.startswith("=") for f in formulas)
