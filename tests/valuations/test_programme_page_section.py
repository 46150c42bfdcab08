"""The programme page lists the valuations of the programme and its initiatives with NPV and
ratio; the value bank page finds entries."""

from __future__ import annotations

from django.urls import reverse

from valuations.builders_valuations import make_valuation


def test_the_programme_page_lists_the_valuations_with_their_figures(world):
    make_valuation(world, initiative=world.initiative)
    html = (
        world.client(world.partner_user)
        .get(reverse("programmes:detail", args=[world.programme.pk]))
        .content.decode()
    )
    assert 'id="valuations-table"' in html
    assert "Läxhjälp Testby" in html
    assert "71\u00a0565\u00a0kr" in html and "1,72" in html
    assert reverse("valuations:create", args=[world.programme.pk]) not in html


def test_an_editor_gets_a_link_to_create_one(world):
    html = (
        world.client(world.editor)
        .get(reverse("programmes:detail", args=[world.programme.pk]))
        .content.decode()
    )
    assert reverse("valuations:create", args=[world.programme.pk]) in html


def test_the_value_bank_is_searchable_and_indexed_to_a_price_year(world):
    url = reverse("valuations:value_bank", args=[world.programme.pk])
    html = world.client(world.viewer).get(url, {"q": "misshandel", "price_year": 2023}).content
    html = html.decode()
    assert "crime_assault" in html
    assert "crime_robbery" not in html
    assert "I 2023 års priser" in html
