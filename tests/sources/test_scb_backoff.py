import pytest
import requests

from grogrund.sources import RetryPolicy, ScbClient, ScbConfig, SourceError

from .http_fakes import FakeClock, FakeResponse, FakeSession


def _client(answers, max_retries=3):
    clock = FakeClock()
    client = ScbClient(
        session=FakeSession(answers),
        config=ScbConfig(max_calls_per_window=1000, time_window_seconds=1),
        retry=RetryPolicy(max_retries=max_retries, base_seconds=1, max_seconds=30),
        clock=clock,
        sleep=clock.sleep,
    )
    return client, clock


def test_429_waits_as_long_as_retry_after_says() -> None:
    client, clock = _client(
        [FakeResponse(429, headers={"Retry-After": "7"}), FakeResponse(payload={"ok": 1})]
    )
    assert client._get("/config") == {"ok": 1}
    assert clock.sleeps == [7]


def test_429_without_retry_after_backs_off_exponentially() -> None:
    client, clock = _client([FakeResponse(429)] * 3 + [FakeResponse(payload={"ok": 1})])
    assert client._get("/config") == {"ok": 1}
    assert clock.sleeps == [1, 2, 4]


def test_5xx_is_retried_a_bounded_number_of_times() -> None:
    client, _ = _client([FakeResponse(503)] * 10, max_retries=2)
    with pytest.raises(SourceError) as info:
        client._get("/config")
    assert info.value.code == "server_error"
    assert len(client.session.calls) == 3
    assert "503" in info.value.message


def test_429_forever_gives_up_with_advice() -> None:
    client, _ = _client([FakeResponse(429)] * 10, max_retries=2)
    with pytest.raises(SourceError) as info:
        client._get("/config")
    assert info.value.code == "rate_limited"
    assert "try again" in info.value.message


def test_network_errors_are_retried() -> None:
    answers = iter([requests.ConnectionError("down"), FakeResponse(payload={"ok": 1})])

    def handler(call):
        answer = next(answers)
        if isinstance(answer, Exception):
            raise answer
        return answer

    client, clock = _client(handler)
    assert client._get("/config") == {"ok": 1}
    assert clock.sleeps == [1]


def test_4xx_is_not_retried() -> None:
    client, clock = _client([FakeResponse(400)])
    with pytest.raises(SourceError) as info:
        client._get("/tables/NOPE/data")
    assert info.value.code == "http_error"
    assert clock.sleeps == []
