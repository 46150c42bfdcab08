"""The programme dashboard (step 12): every goal with baseline, target, latest value, the
trajectory's value that year and a status; counts by status; the twelve steps' progress;
links to the other apps' workspaces that exist. A fixed number of queries however many goals.

Hand-checked: employment 55 % → 66 % from 2024 to 2028 asks for 60.5 % in 2026; 61 % there is
on track. Unemployment 12 % → 9 % asks for 10.5 % in 2026; 11.6 % there is at risk (0.4 pp of
the 1.5 pp planned is under half).
"""

from __future__ import annotations

import pytest
from django.core.cache import caches
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from builders import make_indicator, make_user
from grogrund.accounts.models import Role
from grogrund.programmes import links, services
from grogrund.programmes.models import StepState
from programmes.builders_followup import make_goal


def _goal(world, indicator, baseline, target):
    return make_goal(
        world.programme,
        world.deso,
        indicator,
        reference_area=world.municipality,
        baseline_share=baseline,
        target_share=target,
        baseline_year=2024,
        deadline_year=2028,
    )


@pytest.fixture
def goals(world):
    employment = _goal(world, world.employment, 0.55, 0.66)
    unemployment = _goal(world, world.unemployment, 0.12, 0.09)
    services.record_measurement(
        user=world.editor, goal=employment, year=2026, value=0.61, source="SCB"
    )
    services.record_measurement(
        user=world.editor, goal=unemployment, year=2026, value=0.116, source="SCB"
    )
    return employment, unemployment


def _url(world):
    return reverse("programmes:dashboard", args=[world.programme.pk])


def test_each_goal_with_its_latest_value_trajectory_and_status(world, goals):
    page = world.client(world.partner_user).get(_url(world))
    assert page.status_code == 200
    rows = {row["f"].goal.pk: row for row in page.context["goals"]}
    employment, unemployment = (rows[g.pk] for g in goals)
    assert employment["f"].status == "on_track"
    assert employment["expected"] == pytest.approx(0.605)
    assert employment["f"].latest.measurement.value == pytest.approx(0.61)
    assert unemployment["f"].status == "at_risk"
    assert unemployment["expected"] == pytest.approx(0.105)
    text = page.content.decode().replace("\xa0", " ")
    assert 'class="sparkline"' in text
    assert "60,5 %" in text and "10,5 %" in text  # the trajectory's values, Swedish format


def test_counts_by_status_include_goals_without_measurements(world, goals):
    _goal(world, make_indicator("vacancies", direction="lower_is_better"), 0.05, 0.03)
    counts = world.client(world.editor).get(_url(world)).context["counts"]
    assert counts == {"on_track": 1, "behind": 0, "at_risk": 1, "no_data": 1}


def test_the_steps_progress(world, goals):
    services.set_step_status(
        user=world.editor, programme=world.programme, step="utmaningar", status=StepState.DONE
    )
    services.set_step_status(
        user=world.editor,
        programme=world.programme,
        step="malsattningar",
        status=StepState.IN_PROGRESS,
    )
    page = world.client(world.editor).get(_url(world))
    data = page.context["data"]
    assert (data.steps_done, data.steps_in_progress, len(data.steps)) == (1, 1, 12)


def _queries(client, url):
    with CaptureQueriesContext(connection) as q:
        assert client.get(url).status_code == 200
    return len(q)


def test_the_number_of_queries_does_not_grow_with_the_goals(world, goals):
    client = world.client(world.editor)
    client.get(_url(world))  # the first visit sets the CSRF cookie; count a later one
    for name in ("default", "pages"):  # ...and count a page computed afresh
        caches[name].clear()
    few = _queries(client, _url(world))
    for n in range(8):
        g = _goal(world, make_indicator(f"extra{n}"), 0.3, 0.4)
        for year in (2025, 2026, 2027):
            services.record_measurement(
                user=world.editor, goal=g, year=year, value=0.33, source="x"
            )
    for name in ("default", "pages"):  # afresh again (the signed-in user, kept, included)
        caches[name].clear()
    assert _queries(client, _url(world)) == few
    assert few <= 20


