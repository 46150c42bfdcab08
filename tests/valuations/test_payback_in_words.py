"""The payback time is said in words when it is under a year ("within the first year", not
"0,0 years") and in years with one decimal otherwise.

Hand check: 10 pupils × 10 000 kr × (1 − 20 %) × (1 − 25 %) = 60 000 kr a year from 2024 and a
cost of 50 000 kr in 2024 (the first year, not discounted): the first year's benefits cover its
cost, so the cumulative net value is positive from the first year on: the engine's payback
time is 0,0 years, which the page says as "within the first year"."""

from __future__ import annotations

from django.urls import reverse
from django.utils import translation

from builders import make_user
from grogrund.accounts.models import Role
from grogrund.valuations.presentation import payback_text
from valuations.builders_valuations import make_valuation, simple_sroi


def test_a_payback_under_a_year_is_said_in_words(world):
    model = simple_sroi()
    model["costs"][0]["amount_sek"] = 50_000
    valuation = make_valuation(world, model=model)
    assert valuation.result["payback_years"] == 0.0
    english = world.client(make_user(world.a, Role.VIEWER, language="en"))
    html = english.get(reverse("valuations:detail", args=[world.programme.pk, valuation.pk]))
    body = html.content.decode()
    figure = body[body.index('id="figure-payback"') :]
    assert "within the first year" in figure[: figure.index("</div>")]
    assert "0.0 years" not in body


def test_the_words_for_each_length():
    with translation.override("en"):
        assert payback_text(0.0) == "within the first year"
        assert payback_text(0.99) == "within the first year"
        assert payback_text(1.7) == "1.7 years"
        assert payback_text(None) == "–"
