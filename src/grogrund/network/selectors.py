"""Reads for the national network overview and the public pages (issue 13), access applied.

What is counted: programmes whose owner is a member of the national network and that the
owner shares with the network or publishes, as the visitor may see them
(`grogrund.accounts.access.visible`). A programme shared only with named partners, or kept
private, is never counted, not even in a total, whoever looks: its owner's own members
included. A visitor outside the network (and the public pages) counts published programmes
only.

Everything is aggregated in the database: the number of queries of the overview does not grow
with the number of programmes, goals or measurements (benchmarks/bench_network.py).

Goal statuses are those of the programme dashboard (`grogrund.programmes.selectors`, after
`grogrund.engine.targets.track_status`): the latest measurement against the goal's straight
trajectory; computed here in SQL with the same arithmetic, in the same order (a test checks
that both agree).
"""

from __future__ import annotations

import importlib.util
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from django.apps import apps
from django.core.exceptions import FieldDoesNotExist
from django.db.models import (
    BigIntegerField,
    Case,
    Count,
    Exists,
    F,
    FloatField,
    IntegerField,
    OuterRef,
    Q,
    QuerySet,
    Subquery,
    Sum,
    Value,
    When,
)
from django.db.models.functions import Abs, Cast, Coalesce, Greatest, Least
from django.db.models.lookups import GreaterThanOrEqual, LessThanOrEqual
from django.utils.translation import get_language

from grogrund.accounts.access import in_network, org_ids_with_role, visible
from grogrund.accounts.models import Organisation, OrganisationKind, Role, Visibility
from grogrund.areas.models import (
    Area,
    AreaLevel,
    Direction,
    PoliceCategory,
    PoliceClassification,
)
from grogrund.engine.targets import AT_RISK_FRACTION
from grogrund.network.models import NetworkSettings
from grogrund.programmes.models import Goal, Measurement, Programme, StepState, StepStatus
from grogrund.programmes.steps import STEPS, Step

#: Who the figures are counted for: a member of the network sees what is shared with the
#: network and what is published; everyone else what is published.
NETWORK = "network"
PUBLIC = "public"

ON_TRACK, BEHIND, AT_RISK, NO_DATA = "on_track", "behind", "at_risk", "no_data"
STATUSES = (ON_TRACK, BEHIND, AT_RISK, NO_DATA)

#: Programmes listed per page of the overview (the totals count them all).
PAGE_SIZE = 50


# --- what is counted ----------------------------------------------------------------------------


def scope_for(user: Any) -> str:
    return NETWORK if in_network(user) else PUBLIC


def counted_programmes(user: Any, scope: str | None = None) -> QuerySet[Programme]:
    """The network's programmes counted for `user`: owned by a member of the network, shared by
    their owner with the network or the public, and visible to `user`. Outside the network
    (scope PUBLIC): published programmes only."""
    scope = scope or scope_for(user)
    levels = [Visibility.PUBLIC] if scope == PUBLIC else [Visibility.NETWORK, Visibility.PUBLIC]
    return visible(Programme.objects.filter(owner__in_network=True, visibility__in=levels), user)


def published_programmes() -> QuerySet[Programme]:
    """Programmes their owners have made public: the same for every visitor."""
    return Programme.objects.filter(visibility=Visibility.PUBLIC)


def public_totals_shown() -> bool:
    """Has a network organisation chosen to show the network's totals publicly?"""
    return NetworkSettings.objects.filter(
        show_totals_publicly=True,
        organisation__kind=OrganisationKind.NETWORK,
        organisation__in_network=True,
    ).exists()


def administered_networks(user: Any) -> QuerySet[Organisation]:
    """The network organisations whose settings `user` may change (their administrators)."""
    return Organisation.objects.filter(
        id__in=org_ids_with_role(user, Role.ADMIN),
        kind=OrganisationKind.NETWORK,
        in_network=True,
    ).order_by("name")


# --- where programmes run -----------------------------------------------------------------------


