"""Is a measurement of a goal plausible ("Did you mean 5,5 %?")? One rule for every way a
measurement comes in — the measurement form and the file import — : the value in percent
beside the goal's baseline, its other measurements and its trajectory
(engine.plausibility.check)."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from django.utils.translation import gettext as _

from grogrund.core.numbers import format_percent
from grogrund.engine.plausibility import Verdict, check
from grogrund.programmes.models import Goal, Measurement
from grogrund.programmes.selectors import goal_shares


def goal_verdict(
    goal: Goal, value_percent: float, year: int, measured: Mapping[int, float]
) -> Verdict:
    """`value_percent` for `year` beside the goal's baseline, its measurements `measured`
    ({year: share 0–1}; the year itself left out, as it is the one replaced) and its
    trajectory, all in percent."""
    history = {goal.baseline_year: goal.baseline_share * 100}
    history |= {y: v * 100 for y, v in measured.items() if y != year}
    path = {y: v * 100 for y, v in goal_shares(goal).items()}
    return check(value_percent, year, history, path, lower=0, upper=100)


def measured_of(goal: Goal) -> dict[int, float]:
    """The goal's stored measurements, {year: share 0–1}."""
    return dict(goal.measurements.values_list("year", "value"))


@dataclass(frozen=True)
class Question:
    """A row of a measurement file whose value is far from the goal's values so far."""

    file: str
    row: int | None
    goal: Goal
    year: int
    value: float  # share 0–1, as the row gives it
    verdict: Verdict

    @property
    def text(self) -> str:
        params = {
            "file": self.file,
            "row": self.row if self.row is not None else "–",
            "goal": f"{self.goal.indicator.name}, {self.goal.area.name}",
            "year": self.year,
            "value": format_percent(self.value),
            "reference": format_percent((self.verdict.reference or 0.0) / 100),
        }
        text = (
            _(
                "%(file)s, row %(row)s (%(goal)s, %(year)s): %(value)s is far from the values so "
                "far (about %(reference)s)."
            )
            % params
        )
        if self.verdict.suggestion is not None:
            suggestion = format_percent(self.verdict.suggestion / 100)
            # Not inside an f-string: makemessages (xgettext) would not find the text there.
            question = _("Did you mean %(suggestion)s?") % {"suggestion": suggestion}
            text = f"{question} {text}"
        return text


def questions_of(lines: Iterable[Any]) -> list[Question]:
    """The lines (programmes.measurement_files.MeasurementLine) whose value the measurement
    form would question, in file order. One query for all the goals' measurements."""
    lines = list(lines)
    measured: dict[int, dict[int, float]] = {}
    goal_ids = {line.goal.pk for line in lines}
    for goal_id, year, value in Measurement.objects.filter(goal_id__in=goal_ids).values_list(
        "goal_id", "year", "value"
    ):
        measured.setdefault(goal_id, {})[year] = value
    out = []
    for line in lines:
        share = line.value
        if share is None and line.numerator is not None and line.denominator:
            share = line.numerator / line.denominator
        if share is None:
            continue
        verdict = goal_verdict(line.goal, share * 100, line.year, measured.get(line.goal.pk, {}))
        if not verdict.plausible:
            out.append(
                Question(
                    line.location.file, line.location.row, line.goal, line.year, share, verdict
                )
            )
    return out
