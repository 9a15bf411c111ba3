"""How ``net ask`` ranks people: pure functions over plain values, no SQL.

Every number that ranks a suggestion lives here, and the pruning bound is
computed from the same functions, so changing a weight cannot silently break
the pruning.  :mod:`netjournal.services.ask` fetches rows and calls these.

A suggestion's score is ``relevance × reach``, where

* relevance (0..1) says how well the person's evidence covers the need: the
  weight of the field the evidence is in (skills count more than notes), one
  step down for a narrower concept, less for a concept named later in the
  need or for a trade one step up;
* reach is the warmth of the tie (recent and frequent contact, help both
  ways), less for someone known only through a friend, less again for
  someone the person you ask for already knows.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from datetime import date

# Relevance
MIN_RELEVANCE = 0.5  # below this, evidence is too weak to suggest anyone
NARROWER = 0.95  # the person covers a narrower concept than the one asked for
LATER_MENTION = 0.8  # evidence for a concept named after the first one
PARENT_FALLBACK = 0.8  # the trade one step up, when no specialist is in the journal
RESIDUAL_ONLY = 0.8  # only the literal words of the need, no concept
RESIDUAL_COVERAGE = 0.6  # share of the need's words a profile must hold
FULLTEXT_ONLY = 0.7  # nobody holds the concept named, but its words stand in their texts
FULLTEXT_COVERAGE = 0.8  # ... and cover this share of the need's words
# Reach
TIE_FLOOR = 0.8  # share of the score that does not depend on the tie
VIA_FACTOR = 0.85  # known only through a friend
KNOWN_BY_FOR = 0.85  # the person asked for already knows them
# Tie warmth: recency, frequency, help both ways
RECENCY_DAYS = 180
FREQUENT = 6  # contacts in a year that make a tie as frequent as it gets
HELPFUL = 3  # help records that make a tie as helpful as it gets
WARMTH_WEIGHTS = (0.45, 0.3, 0.25)


@dataclass
class Candidate:
    """A person who may fit, with the evidence found so far."""

    pid: int
    relevance: float = 0.0
    evidence: list[tuple[float, str]] = field(default_factory=list)
    concepts: set[str] = field(default_factory=set)

    def add(self, strength: float, reason: str) -> None:
        self.evidence.append((strength, reason))
        self.relevance = max(self.relevance, strength)

    def reasons(self, limit: int = 2) -> list[str]:
        ordered = [text for _s, text in sorted(self.evidence, key=lambda e: -e[0])]
        return list(dict.fromkeys(ordered))[:limit]


@dataclass
class Warmth:
    """How warm your tie with a candidate is: recent contact and help both ways."""

    key: str
    name: str
    via_id: int | None
    last: date | None = None
    recent: int = 0
    gave: int = 0
    got: int = 0
    last_got: tuple[date, str] | None = None
    last_gave: tuple[date, str] | None = None


def concept_strength(weight: float, depth: int, *, first: bool) -> float:
    """Relevance of evidence for a concept (``depth`` steps narrower than asked)."""
    strength = weight * (1.0 if depth == 0 else NARROWER)
    return strength if first else strength * LATER_MENTION


def several_concepts(relevance: float, covered: int, named: int) -> float:
    """A need naming several concepts favours people who cover more of them."""
    if named <= 1:
        return relevance
    return min(1.0, relevance * (0.85 + 0.15 * covered / named))


def with_words(relevance: float, coverage: float) -> float:
    """The need's other words, found in the profile, lift a concept match a little."""
    return relevance * (0.9 + 0.1 * min(1.0, coverage))


def literal_strength(factor: float, coverage: float, weight: float) -> float:
    """Relevance from the literal words of a need: how much is covered, and where."""
    return factor * min(1.0, coverage) * (0.8 + 0.2 * weight)


def tie_strength(tie: Warmth, today: date) -> float:
    """0..1: how warm the tie is (recency, frequency, help both ways)."""
    recency = 0.0
    if tie.last is not None:
        recency = math.exp(-max(0, (today - tie.last).days) / RECENCY_DAYS)
    frequency = min(1.0, tie.recent / FREQUENT)
    helped = min(1.0, (tie.gave + tie.got) / HELPFUL)
    w_recency, w_frequency, w_help = WARMTH_WEIGHTS
    return w_recency * recency + w_frequency * frequency + w_help * helped


def score(relevance: float, strength: float, *, via: bool, known_to_for: bool) -> float:
    """The score of a suggestion from its relevance and the warmth of the way to it."""
    value = relevance * (TIE_FLOOR + (1.0 - TIE_FLOOR) * strength)
    if via:
        value *= VIA_FACTOR
    if known_to_for:
        value *= KNOWN_BY_FOR
    return value


def within_reach_of_top(candidates: dict[int, Candidate], limit: int) -> dict[int, Candidate]:
    """Drop candidates that cannot reach the top ``limit`` whatever their tie.

    A score lies between :func:`score` at its worst (no tie, known through
    someone, already known to the person referred) and at its best (the
    warmest tie, known directly), so anyone whose best is below the
    ``limit``-th best worst case is out.  With thousands of lawyers in a
    journal, only a handful are looked at closely.
    """
    if len(candidates) <= limit:
        return candidates
    if limit <= 0:
        return {}
    worst = sorted(
        (score(c.relevance, 0.0, via=True, known_to_for=True) for c in candidates.values()),
        reverse=True,
    )
    threshold = worst[limit - 1]
    return {
        pid: c
        for pid, c in candidates.items()
        if score(c.relevance, 1.0, via=False, known_to_for=False) >= threshold
    }
