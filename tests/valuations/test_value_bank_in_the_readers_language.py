"""The value bank and a valuation's sources show each entry's unit, source and method in the
reader's language: "kr per person och år" in Swedish, "SEK per person-year" in English."""

from __future__ import annotations

from django.urls import reverse

from builders import make_user
from grogrund.accounts.models import Role
from valuations.builders_valuations import make_valuation, simple_sroi


def _bank(client, world) -> str:
    url = reverse("valuations:value_bank", args=[world.programme.pk])
    return client.get(url, {"q": "gymnasie"}).content.decode().replace("\u00a0", " ")


def test_the_value_bank_in_swedish(world):
    html = _bank(world.client(world.viewer), world)
    assert "kr per person och år" in html
    assert "Härlett ur kostnaden för en elev utan gymnasieexamen (Skandia 2017)" in html
    assert "3 600 000 kr / 45 yrkesverksamma år" in html
    assert "SEK per person-year" not in html and "Derived from" not in html


def test_the_value_bank_in_english(world):
    english = world.client(make_user(world.a, Role.VIEWER, language="en"))
    html = _bank(english, world)
    assert "SEK per person-year" in html and "Derived from" in html


def test_a_valuations_sources_in_swedish(world):
    model = simple_sroi()
    model["outcomes"][0].pop("proxy_sek")
    model["outcomes"][0]["value_bank"] = "upper_secondary_eligibility_person_year"
    valuation = make_valuation(world, model=model)
    url = reverse("valuations:detail", args=[world.programme.pk, valuation.pk])
    html = world.client(world.viewer).get(url).content.decode().replace("\u00a0", " ")
    assert "Härlett ur kostnaden för en elev utan gymnasieexamen (Skandia 2017)" in html
    assert "80 000 kr per person och år" in html
    assert "Derived from" not in html
