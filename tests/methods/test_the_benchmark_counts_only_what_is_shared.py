"""A method's benchmark counts only initiatives of programmes shared with the network (for
members of the network) or published (for everyone): nothing private or shared with named
partners, not even in a total, not even the visitor's own. Worked example with hand-checked
figures."""

import pytest
from django.contrib.auth.models import AnonymousUser
from django.test import Client

from builders import make_dataset, make_observation
from grogrund.accounts.models import Visibility
from grogrund.areas.models import Indicator, PoliceClassification
from grogrund.methods.benchmark import benchmark, compute
from grogrund.programmes.models import Goal
from grogrund.valuations.models import Valuation
from methods.builders_methods import (
    make_initiative,
    make_outcome,
    make_participation,
)
from programmes.programme_builders import make_programme


def valuation(initiative, ratio):
    return Valuation.objects.create(
        programme=initiative.programme,
        initiative=initiative,
        name=f"Värdering {ratio}",
        model={},
        result={"ratio": ratio},
    )


@pytest.fixture
def shared(world):
    """Two shared programmes and two unshared ones, all using the method."""
    m, deso, employment = world.method, world.deso, world.employment
    p_net = make_programme(world.a, [deso], name="Nätverksprogram", visibility=Visibility.NETWORK)
    p_pub = make_programme(world.b, [deso], name="Publicerat program", visibility=Visibility.PUBLIC)
    p_priv = make_programme(world.a, [deso], name="Hemligt program", visibility=Visibility.PRIVATE)
    p_partners = make_programme(
        world.b,
        [deso],
        name="Partnerprogram",
        visibility=Visibility.PARTNERS,
        partners=[world.a],
    )
    # I1 (network): outcome 50 % → target 60 %, measured 55 % in 2024: half the planned change
    # met, 50 %. Two years: 100 + 100 took part, 20 + 30 reached the outcome, cost 400 000 +
    # 600 000 kr: 1 000 000 / 50 = 20 000 kr per outcome, 1 000 000 / 200 = 5 000 kr each.
    i1 = make_initiative(p_net, m, name="Coacher nätverk", budget=1_000_000)
    make_outcome(i1, employment, baseline=0.50, target=0.60, measured={2024: 0.55})
    make_participation(i1, 2023, 100, 20, 400_000)
    make_participation(i1, 2024, 100, 30, 600_000)
    valuation(i1, 2.0)
    # I2 (public): measured at target, 100 %. 80 took part, 40 reached it, no yearly cost, so
    # the budget counts: 2 000 000 / 40 = 50 000 kr per outcome, 2 000 000 / 80 = 25 000 each.
    i2 = make_initiative(p_pub, m, name="Coacher publik", budget=2_000_000)
    make_outcome(i2, employment, baseline=0.50, target=0.60, measured={2024: 0.60})
    make_participation(i2, 2024, 80, 40)
    valuation(i2, 4.0)
    valuation(i2, 3.0)
    # Unshared: huge numbers that would show in any total.
    for p in (p_priv, p_partners):
        i = make_initiative(p, m, name=f"Hemlig insats {p.pk}", budget=1)
        make_outcome(i, employment, baseline=0.5, target=0.6, measured={2024: 0.9})
        make_participation(i, 2024, 10_000, 9_000, 1)
        valuation(i, 100.0)
    # Another method's initiative in a shared programme does not count either.
    make_initiative(p_net, None, name="Utan metod")
    return p_net, p_pub, p_priv, p_partners


def test_members_of_the_network_count_network_and_public_programmes(world, shared):
    b = compute(world.method, world.network_viewer)
    assert (b.programmes, b.organisations, b.initiatives) == (2, 2, 2)
    assert (b.participants, b.reached) == (280, 90)
    assert b.years == (2023, 2024)
    # Percent met per initiative: 50 and 100 → median 75.
    assert (b.percent_met.n, b.percent_met.median) == (2, pytest.approx(75))
    assert (b.percent_met.low, b.percent_met.high) == (pytest.approx(50), pytest.approx(100))
    # Cost per outcome: 20 000 and 50 000 → median 35 000.
    assert b.cost_per_outcome.n == 2
    assert b.cost_per_outcome.median == pytest.approx(35_000)
    assert (b.cost_per_outcome.low, b.cost_per_outcome.high) == (20_000, 50_000)
    # Cost per participant: 5 000 and 25 000 → median 15 000.
    assert b.cost_per_participant.median == pytest.approx(15_000)
    # Ratios of every valuation: 2, 3, 4 → median 3.
    assert (b.ratios.n, b.ratios.median, b.ratios.low, b.ratios.high) == (3, 3.0, 2.0, 4.0)
    assert b.outcomes.outcomes == 2 and b.outcomes.on_track + b.outcomes.behind >= 1