def _level_ancestor(prefix: str, level: str, depth: int) -> Case:
    """The id of the area at `prefix` or of its ancestor (up to `depth` steps up) that is of
    `level`; NULL when none is."""
    whens = []
    path = prefix
    for _step in range(depth + 1):
        whens.append(When(**{f"{path}level": level}, then=F(f"{path}id")))
        path += "parent__"
    return Case(*whens, default=Value(None), output_field=BigIntegerField())


#: The chain of an area up to its municipality: DeSO → RegSO → municipality (or DeSO →
#: municipality), each as (id, level) columns of the programme-area table.
_CHAINS = (
    ("area_id", "area__level"),
    ("area__parent_id", "area__parent__level"),
    ("area__parent__parent_id", "area__parent__parent__level"),
    ("area__members__id", "area__members__level"),
    ("area__members__parent_id", "area__members__parent__level"),
    ("area__members__parent__parent_id", "area__members__parent__parent__level"),
)


def _municipality_pairs(programmes: QuerySet[Programme]) -> set[tuple[int, int]]:
    """(programme id, municipality id) of the municipalities the programmes run in: of each
    of their areas, or, for a custom area, of each of its members. One query of plain columns
    (an expression per level would cost more to build than to run)."""
    columns = [c for pair in _CHAINS for c in pair]
    rows = (
        Programme.areas.through.objects.filter(programme__in=programmes)
        .values_list("programme_id", *columns)
        .distinct()
    )
    found = set()
    for programme_id, *chain in rows:
        direct, members = chain[:6], chain[6:]
        for part in (direct, members):
            for k in range(0, 6, 2):
                if part[k + 1] == AreaLevel.MUNICIPALITY:
                    found.add((programme_id, part[k]))
                    break
    return found


def in_county(programmes: QuerySet[Programme], county_id: int) -> QuerySet[Programme]:
    through = Programme.areas.through
    places = [
        through.objects.annotate(c=_level_ancestor(prefix, AreaLevel.COUNTY, 4))
        .filter(c=county_id)
        .values("programme_id")
        for prefix in ("area__", "area__members__")
    ]
    return programmes.filter(Q(pk__in=places[0]) | Q(pk__in=places[1]))


def latest_police_year() -> Subquery:
    return Subquery(PoliceClassification.objects.order_by("-year").values("year")[:1])


def in_police_category(programmes: QuerySet[Programme], category: str) -> QuerySet[Programme]:
    """Programmes for an area (or a custom area with a member) in `category` on the police's
    latest list (the latest year of any classification known)."""
    classified = PoliceClassification.objects.filter(
        category=category, year=latest_police_year()
    ).values("area_id")
    through = Programme.areas.through
    return programmes.filter(
        Q(pk__in=through.objects.filter(area__in=classified).values("programme_id"))
        | Q(pk__in=through.objects.filter(area__members__in=classified).values("programme_id"))
    )


# --- methods (the method library, grogrund.methods, when it is installed) -----------------------


def methods_installed() -> bool:
    return importlib.util.find_spec("grogrund.methods") is not None and apps.is_installed(
        "grogrund.methods"
    )


def method_model() -> Any:
    if not methods_installed():
        return None
    try:
        return apps.get_model("methods", "Method")
    except LookupError:
        return None


def initiatives_link_methods() -> bool:
    """Do initiatives name a method of the library (`Initiative.method_ref`)?"""
    from grogrund.initiatives.models import Initiative

    if method_model() is None:
        return False
    try:
        Initiative._meta.get_field("method_ref")
    except FieldDoesNotExist:
        return False
    return True


def published_methods() -> QuerySet[Any] | None:
    """The library's published methods, or None without a library."""
    model = method_model()
    if model is None:
        return None
    qs = model.objects.all()
    names = {f.name for f in model._meta.get_fields()}
    if "status" in names:
        qs = qs.filter(status="published")
    elif "is_published" in names:
        qs = qs.filter(is_published=True)
    else:
        return model.objects.none()
    return qs.order_by("name")


