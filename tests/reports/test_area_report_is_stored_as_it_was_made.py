"""An area profile report stored for the dialogue with the municipality keeps its figures after
new statistics arrive; an official area belongs to no organisation, so the report is its
maker's organisation's."""

from __future__ import annotations

import re

import pytest

from grogrund.areas.models import Observation
from grogrund.reports import kinds
from grogrund.reports.kinds import Period
from grogrund.reports.services import default_owner, make_report
from reports.report_documents_builders import make_world

pytestmark = pytest.mark.django_db


def test_the_stored_report_keeps_the_figures_after_new_statistics(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    world = make_world()
    kind = kinds.get("area")
    owner = default_owner(world.editor, kind, world.deso)
    assert owner == world.a
    report = make_report(
        user=world.editor,
        kind=kind,
        subject=world.deso,
        period=Period.year(2026),
        language="sv",
        owner=owner,
    )
    assert report.programme is None and report.subject_name == str(world.deso)
    Observation.objects.filter(area=world.deso, period="2024").update(numerator=700, value=0.7)
    client = world.client(world.editor)
    stored = re.sub(r"\u00a0", " ", client.get(f"/rapporter/sparade/{report.pk}/utskrift/").text)
    assert "55,0 %" in stored and "+220" in stored
    live = re.sub(r"\u00a0", " ", client.get(f"/rapporter/area/{world.deso.pk}/").text)
    assert "70,0 %" in live
