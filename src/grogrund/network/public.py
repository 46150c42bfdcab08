"""Reads for the public pages (issue 13): what their owners have published, the same for
every visitor, signed in or not.

A programme is published when its owner shares it with everyone (`Visibility.PUBLIC`); its
goals, initiatives with their effect logic, valuations and published reports are shown with
it. Whatever else it refers to is shown only if it is public itself: a goal's custom area
keeps its name to its owner unless its definition is public, and nothing of another
programme is read.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from django.apps import apps
from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import FieldDoesNotExist
from django.db.models import Count, Q, QuerySet
from django.urls import NoReverseMatch, reverse

from grogrund.accounts.access import area_visible_q
from grogrund.accounts.models import Visibility
from grogrund.areas.models import Area
from grogrund.engine.errors import ModelError
from grogrund.initiatives.diagram import effect_logic_svg
from grogrund.initiatives.models import CHAIN, Initiative, Stage
from grogrund.initiatives.selectors import programme_initiatives, validation_of
from grogrund.network import selectors
from grogrund.programmes.models import Programme
from grogrund.programmes.selectors import GoalFollowUp, goal_follow_ups
from grogrund.valuations.models import Valuation
from grogrund.valuations.presentation import InputRow, KeyFigure, input_rows, key_figures
from grogrund.valuations.services import cached_result

ANONYMOUS = AnonymousUser()


def public_areas(programme: Programme) -> QuerySet[Area]:
    """The programme's areas a visitor without login may see (official areas, and custom
    areas whose definition is public)."""
    return programme.areas.filter(area_visible_q(ANONYMOUS)).order_by("name")


@dataclass(frozen=True)
class ListedProgramme:
    programme: Programme
    municipalities: list[selectors.Place]
    statuses: dict[str, int]

    @property
    def goals(self) -> int:
        return sum(self.statuses.values())


def listed_programmes() -> list[ListedProgramme]:
    """Every published programme, with where it runs and its goals by status. Five queries
    whatever the number of programmes."""
    published = selectors.published_programmes()
    places, _counties = selectors.places_of(published)
    programmes = list(published.select_related("owner").order_by("name", "pk"))
    statuses = selectors.programme_statuses([p.pk for p in programmes])
    return [
        ListedProgramme(
            p,
            places.get(p.pk, []),
            statuses[p.pk],
        )
        for p in programmes
    ]


# --- one published programme --------------------------------------------------------------------


@dataclass
class PublicInitiative:
    initiative: Initiative
    diagram: str
    stages: list[tuple[Stage, list[Any]]]
    method_name: str
    method_url: str | None


@dataclass
class PublicValuation:
    valuation: Valuation
    figures: list[KeyFigure] = field(default_factory=list)
    inputs: list[InputRow] = field(default_factory=list)
    price_year: int | None = None
    unavailable: bool = False


@dataclass
class PublicProgramme:
    programme: Programme
    areas: list[Area]
    goals: list[GoalFollowUp]
    public_area_ids: set[int]
    initiatives: list[PublicInitiative]
    valuations: list[PublicValuation]
    reports: list[Any]


def method_url(method: Any) -> str | None:
    """The method library's page of `method`, if the library has one."""
    slug = getattr(method, "slug", None)
    if not slug:
        return None
    for name in ("methods:detail", "methods:method"):
        try:
            return reverse(name, kwargs={"slug": slug})
        except NoReverseMatch:
            continue
    return reverse("public:methods") + f"#method-{slug}"


def _method(initiative: Initiative) -> tuple[str, str | None]:
    ref = getattr(initiative, "method_ref", None) if selectors.initiatives_link_methods() else None
    if ref is not None and _is_published(ref):
        return str(getattr(ref, "name", ref)), method_url(ref)
    return initiative.method, None


def _is_published(method: Any) -> bool:
    status = getattr(method, "status", None)
    if status is not None:
        return bool(status == "published")
    return bool(getattr(method, "is_published", False))


