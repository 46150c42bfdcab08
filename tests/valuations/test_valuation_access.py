"""Who sees and who changes valuations: whoever sees the programme sees them, editors of the
owner change them, everyone else gets 404 (or the login page when anonymous)."""

from __future__ import annotations

from django.urls import reverse

from grogrund.valuations.models import Valuation
from valuations.builders_valuations import make_valuation, simple_sroi


def _read_urls(world, v):
    pk = world.programme.pk
    return [
        reverse("valuations:list", args=[pk]),
        reverse("valuations:value_bank", args=[pk]),
        reverse("valuations:detail", args=[pk, v.pk]),
        reverse("valuations:xlsx", args=[pk, v.pk]),
    ]


def _edit_urls(world, v):
    pk = world.programme.pk
    return [
        reverse("valuations:create", args=[pk]),
        reverse("valuations:edit", args=[pk, v.pk]),
        reverse("valuations:yaml", args=[pk, v.pk]),
        reverse("valuations:copy", args=[pk, v.pk]),
        reverse("valuations:delete", args=[pk, v.pk]),
    ]


def _refused(response):
    return response.status_code == 404 or (
        response.status_code == 302 and response["Location"].startswith(reverse("login"))
    )


def test_an_outsider_gets_404_everywhere(world):
    v = make_valuation(world)
    client = world.client(world.outsider)
    for url in _read_urls(world, v) + _edit_urls(world, v):
        assert client.get(url).status_code == 404, url
    api = client.get(reverse("api:valuation-list")).json()
    assert api["count"] == 0 if isinstance(api, dict) else api == []


def test_anonymous_visitors_are_refused(world):
    v = make_valuation(world)
    client = world.client(None)
    for url in _read_urls(world, v) + _edit_urls(world, v):
        assert _refused(client.get(url)), url


def test_a_partner_sees_the_valuation_but_cannot_change_it(world):
    v = make_valuation(world)
    client = world.client(world.partner_user)
    for url in _read_urls(world, v):
        assert client.get(url).status_code == 200, url
    detail = client.get(reverse("valuations:detail", args=[world.programme.pk, v.pk]))
    assert (
        reverse("valuations:edit", args=[world.programme.pk, v.pk]) not in detail.content.decode()
    )
    for url in _edit_urls(world, v):
        assert client.get(url).status_code == 404, url
    model = simple_sroi()
    model["outcomes"][0]["quantity"] = 99
    response = client.post(
        reverse("valuations:yaml", args=[world.programme.pk, v.pk]), {"text": str(model)}
    )
    assert response.status_code == 404
    assert (
        client.post(reverse("valuations:delete", args=[world.programme.pk, v.pk])).status_code
        == 404
    )
    assert Valuation.objects.get(pk=v.pk).model["outcomes"][0]["quantity"] == 10


def test_a_viewer_of_the_owner_sees_but_cannot_change(world):
    v = make_valuation(world)
    client = world.client(world.viewer)
    for url in _read_urls(world, v):
        assert client.get(url).status_code == 200, url
    for url in _edit_urls(world, v):
        assert client.get(url).status_code == 404, url


def test_an_editor_of_the_owner_reaches_every_route_and_deletes(world):
    v = make_valuation(world)
    client = world.client(world.editor)
    for url in _read_urls(world, v) + _edit_urls(world, v):
        assert client.get(url).status_code == 200, url
    response = client.post(reverse("valuations:delete", args=[world.programme.pk, v.pk]))
    assert response.status_code == 302
    assert not Valuation.objects.filter(pk=v.pk).exists()


def test_a_valuation_of_another_programme_is_not_reached_through_this_one(world):
    from programmes.programme_builders import make_programme

    other = make_programme(world.a, list(world.programme.areas.all()), name="Annat program")
    v = make_valuation(world)
    client = world.client(world.editor)
    assert client.get(reverse("valuations:detail", args=[other.pk, v.pk])).status_code == 404


def test_the_selector_for_others_returns_only_what_the_user_sees(world):
    from grogrund.valuations.selectors import valuations_for_programme

    v = make_valuation(world)
    assert list(valuations_for_programme(world.partner_user, world.programme)) == [v]
    assert list(valuations_for_programme(world.outsider, world.programme)) == []
