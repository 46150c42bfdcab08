"""Engine issues (grogrund.engine.errors.Issue) in the user's language.

The engine gives each error and warning a stable `code` and its numbers in `params`; the
English `message` is for the command line. Here each code gets a translated sentence."""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext_lazy as _

from grogrund.core.numbers import format_number
from grogrund.engine.errors import Issue

MESSAGES: dict[str, Any] = {
    "percent_out_of_range": _("Must be a percentage between 0 and 100 (you gave %(value)s)."),
    "percent_below_100": _("Must be a percentage below 100 (you gave %(value)s)."),
    "negative_value": _("Must not be negative (you gave %(value)s)."),
    "not_positive": _("Must be greater than zero (you gave %(value)s)."),
    "range_not_ordered": _(
        "A range needs low ≤ likely ≤ high (you gave %(low)s / %(likely)s / %(high)s)."
    ),
    "cost_form": _(
        "Give either an amount per year (with the first year and number of years) or amounts by "
        "year."
    ),
    "proxy_form": _("Give either a value from the value bank or an own financial proxy, not both."),
    "effect_form": _(
        "Give either a value from the value bank or an own amount per person and year, not both."
    ),
    "no_effects": _(
        "An outcome needs at least one effect: add one below, or add the avoided costs of "
        "exclusion per payer."
    ),
    "missing_field": _("This field is required."),
    "unknown_field": _("This field is not part of the model: check the spelling."),
    "wrong_type": _("Must be a number or a range (low, likely, high)."),
    "year_outside_horizon": _(
        "The year %(year)s is outside the valuation's years %(first_year)s–%(last_year)s."
    ),
    "year_before_start": _(
        "The year %(year)s is before the valuation's first year %(first_year)s."
    ),
    "unknown_value_bank_entry": _("There is no value-bank entry %(entry_id)s."),
    "override_without_source": _("An own value replacing a value-bank entry needs a source."),
    "price_year_outside_kpi": _(
        "There is no consumer price index (KPI) for %(year)s: the series covers "
        "%(first_year)s–%(last_year)s."
    ),
    "greater_than_equal": _("Must be at least %(ge)s."),
    "less_than_equal": _("Must be at most %(le)s."),
    "greater_than": _("Must be greater than %(gt)s."),
    "less_than": _("Must be less than %(lt)s."),
    "string_too_short": _("This field must not be empty."),
    "int_parsing": _("Must be a whole number."),
    "int_type": _("Must be a whole number."),
    "int_from_float": _("Must be a whole number."),
    "float_parsing": _("Must be a number."),
    "float_type": _("Must be a number."),
    "unknown_kind": _(
        "Unknown kind of valuation: choose SROI, socioeconomic, property or outcome_contract."
    ),
    "parse_error": _("The model could not be read."),
    "literal_error": _("This value is not one of the allowed choices."),
    "dict_type": _("Must be a mapping of fields."),
    "list_type": _("Must be a list."),
    "horizon_too_short": _(
        "The horizon is %(horizon_years)s years: the model asks for at least %(minimum)s years "
        "(step 7)."
    ),
    "price_index_not_available": _(
        "The consumer price index (KPI) is shipped up to %(last_kpi_year)s: amounts are not "
        "indexed beyond that year."
    ),
    "no_ranges": _("No input is a range: the simulation has nothing to vary."),
    "percent_given_as_fraction": _(
        "The deadweight, displacement, attribution and drop-off of %(outcome)s are all below 1, "
        "but they are read as percent: did you mean %(percent)s %% rather than %(value)s %%?"
    ),
    "target_share_out_of_range": _(
        "%(value)s people would take the share outside 0–100 %%: at most %(max_count)s people "
        "are possible."
    ),
    "missing_reference": _(
        "There is no comparison value: give one, or make the goal a fixed number of people."
    ),
    "noi_with_parts": _(
        "Give either the net operating income or the vacancy rate, move-outs and vandalism, "
        "not both."
    ),
    "noi_in_one_state_only": _("Give the net operating income both now and after, or neither."),
    "not_used_with_noi": _(
        "Not used when the net operating income is given directly: leave this field empty."
    ),
}


def _fmt(value: Any) -> str:
    if isinstance(value, bool) or not isinstance(value, int | float):
        return str(value)
    if isinstance(value, int) and 1900 <= value <= 2200:
        return str(value)  # a year
    text = format_number(value, 0 if float(value).is_integer() else 2)
    if not float(value).is_integer() and text[-1] == "0":
        text = text[:-1]  # 1,50 → 1,5
    return text


def issue_code(issue: Issue) -> str:
    if issue.code == "percent_out_of_range" and "below 100" in issue.message:
        return "percent_below_100"
    if issue.code == "year_outside_horizon" and "last_year" not in issue.params:
        return "year_before_start"
    return issue.code


def issue_message(issue: Issue) -> str:
    """The issue as a sentence in the active language; an unknown code falls back to the
    engine's English text."""
    template = MESSAGES.get(issue_code(issue))
    if template is None:
        return str(_("Not accepted: %(message)s")) % {"message": issue.message}
    params = {k: _fmt(v) for k, v in issue.params.items()}
    try:
        return str(template) % params
    except (KeyError, TypeError, ValueError):
        return str(_("Not accepted: %(message)s")) % {"message": issue.message}
