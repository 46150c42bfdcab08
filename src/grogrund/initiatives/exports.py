"""The portfolio review's figures as XLSX, CSV and JSON (issue 12): each initiative's cost,
outcome achieved, pace, cost per percent of target and suggestion with its reasons, and each
outcome against its baseline and target, read by `selectors.portfolio` as the portfolio page
reads them (engine.portfolio).

In the workbook an outcome's figures are formulas over its baseline, target and latest value in
the same row (engine.portfolio's docstring): change ``a − b``, planned change ``t − b``, percent
met ``(a − b) / (t − b)``, the trajectory's value in the year measured, pace
``(a − b) / (expected − b)`` and cost per unit ``budget / |a − b|``; an initiative's cost per
percent of target is ``budget / percent met``."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest, HttpResponse
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from grogrund.areas.models import IndicatorKind
from grogrund.core.exports import Cell, Column, Export, Kind, Source, Table, page_download
from grogrund.engine.portfolio import OutcomeStatus, PortfolioReview
from grogrund.initiatives import selectors
from grogrund.initiatives.models import Stage
from grogrund.initiatives.portfolio_text import reason_texts, suggestion_label
from grogrund.initiatives.values import is_share
from grogrund.programmes.exports import visible_programme
from grogrund.programmes.models import Programme

EXPECTED = (
    "=IF({year}>={target_year},{target},{baseline}+({target}-{baseline})*"
    "({year}-{baseline_year})/({target_year}-{baseline_year}))"
)


def outcome_status_label(status: OutcomeStatus) -> str:
    return {
        OutcomeStatus.ON_TRACK: _("On track"),
        OutcomeStatus.BEHIND: _("Behind the trajectory"),
        OutcomeStatus.AT_RISK: _("At risk"),
        OutcomeStatus.NOT_FOLLOWED: _("Not followed yet"),
    }[status]


def value_cell(indicator: Any, value: float | None, formula: str | None = None) -> Cell:
    """An outcome value in its indicator's unit, as the page shows it (values.show)."""
    if is_share(indicator):
        return Cell(value, kind=Kind.SHARE, decimals=1, formula=formula)
    if indicator is not None and indicator.kind == IndicatorKind.MONEY:
        return Cell(value, kind=Kind.MONEY, decimals=0, formula=formula)
    unit = indicator.unit if indicator is not None else ""
    return Cell(value, kind=Kind.NUMBER, decimals=1, unit=unit, formula=formula)


def change_cell(indicator: Any, change: float | None, difference: str) -> Cell:
    """A change in the indicator's unit (values.show_change): percentage points for a share."""
    if is_share(indicator):
        return Cell(change, kind=Kind.POINTS, decimals=1, formula=f"=({difference})*100")
    return value_cell(indicator, change, f"={difference}")


def cost_cell(indicator: Any, cost_per_unit: float | None) -> Cell:
    """Cost per unit of change as the page shows it (values.cost_per_unit_shown): per
    percentage point for a share, a plain ratio for money, else per the indicator's unit."""
    formula = "={budget}/ABS({change})"
    if is_share(indicator):
        per_point = cost_per_unit / 100 if cost_per_unit is not None else None
        return Cell(per_point, kind=Kind.MONEY, decimals=0, unit=_("kr per pp"), formula=formula)
    if indicator is not None and indicator.kind == IndicatorKind.MONEY:
        decimals = 0 if cost_per_unit is not None and abs(cost_per_unit) >= 10 else 1
        return Cell(
            cost_per_unit,
            kind=Kind.NUMBER,
            decimals=decimals,
            unit=_("times the change"),
            formula=formula,
        )
    unit = indicator.unit if indicator is not None and indicator.unit else _("unit")
    return Cell(
        cost_per_unit,
        kind=Kind.MONEY,
        decimals=0,
        unit=_("kr per %(unit)s") % {"unit": unit},
        formula=formula,
    )


def _initiatives_table(rows: list[selectors.PortfolioRow], review: PortfolioReview) -> Table:
    columns = [
        Column("initiative", _("Initiative")),
        Column("owner", _("Run by")),
        Column("status", _("Status")),
        Column("status_code", _("Status code"), formats=("json",)),
        Column("suggestion", _("Suggestion")),
        Column("suggestion_code", _("Suggestion code"), formats=("json",)),
        Column("budget", _("Cost"), Kind.MONEY, decimals=0),
        Column("percent_met", _("Achieved of the target"), Kind.PERCENT, decimals=0),
        Column("pace", _("Pace against the trajectory"), Kind.SHARE, decimals=0),
        Column("years_followed", _("Years followed"), Kind.INTEGER),
        Column("cost_per_percent", _("Cost per percent of the target"), Kind.MONEY, decimals=0),
        Column("reasons", _("Reasons")),
    ]
    body = []
    for r in rows:
        i, rv = r.initiative, r.review
        body.append(
            [
                i.name,
                i.owner.name,
                i.get_status_display(),
                i.status,
                suggestion_label(rv.suggestion),
                rv.suggestion.value,
                float(i.budget) if i.budget is not None else None,
                rv.percent_met,
                rv.pace,
                rv.years_followed,
                Cell(rv.cost_per_percent, formula="={budget}/({percent_met}*100)"),
                " ".join(reason_texts(rv)),
            ]
        )
    totals = []
    if review.median_cost_per_percent is not None:
        median_row: list[Any] = [None] * len(columns)
        median_row[0] = _("The programme's median")
        median_row[10] = review.median_cost_per_percent
        totals.append(median_row)
    return Table("initiatives", _("Initiatives"), columns, body, totals)


