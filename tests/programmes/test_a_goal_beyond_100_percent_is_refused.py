"""A goal of a fixed number of people that would take the share past 100 % is refused, by the
engine and so by the form, with nothing saved.

Employment 55 % of 1,000 people in the area: 450 are not in work. A goal of 450 more people
takes the share to exactly 100 % and is accepted; 451 would make 100.1 %."""

from django.urls import reverse
from django.utils import translation

from grogrund.programmes.models import Goal


def _create(world, fixed_count):
    url = reverse("programmes:goal_create", args=[world.programme.pk])
    return world.client(world.editor).post(
        url,
        {
            "area": world.deso.code,
            "indicator": "employment",
            "deadline_year": 2028,
            "share_of_gap_percent": "",
            "fixed_count": str(fixed_count),
            "baseline_year": "",
        },
    )


def test_451_more_people_of_1000_at_55_percent_are_refused(world):
    response = _create(world, 451)
    assert response.status_code == 200
    assert not Goal.objects.exists()
    with translation.override("sv"):
        expected = translation.gettext("The goal would take the share outside 0–100 %.")
    assert expected in response.content.decode()


def test_450_more_people_reach_exactly_100_percent(world):
    assert _create(world, 450).status_code == 302
    assert Goal.objects.get().target_share == 1.0
