"""The engine's new warnings and errors (percentages written as fractions, a goal past 100 %,
the net operating income given with its parts) have a sentence in the user's language, with
the numbers written as the language writes them; the fraction warning is on the results page."""

from __future__ import annotations

import pytest
from django.urls import reverse
from django.utils import translation

from grogrund.engine import evaluate
from grogrund.valuations.issues import MESSAGES, issue_message
from valuations.builders_valuations import make_valuation, simple_sroi

NEW_CODES = [
    "percent_given_as_fraction",
    "target_share_out_of_range",
    "noi_with_parts",
    "noi_in_one_state_only",
    "not_used_with_noi",
]


def _fraction_warning():
    model = simple_sroi()
    model["outcomes"][0] |= {"deadweight": 0.25, "attribution": 0}
    return next(w for w in evaluate(model).warnings if w.code == "percent_given_as_fraction")


@pytest.mark.parametrize("code", NEW_CODES)
def test_each_new_code_has_a_sentence(code):
    assert code in MESSAGES


def test_the_fraction_warning_asks_in_english():
    with translation.override("en"):
        text = issue_message(_fraction_warning())
    assert "Behöriga elever" in text
    assert "did you mean 25 % rather than 0.25 %?" in text


def test_the_fraction_warning_writes_swedish_numbers():
    with translation.override("sv"):
        text = issue_message(_fraction_warning())
    assert "0,25" in text and "0.25" not in text


def test_the_fraction_warning_is_on_the_results_page(world):
    model = simple_sroi()
    model["outcomes"][0] |= {"deadweight": 0.25, "attribution": 0}
    valuation = make_valuation(world, model=model)
    html = (
        world.client(world.viewer)
        .get(reverse("valuations:detail", args=[world.programme.pk, valuation.pk]))
        .content.decode()
    )
    with translation.override("sv"):
        expected = issue_message(_fraction_warning())
    assert expected.split(":")[0] in html
