"""The editor's small parts: an uncertain number and amounts by year survive the trip from the
model to the form and back."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from grogrund.valuations.forms import QuantityField, QuantityWidget, format_by_year, parse_by_year

amounts = st.floats(min_value=-1e9, max_value=1e9, allow_nan=False).map(lambda x: round(x, 2))


@given(st.dictionaries(st.integers(1990, 2100), amounts, max_size=12))
def test_amounts_by_year_round_trip(values):
    assert parse_by_year(format_by_year(values)) == {y: float(v) for y, v in values.items()}


@given(st.integers(1990, 2100), st.lists(amounts, min_size=3, max_size=3).map(sorted))
def test_a_range_by_year_round_trips(year, lmh):
    low, likely, high = lmh
    value = {"low": low, "likely": likely, "high": high}
    assert parse_by_year(format_by_year({year: value})) == {year: value}


def test_swedish_decimal_commas_and_spaces_are_read():
    assert parse_by_year("2026: 800 000\n2027: 1,5") == {2026: 800000.0, 2027: 1.5}


@given(amounts)
def test_a_plain_number_stays_a_number(x):
    field = QuantityField()
    widget = QuantityWidget()
    assert field.clean(widget.decompress(x)) == x


@given(st.lists(amounts, min_size=3, max_size=3).map(sorted), st.sampled_from(["", "uniform"]))
def test_a_range_stays_a_range(lmh, dist):
    low, likely, high = lmh
    spec = {"low": low, "likely": likely, "high": high}
    if dist:
        spec["distribution"] = dist
    field = QuantityField()
    assert field.clean(QuantityWidget().decompress(spec)) == spec
