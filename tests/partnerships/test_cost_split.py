"""The proposed cost split: the common budget shared in proportion to the partners' benefits
in a valuation, beside what each committed, with flags — checked by hand.

Valuation (no discounting, 10 people, one year): municipality 10 × 60 000 = 600 000,
housing company 10 × 30 000 = 300 000, the individual 10 × 10 000 = 100 000; all 1 000 000.
Budget: A (housing company) 600 000, M (municipality) 300 000; C nothing; total 900 000.
Partners' benefits: M 600 000 (2/3), A 300 000 (1/3) → proposed M 600 000, A 300 000.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from django.urls import reverse
from hypothesis import given
from hypothesis import strategies as st

from grogrund.partnerships.calculations import compare_split
from grogrund.partnerships.models import StakeholderLink
from grogrund.partnerships.selectors import cost_split_for, default_partner, partnership
from partnerships.builders_partnerships import make_commitment, make_valuation

NBSP = "\u00a0"


@pytest.fixture
def setup(world):
    make_commitment(world.programme, world.a, {2024: (500_000, 100, 50_000)}, hourly_cost_sek=500)
    make_commitment(world.programme, world.m, {2024: (300_000, 0, 0)})
    return make_valuation(
        world.programme, municipality=60_000, housing_company=30_000, individual=10_000
    )


def _rows(world, valuation):
    split = cost_split_for(world.programme, valuation, partnership(world.a_editor, world.programme))
    return split, {(org.slug if org else r.key): r for r, org, _s in split.rows}


def test_the_proposal_follows_the_partners_benefit_shares(world, setup):
    split, rows = _rows(world, setup)
    assert split.total_cost_sek == 900_000
    m, a, c = rows[world.m.slug], rows[world.a.slug], rows[world.c.slug]
    assert m.benefit_share == pytest.approx(0.6)
    assert m.partner_share == pytest.approx(2 / 3)
    assert m.proposed_sek == pytest.approx(600_000)
    assert m.committed_sek == 300_000
    assert m.difference_sek == pytest.approx(-300_000)
    assert m.flag == "less"
    assert a.benefit_share == pytest.approx(0.3)
    assert a.proposed_sek == pytest.approx(300_000)
    assert a.difference_sek == pytest.approx(300_000)
    assert a.flag == "more"
    assert (c.proposed_sek, c.committed_sek, c.flag) == (0, 0, "")


def test_a_stakeholder_with_no_partner_is_shown_but_pays_nothing(world, setup):
    _split, rows = _rows(world, setup)
    individual = rows["individual"]
    assert not individual.is_partner
    assert individual.benefit_share == pytest.approx(0.1)
    assert individual.proposed_sek is None


def test_the_default_links_follow_the_organisation_kind(world):
    orgs = [world.a, world.m, world.c]
    assert default_partner("municipality", orgs) == world.m
    assert default_partner("housing_company", orgs) == world.a
    assert default_partner("individual", orgs) is None
    assert default_partner(world.c.slug, orgs) == world.c  # a model may name a partner
    assert default_partner(world.c.slug.replace("-", "_"), orgs) == world.c


def test_a_changed_link_moves_the_benefits(world, setup):
    StakeholderLink.objects.create(
        programme=world.programme, stakeholder="housing_company", organisation=world.c
    )
    _split, rows = _rows(world, setup)
    assert rows[world.c.slug].proposed_sek == pytest.approx(300_000)
    assert rows[world.a.slug].proposed_sek == 0
    assert rows[world.a.slug].flag == "more"


def test_the_page_flags_and_lets_the_owner_relink(world, setup):
    url = reverse("partnerships:cost_split", args=[world.programme.pk])
    body = world.client(world.m_editor).get(url).content.decode()
    assert "Bär mycket mindre än sin andel av nyttan" in body
    assert "Bär mycket mer än sin andel av nyttan" in body
    assert f"600{NBSP}000{NBSP}kr" in body and "Ingen partner" in body
    assert 'id="link-form"' not in body  # only the owner's editors change the links
    assert world.client(world.m_editor).post(url, {}).status_code == 404

    response = world.client(world.a_editor).post(
        url,
        {
            "valuation": setup.pk,
            "link-municipality": str(world.m.pk),
            "link-housing_company": str(world.c.pk),
            "link-individual": "",
        },
    )
    assert response.status_code == 302
    link = StakeholderLink.objects.get(programme=world.programme, stakeholder="housing_company")
    assert link.organisation == world.c
    history = world.client(world.a_editor).get(url)
    assert history.status_code == 200


def test_without_a_valuation_the_page_says_what_to_do(world):
    body = (
        world.client(world.a_editor)
        .get(reverse("partnerships:cost_split", args=[world.programme.pk]))
        .content.decode()
    )
    assert 'id="no-valuation"' in body


@given(
    benefits=st.dictionaries(st.sampled_from("abcde"), st.floats(0, 1e9), min_size=1),
    committed=st.dictionaries(st.sampled_from("abcde"), st.floats(0, 1e9)),
)
def test_the_proposal_shares_out_exactly_what_was_committed(benefits, committed):
    rows = compare_split(benefits, committed)
    if sum(max(0.0, b) for b in benefits.values()) > 0:
        proposed = sum(r.proposed_sek for r in rows)
        assert proposed == pytest.approx(sum(committed.values()), rel=1e-9, abs=1e-6)
        assert sum(r.difference_sek for r in rows) == pytest.approx(0, abs=1e-3)
    else:
        assert all(r.proposed_sek is None and r.flag == "" for r in rows)


def test_a_valuation_that_cannot_be_computed_is_explained(world):
    from grogrund.valuations.models import Valuation

    Valuation.objects.create(programme=world.programme, name="Trasig", model={"kind": "sroi"})
    response = world.client(world.a_editor).get(
        reverse("partnerships:cost_split", args=[world.programme.pk])
    )
    assert response.status_code == 200
    assert "Värderingen kan inte beräknas" in response.content.decode()


def test_a_goals_model_has_no_benefits_to_split(world):
    import yaml

    from grogrund.valuations.models import Valuation

    path = Path(__file__).resolve().parents[2] / "docs" / "examples" / "goals.yaml"
    model = yaml.safe_load(path.read_text(encoding="utf-8"))
    Valuation.objects.create(programme=world.programme, name="Mål", model=model)
    body = (
        world.client(world.a_editor)
        .get(reverse("partnerships:cost_split", args=[world.programme.pk]))
        .content.decode()
    )
    assert 'id="no-stakeholders"' in body


def test_a_partner_within_five_points_of_its_share_is_not_flagged():
    # Benefits 60/40; commitments 64,9/35,1 → 4,9 points off: in line. 66/34 → flagged.
    close = {r.key: r.flag for r in compare_split({"m": 60, "a": 40}, {"m": 649, "a": 351})}
    far = {r.key: r.flag for r in compare_split({"m": 60, "a": 40}, {"m": 660, "a": 340})}
    assert close == {"m": "", "a": ""}
    assert far == {"m": "more", "a": "less"}
