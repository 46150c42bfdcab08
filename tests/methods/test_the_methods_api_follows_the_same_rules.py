"""The API of the method library (read): published methods for everyone and the user's own
drafts, a method's benchmark counting only shared programmes, and areas like mine."""

import pytest

from builders import api_client
from grogrund.accounts.models import Visibility
from methods.builders_methods import make_initiative, make_participation
from programmes.programme_builders import make_programme


def test_anonymous_visitors_list_published_methods(world):
    response = api_client().get("/api/v1/methods/")
    assert response.status_code == 200
    slugs = [m["slug"] for m in response.json()["results"]]
    assert slugs == [world.method.slug]
    method = response.json()["results"][0]
    assert method["evidence_level"] == 2 and method["template"][0]["stage"] == "need"
    assert method["sources"][0]["title"] == "Uppföljning 2023"


def test_members_also_list_their_own_drafts(world):
    slugs = [
        m["slug"] for m in api_client(world.viewer_a).get("/api/v1/methods/").json()["results"]
    ]
    assert set(slugs) == {world.method.slug, world.draft.slug}
    assert api_client(world.editor_b).get(f"/api/v1/methods/{world.draft.slug}/").status_code == 404


def test_methods_are_filtered_by_step_and_evidence(world):
    world.method.steps = ["benchmark", "losningar"]
    world.method.save()
    client = api_client()
    assert len(client.get("/api/v1/methods/?step=benchmark").json()["results"]) == 1
    assert client.get("/api/v1/methods/?step=finansiering").json()["results"] == []
    assert client.get("/api/v1/methods/?evidence=3").json()["results"] == []
    assert client.get("/api/v1/methods/?step=nonsense").status_code == 400


def test_the_benchmark_counts_only_shared_programmes(world):
    shared = make_programme(world.b, [world.deso], name="Publikt", visibility=Visibility.PUBLIC)
    make_participation(make_initiative(shared, world.method), 2024, 50, 10)
    private = make_programme(world.a, [world.deso], name="Privat", visibility=Visibility.PRIVATE)
    make_participation(make_initiative(private, world.method), 2024, 9_999, 9_000)
    for user in (None, world.editor_a):
        data = api_client(user).get(f"/api/v1/methods/{world.method.slug}/benchmark/").json()
        assert (data["programmes"], data["participants"], data["reached"]) == (1, 50, 10)
        assert "Privat" not in str(data)
    assert (
        api_client(world.viewer_a).get(f"/api/v1/methods/{world.draft.slug}/benchmark/").status_code
        == 404
    )


@pytest.mark.parametrize("code", ["9901A0001", "9901"])
def test_areas_like_mine_answers_for_a_deso_and_refuses_a_municipality(world, code):
    response = api_client().get(f"/api/v1/areas-like-mine/{code}/")
    if code == "9901":
        assert response.status_code == 404
    else:
        assert response.status_code == 200
        assert response.json()["problem"]  # no figures imported in this world
