"""The API lists initiatives with their effect logic nested (nodes, links, outcome
measurements, what is missing), only for programmes the user sees."""

from __future__ import annotations

from builders import api_token
from initiatives.builders_initiatives import complete_chain, make_initiative, measure


def test_an_initiative_with_its_effect_logic_nested(world):
    i = make_initiative(world.programme, name="Jobbspår", budget=4_800_000)
    n = complete_chain(i, world.employment, goal=world.goal)
    measure(n["long"], 2025, 0.595)
    c = world.client(None)
    token = api_token(world.partner_viewer)
    data = c.get(f"/api/v1/initiatives/{i.pk}/", HTTP_AUTHORIZATION=f"Token {token}").json()
    assert data["name"] == "Jobbspår" and data["owner"] == world.a.slug
    assert data["budget"] == "4800000"
    assert data["effect_logic_complete"] is True and data["issues"] == []
    assert [x["stage"] for x in data["nodes"]] == [
        "need",
        "activity",
        "output",
        "short_term",
        "long_term",
        "impact",
    ]
    long = next(x for x in data["nodes"] if x["stage"] == "long_term")
    assert long["indicator"] == "employment" and long["goal"] == world.goal.pk
    assert (long["baseline_value"], long["target_value"]) == (0.55, 0.62)
    assert long["measurements"] == [
        {"id": long["measurements"][0]["id"], "year": 2025, "value": 0.595, "source": "Test"}
    ]
    assert len(data["links"]) == 5


def test_only_initiatives_of_visible_programmes_are_listed(world):
    make_initiative(world.programme, name="Synlig för partnern")
    outsider = world.client(None)
    token = api_token(world.outsider)
    listed = outsider.get("/api/v1/initiatives/", HTTP_AUTHORIZATION=f"Token {token}").json()
    assert listed["count"] == 0
    partner = api_token(world.partner_viewer)
    listed = outsider.get("/api/v1/initiatives/", HTTP_AUTHORIZATION=f"Token {partner}").json()
    assert [x["name"] for x in listed["results"]] == ["Synlig för partnern"]
    assert outsider.get("/api/v1/initiatives/").status_code in {401, 403}


def test_incomplete_effect_logic_lists_what_is_missing(world):
    i = make_initiative(world.programme)
    token = api_token(world.editor)
    data = (
        world.client(None)
        .get(f"/api/v1/initiatives/{i.pk}/", HTTP_AUTHORIZATION=f"Token {token}")
        .json()
    )
    assert data["effect_logic_complete"] is False
    assert [x["code"] for x in data["issues"]] == ["empty"]
