"""A bad cell stops the import with a message naming file, row and column; nothing is written."""

import pytest
from django.utils import translation

from builders import csv_file
from builders import read_records as read
from grogrund.areas.models import Dataset, Observation
from grogrund.areas.services import import_observations
from grogrund.core.errors import user_message
from grogrund.sources.errors import SourceError

GOOD = "9901A0010;employment;{period};45;100"


def _rows_with_bad_row_7():
    rows = [GOOD.format(period=2015 + i) for i in range(5)]  # rows 2–6
    return [*rows, "9901A0010;employment;2020;fyrtio;100", GOOD.format(period=2021)]


def _import(org, path):
    return import_observations(records=read(path), owner=org, dataset_name="Exempel", source="Egen")


def test_a_bad_number_on_row_7_names_file_row_and_column_in_swedish(catalogue, tmp_path):
    with pytest.raises(SourceError) as caught:
        _import(catalogue, csv_file(tmp_path, "bostader.csv", _rows_with_bad_row_7()))
    with translation.override("sv"):
        message = user_message(caught.value)
    assert "bostader.csv" in message and "rad 7" in message and "kolumn D" in message
    assert "fyrtio" in message and "inte ett tal" in message


def test_the_same_message_is_in_english_for_an_english_user(catalogue, tmp_path):
    with pytest.raises(SourceError) as caught:
        _import(catalogue, csv_file(tmp_path, "bostader.csv", _rows_with_bad_row_7()))
    with translation.override("en"):
        message = user_message(caught.value)
    assert "bostader.csv, row 7, column D" in message and "is not a number" in message


def test_nothing_is_written_when_row_7_is_bad(catalogue, tmp_path):
    with pytest.raises(SourceError):
        _import(catalogue, csv_file(tmp_path, "bostader.csv", _rows_with_bad_row_7()))
    assert Observation.objects.count() == 0
    assert not Dataset.objects.exists()


def test_nothing_is_written_when_the_last_of_many_rows_is_bad(catalogue, tmp_path):
    """12 000 good rows fill more than two write batches before the bad last row is read."""
    _import(catalogue, csv_file(tmp_path, "forsta.csv", [GOOD.format(period=1999)]))
    # 3,000 real periods (months and quarters) × 2 areas × 2 indicators.
    periods = [f"{y}M{m:02d}" for y in range(1900, 2101) for m in range(1, 13)]
    periods += [f"{y}K{q}" for y in range(1900, 2101) for q in range(1, 5)]
    indicators = ("employment", "unemployment")
    good = [
        f"9901A00{(1 + i % 2) * 10};{indicators[i // 2 % 2]};{periods[i // 4]};45;100"
        for i in range(12_000)
    ]
    path = csv_file(tmp_path, "stor.csv", [*good, "9901A0010;employment;x;45;hundra"])
    with pytest.raises(SourceError) as caught:
        _import(catalogue, path)
    assert caught.value.location.row == 12_002
    assert Observation.objects.count() == 1
