import pytest

from grogrund.sources import ScbClient, ScbConfig, ScbMapping, SourceError, read_jsonstat_file

from .http_fakes import FIXTURES, FakeResponse, FakeSession, fixture_json

ALL_AGES = [
    "0-9",
    "10-19",
    "20-29",
    "30-39",
    "40-49",
    "50-59",
    "60-69",
    "70-79",
    "80-89",
    "90-99",
    "100+10",
]

MAPPING_YAML = """
table_id: TAB6471
indicators:
  - code: population
    value: {Alder: [0-9, 10-19, 20-29, 30-39, 40-49, 50-59, 60-69, 70-79, 80-89, 90-99, 100+10],
            Kon: TotSa, ContentsCode: 000007SF}
  - code: women_20_29_share
    numerator: {Alder: 20-29, Kon: "2"}
    denominator: {Alder: 20-29, Kon: TotSa}
"""


def _records():
    mapping = ScbMapping.from_yaml(MAPPING_YAML)
    return {
        (r.area_code, r.indicator_code, r.period): r
        for r in read_jsonstat_file(FIXTURES / "TAB6471_data.json", mapping)
    }


def test_one_record_per_region_period_and_indicator() -> None:
    assert len(_records()) == 21 * 4 * 2


def test_a_list_of_codes_sums_the_cells() -> None:
    record = _records()[("01", "population", "2026M01")]
    # Sum of the eleven age groups for Stockholms län, January 2026 (TAB6471 values 0, 12, 24…)
    assert record.value == 2_486_498
    assert record.numerator is None
    assert record.source == "SCB TAB6471"
    assert record.location.field == "Region=01, Tid=2026M01"
    assert "Cell Key Method" in record.note


def test_a_ratio_carries_numerator_denominator_and_a_share() -> None:
    record = _records()[("01", "women_20_29_share", "2026M01")]
    assert record.numerator == 140_661
    assert record.denominator == 287_721
    assert record.value == pytest.approx(140_661 / 287_721)  # share in 0–1


def test_percent_scale() -> None:
    mapping = ScbMapping.from_dict(
        {
            "table_id": "TAB6471",
            "indicators": [
                {
                    "code": "w",
                    "numerator": {"Alder": "20-29", "Kon": "2"},
                    "denominator": {"Alder": "20-29", "Kon": "TotSa"},
                    "ratio_scale": "percent",
                }
            ],
        }
    )
    first = next(read_jsonstat_file(FIXTURES / "TAB6471_data.json", mapping))
    assert first.value == pytest.approx(100 * 140_661 / 287_721)


def test_a_dimension_left_open_is_an_error_naming_it() -> None:
    mapping = ScbMapping.from_dict(
        {"table_id": "TAB6471", "indicators": [{"code": "p", "value": {"Kon": "TotSa"}}]}
    )
    with pytest.raises(SourceError) as info:
        list(read_jsonstat_file(FIXTURES / "TAB6471_data.json", mapping))
    assert info.value.code == "ambiguous_dimension"
    assert "Alder" in info.value.message


def test_an_unknown_category_is_an_error() -> None:
    mapping = ScbMapping.from_dict(
        {
            "table_id": "TAB6471",
            "indicators": [{"code": "p", "value": {"Alder": "20-64", "Kon": "TotSa"}}],
        }
    )
    with pytest.raises(SourceError) as info:
        list(read_jsonstat_file(FIXTURES / "TAB6471_data.json", mapping))
    assert info.value.code == "unknown_category"


def test_an_invalid_mapping_says_what_is_wrong() -> None:
    with pytest.raises(SourceError) as info:
        ScbMapping.from_dict(
            {"table_id": "T", "indicators": [{"code": "x", "numerator": {"a": "b"}}]}
        )
    assert info.value.code == "invalid_mapping"
    assert "numerator and denominator" in info.value.message


def test_the_live_reader_resolves_the_selection_and_maps_the_answer() -> None:
    metadata = fixture_json("TAB6471_metadata.json")
    data = fixture_json("TAB6471_data.json")

    def handler(call):
        return FakeResponse(payload=metadata if call.url.endswith("/metadata") else data)

    session = FakeSession(handler)
    client = ScbClient(session=session, config=ScbConfig(), sleep=lambda s: None)
    mapping = ScbMapping.from_yaml(MAPPING_YAML)
    records = list(client.read(mapping, regions=["01"], periods=["2026M01"]))
    body = session.calls[1].kwargs["json"]["selection"]
    sent = {s["variableCode"]: s["valueCodes"] for s in body}
    assert sent["Region"] == ["01"]
    assert sent["Kon"] == ["TotSa", "2"]
    assert sent["Alder"] == ALL_AGES
    assert len(records) == 21 * 4 * 2  # the recorded answer holds all counties
