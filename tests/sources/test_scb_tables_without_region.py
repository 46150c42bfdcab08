"""A table without a region dimension (a national table, or a query that left Region out)
gives Sweden's figures, or those of the region the mapping or the import names."""

import pytest

from grogrund.sources import ScbMapping, SourceError
from grogrund.sources.scb import read_scb_file

from .http_fakes import FIXTURES

NATIONAL = FIXTURES / "pxweb_v1" / "BefolkningNy_civilstand_v1json.json"
MAPPING = {
    "table_id": "BefolkningNy",
    "indicators": [{"code": "married", "value": {"Civilstand": "G"}}],
}


def _read(path, **extra):
    return list(read_scb_file(path, ScbMapping.from_dict(MAPPING | extra)))


def test_a_national_table_is_sweden() -> None:
    records = _read(NATIONAL)
    assert {r.area_code for r in records} == {"00"}
    assert [r.period for r in records] == ["2015", "2016", "2017"]
    assert records[0].value == 3_291_001
    assert records[0].location.field == "region=00, Tid=2015"


def test_a_region_given_for_a_table_without_one() -> None:
    records = _read(NATIONAL, region="0180")
    assert {r.area_code for r in records} == {"0180"}


def test_an_empty_region_means_sweden() -> None:
    assert {r.area_code for r in _read(NATIONAL, region=" ")} == {"00"}


def test_a_region_that_is_not_a_code_is_refused() -> None:
    with pytest.raises(SourceError) as err:
        ScbMapping.from_dict(MAPPING | {"region": "Stockholm"})
    assert "not an SCB region code" in err.value.message


def test_a_table_with_regions_refuses_a_fixed_region() -> None:
    mapping = ScbMapping.from_dict(
        {
            "table_id": "TAB6471",
            "region": "0180",
            "indicators": [{"code": "p", "value": {"Alder": "20-29", "Kon": "TotSa"}}],
        }
    )
    with pytest.raises(SourceError) as err:
        list(read_scb_file(FIXTURES / "TAB6471_data.json", mapping))
    assert err.value.code == "region_given_twice"
    assert "TAB6471_data.json" in err.value.message
    assert "Leave the region out" in err.value.message


def test_a_region_dimension_named_in_the_mapping_must_exist() -> None:
    with pytest.raises(SourceError) as err:
        _read(NATIONAL, region_dimension="Lan")
    assert "has no such dimension" in err.value.message
    assert "Civilstand, Tid, ContentsCode" in err.value.message


def test_the_live_selection_leaves_out_region_for_a_fixed_region() -> None:
    mapping = ScbMapping.from_dict(MAPPING | {"region": "00"})
    assert "Region" not in mapping.selection(regions=["*"], periods=["2020"])
    assert ScbMapping.from_dict(MAPPING).selection(regions=["0180"], periods=["*"])["Region"] == [
        "0180"
    ]
