"""The tenant summary (step 12, issue 12): one or two pages in plain Swedish and English for the
people who live in the area — what the programme does there, its goals in everyday words, how
it is going, who is behind it and where to ask.

Two kinds share the document: "tenant" is about a programme and all its areas, "tenant_area"
about one area of a programme (its subject is the programme's link to the area, the one
number that names both). `figures` reads through the programmes' and initiatives' own
selectors (goal follow-up against the trajectory, the partners, the initiatives) with the
access check applied; `context` writes the sentences from the figures alone.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any, cast

from django.http import Http404
from django.utils import translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from grogrund.accounts.models import Organisation, OrganisationKind
from grogrund.areas.models import Area
from grogrund.core.numbers import format_percent
from grogrund.initiatives.models import EffectNode, Initiative, InitiativeStatus
from grogrund.programmes.goal_wording import LOWER_IS_BETTER, people_towards_goal
from grogrund.programmes.models import Programme
from grogrund.programmes.selectors import (
    follow_up,
    goal_follow_ups,
    programme_areas_for,
    programmes_for,
)
from grogrund.reports.changes import register_comparison
from grogrund.reports.kinds import Period, ReportKind, register

FIGURES_FORMAT = 1

#: Goals named in everyday words by their indicator (the demo's and the step-1 pack's
#: indicators); any other indicator is named by its own name.
EVERYDAY_GOALS = {
    "employment_20_64": gettext_lazy("More adults in work"),
    "unemployment_16_64": gettext_lazy("Fewer people without a job"),
    "eligible_upper_secondary": gettext_lazy("More pupils who can go on to upper-secondary school"),
    "economic_assistance": gettext_lazy("Fewer people who need financial support to get by"),
    "low_economic_standard": gettext_lazy("Fewer people with too little money to live on"),
    "post_secondary_education": gettext_lazy(
        "More adults who have studied after upper-secondary school"
    ),
    "safety_index": gettext_lazy("More tenants who feel safe"),
    "satisfaction_index": gettext_lazy("More tenants who like living here"),
    "vacancy_rate": gettext_lazy("Fewer empty apartments"),
    "turnover_rate": gettext_lazy("Fewer people moving away"),
}

STATUS_WORDS = {
    "on_track": gettext_lazy("It is going as planned."),
    "behind": gettext_lazy("It is going, but more slowly than planned."),
    "at_risk": gettext_lazy("It is going too slowly to reach the goal in time."),
    "no_data": gettext_lazy("Nothing has been measured yet."),
}

INITIATIVE_WORDS = {
    InitiativeStatus.PLANNED: gettext_lazy("Planned"),
    InitiativeStatus.PILOT: gettext_lazy("Being tried out on a small scale"),
    InitiativeStatus.RUNNING: gettext_lazy("Under way"),
    InitiativeStatus.SCALED_UP: gettext_lazy("Under way, and made larger"),
    InitiativeStatus.STOPPED: gettext_lazy("Has ended"),
}


# --- subjects -----------------------------------------------------------------------------------


@dataclass(frozen=True)
class ProgrammeArea:
    """One area of a programme: the subject of a tenant summary for that area."""

    pk: int
    programme: Programme
    area: Area

    def __str__(self) -> str:
        return f"{self.programme.name}, {self.area.name}"


def programme_subject(user: Any, pk: int) -> Programme:
    found = programmes_for(user).select_related("owner").filter(pk=pk).first()
    if found is None:
        raise Http404
    return cast(Programme, found)


def area_subject(user: Any, pk: int) -> ProgrammeArea:
    """The programme's link to one of its areas, if `user` may see both."""
    link = (
        Programme.areas.through.objects.select_related("programme__owner", "area")
        .filter(pk=pk, programme__in=programmes_for(user))
        .first()
    )
    if link is None or not programme_areas_for(user, link.programme).filter(pk=link.area_id):
        raise Http404
    return ProgrammeArea(link.pk, link.programme, link.area)


def area_link_pk(programme: Programme, area: Area) -> int | None:
    """The subject of the tenant summary of `area` in `programme` (None if not one of its
    areas)."""
    found = (
        Programme.areas.through.objects.filter(programme=programme, area=area)
        .values_list("pk", flat=True)
        .first()
    )
    return None if found is None else int(found)


