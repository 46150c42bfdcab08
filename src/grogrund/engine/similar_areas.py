"""Areas like mine: the areas nearest to one area by their standardised profile indicators
(model step 3, Benchmark: "comparable areas and programmes are identified").

The data is a matrix ``x`` of areas × indicators, all of one area level (DeSO or RegSO) and one
year; a missing figure is NaN. The method is nearest neighbours on z-scores, the usual way to
find comparable units on several indicators measured in different units:

* each indicator is standardised over the areas that have it:
  ``z_ai = (x_ai − mean_i) / sd_i``, with the population standard deviation (ddof 0); an
  indicator with the same value everywhere (``sd_i = 0``) cannot tell areas apart and gets
  ``z = 0`` for all;
* the distance between areas ``a`` and ``b`` is the root mean square of their z-score
  differences over the ``k`` indicators both have:
  ``d(a, b) = sqrt( Σ_i (z_ai − z_bi)² / k )`` — in standard deviations, comparable however
  many indicators two areas share; an area that shares fewer than ``min_shared`` indicators
  with the target is not compared;
* what makes two areas similar is told by the indicators with the smallest ``|z_ai − z_bi|``.

Ties in distance are broken by the row order, so the answer is the same on every run.
No database access: callers build the matrix.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

#: Areas are compared on at least this many indicators they both have.
MIN_SHARED_INDICATORS = 3
#: How many nearest areas are returned by default.
NEIGHBOURS = 10
#: How many indicators explain each match.
EXPLAINED_BY = 3


@dataclass(frozen=True)
class Similar:
    """One area near the target: its row, the distance in standard deviations, how many
    indicators the two share and the columns of those that differ least, most similar first."""

    index: int
    distance: float
    shared: int
    closest: tuple[int, ...]


def zscores(values: np.ndarray) -> np.ndarray:
    """Each column standardised over its non-missing values (population sd); NaN stays NaN,
    a column without spread becomes 0."""
    x = np.asarray(values, dtype=float)
    if x.ndim != 2:
        raise ValueError("values must be a matrix of areas × indicators")
    present = ~np.isnan(x)
    counts = present.sum(axis=0)
    filled = np.where(present, x, 0.0)
    with np.errstate(invalid="ignore", divide="ignore"):
        mean = filled.sum(axis=0) / counts
        centred = np.where(present, x - mean, 0.0)
        sd = np.sqrt((centred**2).sum(axis=0) / counts)
        z = np.where(sd > 0, centred / np.where(sd > 0, sd, 1.0), 0.0)
    return np.where(present, z, np.nan)


def nearest(
    z: np.ndarray,
    target: int,
    *,
    k: int = NEIGHBOURS,
    min_shared: int = MIN_SHARED_INDICATORS,
    explain: int = EXPLAINED_BY,
) -> list[Similar]:
    """The `k` rows of `z` nearest to row `target` (see the module docstring), nearest first."""
    z = np.asarray(z, dtype=float)
    n = z.shape[0]
    if not 0 <= target < n:
        raise IndexError(f"no area at row {target}")
    diff = z - z[target]
    shared_mask = ~np.isnan(diff)
    shared = shared_mask.sum(axis=1)
    squares = np.where(shared_mask, diff**2, 0.0).sum(axis=1)
    with np.errstate(invalid="ignore", divide="ignore"):
        distance = np.sqrt(squares / shared)
    candidate = (shared >= max(1, min_shared)) & (np.arange(n) != target)
    rows = np.flatnonzero(candidate)
    if rows.size == 0 or k <= 0:
        return []
    # Sorted by distance, then by row: lexsort sorts by the last key first.
    order = rows[np.lexsort((rows, distance[rows]))][:k]
    out = []
    for row in order:
        gaps = np.abs(diff[row])
        cols = np.flatnonzero(shared_mask[row])
        closest = cols[np.lexsort((cols, gaps[cols]))][:explain]
        out.append(
            Similar(
                index=int(row),
                distance=float(distance[row]),
                shared=int(shared[row]),
                closest=tuple(int(c) for c in closest),
            )
        )
    return out


def similar_areas(
    values: np.ndarray,
    target: int,
    *,
    k: int = NEIGHBOURS,
    min_shared: int = MIN_SHARED_INDICATORS,
    explain: int = EXPLAINED_BY,
) -> list[Similar]:
    """Standardise `values` (areas × indicators) and return the `k` areas nearest to `target`."""
    return nearest(zscores(values), target, k=k, min_shared=min_shared, explain=explain)
