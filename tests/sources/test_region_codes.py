import pytest

from grogrund.sources import SourceError, parse_region_code


@pytest.mark.parametrize(
    ("code", "level", "vintage", "municipality"),
    [
        ("00", "country", None, None),
        ("01", "county", None, None),
        ("25", "county", None, None),
        ("0114", "municipality", None, "0114"),
        ("2584", "municipality", None, "2584"),
        ("0114C1010", "deso", "DeSO2018", "0114"),
        ("0114C1010_DeSO2025", "deso", "DeSO2025", "0114"),
        ("0114R001", "regso", "RegSO2020", "0114"),
        ("2584R014_RegSO2025", "regso", "RegSO2025", "2584"),
    ],
)
def test_region_codes_are_recognised(code, level, vintage, municipality) -> None:
    region = parse_region_code(code)
    assert (region.level, region.vintage, region.municipality_code) == (
        level,
        vintage,
        municipality,
    )


def test_the_vintage_suffix_stays_in_the_code_so_vintages_never_mix() -> None:
    old = parse_region_code("0114C1010")
    new = parse_region_code("0114C1010_DeSO2025")
    assert old.code == "0114C1010"
    assert new.code == "0114C1010_DeSO2025"
    assert old != new


def test_county_code_of_a_deso() -> None:
    assert parse_region_code("1480C1234").county_code == "14"


@pytest.mark.parametrize("code", ["26", "0114X1010", "0114C101", "0114C1010_DeSO", "abc", ""])
def test_unknown_codes_are_refused_with_guidance(code) -> None:
    with pytest.raises(SourceError) as info:
        parse_region_code(code)
    assert info.value.code == "unknown_region"
    assert "0114C1010_DeSO2025" in info.value.message
