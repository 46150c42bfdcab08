"""A valuation report renders whatever is missing and says what it is: a stored model that no
longer calculates gives the reasons, in words, instead of figures."""

from __future__ import annotations

import pytest

from grogrund.valuations.models import Valuation
from reports.report_documents_builders import make_report, make_valuation, make_world

pytestmark = pytest.mark.django_db


def test_a_valuation_that_cannot_be_calculated_says_why_in_words():
    world = make_world()
    valuation = make_valuation(world)
    broken = dict(valuation.model)
    broken["outcomes"] = [{**broken["outcomes"][0], "deadweight": 140}]
    # Stored past the services (as an older model the engine no longer accepts would be).
    Valuation.objects.filter(pk=valuation.pk).update(model=broken, result=None, result_key="")
    report = make_report("valuation", world.editor, valuation.pk, language="en")
    assert report.figures["result"] is None
    assert 'id="cannot-calculate"' in report.html
    assert "140" in report.text
    assert "outcomes[0]" not in report.html  # the input is named, not its path
    assert 'id="key-figures"' not in report.html
