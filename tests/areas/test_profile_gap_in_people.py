"""The gap in people is the engine's handslag arithmetic (engine.targets.gap_to_target), and
only shares have one: a rate counts events, not people."""

import pytest

from builders import (
    make_dataset,
    make_indicator,
    make_municipality_with_desos,
    make_observation,
    make_org,
    make_user,
)
from grogrund.areas.profile import build_profile

pytestmark = pytest.mark.django_db


def _main(kind, area_figure, municipality_figure, direction="higher_is_better"):
    owner = make_org()
    municipality, [deso] = make_municipality_with_desos("9950", desos=1)
    indicator = make_indicator("x", kind=kind, direction=direction)
    dataset = make_dataset(owner)
    make_observation(
        dataset, deso, indicator, "2024", numerator=area_figure[0], denominator=area_figure[1]
    )
    make_observation(
        dataset,
        municipality,
        indicator,
        "2024",
        numerator=municipality_figure[0],
        denominator=municipality_figure[1],
    )
    [row] = build_profile(deso, make_user(owner)).rows
    return row.main_comparison


def test_a_share_gap_in_people_is_the_handslag_formula():
    # Employment 55 % of 1,000 against 77 %: (0.77 − 0.55) × 1,000 = 220 people.
    main = _main("share", (550, 1000), (7700, 10000))
    assert main.gap_people == pytest.approx(220)


def test_lower_is_better_turns_the_sign():
    # Unemployment 12 % of 500 against 6 %: (0.12 − 0.06) × 500 = 30 people too many.
    main = _main("share", (60, 500), (600, 10000), direction="lower_is_better")
    assert main.gap_people == pytest.approx(30)


def test_a_rate_has_a_gap_in_its_unit_but_none_in_people():
    # 150 reported crimes per 100 inhabitants against 50: a gap of 1.0 per inhabitant.
    main = _main("rate", (150, 100), (500, 1000), direction="lower_is_better")
    assert main.gap == pytest.approx(1.0)
    assert main.gap_people is None
