"""Goals from gaps (handslag arithmetic), yearly trajectories and follow-up against them.

Model step 6 (Målsättningar). Shares are in 0–1. Formulas (mission.md, "Core calculations",
after Handslagsmodellen, Framtiden Göteborg):

* people needed to reach the reference level: ``N_gap = (p_ref − p_area) × N_base``
  (``(p_area − p_ref) × N_base`` when lower is better);
* a goal closing a part ``c`` of the gap: ``T = round(c × N_gap)`` (half up);
* a goal of a fixed number of people ``T`` needs no reference: ``N_gap`` is then unknown
  (None) and the target share is ``p_area ± T / N_base`` all the same;
* percent met: ``(actual − baseline) / (target − baseline)`` — for a falling target this is the
  same number as ``(baseline − actual) / (baseline − target)``.
"""

from __future__ import annotations

import math
from dataclasses import asdict, dataclass
from enum import StrEnum
from typing import Any

from grogrund.engine.errors import model_error

#: Progress at or above this fraction of the progress the trajectory asks for, but below all of
#: it, is "behind"; below it the goal is "at_risk". Half-way is a convention of this project
#: (traffic light: green on_track, yellow behind, red at_risk), not a published standard.
AT_RISK_FRACTION = 0.5


class Direction(StrEnum):
    HIGHER_IS_BETTER = "higher_is_better"
    LOWER_IS_BETTER = "lower_is_better"


class TrackStatus(StrEnum):
    ON_TRACK = "on_track"
    BEHIND = "behind"
    AT_RISK = "at_risk"


def _sign(direction: Direction | str) -> int:
    return 1 if Direction(direction) is Direction.HIGHER_IS_BETTER else -1


def _round_half_up(x: float) -> int:
    # Shares such as 0.6 − 0.5 are not exact in binary; 9 decimals of a person removes the
    # noise so that a half rounds up as written.
    return math.floor(round(x, 9) + 0.5)


def gap_to_target(
    area_share: float,
    reference_share: float,
    base: float,
    direction: Direction | str = Direction.HIGHER_IS_BETTER,
) -> float:
    """People needed to bring the area to the reference level.

    ``(p_ref − p_area) × N_base`` when higher is better, ``(p_area − p_ref) × N_base`` when lower
    is better. Negative means the area is already better than the reference.
    """
    for name, share in (("area_share", area_share), ("reference_share", reference_share)):
        if not 0.0 <= share <= 1.0:
            raise model_error(
                "share_out_of_range",
                f"must be a share between 0 and 1, got {share}",
                name,
                value=share,
            )
    if base < 0:
        raise model_error("negative_value", f"must not be negative, got {base}", "base", value=base)
    return _sign(direction) * (reference_share - area_share) * base


@dataclass(frozen=True)
class Goal:
    """A numeric goal for an area: how many people, and the share it leads to."""

    people_needed: float | None  # None: no reference, so no gap (a fixed number of people)
    count: int
    baseline_share: float
    target_share: float
    direction: Direction
    share_of_gap: float | None

    def to_dict(self) -> dict[str, Any]:
        d = asdict(self)
        d["direction"] = self.direction.value
        return d


