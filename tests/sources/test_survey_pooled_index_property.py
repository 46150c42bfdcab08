"""Property: the pooled index of a union of areas lies between the indices of its parts
(a weighted mean of them, weighted by valid answers), and equals Σ top / Σ valid."""

from hypothesis import given
from hypothesis import strategies as st

from grogrund.engine.aggregate import Combine, Figure, combine
from grogrund.sources.survey import Tally, tally

counts = st.lists(st.integers(min_value=0, max_value=500), min_size=4, max_size=4).filter(
    lambda c: sum(c) > 0
)


def _tally(c: list[int]) -> Tally:
    return tally(dict(enumerate(c, start=1)), points=4, top_steps=[3, 4])


@given(st.lists(counts, min_size=2, max_size=6))
def test_the_pooled_index_lies_between_the_parts(parts):
    tallies = [_tally(c) for c in parts]
    union = combine([Figure(t.share, t.top, t.valid) for t in tallies], Combine.RATIO)
    assert union is not None and union.value is not None
    shares = [t.share for t in tallies if t.share is not None]
    assert min(shares) - 1e-12 <= union.value <= max(shares) + 1e-12
    pooled = sum(tallies, Tally())
    assert union.value == pooled.top / pooled.valid


@given(st.lists(counts, min_size=2, max_size=6))
def test_the_pooled_mean_lies_between_the_parts_and_is_the_mean_of_all_answers(parts):
    tallies = [_tally(c) for c in parts]
    union = combine(
        [Figure(t.mean_0_100, t.score, t.valid) for t in tallies], Combine.WEIGHTED_MEAN
    )
    assert union is not None and union.value is not None
    means = [t.mean_0_100 for t in tallies if t.mean_0_100 is not None]
    assert min(means) - 1e-9 <= union.value <= max(means) + 1e-9
    all_answers = [c for part in parts for c in part]
    total = [sum(all_answers[i::4]) for i in range(4)]
    assert abs(union.value - _tally(total).mean_0_100) < 1e-9