def using_method(programmes: QuerySet[Programme], slug: str) -> QuerySet[Programme]:
    from grogrund.initiatives.models import Initiative

    if not initiatives_link_methods():
        return programmes
    return programmes.filter(
        pk__in=Initiative.objects.filter(method_ref__slug=slug).values("programme_id")
    )


# --- filters ------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Filters:
    county: int | None = None
    police: str = ""
    method: str = ""

    @property
    def key(self) -> str:
        return f"{self.county or ''}|{self.police}|{self.method}"

    @property
    def any(self) -> bool:
        return bool(self.county or self.police or self.method)


def apply_filters(programmes: QuerySet[Programme], filters: Filters) -> QuerySet[Programme]:
    if filters.county:
        programmes = in_county(programmes, filters.county)
    if filters.police in PoliceCategory.values:
        programmes = in_police_category(programmes, filters.police)
    if filters.method:
        programmes = using_method(programmes, filters.method)
    return programmes


# --- goal status in the database ----------------------------------------------------------------


def _sign(prefix: str = "") -> Case:
    return Case(
        When(**{f"{prefix}direction": Direction.LOWER_IS_BETTER}, then=Value(-1.0)),
        default=Value(1.0),
        output_field=FloatField(),
    )


def _progress(year: Any, prefix: str = "") -> Any:
    """(year clamped to the goal's years − baseline year) / (deadline − baseline), as a float
    expression: the trajectory's fraction in `year` (engine.targets.trajectory)."""
    p = prefix
    clamped = Least(Greatest(year, F(f"{p}baseline_year")), F(f"{p}deadline_year"))
    return Cast(clamped - F(f"{p}baseline_year"), FloatField())


def latest_measurements(goals: QuerySet[Goal]) -> QuerySet[Measurement]:
    """The latest measurement of each of `goals` that has one, annotated with its status as
    the dashboard computes it (engine.targets.track_status):

    expected = b + (t − b) × k / span (k the measured year's place on the trajectory);
    planned = s × (expected − b); achieved = s × (value − b);
    on track when achieved ≥ planned − 1e-12 × max(1, |planned|); behind when planned ≤ 0 or
    achieved ≥ AT_RISK_FRACTION × planned; else at risk. A goal without a measurement has no
    row here (no data). `achieved_people` = s × (value − b) × base: people more than in the
    baseline year.

    Plain columns of the measurement and its goal, no subquery per goal: the expressions stay
    small to build and cheap to run."""
    p = "goal__"
    later = Measurement.objects.filter(goal=OuterRef("goal"), year__gt=OuterRef("year"))
    rows = Measurement.objects.filter(goal__in=goals).filter(~Exists(later))
    b = F(f"{p}baseline_share")
    span = F(f"{p}deadline_year") - F(f"{p}baseline_year")
    expected = b + (F(f"{p}target_share") - b) * _progress(F("year"), p) / span
    rows = rows.annotate(
        planned=_sign(p) * (expected - b),
        achieved=_sign(p) * (F("value") - b),
    )
    return rows.annotate(
        status=Case(
            When(
                GreaterThanOrEqual(
                    F("achieved"),
                    F("planned") - Value(1e-12) * Greatest(Value(1.0), Abs(F("planned"))),
                ),
                then=Value(ON_TRACK),
            ),
            When(LessThanOrEqual(F("planned"), Value(0.0)), then=Value(BEHIND)),
            When(
                GreaterThanOrEqual(F("achieved"), Value(AT_RISK_FRACTION) * F("planned")),
                then=Value(BEHIND),
            ),
            default=Value(AT_RISK),
        ),
        achieved_people=F("achieved") * F(f"{p}base"),
    )


def goal_statuses(goals: QuerySet[Goal]) -> dict[int, str]:
    """Each goal's status (no_data without a measurement). Two queries."""
    out = dict.fromkeys(goals.values_list("pk", flat=True), NO_DATA)
    out.update(latest_measurements(goals).values_list("goal_id", "status"))
    return out


