"""A method's benchmark (model step 3): the results of the initiatives that use it, across
programmes and organisations.

Only initiatives of programmes whose owners share them beyond their named partners count:
with the network (for members of the network) or with the public (for everyone) —
accounts.access.shared_widely_q. Nothing else is counted, not even in a total: not a private
programme, not one shared with named partners, not the visitor's own unless it is shared so.
What is shown beside the results follows the same rule: official and public areas only, the
population from shared datasets only.

Figures:
- programmes, organisations, areas, initiatives: distinct counts;
- participants and those who reached the outcome: sums over the years the initiatives report
  (methods.Participation; a person taking part two years counts twice);
- outcomes against targets: each outcome of the initiatives' effect logic reviewed as the
  portfolio review does (engine.portfolio.review_outcome: percent of the planned change met,
  on track / behind / at risk); per initiative the mean percent met of its followed outcomes,
  each capped at 100 %; then median and range across initiatives;
- cost per outcome: an initiative's cost (the yearly costs it reports, else its budget) divided
  by the participants who reached the outcome; cost per participant likewise; median and
  range across initiatives, with n;
- valuation ratios: the return per krona (PV benefits / PV costs) of every valuation of the
  initiatives, from its stored result; median and range, with n;
- each area's context: the police's latest classification, the population (latest year in a
  shared dataset; a custom area sums its parts' figures of one year) and the gaps of the
  programme's goals for the area (the goal's indicator, the area and the comparison in the
  baseline year, the gap in people).

The whole benchmark takes a fixed number of queries whatever the number of initiatives, and is
cached per method, audience and language until any data changes (grogrund.core.generation).
"""

from __future__ import annotations

import hashlib
import statistics
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from django.core.cache import cache
from django.db.models import Count, OuterRef, Q, Subquery
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from grogrund.accounts.access import in_network, shared_widely_q
from grogrund.areas.models import (
    Area,
    AreaLevel,
    Dataset,
    Observation,
    PoliceCategory,
    PoliceClassification,
)
from grogrund.core.generation import current
from grogrund.engine.portfolio import PERCENT_CAP, OutcomeFacts, OutcomeStatus, review_outcome
from grogrund.engine.targets import Direction
from grogrund.initiatives.models import (
    OUTCOME_STAGES,
    EffectNode,
    Initiative,
    InitiativeStatus,
    OutcomeMeasurement,
)
from grogrund.methods.models import Method, Participation
from grogrund.programmes.models import Goal, Measurement, Programme
from grogrund.valuations.models import Valuation

#: The indicator whose figures give an area's population.
POPULATION = "population"
#: The page lists at most this many initiatives and areas (the figures count them all).
ROWS_SHOWN = 50
#: Cached benchmarks are dropped after this long unused (a new generation makes a new key).
CACHE_SECONDS = 3600

PUBLIC, NETWORK = "public", "network"


@dataclass(frozen=True)
class Spread:
    """Median and range of some figures, with how many there are."""

    n: int
    median: float | None = None
    low: float | None = None
    high: float | None = None


def spread(values: Iterable[float | None]) -> Spread:
    found = sorted(v for v in values if v is not None)
    if not found:
        return Spread(0)
    return Spread(len(found), statistics.median(found), found[0], found[-1])


@dataclass(frozen=True)
class OutcomeTally:
    outcomes: int = 0
    on_track: int = 0
    behind: int = 0
    at_risk: int = 0
    not_followed: int = 0


@dataclass(frozen=True)
class InitiativeRow:
    initiative_id: int
    name: str
    programme: str
    organisation: str
    status: str
    participants: int | None
    reached: int | None
    percent_met: float | None
    cost_per_outcome: float | None
    ratio: float | None


@dataclass(frozen=True)
class GapLine:
    indicator: str
    year: int
    area_share: float
    reference: str
    reference_share: float
    people: float
    lower_is_better: bool


@dataclass(frozen=True)
class AreaContext:
    area_id: int
    code: str
    name: str
    level: str
    police: str = ""
    police_year: int | None = None
    population: float | None = None
    population_year: int | None = None
    gaps: tuple[GapLine, ...] = ()


