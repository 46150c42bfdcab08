"""Importing the same file twice changes nothing; a changed figure is updated in place."""

from builders import csv_file
from builders import read_records as read
from grogrund.areas.models import Observation
from grogrund.areas.services import import_observations

ROWS = ["9901A0010;employment;2024;45;100", "9901A0020;employment;2024;5;10"]


def _import(org, path):
    return import_observations(records=read(path), owner=org, dataset_name="Exempel", source="Egen")


def test_the_second_import_of_the_same_file_creates_and_updates_nothing(catalogue, tmp_path):
    path = csv_file(tmp_path, "exempel.csv", ROWS)
    _import(catalogue, path)
    before = list(Observation.objects.values_list("id", "value", "retrieved_at"))
    again = _import(catalogue, path)
    assert (again.rows, again.created, again.updated, again.unchanged) == (2, 0, 0, 2)
    assert list(Observation.objects.values_list("id", "value", "retrieved_at")) == before


def test_a_changed_figure_is_updated_and_counted(catalogue, tmp_path):
    _import(catalogue, csv_file(tmp_path, "v1.csv", ROWS))
    changed = _import(
        catalogue, csv_file(tmp_path, "v2.csv", [ROWS[0], "9901A0020;employment;2024;6;10"])
    )
    assert (changed.created, changed.updated, changed.unchanged) == (0, 1, 1)
    assert Observation.objects.count() == 2
    assert Observation.objects.get(area__code="9901A0020").value == 0.6
