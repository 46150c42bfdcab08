"""A request reads each data generation once (GenerationMemoMiddleware): a page keyed by the
generation and the sections it keeps under the same generation share one read. A write in the
request empties what was read, so what is rendered after it is keyed with the new generation;
outside a request every call reads the database."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from grogrund.core.generation import GenerationMemoMiddleware, current, data_changed

pytestmark = pytest.mark.django_db


def _generation_reads(queries: CaptureQueriesContext) -> int:
    # SQLite sums a table's rows, PostgreSQL reads its sequences (last_value, is_called).
    return sum(
        q["sql"].lstrip().upper().startswith("SELECT")
        and ("core_datageneration" in q["sql"] or "is_called" in q["sql"])
        for q in queries.captured_queries
    )


def _in_a_request(view):
    return GenerationMemoMiddleware(lambda request: view())(object())


def test_one_read_per_request_and_a_fresh_one_after_a_write():
    seen = {}

    def view():
        with CaptureQueriesContext(connection) as first:
            seen["a"] = current()
            seen["b"] = current()
            seen["statistics"] = current(("statistics",))
        seen["reads_before"] = _generation_reads(first)
        data_changed(scopes=("statistics",))
        with CaptureQueriesContext(connection) as after:
            seen["c"] = current()
            seen["d"] = current()
        seen["reads_after"] = _generation_reads(after)

    _in_a_request(view)
    assert seen["a"] == seen["b"]
    assert seen["reads_before"] == 1  # every scope at once: statistics comes from the same read
    assert seen["c"] > seen["a"]  # the write moved statistics: read again
    assert seen["d"] == seen["c"] and seen["reads_after"] == 1


def test_outside_a_request_every_call_reads():
    with CaptureQueriesContext(connection) as queries:
        current()
        current()
    assert _generation_reads(queries) == 2
