"""An area profile report is drawn from its figures alone: after the statistics change, the
same (JSON-stored) figures draw the same document, with the figures of the day it was made."""

from __future__ import annotations

import json

import pytest
from django.http import Http404

from builders import make_custom_area
from grogrund.areas.models import Observation
from grogrund.reports import kinds
from grogrund.reports.pdf import render_html
from reports.report_documents_builders import make_world

pytestmark = pytest.mark.django_db


def test_the_same_figures_draw_the_same_document_after_the_statistics_changed():
    world = make_world()
    kind = kinds.get("area")
    figures = json.loads(json.dumps(kind.figures(user=world.editor, subject=world.deso)))
    before = render_html(kind.template, kind.context(figures, language="sv"), language="sv")
    Observation.objects.filter(area=world.deso).update(numerator=700, value=0.7)
    world.deso.name = "Nytt namn"
    world.deso.save()
    after = render_html(kind.template, kind.context(figures, language="sv"), language="sv")
    assert after == before
    assert "55,0\u00a0%" in after and "Nytt namn" not in after


def test_a_private_custom_area_is_not_found_by_others():
    world = make_world()
    mine = make_custom_area("testby-storre", world.a, [world.deso], name="Större Testby")
    kind = kinds.get("area")
    assert kind.subject(world.editor, mine.pk) == mine
    with pytest.raises(Http404):
        kind.subject(world.outsider, mine.pk)
    figures = kind.figures(user=world.editor, subject=mine)
    assert [m["code"] for m in figures["area"]["members"]] == ["9901A0001"]
    assert kind.owner(mine) == world.a and kind.programme(mine) is None
