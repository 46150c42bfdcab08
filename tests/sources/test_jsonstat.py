import pytest

from grogrund.sources import SourceError, load_dataset, parse_dataset

from .http_fakes import FIXTURES


@pytest.fixture(scope="module")
def tab6471():
    return load_dataset(FIXTURES / "TAB6471_data.json")


def test_dimensions_in_order_with_sizes(tab6471) -> None:
    assert tab6471.id == ("Region", "Alder", "Kon", "ContentsCode", "Tid")
    assert tab6471.size == (21, 11, 3, 1, 4)
    assert tab6471.table_id == "TAB6471"
    assert tab6471.source == "SCB"
    assert tab6471.updated == "2026-06-08T06:00:00Z"


def test_categories_keep_codes_labels_and_units(tab6471) -> None:
    region = tab6471.dimension("Region")
    assert region.codes[:3] == ("01", "03", "04")
    assert region.label_of("01") == "Stockholms län"
    contents = tab6471.dimension("ContentsCode")
    assert contents.categories[0].unit == {"base": "antal", "decimals": 0}


def test_elimination_extension(tab6471) -> None:
    kon = tab6471.dimension("Kon")
    assert kon.elimination is True
    assert kon.elimination_code == "TotSa"
    assert tab6471.dimension("Region").elimination is False


def test_mandatory_notes(tab6471) -> None:
    assert len(tab6471.mandatory_notes) == 4
    assert "Cell Key Method" in tab6471.mandatory_notes[0]


def test_cells_are_row_major_last_dimension_fastest(tab6471) -> None:
    cells = list(tab6471.cells())
    assert len(cells) == 21 * 11 * 3 * 4
    assert cells[0].coordinates == {
        "Region": "01",
        "Alder": "0-9",
        "Kon": "TotSa",
        "ContentsCode": "000007SF",
        "Tid": "2026M01",
    }
    assert cells[0].value == 245284
    assert cells[1].coordinates["Tid"] == "2026M02"
    assert cells[1].value == 247245
    assert cells[-1].coordinates["Region"] == "25"
    assert cells[-1].value == 54


@pytest.mark.parametrize(
    ("region", "age", "sex", "month", "expected"),
    [
        ("01", "0-9", "1", "2026M01", 125373),  # Stockholm, boys 0–9: index 4
        ("01", "10-19", "TotSa", "2026M01", 297856),  # index 12
        ("03", "20-29", "2", "2026M02", 31506),  # Uppsala, women 20–29: index 165
        ("25", "100+10", "2", "2026M04", 54),  # last cell
    ],
)
def test_hand_checked_cells(tab6471, region, age, sex, month, expected) -> None:
    value = tab6471.value_at(Region=region, Alder=age, Kon=sex, ContentsCode="000007SF", Tid=month)
    assert value == expected


def _tiny(**overrides):
    data = {
        "version": "2.0",
        "class": "dataset",
        "id": ["Region", "Tid"],
        "size": [2, 2],
        "dimension": {
            "Region": {"category": {"index": ["0114", "0115"]}},
            "Tid": {"category": {"index": {"2023": 0, "2024": 1}}},
        },
        "value": [1, None, 3, 4],
    }
    data.update(overrides)
    return data


def test_null_values_are_missing_and_status_is_kept() -> None:
    ds = parse_dataset(_tiny(status={"1": ".."}))
    cells = list(ds.cells())
    assert cells[1].value is None
    assert cells[1].status == ".."
    assert cells[0].status is None


def test_sparse_value_object() -> None:
    ds = parse_dataset(_tiny(value={"0": 1, "3": 4}))
    assert [c.value for c in ds.cells()] == [1, None, None, 4]


def test_value_count_must_match_sizes() -> None:
    with pytest.raises(SourceError) as info:
        parse_dataset(_tiny(value=[1, 2, 3]), file="broken.json")
    assert info.value.code == "invalid_jsonstat"
    assert "broken.json" in str(info.value)


def test_metadata_without_values(tmp_path) -> None:
    ds = load_dataset(FIXTURES / "TAB6471_metadata.json", require_values=False)
    assert ds.size == (312, 134, 3, 1, 16)
