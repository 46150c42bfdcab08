"""Bad input: every figure is checked against its indicator before anything is written.
Infinity and NaN, negative counts, a share's numerator above its denominator and a period
that is not a period are each refused with the file, row and column, and nothing is stored."""

import pytest
from django.utils import translation

from builders import csv_file, make_indicator
from builders import read_records as read
from grogrund.areas.models import Dataset, Observation
from grogrund.areas.services import import_observations
from grogrund.core.errors import user_message
from grogrund.sources import SourceError
from grogrund.sources.records import Location, ObservationRecord


def _import(org, records):
    return import_observations(records=records, owner=org, dataset_name="Test", source="Egen")


def _refused(org, records):
    with pytest.raises(SourceError) as caught:
        _import(org, records)
    assert not Observation.objects.exists() and not Dataset.objects.exists()
    return caught.value


def _value(indicator, value, *, period="2024", row=3):
    return ObservationRecord(
        "9901A0010", indicator, period, value, None, None, "Egen",
        Location(file="egna.csv", row=row, column="D (Värde)"),
    )  # fmt: skip


GOOD = "9901A0010;employment;2023;45;100"


def test_an_overflowing_1e999_in_a_csv_file_is_refused(catalogue, tmp_path):
    path = csv_file(tmp_path, "egna.csv", [GOOD, "9901A0020;employment;2023;1e999;100"])
    err = _refused(catalogue, read(path))
    assert err.location.row == 3


def test_infinity_from_any_reader_is_refused_by_the_import(catalogue):
    good = _value("employment", 0.5, row=2, period="2023")
    err = _refused(catalogue, [good, _value("employment", 1e999)])
    assert err.code == "not_finite"
    with translation.override("en"):
        message = user_message(err)
    assert "egna.csv, row 3, column D (Värde)" in message and "not a finite number" in message


def test_nan_is_refused(catalogue):
    err = _refused(catalogue, [_value("employment", float("nan"))])
    assert err.code == "not_finite"


def test_an_infinite_numerator_is_refused(catalogue):
    record = ObservationRecord(
        "9901A0010", "employment", "2024", None, float("inf"), 100.0, "Egen",
        Location(file="egna.csv", row=4, column="D (numerator)"),
    )  # fmt: skip
    err = _refused(catalogue, [record])
    assert err.code == "not_finite"
    with translation.override("en"):
        assert "the numerator 'inf'" in user_message(err)


def test_a_negative_denominator_is_refused(catalogue, tmp_path):
    path = csv_file(tmp_path, "egna.csv", [GOOD, "9901A0020;employment;2023;5;-100"])
    err = _refused(catalogue, read(path))
    assert err.code == "negative_count"
    with translation.override("en"):
        assert "the denominator -100.0 is negative" in user_message(err)


def test_a_negative_count_indicator_is_refused(catalogue):
    make_indicator("vacancies", kind="count", unit="antal")
    err = _refused(catalogue, [_value("vacancies", -3.0)])
    assert err.code == "negative_count"


def test_a_numerator_above_its_denominator_is_refused_for_a_share(catalogue, tmp_path):
    path = csv_file(tmp_path, "egna.csv", [GOOD, "9901A0020;employment;2023;120;100"])
    err = _refused(catalogue, read(path))
    assert err.code == "numerator_above_denominator"
    with translation.override("en"):
        message = user_message(err)
    assert "egna.csv, row 3" in message and "120.0 is above the denominator 100.0" in message


def test_a_rate_may_exceed_one(catalogue):
    make_indicator("crimes_per_resident", kind="rate", unit="per invånare")
    record = ObservationRecord(
        "9901A0010", "crimes_per_resident", "2024", 1.2, 120.0, 100.0, "Egen",
        Location(file="egna.csv", row=2),
    )  # fmt: skip
    assert _import(catalogue, [record]).created == 1


def test_a_period_that_is_not_a_period_is_refused(catalogue, tmp_path):
    path = csv_file(tmp_path, "egna.csv", [GOOD, "9901A0020;employment;2010-2024;45;100"])
    err = _refused(catalogue, read(path))
    assert err.code == "invalid_period"
    assert "'2010-2024' in egna.csv, row 3 is not a period" in err.message


def test_a_quarter_written_with_q_is_stored_as_scb_writes_it(catalogue):
    _import(catalogue, [_value("employment", 0.5, period="2024Q3")])
    assert Observation.objects.get().period == "2024K3"


def test_the_same_quarter_written_two_ways_is_one_cell_given_twice(catalogue):
    err = _refused(
        catalogue,
        [_value("employment", 0.5, period="2024Q3"), _value("employment", 0.6, period="2024K3")],
    )
    assert err.code == "duplicate_row"