def _initiatives(programme: Programme) -> list[PublicInitiative]:
    qs = programme_initiatives(programme)
    if selectors.initiatives_link_methods():
        qs = qs.select_related("method_ref")
    out = []
    for initiative in qs:
        nodes = list(initiative.nodes.all())
        name, url = _method(initiative)
        out.append(
            PublicInitiative(
                initiative=initiative,
                diagram=effect_logic_svg(initiative, validation_of(initiative)),
                stages=[
                    (Stage(s), [n for n in nodes if n.stage == s])
                    for s in [*CHAIN, Stage.ASSUMPTION]
                ],
                method_name=name,
                method_url=url,
            )
        )
    return out


def _valuations(programme: Programme) -> list[PublicValuation]:
    out = []
    for valuation in Valuation.objects.filter(programme=programme).order_by("name", "pk"):
        shown = PublicValuation(valuation)
        try:
            data = cached_result(valuation)
        except ModelError:
            shown.unavailable = True
        else:
            shown.figures = key_figures(data)
            shown.inputs = input_rows(data)
            shown.price_year = data.get("price_year")
        out.append(shown)
    return out


def report_model() -> Any:
    try:
        return apps.get_model("reports", "Report")
    except LookupError:
        return None


def published_reports() -> QuerySet[Any] | None:
    """The stored reports the public pages show: published by their owner, made (not still
    being made), and of a published programme. None when the reports app keeps no stored
    reports."""
    model = report_model()
    if model is None:
        return None
    try:
        model._meta.get_field("visibility")
        model._meta.get_field("programme")
    except FieldDoesNotExist:
        return None
    reports = model.objects.filter(
        visibility=Visibility.PUBLIC, programme__in=selectors.published_programmes()
    )
    if any(f.name == "status" for f in model._meta.get_fields()):
        reports = reports.filter(status="ready")
    return reports


def public_reports(programme: Programme) -> list[Any]:
    """The programme's reports its owner has published (when the reports app keeps them)."""
    reports = published_reports()
    if reports is None:
        return []
    return [(r, report_url(r)) for r in reports.filter(programme=programme)]


def report_url(report: Any) -> str | None:
    getter = getattr(report, "get_absolute_url", None)
    if getter is None:
        return None
    try:
        return str(getter())
    except NoReverseMatch:
        return None


def public_programme(pk: int) -> PublicProgramme | None:
    programme = selectors.published_programmes().select_related("owner").filter(pk=pk).first()
    if programme is None:
        return None
    areas = list(public_areas(programme))
    goals = goal_follow_ups(programme)
    goal_area_ids = {f.goal.area_id for f in goals}
    public_ids = set(
        Area.objects.filter(area_visible_q(ANONYMOUS), pk__in=goal_area_ids).values_list(
            "pk", flat=True
        )
    )
    return PublicProgramme(
        programme=programme,
        areas=areas,
        goals=goals,
        public_area_ids=public_ids,
        initiatives=_initiatives(programme),
        valuations=_valuations(programme),
        reports=public_reports(programme),
    )


# --- the method library, as the public sees it ---------------------------------------------------


@dataclass
class PublicMethod:
    method: Any
    url: str | None
    programmes: list[tuple[int, str]]  # published programmes using it
    initiatives: int


def public_methods() -> list[PublicMethod] | None:
    """The library's published methods, each with the published programmes whose initiatives
    use it; None without a method library."""
    methods = selectors.published_methods()
    if methods is None:
        return None
    uses: dict[int, list[tuple[int, str]]] = {}
    counts: dict[int, int] = {}
    if selectors.initiatives_link_methods():
        published = Q(programme__visibility=Visibility.PUBLIC, method_ref__in=methods)
        for r in (
            Initiative.objects.filter(published)
            .values("method_ref_id")
            .annotate(n=Count("pk"))
            .order_by()
        ):
            counts[r["method_ref_id"]] = r["n"]
        for method_id, programme_id, name in (
            Initiative.objects.filter(published)
            .values_list("method_ref_id", "programme_id", "programme__name")
            .distinct()
            .order_by("programme__name")
        ):
            uses.setdefault(method_id, []).append((programme_id, name))
    return [
        PublicMethod(m, method_url(m), uses.get(m.pk, []), counts.get(m.pk, 0)) for m in methods
    ]
