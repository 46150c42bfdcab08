"""The follow-up dashboard's figures as XLSX, CSV and JSON (issue 12): each goal against its
trajectory, every measurement, and the twelve steps, read by `selectors.dashboard` as the
dashboard page reads them (the programme found through `programmes_for`, a 404 otherwise).

In the workbook the figures the dashboard derives are formulas over the goal's own figures in
the same row (engine.targets, mission.md "Core calculations"):

* gap in people ``(p_ref − p_base) × base`` (the sign turned when lower is better);
* the trajectory's value in a year ``p_base + (p_target − p_base) × (y − y_base) / (y_deadline −
  y_base)``, the year held within baseline…deadline;
* percent of the planned change met ``(p − p_base) / (p_target − p_base)``.
"""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from grogrund.accounts.models import Organisation
from grogrund.areas.models import Direction
from grogrund.core.exports import Cell, Column, Export, Kind, Source, Table, page_download
from grogrund.programmes import selectors
from grogrund.programmes.models import Goal, Programme, StepState


def status_label(status: str) -> str:
    """The dashboard's words for a goal's status."""
    return {
        "on_track": _("On track"),
        "behind": _("Behind"),
        "at_risk": _("At risk"),
        selectors.NO_DATA: _("No measurement yet"),
    }.get(status, status)


def no_comparison_text() -> str:
    """What a goal set without a comparison value is compared with, in words."""
    return _("none (a fixed number of people)")


def _lower(goal: Goal) -> bool:
    return goal.direction == Direction.LOWER_IS_BETTER


def gap_formula(goal: Goal) -> str:
    if _lower(goal):
        return "=({baseline}-{reference})*{base}"
    return "=({reference}-{baseline})*{base}"


EXPECTED = (
    "={baseline}+({target}-{baseline})*(MIN(MAX({year},{baseline_year}),{deadline_year})"
    "-{baseline_year})/({deadline_year}-{baseline_year})"
)


def percent_met_formula(goal: Goal) -> str:
    """engine.targets.percent_met: 100 % when the target is the baseline and the value is at
    least as good."""
    better = "{value}<={baseline}" if _lower(goal) else "{value}>={baseline}"
    return (
        "=IF({target}={baseline},IF(" + better + ",1,0),({value}-{baseline})/({target}-{baseline}))"
    )


def _goal_columns() -> list[Column]:
    return [
        Column("goal", _("Goal")),
        Column("area", _("Area")),
        Column("area_code", _("Area code")),
        Column("indicator", _("Indicator")),
        Column("indicator_code", _("Code")),
        Column("direction", _("Direction")),
        Column("reference_area", _("Compared with")),
        Column("baseline_year", _("Baseline year"), Kind.YEAR),
        Column("baseline", _("Baseline"), Kind.SHARE),
        Column("reference", _("Reference value in the baseline year"), Kind.SHARE),
        Column("base", _("Base (people)"), Kind.NUMBER, decimals=0),
        Column("gap_people", _("Gap in people"), Kind.NUMBER, decimals=0),
        Column("target_people", _("Goal in people"), Kind.INTEGER),
        Column("target", _("Target value"), Kind.SHARE),
        Column("deadline_year", _("Deadline year"), Kind.YEAR),
    ]


def _goal_cells(goal: Goal) -> list[Any]:
    return [
        f"{goal.indicator.name}, {goal.area.name}",
        goal.area.name,
        goal.area.code,
        goal.indicator.name,
        goal.indicator.code,
        goal.get_direction_display(),
        goal.reference_area.name if goal.reference_area else no_comparison_text(),
        goal.baseline_year,
        goal.baseline_share,
        goal.reference_share,
        goal.base,
        # No comparison (a fixed number of people): no gap, an empty cell, no formula.
        None if goal.people_needed is None else Cell(goal.people_needed, formula=gap_formula(goal)),
        goal.target_count,
        goal.target_share,
        goal.deadline_year,
    ]


def _goals_table(data: selectors.Dashboard) -> Table:
    columns = [
        *_goal_columns(),
        Column("year", _("Latest year"), Kind.YEAR),
        Column("value", _("Latest value"), Kind.SHARE),
        Column("expected", _("Trajectory that year"), Kind.SHARE),
        Column("percent_met", _("Share of the planned change met"), Kind.PERCENT, decimals=0),
        Column("status", _("Status")),
        Column("status_code", _("Status code"), formats=("json",)),
    ]
    rows = []
    for f in data.goals:
        latest = f.latest
        rows.append(
            [
                *_goal_cells(f.goal),
                latest.measurement.year if latest else None,
                latest.measurement.value if latest else None,
                Cell(latest.expected_share, formula=EXPECTED) if latest else None,
                Cell(latest.percent_met, formula=percent_met_formula(f.goal)) if latest else None,
                status_label(f.status),
                f.status,
            ]
        )
    return Table("goals", _("Goals"), columns, rows)


