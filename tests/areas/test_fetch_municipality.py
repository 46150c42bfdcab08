"""`fetch_municipality` fetches the step-1 pack for every DeSO and RegSO of a municipality,
the municipality, its county and Sweden, from SCB (one dataset per table) and Kolada, with the
values in the indicator's unit; then the profile shows municipality, county and Sweden beside
a DeSO."""

import re

import pytest
from fetch_fakes import (
    DESO_2018,
    MUNICIPALITY,
    NOT_PUBLISHED,
    FakeStatServer,
    cell_value,
    clients,
    make_fictional_municipality,
    server_regions,
)

from builders import make_org, make_user
from grogrund.areas.fetch import fetch_municipality
from grogrund.areas.models import Area, Dataset, Indicator, Observation
from grogrund.areas.packs import load_pack

pytestmark = pytest.mark.django_db


@pytest.fixture
def fetched():
    make_fictional_municipality()
    server = FakeStatServer(server_regions())
    scb, kolada = clients(server)
    org = make_org("Provköpings kommun")
    result = fetch_municipality(owner=org, municipality_code=MUNICIPALITY, scb=scb, kolada=kolada)
    return server, result, org


def _obs(org, indicator, area, period):
    return Observation.objects.get(
        dataset__owner=org, indicator__code=indicator, area__code=area, period=period
    )


def test_one_config_one_metadata_per_table_one_data_call_per_table_and_one_kolada(fetched):
    server, result, _ = fetched
    assert server.calls[0][0] == "GET" and server.calls[0][1].endswith("/config")
    metadata = [u for m, u, _ in server.calls if u.endswith("/metadata")]
    assert len(metadata) == 5
    assert len(server.data_calls) == 5
    assert len(server.kolada_calls) == 1
    assert result.requests == len(server.calls) == 12


def test_one_dataset_per_table_and_indicators_made_from_the_pack(fetched):
    _, result, org = fetched
    names = set(Dataset.objects.filter(owner=org).values_list("name", flat=True))
    assert names == {
        "SCB TAB6680",
        "SCB TAB6534",
        "SCB TAB6685",
        "SCB TAB6683",
        "SCB TAB6574",
        "Kolada",
    }
    assert set(result.datasets) == names
    pack_codes = {i.code for i in load_pack().indicators}
    assert pack_codes <= set(Indicator.objects.values_list("code", flat=True))


def test_every_area_of_the_municipality_and_its_parents_get_scb_figures(fetched):
    _, result, org = fetched
    areas = set(
        Observation.objects.filter(dataset__name="SCB TAB6680", dataset__owner=org).values_list(
            "area__code", flat=True
        )
    )
    assert areas == set(server_regions())
    assert result.not_in_table["TAB6680"] == [NOT_PUBLISHED]
    # Kolada has municipalities, counties and Sweden only
    kolada_areas = set(
        Observation.objects.filter(dataset__name="Kolada").values_list("area__code", flat=True)
    )
    assert kolada_areas == {MUNICIPALITY, "14", "00"}


def test_three_figures_by_hand(fetched):
    _, _, org = fetched
    deso = DESO_2018[0]
    # employment: employed / total, both counts, as a share 0–1
    employed = cell_value("TAB6680", {"Region": deso, "Tid": "2023", "ContentsCode": "0000089X"})
    total = cell_value("TAB6680", {"Region": deso, "Tid": "2023", "ContentsCode": "0000089Y"})
    o = _obs(org, "employment_20_64", deso, "2023")
    assert (o.numerator, o.denominator) == (employed, total)
    assert o.value == pytest.approx(employed / total)
    assert 0.55 <= o.value < 0.85
    # low economic standard is published in percent: stored as a share
    percent = cell_value("TAB6685", {"Region": deso, "Tid": "2022", "ContentsCode": "000008AC"})
    assert _obs(org, "low_economic_standard", deso, "2022").value == pytest.approx(percent / 100)
    # net income in thousands of kronor: stored in kronor
    tkr = cell_value("TAB6683", {"Region": "14", "Tid": "2024"})
    assert _obs(org, "net_income_mean", "14", "2024").value == pytest.approx(tkr * 1000)
    # Kolada's percent → share
    assert 0 < _obs(org, "eligible_upper_secondary", MUNICIPALITY, "2024").value < 1


def test_education_share_is_levels_5_and_6_over_every_known_level(fetched):
    _, _, org = fetched
    o = _obs(org, "post_secondary_education", "00", "2025")
    # weights in the fake: 5 → 0.4, 6 → 0.6, 1–4 → 1 each, US (unknown) left out
    assert o.value == pytest.approx(1.0 / 5.0, rel=0.01)


def test_a_suppressed_cell_is_stored_as_missing_not_zero(fetched):
    _, _, org = fetched
    o = _obs(org, "population", "1479A0010_DeSO2025", "2022")
    assert o.value is None and o.status == ".."


def test_the_profile_of_a_deso_shows_municipality_county_and_sweden(fetched, client):
    _, result, org = fetched
    assert result.profile_url == f"/omraden/{MUNICIPALITY}/"
    user = make_user(org)
    client.force_login(user)
    page = client.get(f"/omraden/{DESO_2018[0]}/").content.decode()
    text = re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", page))
    county, country = Area.objects.get(code="14").name, Area.objects.get(code="00").name
    assert f"Provköping (fiktiv) {county} {country}" in text  # the comparison columns
    # the employment row: the DeSO's share first (then its gap, gap in people and the year),
    # then municipality, county and Sweden, each a share
    share = r" [\d,]+ % \([\d  ]+/[\d  ]+\)"
    employment = rf"Förvärvsarbetande 20–64 år{share} \S+ p\.e\. \S+ 2024((?:{share}){{3}})"
    row = re.search(employment, text)
    assert row is not None, text[:3000]
