"""A large PostgreSQL import skips the per-row foreign-key triggers (half its time), yet the
keys hold exactly as before: every referenced row is checked and locked once, and the database
still refuses to delete an area that has observations."""

import pytest
from django.db import IntegrityError, connection, transaction

from builders import csv_file
from builders import read_records as read
from grogrund.areas import services
from grogrund.areas.models import Area, Observation
from grogrund.areas.services import import_observations

ROWS = ["9901A0010;employment;2024;45;100", "9901A0020;employment;2024;5;10"]

postgresql_only = pytest.mark.skipif(
    connection.vendor != "postgresql", reason="per-row triggers are a PostgreSQL matter"
)


def _import(org, tmp_path, rows=ROWS):
    return import_observations(
        records=read(csv_file(tmp_path, "f.csv", rows)),
        owner=org,
        dataset_name="Exempel",
        source="Egen",
    )


@postgresql_only
def test_triggers_are_back_on_after_the_import(catalogue, tmp_path):
    _import(catalogue, tmp_path)
    with connection.cursor() as cursor:
        cursor.execute("SHOW session_replication_role")
        assert cursor.fetchone()[0] == "origin"


@postgresql_only
def test_the_database_still_refuses_to_delete_an_area_with_observations(catalogue, tmp_path):
    _import(catalogue, tmp_path)
    area = Area.objects.get(code="9901A0010")
    with pytest.raises(IntegrityError), transaction.atomic(), connection.cursor() as cursor:
        cursor.execute(f"DELETE FROM {Area._meta.db_table} WHERE id = %s", [area.pk])
        cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")


@postgresql_only
def test_an_area_removed_during_the_import_stops_it(catalogue, tmp_path, monkeypatch):
    """What the skipped trigger would have caught: a referenced row that is gone."""
    real = services._lock_referenced

    def area_vanishes(cursor, dataset_id, keys):
        keys.used_areas.add(10**9)  # an area id that does not exist
        real(cursor, dataset_id, keys)

    monkeypatch.setattr(services, "_lock_referenced", area_vanishes)
    with pytest.raises(RuntimeError, match="deleted during the import"):
        _import(catalogue, tmp_path)
    assert Observation.objects.count() == 0


@postgresql_only
def test_without_the_privilege_the_import_keeps_the_row_triggers(catalogue, tmp_path, monkeypatch):
    monkeypatch.setattr(services, "_skip_row_triggers", lambda cursor: False)
    result = _import(catalogue, tmp_path)
    assert result.created == 2
    again = _import(catalogue, tmp_path, [*ROWS[:1], "9901A0020;employment;2024;6;10"])
    assert (again.created, again.updated, again.unchanged) == (0, 1, 1)


def test_a_second_import_into_a_dataset_updates_through_the_same_checks(catalogue, tmp_path):
    _import(catalogue, tmp_path)
    again = _import(catalogue, tmp_path, [*ROWS[:1], "9901A0020;employment;2024;6;10"])
    assert (again.created, again.updated, again.unchanged) == (0, 1, 1)
    assert Observation.objects.get(area__code="9901A0020").numerator == 6
