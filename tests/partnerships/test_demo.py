"""The demo handslag: readiness mostly in place with one knowledge gap and training planned,
commitments 2022–2026 from every partner (one unsigned), and the stakeholder links; loading
it twice changes nothing."""

from __future__ import annotations

import pytest

from builders import make_area, make_user
from grogrund.accounts.models import Organisation, Role
from grogrund.partnerships import demo
from grogrund.partnerships.models import Commitment, ReadinessItem, StakeholderLink
from grogrund.partnerships.selectors import partnership, readiness_summary
from grogrund.programmes.models import ChangeLog
from partnerships.builders_partnerships import make_valuation
from programmes.programme_builders import make_programme

SLUGS = {
    "grobo-bostader": "housing_company",
    "grobo-kommun": "municipality",
    "exempel-fastigheter": "company",
    "norrbacka-hgf": "tenant_association",
    "idrott-for-alla": "civil_society",
}


@pytest.fixture
def programme(db):
    orgs = {
        slug: Organisation.objects.create(name=slug, slug=slug, kind=kind)
        for slug, kind in SLUGS.items()
    }
    make_user(orgs["grobo-bostader"], Role.ADMIN, username="anna")
    make_user(orgs["grobo-kommun"], Role.EDITOR, username="karin")
    make_user(orgs["exempel-fastigheter"], Role.EDITOR, username="per")
    owner = orgs.pop("grobo-bostader")
    return make_programme(
        owner, [make_area("9901A0001")], partners=list(orgs.values()), start_year=2022
    )


def test_the_demo_handslag_is_complete_and_loads_twice_the_same(programme):
    make_valuation(programme, municipality=60_000, housing_company=30_000, individual=10_000)
    demo.build(programme)
    counts = (
        Commitment.objects.count(),
        ReadinessItem.objects.count(),
        StakeholderLink.objects.count(),
        ChangeLog.objects.count(),
    )
    demo.build(programme)
    assert counts == (
        Commitment.objects.count(),
        ReadinessItem.objects.count(),
        StakeholderLink.objects.count(),
        ChangeLog.objects.count(),
    )
    assert counts[:3] == (
        5,
        7,
        3,
    )  # municipality, housing company and "no partner" for the individual

    summary = readiness_summary(programme)
    assert len(summary.in_place) == 6 and summary.in_progress == ["Utbildning planerad"]

    anna = programme.owner.users.get()
    part = partnership(anna, programme)
    assert part.budget.years == [2022, 2023, 2024, 2025, 2026]
    # Per year: Grobo Bostäder 1 500 000 + 1 200 h × 450 + 300 000 = 2 340 000; the
    # municipality 1 200 000 + 800 × 500 = 1 600 000; Exempel Fastigheter 300 000 + 200 × 450
    # = 390 000; the tenant association 400 × 250 + 20 000 = 120 000; Idrott för alla
    # 50 000 + 600 × 300 + 50 000 = 280 000. Together 4 730 000 a year, 23 650 000 in all.
    assert part.budget.year_totals[2024] == 4_730_000
    assert part.budget.total_sek == 23_650_000
    assert part.signed_count == 4
    unsigned = [r.organisation.slug for r in part.rows if not r.is_signed]
    assert unsigned == ["norrbacka-hgf"]


def test_the_demo_tolerates_a_programme_without_valuation(programme):
    demo.build(programme)
    assert set(StakeholderLink.objects.values_list("stakeholder", flat=True)) == {
        "municipality",
        "housing_company",
    }
