"""What changed between two reports of the same subject, from their figures alone.

`compare(kind, before, after)` lists the changes as plain data (language-neutral, so a stored
report keeps them and draws them in either language); `describe(change)` says one in the
active language: "Förvärvsarbetande 20–64 år, Norrbacka: senaste värdet 55,0 % (2023) →
58,2 % (2024)".

The programme report has its own comparison (goals, initiatives, budget, valuations, steps).
Another kind may register one with `register_comparison(kind, compare)` and return changes of
its own types described by `register_description(type, describe)`; a kind without one is
compared figure by figure: every number that differs, named by the names around it.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.utils.translation import get_language
from django.utils.translation import gettext as _

from grogrund.core.numbers import format_money, format_number, format_percent

Change = dict[str, Any]
Comparison = Callable[[dict[str, Any], dict[str, Any]], list[Change]]

COMPARISONS: dict[str, Comparison] = {}
DESCRIPTIONS: dict[str, Callable[[Change], str]] = {}


def register_comparison(kind: str, comparison: Comparison) -> None:
    COMPARISONS[kind] = comparison


def register_description(change_type: str, describe_one: Callable[[Change], str]) -> None:
    DESCRIPTIONS[change_type] = describe_one


def compare(kind: str, before: dict[str, Any], after: dict[str, Any]) -> list[Change]:
    """The changes from the figures `before` to the figures `after` of two reports of one
    subject (an empty list when nothing that is shown changed)."""
    comparison = COMPARISONS.get(kind, compare_any)
    return comparison(before or {}, after or {})


def _language() -> str:
    return "en" if (get_language() or "sv").startswith("en") else "sv"


def _text(value: Any) -> str:
    if isinstance(value, dict):
        language = _language()
        return str(value.get(language) or value.get("sv") or "")
    return "" if value is None else str(value)


# --- the programme report -----------------------------------------------------------------------


def _goal_label(goal: dict[str, Any]) -> dict[str, str]:
    names = goal["indicator"]["name"]
    return {lang: f"{names.get(lang) or names.get('sv')}, {goal['area']}" for lang in ("sv", "en")}


def _close(a: Any, b: Any) -> bool:
    if isinstance(a, int | float) and isinstance(b, int | float):
        return abs(float(a) - float(b)) < 1e-9 * max(1.0, abs(float(a)), abs(float(b)))
    return bool(a == b)


def compare_programme(before: dict[str, Any], after: dict[str, Any]) -> list[Change]:
    out: list[Change] = []
    out += _compare_goals(before.get("goals", []), after.get("goals", []))
    out += _compare_initiatives(before.get("initiatives", []), after.get("initiatives", []))
    out += _compare_budget(before.get("budget") or {}, after.get("budget") or {})
    out += _compare_valuations(before.get("valuations", []), after.get("valuations", []))
    out += _compare_steps(before.get("steps", []), after.get("steps", []))
    return out


def _compare_goals(before: list[dict[str, Any]], after: list[dict[str, Any]]) -> list[Change]:
    out: list[Change] = []
    old = {g["id"]: g for g in before}
    new = {g["id"]: g for g in after}
    for gid, g in new.items():
        label = _goal_label(g)
        if gid not in old:
            out.append({"type": "goal_added", "name": label, "target": g["target_share"]})
            continue
        o = old[gid]
        if (
            not _close(o["target_share"], g["target_share"])
            or o["deadline_year"] != g["deadline_year"]
        ):
            out.append(
                {
                    "type": "goal_target",
                    "name": label,
                    "before": [o["target_share"], o["deadline_year"]],
                    "after": [g["target_share"], g["deadline_year"]],
                }
            )
        a, b = o.get("latest"), g.get("latest")
        if (a is None) != (b is None) or (
            a is not None
            and b is not None
            and (a["year"] != b["year"] or not _close(a["value"], b["value"]))
        ):
            out.append(
                {
                    "type": "goal_latest",
                    "name": label,
                    "before": None if a is None else [a["value"], a["year"]],
                    "after": None if b is None else [b["value"], b["year"]],
                    "percent_met": [
                        None if a is None else a["percent_met"],
                        None if b is None else b["percent_met"],
                    ],
                }
            )
        if o.get("status") != g.get("status"):
            out.append(
                {
                    "type": "goal_status",
                    "name": label,
                    "before": o.get("status"),
                    "after": g.get("status"),
                }
            )
    for gid, o in old.items():
        if gid not in new:
            out.append({"type": "goal_removed", "name": _goal_label(o)})
    return out


def _compare_initiatives(before: list[dict[str, Any]], after: list[dict[str, Any]]) -> list[Change]:
    out: list[Change] = []
    old = {i["id"]: i for i in before}
    new = {i["id"]: i for i in after}
    for iid, i in new.items():
        if iid not in old:
            out.append({"type": "initiative_added", "name": i["name"]})
            continue
        o = old[iid]
        if o["status"] != i["status"]:
            out.append(
                {
                    "type": "initiative_status",
                    "name": i["name"],
                    "before": o["status"],
                    "after": i["status"],
                }
            )
        if not _close(o.get("budget"), i.get("budget")):
            out.append(
                {
                    "type": "initiative_budget",
                    "name": i["name"],
                    "before": o.get("budget"),
                    "after": i.get("budget"),
                }
            )
        old_outcomes = {x["node"]: x for x in o.get("outcomes", [])}
        for x in i.get("outcomes", []):
            y = old_outcomes.get(x["node"])
            a = (y or {}).get("latest")
            b = x.get("latest")
            if (a is None and b is None) or (
                a is not None
                and b is not None
                and a["year"] == b["year"]
                and _close(a["value"], b["value"])
            ):
                continue
            out.append(
                {
                    "type": "outcome_latest",
                    "name": i["name"],
                    "outcome": x["text"],
                    "indicator": {
                        "kind": (x.get("indicator") or {}).get("kind"),
                        "unit": (x.get("indicator") or {}).get("unit"),
                    },
                    "before": None if a is None else [a["value"], a["year"]],
                    "after": None if b is None else [b["value"], b["year"]],
                }
            )
    for iid, o in old.items():
        if iid not in new:
            out.append({"type": "initiative_removed", "name": o["name"]})
    return out


def _compare_budget(before: dict[str, Any], after: dict[str, Any]) -> list[Change]:
    out: list[Change] = []
    if not before and not after:
        return out
    if not _close(before.get("total_sek", 0.0), after.get("total_sek", 0.0)):
        out.append(
            {
                "type": "budget_total",
                "before": before.get("total_sek", 0.0),
                "after": after.get("total_sek", 0.0),
            }
        )
    old = {p["name"]: p for p in before.get("partners", [])}
    for p in after.get("partners", []):
        o = old.get(p["name"])
        if o is None:
            if p.get("committed"):
                out.append(
                    {
                        "type": "partner_total",
                        "name": p["name"],
                        "before": 0.0,
                        "after": p["total_sek"],
                    }
                )
            continue
        if not _close(o.get("total_sek", 0.0), p.get("total_sek", 0.0)):
            out.append(
                {
                    "type": "partner_total",
                    "name": p["name"],
                    "before": o.get("total_sek", 0.0),
                    "after": p.get("total_sek", 0.0),
                }
            )
        if bool(o.get("signed")) != bool(p.get("signed")):
            out.append(
                {"type": "partner_signed", "name": p["name"], "after": bool(p.get("signed"))}
            )
    return out


def _compare_valuations(before: list[dict[str, Any]], after: list[dict[str, Any]]) -> list[Change]:
    out: list[Change] = []
    old = {v["id"]: v for v in before}
    new = {v["id"]: v for v in after}
    for vid, v in new.items():
        if vid not in old:
            out.append({"type": "valuation_added", "name": v["name"]})
            continue
        o = old[vid]
        a = (o.get("totals") or {}) if o.get("ok") else {}
        b = (v.get("totals") or {}) if v.get("ok") else {}
        for key in ("npv", "ratio"):
            if not _close(a.get(key), b.get(key)):
                out.append(
                    {
                        "type": f"valuation_{key}",
                        "name": v["name"],
                        "before": a.get(key),
                        "after": b.get(key),
                    }
                )
    for vid, o in old.items():
        if vid not in new:
            out.append({"type": "valuation_removed", "name": o["name"]})
    return out


def _compare_steps(before: list[dict[str, Any]], after: list[dict[str, Any]]) -> list[Change]:
    old = {s["code"]: s for s in before}
    out: list[Change] = []
    for s in after:
        o = old.get(s["code"])
        if o is not None and o["state"] != s["state"]:
            out.append(
                {
                    "type": "step_state",
                    "number": s["number"],
                    "name": s["name"],
                    "before": o["state"],
                    "after": s["state"],
                }
            )
    return out


register_comparison("programme", compare_programme)


# --- any other kind: figure by figure ------------------------------------------------------------

#: Keys whose value names the thing around it (an indicator, a year).
NAME_KEYS = ("name", "title", "label", "text", "indicator", "period", "year")
#: Keys that are bookkeeping, not figures.
SKIPPED_KEYS = {
    "id",
    "retrieved_at",
    "made_at",
    "created_at",
    "format",
    "kind",
    "previous",
    "changes",
    "computed_from",
}


#: Keys of lists that say nothing about what is in them.
CONTAINER_KEYS = {
    "rows",
    "items",
    "series",
    "goals",
    "initiatives",
    "outcomes",
    "partners",
    "valuations",
    "steps",
    "measurements",
    "trajectory",
}


def _label(value: Any) -> str:
    """A name in the reader's language: a text, {"sv": …, "en": …}, or a thing with a name
    ({"name_sv": …}, {"name": …})."""
    if isinstance(value, str):
        return value
    if isinstance(value, dict):
        language = _language()
        for key in (language, "sv", f"name_{language}", "name_sv", "name", "title", "label"):
            found = _label(value.get(key))
            if found:
                return found
    return ""


def _name_of(node: dict[str, Any]) -> str:
    for key in NAME_KEYS:
        value = node.get(key)
        if key in ("period", "year") and isinstance(value, int | str) and value != "":
            return str(value)
        found = _label(value)
        if found:
            return found
    return _label({k: node.get(k) for k in (f"name_{_language()}", "name_sv")})


def _flatten(value: Any, names: tuple[str, ...], key: str, out: dict[str, Any]) -> None:
    """Every number of `value` under a label made of the names around it; where a part has
    no name of its own, the key it stands under (so no two numbers share a label)."""
    if isinstance(value, dict):
        here = _name_of(value) or ("" if key in CONTAINER_KEYS else key.replace("_", " "))
        inner = (*names, here) if here else names
        for k, v in value.items():
            if k in SKIPPED_KEYS or k in NAME_KEYS:
                continue
            _flatten(v, inner, k, out)
    elif isinstance(value, list):
        # A list's own key names it unless it is one of the usual containers ("rows"), so the
        # series of two areas ("9901", "SE") stay apart.
        inner = names if key in CONTAINER_KEYS or not key else (*names, key)
        for k, v in enumerate(value):
            named = isinstance(v, dict) and _name_of(v)
            _flatten(v, inner, key if named else f"{key} {k + 1}", out)
    elif isinstance(value, int | float) and not isinstance(value, bool):
        label = " · ".join([*names, key.replace("_", " ")])
        out[label] = value


def compare_any(before: dict[str, Any], after: dict[str, Any]) -> list[Change]:
    """Every number of the figures that differs, named by the names around it."""
    a: dict[str, Any] = {}
    b: dict[str, Any] = {}
    _flatten(before, (), "", a)
    _flatten(after, (), "", b)
    out: list[Change] = []
    for label in [*b, *(k for k in a if k not in b)]:
        if not _close(a.get(label), b.get(label)):
            out.append(
                {"type": "figure", "name": label, "before": a.get(label), "after": b.get(label)}
            )
    return out


# --- in words ------------------------------------------------------------------------------------


def _share_year(pair: list[Any] | None) -> str:
    if pair is None:
        return _("none")
    return f"{format_percent(pair[0])} ({pair[1]})"


def _status(status: Any) -> str:
    from grogrund.reports.programme_context import status_label

    return status_label(str(status))


def _value_year(indicator: dict[str, Any], pair: list[Any] | None) -> str:
    from grogrund.reports.programme_context import show_value

    if pair is None:
        return _("none")
    return f"{show_value(indicator, pair[0])} ({pair[1]})"


def _number(value: Any) -> str:
    if value is None:
        return "–"
    decimals = 0 if float(value).is_integer() else 2
    return format_number(value, decimals)


def describe(change: Change) -> str:
    """One change as a sentence in the active language."""
    from grogrund.reports.programme_context import initiative_status_label, step_state_label

    kind = change.get("type", "")
    if kind in DESCRIPTIONS:
        return DESCRIPTIONS[kind](change)
    name = _text(change.get("name"))
    before, after = change.get("before"), change.get("after")
    if kind == "goal_added":
        return _("New goal: %(name)s (target %(target)s).") % {
            "name": name,
            "target": format_percent(change.get("target")),
        }
    if kind == "goal_removed":
        return _("Goal removed: %(name)s.") % {"name": name}
    if kind == "goal_target":
        return _("%(name)s: target %(before)s → %(after)s.") % {
            "name": name,
            "before": f"{format_percent(before[0])} ({before[1]})",
            "after": f"{format_percent(after[0])} ({after[1]})",
        }
    if kind == "goal_latest":
        met = change.get("percent_met") or [None, None]
        text = _("%(name)s: latest value %(before)s → %(after)s.") % {
            "name": name,
            "before": _share_year(before),
            "after": _share_year(after),
        }
        if met[1] is not None:
            text += " " + _("%(percent)s of the planned change met.") % {
                "percent": f"{format_number(met[1], 0)}\u00a0%"
            }
        return text
    if kind == "goal_status":
        return _("%(name)s: status %(before)s → %(after)s.") % {
            "name": name,
            "before": _status(before),
            "after": _status(after),
        }
    if kind == "initiative_added":
        return _("New initiative: %(name)s.") % {"name": name}
    if kind == "initiative_removed":
        return _("Initiative removed: %(name)s.") % {"name": name}
    if kind == "initiative_status":
        return _("%(name)s: status %(before)s → %(after)s.") % {
            "name": name,
            "before": initiative_status_label(str(before)),
            "after": initiative_status_label(str(after)),
        }
    if kind == "initiative_budget":
        return _("%(name)s: budget %(before)s → %(after)s.") % {
            "name": name,
            "before": format_money(before),
            "after": format_money(after),
        }
    if kind == "outcome_latest":
        indicator = change.get("indicator") or {}
        return _("%(name)s, %(outcome)s: latest value %(before)s → %(after)s.") % {
            "name": name,
            "outcome": change.get("outcome", ""),
            "before": _value_year(indicator, before),
            "after": _value_year(indicator, after),
        }
    if kind == "budget_total":
        return _("The common budget: %(before)s → %(after)s.") % {
            "before": format_money(before),
            "after": format_money(after),
        }
    if kind == "partner_total":
        return _("%(name)s committed %(before)s → %(after)s.") % {
            "name": name,
            "before": format_money(before),
            "after": format_money(after),
        }
    if kind == "partner_signed":
        if after:
            return _("%(name)s has signed its commitment.") % {"name": name}
        return _("%(name)s's signature was withdrawn.") % {"name": name}
    if kind == "valuation_added":
        return _("New valuation: %(name)s.") % {"name": name}
    if kind == "valuation_removed":
        return _("Valuation removed: %(name)s.") % {"name": name}
    if kind == "valuation_npv":
        return _("%(name)s: net present value %(before)s → %(after)s.") % {
            "name": name,
            "before": format_money(before),
            "after": format_money(after),
        }
    if kind == "valuation_ratio":
        return _("%(name)s: return per krona %(before)s → %(after)s.") % {
            "name": name,
            "before": "–" if before is None else format_number(before, 2),
            "after": "–" if after is None else format_number(after, 2),
        }
    if kind == "step_state":
        return _("Step %(number)s, %(name)s: %(before)s → %(after)s.") % {
            "number": change.get("number"),
            "name": name,
            "before": step_state_label(str(before)),
            "after": step_state_label(str(after)),
        }
    return _("%(name)s: %(before)s → %(after)s.") % {
        "name": name,
        "before": _number(before),
        "after": _number(after),
    }