def test_outsiders_and_anonymous_visitors_do_not_see_a_partners_programme(world, goals):
    assert world.client(world.outsider).get(_url(world)).status_code == 404
    assert world.client(None).get(_url(world)).status_code == 404


def test_links_go_only_to_workspaces_that_exist(world):
    assert links.safe_reverse("no-such-app:list", pk=1) is None
    assert links.safe_reverse("programmes:dashboard", pk=7) == "/program/7/uppfoljning/"
    for url, _text in links.app_pages(world.programme.pk):
        assert url.startswith(f"/program/{world.programme.pk}/")


def test_step_12_links_to_the_dashboard(world):
    page = world.client(world.viewer).get(
        reverse("programmes:step", args=[world.programme.pk, "uppfoljning"])
    )
    assert page.context["workspace"][0] == _url(world)
    assert _url(world) in page.content.decode()


def test_social_procurement_links_to_the_programmes_register(world):
    page = world.client(world.viewer).get(
        reverse("programmes:step", args=[world.programme.pk, "upphandling"])
    )
    url, _text = page.context["workspace"]
    assert url == reverse("procurement:programme", args=[world.programme.pk])


@pytest.mark.parametrize(
    "code,route",
    [
        ("utbildning", "partnerships:readiness"),
        ("forutsattningar", "partnerships:readiness"),
        ("losningar", "initiatives:list"),
        ("partners", "partnerships:detail"),
        ("finansiering", "partnerships:detail"),
        ("finansiell-analys", "valuations:list"),
    ],
)
def test_steps_link_to_their_workspace_when_it_exists(world, code, route):
    expected = links.safe_reverse(route, pk=world.programme.pk)
    page = world.client(world.viewer).get(
        reverse("programmes:step", args=[world.programme.pk, code])
    )
    workspace = page.context["workspace"]
    assert (workspace[0] if workspace else None) == expected


def _status_of(client, world, goal):
    text = client.get(_url(world)).content.decode()
    row = text[text.index(f'id="goal-{goal.pk}"') :]
    return row[row.index("status status-") + len("status status-") :].split('"')[0]


def test_a_cached_dashboard_changes_as_soon_as_a_measurement_is_recorded(world, goals):
    employment, _unemployment = goals
    client = world.client(world.editor)
    assert _status_of(client, world, employment) == "on_track"
    cold = _queries(client, _url(world))  # the same page again comes from the cache
    assert cold < 10
    services.record_measurement(
        user=world.partner_user, goal=employment, year=2027, value=0.56, source="Partnern"
    )
    assert _status_of(client, world, employment) == "at_risk"
    services.delete_measurement(
        user=world.editor, measurement=employment.measurements.get(year=2027)
    )
    assert _status_of(client, world, employment) == "on_track"


def test_a_cached_dashboard_shows_a_new_step_status(world, goals):
    client = world.client(world.viewer)
    assert "0 av 12 steg klara" in client.get(_url(world)).content.decode()
    services.set_step_status(
        user=world.editor, programme=world.programme, step="benchmark", status=StepState.DONE
    )
    assert "1 av 12 steg klara" in client.get(_url(world)).content.decode()


def test_the_cache_is_per_language_and_per_right_to_record(world, goals):
    editor_page = world.client(world.editor).get(_url(world)).content.decode()
    viewer_page = world.client(world.viewer).get(_url(world)).content.decode()
    importing = reverse("programmes:measurement_import", args=[world.programme.pk])
    assert importing in editor_page and importing not in viewer_page
    english = world.client(make_user(world.a, Role.VIEWER, language="en"))
    assert "steps done" in english.get(_url(world)).content.decode()
    assert "steg klara" in world.client(world.viewer).get(_url(world)).content.decode()


def test_a_renamed_indicator_shows_at_once_for_every_visitor(world, goals):
    viewer, editor = world.client(world.viewer), world.client(world.editor)
    for client in (viewer, editor):
        assert "Förvärvsarbetande (ny definition)" not in client.get(_url(world)).content.decode()
    world.employment.name_sv = "Förvärvsarbetande (ny definition)"
    world.employment.save()
    for client in (viewer, editor):
        assert "Förvärvsarbetande (ny definition)" in client.get(_url(world)).content.decode()
