"""A fetch that stops half-way (SCB down) keeps what it saved; run again, it fetches only the
parts that are missing, and running it again after that changes nothing."""

import pytest
from fetch_fakes import MUNICIPALITY, serve_fictional_municipality

from builders import make_org
from grogrund.areas import fetch
from grogrund.areas.models import Observation
from grogrund.jobs import services as jobs
from grogrund.jobs.models import Job, JobStatus

pytestmark = pytest.mark.django_db


@pytest.fixture
def server(monkeypatch):
    return serve_fictional_municipality(monkeypatch, fail_tables={"TAB6685"})


def _run(org):
    job = jobs.start_here(
        owner=org,
        user=None,
        kind="fetch_municipality",
        parameters={"municipality": MUNICIPALITY, "periods": []},
        key=fetch.job_key(owner=org, municipality_code=MUNICIPALITY, periods=[]),
    )
    jobs.run(job.pk)
    job.refresh_from_db()
    return job


def _tables(calls):
    return [table for table, _ in calls]


def test_a_failed_fetch_resumes_with_the_missing_parts_only(server):
    org = make_org()
    first = _run(org)
    assert first.status == JobStatus.FAILED
    assert "HTTP 503" in first.error_message and "SCB" in first.error_message
    # TAB6680 and TAB6534 came before the failure and are saved
    assert _tables(server.data_calls)[:2] == ["TAB6680", "TAB6534"]
    saved = Observation.objects.count()
    assert (
        saved
        == Observation.objects.filter(dataset__name__in=["SCB TAB6680", "SCB TAB6534"]).count()
        > 0
    )
    assert len(first.result["done_parts"]) == 2

    server.fail_tables.clear()
    server.data_calls.clear()
    server.kolada_calls.clear()
    second = _run(org)
    assert second.pk != first.pk and second.status == JobStatus.DONE
    assert _tables(server.data_calls) == ["TAB6685", "TAB6683", "TAB6574"]
    assert len(server.kolada_calls) == 1
    assert second.result["skipped"] == 2
    assert second.result["created"] == Observation.objects.count() - saved


def test_a_finished_job_run_again_does_nothing_and_a_new_fetch_changes_nothing(server):
    org = make_org()
    server.fail_tables.clear()
    job = _run(org)
    assert job.status == JobStatus.DONE
    count, calls = Observation.objects.count(), len(server.calls)
    assert jobs.run(job.pk) is None  # the same job twice: not run again
    assert len(server.calls) == calls

    again = _run(org)  # the same fetch asked for anew: fetched again, nothing changes
    assert again.status == JobStatus.DONE
    assert (again.result["created"], again.result["updated"]) == (0, 0)
    assert Observation.objects.count() == count
    assert Job.objects.filter(status=JobStatus.DONE).count() == 2
