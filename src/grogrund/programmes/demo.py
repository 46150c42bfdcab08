"""The demo programme: "Handslag Norrbacka", modelled on the handslag example in the seed
documents (mission.md). This module makes the programme with its partners, goals and
measurements; each app adds its own part through its `demo.build(programme)`.

The goals are made as in the browser: from the gap between the district and the municipality
in the baseline year 2021 (the year before the programme starts), with the same services. The
measurements 2022–2024 are the district's own statistics, taken with the same service as
"Take the values from the area's statistics"; the municipality's analyst (a partner) records
the school results for the municipality. With the demo's figures three goals are on track in
2024 and eligibility for upper-secondary school is behind: its goal closes half of the gap by
2031, and the district's share has risen by less than the trajectory asks for (but by more
than half of it, else the goal would be at risk).
"""

from __future__ import annotations

from importlib import import_module
from typing import Any

from grogrund.accounts.models import Organisation, User, Visibility
from grogrund.areas.models import Area, Indicator
from grogrund.programmes import selectors, services
from grogrund.programmes.models import ChangeAction, Goal, Programme

DEMO_PROGRAMME = "Handslag Norrbacka (fiktivt)"
OWNER = "grobo-bostader"
PARTNERS = ("grobo-kommun", "exempel-fastigheter", "norrbacka-hgf", "idrott-for-alla")
#: The order matters: valuations belong to initiatives, the cost split reads the valuations.
APPS = ("initiatives", "valuations", "partnerships")

BASELINE_YEAR = 2021
DEADLINE_YEAR = 2031
MEASURED_YEARS = (2022, 2023, 2024)
#: Indicator code, part of the gap to close by DEADLINE_YEAR, who records the measurements.
GOALS: tuple[tuple[str, float, str], ...] = (
    ("employment_20_64", 0.3, "edvin"),
    ("eligible_upper_secondary", 0.5, "karin"),
    ("economic_assistance", 0.15, "edvin"),
    ("low_economic_standard", 0.1, "edvin"),
)
OWNER_EDITOR = "edvin"
#: Where the demo programme stands on the twelve steps (the others are not started).
STEP_STATES: tuple[tuple[str, str, str], ...] = (
    ("utmaningar", "done", "Områdesprofilen genomgången med kommunen i november 2021."),
    ("forutsattningar", "done", "Ägardirektiv och styrelsebeslut finns (fiktivt)."),
    ("malsattningar", "done", "Fyra mål ur gapet till kommunen, överenskomna i handslaget."),
    ("tidsperspektiv", "done", "Programmet löper 2022–2032, målen till 2031."),
    ("losningar", "in_progress", ""),
    ("partners", "in_progress", ""),
    ("uppfoljning", "in_progress", "Mätningar 2022–2024 registrerade."),
)


def build_demo_programme(district: Area) -> Programme:
    """Create (or refresh) the demo programme for the fictional district."""
    owner = Organisation.objects.get(slug=OWNER)
    fields = {
        "description": (
            "Bostadsbolaget, kommunen och partner sluter ett handslag för att halvera "
            "gapet till staden i Norrbacka (fiktivt exempel)."
        ),
        "start_year": 2022,
        "horizon_years": 10,
    }
    # Who sees it is set when it is made and then left as it is (grogrund.network.demo
    # publishes it, as its owner would, with the change in its history).
    programme, _created = Programme.objects.update_or_create(
        name=DEMO_PROGRAMME,
        owner=owner,
        defaults=fields,
        create_defaults={**fields, "visibility": Visibility.PARTNERS},
    )
    programme.areas.set([district])
    programme.shared_with.set(Organisation.objects.filter(slug__in=PARTNERS))
    if _created:
        services.record_change(
            user=_user("anna"),
            programme=programme,
            obj=programme,
            action=ChangeAction.CREATE,
            before=None,
            after=services.snapshot(programme),
        )
    _goals_and_measurements(programme, district)
    _steps(programme)
    for app in APPS:
        import_module(f"grogrund.{app}.demo").build(programme)
    return programme


def _user(username: str) -> Any:
    return User.objects.filter(username=username).first()


def _steps(programme: Programme) -> None:
    editor = _user(OWNER_EDITOR)
    if editor is None:
        return
    marked = set(programme.step_statuses.values_list("step", flat=True))
    for code, state, note in STEP_STATES:
        if code not in marked:  # a status someone set in the demo is left as it is
            services.set_step_status(
                user=editor, programme=programme, step=code, status=state, note=note
            )


def _goals_and_measurements(programme: Programme, district: Area) -> None:
    editor = _user(OWNER_EDITOR)
    if editor is None:
        return  # the demo users are made by grogrund.areas.demo.build before this
    for code, share_of_gap, recorder in GOALS:
        indicator = Indicator.objects.filter(code=code).first()
        if indicator is None:
            continue
        goal = Goal.objects.filter(programme=programme, area=district, indicator=indicator).first()
        if goal is None:
            facts = selectors.gap_facts(editor, district, indicator.pk, BASELINE_YEAR)
            if facts is None:
                continue
            goal = services.create_goal(
                user=editor,
                programme=programme,
                area=district,
                indicator=indicator,
                facts=facts,
                deadline_year=DEADLINE_YEAR,
                share_of_gap=share_of_gap,
            )
        user = _user(recorder) or editor
        organisation = services.default_organisation(user, programme)
        points = [p for p in selectors.statistics_for_goal(user, goal) if p.year in MEASURED_YEARS]
        # Unchanged figures are not written again: running the demo twice changes nothing.
        services.record_from_statistics(
            user=user, goal=goal, points=points, organisation=organisation
        )
