"""Step 2 (Social upphandling) of a programme links to the programme's procurement register
and shows its contracts with what was committed and delivered, to those who see them."""

from __future__ import annotations

from datetime import date

from django.urls import reverse

from procurement.builders_procurement import make_report


def test_the_step_page_links_to_the_register_and_shows_committed_and_delivered(world):
    make_report(world.clause, date(2025, 1, 1), date(2025, 3, 31), persons=2, employment_months=5)
    page = world.client(world.a_viewer).get(
        reverse("programmes:step", args=[world.programme.pk, "upphandling"])
    )
    register = reverse("procurement:programme", args=[world.programme.pk])
    assert page.context["workspace"][0] == register
    html = page.content.decode().replace("\xa0", " ")
    assert 'id="procurement-summary"' in html and world.contract.name in html
    assert "5 heltidsmånader av 24 heltidsmånader" in html or "5 heltidsmånader" in html


def test_the_register_lists_the_programmes_contracts_only(world):
    page = world.client(world.a_viewer).get(
        reverse("procurement:programme", args=[world.programme.pk])
    )
    html = page.content.decode()
    assert world.contract.name in html and world.other_contract.name not in html


def test_the_register_of_a_programme_one_does_not_see_is_a_404(world):
    url = reverse("procurement:programme", args=[world.programme.pk])
    assert world.client(world.outsider).get(url).status_code == 404
