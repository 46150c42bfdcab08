"""Every installation knows Sweden's official areas from the start: the area registry, loaded
by the migration areas/0006 from SCB's lists (grogrund.areas.registry)."""

import pytest
from django.db.models import Count

from grogrund.areas.models import Area
from grogrund.areas.registry import ALIASES

pytestmark = pytest.mark.django_db


def test_the_registry_has_one_country_21_counties_290_municipalities_and_every_regso_and_deso():
    counts = dict(
        Area.objects.filter(in_registry=True)
        .values_list("level")
        .annotate(n=Count("id"))
        .values_list("level", "n")
    )
    assert counts == {
        "country": 1,
        "county": 21,
        "municipality": 290,
        "regso": 3363,
        "deso": 5984,
    }


def _chain(code):
    area = Area.objects.select_related("parent__parent__parent__parent").get(code=code)
    chain = []
    while area is not None:
        chain.append((area.code, area.name))
        area = area.parent
    return chain


def test_a_deso_in_upplands_vasby_has_its_regso_municipality_county_and_sweden_as_parents():
    assert _chain("0114C1010") == [
        ("0114C1010", "Bollstanäs (1010)"),
        ("0114R001", "Bollstanäs"),
        ("0114", "Upplands Väsby"),
        ("01", "Stockholms län"),
        ("00", "Sverige"),
    ]


def test_a_rural_deso_in_kiruna_belongs_to_its_own_regso():
    # As in SCB's key from DeSO 2018 to RegSO 2020 (koppling-deso2018-regso2020.csv).
    assert _chain("2584A0010") == [
        ("2584A0010", "Kiruna sydost (0010)"),
        ("2584R005", "Kiruna sydost"),
        ("2584", "Kiruna"),
        ("25", "Norrbottens län"),
        ("00", "Sverige"),
    ]


def test_a_deso_in_lulea_with_the_stray_space_in_its_name_taken_out():
    # Kolada writes "Luleå centrum  (1050)" with two spaces; a name is kept with one.
    assert _chain("2580C1050")[:3] == [
        ("2580C1050", "Luleå centrum (1050)"),
        ("2580R014", "Luleå centrum"),
        ("2580", "Luleå"),
    ]


def test_the_deso_class_is_scbs_a_b_or_c_and_agrees_with_the_code():
    classes = dict(
        Area.objects.filter(level="deso", in_registry=True)
        .values_list("deso_class")
        .annotate(n=Count("id"))
        .values_list("deso_class", "n")
    )
    assert classes == {"A": 1080, "B": 580, "C": 4324}
    for code in ("0114A0010", "2480B2010", "0114C1010"):
        assert Area.objects.get(code=code).deso_class == code[4]


def test_vintages_and_kolada_codes():
    assert Area.objects.get(code="0114C1010").vintage == "DeSO2018"
    assert Area.objects.get(code="0114R001").vintage == "RegSO2020"
    municipality = Area.objects.get(code="1480")
    assert (municipality.name, municipality.kolada_code) == ("Göteborg", "1480")
    assert not Area.objects.filter(in_registry=True, is_fictional=True).exists()


def test_counties_carry_scbs_names_and_kolada_names_are_aliases():
    assert Area.objects.get(code="01").name == "Stockholms län"
    assert Area.objects.get(code="14").name == "Västra Götalands län"
    assert "Region Stockholm" in ALIASES["01"]
    assert "Västra Götalandsregionen" in ALIASES["14"]
    assert {"Riket", "Hela riket"} <= set(ALIASES["00"])