def status_counts() -> dict[str, Count]:
    """Measured goals by status, to annotate rows of `latest_measurements` with."""
    return {s: Count("pk", filter=Q(status=s)) for s in (ON_TRACK, BEHIND, AT_RISK)}


def programme_statuses(
    ids: list[int], goals: dict[int, int] | None = None
) -> dict[int, dict[str, int]]:
    """The goals of each programme by status. One query, two without `goals` (the number of
    goals of each programme)."""
    if goals is None:
        goals = dict(
            Goal.objects.filter(programme_id__in=ids)
            .values("programme_id")
            .annotate(n=Count("pk"))
            .values_list("programme_id", "n")
        )
    measured = {
        r["goal__programme_id"]: r
        for r in latest_measurements(Goal.objects.filter(programme_id__in=ids))
        .values("goal__programme_id")
        .annotate(n=Count("pk"), **status_counts())
        .order_by("goal__programme_id")
    }
    out = {}
    for pk in ids:
        r = measured.get(pk, {})
        n = goals.get(pk) or 0
        out[pk] = {
            ON_TRACK: r.get(ON_TRACK, 0),
            BEHIND: r.get(BEHIND, 0),
            AT_RISK: r.get(AT_RISK, 0),
            NO_DATA: n - r.get("n", 0),
        }
    return out


# --- the overview -------------------------------------------------------------------------------


@dataclass(frozen=True)
class YearTotal:
    year: int
    goals: int  # goals measured that year
    planned_people: float  # their trajectories' people that year
    achieved_people: float  # people more than in each goal's baseline year


@dataclass
class IndicatorTotal:
    code: str
    name: str
    goals: int
    programmes: int
    measured: int
    target_people: int
    achieved_people: float  # at each goal's latest measurement
    statuses: dict[str, int]
    years: list[YearTotal] = field(default_factory=list)


@dataclass(frozen=True)
class Place:
    id: int
    name: str
    code: str
    county: str


@dataclass(frozen=True)
class Running:
    """A municipality where counted programmes run, and how many."""

    place: Place
    programmes: int

    @property
    def county(self) -> str:
        return self.place.county


@dataclass
class ProgrammeRow:
    id: int
    name: str
    owner: str
    visibility: str
    start_year: int
    municipalities: list[Place]
    current_step: Step | None  # the first of the twelve steps not done; None: all done
    steps_done: int
    statuses: dict[str, int]


@dataclass(frozen=True)
class StepCount:
    step: Step
    done: int
    in_progress: int
    at_step: int  # programmes for which this is the first step not done


@dataclass
class Overview:
    scope: str
    filters: Filters
    programmes: int
    organisations: list[tuple[str, str, int]]  # name, kind label, programmes
    municipal_partners: list[tuple[str, int]]
    municipalities: list[Running]  # by county
    statuses: dict[str, int]
    indicators: list[IndicatorTotal]
    steps: list[StepCount]
    all_done: int
    rows: list[ProgrammeRow]
    page: int
    pages: int
    counties: list[Place]  # the counties with counted programmes (the filter's choices)
    methods: list[tuple[str, str]]  # slug, name (the filter's choices)
    programme_places: dict[int, list[Place]]

    @property
    def goals(self) -> int:
        return sum(self.statuses.values())


def _english() -> bool:
    return (get_language() or "sv").startswith("en")


def places_of(
    programmes: QuerySet[Programme],
) -> tuple[dict[int, list[Place]], dict[int, Place]]:
    """Each programme's municipalities, and the counties with programmes. Two queries."""
    pairs = _municipality_pairs(programmes)
    counties: dict[int, Place] = {}
    places: dict[int, Place] = {}
    for a in Area.objects.filter(pk__in={m for _p, m in pairs}).select_related("parent"):
        county = a.parent if a.parent is not None and a.parent.level == AreaLevel.COUNTY else None
        places[a.pk] = Place(a.pk, a.name, a.code, county.name if county else "")
        if county is not None:
            counties[county.pk] = Place(county.pk, county.name, county.code, county.name)
    by_programme: dict[int, list[Place]] = {}
    for programme_id, m in pairs:
        by_programme.setdefault(programme_id, []).append(places[m])
    for found in by_programme.values():
        found.sort(key=lambda p: p.name)
    return by_programme, counties


