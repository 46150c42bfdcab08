from grogrund.sources import ScbClient, ScbConfig, plan_batches
from grogrund.sources.scb import cell_count

from .http_fakes import FakeClock, FakeResponse, FakeSession, fixture_json


def test_a_small_selection_is_one_batch() -> None:
    selection = {"Region": ["01", "03"], "Tid": ["2023"]}
    assert plan_batches(selection, 150_000) == [selection]


def test_splits_along_the_largest_dimension_under_max_cells() -> None:
    deso = [f"0114C{i:04d}" for i in range(5984)]
    selection = {
        "Region": deso,
        "Tid": ["2019", "2020", "2021"],
        "ContentsCode": list("abcdefghij"),
    }
    batches = plan_batches(selection, 150_000)
    # 5,984 × 3 × 10 = 179,520 cells; 150,000 // 30 = 5,000 regions per call → 2 calls
    assert [len(b["Region"]) for b in batches] == [5000, 984]
    assert all(cell_count(b) <= 150_000 for b in batches)
    assert [r for b in batches for r in b["Region"]] == deso
    assert all(b["Tid"] == ["2019", "2020", "2021"] for b in batches)


def test_splits_a_second_dimension_when_one_region_is_too_many_cells() -> None:
    selection = {"Region": ["01", "03"], "Alder": [str(a) for a in range(100)], "Tid": ["1", "2"]}
    batches = plan_batches(selection, 50)
    assert all(cell_count(b) <= 50 for b in batches)
    assert sum(cell_count(b) for b in batches) == 400


def test_config_is_read_from_the_api() -> None:
    session = FakeSession([FakeResponse(payload=fixture_json("config.json"))])
    client = ScbClient(session=session, sleep=lambda s: None)
    config = client.get_config()
    assert config.max_data_cells == 150_000
    assert config.max_calls_per_window == 3
    assert config.time_window_seconds == 1
    assert config.source_reference == "Källa: SCB"
    assert session.calls[0].url == "https://statistikdatabasen.scb.se/api/v2/config"


def test_fetch_posts_one_call_per_batch_and_reports_progress() -> None:
    data = fixture_json("TAB6471_data.json")
    session = FakeSession(lambda call: FakeResponse(payload=data))
    clock = FakeClock()
    client = ScbClient(
        "https://example.test/api/v2/",
        session=session,
        config=ScbConfig(max_data_cells=10, max_calls_per_window=30, time_window_seconds=10),
        clock=clock,
        sleep=clock.sleep,
    )
    progress: list[tuple[int, int]] = []
    selection = {"Region": ["01", "03", "04", "05"], "Tid": ["2026M01", "2026M02", "2026M03"]}
    datasets = list(
        client.fetch("TAB6471", selection, on_progress=lambda d, t: progress.append((d, t)))
    )
    # 12 cells, at most 10 per call → 3 regions × 3 months, then 1 region × 3 months
    assert len(datasets) == 2
    assert progress == [(0, 2), (1, 2), (2, 2)]
    first = session.calls[0]
    assert first.method == "POST"
    assert first.url == "https://example.test/api/v2/tables/TAB6471/data"
    assert first.kwargs["params"]["outputFormat"] == "json-stat2"
    assert first.kwargs["json"]["selection"][0] == {
        "variableCode": "Region",
        "valueCodes": ["01", "03", "04"],
    }


def test_calls_per_window_are_respected() -> None:
    clock = FakeClock()
    session = FakeSession(lambda call: FakeResponse(payload={"ok": True}))
    client = ScbClient(
        session=session,
        config=ScbConfig(max_calls_per_window=3, time_window_seconds=1),
        clock=clock,
        sleep=clock.sleep,
    )
    call_times = []
    for _ in range(7):
        client._get("/config")
        call_times.append(clock.now)
    # three calls per second: the 4th waits until t=1, the 7th until t=2
    assert call_times == [0, 0, 0, 1, 1, 1, 2]
