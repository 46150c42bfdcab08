"""The network overview counts the programmes of the network's members that their owners
share with the network or publish — never one shared only with named partners or kept
private, not even in a total, and not even for a member of the owner (network_builders.py
has the numbers)."""

from __future__ import annotations

from django.urls import reverse

from grogrund.network import selectors
from network.network_builders import SECRET_NUMBERS, SECRET_TEXTS, number_forms


def test_the_totals_add_up_the_open_and_the_network_programme_only(world):
    ov = selectors.overview(world.member, selectors.Filters())
    assert ov.programmes == 2
    [employment] = ov.indicators
    # 100 + 2 222 people; reached 30 + 10 (the partner programme's 987 321 is not there).
    assert (employment.goals, employment.target_people) == (2, 2322)
    assert round(employment.achieved_people, 6) == 40
    assert employment.statuses == {"on_track": 1, "behind": 0, "at_risk": 1, "no_data": 0}
    [year] = employment.years
    # Trajectories in 2022: 100 × 2/10 + 2 222 × 2/10 = 464,4 people.
    assert (year.year, year.goals, round(year.planned_people, 6)) == (2022, 2, 464.4)


def test_the_owner_of_a_private_programme_does_not_see_it_counted(world):
    ov = selectors.overview(world.c_editor, selectors.Filters())
    names = {r.name for r in ov.rows}
    assert names == {"Öppet program Norr", "Nätverksprogram Syd"}
    assert ov.indicators[0].target_people == 2322


def test_a_programme_outside_the_network_is_not_the_networks(world):
    ov = selectors.overview(world.member, selectors.Filters())
    assert "Öppet program utanför" not in {r.name for r in ov.rows}
    assert "Bolaget D utanför (test)" not in {name for name, _k, _n in ov.organisations}


def test_the_page_shows_nothing_unshared(world):
    for user in (world.member, world.c_editor):
        body = world.client(user).get(reverse("network:overview")).content.decode()
        assert "Öppet program Norr" in body and "Nätverksprogram Syd" in body
        for secret in SECRET_TEXTS:
            assert secret not in body
        for n in SECRET_NUMBERS:
            for text in number_forms(n):
                assert text not in body
        # Nor any sum with them: 2 322 + 987 321 or + 876 543.
        for n in (2322 + 987_321, 2322 + 876_543, 2322 + 987_321 + 876_543):
            for text in number_forms(n):
                assert text not in body


def test_which_companies_and_municipalities_run_programmes(world):
    ov = selectors.overview(world.member, selectors.Filters())
    assert [name for name, _k, _n in ov.organisations] == [
        "Bostadsbolaget A (test)",
        "Bostadsbolaget C (test)",
    ]
    assert [(m.place.name, m.county, m.programmes) for m in ov.municipalities] == [
        ("Norrstad (test)", "Norrlänet (test)", 1),
        ("Söderstad (test)", "Söderlänet (test)", 1),
    ]


def test_each_programme_stands_at_its_first_step_not_done(world):
    ov = selectors.overview(world.member, selectors.Filters())
    rows = {r.name: r for r in ov.rows}
    # Steps 1 and 2 done, 3 in progress: the open programme stands at step 3.
    assert rows["Öppet program Norr"].current_step.number == 3
    assert rows["Öppet program Norr"].steps_done == 2
    assert rows["Nätverksprogram Syd"].current_step.number == 1
    by_step = {s.step.number: s for s in ov.steps}
    assert (by_step[1].done, by_step[1].at_step) == (1, 1)
    assert (by_step[3].in_progress, by_step[3].at_step) == (1, 1)
