"""The demo programme has three initiatives with complete effect logics, outcomes linked to
the demo's indicators (and to the programme's goals where there are any), three years of
follow-up, and a portfolio review that suggests different things. Loading it twice changes
nothing."""

from __future__ import annotations

import pytest
from django.urls import reverse

from grogrund.accounts.models import User
from grogrund.areas.demo.build import load_demo
from grogrund.engine.portfolio import Suggestion
from grogrund.initiatives import selectors
from grogrund.initiatives.demo import INITIATIVES
from grogrund.initiatives.models import EffectLink, EffectNode, Initiative, OutcomeMeasurement
from grogrund.programmes.demo import DEMO_PROGRAMME
from grogrund.programmes.models import Programme


@pytest.fixture
def demo(db):
    load_demo()
    return Programme.objects.get(name=DEMO_PROGRAMME)


def _counts(programme=None):
    """Initiatives, effect-logic boxes, links and outcome values: of `programme`, or of the
    whole database (the method library's demo programmes included)."""
    if programme is None:
        return (
            Initiative.objects.count(),
            EffectNode.objects.count(),
            EffectLink.objects.count(),
            OutcomeMeasurement.objects.count(),
        )
    return (
        Initiative.objects.filter(programme=programme).count(),
        EffectNode.objects.filter(initiative__programme=programme).count(),
        EffectLink.objects.filter(initiative__programme=programme).count(),
        OutcomeMeasurement.objects.filter(initiative__programme=programme).count(),
    )


def test_three_initiatives_with_complete_effect_logic_and_three_years_of_follow_up(demo):
    initiatives = list(selectors.programme_initiatives(demo))
    assert sorted(i.name for i in initiatives) == sorted(d.name for d in INITIATIVES)
    for i in initiatives:
        assert selectors.validation_of(i).errors == [], i.name
        assert i.owner_id in {demo.owner_id, *demo.shared_with.values_list("pk", flat=True)}
        for node in i.nodes.all():
            if node.is_outcome:
                assert node.indicator is not None
                assert sorted(m.year for m in node.measurements.all()) == [2023, 2024, 2025]
                if node.goal is not None:
                    assert node.goal.programme_id == demo.pk
                    assert node.goal.indicator_id == node.indicator_id


def test_the_portfolio_review_suggests_scale_up_keep_and_stop(demo):
    rows, review = selectors.portfolio(demo)
    by_name = {r.initiative.name: r.review.suggestion for r in rows}
    assert by_name == {
        "Läxhjälp och lovaktiviteter": Suggestion.SCALE_UP,
        "Lokalt jobbspår Norrbacka": Suggestion.KEEP,
        "Trygga entréer och hyresgästdialog": Suggestion.STOP,
    }
    assert review.median_cost_per_percent == pytest.approx(77_241, abs=1)


def test_loading_the_demo_twice_changes_nothing(demo):
    before = _counts()
    load_demo()
    assert _counts() == before
    # Handslag Norrbacka's own: three initiatives, their effect logic and three years of values.
    assert _counts(demo) == (3, 28, 24, 18)


def test_the_demo_pages_render_for_the_demo_administrator(demo, client):
    client.force_login(User.objects.get(username="anna"))
    assert client.get(reverse("programmes:detail", kwargs={"pk": demo.pk})).status_code == 200
    page = client.get(reverse("initiatives:portfolio", kwargs={"pk": demo.pk})).content.decode()
    assert "Skala upp" in page and "Avsluta" in page and "Behåll" in page
    for i in demo.initiatives.all():
        url = reverse("initiatives:detail", kwargs={"pk": demo.pk, "initiative": i.pk})
        body = client.get(url).content.decode()
        assert 'id="validation-ok"' in body
        assert body.count('class="el-node"') == i.nodes.exclude(stage="assumption").count()
