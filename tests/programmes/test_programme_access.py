"""Who sees and who changes a programme: the owner's members see it, its editors change it,
partners (shared_with) see it, everyone else is refused — on every route of the app."""

import pytest
from django.urls import reverse

from grogrund.accounts.models import Visibility
from grogrund.programmes.models import Goal, Measurement, Programme, StepStatus
from programmes.programme_builders import make_programme


@pytest.fixture
def goal(world):
    return Goal.objects.create(
        programme=world.programme,
        area=world.deso,
        indicator=world.employment,
        reference_area=world.municipality,
        direction="higher_is_better",
        baseline_year=2024,
        deadline_year=2034,
        baseline_share=0.55,
        reference_share=0.77,
        base=1000,
        people_needed=220,
        share_of_gap=0.5,
        target_count=110,
        target_share=0.66,
    )


def _read_urls(world, goal):
    pk = world.programme.pk
    return [
        reverse("programmes:detail", args=[pk]),
        reverse("programmes:step", args=[pk, "malsattningar"]),
        reverse("programmes:goal", args=[pk, goal.pk]),
    ]


def _edit_urls(world, goal):
    pk = world.programme.pk
    return [
        reverse("programmes:edit", args=[pk]),
        reverse("programmes:goal_create", args=[pk]),
        reverse("programmes:measurement_create", args=[pk, goal.pk]),
    ]


def _refused(response):
    return response.status_code == 404 or (
        response.status_code == 302 and response["Location"].startswith(reverse("login"))
    )


def test_anonymous_visitors_are_refused_everywhere(world, goal):
    client = world.client(None)
    for url in _read_urls(world, goal) + _edit_urls(world, goal):
        assert _refused(client.get(url)), url
    assert world.programme.name not in client.get(reverse("programmes:list")).content.decode()


def test_an_unrelated_organisation_gets_404_everywhere(world, goal):
    client = world.client(world.outsider)
    for url in _read_urls(world, goal) + _edit_urls(world, goal):
        assert client.get(url).status_code == 404, url
    assert world.programme.name not in client.get(reverse("programmes:list")).content.decode()


def test_a_partner_sees_the_programme_its_steps_and_goals_but_cannot_change_them(world, goal):
    client = world.client(world.partner_user)
    for url in _read_urls(world, goal):
        assert client.get(url).status_code == 200, url
    for url in _edit_urls(world, goal)[:2]:
        assert client.get(url).status_code == 404, url
    # ...but an editor of a partner records the partner's own measurements.
    assert client.get(_edit_urls(world, goal)[2]).status_code == 200
    assert world.programme.name in client.get(reverse("programmes:list")).content.decode()
    step_url = reverse("programmes:step", args=[world.programme.pk, "malsattningar"])
    assert client.post(step_url, {"status": "done"}).status_code == 404
    assert not StepStatus.objects.exists()


def test_a_partner_no_longer_sees_a_programme_made_private(world, goal):
    world.programme.visibility = Visibility.PRIVATE
    world.programme.save()
    client = world.client(world.partner_user)
    assert client.get(reverse("programmes:detail", args=[world.programme.pk])).status_code == 404


def test_a_viewer_of_the_owner_sees_but_cannot_edit(world, goal):
    client = world.client(world.viewer)
    for url in _read_urls(world, goal):
        response = client.get(url)
        assert response.status_code == 200, url
        assert '<form method="post" class="form">' not in response.content.decode()
    for url in _edit_urls(world, goal):
        assert client.get(url).status_code == 404, url
    post = client.post(
        reverse("programmes:measurement_create", args=[world.programme.pk, goal.pk]),
        {"year": 2025, "value_percent": 60, "source": "x"},
    )
    assert post.status_code == 404
    assert not Measurement.objects.exists()


def test_an_editor_of_the_owner_reaches_every_route(world, goal):
    client = world.client(world.editor)
    for url in _read_urls(world, goal) + _edit_urls(world, goal):
        assert client.get(url).status_code == 200, url
    assert client.get(reverse("programmes:create")).status_code == 200


def test_an_editor_creates_a_programme_for_his_organisation(world):
    client = world.client(world.editor)
    response = client.post(
        reverse("programmes:create"),
        {
            "owner": world.a.pk,
            "name": "Nytt program",
            "description": "",
            "areas": [world.deso.pk],
            "start_year": 2025,
            "horizon_years": 12,
            "visibility": Visibility.PARTNERS,
            "shared_with": [world.partner.pk],
        },
    )
    programme = Programme.objects.get(name="Nytt program")
    assert response.status_code == 302
    assert list(programme.shared_with.all()) == [world.partner]
    assert programme.end_year == 2037


def test_a_programme_cannot_be_created_for_an_organisation_one_does_not_edit_for(world):
    client = world.client(world.outsider)
    client.post(
        reverse("programmes:create"),
        {
            "owner": world.a.pk,
            "name": "Kapat program",
            "areas": [world.deso.pk],
            "start_year": 2025,
            "horizon_years": 10,
            "visibility": Visibility.PRIVATE,
        },
    )
    assert not Programme.objects.filter(name="Kapat program").exists()


def test_a_short_programme_horizon_is_flagged(world):
    short = make_programme(world.a, [world.deso], name="Kort", horizon_years=5)
    page = world.client(world.editor).get(reverse("programmes:detail", args=[short.pk]))
    assert 'role="alert"' in page.content.decode()


def test_the_area_profile_offers_create_goal_only_to_editors_of_a_programme_for_the_area(world):
    url = reverse("areas:profile", args=[world.deso.code])
    goal_url = reverse("programmes:goal_create", args=[world.programme.pk])
    assert goal_url in world.client(world.editor).get(url).content.decode()
    assert goal_url not in world.client(world.viewer).get(url).content.decode()
    assert goal_url not in world.client(world.partner_user).get(url).content.decode()
