"""Two valuation reports of the same valuation compare by their figures: the net present value,
the ratio and every input that changed, named in words.

Hand check: 10 → 20 pupils doubles PV(benefits) to 343 129 kr: NPV 71 565 → 243 129 kr, ratio
1,72 → 3,43."""

from __future__ import annotations

import pytest
from django.utils import translation

from grogrund.reports import kinds
from grogrund.reports.changes import compare, describe
from grogrund.valuations import services
from reports.report_documents_builders import make_valuation, make_world
from valuations.builders_valuations import simple_sroi

pytestmark = pytest.mark.django_db


def test_the_changed_key_figures_and_inputs_are_told():
    world = make_world()
    valuation = make_valuation(world)
    kind = kinds.get("valuation")
    before = kind.figures(user=world.editor, subject=valuation)
    changed = simple_sroi()
    changed["outcomes"][0]["quantity"] = 20
    services.update_valuation(user=world.editor, valuation=valuation, model=changed)
    after = kind.figures(user=world.editor, subject=kind.subject(world.editor, valuation.pk))
    with translation.override("sv"):
        told = [describe(c).replace("\u00a0", " ") for c in compare("valuation", before, after)]
    assert any("71 565 kr → 243 129 kr" in t for t in told), told
    assert any("1,72 → 3,43" in t for t in told), told
    assert any(t.startswith("Behöriga elever") and "10 → 20" in t for t in told), told
    assert compare("valuation", after, after) == []