def with_current_step(programmes: QuerySet[Programme]) -> QuerySet[Programme]:
    """Annotated with `current_step`, the number of the first of the twelve steps not done
    (0 when all are done), `steps_done` and `goal_count`."""
    done = StepStatus.objects.filter(programme=OuterRef("pk"), status=StepState.DONE)
    return programmes.annotate(
        current_step=Case(
            *[When(~Exists(done.filter(step=s.code)), then=Value(s.number)) for s in STEPS],
            default=Value(0),
            output_field=IntegerField(),
        ),
        steps_done=Coalesce(
            Subquery(
                done.order_by().values("programme").annotate(n=Count("pk")).values("n"),
                output_field=IntegerField(),
            ),
            Value(0),
        ),
        goal_count=Coalesce(
            Subquery(
                Goal.objects.filter(programme=OuterRef("pk"))
                .order_by()
                .values("programme")
                .annotate(n=Count("pk"))
                .values("n"),
                output_field=IntegerField(),
            ),
            Value(0),
        ),
    )


def indicator_totals(programmes: QuerySet[Programme]) -> list[IndicatorTotal]:
    """Per indicator: the goals and the people they aim at; the people reached so far (at
    each goal's latest measurement) and the goals by status; and per year the goals measured
    that year with their trajectories' people and the people reached. Three queries."""
    english = _english()
    goals = Goal.objects.filter(programme__in=programmes)
    totals: dict[int, IndicatorTotal] = {}
    for r in (
        goals.values("indicator_id", "indicator__code", "indicator__name_sv", "indicator__name_en")
        .annotate(
            n_goals=Count("pk"),
            n_programmes=Count("programme_id", distinct=True),
            target=Sum("target_count"),
        )
        .order_by("-n_goals", "indicator__code")
    ):
        totals[r["indicator_id"]] = IndicatorTotal(
            code=r["indicator__code"],
            name=r["indicator__name_en"] if english else r["indicator__name_sv"],
            goals=r["n_goals"],
            programmes=r["n_programmes"],
            measured=0,
            target_people=int(r["target"] or 0),
            achieved_people=0.0,
            statuses={ON_TRACK: 0, BEHIND: 0, AT_RISK: 0, NO_DATA: r["n_goals"]},
        )
    for r in (
        latest_measurements(goals)
        .values("goal__indicator_id")
        .annotate(n=Count("pk"), reached=Sum("achieved_people"), **status_counts())
        .order_by("goal__indicator_id")
    ):
        total = totals[r["goal__indicator_id"]]
        total.measured = r["n"]
        total.achieved_people = float(r["reached"] or 0.0)
        total.statuses = {
            ON_TRACK: r[ON_TRACK],
            BEHIND: r[BEHIND],
            AT_RISK: r[AT_RISK],
            NO_DATA: total.goals - r["n"],
        }
    span = F("goal__deadline_year") - F("goal__baseline_year")
    yearly = (
        Measurement.objects.filter(goal__in=goals)
        .values("goal__indicator_id", "year")
        .annotate(
            n=Count("pk"),
            planned=Sum(
                Cast(F("goal__target_count"), FloatField()) * _progress(F("year"), "goal__") / span
            ),
            reached=Sum(
                _sign("goal__") * (F("value") - F("goal__baseline_share")) * F("goal__base")
            ),
        )
        .order_by("goal__indicator_id", "year")
    )
    for r in yearly:
        of = totals.get(r["goal__indicator_id"])
        if of is not None:
            of.years.append(
                YearTotal(r["year"], r["n"], float(r["planned"] or 0), float(r["reached"] or 0))
            )
    return list(totals.values())


