"""Where boundaries are imported the overview marks the municipalities with programmes on a
map drawn on the server, with its table (which also names those without a boundary); without
boundaries it lists the municipalities by county."""

from __future__ import annotations

from django.urls import reverse

from network.network_builders import make_boundary as _boundary


def test_without_boundaries_a_list_by_county(world):
    body = world.client(world.member).get(reverse("network:overview")).content.decode()
    assert 'id="network-map"' not in body
    assert 'id="network-by-county"' in body
    assert "Norrlänet (test)" in body and "Norrstad (test)" in body


def test_with_boundaries_a_map_marking_the_municipalities(world):
    _boundary(world.north_municipality, 500_000)
    body = world.client(world.member).get(reverse("network:overview")).content.decode()
    assert 'id="network-by-county"' not in body
    map_part = body[body.index('id="network-map"') :]
    svg = map_part[map_part.index("<svg") : map_part.index("</svg>")]
    assert "Norrstad (test)" in svg and "Söderstad (test)" not in svg
    table = map_part[map_part.index("<table") : map_part.index("</table>")]
    # Söderstad has no boundary: named in the table only.
    assert "Norrstad (test)" in table and "Söderstad (test)" in table
