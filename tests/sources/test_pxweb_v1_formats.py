"""PxWeb v1 responses (api.scb.se/OV0104/v1) read like PxWebApi 2.0: the v1 "json" format,
JSON-stat 1.0 and json-stat2, told apart by their content, through the same ScbMapping."""

import json

import pytest

from grogrund.sources import ScbMapping, SourceError
from grogrund.sources.scb import load_scb_datasets, read_scb_file

from .http_fakes import FIXTURES

V1 = FIXTURES / "pxweb_v1"


def _records(path, mapping):
    return {
        (r.area_code, r.indicator_code, r.period): r
        for r in read_scb_file(path, ScbMapping.from_dict(mapping))
    }


POPULATION = {
    "table_id": "BefolkningNy",
    "indicators": [{"code": "married", "value": {"Civilstand": "G"}}],
}


def test_v1_json_real_response_hand_checked_figures() -> None:
    records = _records(V1 / "BefolkningNy_civilstand_v1json.json", POPULATION)
    # BefolkningNy, gifta (G): 2015 3 291 001, 2016 3 329 589, 2017 3 358 397 (national).
    assert records[("00", "married", "2015")].value == 3_291_001
    assert records[("00", "married", "2016")].value == 3_329_589
    assert records[("00", "married", "2017")].value == 3_358_397
    assert records[("00", "married", "2017")].source == "SCB BefolkningNy"


def test_v1_json_content_columns_become_the_contents_code_dimension() -> None:
    (dataset,) = load_scb_datasets(V1 / "ME0104T24_v1json.json")
    assert dataset.id == ("Parti", "Kon", "Tid", "ContentsCode")
    assert dataset.dimension("ContentsCode").codes == ("ME0104AV",)
    assert dataset.role["time"] == ["Tid"]
    records = _records(
        V1 / "ME0104T24_v1json.json",
        {
            "table_id": "ME0104T24",
            "indicators": [
                {"code": "votes_m", "value": {"Parti": "M", "ContentsCode": "ME0104AV"}},
                {"code": "votes_c", "value": {"Parti": "C"}},
            ],
        },
    )
    # Personal votes for M, men (Kon 1), 2002: 133 222; for C: 59 183.
    assert records[("00", "votes_m", "2002")].value == 133_222
    assert records[("00", "votes_c", "2002")].value == 59_183
    assert len(records) == 2


def test_jsonstat1_hand_checked_figures() -> None:
    records = _records(
        V1 / "BefolkningNy_civilstand_jsonstat1.json",
        POPULATION
        | {
            "indicators": [
                {"code": "married", "value": {"Civilstand": "G"}},
                {"code": "widowed", "value": {"Civilstand": "ÄNKL"}},
            ]
        },
    )
    assert records[("00", "married", "2016")].value == 3_329_589
    assert records[("00", "widowed", "2015")].value == 444_759
    assert records[("00", "widowed", "2017")].value == 435_643


def test_the_format_is_told_by_content_not_by_file_name(tmp_path) -> None:
    for name in ("BefolkningNy_civilstand_v1json.json", "BefolkningNy_civilstand_jsonstat1.json"):
        renamed = tmp_path / f"{name}.txt"
        renamed.write_bytes((V1 / name).read_bytes())
        records = _records(renamed, POPULATION)
        assert records[("00", "married", "2015")].value == 3_291_001
    jsonstat2 = tmp_path / "download.px"  # a json-stat2 body under a misleading name
    jsonstat2.write_bytes((FIXTURES / "TAB6471_data.json").read_bytes())
    (dataset,) = load_scb_datasets(jsonstat2)
    assert dataset.table_id == "TAB6471"


def test_several_content_columns_give_one_value_per_contents_code(tmp_path) -> None:
    path = tmp_path / "v1.json"
    path.write_text(
        json.dumps(
            {
                "columns": [
                    {"code": "Region", "text": "region", "type": "d"},
                    {"code": "Tid", "text": "år", "type": "t"},
                    {"code": "HE0110J8", "text": "Medianinkomst, tkr", "type": "c"},
                    {"code": "HE0110J7", "text": "Antal personer", "type": "c"},
                ],
                "comments": [],
                "data": [
                    {"key": ["0180", "2022"], "values": ["312.4", "812345"]},
                    {"key": ["0114", "2022"], "values": ["..", "-"]},
                ],
            }
        ),
        encoding="utf-8",
    )
    records = _records(
        path,
        {
            "table_id": "HE0110",
            "indicators": [
                {
                    "code": "median_income",
                    "value": {"ContentsCode": "HE0110J8"},
                    "scale": "thousands",
                },
                {"code": "people", "value": {"ContentsCode": "HE0110J7"}},
            ],
        },
    )
    assert records[("0180", "median_income", "2022")].value == 312.4
    assert records[("0180", "median_income", "2022")].scale == "thousands"
    assert records[("0180", "people", "2022")].value == 812_345
    missing = records[("0114", "median_income", "2022")]
    assert (missing.value, missing.status) == (None, "..")
    nil = records[("0114", "people", "2022")]
    assert (nil.value, nil.status) == (0.0, "")  # "-": nothing to report, a true zero


@pytest.mark.parametrize(
    ("body", "says"),
    [
        ({"columns": [{"code": "Tid", "type": "t"}], "data": []}, "no column of type c"),
        (
            {
                "columns": [{"code": "Tid", "type": "t"}, {"code": "X", "type": "c"}],
                "data": [{"key": ["2020", "extra"], "values": ["1"]}],
            },
            "data item 1 has a key of 2 codes",
        ),
        (
            {
                "columns": [{"code": "Tid", "type": "t"}, {"code": "X", "type": "c"}],
                "data": [{"key": ["2020"], "values": ["12,5"]}],
            },
            "'12,5'",
        ),
        ({"something": "else"}, "neither JSON-stat nor PxWeb json"),
    ],
)
def test_bad_shapes_name_the_file_and_what_to_do(tmp_path, body, says) -> None:
    path = tmp_path / "svar.json"
    path.write_text(json.dumps(body), encoding="utf-8")
    with pytest.raises(SourceError) as err:
        list(
            read_scb_file(
                path,
                ScbMapping.from_dict({"table_id": "X", "indicators": [{"code": "x", "value": {}}]}),
            )
        )
    assert "svar.json" in err.value.message
    assert says in err.value.message
    assert "Save" in err.value.message
