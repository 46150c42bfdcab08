"""The live KPI fetch asks SCB for table TAB5737, figure 000004VU, every month (no network
in tests: a fake session answers with a response in the real shape)."""

import json
from pathlib import Path

from grogrund.sources.kpi import (
    KPI2020_CONTENTS_CODE,
    KPI2020_TABLE_ID,
    KPI_CONTENTS_CODE,
    KPI_TABLE_ID,
    fetch_kpi,
    fetch_kpi_2020,
)
from grogrund.sources.scb import ScbClient

from .http_fakes import FakeResponse, FakeSession, fixture_json

DATA = json.loads(
    (Path(__file__).parents[1] / "areas" / "fixtures" / "TAB5737_kpi_2022-2024M03.json").read_text(
        encoding="utf-8"
    )
)


def _answer(call):
    if call.url.endswith("/config"):
        return FakeResponse(payload=fixture_json("config.json"))
    if call.url.endswith(f"/tables/{KPI_TABLE_ID}/metadata"):
        return FakeResponse(payload={k: v for k, v in DATA.items() if k != "value"})
    return FakeResponse(payload=DATA)


def test_the_whole_series_is_fetched_and_the_annual_means_computed() -> None:
    session = FakeSession(_answer)
    table = fetch_kpi(ScbClient(session=session, sleep=lambda s: None))
    post = [c for c in session.calls if c.method == "POST"]
    assert len(post) == 1 and post[0].url.endswith(f"/tables/{KPI_TABLE_ID}/data")
    selection = {s["variableCode"]: s["valueCodes"] for s in post[0].kwargs["json"]["selection"]}
    assert selection["ContentsCode"] == [KPI_CONTENTS_CODE]
    assert len(selection["Tid"]) == 27  # "*" resolved from the table's metadata
    assert table.annual == {"2022": 371.91, "2023": 403.70}


def test_the_2020_table_is_fetched_with_its_own_figure_and_kept_apart() -> None:
    """TAB6596 (2020=100) answers in the same shape with figure 00000808: it comes back
    marked 2020=100, to be linked to the stored 1980=100 series, never as 1980=100."""
    data = json.loads(json.dumps(DATA))
    contents = data["dimension"]["ContentsCode"]["category"]
    contents["index"] = {KPI2020_CONTENTS_CODE: 0}
    contents["label"] = {KPI2020_CONTENTS_CODE: "KPI, fastställda tal, 2020=100"}
    contents["unit"] = {KPI2020_CONTENTS_CODE: {"base": "index", "decimals": 2}}
    data["dimension"]["ContentsCode"]["extension"] = {"elimination": False}

    def answer(call):
        if call.url.endswith("/config"):
            return FakeResponse(payload=fixture_json("config.json"))
        if call.url.endswith(f"/tables/{KPI2020_TABLE_ID}/metadata"):
            return FakeResponse(payload={k: v for k, v in data.items() if k != "value"})
        return FakeResponse(payload=data)

    session = FakeSession(answer)
    table = fetch_kpi_2020(ScbClient(session=session, sleep=lambda s: None))
    post = [c for c in session.calls if c.method == "POST"]
    assert len(post) == 1 and post[0].url.endswith(f"/tables/{KPI2020_TABLE_ID}/data")
    selection = {s["variableCode"]: s["valueCodes"] for s in post[0].kwargs["json"]["selection"]}
    assert selection["ContentsCode"] == [KPI2020_CONTENTS_CODE]
    assert table.base == "2020" and table.annual == {}
    assert table.monthly["2024M03"] == 414.26  # the response's figure, not yet linked
