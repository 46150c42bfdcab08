"""A goal's measurements can be taken from the area's statistics: the observations of the
goal's indicator for the goal's area in the years after the baseline, from the data the user
may see, a custom area's members added up (numerators and denominators, never mean shares);
each shown with its source and year, and recorded only when the user confirms.

Hand-checked: the custom area "Norra" is DeSO 1 and DeSO 2. In 2025 DeSO 1 has 300 employed of
500 and DeSO 2 90 of 200: 390 / 700 = 55.714 % (the mean of the shares, 52.5 %, would be
wrong). In 2026 DeSO 2 has no figure, so the area's value is unknown and is not offered.
"""

from __future__ import annotations

import pytest
from django.urls import reverse

from builders import make_area, make_custom_area, make_dataset, make_observation, make_org
from grogrund.accounts.models import Visibility
from grogrund.programmes.models import Measurement
from grogrund.programmes.selectors import statistics_for_goal
from programmes.builders_followup import make_goal


@pytest.fixture
def goal(world):
    deso2 = make_area("9901A0002", parent=world.municipality, name="Testby 2")
    norra = make_custom_area("norra", world.a, [world.deso, deso2], name="Norra")
    world.programme.areas.add(norra)
    public = make_dataset(world.a, "SCB 2025", visibility=Visibility.PUBLIC, source="SCB TAB6680")
    make_observation(public, world.deso, world.employment, "2024", numerator=280, denominator=500)
    make_observation(public, world.deso, world.employment, "2025", numerator=300, denominator=500)
    make_observation(public, deso2, world.employment, "2025", numerator=90, denominator=200)
    make_observation(public, world.deso, world.employment, "2026", numerator=310, denominator=500)
    hidden = make_dataset(make_org("Annan"), "Deras", source="Hemlig källa")
    make_observation(hidden, world.deso, world.employment, "2027", numerator=400, denominator=500)
    make_observation(hidden, deso2, world.employment, "2027", numerator=150, denominator=200)
    return make_goal(
        world.programme,
        norra,
        world.employment,
        reference_area=world.municipality,
        baseline_share=0.53,
        target_share=0.63,
        base=700,
    )


def test_the_members_are_added_up_after_the_baseline_year(world, goal):
    points = statistics_for_goal(world.editor, goal)
    assert [p.year for p in points] == [2025]  # 2024 is the baseline, 2026 lacks DeSO 2
    (p,) = points
    assert p.value == pytest.approx(390 / 700)
    assert (p.numerator, p.denominator, p.members) == (390, 700, 2)
    assert p.label == "SCB TAB6680 (2025)"


def test_statistics_the_user_may_not_see_are_not_offered(world, goal):
    assert 2027 not in [p.year for p in statistics_for_goal(world.editor, goal)]


def test_the_page_shows_source_and_year_and_records_only_what_is_confirmed(world, goal):
    client = world.client(world.editor)
    url = reverse("programmes:measurement_statistics", args=[world.programme.pk, goal.pk])
    page = client.get(url)
    text = page.content.decode()
    assert page.status_code == 200
    assert "SCB TAB6680 (2025)" in text and "390 / 700" in text.replace("\xa0", " ")
    assert not Measurement.objects.exists()  # looking records nothing
    response = client.post(url, {"years": ["2025"]})
    assert response.status_code == 302
    m = Measurement.objects.get()
    assert (m.year, m.numerator, m.denominator, m.source) == (2025, 390, 700, "SCB TAB6680 (2025)")
    assert m.value == pytest.approx(0.557142857)
    assert m.organisation == world.a


def test_nothing_chosen_records_nothing(world, goal):
    url = reverse("programmes:measurement_statistics", args=[world.programme.pk, goal.pk])
    response = world.client(world.editor).post(url, {})
    assert response.status_code == 200
    assert not Measurement.objects.exists()


def test_taking_the_same_figures_again_changes_nothing(world, goal):
    client = world.client(world.editor)
    url = reverse("programmes:measurement_statistics", args=[world.programme.pk, goal.pk])
    client.post(url, {"years": ["2025"]})
    first = Measurement.objects.get()
    client.post(url, {"years": ["2025"]})
    assert Measurement.objects.get().recorded_at == first.recorded_at
    assert goal.changes.filter(object_type="measurement").count() == 1


def test_viewers_cannot_record_from_statistics(world, goal):
    url = reverse("programmes:measurement_statistics", args=[world.programme.pk, goal.pk])
    assert world.client(world.viewer).post(url, {"years": ["2025"]}).status_code == 404
    assert not Measurement.objects.exists()
