"""The web import's outcome says what was converted to the indicator's unit."""

from django.template.loader import render_to_string
from django.utils import translation

from builders import make_dataset, make_org
from grogrund.areas.services import ImportResult


def _outcome(conversions):
    result = ImportResult(
        dataset=make_dataset(make_org(), "Kolada"),
        rows=290,
        created=290,
        updated=0,
        conversions=conversions,
    )
    with translation.override("en"):
        return render_to_string("areas/_import_outcome.html", {"result": result})


def test_each_converted_indicator_is_listed_with_its_scale(db):
    html = _outcome({"eligible_upper_secondary": ("percent_for_shares", 290)})
    assert 'id="import-conversions"' in html
    assert "290 values of eligible_upper_secondary from the scale percent_for_shares" in html


def test_nothing_is_listed_when_nothing_was_converted(db):
    assert "import-conversions" not in _outcome({})
