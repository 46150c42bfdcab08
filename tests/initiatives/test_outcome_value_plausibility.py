"""An outcome value far from the outcome's baseline, its earlier values and the line from
baseline to target is asked about before it is saved ("Did you mean 59,5 %?"), in the unit it
is typed in.

Employment outcome 55 % (2022) → 62 % (2030): 0,875 pp a year on the line, tolerance
max(3 × 0,875, 0,2 × 57,6) ≈ 11,5 pp around the line's 57,6 % in 2025. "59,5" typed without
its comma is 595, above 100 %: refused by the field's limit; "5,95" (a comma too early) is
51,7 pp off: asked, and 59,5 suggested. Money: 1 200 kr → 800 kr; 10 000 typed for 1 000 is
asked and 1 000 suggested."""

from __future__ import annotations

import pytest
from django.urls import reverse

from builders import make_indicator
from grogrund.core.forms import CONFIRM, SUGGESTED_FOR, USE_SUGGESTION
from grogrund.initiatives.models import OutcomeMeasurement
from initiatives.builders_initiatives import make_initiative, make_outcome, measure

NBSP = "\u00a0"


def _create_url(world, outcome):
    kwargs = {"pk": world.programme.pk, "initiative": outcome.initiative_id, "node": outcome.pk}
    return reverse("initiatives:measurement_create", kwargs=kwargs)


def _post(world, outcome, value, **extra):
    data = {"year": "2025", "value": value, "source": "Uppföljning", **extra}
    return world.client(world.editor).post(_create_url(world, outcome), data)


def test_a_share_with_a_misplaced_comma_is_asked_about(world):
    outcome = make_outcome(make_initiative(world.programme), world.employment)
    response = _post(world, outcome, "5,95")
    assert response.status_code == 200
    assert not OutcomeMeasurement.objects.exists()
    (message,) = response.context["form"].errors["value"]
    assert f"59,5{NBSP}%" in message and f"5,95{NBSP}%" in message
    assert f'name="{USE_SUGGESTION}" value="59,5"' in response.content.decode()


def test_the_suggestion_is_saved_in_the_indicators_scale(world):
    outcome = make_outcome(make_initiative(world.programme), world.employment)
    response = _post(world, outcome, "5,95", **{USE_SUGGESTION: "59,5", SUGGESTED_FOR: "5,95"})
    assert response.status_code == 302
    assert OutcomeMeasurement.objects.get().value == 0.595


def test_confirmed_it_is_saved_as_typed(world):
    outcome = make_outcome(make_initiative(world.programme), world.employment)
    assert _post(world, outcome, "5,95", **{CONFIRM: "on"}).status_code == 302
    assert OutcomeMeasurement.objects.get().value == pytest.approx(0.0595)


def test_a_value_near_the_line_is_saved_at_once(world):
    outcome = make_outcome(make_initiative(world.programme), world.employment)
    assert _post(world, outcome, "59,5").status_code == 302


def test_earlier_values_count_as_history(world):
    # An outcome measured at 5–6 % (the indicator read wrong, say): 5,95 now fits beside them.
    outcome = make_outcome(make_initiative(world.programme), world.employment)
    measure(outcome, 2023, 0.05)
    measure(outcome, 2024, 0.058)
    assert _post(world, outcome, "5,95").status_code == 302


def test_money_typed_with_a_zero_too_many(world):
    vandalism = make_indicator(
        "vandalism", kind="money", unit="kr", direction="lower_is_better", name_sv="Skadegörelse"
    )
    outcome = make_outcome(
        make_initiative(world.programme), vandalism, baseline=1200, target=800, target_year=2026
    )
    response = _post(world, outcome, "10 000")
    assert response.status_code == 200
    assert f'name="{USE_SUGGESTION}" value="1{NBSP}000"' in response.content.decode()
    assert _post(world, outcome, "1 000").status_code == 302