@dataclass(frozen=True)
class Benchmark:
    audience: str
    programmes: int = 0
    organisations: int = 0
    areas: int = 0
    initiatives: int = 0
    participants: int = 0
    reached: int = 0
    years: tuple[int, ...] = ()
    outcomes: OutcomeTally = OutcomeTally()
    percent_met: Spread = Spread(0)
    cost_per_outcome: Spread = Spread(0)
    cost_per_participant: Spread = Spread(0)
    ratios: Spread = Spread(0)
    rows: tuple[InitiativeRow, ...] = ()
    contexts: tuple[AreaContext, ...] = ()
    more_rows: int = 0
    more_contexts: int = 0
    #: Programmes of fictional (demo) organisations among those counted.
    fictional: int = 0

    @property
    def empty(self) -> bool:
        return self.initiatives == 0


def audience_of(user: Any) -> str:
    return NETWORK if in_network(user) else PUBLIC


def shared_initiatives(user: Any) -> Any:
    """Initiatives of programmes shared with the network (for its members) or the public."""
    return Initiative.objects.filter(shared_widely_q(user, "programme__"))


def usage_counts(user: Any, method_ids: Iterable[int]) -> dict[int, int]:
    """How many shared programmes use each method (one query)."""
    rows = (
        shared_initiatives(user)
        .filter(method_ref_id__in=list(method_ids))
        .values("method_ref_id")
        .annotate(n=Count("programme_id", distinct=True))
    )
    return {r["method_ref_id"]: r["n"] for r in rows}


def benchmark(method: Method, user: Any, *, generation: int | None = None) -> Benchmark:
    """The method's benchmark for what `user` may count (cached; see the module docstring).
    `generation`: the data generation when the caller has just read it."""
    audience = audience_of(user)
    generation = current() if generation is None else generation
    parts = ("methods:benchmark", method.pk, audience, get_language() or "", generation)
    key = hashlib.sha256("|".join(map(str, parts)).encode()).hexdigest()
    found = cache.get(key)
    if found is None:
        found = compute(method, user)
        cache.set(key, found, CACHE_SECONDS)
    return found  # type: ignore[no-any-return]


# --- the computation --------------------------------------------------------------------------


def _latest(values: list[tuple[int, float]]) -> tuple[int, float] | None:
    return max(values) if values else None


