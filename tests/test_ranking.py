"""Ranking is pure: the score and the pruning bound come from the same functions."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from netjournal.matching import ranking
from netjournal.matching.ranking import Candidate, Warmth, score, tie_strength, within_reach_of_top

TODAY = date(2026, 11, 27)

ties = st.builds(
    Warmth,
    key=st.just("k"),
    name=st.just("n"),
    via_id=st.none(),
    last=st.none() | st.integers(0, 2000).map(lambda d: TODAY - timedelta(days=d)),
    recent=st.integers(0, 30),
    gave=st.integers(0, 10),
    got=st.integers(0, 10),
)


@given(ties)
def test_tie_strength_is_between_zero_and_one(tie: Warmth) -> None:
    assert 0.0 <= tie_strength(tie, TODAY) <= 1.0


@given(
    st.lists(
        st.tuples(st.floats(0.5, 1.0), st.floats(0.0, 1.0), st.booleans(), st.booleans()),
        min_size=1,
        max_size=40,
    ),
    st.integers(0, 8),
)
def test_pruning_never_drops_someone_who_would_be_in_the_top(
    people: list[tuple[float, float, bool, bool]], limit: int
) -> None:
    candidates = {i: Candidate(i, relevance=r) for i, (r, _s, _v, _k) in enumerate(people)}
    full = {
        i: score(r, strength, via=via, known_to_for=known)
        for i, (r, strength, via, known) in enumerate(people)
    }
    top = sorted(full, key=lambda i: (-full[i], i))[:limit]
    kept = within_reach_of_top(candidates, limit)
    assert set(top) <= set(kept)
    assert all(full[i] > 0 for i in kept)


def test_a_weight_changed_moves_the_pruning_bound_with_it() -> None:
    # Two people far apart: the weaker one is pruned only while the factors allow it.
    candidates = {1: Candidate(1, relevance=1.0), 2: Candidate(2, relevance=0.55)}
    assert set(within_reach_of_top(candidates, 1)) == {1}
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(ranking, "VIA_FACTOR", 0.5)
        assert set(within_reach_of_top(candidates, 1)) == {1, 2}


def test_score_orders_reach_as_documented() -> None:
    direct = score(0.9, 0.5, via=False, known_to_for=False)
    through = score(0.9, 0.5, via=True, known_to_for=False)
    known = score(0.9, 0.5, via=True, known_to_for=True)
    assert 0 < known < through < direct <= 0.9
    assert score(0.9, 1.0, via=False, known_to_for=False) == 0.9
