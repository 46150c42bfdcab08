"""Loading the area registry again writes nothing and leaves the data generation alone; a
registry area someone changed is put right, and only that one."""

import time

import pytest
from django.core.management import call_command

from grogrund.areas.models import Area
from grogrund.areas.registry import load_registry
from grogrund.core import generation

pytestmark = pytest.mark.django_db


def test_a_second_load_creates_and_updates_nothing_and_keeps_the_generation():
    before = generation.current()
    result = load_registry()
    assert (result.created, result.updated, result.unchanged) == (0, 0, 9659)
    assert generation.current() == before


def test_a_changed_name_and_a_missing_area_are_put_right():
    Area.objects.filter(code="0114").update(name="Väsby")
    Area.objects.filter(code="0114C1010").delete()
    before = generation.current()
    result = load_registry()
    assert (result.created, result.updated) == (1, 1)
    assert Area.objects.get(code="0114").name == "Upplands Väsby"
    assert Area.objects.get(code="0114C1010").parent.code == "0114R001"
    assert generation.current() > before


def test_the_command_says_what_it_did(capsys):
    Area.objects.filter(code="01").update(name="Region Stockholm")
    call_command("grogrund_areas", "load", "--language", "en")
    assert "0 created, 1 updated, 9658 unchanged" in capsys.readouterr().out


@pytest.mark.django_db(transaction=True)
def test_loading_an_empty_database_takes_at_most_five_seconds():
    # The registry is there (the migration, or tests/conftest.py after a flush): empty the
    # table and time a load.
    for level in ("deso", "regso", "municipality", "county", "country"):
        Area.objects.filter(level=level).delete()
    start = time.perf_counter()
    result = load_registry()
    elapsed = time.perf_counter() - start
    assert result.created == 9659
    assert elapsed <= 5, f"{elapsed:.1f} s"
