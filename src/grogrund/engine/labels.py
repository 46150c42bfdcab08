"""Plain-language labels for the fields of a model file, from their paths.

An issue names its field twice: by path (``outcomes[2].deadweight``, exact, for tools) and by
label (``Deadweight (%), outcome 3``, for people). The labels are the English labels of the
app's editor, so the app can show its own translated labels for the same fields.
"""

from __future__ import annotations

import re

#: Field labels by the field's key (the last name in the path), for the fields whose meaning
#: does not depend on where they are.
FIELD_LABELS: dict[str, str] = {
    # common settings
    "name": "Name",
    "description": "Description",
    "start_year": "First year",
    "horizon_years": "Horizon (years)",
    "price_year": "Price year",
    "discounting.rate": "Discount rate (% per year, real)",
    "discounting.first_year_discounted": "Discount the first year too",
    "stakeholders": "Own stakeholders (partners)",
    "kind": "Kind of calculation",
    # costs
    "payer": "Paid by",
    "amount_sek": "Amount per year (kr)",
    "years": "Number of years",
    "by_year": "Amounts by year",
    "source": "Source and reason",
    # SROI outcomes
    "stakeholder": "Stakeholder",
    "quantity": "Quantity (people or units per year)",
    "proxy_sek": "Own financial proxy (kr per unit and year)",
    "value_bank": "Value from the value bank",
    "deadweight": "Deadweight (%)",
    "displacement": "Displacement (%)",
    "attribution": "Attribution to others (%)",
    "drop_off": "Drop-off per year (%)",
    "duration_years": "Duration (years)",
    # socio-economic outcomes and effects
    "persons": "Persons (or events per year)",
    "success_rate": "Success rate (%)",
    "effects": "Effects",
    "effects_from": "Avoided costs of exclusion per payer",
    "share": "Share carried by this stakeholder (%)",
    "amount_sek_per_person_year": "Own amount (kr per person and year)",
    # property
    "units": "Apartments",
    "rent_sek_per_unit_year": "Rent per apartment and year (kr)",
    "other_operating_cost_sek_per_year": "Other operating costs per year (kr)",
    "cost_per_move_sek": "Cost per move-out (kr)",
    "improvement_start_year": "Improvement starts in",
    "ramp_up_years": "Years to reach the full effect",
    "dcf_rate": "Discount rate of the cash-flow valuation (%)",
    # outcome contracts
    "investor": "Investor",
    "cap_sek_total": "Cap on all payments (kr)",
    "cap_sek_per_period": "Cap per year (kr)",
    "investor_capital": "Investor's capital by year (kr)",
    "direction": "Better when",
    "baseline": "Baseline",
    "price_sek_per_unit": "Price per unit above the baseline (kr)",
    "outcomes": "Expected outcome by year",
    "savings_sek_per_unit": "Own saving per unit (kr)",
    "savings_value_bank": "Payer's saving per unit from the value bank",
    # own values
    "amount": "Own value",
    "method": "Method",
    # goals
    "area_percent": "Share in the area (%)",
    "reference_percent": "Share in the reference area (%)",
    "area_share": "Share in the area",
    "reference_share": "Share in the reference area",
    "base": "People the share is of",
    "share_of_gap": "Part of the gap to close (%)",
    "fixed_count": "Or a fixed number of people",
    "baseline_year": "Baseline year",
    "deadline_year": "Deadline year",
    "actuals": "Measured value (%)",
    "target": "Target",
}

#: The fields of a property's two states, "now" and "after".
STATE_LABELS: dict[str, tuple[str, str]] = {
    "vacancy_rate": ("Vacancy rate now (%)", "Vacancy rate after (%)"),
    "moves_per_year": ("Move-outs per year now", "Move-outs per year after"),
    "vandalism_sek_per_year": (
        "Vandalism and graffiti now (kr/year)",
        "Vandalism and graffiti after (kr/year)",
    ),
    "yield": ("Yield now (%)", "Yield after (%)"),
    "noi_sek_per_year": (
        "Net operating income now (kr/year)",
        "Net operating income after (kr/year)",
    ),
}

#: What a row of each list is called.
ROW_NAMES = {
    "outcomes": "outcome",
    "effects": "effect",
    "costs": "cost",
    "metrics": "metric",
    "goals": "goal",
}

_PART = re.compile(r"([A-Za-z_]+)(?:\[([^\]]+)\])?")


def _plain(key: str) -> str:
    return key.replace("_", " ").capitalize()


def field_label(path: str) -> str:
    """``outcomes[2].effects[0].share`` → ``Share carried by this stakeholder (%), effect 1 of
    outcome 3``; ``property.baseline.yield`` → ``Yield now (%)``. Unknown fields get their
    key in words."""
    if not path:
        return ""
    if path in FIELD_LABELS and "." in path:
        return FIELD_LABELS[path]
    rows: list[str] = []
    field = ""
    suffix = ""
    parts = path.split(".")
    k = 0
    while k < len(parts):
        part = parts[k]
        m = _PART.fullmatch(part)
        if m is None:  # a year or an entry id after a mapping field
            suffix = part
            k += 1
            continue
        key, index = m.group(1), m.group(2)
        if key in ("baseline", "improved") and k + 1 < len(parts) and parts[0] == "property":
            state = parts[k + 1]
            pair = STATE_LABELS.get(state)
            now_or_after = 0 if key == "baseline" else 1
            field = (
                pair[now_or_after]
                if pair
                else f"{_plain(state)} ({('now', 'after')[now_or_after]})"
            )
            k += 2
            continue
        if key == "property" and k + 1 < len(parts):
            k += 1
            continue
        if key == "value_overrides" and k + 1 < len(parts):
            rows.append(f"own value for {parts[k + 1]}")
            k += 2
            continue
        # A list of rows is at the top (or the effects of an outcome); an index on any other
        # field is the key of a mapping (a year): ``metrics[0].outcomes[2027]``.
        if index is not None and key in ROW_NAMES and (k == 0 or key == "effects"):
            number = int(index) + 1 if index.isdigit() else index
            rows.append(f"{ROW_NAMES[key]} {number}")
        elif index is not None and key == "effects_from":
            rows.append(f"avoided cost of exclusion for {index}")
        else:
            field = FIELD_LABELS.get(key, _plain(key))
            if index is not None:
                suffix = index
        k += 1
    if suffix:
        field = f"{field} ({suffix})" if field else suffix
    if not field:
        field = rows.pop() if rows else path
        field = field[:1].upper() + field[1:]
    context = " of ".join(reversed(rows))
    return f"{field}, {context}" if context else field