def _measurements_table(data: selectors.Dashboard) -> Table:
    org_ids = {r.measurement.organisation_id for f in data.goals for r in f.rows}
    names = dict(Organisation.objects.filter(pk__in=org_ids).values_list("pk", "name"))
    columns = [
        Column("goal", _("Goal")),
        Column("baseline_year", _("Baseline year"), Kind.YEAR),
        Column("baseline", _("Baseline"), Kind.SHARE),
        Column("target", _("Target value"), Kind.SHARE),
        Column("deadline_year", _("Deadline year"), Kind.YEAR),
        Column("year", _("Year"), Kind.YEAR),
        Column("value", _("Value"), Kind.SHARE),
        Column("numerator", _("Numerator"), Kind.NUMBER, decimals=0),
        Column("denominator", _("Denominator"), Kind.NUMBER, decimals=0),
        Column("expected", _("Trajectory that year"), Kind.SHARE),
        Column("percent_met", _("Share of the planned change met"), Kind.PERCENT, decimals=0),
        Column("status", _("Status")),
        Column("status_code", _("Status code"), formats=("json",)),
        Column("source", _("Source")),
        Column("recorded_for", _("Recorded for")),
        Column("recorded_at", _("Recorded"), Kind.DATE),
    ]
    rows = []
    for f in data.goals:
        g = f.goal
        for r in f.rows:
            m = r.measurement
            rows.append(
                [
                    f"{g.indicator.name}, {g.area.name}",
                    g.baseline_year,
                    g.baseline_share,
                    g.target_share,
                    g.deadline_year,
                    m.year,
                    m.value,
                    m.numerator,
                    m.denominator,
                    Cell(r.expected_share, formula=EXPECTED),
                    Cell(r.percent_met, formula=percent_met_formula(g)),
                    status_label(r.status),
                    r.status,
                    m.source,
                    names.get(m.organisation_id, ""),
                    timezone.localtime(m.recorded_at).date() if m.recorded_at else None,
                ]
            )
    return Table("measurements", _("Measurements"), columns, rows, file_part=_("measurements"))


def _steps_table(data: selectors.Dashboard) -> Table:
    columns = [
        Column("number", _("Step"), Kind.INTEGER),
        Column("name", _("Name")),
        Column("status", _("Status")),
        Column("status_code", _("Status code"), formats=("json",)),
        Column("marked_at", _("Marked"), Kind.DATE),
    ]
    rows = []
    for row in data.steps:
        s = row.status
        rows.append(
            [
                row.step.number,
                row.step.name,
                s.get_status_display() if s else StepState.NOT_STARTED.label,
                row.state,
                timezone.localtime(s.marked_at).date() if s and s.marked_at else None,
            ]
        )
    return Table("steps", _("The twelve steps"), columns, rows, file_part=_("steps"))


def follow_up_export(programme: Programme, *, page_url: str = "") -> Export:
    """The dashboard's figures of a programme the caller has found visible."""
    data = selectors.dashboard(programme)
    counts = data.counts
    return Export(
        kind="follow-up",
        title=_("Follow-up: %(programme)s") % {"programme": programme.name},
        file_prefix=_("follow-up"),
        subject=programme.name,
        tables=[_goals_table(data), _measurements_table(data), _steps_table(data)],
        sources=_sources(data),
        notes=[
            _(
                "Goals by status: %(on_track)s on track, %(behind)s behind, %(at_risk)s at risk, "
                "%(no_data)s without a measurement."
            )
            % counts,
            _(
                "On track when the change so far is at least what the trajectory asks for by "
                "that year, behind when it is at least half of it, at risk below that."
            ),
            _(
                "In the workbook the gap in people, the trajectory and the share of the planned "
                "change met are formulas over the goal's figures in the same row."
            ),
        ],
        page_url=page_url,
    )


def _sources(data: selectors.Dashboard) -> list[Source]:
    """Each measurement source, with the date the latest measurement from it was recorded
    (a measurement keeps no retrieval date of its own) and the goals it concerns."""
    found: dict[str, tuple[Any, set[str]]] = {}
    for f in data.goals:
        for r in f.rows:
            m = r.measurement
            if not m.source:
                continue
            date, goals = found.get(m.source, (None, set()))
            day = timezone.localtime(m.recorded_at).date() if m.recorded_at else None
            if day is not None and (date is None or day > date):
                date = day
            goals.add(f"{f.goal.indicator.name}, {f.goal.area.name}")
            found[m.source] = (date, goals)
    return [Source(n, d, "; ".join(sorted(g))) for n, (d, g) in sorted(found.items())]


def visible_programme(user: Any, pk: int) -> Programme:
    return get_object_or_404(selectors.programmes_for(user).select_related("owner"), pk=pk)


def follow_up_download(request: HttpRequest, pk: int, fmt: str) -> HttpResponse:
    programme = visible_programme(request.user, pk)
    url = request.build_absolute_uri(reverse("programmes:dashboard", args=[programme.pk]))
    return page_download(request, fmt, lambda: follow_up_export(programme, page_url=url))
