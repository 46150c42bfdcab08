"""The API write path checks a figure as the import does: an overflowing 1e999 (infinity) is a
400, not a stored value that makes every later page answer 500; a share stays in 0–1 with its
numerator not above its denominator; a period is a period."""

import json

from grogrund.areas.models import Observation

URL = "/api/v1/observations/"


def _body(dataset, **fields):
    return {
        "dataset": dataset.pk,
        "area": "9901A0010",
        "indicator": "employment",
        "period": "2024",
    } | fields


def test_1e999_in_the_json_is_refused(editor, areas, indicator, dataset):
    raw = json.dumps(_body(dataset)).replace("}", ', "value": 1e999}')
    response = editor.post(URL, raw, content_type="application/json")
    assert response.status_code == 400
    assert "value" in response.json()
    assert not Observation.objects.exists()


def test_a_share_above_one_is_refused(editor, areas, indicator, dataset):
    response = editor.post(URL, _body(dataset, value=74.1), format="json")
    assert response.status_code == 400 and "value" in response.json()
    assert not Observation.objects.exists()


def test_a_numerator_above_its_denominator_is_refused(editor, areas, indicator, dataset):
    response = editor.post(URL, _body(dataset, numerator=120, denominator=100), format="json")
    assert response.status_code == 400 and "numerator" in response.json()


def test_a_period_that_is_not_a_period_is_refused(editor, areas, indicator, dataset):
    response = editor.post(
        URL, _body(dataset, period="2010-2024", numerator=1, denominator=2), format="json"
    )
    assert response.status_code == 400 and "period" in response.json()


def test_a_quarter_is_stored_as_scb_writes_it(editor, areas, indicator, dataset):
    response = editor.post(
        URL, _body(dataset, period="2024Q3", numerator=1, denominator=2), format="json"
    )
    assert response.status_code == 201, response.json()
    assert Observation.objects.get().period == "2024K3"
