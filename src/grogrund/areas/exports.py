"""The area profile's figures as XLSX, CSV and JSON (issue 12): the ranked gap table and the
trend series, read by `build_profile` exactly as the profile page reads them (the datasets the
visitor may see, computed municipality, county and country figures, small groups suppressed),
so the file holds the page's numbers and nothing the visitor cannot see.

In the workbook the gap and the gap in people are formulas over the figures in the same row:
the gap in people is ``(p_ref − p_area) × base`` (engine.targets.gap_to_target; the sign turned
when lower is better), the gap in percentage points ``(p_ref − p_area) × 100``."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from grogrund.areas import selectors
from grogrund.areas.models import Area, Direction, Indicator, IndicatorKind
from grogrund.areas.profile import AreaProfile, Point, build_profile
from grogrund.areas.profile_page import status_text, why_missing_text
from grogrund.core.exports import Cell, Column, Export, Kind, Source, Table, page_download


def value_cell(indicator: Indicator, value: float | None) -> Cell:
    """A figure in its indicator's kind, as the profile shows it (shares and rates in percent,
    money in kr, counts whole)."""
    if indicator.is_ratio:
        return Cell(value, kind=Kind.SHARE, decimals=1)
    if indicator.kind == IndicatorKind.MONEY:
        return Cell(value, kind=Kind.MONEY, decimals=0)
    if indicator.kind == IndicatorKind.COUNT:
        return Cell(value, kind=Kind.NUMBER, decimals=0, unit=indicator.unit)
    return Cell(value, kind=Kind.NUMBER, decimals=1, unit=indicator.unit)


def _sign(indicator: Indicator) -> str:
    """The formula's order: reference − area when higher is better, area − reference when
    lower is better (a positive gap: the area lags)."""
    return "{%s}-{value}" if indicator.direction != Direction.LOWER_IS_BETTER else "{value}-{%s}"


def gap_cell(indicator: Indicator, gap: float | None, ref_key: str) -> Cell:
    difference = _sign(indicator) % ref_key
    if indicator.is_ratio:
        return Cell(gap, kind=Kind.POINTS, decimals=1, formula=f"=({difference})*100")
    if indicator.kind == IndicatorKind.MONEY:
        return Cell(gap, kind=Kind.MONEY, decimals=0, formula=f"={difference}")
    return Cell(gap, kind=Kind.NUMBER, decimals=1, unit=indicator.unit, formula=f"={difference}")


def _date(point: Point | None) -> Any:
    return timezone.localtime(point.retrieved_at).date() if point and point.retrieved_at else None


def _point_note(point: Point | None) -> str:
    if point is None:
        return ""
    if point.suppressed:
        return _("Fewer than 5 respondents: not shown")
    if point.value is None and point.status:
        return status_text(point.status)
    if point.computed_from and point.value is not None:
        return _("computed from %(n)s DeSO") % {"n": point.computed_from}
    return ""


def _gap_table(profile: AreaProfile) -> Table:
    area, chain = profile.area, profile.chain
    columns = [
        Column("rank", _("Rank"), Kind.INTEGER),
        Column("indicator", _("Indicator")),
        Column("indicator_code", _("Code")),
        Column("indicator_kind", _("Kind"), formats=("json",)),
        Column("direction", _("Direction"), formats=("json",)),
        Column("period", _("Year"), Kind.YEAR),
        Column("value", area.name, Kind.NUMBER),
        Column("value_unit", _("Unit"), Kind.UNIT, of="value"),
        Column("numerator", _("Numerator"), Kind.NUMBER, decimals=0),
        Column("denominator", _("Denominator (base)"), Kind.NUMBER, decimals=0),
        Column("base", _("What the base counts")),
        Column("compared_with", _("Compared with")),
        Column("gap", _("Gap"), Kind.NUMBER, signed=True),
        Column("gap_unit", _("Unit of the gap"), Kind.UNIT, of="gap"),
        Column("gap_people", _("Gap in people"), Kind.NUMBER, decimals=0, signed=True),
        *(Column(str(a.level), a.name, Kind.NUMBER) for a in chain),
        Column("note", _("Note")),
        Column("source", _("Source")),
        Column("retrieved", _("Retrieved"), Kind.DATE),
    ]
    rows = []
    for rank, row in enumerate(profile.rows, start=1):
        indicator = row.indicator
        main = row.main_comparison
        gap = main.gap if main is not None else None
        people = main.gap_people if main is not None else None
        ref_key = str(main.area.level) if main is not None else ""
        notes = []
        if row.missing:
            notes.append(why_missing_text(row.missing))
        elif own := _point_note(row.latest):
            notes.append(own)
        for c in row.comparisons:
            text = ""
            if c.point is not None and c.point.value is not None:
                text = _point_note(c.point)
            elif c.missing is not None:
                text = why_missing_text(c.missing)
            if text:
                notes.append(f"{c.area.name}: {text}")
        latest = row.latest
        people_formula = None
        if people is not None:
            people_formula = f"=({_sign(indicator) % ref_key})*{{denominator}}"
        rows.append(
            [
                rank,
                indicator.name,
                indicator.code,
                indicator.kind,
                indicator.direction,
                int(latest.period) if latest.period.isdigit() else latest.period,
                value_cell(indicator, latest.value),
                None,
                latest.numerator,
                latest.denominator,
                indicator.base_label,
                main.area.name if main is not None else "",
                gap_cell(indicator, gap, ref_key) if gap is not None else None,
                None,
                Cell(people, formula=people_formula),
                *(
                    value_cell(indicator, c.point.value if c.point is not None else None)
                    for c in row.comparisons
                ),
                "; ".join(notes),
                latest.source,
                _date(latest),
            ]
        )
    return Table("gaps", _("Gaps"), columns, rows)


def _series_table(profile: AreaProfile) -> Table:
    names = {profile.area.code: profile.area, **{a.code: a for a in profile.chain}}
    columns = [
        Column("indicator", _("Indicator")),
        Column("indicator_code", _("Code")),
        Column("area", _("Area")),
        Column("area_code", _("Area code")),
        Column("period", _("Period"), Kind.YEAR),
        Column("value", _("Value"), Kind.NUMBER),
        Column("unit", _("Unit"), Kind.UNIT, of="value"),
        Column("numerator", _("Numerator"), Kind.NUMBER, decimals=0),
        Column("denominator", _("Denominator (base)"), Kind.NUMBER, decimals=0),
        Column("note", _("Note")),
        Column("source", _("Source")),
        Column("retrieved", _("Retrieved"), Kind.DATE),
    ]
    rows = []
    for row in profile.rows:
        indicator = row.indicator
        # Counts of areas of different sizes do not compare: the page shows the area alone.
        alone = indicator.kind == IndicatorKind.COUNT
        for code, points in row.series.items():
            if alone and code != profile.area.code:
                continue
            area = names[code]
            for p in points:
                rows.append(
                    [
                        indicator.name,
                        indicator.code,
                        area.name,
                        area.code,
                        int(p.period) if p.period.isdigit() else p.period,
                        value_cell(indicator, p.value),
                        None,
                        None if p.suppressed else p.numerator,
                        None if p.suppressed else p.denominator,
                        _point_note(p),
                        p.source,
                        _date(p),
                    ]
                )
    return Table("series", _("Trends"), columns, rows, file_part=_("trends"))


def _challenges_table(area: Area, user: Any) -> Table:
    """What the page lists beside the figures: the police's classification by year and the
    challenges and opportunities recorded for the area that the visitor may see."""
    columns = [
        Column("kind", _("Kind")),
        Column("year", _("Year"), Kind.YEAR),
        Column("title", _("Title")),
        Column("priority", _("Priority")),
        Column("description", _("Description")),
        Column("indicators", _("Indicators")),
        Column("recorded_by", _("Recorded by")),
        Column("source", _("Source")),
    ]
    rows: list[list[Any]] = []
    for police in area.police_classifications.order_by("-year"):
        rows.append(
            [
                _("Police classification"),
                police.year,
                police.get_category_display(),
                "",
                "",
                "",
                "",
                police.source,
            ]
        )
    challenges = (
        selectors.challenges_for(user)
        .filter(area=area)
        .select_related("owner")
        .prefetch_related("indicators")
    )
    for challenge in challenges:
        rows.append(
            [
                challenge.get_kind_display(),
                None,
                challenge.title,
                challenge.get_priority_display(),
                challenge.description,
                ", ".join(sorted(i.name for i in challenge.indicators.all())),
                challenge.owner.name if challenge.owner else "",
                "",
            ]
        )
    return Table("challenges", _("Challenges"), columns, rows, file_part=_("challenges"))


def _sources(profile: AreaProfile) -> list[Source]:
    """Every source of a figure in the file, with its latest retrieval and the indicators."""
    found: dict[str, tuple[Any, set[str]]] = {}
    for row in profile.rows:
        for points in row.series.values():
            for p in points:
                for name in filter(None, p.source.split("; ")):
                    date, names = found.get(name, (None, set()))
                    day = _date(p)
                    if day is not None and (date is None or day > date):
                        date = day
                    names.add(row.indicator.name)
                    found[name] = (date, names)
    return [
        Source(name, date, ", ".join(sorted(names)))
        for name, (date, names) in sorted(found.items())
    ]


def _notes(profile: AreaProfile) -> list[str]:
    notes = [
        _(
            "Positive gap: the area lags behind the comparison area (direction-aware). Gap in "
            "people = gap in share × the area's base population."
        ),
        _(
            "In the workbook the gap and the gap in people are formulas over the figures in "
            "the same row, so they can be checked."
        ),
    ]
    for note in profile.dataset_notes:
        notes.append(f"{note.dataset.name}: {note.text}")
    for row in profile.rows:
        for note in row.notes:
            notes.append(f"{row.indicator.name} ({note.dataset.name}): {note.text}")
    return notes


def profile_export(area: Area, user: Any, *, page_url: str = "") -> Export:
    """The profile of `area` as `user` sees it on its page."""
    profile = build_profile(area, user, chain=selectors.comparison_chain(area))
    return Export(
        kind="area-profile",
        title=_("Area profile: %(area)s") % {"area": area.name},
        file_prefix=_("area-profile"),
        subject=area.name,
        tables=[_gap_table(profile), _series_table(profile), _challenges_table(area, user)],
        sources=_sources(profile),
        notes=_notes(profile),
        page_url=page_url,
    )


def visible_area(user: Any, code: str) -> Area:
    """The area as the profile page finds it: a 404 for one the user may not see."""
    return get_object_or_404(
        selectors.areas_for(user).select_related("parent__parent__parent__parent", "owner"),
        code=code,
    )


def profile_download(request: HttpRequest, code: str, fmt: str) -> HttpResponse:
    area = visible_area(request.user, code)
    url = request.build_absolute_uri(reverse("areas:profile", args=[area.code]))
    return page_download(request, fmt, lambda: profile_export(area, request.user, page_url=url))