def test_everyone_else_counts_the_published_programme_only(world, shared):
    for user in (AnonymousUser(), world.editor_c):
        b = compute(world.method, user)
        assert (b.programmes, b.initiatives, b.participants, b.reached) == (1, 1, 80, 40)
        assert b.cost_per_outcome.median == pytest.approx(50_000)
        assert (b.ratios.n, b.ratios.median) == (2, pytest.approx(3.5))


def test_the_owner_of_a_private_programme_does_not_see_it_counted(world, shared):
    network_view = compute(world.method, world.network_viewer)
    own_view = compute(world.method, world.editor_a)  # owns the private programme
    assert own_view == network_view
    assert "Hemligt program" not in {r.programme for r in own_view.rows}
    assert "Partnerprogram" not in {r.programme for r in own_view.rows}


def test_unshared_numbers_never_change_the_totals(world, shared):
    _p_net, _p_pub, p_priv, p_partners = shared
    before = compute(world.method, world.editor_a)
    for p in (p_priv, p_partners):
        i = make_initiative(p, world.method, name=f"Ännu en hemlig {p.pk}", budget=5)
        make_outcome(i, world.employment, baseline=0.1, target=0.9, measured={2025: 0.2})
        make_participation(i, 2025, 77_777, 7, 3)
        valuation(i, 55.0)
    p_priv.areas.add(world.municipality)
    after = compute(world.method, world.editor_a)
    assert after == before


def test_sharing_a_programme_makes_it_count(world, shared):
    _p_net, _p_pub, p_priv, _p_partners = shared
    before = compute(world.method, world.network_viewer)
    p_priv.visibility = Visibility.NETWORK
    p_priv.save()
    after = benchmark(world.method, world.network_viewer)  # the cached one moves too
    assert after.programmes == before.programmes + 1
    assert after.participants == before.participants + 10_000


def test_each_area_shows_its_context_from_shared_figures_only(world, shared):
    population = Indicator.objects.create(
        code="population",
        name_sv="Folkmängd",
        name_en="Population",
        unit="personer",
        kind="count",
        direction="higher_is_better",
        source="SCB",
    )
    public = make_dataset(world.b, "Offentlig statistik", visibility=Visibility.PUBLIC)
    make_observation(public, world.deso, population, "2023", value=1234)
    private = make_dataset(world.a, "Hemlig folkmängd", visibility=Visibility.PRIVATE)
    make_observation(private, world.deso, population, "2024", value=5000)
    PoliceClassification.objects.create(area=world.deso, year=2023, category="utsatt")
    p_net = shared[0]
    Goal.objects.create(
        programme=p_net,
        area=world.deso,
        indicator=world.employment,
        reference_area=world.municipality,
        direction="higher_is_better",
        baseline_year=2022,
        deadline_year=2032,
        baseline_share=0.55,
        reference_share=0.77,
        base=1000,
        people_needed=220,
        share_of_gap=0.5,
        target_count=110,
        target_share=0.66,
    )
    b = compute(world.method, world.editor_a)
    (context,) = b.contexts
    assert context.name == "Testby"
    assert (context.population, context.population_year) == (1234, 2023)
    assert context.police_year == 2023 and context.police
    (gap,) = context.gaps
    assert (gap.area_share, gap.reference_share, gap.people) == (0.55, 0.77, 220)
    assert gap.reference == "Staden"


def _benchmark_section(body):
    start = body.index('<section id="benchmark">')
    return body[start : body.index("</section>", start)]


def test_the_method_page_shows_the_figures_and_no_unshared_name(world, shared):
    client = Client()
    client.force_login(world.network_viewer)
    body = client.get(f"/metoder/{world.method.slug}/").content.decode()
    assert "Nätverksprogram" in body and "Publicerat program" in body
    assert "Hemligt program" not in body and "Partnerprogram" not in body
    assert "Hemlig insats" not in body
    assert 'id="bm-participants">280' in body
    anonymous = Client().get(f"/metoder/{world.method.slug}/").content.decode()
    assert "Nätverksprogram" not in anonymous and "Publicerat program" in anonymous


def test_owners_see_their_unshared_initiatives_beside_the_benchmark_not_in_it(world, shared):
    client = Client()
    client.force_login(world.editor_a)
    body = client.get(f"/metoder/{world.method.slug}/").content.decode()
    assert "Hemligt program" not in _benchmark_section(body)
    own = body[body.index('<section id="own-initiatives">') :]
    assert "Hemligt program" in own  # their own work, listed as theirs
