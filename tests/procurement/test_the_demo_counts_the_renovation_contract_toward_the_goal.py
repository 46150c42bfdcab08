"""In the demo, the renovation contract's verified persons count toward the programme's
employment goal, shown on the goal's page and never as a measurement (the goal is measured from
the statistics). Employment requirement: 2 new persons in the area (Q3 2025) and 1 (Q1 2026);
internships: 1 (H2 2025) and 1 (H1 2026). The contract counts its larger clause: up to 2025
max(2, 1) = 2, up to 2026 max(3, 2) = 3 persons. Building the demo again adds nothing."""

from __future__ import annotations

import pytest

from builders import make_area, make_indicator, make_org, make_user
from grogrund.accounts.models import Role
from grogrund.procurement import demo, selectors
from grogrund.procurement.models import Contribution
from grogrund.programmes.models import Goal, Measurement
from programmes.programme_builders import make_programme


@pytest.fixture
def goal(db):
    buyer = make_org("Grobo Bostäder AB (fiktivt)", in_network=True)
    buyer.slug = "grobo-bostader"
    buyer.save()
    supplier = make_org("Norrbacka Bygg & Stam AB (fiktivt)", kind="supplier")
    supplier.slug = "norrbacka-bygg"
    supplier.save()
    make_user(buyer, Role.ADMIN, username="anna")
    make_user(buyer, Role.EDITOR, username="edvin")
    make_user(supplier, Role.EDITOR, username="sara")
    municipality = make_area("9901", "municipality", name="Grobo")
    area = make_area("9901A0001", parent=municipality, name="Norrbacka")
    programme = make_programme(buyer, [area], name="Handslag Norrbacka (fiktivt)")
    return Goal.objects.create(
        programme=programme,
        area=area,
        indicator=make_indicator("employment_20_64"),
        reference_area=municipality,
        direction="higher_is_better",
        baseline_year=2021,
        deadline_year=2031,
        baseline_share=0.55,
        reference_share=0.78,
        base=2000,
        people_needed=460,
        share_of_gap=0.3,
        target_count=138,
        target_share=0.619,
    )


def test_the_goal_shows_three_persons_through_the_contract(goal):
    demo.build(goal.programme)
    counted = selectors.goal_procurement(goal)
    assert (counted.persons, counted.year) == (3, 2026)
    assert [c.name for c in counted.contracts] == [demo.CONTRACT]
    assert not Measurement.objects.filter(goal=goal).exists()
    contributions = Contribution.objects.count()
    assert contributions == 5  # the five verified reports
    demo.build(goal.programme)
    assert Contribution.objects.count() == contributions
