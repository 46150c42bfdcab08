"""`grogrund fetch --municipality CODE` fetches the pack with a progress bar and ends with the
profile's address; without --org the figures belong to the shared open-data organisation and
are public; a fetch that stopped is resumed by running the command again."""

from io import StringIO

import pytest
from django.core.management import CommandError, call_command
from fetch_fakes import MUNICIPALITY, serve_fictional_municipality

from builders import make_org
from grogrund.areas import fetch
from grogrund.areas.models import Dataset
from grogrund.jobs.models import Job

pytestmark = pytest.mark.django_db


@pytest.fixture
def server(monkeypatch):
    return serve_fictional_municipality(monkeypatch)


def _fetch(*args):
    out, err = StringIO(), StringIO()
    call_command("grogrund_fetch", *args, stdout=out, stderr=err)
    return out.getvalue()


def test_the_command_prints_counts_and_the_profile_address(server):
    org = make_org()
    out = _fetch(
        "--municipality", MUNICIPALITY, "--org", org.slug, "--base-url", "http://127.0.0.1:8000"
    )
    assert "nya" in out and "12 anrop" in out
    assert out.rstrip().endswith(f"Profil: http://127.0.0.1:8000/omraden/{MUNICIPALITY}/")
    assert Dataset.objects.filter(owner=org).count() == 6
    assert Job.objects.get().created_by is None


def test_without_org_the_figures_are_public_open_data(server):
    _fetch("--municipality", MUNICIPALITY)
    datasets = Dataset.objects.all()
    assert {d.owner.slug for d in datasets} == {fetch.OPEN_DATA_ORG_SLUG}
    assert {d.visibility for d in datasets} == {"public"}


def test_run_again_after_a_failure_it_fetches_only_what_is_missing(server):
    server.fail_tables = {"TAB6683"}
    with pytest.raises(CommandError, match="HTTP 503"):
        _fetch("--municipality", MUNICIPALITY)
    server.fail_tables = set()
    server.data_calls.clear()
    out = _fetch("--municipality", MUNICIPALITY)
    assert [t for t, _ in server.data_calls] == ["TAB6683", "TAB6574"]
    assert "3 av 6 delar var redan hämtade" in out


def test_an_unknown_municipality_is_a_clear_error(server):
    with pytest.raises(CommandError, match="Det finns ingen kommun med koden 0000"):
        _fetch("--municipality", "0000")