# --- figures ------------------------------------------------------------------------------------


def _goals(user: Any, programme: Programme, area: Area | None, period: Period | None) -> list[Any]:
    visible_areas = set(programme_areas_for(user, programme).values_list("pk", flat=True))
    out = []
    for f in goal_follow_ups(programme):
        goal = f.goal
        if goal.area_id not in visible_areas or (area is not None and goal.area_id != area.pk):
            continue
        if period is not None:
            # Only what was measured by the end of the period the summary covers.
            measured = [r.measurement for r in f.rows if r.measurement.year <= period.end.year]
            f = follow_up(goal, measured)
        latest = f.latest
        ind = goal.indicator
        out.append(
            {
                "id": goal.pk,
                "area": {"code": goal.area.code, "name": goal.area.name},
                "indicator": {
                    "code": ind.code,
                    "name_sv": ind.name_sv,
                    "name_en": ind.name_en,
                    "base_label_sv": ind.base_label_sv,
                    "base_label_en": ind.base_label_en,
                },
                # None: a goal of a fixed number of people set without a comparison value.
                "reference_area": goal.reference_area.name if goal.reference_area else None,
                "direction": goal.direction,
                "baseline_year": goal.baseline_year,
                "deadline_year": goal.deadline_year,
                "baseline_share": goal.baseline_share,
                "target_share": goal.target_share,
                "target_count": goal.target_count,
                "base": goal.base,
                "status": f.status,
                "latest": None
                if latest is None
                else {
                    "year": latest.measurement.year,
                    "value": latest.measurement.value,
                    "source": latest.measurement.source,
                    "percent_met": latest.percent_met,
                    "expected_share": latest.expected_share,
                },
            }
        )
    return out


def _initiatives(programme: Programme, goal_ids: set[int] | None) -> list[dict[str, Any]]:
    """The programme's initiatives; for one area, those whose effect logic leads to a goal of
    the area and those tied to no goal (they are for the whole programme)."""
    initiatives = list(Initiative.objects.filter(programme=programme).select_related("owner"))
    if goal_ids is not None:
        linked: dict[int, set[int]] = {}
        for initiative_id, goal_id in EffectNode.objects.filter(
            initiative__programme=programme, goal__isnull=False
        ).values_list("initiative_id", "goal_id"):
            linked.setdefault(initiative_id, set()).add(goal_id)
        initiatives = [i for i in initiatives if i.pk not in linked or linked[i.pk] & goal_ids]
    # What is under way first, what has ended last.
    rows = sorted(initiatives, key=lambda i: (i.status == InitiativeStatus.STOPPED, i.name))
    return [
        {
            "name": i.name,
            "status": i.status,
            "target_group": i.target_group,
            "description": i.description,
            "owner": i.owner.name,
        }
        for i in rows
    ]


def _organisations(programme: Programme) -> list[dict[str, Any]]:
    partners = programme.shared_with.order_by("name")
    return [
        {"name": programme.owner.name, "kind": programme.owner.kind, "is_owner": True},
        *(
            {"name": o.name, "kind": o.kind, "is_owner": False}
            for o in partners
            if o.pk != programme.owner_id
        ),
    ]


def _figures(
    user: Any, programme: Programme, area: Area | None, period: Period | None
) -> dict[str, Any]:
    goals = _goals(user, programme, area, period)
    areas = [area] if area is not None else list(programme_areas_for(user, programme))
    return {
        "format": FIGURES_FORMAT,
        "made_at": dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
        "programme": {
            "id": programme.pk,
            "name": programme.name,
            "description": programme.description,
            "start_year": programme.start_year,
            "end_year": programme.end_year,
        },
        "area": None if area is None else {"code": area.code, "name": area.name},
        "areas": [{"code": a.code, "name": a.name} for a in areas],
        "period": None
        if period is None
        else {"start": period.start.isoformat(), "end": period.end.isoformat()},
        "goals": goals,
        "initiatives": _initiatives(programme, {g["id"] for g in goals} if area else None),
        "organisations": _organisations(programme),
    }


def programme_figures(
    *, user: Any, subject: Programme, period: Period | None = None
) -> dict[str, Any]:
    return _figures(user, subject, None, period)


