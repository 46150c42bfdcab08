"""The upload form suggests column names; a file that lacks a suggested figure column still
imports, as long as it has what the figure needs."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from builders import make_indicator, make_org, make_user
from grogrund.areas.models import Observation


def _post(client, org, content: bytes, name: str = "andelar.csv"):
    return client.post(
        "/omraden/import/",
        {
            "file": SimpleUploadedFile(name, content, content_type="text/csv"),
            "owner": org.pk,
            "dataset": "Vakanser",
            "source": "Uthyrningssystemet",
            "visibility": "private",
            "area_column": "area",
            "indicator_column": "indicator",
            "period_column": "period",
            "value_column": "value",
            "numerator_column": "numerator",
            "denominator_column": "denominator",
        },
    )


@pytest.mark.django_db
def test_a_file_with_numerator_and_denominator_but_no_value_column_imports(client):
    org = make_org()
    client.force_login(make_user(org))
    # 0180C1010 (a DeSO in Stockholm) comes with the area registry.
    make_indicator("vacancy_rate", direction="lower_is_better")
    response = _post(
        client,
        org,
        b"area;indicator;period;numerator;denominator\n0180C1010;vacancy_rate;2025;21;470\n",
    )
    assert response.status_code == 200, response.content.decode()[:500]
    obs = Observation.objects.get()
    assert (obs.numerator, obs.denominator) == (21, 470)
    assert obs.value == pytest.approx(21 / 470)


@pytest.mark.django_db
def test_a_file_with_only_a_value_column_imports(client):
    org = make_org()
    client.force_login(make_user(org))
    # 0180C1010 (a DeSO in Stockholm) comes with the area registry.
    make_indicator("population", kind="count")
    response = _post(client, org, b"area,indicator,period,value\n0180C1010,population,2025,1234\n")
    assert response.status_code == 200
    assert Observation.objects.get().value == 1234


@pytest.mark.django_db
def test_a_file_without_any_figure_column_is_refused_and_nothing_is_written(client):
    org = make_org()
    client.force_login(make_user(org))
    # 0180C1010 (a DeSO in Stockholm) comes with the area registry.
    make_indicator("population", kind="count")
    response = _post(client, org, b"area;indicator;period;antal\n0180C1010;population;2025;1\n")
    assert response.status_code == 400
    assert Observation.objects.count() == 0
