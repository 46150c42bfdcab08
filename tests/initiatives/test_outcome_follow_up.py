"""Outcome follow-up: measured values of an outcome's indicator per year, typed in percent for
a share, shown against baseline → target with the progress; a second value for a year replaces
the first and both stay in the history."""

from __future__ import annotations

from django.urls import reverse

from grogrund.initiatives.models import OutcomeMeasurement
from grogrund.programmes.models import ChangeLog
from initiatives.builders_initiatives import make_initiative, make_outcome


def _urls(world, outcome):
    kwargs = {"pk": world.programme.pk, "initiative": outcome.initiative_id, "node": outcome.pk}
    return reverse("initiatives:measurement_create", kwargs=kwargs), reverse(
        "initiatives:outcome", kwargs=kwargs
    )


def test_a_measurement_is_shown_against_baseline_and_target(world):
    # 55 % (2022) → 62 % (2030); 59,5 % measured in 2025: +4,5 of +7 points = 64 % met;
    # the trajectory asks for 55 + 7 × 3/8 = 57,625 % ≈ 57,6 % by 2025: on track.
    outcome = make_outcome(make_initiative(world.programme), world.employment)
    c = world.client(world.editor)
    create, page = _urls(world, outcome)
    response = c.post(create, {"year": "2025", "value": "59,5", "source": "Uppföljning 2025"})
    assert response.status_code == 302 and response["Location"] == page
    m = OutcomeMeasurement.objects.get()
    assert (m.year, m.value, m.source) == (2025, 0.595, "Uppföljning 2025")
    body = c.get(page).content.decode()
    row = body.split('id="outcome-measurements"')[1].split("</tr>")[1]
    assert "59,5\u00a0%" in row
    assert "57,6\u00a0%" in row
    assert "+4,5\u00a0p.e." in row
    assert "64 %" in row
    assert "I fas" in row


def test_a_second_value_for_the_same_year_replaces_the_first_and_both_are_kept(world):
    outcome = make_outcome(make_initiative(world.programme), world.employment)
    c = world.client(world.editor)
    create, page = _urls(world, outcome)
    c.post(create, {"year": "2024", "value": "56", "source": "Preliminär"})
    c.post(create, {"year": "2024", "value": "57", "source": "Slutlig"})
    assert list(OutcomeMeasurement.objects.values_list("value", flat=True)) == [0.57]
    changes = ChangeLog.objects.filter(object_type="outcomemeasurement").order_by("id")
    assert [c.action for c in changes] == ["create", "update"]
    assert changes[1].before["value"] == 0.56 and changes[1].after["value"] == 0.57
    history = c.get(page).content.decode().split('id="history"')[1]
    assert "Preliminär" in history and "Slutlig" in history


def test_a_share_over_100_percent_is_refused_with_a_message_at_the_field(world):
    outcome = make_outcome(make_initiative(world.programme), world.employment)
    c = world.client(world.editor)
    create, _page = _urls(world, outcome)
    response = c.post(create, {"year": "2024", "value": "140", "source": "x"})
    assert response.status_code == 200
    assert response.context["form"].errors["value"]
    assert not OutcomeMeasurement.objects.exists()


def test_money_indicators_are_typed_in_kronor(world):
    from builders import make_indicator

    vandalism = make_indicator(
        "vandalism", kind="money", unit="kr", direction="lower_is_better", name_sv="Skadegörelse"
    )
    outcome = make_outcome(
        make_initiative(world.programme), vandalism, baseline=1200, target=800, target_year=2025
    )
    c = world.client(world.editor)
    create, page = _urls(world, outcome)
    c.post(create, {"year": "2024", "value": "1 000", "source": "Ekonomisystemet"})
    c.post(create, {"year": "2024", "value": "1000", "source": "Ekonomisystemet"})
    assert OutcomeMeasurement.objects.get().value == 1000
    body = c.get(page).content.decode()
    assert "1\u00a0000\u00a0kr" in body and "50 %" in body  # 200 of 400 kr less


def test_removing_a_measurement_is_kept_in_the_history(world):
    outcome = make_outcome(make_initiative(world.programme), world.employment)
    c = world.client(world.editor)
    create, _page = _urls(world, outcome)
    c.post(create, {"year": "2024", "value": "56", "source": "x"})
    m = OutcomeMeasurement.objects.get()
    url = reverse(
        "initiatives:measurement_delete",
        kwargs={
            "pk": world.programme.pk,
            "initiative": outcome.initiative_id,
            "node": outcome.pk,
            "measurement": m.pk,
        },
    )
    assert c.post(url).status_code == 302
    assert not OutcomeMeasurement.objects.exists()
    assert ChangeLog.objects.filter(object_type="outcomemeasurement", action="delete").exists()
