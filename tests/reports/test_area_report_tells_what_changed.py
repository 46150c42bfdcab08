"""Two area profile reports of the same area compare by their figures: each indicator's latest
figure and gap in people, where they changed.

Hand check: a new year of employment in Testby, 2025: 600 / 1 000 = 60,0 %, against Staden's
77,0 % in 2025 → (0,77 − 0,60) × 1 000 = 170 people (was 220)."""

from __future__ import annotations

import pytest
from django.utils import translation

from builders import make_dataset, make_observation
from grogrund.accounts.models import Visibility
from grogrund.areas.models import Observation
from grogrund.reports import kinds
from grogrund.reports.changes import compare, describe
from reports.report_documents_builders import make_world

pytestmark = pytest.mark.django_db


def test_a_new_year_of_statistics_is_told():
    world = make_world()
    kind = kinds.get("area")
    before = kind.figures(user=world.editor, subject=world.deso)
    ds = make_dataset(world.a, "Statistik 2025", visibility=Visibility.PARTNERS)
    make_observation(ds, world.deso, world.employment, "2025", numerator=600, denominator=1000)
    make_observation(
        ds, world.municipality, world.employment, "2025", numerator=7700, denominator=10000
    )
    Observation.objects.filter(dataset=ds).update(source="SCB TAB6680")
    after = kind.figures(user=world.editor, subject=world.deso)
    with translation.override("sv"):
        told = [describe(c) for c in compare("area", before, after)]
    assert any("Förvärvsarbetande 20–64 år (%), 2024 → 2025: 55 → 60" in t for t in told), told
    assert any("gap i personer: 220 → 170" in t for t in told), told
    assert compare("area", after, after) == []
