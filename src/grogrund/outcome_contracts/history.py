"""A contract's history (ContractChange) as sentences in the reader's language: who by name,
when in local time, and what changed with labels and figures in their unit — the same shape
as the programmes' history (programmes/history_text.py), whose row and line types it uses."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Any

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from grogrund.core.numbers import format_money, format_number, format_percent
from grogrund.outcome_contracts.models import (
    PERIOD_MONTHS,
    BaselineKind,
    PartyRole,
    ReportStatus,
)
from grogrund.programmes.history_text import HistoryRow, Line, person_name, when_text

#: Each kept field's label, by kind of object.
LABELS: dict[str, dict[str, Any]] = {
    "outcomecontract": {
        "name": gettext_lazy("Name"),
        "description": gettext_lazy("What the contract pays for"),
        "initiative": gettext_lazy("Initiative"),
        "cohort_size": gettext_lazy("Cohort size (people)"),
        "cohort_description": gettext_lazy("Who is in the cohort"),
        "start_date": gettext_lazy("Start date"),
        "period_months": gettext_lazy("Length of a period"),
        "periods": gettext_lazy("Number of periods"),
        "cap_total_sek": gettext_lazy("Cap in total"),
        "cap_per_period_sek": gettext_lazy("Cap per period"),
        "payment_days": gettext_lazy("Payment due (days after verification)"),
    },
    "contractparty": {
        "organisation": gettext_lazy("Organisation"),
        "role": gettext_lazy("Role"),
        "share": gettext_lazy("Share of the payments"),
        "cap_sek": gettext_lazy("The payer's cap"),
    },
    "outcomemetric": {
        "name": gettext_lazy("Name"),
        "definition": gettext_lazy("When the outcome counts as achieved"),
        "direction": gettext_lazy("Direction"),
        "baseline_kind": gettext_lazy("Baseline"),
        "baseline": gettext_lazy("Baseline (people)"),
        "indicator": gettext_lazy("Comparison indicator"),
        "area": gettext_lazy("Comparison area"),
        "baseline_year": gettext_lazy("Comparison year"),
        "baseline_source": gettext_lazy("Source of the baseline"),
        "price_sek_per_unit": gettext_lazy("Price per person"),
        "cap_sek": gettext_lazy("Cap for this outcome"),
        "expected_per_period": gettext_lazy("Expected outcome per period (people)"),
        "savings_sek_per_unit": gettext_lazy("The payers' saving per person"),
    },
    "rateprice": {
        "metric": gettext_lazy("Outcome"),
        "from_period": gettext_lazy("From period"),
        "price_sek_per_unit": gettext_lazy("Price per person"),
    },
    "investment": {
        "date": gettext_lazy("Date"),
        "amount_sek": gettext_lazy("Amount"),
        "note": gettext_lazy("Note"),
    },
    "outcomereport": {
        "metric": gettext_lazy("Outcome"),
        "period": gettext_lazy("Period"),
        "value": gettext_lazy("Outcome reported (people)"),
        "note": gettext_lazy("Note"),
        "status": gettext_lazy("Status"),
        "verified_value": gettext_lazy("Verified outcome (people)"),
        "comment": gettext_lazy("The evaluator's comment"),
        "evidence": gettext_lazy("Evidence"),
    },
    "payment": {
        "payer": gettext_lazy("Payer"),
        "period": gettext_lazy("Period"),
        "amount_sek": gettext_lazy("Amount"),
        "paid_on": gettext_lazy("Paid on"),
        "reference": gettext_lazy("Reference"),
    },
}
KINDS: dict[str, Any] = {
    "outcomecontract": gettext_lazy("contract"),
    "contractparty": gettext_lazy("party"),
    "outcomemetric": gettext_lazy("outcome metric"),
    "rateprice": gettext_lazy("price on the rate card"),
    "investment": gettext_lazy("investment"),
    "outcomereport": gettext_lazy("outcome report"),
    "payment": gettext_lazy("payment"),
}
MONEY = {"cap_total_sek", "cap_per_period_sek", "cap_sek", "price_sek_per_unit", "amount_sek"}
MONEY |= {"savings_sek_per_unit"}
CHOICES: dict[str, Callable[[], dict[str, Any]]] = {
    "role": lambda: dict(PartyRole.choices),
    "status": lambda: dict(ReportStatus.choices),
    "baseline_kind": lambda: dict(BaselineKind.choices),
    "period_months": lambda: dict(PERIOD_MONTHS),
    "direction": lambda: {
        "higher_is_better": _("Higher is better"),
        "lower_is_better": _("Lower is better"),
    },
}
DATES = {"start_date", "date", "paid_on"}


def _value(name: str, value: Any) -> str:
    if value is None or value == "" or value == []:
        return "–"
    if name in CHOICES:
        return str(CHOICES[name]().get(value, value))
    if name in MONEY:
        return format_money(float(value), 2 if float(value) % 1 else 0)
    if name == "share":
        return format_percent(float(value), 2)
    if name in DATES:
        return when_text(value)
    if isinstance(value, list):
        return ", ".join(str(v) for v in value)
    if isinstance(value, float):
        return format_number(value, 0 if value.is_integer() else 2)
    return str(value)


def _lines(entry: Any) -> list[Line]:
    labels = LABELS.get(entry.object_type, {})
    before, after = entry.before or {}, entry.after or {}
    both = bool(entry.before) and bool(entry.after)
    lines = []
    for name, label in labels.items():
        old, new = before.get(name), after.get(name)
        if both and old == new:
            continue
        if not both and new in (None, "", []) and old in (None, "", []):
            continue
        lines.append(
            Line(
                str(label),
                _value(name, old) if entry.before else "",
                _value(name, new) if entry.after else "",
            )
        )
    return lines


def _name(entry: Any) -> str:
    snap = entry.after or entry.before or {}
    kind = entry.object_type
    if kind == "outcomereport":
        return _("%(metric)s, period %(period)s") % {
            "metric": snap.get("metric", ""),
            "period": snap.get("period", ""),
        }
    if kind == "payment":
        return _("%(payer)s, period %(period)s") % {
            "payer": snap.get("payer", ""),
            "period": snap.get("period", ""),
        }
    if kind == "contractparty":
        return str(snap.get("organisation", ""))
    if kind == "rateprice":
        return str(snap.get("metric", ""))
    if kind == "investment":
        return _value("date", snap.get("date"))
    return str(snap.get("name", ""))


def history_rows(entries: Iterable[Any]) -> list[HistoryRow]:
    return [
        HistoryRow(
            entry=entry,
            when=when_text(entry.at),
            who=person_name(entry.user),
            action=str(entry.get_action_display()),
            kind=str(KINDS.get(entry.object_type, entry.object_type)),
            name=_name(entry),
            lines=_lines(entry) + _reason_line(entry),
        )
        for entry in entries
    ]


def _reason_line(entry: Any) -> list[Line]:
    """Why a payment or an investment was corrected or removed."""
    reason = getattr(entry, "reason", "")
    return [Line(str(_("Reason")), "", reason)] if reason else []
