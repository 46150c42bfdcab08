"""Real downloads from SCB's Statistikdatabasen (and a file a region built from it) read as
downloaded; three figures per file checked by hand against the file (fixtures/statdb/README.md)."""

from pathlib import Path

from grogrund.sources import ColumnMapping, read_csv
from grogrund.sources.regions import RegionEntry, RegionMatcher

FIXTURES = Path(__file__).parent / "fixtures" / "statdb"
REGIONS = RegionMatcher(
    [
        RegionEntry("00", "Riket", "country"),
        RegionEntry("01", "Region Stockholm", "county", aliases=("Stockholms län",)),
        RegionEntry("03", "Region Uppsala", "county", aliases=("Uppsala län",)),
        RegionEntry("06", "Region Jönköpings län", "county", aliases=("Jönköpings län",)),
        RegionEntry("13", "Region Halland", "county", aliases=("Hallands län",)),
        RegionEntry("1380", "Halmstad", "municipality"),
        RegionEntry("1382", "Falkenberg", "municipality"),
    ]
)


def _figures(name: str, **mapping) -> dict[tuple[str, str], float | None]:
    records = read_csv(FIXTURES / name, ColumnMapping.from_dict(mapping), regions=REGIONS)
    return {(r.area_code, r.period): r.value for r in records}


def test_education_level_by_county_in_swedish_cp1252() -> None:
    # UF0506A1: "01 Stockholms län", one year column, filters on kön and utbildningsnivå.
    women = _figures(
        "UF0506A1.csv",
        area_code="region",
        indicator="doctoral_education",
        period_columns="auto",
        filters={"kön": "kvinnor", "utbildningsnivå": "forskarutbildning"},
    )
    assert women == {("01", "2017"): 11124.0, ("03", "2017"): 3652.0}
    men = _figures(
        "UF0506A1.csv",
        area_code="region",
        indicator="doctoral_education",
        period_columns="auto",
        filters={"kön": "män", "utbildningsnivå": "forskarutbildning", "ålder": "totalt 16-74 år"},
    )
    assert men[("01", "2017")] == 15108.0


def test_english_download_with_county_labels_and_years_as_columns() -> None:
    # 000000NL: "06 Jönköping county", years 2014–2017 as columns, filter on sex.
    women = _figures(
        "000000NL.csv",
        area_code="region",
        indicator="technicians",
        period_columns="auto",
        filters={"sex": "women"},
    )
    assert women[("06", "2014")] == 526.0
    assert women[("06", "2017")] == 702.0
    men = _figures(
        "000000NL.csv",
        area_code="region",
        indicator="technicians",
        period_columns="auto",
        filters={"sex": "men"},
    )
    assert men[("06", "2016")] == 3182.0


def test_population_by_name_municipality_county_and_country() -> None:
    # befolkningsdata.csv: regions by plain name, "Hallands län", "Riket".
    figures = _figures(
        "befolkningsdata.csv",
        area_code="Region",
        indicator="population",
        period="År",
        value="Folkmängd",
    )
    assert figures[("1382", "2024")] == 47337.0
    assert figures[("13", "2019")] == 333848.0
    assert figures[("00", "2022")] == 10521556.0
    assert len(figures) == 24


def test_births_filtered_from_a_long_file_of_several_variables() -> None:
    # fodelsenetto.csv: Variabel Födda/Döda/Födelsenetto; datakalla historisk/prognos.
    figures = _figures(
        "fodelsenetto.csv",
        area_code="Region",
        indicator="births",
        period="År",
        value="Värde",
        filters={"Variabel": "Födda", "datakalla": "historisk"},
    )
    assert figures[("1380", "2023")] == 974.0
    assert figures[("13", "2024")] == 3141.0
    assert figures[("1382", "2022")] == 492.0
    assert len(figures) == 9  # the 2026 forecast row is left out
