"""Scales and units: the stored value is always in the indicator's unit. A figure published in
percent or in thousands is converted on import, the import says what it converted, and a share
that is still outside 0–1 after its scale is refused with a message naming the scale."""

import pytest
from django.utils import translation

from builders import make_indicator, make_org
from grogrund.areas.models import Area, AreaLevel, Dataset, Observation
from grogrund.areas.services import import_observations
from grogrund.core.errors import user_message
from grogrund.sources import SourceError, read_kolada_file
from grogrund.sources.records import Location, ObservationRecord
from sources.http_fakes import FIXTURES

KOLADA_FILE = FIXTURES / "kolada_v3_N15428_pages.json"


def _area(code: str, level: str = AreaLevel.MUNICIPALITY) -> Area:
    # The area registry may already hold the real municipality.
    return Area.objects.get_or_create(code=code, defaults={"name": code, "level": level})[0]


@pytest.fixture
def kolada_areas(db):
    for code in ("0138", "0180"):
        _area(code)
    _area("00", AreaLevel.COUNTRY)


def _record(indicator, value, scale, *, row=2, period="2023", area="0138", **kw):
    return ObservationRecord(
        area_code=area,
        indicator_code=indicator,
        period=period,
        value=value,
        numerator=kw.get("numerator"),
        denominator=kw.get("denominator"),
        source="SCB",
        location=Location(file="inkomst.csv", row=row, column="C (Värde)"),
        scale=scale,
    )


def _import(org, records, name="Test"):
    return import_observations(records=records, owner=org, dataset_name=name, source="Test")


def test_a_kolada_share_of_74_1_percent_is_stored_as_0_741(kolada_areas):
    make_indicator("N15428", kind="share")
    result = _import(make_org(), read_kolada_file(KOLADA_FILE))
    stored = Observation.objects.get(area__code="0138", period="2023")
    assert stored.value == pytest.approx(0.741)
    assert Observation.objects.get(area__code="00").value == pytest.approx(0.846)
    assert result.conversions == {"N15428": ("percent_for_shares", 3)}


def test_a_kolada_count_is_not_converted(kolada_areas):
    make_indicator("N15428", kind="count", unit="antal")
    result = _import(make_org(), read_kolada_file(KOLADA_FILE))
    assert Observation.objects.get(area__code="0138", period="2023").value == 74.1
    assert result.conversions == {}


def test_a_share_of_174_percent_is_refused_naming_the_scale(kolada_areas):
    make_indicator("andel", kind="share")
    bad = _record("andel", 174.0, "percent", row=9, area="0180")
    with pytest.raises(SourceError) as caught:
        _import(make_org(), [_record("andel", 74.1, "percent"), bad])
    assert caught.value.code == "share_out_of_range"
    with translation.override("en"):
        message = user_message(caught.value)
    assert "inkomst.csv, row 9, column C (Värde)" in message
    assert "174.0 as published" in message and "'percent'" in message and "1.74" in message
    assert "declare scale: percent" in message
    assert not Dataset.objects.exists() and not Observation.objects.exists()


def test_a_share_published_in_percent_without_a_scale_says_to_declare_one(kolada_areas):
    make_indicator("andel", kind="share")
    with pytest.raises(SourceError) as caught:
        _import(make_org(), [_record("andel", 74.1, "unit")])
    with translation.override("sv"):
        message = user_message(caught.value)
    assert "74.1" in message and "'unit'" in message and "scale: percent" in message


def test_scb_thousands_of_kronor_become_kronor_for_a_money_indicator(kolada_areas):
    make_indicator("median_income", kind="money", unit="kr")
    records = [
        _record("median_income", 312.4, "thousands", area="0138"),
        _record("median_income", 298.1, "thousands", area="0180", row=3),
    ]
    result = _import(make_org(), records)
    assert Observation.objects.get(area__code="0138").value == pytest.approx(312_400)
    assert Observation.objects.get(area__code="0180").value == pytest.approx(298_100)
    assert result.conversions == {"median_income": ("thousands", 2)}


def test_numerator_and_denominator_are_never_scaled(kolada_areas):
    make_indicator("andel", kind="share")
    _import(make_org(), [_record("andel", 45.0, "percent", numerator=45.0, denominator=100.0)])
    stored = Observation.objects.get()
    assert (stored.value, stored.numerator, stored.denominator) == (0.45, 45.0, 100.0)


def test_an_unknown_scale_is_refused(kolada_areas):
    make_indicator("andel", kind="share")
    with pytest.raises(SourceError) as caught:
        _import(make_org(), [_record("andel", 0.5, "procent")])
    assert caught.value.code == "unknown_scale"
    assert "percent, per_mille, thousands" in caught.value.message


def test_the_conversion_report_in_the_command_line_output(kolada_areas, tmp_path):
    from io import StringIO

    from django.core.management import call_command

    org = make_org()
    make_indicator("eligible_upper_secondary", kind="share")
    out = StringIO()
    call_command(
        "grogrund_import",
        "kolada",
        "--file",
        str(KOLADA_FILE),
        "--map",
        "N15428=eligible_upper_secondary",
        "--org",
        org.slug,
        "--language",
        "en",
        stdout=out,
    )
    text = out.getvalue()
    assert "Imported 3 rows" in text
    assert (
        "Converted 3 values of eligible_upper_secondary from the scale percent_for_shares." in text
    )