def compute(method: Method, user: Any) -> Benchmark:
    audience = audience_of(user)
    initiatives = list(
        shared_initiatives(user)
        .filter(method_ref_id=method.pk)
        .select_related("programme__owner")
        .order_by("programme__name", "name", "id")
    )
    if not initiatives:
        return Benchmark(audience)
    ids = [i.pk for i in initiatives]
    programme_ids = sorted({i.programme_id for i in initiatives})

    nodes = list(
        EffectNode.objects.filter(initiative_id__in=ids, stage__in=OUTCOME_STAGES)
        .select_related("indicator")
        .order_by("id")
    )
    own: dict[int, list[tuple[int, float]]] = defaultdict(list)
    for outcome_id, year, value in OutcomeMeasurement.objects.filter(
        initiative_id__in=ids
    ).values_list("outcome_id", "year", "value"):
        own[outcome_id].append((year, value))
    goals = _goals(programme_ids)
    by_goal = {
        g.pk: (g.latest_year, g.latest_value)  # type: ignore[attr-defined]
        for g in goals
        if g.latest_year is not None  # type: ignore[attr-defined]
    }

    budgets = {i.pk: float(i.budget) if i.budget is not None else None for i in initiatives}
    results: dict[int, list[Any]] = defaultdict(list)
    tally: dict[str, int] = defaultdict(int)
    for node in nodes:
        # An outcome linked to a goal counts the goal's measurements when it has none of its
        # own (as on the initiative's page).
        latest = _latest(own.get(node.pk, [])) or (
            by_goal.get(node.goal_id) if node.goal_id else None
        )
        facts = None
        if (
            node.indicator is not None
            and None not in (node.baseline_value, node.target_value)
            and None not in (node.baseline_year, node.target_year)
        ):
            facts = OutcomeFacts(
                name=node.text,
                direction=Direction(node.indicator.direction),
                baseline=float(node.baseline_value),  # type: ignore[arg-type]
                baseline_year=int(node.baseline_year),  # type: ignore[arg-type]
                target=float(node.target_value),  # type: ignore[arg-type]
                target_year=int(node.target_year),  # type: ignore[arg-type]
                actual=latest[1] if latest else None,
                actual_year=latest[0] if latest else None,
            )
        result = review_outcome(facts, budgets[node.initiative_id]) if facts else None
        status = result.status if result else OutcomeStatus.NOT_FOLLOWED
        tally[status] += 1
        if result is not None and status is not OutcomeStatus.NOT_FOLLOWED:
            results[node.initiative_id].append(result)

    people: dict[int, dict[str, float]] = defaultdict(lambda: defaultdict(float))
    reported_cost: dict[int, bool] = defaultdict(bool)
    years: set[int] = set()
    for initiative_id, year, participants, reached, cost in Participation.objects.filter(
        initiative_id__in=ids
    ).values_list("initiative_id", "year", "participants", "reached_outcome", "cost_sek"):
        years.add(year)
        people[initiative_id]["participants"] += participants
        if reached is not None:
            people[initiative_id]["reached"] += reached
            people[initiative_id]["reached_years"] += 1
        if cost is not None:
            people[initiative_id]["cost"] += cost
            reported_cost[initiative_id] = True

    ratios: dict[int, list[float]] = defaultdict(list)
    for initiative_id, ratio in Valuation.objects.filter(
        initiative_id__in=ids, result__isnull=False
    ).values_list("initiative_id", "result__ratio"):
        if isinstance(ratio, int | float) and not isinstance(ratio, bool):
            ratios[initiative_id].append(float(ratio))

    rows = []
    percents, per_outcome, per_participant = [], [], []
    for i in initiatives:
        followed = results.get(i.pk, [])
        percent = (
            statistics.fmean(min(PERCENT_CAP, r.percent_met or 0.0) for r in followed)
            if followed
            else None
        )
        figures = people.get(i.pk)
        cost = figures["cost"] if reported_cost.get(i.pk) and figures else budgets[i.pk]
        participants = int(figures["participants"]) if figures else None
        reached = int(figures["reached"]) if figures and figures["reached_years"] else None
        cpo = cost / reached if cost is not None and reached else None
        cpp = cost / participants if cost is not None and participants else None
        percents.append(percent)
        per_outcome.append(cpo)
        per_participant.append(cpp)
        own_ratios = ratios.get(i.pk, [])
        rows.append(
            InitiativeRow(
                initiative_id=i.pk,
                name=i.name,
                programme=i.programme.name,
                organisation=i.programme.owner.name,
                status=str(dict(InitiativeStatus.choices).get(i.status, i.status)),
                participants=participants,
                reached=reached,
                percent_met=percent,
                cost_per_outcome=cpo,
                ratio=statistics.median(own_ratios) if own_ratios else None,
            )
        )

    contexts = _area_contexts(user, programme_ids, goals)
    return Benchmark(
        audience=audience,
        programmes=len(programme_ids),
        organisations=len({i.programme.owner_id for i in initiatives}),
        areas=len(contexts),
        initiatives=len(initiatives),
        participants=int(sum(f["participants"] for f in people.values())),
        reached=int(sum(f["reached"] for f in people.values())),
        years=tuple(sorted(years)),
        outcomes=OutcomeTally(
            outcomes=len(nodes),
            on_track=tally[OutcomeStatus.ON_TRACK],
            behind=tally[OutcomeStatus.BEHIND],
            at_risk=tally[OutcomeStatus.AT_RISK],
            not_followed=tally[OutcomeStatus.NOT_FOLLOWED],
        ),
        percent_met=spread(percents),
        cost_per_outcome=spread(per_outcome),
        cost_per_participant=spread(per_participant),
        ratios=spread(r for values in ratios.values() for r in values),
        rows=tuple(rows[:ROWS_SHOWN]),
        contexts=tuple(contexts[:ROWS_SHOWN]),
        more_rows=max(0, len(rows) - ROWS_SHOWN),
        more_contexts=max(0, len(contexts) - ROWS_SHOWN),
        fictional=len({i.programme_id for i in initiatives if i.programme.owner.is_fictional}),
    )


def _shared_areas_q(prefix: str = "") -> Q:
    """Areas whose definition everyone may see: official ones and public custom areas."""
    return Q(**{f"{prefix}owner__isnull": True}) | Q(**{f"{prefix}is_public": True})


def _shared_datasets(user: Any) -> Any:
    return Dataset.objects.filter(shared_widely_q(user))


