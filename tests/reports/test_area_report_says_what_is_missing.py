"""An area profile report renders without statistics and says what is missing: an area with no
figures the reader may see, a figure the source marks as not available, a comparison area
without a figure."""

from __future__ import annotations

import pytest
from django.utils import translation

from builders import make_area, make_dataset, make_observation
from grogrund.accounts.models import Visibility
from grogrund.areas.models import AreaLevel, Observation
from grogrund.areas.profile_page import status_text
from reports.report_documents_builders import make_report, make_world

pytestmark = pytest.mark.django_db


def test_an_area_without_statistics_says_so():
    world = make_world()
    empty = make_area("9901A0002", AreaLevel.DESO, world.municipality, name="Tomby")
    report = make_report("area", world.editor, empty.pk, language="en")
    assert report.figures["rows"] == []
    assert 'id="no-statistics"' in report.html
    assert "There are no statistics for this area that you may see" in report.text
    assert 'id="no-challenges"' in report.html


def test_statistics_the_reader_may_not_see_are_missing_for_them():
    world = make_world()  # A's statistics are shared with the partner, not with B
    report = make_report("area", world.outsider, world.deso.pk, pdf=False)
    assert report.figures["rows"] == []
    assert report.figures["challenges"] == []  # A's challenge is shared with partners only
    assert make_report("area", world.partner_user, world.deso.pk, pdf=False).figures["rows"]


def test_a_figure_the_source_does_not_give_says_why():
    world = make_world()
    ds = make_dataset(world.a, "Statistik med luckor", visibility=Visibility.PUBLIC)
    other = make_area("9901A0003", AreaLevel.DESO, world.municipality, name="Luckby")
    obs = make_observation(ds, other, world.employment, "2024", numerator=None, denominator=None)
    Observation.objects.filter(pk=obs.pk).update(status="..")
    report = make_report("area", world.editor, other.pk)
    with translation.override("sv"):
        reason = status_text("..")  # SCB's "..": not available or too uncertain to be given
    assert f"– {reason}" in report.text
