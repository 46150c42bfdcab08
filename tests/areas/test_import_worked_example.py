"""A worked example file imports with the counts the user is shown."""

from builders import csv_file
from builders import read_records as read
from grogrund.areas.models import Observation
from grogrund.areas.services import import_observations

ROWS = [
    "9901A0010;employment;2024;45;100",
    "9901A0020;employment;2024;5;10",
    "9901;employment;2024;1 234;1 600",
    "9901A0010;unemployment;2024;12;80",
]


def test_a_worked_example_imports_four_rows(catalogue, tmp_path):
    result = import_observations(
        records=read(csv_file(tmp_path, "exempel.csv", ROWS)),
        owner=catalogue,
        dataset_name="Exempel",
        source="Egen",
    )
    assert (result.rows, result.created, result.updated, result.unchanged) == (4, 4, 0, 0)
    stored = Observation.objects.get(area__code="9901", indicator__code="employment")
    assert (stored.numerator, stored.denominator) == (1234, 1600)
    assert stored.value == 1234 / 1600
    assert stored.source == "Egen"
    assert result.dataset.owner == catalogue