def _goals(programme_ids: list[int]) -> list[Goal]:
    """The programmes' goals, each with its latest measurement (year and value)."""
    latest = Measurement.objects.filter(goal_id=OuterRef("pk")).order_by("-year")
    return list(
        Goal.objects.filter(programme_id__in=programme_ids)
        .select_related("indicator", "reference_area")
        .annotate(
            latest_year=Subquery(latest.values("year")[:1]),
            latest_value=Subquery(latest.values("value")[:1]),
        )
        .order_by("area_id", "indicator__code", "id")
    )


def _area_contexts(user: Any, programme_ids: list[int], goals: list[Goal]) -> list[AreaContext]:
    through = Programme.areas.through
    police_q = PoliceClassification.objects.filter(area_id=OuterRef("area_id")).order_by("-year")
    links = list(
        through.objects.filter(programme_id__in=programme_ids)
        .filter(_shared_areas_q("area__"))
        .annotate(
            police_year=Subquery(police_q.values("year")[:1]),
            police_category=Subquery(police_q.values("category")[:1]),
        )
        .values_list(
            "area_id", "area__code", "area__name", "area__level", "police_year", "police_category"
        )
        .distinct()
    )
    if not links:
        return []
    areas = {a: (code, name, level) for a, code, name, level, _y, _c in links}
    police = {a: (year, category) for a, _code, _n, _l, year, category in links if year}
    area_ids = sorted(areas)

    custom = [a for a in area_ids if areas[a][2] == AreaLevel.CUSTOM]
    parts: dict[int, list[int]] = defaultdict(list)
    if custom:
        for whole, part in Area.members.through.objects.filter(from_area_id__in=custom).values_list(
            "from_area_id", "to_area_id"
        ):
            parts[whole].append(part)
    wanted = set(area_ids) | {p for ps in parts.values() for p in ps}
    population: dict[int, dict[int, float]] = defaultdict(dict)
    for area_id, period, value in Observation.objects.filter(
        indicator__code=POPULATION,
        area_id__in=sorted(wanted),
        dataset__in=_shared_datasets(user),
        value__isnull=False,
    ).values_list("area_id", "period", "value"):
        if period.isdigit():
            population[area_id][int(period)] = float(value)

    gaps: dict[int, list[GapLine]] = defaultdict(list)
    for goal in goals:
        # A goal of a fixed number of people set without a comparison value has no gap.
        if goal.area_id not in areas or goal.reference_area is None:
            continue
        assert goal.reference_share is not None and goal.people_needed is not None
        line = GapLine(
            indicator=goal.indicator.name,
            year=goal.baseline_year,
            area_share=goal.baseline_share,
            reference=goal.reference_area.name,
            reference_share=goal.reference_share,
            people=goal.people_needed,
            lower_is_better=goal.direction == Direction.LOWER_IS_BETTER,
        )
        if line not in gaps[goal.area_id]:
            gaps[goal.area_id].append(line)

    labels = dict(PoliceCategory.choices)
    levels = dict(AreaLevel.choices)
    out = []
    for area_id in sorted(area_ids, key=lambda a: (areas[a][1], a)):
        code, name, level = areas[area_id]
        pop_year, pop = _population(area_id, parts.get(area_id), population)
        year, category = police.get(area_id, (None, ""))
        out.append(
            AreaContext(
                area_id=area_id,
                code=code,
                name=name,
                level=str(levels.get(level, level)),
                police=str(labels.get(category, "")) if category else "",
                police_year=year,
                population=pop,
                population_year=pop_year,
                gaps=tuple(gaps.get(area_id, ())),
            )
        )
    return out


def _population(
    area_id: int, parts: list[int] | None, population: dict[int, dict[int, float]]
) -> tuple[int | None, float | None]:
    own = population.get(area_id)
    if own:
        year = max(own)
        return year, own[year]
    if not parts:
        return None, None
    # A custom area: the latest year every part has a figure for.
    common = set.intersection(*(set(population.get(p, {})) for p in parts))
    if not common:
        return None, None
    year = max(common)
    return year, sum(population[p][year] for p in parts)


def visibility_note(audience: str) -> str:
    if audience == NETWORK:
        return _(
            "Counted: initiatives of programmes their owners share with the national network "
            "or the public. Programmes kept private or shared only with named partners are "
            "never counted, not even in a total."
        )
    return _(
        "Counted: initiatives of programmes their owners have published. Programmes shared "
        "only within the network, with named partners or kept private are never counted; "
        "members of the national network see also what is shared with the network."
    )