def _outcomes_table(rows: list[selectors.PortfolioRow]) -> Table:
    columns = [
        Column("initiative", _("Initiative")),
        Column("budget", _("Cost of the initiative"), Kind.MONEY, decimals=0),
        Column("outcome", _("Outcome")),
        Column("stage", _("Stage")),
        Column("indicator", _("Indicator")),
        Column("indicator_code", _("Code")),
        Column("goal", _("Programme goal")),
        Column("baseline_year", _("Baseline year"), Kind.YEAR),
        Column("baseline", _("Baseline"), Kind.NUMBER),
        Column("target_year", _("Target year"), Kind.YEAR),
        Column("target", _("Target value"), Kind.NUMBER),
        Column("year", _("Latest year"), Kind.YEAR),
        Column("latest", _("Latest value"), Kind.NUMBER),
        Column("unit", _("Unit"), Kind.UNIT, of="latest"),
        Column("change", _("Change"), Kind.NUMBER, signed=True),
        Column("planned_change", _("Planned change"), Kind.NUMBER, signed=True),
        Column("change_unit", _("Unit of the change"), Kind.UNIT, of="planned_change"),
        Column("percent_met", _("Achieved of the target"), Kind.PERCENT, decimals=0),
        Column("expected", _("Trajectory that year"), Kind.NUMBER),
        Column("pace", _("Pace against the trajectory"), Kind.SHARE, decimals=0),
        Column("status", _("Status")),
        Column("status_code", _("Status code"), formats=("json",)),
        Column("cost_per_unit", _("Cost per unit of change"), Kind.MONEY),
        Column("cost_unit", _("Unit of the cost"), Kind.UNIT, of="cost_per_unit"),
        Column("source", _("Source of the latest value")),
    ]
    body = []
    stages = dict(Stage.choices)
    for r in rows:
        i = r.initiative
        budget = float(i.budget) if i.budget is not None else None
        for k, o in enumerate(r.review.outcomes):
            node, latest = r.nodes.get(k), r.latest.get(k)
            indicator = node.indicator if node is not None else None
            f = o.facts
            followed = o.status is not OutcomeStatus.NOT_FOLLOWED
            goal = node.goal if node is not None else None
            body.append(
                [
                    i.name,
                    budget,
                    f.name,
                    str(stages.get(node.stage, node.stage)) if node is not None else "",
                    indicator.name if indicator is not None else "",
                    indicator.code if indicator is not None else "",
                    f"{goal.indicator.name}, {goal.area.name}" if goal is not None else "",
                    f.baseline_year,
                    value_cell(indicator, f.baseline),
                    f.target_year,
                    value_cell(indicator, f.target),
                    f.actual_year,
                    value_cell(indicator, f.actual),
                    None,
                    change_cell(indicator, o.change, "{latest}-{baseline}"),
                    change_cell(indicator, o.planned_change, "{target}-{baseline}"),
                    None,
                    Cell(o.percent_met, formula="=({latest}-{baseline})/({target}-{baseline})"),
                    value_cell(indicator, o.expected, EXPECTED) if followed else None,
                    Cell(o.pace, formula="=({latest}-{baseline})/({expected}-{baseline})"),
                    outcome_status_label(o.status),
                    o.status.value,
                    cost_cell(indicator, o.cost_per_unit) if o.cost_per_unit is not None else None,
                    None,
                    latest.source if latest is not None else "",
                ]
            )
    return Table("outcomes", _("Outcomes"), columns, body, file_part=_("outcomes"))


def _sources(rows: list[selectors.PortfolioRow]) -> list[Source]:
    """The source of each latest outcome value, with the day it was recorded (an outcome value
    keeps no retrieval date) and the outcomes it concerns."""
    found: dict[str, tuple[Any, set[str]]] = {}
    for r in rows:
        for k, value in r.latest.items():
            if not value.source:
                continue
            recorded = None
            if value.measurement is not None and value.measurement.recorded_at:
                recorded = timezone.localtime(value.measurement.recorded_at).date()
            date, names = found.get(value.source, (None, set()))
            if recorded is not None and (date is None or recorded > date):
                date = recorded
            names.add(f"{r.initiative.name}: {r.review.outcomes[k].facts.name}")
            found[value.source] = (date, names)
    return [Source(n, d, "; ".join(sorted(s))) for n, (d, s) in sorted(found.items())]


def portfolio_export(programme: Programme, *, page_url: str = "") -> Export:
    """The portfolio review of a programme the caller has found visible."""
    rows, review = selectors.portfolio(programme)
    return Export(
        kind="portfolio",
        title=_("Portfolio review: %(programme)s") % {"programme": programme.name},
        file_prefix=_("portfolio-review"),
        subject=programme.name,
        tables=[_initiatives_table(rows, review), _outcomes_table(rows)],
        sources=_sources(rows),
        notes=[
            _(
                "Outcome achieved: the measured change since the baseline as a percent of the "
                "planned change to the target, averaged over the initiative's outcomes (an "
                "outcome beyond its target counts as fully met)."
            ),
            _(
                "Pace: the change achieved against the change the straight trajectory from "
                "baseline to target asks for by the year measured; the full trajectory or more "
                "is on track, less than half of it at risk."
            ),
            _(
                "In the workbook an outcome's change, percent met, trajectory, pace and cost per "
                "unit, and an initiative's cost per percent of the target, are formulas over the "
                "figures in the same row."
            ),
        ],
        page_url=page_url,
    )


def portfolio_download(request: HttpRequest, pk: int, fmt: str) -> HttpResponse:
    programme = visible_programme(request.user, pk)
    url = request.build_absolute_uri(reverse("initiatives:portfolio", args=[programme.pk]))
    return page_download(request, fmt, lambda: portfolio_export(programme, page_url=url))
