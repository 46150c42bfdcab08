"""A valuation report stored for the board (a snapshot) keeps its figures: after the valuation
is changed, the stored report's print view still shows the figures of the day it was made."""

from __future__ import annotations

import re

import pytest

from grogrund.reports import kinds
from grogrund.reports.kinds import Period
from grogrund.reports.services import make_report
from grogrund.valuations import services
from reports.report_documents_builders import make_valuation, make_world
from valuations.builders_valuations import simple_sroi

pytestmark = pytest.mark.django_db


def test_the_stored_report_keeps_the_figures_after_the_valuation_changed(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    world = make_world()
    valuation = make_valuation(world)
    report = make_report(
        user=world.editor,
        kind=kinds.get("valuation"),
        subject=valuation,
        period=Period.year(2026),
        language="sv",
        owner=world.a,
    )
    assert report.programme == world.programme and report.subject_name == "Läxhjälp Testby"
    changed = simple_sroi()
    changed["outcomes"][0]["quantity"] = 20  # PV benefits doubled: NPV 243 129 kr
    services.update_valuation(user=world.editor, valuation=valuation, model=changed)
    client = world.client(world.editor)
    stored = re.sub(r"\u00a0", " ", client.get(f"/rapporter/sparade/{report.pk}/utskrift/").text)
    assert "71 565 kr" in stored and "243 129 kr" not in stored
    live = re.sub(r"\u00a0", " ", client.get(f"/rapporter/valuation/{valuation.pk}/").text)
    assert "243 129 kr" in live