def area_figures(
    *, user: Any, subject: ProgrammeArea, period: Period | None = None
) -> dict[str, Any]:
    return _figures(user, subject.programme, subject.area, period)


# --- context ------------------------------------------------------------------------------------


def _whole(value: float) -> int:
    return round(value)


def goal_heading(indicator: dict[str, Any], english: bool) -> str:
    everyday = EVERYDAY_GOALS.get(indicator["code"])
    if everyday is not None:
        return str(everyday)
    return str(indicator["name_en"] if english else indicator["name_sv"])


def _goal_text(g: dict[str, Any], english: bool, several_areas: bool) -> dict[str, Any]:
    direction = g["direction"]
    sign = -1 if direction == LOWER_IS_BETTER else 1
    who = g["indicator"]["base_label_en" if english else "base_label_sv"]
    goal = _("The goal is %(people)s by %(year)s, counted from %(start)s.") % {
        "people": people_towards_goal(g["target_count"], direction),
        "year": g["deadline_year"],
        "start": g["baseline_year"],
    }
    latest = g.get("latest")
    so_far = ""
    if latest is not None:
        people = _whole(sign * (latest["value"] - g["baseline_share"]) * g["base"])
        if people > 0:
            so_far = _("So far: %(people)s (measured in %(year)s).") % {
                "people": people_towards_goal(people, direction),
                "year": latest["year"],
            }
        elif people == 0:
            so_far = _("So far there is no change (measured in %(year)s).") % {
                "year": latest["year"]
            }
        else:
            backwards = "higher_is_better" if direction == LOWER_IS_BETTER else LOWER_IS_BETTER
            so_far = _(
                "So far it has gone the wrong way: %(people)s than at the start (measured in "
                "%(year)s)."
            ) % {"people": people_towards_goal(-people, backwards), "year": latest["year"]}
    before = format_percent(g["baseline_share"], 1)
    if latest is not None:
        shares = _("The share was %(before)s in %(start)s and %(now)s in %(year)s.") % {
            "before": before,
            "start": g["baseline_year"],
            "now": format_percent(latest["value"], 1),
            "year": latest["year"],
        }
    else:
        shares = _("The share was %(before)s in %(start)s.") % {
            "before": before,
            "start": g["baseline_year"],
        }
    return {
        "heading": goal_heading(g["indicator"], english),
        "shares": shares,
        "area": g["area"]["name"] if several_areas else "",
        "goal": goal,
        "among": (_("Counted among %(who)s in %(area)s.") % {"who": who, "area": g["area"]["name"]})
        if who
        else "",
        "so_far": so_far,
        "status": g["status"],
        "status_text": str(STATUS_WORDS.get(g["status"], STATUS_WORDS["no_data"])),
        "source": latest.get("source", "") if latest else "",
    }


def _who(organisations: list[dict[str, Any]]) -> dict[str, Any]:
    owner = next(o for o in organisations if o["is_owner"])
    partners = [o["name"] for o in organisations if not o["is_owner"]]
    tenants = [o["name"] for o in organisations if o["kind"] == OrganisationKind.TENANT_ASSOCIATION]
    if partners:
        behind = _("%(owner)s leads the work, together with %(partners)s.") % {
            "owner": owner["name"],
            "partners": _join(partners),
        }
    else:
        behind = _("%(owner)s leads the work.") % {"owner": owner["name"]}
    if owner["kind"] == OrganisationKind.HOUSING_COMPANY:
        ask = _(
            "Do you have questions or ideas? Ask %(owner)s, your landlord, the way you usually "
            "contact it."
        ) % {"owner": owner["name"]}
    else:
        ask = _("Do you have questions or ideas? Ask %(owner)s, which leads the work.") % {
            "owner": owner["name"]
        }
    if tenants:
        ask += " " + _("You can also ask %(names)s.") % {"names": _join(tenants)}
    else:
        ask += " " + _("You can also ask your tenant association.")
    return {"behind": behind, "ask": ask}


def _join(names: list[str]) -> str:
    if len(names) < 2:
        return "".join(names)
    return str(_("%(first)s and %(last)s") % {"first": ", ".join(names[:-1]), "last": names[-1]})


