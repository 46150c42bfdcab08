"""The portfolio review's suggestions and reasons (engine.portfolio codes) in words."""

from __future__ import annotations

from django.utils.translation import gettext as _

from grogrund.core.numbers import format_money, format_number
from grogrund.engine.portfolio import InitiativeReview, Reason, ReasonCode, Suggestion


def suggestion_label(suggestion: Suggestion) -> str:
    return {
        Suggestion.SCALE_UP: _("Scale up"),
        Suggestion.KEEP: _("Keep"),
        Suggestion.STOP: _("Stop"),
        Suggestion.CANNOT_JUDGE: _("Cannot judge yet"),
    }[suggestion]


def _pct(v: float) -> str:
    return f"{format_number(v, 0)}\u00a0%"


def reason_text(reason: Reason) -> str:
    v = reason.values
    code = reason.code
    if code is ReasonCode.STOPPED:
        return _("The initiative is stopped.")
    if code is ReasonCode.NO_BUDGET:
        return _("No budget is given, so there is no cost per outcome.")
    if code is ReasonCode.NO_MEASUREMENT:
        return _(
            "No outcome has an indicator, baseline and target and a measurement after its "
            "baseline year."
        )
    if code is ReasonCode.ON_TRACK:
        return _(
            "On track: the outcomes have come %(pace)s of the way the trajectory asks for by now "
            "(%(percent)s of the targets met)."
        ) % {"pace": _pct(100 * v["pace"]), "percent": _pct(v["percent"])}
    if code is ReasonCode.BEHIND:
        return _(
            "Behind: the outcomes have come %(pace)s of the way the trajectory asks for by now "
            "(%(percent)s of the targets met)."
        ) % {"pace": _pct(100 * v["pace"]), "percent": _pct(v["percent"])}
    if code is ReasonCode.AT_RISK:
        return _(
            "At risk: the outcomes have come only %(pace)s of the way the trajectory asks for by "
            "now (%(percent)s of the targets met); below 50 %% is at risk."
        ) % {"pace": _pct(100 * v["pace"]), "percent": _pct(v["percent"])}
    money = {
        "cost": format_money(v.get("cost")),
        "median": format_money(v.get("median")),
    }
    if code is ReasonCode.COST_BELOW_MEDIAN:
        return (
            _(
                "The cost per percent of target met, %(cost)s, is below the programme's median "
                "(%(median)s)."
            )
            % money
        )
    if code is ReasonCode.COST_NOT_BELOW_MEDIAN:
        return (
            _(
                "The cost per percent of target met, %(cost)s, is not below the programme's median "
                "(%(median)s)."
            )
            % money
        )
    if code is ReasonCode.COST_ABOVE_MEDIAN:
        return (
            _(
                "The cost per percent of target met, %(cost)s, is above the programme's median "
                "(%(median)s)."
            )
            % money
        )
    if code is ReasonCode.COST_NOT_ABOVE_MEDIAN:
        return (
            _(
                "The cost per percent of target met, %(cost)s, is not above the programme's median "
                "(%(median)s): worth keeping while the method is reviewed."
            )
            % money
        )
    if code is ReasonCode.NO_PROGRESS:
        return _("The outcomes have not moved towards their targets (%(percent)s met).") % {
            "percent": _pct(v["percent"])
        }
    if code is ReasonCode.NO_COMPARISON:
        return (
            _(
                "The cost per percent of target met is %(cost)s; no other initiative of the "
                "programme has a cost to compare it with."
            )
            % money
        )
    if code is ReasonCode.TOO_EARLY:
        return _(
            "Followed for %(years)s year(s) only: an initiative is not stopped on less than "
            "%(min)s years of follow-up."
        ) % {"years": int(v["years"]), "min": int(v["min_years"])}
    return str(code)


def reason_texts(review: InitiativeReview) -> list[str]:
    return [reason_text(r) for r in review.reasons]
