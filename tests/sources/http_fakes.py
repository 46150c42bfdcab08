"""A tiny stand-in for requests.Session: answers from a script, records every call."""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

FIXTURES = Path(__file__).parent / "fixtures"


def fixture_json(name: str) -> Any:
    return json.loads((FIXTURES / name).read_text(encoding="utf-8"))


@dataclass
class FakeResponse:
    status_code: int = 200
    payload: Any = None
    headers: dict[str, str] = field(default_factory=dict)

    def json(self) -> Any:
        if self.payload is None:
            raise ValueError("no JSON")
        return self.payload


@dataclass
class Call:
    method: str
    url: str
    kwargs: dict[str, Any]


class FakeSession:
    """`handler(call)` returns the response; or a list of responses served in order."""

    def __init__(self, answers: list[FakeResponse] | Callable[[Call], FakeResponse]) -> None:
        self.answers = answers
        self.calls: list[Call] = []

    def request(self, method: str, url: str, **kwargs: Any) -> FakeResponse:
        call = Call(method, url, kwargs)
        self.calls.append(call)
        if callable(self.answers):
            return self.answers(call)
        return self.answers.pop(0)


class FakeClock:
    """A clock that only moves when the code under test sleeps."""

    def __init__(self) -> None:
        self.now = 0.0
        self.sleeps: list[float] = []

    def __call__(self) -> float:
        return self.now

    def sleep(self, seconds: float) -> None:
        self.sleeps.append(seconds)
        self.now += seconds
