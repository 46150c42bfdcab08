"""Region labels as Statistikdatabasen gives them are matched to area codes (sources.regions)."""

import pytest

from grogrund.sources.regions import RegionEntry, RegionLookupError, RegionMatcher

ENTRIES = [
    RegionEntry("00", "Riket", "country"),
    RegionEntry("01", "Region Stockholm", "county", aliases=("Stockholms län",)),
    RegionEntry("17", "Region Värmland", "county", aliases=("Värmlands län",)),
    RegionEntry("0114", "Upplands Väsby", "municipality"),
    RegionEntry("1280", "Malmö", "municipality"),
    RegionEntry("1737", "Torsby", "municipality"),
    RegionEntry("0114R001", "Bollstanäs", "regso", "0114", "Upplands Väsby"),
    RegionEntry("1737R001", "Torsby", "regso", "1737", "Torsby"),
    RegionEntry("0380R010", "Tuna", "regso", "0380", "Uppsala"),
    RegionEntry("0484R012", "Tuna", "regso", "0484", "Eskilstuna"),
    RegionEntry("0114C1010", "Bollstanäs (1010)", "deso", "0114", "Upplands Väsby"),
]
MATCHER = RegionMatcher(ENTRIES)


@pytest.mark.parametrize(
    "label,code",
    [
        ("0114", "0114"),
        ("114", "0114"),
        ("Upplands Väsby", "0114"),
        ("  upplands  väsby ", "0114"),
        ("0114 Upplands Väsby", "0114"),
        ("17 Värmlands län", "17"),
        ("Stockholms län", "01"),
        ("Region Stockholm", "01"),
        ("Stockholm county", "01"),
        ("Riket", "00"),
        ("Sverige", "00"),
        ("00 Riket", "00"),
        ("Upplands Väsby (Bollstanäs)", "0114R001"),
        ("Uppsala (Tuna )", "0380R010"),
        ("Bollstanäs (1010)", "0114C1010"),
        ("Malmo", "1280"),
    ],
)
def test_a_label_names_one_area(label, code) -> None:
    assert MATCHER.match(label) == code


def test_a_name_several_areas_carry_lists_the_candidates_with_codes() -> None:
    with pytest.raises(RegionLookupError) as caught:
        MATCHER.match("Tuna ")
    assert caught.value.reason == "ambiguous"
    assert [c[0] for c in caught.value.candidates] == ["0380R010", "0484R012"]


def test_a_municipality_and_a_regso_of_the_same_name_are_ambiguous_without_a_level() -> None:
    with pytest.raises(RegionLookupError):
        MATCHER.match("Torsby")
    assert RegionMatcher(ENTRIES, level="municipality").match("Torsby") == "1737"
    assert RegionMatcher(ENTRIES, level="regso").match("Torsby") == "1737R001"


def test_a_code_whose_name_is_another_areas_is_refused() -> None:
    with pytest.raises(RegionLookupError) as caught:
        MATCHER.match("0114 Malmö")
    assert caught.value.reason == "code_name_mismatch"


def test_exact_accents_win_over_a_name_without_them() -> None:
    matcher = RegionMatcher([*ENTRIES, RegionEntry("9999", "Malmo", "municipality")])
    assert matcher.match("Malmö") == "1280"
    assert matcher.match("Malmo") == "9999"


def test_a_name_without_accents_fitting_two_areas_is_ambiguous() -> None:
    matcher = RegionMatcher(
        [RegionEntry("1", "Åsa", "regso", "1", "A"), RegionEntry("2", "Äsa", "regso", "2", "B")]
    )
    with pytest.raises(RegionLookupError):
        matcher.match("Asa")
    assert matcher.match("Åsa") == "1"


def test_an_unknown_name_is_unknown() -> None:
    with pytest.raises(RegionLookupError) as caught:
        MATCHER.match("Atlantis")
    assert caught.value.reason == "unknown"
