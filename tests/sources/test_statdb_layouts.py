"""Files as Statistikdatabasen gives them: region names, periods as columns, filters, numerator
and denominator on separate rows, monthly periods, title and note rows, encodings."""

from pathlib import Path

import pytest

from grogrund.sources import ColumnMapping, SourceError, read_csv
from grogrund.sources.regions import RegionEntry, RegionMatcher

REGIONS = RegionMatcher(
    [
        RegionEntry("00", "Riket", "country"),
        RegionEntry("17", "Region Värmland", "county", aliases=("Värmlands län",)),
        RegionEntry("0114", "Upplands Väsby", "municipality"),
        RegionEntry("0180", "Stockholm", "municipality"),
        RegionEntry("0380R010", "Tuna", "regso", "0380", "Uppsala"),
        RegionEntry("0484R012", "Tuna", "regso", "0484", "Eskilstuna"),
    ]
)


def _write(tmp_path: Path, text: str, encoding: str = "utf-8", name: str = "tab.csv") -> Path:
    path = tmp_path / name
    path.write_bytes(text.encode(encoding))
    return path


def _read(path: Path, **mapping) -> list:
    return list(read_csv(path, ColumnMapping.from_dict(mapping), regions=REGIONS))


def _rows(records) -> list[tuple]:
    return [(r.area_code, r.period, r.value, r.numerator, r.denominator) for r in records]


def test_years_as_columns_become_one_figure_per_year(tmp_path) -> None:
    path = _write(
        tmp_path,
        '"region","kön","Antal 2020","Antal 2021"\n'
        '"0114 Upplands Väsby","totalt",47820,48223\n'
        '"17 Värmlands län","totalt",282414,..\n',
    )
    records = _read(path, area_code="region", indicator="population", period_columns="auto")
    assert _rows(records) == [
        ("0114", "2020", 47820.0, None, None),
        ("0114", "2021", 48223.0, None, None),
        ("17", "2020", 282414.0, None, None),
        ("17", "2021", None, None, None),
    ]
    assert records[3].status == ".."
    assert records[1].location.column == "D (Antal 2021)"


def test_period_columns_can_be_named(tmp_path) -> None:
    path = _write(tmp_path, "region;2020;2021;2022\nStockholm;1;2;3\n")
    records = _read(path, area_code="region", indicator="x", period_columns=["2021", "2022"])
    assert [(r.period, r.value) for r in records] == [("2021", 2.0), ("2022", 3.0)]


def test_a_filter_keeps_only_the_rows_asked_for(tmp_path) -> None:
    path = _write(
        tmp_path,
        "region;kön;2023\nStockholm;män;10\nStockholm;kvinnor;11\nStockholm;totalt;21\n",
    )
    records = _read(
        path, area_code="region", indicator="x", period_columns="auto", filters={"Kön": "Totalt"}
    )
    assert _rows(records) == [("0180", "2023", 21.0, None, None)]


def test_a_filter_that_keeps_nothing_names_the_column_and_the_values_present(tmp_path) -> None:
    path = _write(tmp_path, "region;kön;2023\nStockholm;män;10\nStockholm;kvinnor;11\n")
    with pytest.raises(SourceError) as caught:
        _read(
            path,
            area_code="region",
            indicator="x",
            period_columns="auto",
            filters={"kön": "totalt"},
        )
    assert caught.value.code == "filter_keeps_nothing"
    assert "B (kön)" in caught.value.message
    assert "'män', 'kvinnor'" in caught.value.message


def test_numerator_and_denominator_rows_combine_into_a_share(tmp_path) -> None:
    path = _write(
        tmp_path,
        "region;sysselsättning;kön;2022;2023\n"
        "0114 Upplands Väsby;förvärvsarbetande;totalt;24000;24500\n"
        "0114 Upplands Väsby;ej förvärvsarbetande;totalt;6000;5500\n"
        "0114 Upplands Väsby;totalt;totalt;30000;30000\n",
    )
    records = _read(
        path,
        area_code="region",
        indicator="employment",
        period_columns="auto",
        rows_rule={
            "column": "sysselsättning",
            "numerator": "förvärvsarbetande",
            "denominator": "totalt",
        },
    )
    assert _rows(records) == [
        ("0114", "2022", 0.8, 24000.0, 30000.0),
        ("0114", "2023", 24500 / 30000, 24500.0, 30000.0),
    ]