def goal_from_gap(
    area_share: float,
    reference_share: float | None,
    base: float,
    direction: Direction | str = Direction.HIGHER_IS_BETTER,
    *,
    share_of_gap: float | None = 1.0,
    fixed_count: int | None = None,
) -> Goal:
    """A goal that closes ``share_of_gap`` (0–1) of the gap, ``T = round(c × N_gap)``, or a fixed
    number of people. A gap that is already closed gives a goal of 0.

    The target share ``p_area ± T / N_base`` stays within 0–1: a fixed number larger than the
    people there are is refused (``target_share_out_of_range``, naming ``fixed_count``), and a
    rounded share of the gap stops at them.

    Without a reference (``reference_share`` None) there is no gap to close a part of: only a
    fixed number of people makes a goal (``missing_reference``, naming ``reference_share``,
    otherwise), and ``people_needed`` is None."""
    direction = Direction(direction)
    gap: float | None
    if reference_share is None:
        if fixed_count is None:
            raise model_error(
                "missing_reference",
                "a goal without a reference value must be a fixed number of people",
                "reference_share",
            )
        # The area's own share and base are checked as gap_to_target checks them.
        gap_to_target(area_share, area_share, base, direction)
        gap = None
    else:
        gap = gap_to_target(area_share, reference_share, base, direction)
    room = _room(area_share, base, direction)
    if fixed_count is not None:
        if fixed_count < 0:
            raise model_error(
                "negative_value",
                f"must not be negative, got {fixed_count}",
                "fixed_count",
                value=fixed_count,
            )
        count = int(fixed_count)
        used_share: float | None = None
        if count > room:
            # With a base of 0 there is no share to move: no number of people fits.
            target = area_share + _sign(direction) * count / base if base else math.inf
            raise model_error(
                "target_share_out_of_range",
                f"{count} people would take the share outside 0–100 % ({100 * target:.1f} %); "
                f"at most {room} people are possible",
                "fixed_count",
                value=count,
                max_count=room,
                **({"target_percent": 100 * target} if base else {}),
            )
    else:
        c = 1.0 if share_of_gap is None else share_of_gap
        if not 0.0 <= c <= 1.0:
            raise model_error(
                "share_out_of_range",
                f"must be a share between 0 and 1, got {c}",
                "share_of_gap",
                value=c,
            )
        # Rounding half a person up can pass 100 % (or 0 %) when the reference is at the
        # edge: the goal stops at the people there are.
        assert gap is not None  # a reference is given (checked above)
        count = min(max(0, _round_half_up(c * gap)), room)
        used_share = c
    target_share = area_share + _sign(direction) * (count / base if base else 0.0)
    return Goal(gap, count, area_share, target_share, direction, used_share)


def _room(area_share: float, base: float, direction: Direction) -> int:
    """The most people a goal can move before the share leaves 0–1: those not yet counted when
    higher is better, those counted when lower is better (a goal of 0 when the base is 0)."""
    if base == 0:
        return 0
    free = (1.0 - area_share) if direction is Direction.HIGHER_IS_BETTER else area_share
    return math.floor(round(free * base, 9))


def trajectory(
    baseline: float, target: float, baseline_year: int, deadline_year: int
) -> dict[int, float]:
    """The straight line from ``baseline`` in ``baseline_year`` to ``target`` in
    ``deadline_year``, one value per year, both ends included."""
    if deadline_year <= baseline_year:
        raise model_error(
            "deadline_before_baseline",
            f"deadline year {deadline_year} must be after baseline year {baseline_year}",
            "deadline_year",
            baseline_year=baseline_year,
            deadline_year=deadline_year,
        )
    span = deadline_year - baseline_year
    return {baseline_year + k: baseline + (target - baseline) * k / span for k in range(span + 1)}


def percent_met(
    baseline: float,
    target: float,
    actual: float,
    direction: Direction | str = Direction.HIGHER_IS_BETTER,
) -> float:
    """How much of the planned change has happened, in percent (not clamped).

    Rising: ``(actual − baseline) / (target − baseline) × 100``; falling:
    ``(baseline − actual) / (baseline − target) × 100``. When target equals baseline, 100 if the
    actual is at least as good as the target, else 0.
    """
    s = _sign(direction)
    planned = s * (target - baseline)
    achieved = s * (actual - baseline)
    if planned == 0:
        return 100.0 if achieved >= 0 else 0.0
    if planned < 0:
        raise model_error(
            "target_worse_than_baseline",
            f"the target {target} is worse than the baseline {baseline} for {Direction(direction)}",
            "target",
            baseline=baseline,
            target=target,
        )
    return 100.0 * achieved / planned


def track_status(
    baseline: float,
    target: float,
    actual: float,
    year: int,
    baseline_year: int,
    deadline_year: int,
    direction: Direction | str = Direction.HIGHER_IS_BETTER,
) -> TrackStatus:
    """Compare the progress so far with the progress the trajectory asks for by ``year``.

    on_track: at least the planned progress; behind: at least ``AT_RISK_FRACTION`` of it;
    at_risk: less. Years after the deadline are compared with the target.
    """
    s = _sign(direction)
    path = trajectory(baseline, target, baseline_year, deadline_year)
    expected = path[min(max(year, baseline_year), deadline_year)]
    planned = s * (expected - baseline)
    achieved = s * (actual - baseline)
    if achieved >= planned - 1e-12 * max(1.0, abs(planned)):
        return TrackStatus.ON_TRACK
    if planned > 0 and achieved >= AT_RISK_FRACTION * planned:
        return TrackStatus.BEHIND
    if planned <= 0:
        return TrackStatus.BEHIND
    return TrackStatus.AT_RISK
