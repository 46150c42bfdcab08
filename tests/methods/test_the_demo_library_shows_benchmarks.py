"""The demo has a method library of at least eight published methods, one proposal awaiting
review, and two more fictional companies whose shared programmes use the methods, so the
benchmarks show results; loading the demo twice changes nothing."""

import pytest
from django.test import Client

from grogrund.accounts.models import User
from grogrund.areas.demo.build import load_demo
from grogrund.initiatives.models import Initiative
from grogrund.methods.benchmark import compute
from grogrund.methods.models import Method, MethodStatus, Participation
from grogrund.valuations.models import Valuation


@pytest.fixture
def demo(db):
    load_demo()


def test_eight_methods_are_published_and_one_awaits_review(demo):
    assert Method.objects.filter(status=MethodStatus.PUBLISHED).count() >= 8
    assert Method.objects.filter(status=MethodStatus.PROPOSED).count() == 1
    for method in Method.objects.filter(status=MethodStatus.PUBLISHED):
        assert method.template_nodes.exists(), method
        assert method.sources.exists(), method
        assert "fiktiv" in method.evidence_note.lower()


def test_the_benchmark_of_a_method_shows_the_shared_programmes(demo):
    method = Method.objects.get(name="Jobbcoacher i området")
    nils = User.objects.get(username="nils")  # a viewer in the national network
    found = compute(method, nils)
    assert found.programmes >= 2
    assert found.participants > 0
    assert found.cost_per_outcome.n >= 2
    assert found.ratios.n >= 2
    assert found.percent_met.n >= 2
    assert any(c.police for c in found.contexts)
    assert any(c.population for c in found.contexts)
    assert found.fictional == found.programmes


def test_loading_the_demo_twice_changes_nothing(demo):
    counts = (
        Method.objects.count(),
        Initiative.objects.count(),
        Participation.objects.count(),
        Valuation.objects.count(),
    )
    load_demo()
    assert counts == (
        Method.objects.count(),
        Initiative.objects.count(),
        Participation.objects.count(),
        Valuation.objects.count(),
    )


def test_the_demo_method_pages_answer(demo):
    client = Client()
    client.force_login(User.objects.get(username="nora"))
    assert client.get("/metoder/").status_code == 200
    for method in Method.objects.all():
        response = client.get(f"/metoder/{method.slug}/")
        assert response.status_code == 200, method
