"""Outcome values can be taken from the area's statistics: the outcome page shows the
indicator in the programme's areas year by year, and one click records the years after the
baseline that have no value yet (those already measured are kept)."""

from __future__ import annotations

from django.urls import reverse

from builders import make_dataset, make_observation
from grogrund.accounts.models import Visibility
from grogrund.initiatives.models import OutcomeMeasurement
from initiatives.builders_initiatives import make_initiative, make_outcome, measure


def _statistics(world):
    ds = make_dataset(world.a, "Områdesstatistik", visibility=Visibility.PARTNERS, source="SCB")
    ds.shared_with.set([world.partner])
    for year, employed in ((2021, 540), (2022, 550), (2023, 565), (2024, 580)):
        make_observation(
            ds, world.deso, world.employment, str(year), numerator=employed, denominator=1000
        )


def test_the_years_after_the_baseline_are_taken_from_the_statistics(world):
    _statistics(world)
    outcome = make_outcome(make_initiative(world.programme), world.employment)  # baseline 2022
    measure(outcome, 2024, 0.59)  # already measured: kept
    c = world.client(world.editor)
    kwargs = {"pk": world.programme.pk, "initiative": outcome.initiative_id, "node": outcome.pk}
    page = c.get(reverse("initiatives:outcome", kwargs=kwargs)).content.decode()
    section = page.split('id="area-statistics"')[1].split("</section>")[0]
    assert "Testby" in section and "56,5\u00a0%" in section and "54,0\u00a0%" in section
    response = c.post(
        reverse("initiatives:take_from_statistics", kwargs=kwargs), {"area": world.deso.pk}
    )
    assert response.status_code == 302
    values = dict(OutcomeMeasurement.objects.values_list("year", "value"))
    assert values == {2023: 0.565, 2024: 0.59}
    m = OutcomeMeasurement.objects.get(year=2023)
    assert m.source == "SCB (Testby)"
    follow = c.get(response["Location"]).content.decode()
    assert "1 år registrerades" in follow and "1 år hade redan ett värde" in follow


def test_a_viewer_sees_the_statistics_but_cannot_take_them(world):
    _statistics(world)
    outcome = make_outcome(make_initiative(world.programme), world.employment)
    kwargs = {"pk": world.programme.pk, "initiative": outcome.initiative_id, "node": outcome.pk}
    c = world.client(world.partner_viewer)
    page = c.get(reverse("initiatives:outcome", kwargs=kwargs)).content.decode()
    assert "56,5\u00a0%" in page and "fran-statistiken" not in page
    response = c.post(
        reverse("initiatives:take_from_statistics", kwargs=kwargs), {"area": world.deso.pk}
    )
    assert response.status_code == 404
    assert not OutcomeMeasurement.objects.exists()