def overview(user: Any, filters: Filters, page: int = 1, scope: str | None = None) -> Overview:
    """The national network overview as `user` may see it (scope NETWORK for members of the
    network, PUBLIC for everyone else). A fixed number of queries whatever the data."""
    scope = scope or scope_for(user)
    counted = counted_programmes(user, scope)
    programmes = apply_filters(counted, filters)
    places, counties = places_of(counted)
    ordered = list(
        with_current_step(programmes)
        .order_by("owner__name", "name", "pk")
        .values_list(
            "pk",
            "current_step",
            "steps_done",
            "name",
            "owner__name",
            "visibility",
            "start_year",
            "goal_count",
        )
    )
    pages = max(1, -(-len(ordered) // PAGE_SIZE))
    page = min(max(1, page), pages)
    listed = ordered[(page - 1) * PAGE_SIZE : page * PAGE_SIZE]
    at_step = Counter(row[1] for row in ordered)
    shown = {row[0] for row in ordered}
    # The programmes found, by id from here on: the access rules and filters are applied
    # once, and each aggregate below stays a small query to build.
    programmes = Programme.objects.filter(pk__in=sorted(shown))

    kinds = dict(OrganisationKind.choices)
    organisations = [
        (r["owner__name"], str(kinds.get(r["owner__kind"], r["owner__kind"])), r["n"])
        for r in programmes.values("owner__name", "owner__kind")
        .annotate(n=Count("pk"))
        .order_by("owner__name")
    ]
    municipal_partners = [
        (r["shared_with__name"], r["n"])
        for r in programmes.filter(shared_with__kind=OrganisationKind.MUNICIPALITY)
        .values("shared_with__name")
        .annotate(n=Count("pk", distinct=True))
        .order_by("shared_with__name")
    ]
    running = Counter(p for pk, found in places.items() if pk in shown for p in found)
    municipalities = [
        Running(place, n)
        for place, n in sorted(running.items(), key=lambda i: (i[0].county, i[0].name))
    ]
    statuses = dict.fromkeys(STATUSES, 0)
    indicators = indicator_totals(programmes)
    for total in indicators:
        for s, n in total.statuses.items():
            statuses[s] += n
    marked = {
        (r["step"], r["status"]): r["n"]
        for r in StepStatus.objects.filter(programme__in=programmes)
        .values("step", "status")
        .annotate(n=Count("pk"))
    }
    steps = [
        StepCount(
            s,
            marked.get((s.code, StepState.DONE), 0),
            marked.get((s.code, StepState.IN_PROGRESS), 0),
            at_step.get(s.number, 0),
        )
        for s in STEPS
    ]
    rows = _programme_rows(listed, places)
    methods = published_methods() if initiatives_link_methods() else None
    return Overview(
        scope=scope,
        filters=filters,
        programmes=len(ordered),
        organisations=organisations,
        municipal_partners=municipal_partners,
        municipalities=municipalities,
        statuses=statuses,
        indicators=indicators,
        steps=steps,
        all_done=at_step.get(0, 0),
        rows=rows,
        page=page,
        pages=pages,
        counties=sorted(counties.values(), key=lambda c: c.name),
        methods=[(m.slug, m.name) for m in methods] if methods is not None else [],
        programme_places={pk: found for pk, found in places.items() if pk in shown},
    )


def _programme_rows(
    listed: list[tuple[Any, ...]], places: dict[int, list[Place]]
) -> list[ProgrammeRow]:
    """The listed programmes (rows of `overview`'s ordered query) with their goals by status.
    One query."""
    if not listed:
        return []
    by_number = {s.number: s for s in STEPS}
    statuses = programme_statuses([row[0] for row in listed], {row[0]: row[7] for row in listed})
    return [
        ProgrammeRow(
            id=pk,
            name=name,
            owner=owner,
            visibility=visibility,
            start_year=start_year,
            municipalities=places.get(pk, []),
            current_step=by_number.get(current),
            steps_done=done,
            statuses=statuses[pk],
        )
        for pk, current, done, name, owner, visibility, start_year, _goals in listed
    ]


def programme_ids_for_map(ov: Overview) -> Iterable[int]:
    return ov.programme_places.keys()
