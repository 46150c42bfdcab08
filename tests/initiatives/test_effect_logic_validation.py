"""The effect logic says what is missing, and where: outcomes without indicator, baseline or
target; activities that lead nowhere; an impact nothing leads to; links backwards and loops;
long-term outcomes not tied to a goal (a warning)."""

from __future__ import annotations

from grogrund.initiatives.validation import validate
from initiatives.builders_initiatives import complete_chain, link, make_initiative, make_node


def _check(initiative):
    initiative.refresh_from_db()
    return validate(
        list(initiative.nodes.select_related("indicator")), list(initiative.links.all())
    )


def _codes(result):
    return sorted(i.code for i in result.issues)


def test_a_complete_chain_has_no_issues(world):
    i = make_initiative(world.programme)
    complete_chain(i, world.employment, goal=world.goal)
    result = _check(i)
    assert result.issues == []
    assert result.complete


def test_an_empty_effect_logic_says_where_to_start(world):
    result = _check(make_initiative(world.programme))
    assert _codes(result) == ["empty"]
    assert not result.complete


def test_every_missing_stage_is_named(world):
    i = make_initiative(world.programme)
    make_node(i, "need", "Behov")
    assert _codes(_check(i)) == [
        "missing_activity",
        "missing_impact",
        "missing_long_term",
        "missing_output",
        "missing_short_term",
    ]


def test_an_outcome_without_indicator_baseline_and_target_gets_three_errors_on_that_box(world):
    i = make_initiative(world.programme)
    n = complete_chain(i, world.employment, goal=world.goal)
    bare = make_node(i, "short_term", "Tryggare boende")
    link(n["output"], bare)
    link(bare, n["long"])
    result = _check(i)
    assert sorted(x.code for x in result.for_node(bare.pk)) == [
        "outcome_without_baseline",
        "outcome_without_indicator",
        "outcome_without_target",
    ]
    assert all("Tryggare boende" in x.message for x in result.for_node(bare.pk))
    assert not result.complete


def test_an_activity_that_leads_nowhere_is_an_error_until_it_reaches_an_outcome(world):
    i = make_initiative(world.programme)
    n = complete_chain(i, world.employment, goal=world.goal)
    lonely = make_node(i, "activity", "Sommarfest")
    result = _check(i)
    assert [x.code for x in result.for_node(lonely.pk)] == ["activity_leads_nowhere"]
    out = make_node(i, "output", "En fest")
    link(lonely, out)
    assert [x.code for x in _check(i).for_node(lonely.pk)] == ["activity_leads_nowhere"]
    link(out, n["short"])
    assert _check(i).for_node(lonely.pk) == []


def test_an_impact_nothing_leads_to(world):
    i = make_initiative(world.programme)
    complete_chain(i, world.employment, goal=world.goal)
    extra = make_node(i, "impact", "Fler företag")
    assert [x.code for x in _check(i).for_node(extra.pk)] == ["impact_unreached"]


def test_a_link_backwards_and_a_loop_are_errors(world):
    i = make_initiative(world.programme)
    n = complete_chain(i, world.employment, goal=world.goal)
    back = link(n["long"], n["activity"])
    result = _check(i)
    codes = _codes(result)
    assert "backwards" in codes and "cycle" in codes
    assert back.pk in result.problem_links
    cycle = next(x for x in result.issues if x.code == "cycle")
    # activity → output → short → long → activity
    assert cycle.message.count("“") == 4


def test_a_loop_within_one_stage(world):
    i = make_initiative(world.programme)
    n = complete_chain(i, world.employment, goal=world.goal)
    second = make_node(i, "output", "Andra prestationen")
    link(n["output"], second)
    link(second, n["output"])
    assert _codes(_check(i)) == ["cycle"]


def test_a_long_term_outcome_without_goal_is_a_warning_only(world):
    i = make_initiative(world.programme)
    complete_chain(i, world.employment, goal=None)
    result = _check(i)
    assert _codes(result) == ["long_term_without_goal"]
    assert result.complete and len(result.warnings) == 1


def test_a_target_that_does_not_improve_or_comes_too_early(world):
    i = make_initiative(world.programme)
    n = complete_chain(i, world.employment, goal=world.goal)
    short = n["short"]
    short.target_value = 0.50  # employment: higher is better, baseline 0.55
    short.target_year = 2021  # before the baseline year 2022
    short.save()
    assert sorted(x.code for x in _check(i).for_node(short.pk)) == [
        "target_not_better",
        "target_year_not_after_baseline",
    ]


def test_a_falling_target_is_right_for_lower_is_better(world):
    i = make_initiative(world.programme)
    n = complete_chain(i, world.unemployment, goal=world.goal)
    for key in ("short", "long"):
        n[key].baseline_value, n[key].target_value = 0.17, 0.12
        n[key].save()
    assert _check(i).errors == []


def test_assumptions_stand_outside_the_chain(world):
    i = make_initiative(world.programme)
    complete_chain(i, world.employment, goal=world.goal)
    make_node(i, "assumption", "Arbetsgivarna håller sina löften")
    assert _check(i).issues == []


def test_an_outcome_followed_with_another_indicator_than_its_goal_is_a_warning(world):
    i = make_initiative(world.programme)
    n = complete_chain(i, world.unemployment, goal=world.goal)  # the goal follows employment
    for key in ("short", "long"):
        n[key].baseline_value, n[key].target_value = 0.17, 0.12
        n[key].save()
    result = _check(i)
    assert _codes(result) == ["goal_indicator_differs"]
    assert result.complete