def test_a_numerator_row_without_its_denominator_is_an_error(tmp_path) -> None:
    path = _write(
        tmp_path,
        "region;sysselsättning;år;antal\n"
        "Stockholm;förvärvsarbetande;2023;10\n"
        "Stockholm;förvärvsarbetande;2024;11\n"
        "Stockholm;totalt;2023;20\n",
    )
    with pytest.raises(SourceError) as caught:
        _read(
            path,
            area_code="region",
            indicator="x",
            period="år",
            value="antal",
            rows_rule={
                "column": "sysselsättning",
                "numerator": "förvärvsarbetande",
                "denominator": "totalt",
            },
        )
    assert caught.value.code == "unpaired_row"
    assert caught.value.location.row == 3


def test_monthly_periods_as_published_and_from_year_and_month_columns(tmp_path) -> None:
    path = _write(tmp_path, "region;månad;antal\nRiket;2024M09;5\nRiket;2024m10;6\n")
    records = _read(path, area_code="region", indicator="x", period="månad", value="antal")
    assert [r.period for r in records] == ["2024M09", "2024M10"]
    path = _write(tmp_path, "region;År;Månad;antal\nRiket;2024;9;5\nRiket;2024;oktober;6\n")
    records = _read(
        path, area_code="region", indicator="x", period="År", month="Månad", value="antal"
    )
    assert [r.period for r in records] == ["2024M09", "2024M10"]
    path = _write(tmp_path, "region;2024K3;2024K4\nRiket;1;2\n")
    records = _read(path, area_code="region", indicator="x", period_columns="auto")
    assert [r.period for r in records] == ["2024K3", "2024K4"]


def test_a_title_above_and_notes_below_the_table_are_skipped(tmp_path) -> None:
    path = _write(
        tmp_path,
        "Folkmängd efter region och år\n\n"
        '"region","2023"\n"0114 Upplands Väsby",48500\n\n'
        '"Källa: SCB, befolkningsstatistik"\n"Uppgifterna avser 31 december."\n',
    )
    records = _read(path, area_code="region", indicator="x", period_columns="auto")
    assert _rows(records) == [("0114", "2023", 48500.0, None, None)]
    assert records[0].location.row == 4


def test_header_row_can_be_given(tmp_path) -> None:
    path = _write(tmp_path, "Titel;;\nregion;2023\nStockholm;7\n")
    records = _read(path, area_code="region", indicator="x", period_columns="auto", header_row=2)
    assert _rows(records) == [("0180", "2023", 7.0, None, None)]


@pytest.mark.parametrize(
    "encoding,newline,bom",
    [
        ("cp1252", "\r\n", ""),
        ("utf-8", "\n", "\ufeff"),
        ("utf-8", "\r\r\n", ""),
        ("cp1252", "\r\r\n", ""),
    ],
)
def test_encodings_and_line_ends_as_saved_by_windows_tools(
    tmp_path, encoding, newline, bom
) -> None:
    text = bom + newline.join(
        ["region;kön;2023", "Upplands Väsby;totalt;5", "Värmlands län;totalt;6", ""]
    )
    path = _write(tmp_path, text, encoding)
    records = _read(path, area_code="region", indicator="x", period_columns="auto")
    assert _rows(records) == [("0114", "2023", 5.0, None, None), ("17", "2023", 6.0, None, None)]
    assert [r.location.row for r in records] == [2, 3]


def test_a_trailing_space_in_a_name_is_ignored_but_an_ambiguous_name_is_refused(
    tmp_path,
) -> None:
    path = _write(tmp_path, "region;2023\nStockholm ;1\nTuna ;2\n")
    with pytest.raises(SourceError) as caught:
        _read(path, area_code="region", indicator="x", period_columns="auto")
    message = caught.value.message
    assert caught.value.code == "ambiguous_area"
    assert caught.value.location.row == 3
    assert "0380R010 Tuna (Uppsala)" in message and "0484R012 Tuna (Eskilstuna)" in message
    assert "Kommun (RegSO)" in message


def test_the_declared_scale_travels_with_every_figure(tmp_path) -> None:
    path = _write(tmp_path, "region;2023\nStockholm;312,4\n")
    (record,) = _read(
        path, area_code="region", indicator="x", period_columns="auto", scale="thousands"
    )
    assert (record.value, record.scale) == (312.4, "thousands")


def test_a_region_name_without_a_registry_stays_as_written(tmp_path) -> None:
    path = _write(tmp_path, "region;2023\nStockholm;1\n")
    mapping = ColumnMapping.from_dict(
        {"area_code": "region", "indicator": "x", "period_columns": "auto"}
    )
    (record,) = read_csv(path, mapping)
    assert record.area_code == "Stockholm"