def _context(figures: dict[str, Any], language: str) -> dict[str, Any]:
    english = language.startswith("en")
    areas = figures.get("areas", [])
    several = figures.get("area") is None and len(areas) > 1
    goals = [_goal_text(g, english, several) for g in figures.get("goals", [])]
    counts = {k: sum(1 for g in goals if g["status"] == k) for k in STATUS_WORDS}
    measured = len(goals) - counts["no_data"]
    programme = figures["programme"]
    place = figures["area"]["name"] if figures.get("area") else _join([a["name"] for a in areas])
    return {
        "document_title": title(figures),
        "document_date": dt.datetime.fromisoformat(figures["made_at"]).date(),
        "programme": programme,
        "place": place,
        "years": f"{programme['start_year']}–{programme['end_year']}",
        "goals": goals,
        "on_plan": counts["on_track"],
        "measured": measured,
        "initiatives": [
            {**i, "status_text": str(INITIATIVE_WORDS.get(i["status"], ""))}
            for i in figures.get("initiatives", [])
        ],
        **_who(figures["organisations"]),
    }


def context(figures: dict[str, Any], *, language: str) -> dict[str, Any]:
    """The template's context in `language`, from the figures alone."""
    with translation.override(language):
        return _context(figures, language)


def title(figures: dict[str, Any]) -> str:
    if figures.get("area"):
        return str(
            _("%(programme)s in %(area)s: what we do and how it is going")
            % {"programme": figures["programme"]["name"], "area": figures["area"]["name"]}
        )
    return str(
        _("%(programme)s: what we do and how it is going")
        % {"programme": figures["programme"]["name"]}
    )


# --- what changed between two summaries ---------------------------------------------------------


def _goal_name(goal: dict[str, Any]) -> dict[str, str]:
    ind, area = goal["indicator"], goal["area"]["name"]
    return {"sv": f"{ind['name_sv']}, {area}", "en": f"{ind['name_en']}, {area}"}


def compare(before: dict[str, Any], after: dict[str, Any]) -> list[dict[str, Any]]:
    """Goals added or removed, and each goal's latest measurement and status (the change types
    of grogrund.reports.changes, described there)."""
    out: list[dict[str, Any]] = []
    old = {g["id"]: g for g in before.get("goals", [])}
    new = {g["id"]: g for g in after.get("goals", [])}
    for gid, g in new.items():
        name = _goal_name(g)
        o = old.get(gid)
        if o is None:
            out.append({"type": "goal_added", "name": name, "target": g["target_share"]})
            continue
        a, b = o.get("latest"), g.get("latest")
        pair = (
            None if a is None else [a["value"], a["year"]],
            None if b is None else [b["value"], b["year"]],
        )
        if pair[0] != pair[1]:
            out.append(
                {
                    "type": "goal_latest",
                    "name": name,
                    "before": pair[0],
                    "after": pair[1],
                    "percent_met": [a and a["percent_met"], b and b["percent_met"]],
                }
            )
        if o["status"] != g["status"]:
            out.append(
                {"type": "goal_status", "name": name, "before": o["status"], "after": g["status"]}
            )
    out += [
        {"type": "goal_removed", "name": _goal_name(o)} for gid, o in old.items() if gid not in new
    ]
    return out


def _owner(subject: Any) -> Organisation:
    return cast(Organisation, _programme(subject).owner)


def _programme(subject: Any) -> Programme:
    return subject.programme if isinstance(subject, ProgrammeArea) else subject


PROGRAMME_KIND = register(
    ReportKind(
        key="tenant",
        label=gettext_lazy("Tenant summary"),
        template="reports/tenant.html",
        subject=programme_subject,
        figures=programme_figures,
        context=context,
        owner=_owner,
        programme=_programme,
        title=title,
    )
)
register_comparison("tenant", compare)
register_comparison("tenant_area", compare)
AREA_KIND = register(
    ReportKind(
        key="tenant_area",
        label=gettext_lazy("Tenant summary for one area"),
        template="reports/tenant.html",
        subject=area_subject,
        figures=area_figures,
        context=context,
        owner=_owner,
        programme=_programme,
        title=title,
    )
)
