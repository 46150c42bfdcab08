"""The programmes app's routes in the access registry
(tests/accounts/test_every_route_is_guarded.py): each private route is tried against
organisation A's private programme "Hemligt program Alfa"."""

from __future__ import annotations

from typing import Any

from route_registry import Case, PrivateWorld, goal_of, programme_of


def measurement_of(w: PrivateWorld) -> Any:
    """A measurement of A's private goal, recorded by A."""
    from grogrund.programmes.models import Measurement

    goal = goal_of(w)
    return Measurement.objects.get_or_create(
        goal=goal,
        year=2025,
        defaults={
            "value": 0.45,
            "source": "Hemlig källa Alfa",
            "organisation_id": goal.programme.owner_id,
        },
    )[0]


def _programme(w: PrivateWorld) -> int:
    return programme_of(w).pk


def _goal(w: PrivateWorld) -> int:
    return goal_of(w).pk


PROGRAMME = {"pk": _programme}
GOAL = {"pk": _programme, "goal": _goal}

ROUTES: dict[str, Case] = {
    "programmes:list": Case(),
    "programmes:create": Case(),
    "programmes:detail": Case(private=True, kwargs=PROGRAMME),
    "programmes:edit": Case(private=True, kwargs=PROGRAMME),
    "programmes:share": Case(private=True, kwargs=PROGRAMME),
    "programmes:dashboard": Case(private=True, kwargs=PROGRAMME),
    "programmes:measurement_import": Case(private=True, kwargs=PROGRAMME),
    "programmes:step": Case(private=True, kwargs={**PROGRAMME, "code": lambda w: "malsattningar"}),
    "programmes:goal_create": Case(private=True, kwargs=PROGRAMME),
    # The goal form with "a fixed number of people" chosen (the area profile's link where the
    # comparison has no value).
    "programmes:goal_create_fixed": Case(private=True, kwargs=PROGRAMME),
    "programmes:goal": Case(private=True, kwargs=GOAL),
    "programmes:measurement_create": Case(private=True, kwargs=GOAL),
    "programmes:measurement_statistics": Case(private=True, kwargs=GOAL),
    "programmes:measurement_delete": Case(
        private=True,
        kwargs={**GOAL, "year": lambda w: measurement_of(w).year},
        method="post",
        member_status=302,
    ),
    "api:programme-list": Case(),
    "api:programme-detail": Case(private=True, kwargs=PROGRAMME),
    "api:goal-list": Case(),
    "api:goal-detail": Case(private=True, kwargs={"pk": _goal}),
    "api:measurement-list": Case(),
    "api:measurement-detail": Case(private=True, kwargs={"pk": lambda w: measurement_of(w).pk}),
    # Exports (issue 12) of A's private programme: the follow-up, the portfolio and the budget.
    "programmes:dashboard_export": Case(private=True, kwargs={**PROGRAMME, "fmt": lambda w: "csv"}),
    "api:programme-follow-up": Case(private=True, kwargs=PROGRAMME),
    "api:programme-portfolio": Case(private=True, kwargs=PROGRAMME),
    "api:programme-budget": Case(private=True, kwargs=PROGRAMME),
}

SECRETS = ("Hemligt program Alfa",)
