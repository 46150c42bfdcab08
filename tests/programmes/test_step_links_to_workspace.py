"""Each step page links to the pages where the step's work is done: step 1 to the area
profile of each of the programme's areas and the challenge register, step 6 to the goals (and
the goal form for editors, and the area profiles' gaps), step 7 to the goals' years (and the
programme's horizon for editors), step 3 to the method library, the areas like the
programme's and the programmes shared with the visitor, step 2 to the programme's social
procurement register, steps 4–5 and 8–12 to their apps' workspaces."""

from __future__ import annotations

import pytest
from django.urls import reverse

from grogrund.programmes import links
from grogrund.programmes.steps import STEPS


def _links(world, user, code: str) -> list[str]:
    page = world.client(user).get(reverse("programmes:step", args=[world.programme.pk, code]))
    assert page.status_code == 200
    return [url for url, _text in page.context["workspaces"]]


def _html(world, user, code: str) -> str:
    url = reverse("programmes:step", args=[world.programme.pk, code])
    return world.client(user).get(url).content.decode()


def test_step_1_links_to_the_area_profile_and_the_challenge_register(world):
    urls = _links(world, world.viewer, "utmaningar")
    assert urls == [reverse("areas:profile", args=[world.deso.code]), reverse("areas:challenges")]
    html = _html(world, world.viewer, "utmaningar")
    assert f'href="{urls[0]}"' in html and "Testby" in html


def test_step_6_links_to_the_goals_and_editors_also_to_the_goal_form(world):
    detail = reverse("programmes:detail", args=[world.programme.pk])
    create = reverse("programmes:goal_create", args=[world.programme.pk])
    profile = reverse("areas:profile", args=[world.deso.code]) + "#gap-table"
    assert _links(world, world.viewer, "malsattningar") == [f"{detail}#goals", profile]
    assert _links(world, world.editor, "malsattningar") == [f"{detail}#goals", create, profile]


def test_step_7_links_editors_to_the_programmes_horizon(world):
    edit = reverse("programmes:edit", args=[world.programme.pk])
    assert edit not in _links(world, world.viewer, "tidsperspektiv")
    assert edit in _links(world, world.editor, "tidsperspektiv")


def test_step_3_links_to_the_method_library_similar_areas_and_shared_programmes(world):
    assert _links(world, world.viewer, "benchmark") == [
        reverse("methods:list"),
        reverse("methods:similar", args=[world.deso.code]),
        reverse("programmes:list"),
    ]


@pytest.mark.parametrize("step", STEPS, ids=str)
def test_every_step_has_a_workspace_that_opens(world, step):
    urls = _links(world, world.editor, step.code)
    assert urls, step.code
    client = world.client(world.editor)
    for url in urls:
        assert client.get(url.split("#")[0]).status_code == 200, url


def test_step_2_links_to_the_programmes_social_procurement_register(world):
    register = reverse("procurement:programme", args=[world.programme.pk])
    assert _links(world, world.viewer, "upphandling") == [register]
    assert f'href="{register}"' in _html(world, world.viewer, "upphandling")


def test_an_anonymous_visitor_of_a_public_programme_gets_no_link_to_the_register(world):
    world.programme.visibility = "public"
    world.programme.save()
    assert reverse("areas:challenges") not in _links(world, None, "utmaningar")


def test_the_step_pages_workspaces_come_from_one_mapping(world):
    # The apps' workspaces (STEP_WORKSPACES) come first, so the main link stays the button.
    for code in links.STEP_WORKSPACES:
        main = links.step_workspace(world.programme.pk, code)
        assert links.step_workspaces(world.programme.pk, code)[0] == main
