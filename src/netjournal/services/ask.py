"""``net ask``: who can help with a need, best first, and why.

The flow of one question:

1. Read the need: words, typo correction against the journal's and the
   lexicon's vocabulary, then concept mentions (labels and problems) and the
   content words left over (:mod:`netjournal.matching.analyze`).
2. Find candidates from the index: people whose evidence covers a mentioned
   concept or anything narrower; when the need names no known concept, people
   whose profile holds its words.
3. Score relevance (which field the evidence is in, how exact the concept),
   then the strength of the tie (recent and frequent contact, help both ways)
   and reachability (a friend must introduce you).
4. Explain each suggestion in a few plain reasons.

The engine takes a connection and returns plain models; a different back end
(e.g. semantic search) can slot in with the same :func:`ask` signature.
"""

from __future__ import annotations

import functools
import heapq
import itertools
import json
import math
import re
import sqlite3
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import date
from typing import TYPE_CHECKING, TypeVar

from netjournal.matching import spelling
from netjournal.matching.analyze import Analysis, Mention, analyze, read_need
from netjournal.matching.lexicon import load_words
from netjournal.matching.ranking import (
    FULLTEXT_COVERAGE,
    FULLTEXT_ONLY,
    HELPFUL,
    LATER_MENTION,
    MIN_RELEVANCE,
    NARROWER,
    PARENT_FALLBACK,
    RECENCY_DAYS,
    RESIDUAL_COVERAGE,
    RESIDUAL_ONLY,
    WARMTH_WEIGHTS,
    Candidate,
    Warmth,
    concept_strength,
    literal_strength,
    score,
    several_concepts,
    tie_strength,
    with_words,
    within_reach_of_top,
)
from netjournal.matching.text import sentences, stem_en, stem_it, words
from netjournal.services.batch import chunks
from netjournal.services.evidence import TERM_KINDS, SqlPhraseSource, fulltext_scores
from netjournal.services.suggestion import Suggestion

if TYPE_CHECKING:
    from netjournal.store import Journal

TIE_BATCH = 64  # candidates whose ties are weighed at a time
REACH_BATCH = 256  # candidates whose last contact is read at a time
MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")


@dataclass(slots=True)
class Answer:
    need: str
    for_: str | None = None
    suggestions: list[Suggestion] = field(default_factory=list)
    understood: list[str] = field(default_factory=list)
    city: str | None = None  # the city the need names, as the journal spells it
    elsewhere: list[tuple[str, str]] = field(default_factory=list)  # (name, city) who fit

    def public(self) -> dict[str, object]:
        return {
            "need": self.need,
            "for": self.for_,
            "suggestions": [s.public() for s in self.suggestions],
        }


T = TypeVar("T")

# ------------------------------------------------------------- understanding


# How much commoner (in rank steps, 4 a tenfold) a correction must be than a rare word.
RARE_WORD_YIELDS = 6


def correct_typos(conn: sqlite3.Connection, tokens: list[str], stop: frozenset[str]) -> list[str]:
    """Replace misspelt words by the closest word the lexicon or the journal knows.

    A word is left alone when it is a stop word, a word of the vocabulary (the
    lexicon's and the journal's), a stem of a profile word, or a common word of
    English or Italian (:mod:`netjournal.matching.spelling`): "sister" is not
    *mister*.  Among corrections the nearest wins, then the commonest word
    ("docter" is *doctor*, not *docker*).
    """
    shared = load_words()
    variants = {v for v, _c in shared.equivalents}
    unknown = [
        t
        for t in dict.fromkeys(tokens)
        if t not in stop and t not in variants and len(t) >= 4 and t.isalpha()
    ]
    if not unknown:
        return tokens
    # The two tables of the ``vocabulary`` view, each by its key: the view is a
    # UNION, which SQLite builds whole before it filters (5 ms at 30,000 people).
    known = {
        r[0]
        for part in chunks(unknown)
        for r in conn.execute(
            f"SELECT word FROM lexicon.vocabulary WHERE word IN ({','.join('?' * len(part))}) "
            f"UNION ALL SELECT word FROM main.person_word WHERE word IN "
            f"({','.join('?' * len(part))})",
            part + part,
        )
    }
    unknown = [t for t in unknown if t not in known and not _stem_known(conn, t)]
    if not unknown:
        return tokens
    from rapidfuzz import fuzz
    from rapidfuzz.distance import OSA

    fixes: dict[str, str] = {}
    for tok in unknown:
        own = spelling.rank(tok)
        if own is not None and own >= spelling.COMMON:
            continue  # a word of English or Italian is not a typo
        # A rare word (a name, an odd form) yields only to a far commoner one a letter away.
        # Two letters only in a long word: "chiazze" (patches) is not *chiave*.
        limit = 1 if own is not None or len(tok) <= 8 else 2
        best: tuple[int, int, float, str] | None = None
        for (word,) in conn.execute(
            "SELECT word FROM lexicon.vocabulary WHERE length(word) BETWEEN ?1 AND ?2 "
            "UNION SELECT word FROM main.person_word WHERE length(word) BETWEEN ?1 AND ?2",
            (len(tok) - limit, len(tok) + limit),
        ):
            dist = OSA.distance(tok, word, score_cutoff=limit)
            if dist > limit:
                continue
            common = spelling.rank(word) or 0
            if own is not None and common < own + RARE_WORD_YIELDS:
                continue
            rank = (dist, -common, -fuzz.ratio(tok, word), word)
            if best is None or rank < best:
                best = rank
        if best is not None:
            fixes[tok] = best[3]
    return [fixes.get(t, t) for t in tokens]


def _stem_known(conn: sqlite3.Connection, tok: str) -> bool:
    """A word some profile or text of the journal holds (so not a typo)."""
    stems = list({stem_en(tok), stem_it(tok)})
    row = conn.execute(
        f"SELECT 1 FROM person_term WHERE term IN ({','.join('?' * len(stems))}) LIMIT 1", stems
    ).fetchone()
    if row is not None:
        return True
    return (
        conn.execute(
            "SELECT 1 FROM person_fts WHERE person_fts MATCH ? LIMIT 1", (f'"{tok}"',)
        ).fetchone()
        is not None
    )


def understand(conn: sqlite3.Connection, need: str) -> Analysis:
    """The concepts a need speaks of, and its other content words."""
    shared = load_words()
    stop = shared.stopwords | shared.request_words
    tokens = correct_typos(conn, words(need), stop)
    analysis = analyze(tokens, SqlPhraseSource(conn), stop, problems=True)
    # "I want to go surfing": an ambiguous label that is also a common word ("go")
    # only counts when the need names nothing else.
    plain = [m for m in analysis.mentions if not (m.ambiguous and m.text in stop)]
    if plain:
        analysis.mentions = plain
    analysis.mentions = _most_specific(conn, analysis.mentions)
    # Who the writer is, what they tried or refuse, and which sentence asks.
    sentence_of, questions = sentences(need)
    if len(sentence_of) == len(tokens):
        analysis.mentions, analysis.ruled_out, analysis.lead = read_need(
            analysis.tokens, sentence_of, analysis.mentions, shared.request_words, questions
        )
    return analysis


def _most_specific(conn: sqlite3.Connection, mentions: list[Mention]) -> list[Mention]:
    """Drop a mention when the need also names something narrower than it.

    "A Go developer for a coding club" is a Go developer's need. When the
    same words name a trade and a narrower one ("tax return": a tax advisor's,
    and an accountant's, a kind of tax advisor), both readings stay: people
    of either answer, and who covers both comes first.
    """
    ids = list({m.concept_id for m in mentions})
    if len(ids) < 2:
        return mentions
    marks = ",".join("?" * len(ids))
    pairs = conn.execute(
        "SELECT ancestor, descendant FROM concept_closure WHERE depth > 0 "
        f"AND ancestor IN ({marks}) AND descendant IN ({marks})",
        ids + ids,
    ).fetchall()
    if not pairs:
        return mentions
    at: dict[str, set[frozenset[int]]] = {}
    for m in mentions:
        at.setdefault(m.concept_id, set()).add(m.positions)
    drop: set[tuple[str, frozenset[int]]] = set()
    for ancestor, descendant in pairs:
        if not at[ancestor] & at[descendant]:  # something narrower, in other words
            drop.update((ancestor, where) for where in at[ancestor])
    return [m for m in mentions if (m.concept_id, m.positions) not in drop]


# ------------------------------------------------------------------ matching


def _asked_first(mentions: list[Mention], lead: str | None) -> str:
    """The concept a need asks for: the lead, else the first it names.

    "A recruiter to hire engineers" asks for a recruiter; what comes later
    qualifies it.
    """
    return lead or min(mentions, key=lambda m: min(m.positions)).concept_id


def _concept_candidates(
    conn: sqlite3.Connection,
    mentions: list[Mention],
    lead: str | None = None,
    ruled_out: set[str] | None = None,
) -> dict[int, Candidate]:
    """Everyone who holds a concept the need names, or a narrower one, with their relevance.

    The relevance is computed in SQL, one row a person (2,675 lawyers at
    30,000 people hold 7,393 pieces of evidence); the evidence itself is read
    by :func:`_concept_reasons`, for the people shown.
    """
    ids = list(dict.fromkeys(m.concept_id for m in mentions))
    refused = sorted(_narrower(conn, ruled_out or set()))
    first = _asked_first(mentions, lead)
    several = len(ids) > 1
    rows = conn.execute(
        "SELECT pc.person_id, max(pc.weight * (CASE WHEN cc.depth = 0 THEN 1.0 ELSE ? END) "
        "* (CASE WHEN cc.ancestor = ? THEN 1.0 ELSE ? END)), "
        + ("group_concat(DISTINCT cc.ancestor) " if several else "NULL ")
        + "FROM concept_closure cc JOIN person_concept pc ON pc.concept_id = cc.descendant "
        f"WHERE cc.ancestor IN ({','.join('?' * len(ids))})"
        + (f" AND pc.concept_id NOT IN ({','.join('?' * len(refused))})" if refused else "")
        + " GROUP BY pc.person_id",
        [NARROWER, first, LATER_MENTION, *ids, *refused],
    ).fetchall()
    if several:
        found = {
            pid: Candidate(pid, relevance, concepts=set(held.split(",")))
            for pid, relevance, held in rows
        }
    else:
        found = {pid: Candidate(pid, relevance, concepts={ids[0]}) for pid, relevance, _ in rows}
    if _fall_back_to_parents(conn, mentions, found) or several:
        for cand in found.values():
            cand.relevance = several_concepts(cand.relevance, len(cand.concepts), len(ids))
    return found


def _concept_reasons(
    conn: sqlite3.Connection,
    mentions: list[Mention],
    ruled_out: set[str],
    shown: list[Candidate],
    lead: str | None = None,
) -> None:
    """The concept evidence of the people shown, ahead of the rest of their evidence."""
    if not shown or not mentions:
        return
    wanted: dict[str, Mention] = {}
    for m in mentions:
        wanted.setdefault(m.concept_id, m)
    ids = list(wanted)
    refused = sorted(_narrower(conn, ruled_out))
    first = _asked_first(mentions, lead)
    labels = dict(
        conn.execute(f"SELECT id, label FROM concept WHERE id IN ({','.join('?' * len(ids))})", ids)
    )
    by_pid = {c.pid: c for c in shown}
    rows: dict[int, list[tuple[float, str]]] = {}
    for pid, ancestor, depth, weight, evidence in conn.execute(
        "SELECT pc.person_id, cc.ancestor, cc.depth, pc.weight, pc.evidence "
        "FROM concept_closure cc JOIN person_concept pc ON pc.concept_id = cc.descendant "
        f"WHERE cc.ancestor IN ({','.join('?' * len(ids))}) "
        f"AND pc.person_id IN ({','.join('?' * len(by_pid))})"
        + (f" AND pc.concept_id NOT IN ({','.join('?' * len(refused))})" if refused else "")
        + " ORDER BY cc.ancestor, cc.descendant, pc.person_id, pc.source",
        [*ids, *by_pid, *refused],
    ):
        mention = wanted[ancestor]
        if mention.kind == "label":
            reason = f"{evidence} matches '{mention.text}'"
        else:
            reason = f"{evidence}: {a_or_an(labels.get(ancestor, ancestor))} for '{mention.label}'"
        strength = concept_strength(weight, depth, first=ancestor == first)
        rows.setdefault(pid, []).append((strength, reason))
    for pid, evidence in rows.items():
        cand = by_pid[pid]
        cand.evidence[:0] = evidence


def _by_meaning(need: str, analysis: Analysis) -> list[Mention]:
    """The concepts semantic routing reads in the need, as mentions of the whole need."""
    from netjournal.matching import semantic

    everywhere = frozenset(range(len(analysis.tokens)))
    return [
        Mention(r.concept_id, need, r.phrase, "meaning", everywhere)
        for r in semantic.route(need)
        if r.concept_id not in analysis.ruled_out
    ]


def _narrower(conn: sqlite3.Connection, ids: set[str]) -> set[str]:
    """The concepts and everything narrower ("not a notary" refuses every kind of notary)."""
    if not ids:
        return set()
    marks = ",".join("?" * len(ids))
    return {
        r[0]
        for r in conn.execute(
            f"SELECT descendant FROM concept_closure WHERE ancestor IN ({marks})", sorted(ids)
        )
    }


def a_or_an(noun: str) -> str:
    """'an accountant', 'a lawyer', 'a university tutor', 'an hour'."""
    word = noun.lower()
    vowel = word[:1] in "aeiou" and not word.startswith(("uni", "use", "eu", "one"))
    return f"{'an' if vowel or word.startswith(('hour', 'honest')) else 'a'} {noun}"


def _fall_back_to_parents(
    conn: sqlite3.Connection,
    mentions: list[Mention],
    found: dict[int, Candidate],
) -> bool:
    """A problem no specialist in the journal covers goes to the trade one step up.

    "My rabbit is not eating" is an exotic-animal vet's problem; with no such
    vet in the journal, a vet will do.  A need that *names* a specialty gets no
    such fallback: a family lawyer is not offered for "a divorce lawyer".
    Says whether anyone was found so.
    """
    named = {m.concept_id for m in mentions if m.kind == "label"}
    covered: set[str] = set().union(*(c.concepts for c in found.values()))
    added = False
    for mention in mentions:
        if mention.kind != "problem" or mention.concept_id in covered | named:
            continue  # the need names what it wants: no stand-ins
        is_label = conn.execute(
            "SELECT 1 FROM lexicon_phrase WHERE concept_id = ? AND label = ? LIMIT 1",
            (mention.concept_id, mention.label),
        ).fetchone()
        if is_label:  # "repair a washing machine" names the trade, in other words
            continue
        for pid, parent, weight, evidence in conn.execute(
            "SELECT pc.person_id, cc.ancestor, pc.weight, pc.evidence FROM concept_closure cc "
            "JOIN person_concept pc ON pc.concept_id = cc.ancestor "
            "WHERE cc.descendant = ? AND cc.depth = 1",
            (mention.concept_id,),
        ):
            cand = found.setdefault(pid, Candidate(pid))
            cand.concepts.add(mention.concept_id)
            label = parent.replace("_", " ")
            cand.add(
                weight * PARENT_FALLBACK, f"{evidence}: {a_or_an(label)} for '{mention.label}'"
            )
            added = True
    return added


# Profile words counted as they are; free text (notes, help) goes through the
# full-text index, which knows when a word is about someone else.
TERM_SOURCES = "(" + ", ".join(f"'{k}'" for k in TERM_KINDS) + ")"


def _term_scores(
    conn: sqlite3.Connection, residual: list[str]
) -> dict[int, tuple[float, list[str]]]:
    """Coverage of the need's leftover words by each person's profile words."""
    if not residual:
        return {}
    total = max(1, conn.execute("SELECT count(*) FROM person").fetchone()[0])
    idf: dict[str, float] = {}
    hits: dict[int, dict[str, tuple[float, str]]] = {}
    for tok in residual:
        stems = list({stem_en(tok), stem_it(tok)})
        marks = ",".join("?" * len(stems))
        df = conn.execute(
            f"SELECT count(DISTINCT person_id) FROM person_term WHERE term IN ({marks}) "
            f"AND source IN {TERM_SOURCES}",
            stems,
        ).fetchone()[0]
        idf[tok] = math.log(1 + total / (1 + df)) if df else math.log(1 + total)
        if not df:
            continue
        for pid, weight, evidence in conn.execute(
            f"SELECT person_id, max(weight), evidence FROM person_term WHERE term IN ({marks}) "
            f"AND source IN {TERM_SOURCES} GROUP BY person_id",
            stems,
        ):
            best = hits.setdefault(pid, {}).get(tok)
            if best is None or weight > best[0]:
                hits[pid][tok] = (weight, evidence)
    norm = sum(idf.values())
    scores = {}
    for pid, toks in hits.items():
        value = sum(idf[t] * w for t, (w, _e) in toks.items()) / norm
        scores[pid] = (value, sorted({e for _w, e in toks.values()}))
    return scores


# ----------------------------------------------------------------- the tie


def _ties(conn: sqlite3.Connection, ids: list[int], today: date) -> dict[int, Warmth]:
    """How warm each tie is, from indexed aggregates (last contact is kept by triggers)."""
    out: dict[int, Warmth] = {}
    year_ago = date(today.year - 1, today.month, min(today.day, 28)).isoformat()
    for part in chunks(ids):
        marks = ",".join("?" * len(part))
        for pid, key, name, via_id, last, recent, gave, got in conn.execute(
            "SELECT p.id, p.key, p.name, p.via_id, p.last_contact, "
            "(SELECT count(*) FROM interaction i WHERE i.person_id = p.id AND i.date >= ?), "
            "(SELECT count(*) FROM help h WHERE h.person_id = p.id AND h.direction = 'gave'), "
            "(SELECT count(*) FROM help h WHERE h.person_id = p.id AND h.direction = 'got') "
            f"FROM person p WHERE p.id IN ({marks})",
            [year_ago, *part],
        ):
            out[pid] = Warmth(
                key, name, via_id, date.fromisoformat(last) if last else None, recent, gave, got
            )
    return out


def _best_first(
    conn: sqlite3.Connection, relevant: dict[int, Candidate], today: date, known: set[int]
) -> Iterator[tuple[float, int]]:
    """Each candidate's best possible score (:func:`_reach_bounds`), highest first.

    Candidates are read a batch at a time, in the order of the bound their
    relevance alone gives, and only while someone not yet read could still
    come first: of 2,675 lawyers, about a thousand.
    """
    coarse = sorted(
        (
            (score(c.relevance, 1.0, via=False, known_to_for=pid in known), pid)
            for pid, c in relevant.items()
        ),
        key=lambda bp: -bp[0],
    )
    read: list[tuple[float, int, int]] = []  # a heap of (-bound, order read, pid)
    strengths: dict[tuple[str | None, int], float] = {}  # thousands share a few hundred days
    taken, count = 0, itertools.count()
    while read or taken < len(coarse):
        if taken < len(coarse) and (not read or -read[0][0] < coarse[taken][0]):
            part = [pid for _bound, pid in coarse[taken : taken + REACH_BATCH]]
            taken += len(part)
            for pid, bound in _reach_bounds(conn, part, relevant, today, known, strengths):
                heapq.heappush(read, (-bound, next(count), pid))
            continue
        negative, _order, pid = heapq.heappop(read)
        yield -negative, pid


def _reach_bounds(
    conn: sqlite3.Connection,
    pids: list[int],
    relevant: dict[int, Candidate],
    today: date,
    known: set[int],
    strengths: dict[tuple[str | None, int], float],
) -> Iterator[tuple[int, float]]:
    """The best score each of ``pids`` can reach, from what costs no aggregate over time.

    For a direct tie the last contact (a column) and the help both ways (a
    count from the help index) are known exactly; only how often you met in
    the last year counts as at its best.  A tie through someone counts as the
    warmest.
    """
    w_recency, w_frequency, w_help = WARMTH_WEIGHTS
    for part in chunks(pids):
        marks = ",".join("?" * len(part))
        for pid, via_id, last, helped in conn.execute(
            "SELECT p.id, p.via_id, p.last_contact, "
            "(SELECT count(*) FROM help h WHERE h.person_id = p.id) "
            f"FROM person p INDEXED BY ix_person_reach WHERE p.id IN ({marks})",
            part,
        ):
            strength = 1.0
            if via_id is None:
                strength = strengths.get((last, helped), -1.0)
                if strength < 0:
                    recency = (
                        math.exp(-max(0, (today - date.fromisoformat(last)).days) / RECENCY_DAYS)
                        if last
                        else 0.0
                    )
                    strength = w_recency * recency + w_frequency
                    strength += w_help * min(1.0, helped / HELPFUL)
                    strengths[(last, helped)] = strength
            bound = score(relevant[pid].relevance, strength, via=False, known_to_for=pid in known)
            yield pid, bound


def _help_details(conn: sqlite3.Connection, ties: dict[int, Warmth]) -> None:
    """The latest help each way, for the reasons of the people suggested."""
    for pid, tie in ties.items():
        for direction, d, what in conn.execute(
            "SELECT direction, max(date), what FROM help WHERE person_id = ? GROUP BY direction",
            (pid,),
        ):
            detail = (date.fromisoformat(d), what)
            if direction == "gave":
                tie.last_gave = detail
            else:
                tie.last_got = detail


def _tie_reasons(tie: Warmth, today: date) -> list[str]:
    reasons = []
    if tie.last_got:
        when, what = tie.last_got
        reasons.append(f"helped you: '{_short(what)}' ({MONTHS[when.month - 1]} {when.year})")
    if tie.gave:
        times = "once" if tie.gave == 1 else f"{tie.gave} times"
        reasons.append(f"you helped them {times}")
    if tie.last is not None and not tie.last_got:
        reasons.append(f"last contact {_ago((today - tie.last).days)}")
    return reasons


def _short(text: str, limit: int = 50) -> str:
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def _ago(days: int) -> str:
    if days <= 0:
        return "today"
    if days < 14:
        return f"{days} day{'s' if days > 1 else ''} ago"
    if days < 60:
        return f"{days // 7} weeks ago"
    if days < 730:
        return f"{days // 30} months ago"
    return f"{days // 365} years ago"


# ------------------------------------------------------------------ the answer


def _add_literal(
    candidates: dict[int, Candidate],
    hits: dict[int, tuple[float, float, list[str]]],
    *,
    factor: float,
    coverage_needed: float,
) -> None:
    """People whose own words cover the need's words."""
    for pid, (coverage, weight, evidence) in hits.items():
        if coverage >= coverage_needed:
            cand = candidates.setdefault(pid, Candidate(pid))
            strength = literal_strength(factor, coverage, weight)
            for e in evidence[:1]:
                cand.add(strength, e)


def _content_words(analysis: Analysis) -> list[str]:
    """Every content word of the need: the concepts' words and the ones left over."""
    shared = load_words()
    stop = shared.stopwords | shared.request_words
    return [t for t in dict.fromkeys(analysis.tokens) if t not in stop and len(t) >= 2]


# One kept value a name: the connection it was read on, that journal's state, the value.
_MEMO: dict[str, tuple[sqlite3.Connection, tuple[int, int], object]] = {}


def snapshot_memo(
    conn: sqlite3.Connection, name: str, compute: Callable[[sqlite3.Connection], T]
) -> T:
    """``compute(conn)``, kept while the journal this connection reads stays the same.

    A batch of asks in one read (``net needs``) reads a journal-wide fact once,
    not once per need.  The journal is the same while neither this connection
    (``total_changes``) nor another one (``PRAGMA data_version``) wrote to it.
    """
    version = (conn.total_changes, conn.execute("PRAGMA data_version").fetchone()[0])
    kept = _MEMO.get(name)
    if kept is not None and kept[0] is conn and kept[1] == version:
        return kept[2]  # type: ignore[return-value]
    value = compute(conn)
    _MEMO[name] = (conn, version, value)
    return value


# One city a spelling, found by seeking the next one in the city index: a few
# dozen seeks instead of a walk over every person's entry (30,000 at 30,000
# people).  Spellings that differ only in case fold to the same key.
_CITIES = """
WITH RECURSIVE spelling(low) AS (
    SELECT min(lower(city)) FROM person WHERE city IS NOT NULL
    UNION ALL
    SELECT (SELECT min(lower(city)) FROM person WHERE city IS NOT NULL AND lower(city) > low)
    FROM spelling WHERE low IS NOT NULL
)
SELECT (SELECT city FROM person WHERE city IS NOT NULL AND lower(city) = low LIMIT 1)
FROM spelling WHERE low IS NOT NULL
"""


def _lived_cities(conn: sqlite3.Connection) -> set[str]:
    return {_city_key(r[0]) for r in conn.execute(_CITIES)}


@functools.cache
def _city_table() -> dict[str, str]:
    """Every name of a city the word list knows ("rome", "londra") to its key."""
    return dict(load_words().cities)


def _mention_words(analysis: Analysis) -> list[str]:
    """The words of the need that name its concepts ("a certified LIS interpreter")."""
    at = sorted({i for m in analysis.mentions for i in m.positions})
    return _content_words(Analysis([analysis.tokens[i] for i in at])) or _content_words(analysis)


def _city_key(name: str) -> str:
    folded = " ".join(words(name))
    return _city_table().get(folded, folded)


def named_city(conn: sqlite3.Connection, tokens: list[str]) -> tuple[str, list[str]] | None:
    """The city a need names after "in", "a", "near" …: its key, and the words naming it.

    A city counts when someone in the journal lives there or the word list
    knows it ("Rome" is Roma, "Londra" is London); a region does not.
    """
    shared = load_words()
    table = _city_table()
    lived: set[str] | None = None  # read only when the word list does not know the name
    for i, tok in enumerate(tokens[:-1]):
        if tok not in shared.place_words:
            continue
        for size in (3, 2, 1):
            run = tokens[i + 1 : i + 1 + size]
            if len(run) != size:
                continue
            name = " ".join(run)
            key = table.get(name, name)
            if key == "remote":
                continue
            if name in table:
                return key, run
            if lived is None:
                lived = snapshot_memo(conn, "cities", _lived_cities)
            if key in lived:
                return key, run
    return None


def _in_city(
    conn: sqlite3.Connection, relevant: dict[int, Candidate], city: str, answer: Answer
) -> dict[int, Candidate]:
    """A named city is a filter: only people there; who fits elsewhere is noted."""
    ids = list(relevant)
    rows = [
        row
        for part in chunks(ids)
        for row in conn.execute(
            f"SELECT id, name, city FROM person WHERE id IN ({','.join('?' * len(part))})", part
        )
    ]
    there = {pid for pid, _name, where in rows if where and _city_key(where) == city}
    best = sorted(rows, key=lambda r: -relevant[r[0]].relevance)
    answer.elsewhere = [
        (name, where or "no city") for pid, name, where in best if pid not in there
    ][:3]
    return {pid: c for pid, c in relevant.items() if pid in there}


# Texts of a person that can say which language they work in or which law they know.
ATTRIBUTE_FIELDS = ("skill", "title", "org", "notes", "interaction", "help_got", "tag")


def _attribute_kinds(conn: sqlite3.Connection, mentions: list[Mention]) -> dict[str, set[str]]:
    """The kinds of attribute each mentioned concept takes (a notary a jurisdiction …)."""
    from netjournal.matching import attributes

    ids = list({m.concept_id for m in mentions})
    if not ids:
        return {}
    marks = ",".join("?" * len(ids))
    kinds: dict[str, set[str]] = {}
    for cid, domain in conn.execute(f"SELECT id, domain FROM concept WHERE id IN ({marks})", ids):
        above = {
            r[0]
            for r in conn.execute(
                "SELECT ancestor FROM concept_closure WHERE descendant = ?", (cid,)
            )
        }
        kinds[cid] = attributes.kinds_of(domain, above | {cid})
    return kinds


def _national(conn: sqlite3.Connection, analysis: Analysis) -> set[str]:
    """The concepts of law or tax, for which a city can say which law rather than where.

    In a story of several sentences ("… I still rent out my flat in London.
    … my UK tax return …"), and where the city is that of a thing rather
    than of the person asked for ("a notary for the house in Alba"): UK tax
    is national, so an accountant in Edinburgh fits, and a notary in Torino
    can deed a house in Alba.  "An accountant in London" (the person's city,
    in one sentence) still keeps to London.
    """
    from netjournal.matching import attributes

    if not analysis.mentions:
        return set()
    kinds = _attribute_kinds(conn, analysis.mentions)
    return {cid for cid, k in kinds.items() if attributes.JURISDICTION in k}


def _under_its_law(conn: sqlite3.Connection, city: str, exempt: set[int]) -> set[int]:
    """Of the people exempt from a thing's city, those who may know its law.

    "A lawyer for a dispute with my landlord in Munich": German law, so
    not a lawyer in Genova; people whose city says nothing of it stay.
    """
    from netjournal.matching import attributes

    country = attributes.CITY_COUNTRY.get(city)
    if country is None:
        return exempt
    return _holding(conn, [(attributes.JURISDICTION, country)], sorted(exempt), soft=True)


def _city_of_a_thing(analysis: Analysis, place: list[str]) -> bool:
    """The city follows a word that names no concept: "the house in Alba", "la casa a Bra"."""
    shared = load_words()
    tokens, size = analysis.tokens, len(place)
    named = {i for m in analysis.mentions for i in m.positions}
    for i in range(1, len(tokens) - size):
        if tokens[i] in shared.place_words and tokens[i + 1 : i + 1 + size] == place:
            before = tokens[i - 1]
            return i - 1 not in named and before not in shared.stopwords and before.isalpha()
    return False


@dataclass(slots=True)
class Wanted:
    """One language or country a need names: its readings (any will do), for which concepts."""

    readings: list[tuple[str, str]]
    concepts: set[str]
    soft: bool = False  # named by a title: people known to practise elsewhere are out


def _attributes_wanted(conn: sqlite3.Connection, analysis: Analysis, raw: str) -> list[Wanted]:
    """What the need's languages and countries require, and of whom.

    Each item is the readings of one attribute (any one will do) and the
    concepts it qualifies: "a French notary" requires France of notaries (a
    notary takes a jurisdiction, not a language); "a Japanese translator",
    Japanese of translators; "a dentist who speaks German", German of dentists.
    """
    from netjournal.matching import attributes

    if not analysis.mentions:
        return []
    spans = [(min(m.positions), max(m.positions) + 1) for m in analysis.mentions]
    values = attributes.bound(attributes.values_in(analysis.tokens, raw), analysis.tokens, spans)
    if not values:
        return []
    kinds = _attribute_kinds(conn, analysis.mentions)
    wanted: dict[tuple[int, int], Wanted] = {}
    for v, which in values:
        for n in which:
            cid = analysis.mentions[n].concept_id
            if v.kind in kinds.get(cid, set()) or (v.spoken and v.kind == attributes.LANGUAGE):
                item = wanted.setdefault((v.start, v.end), Wanted([], set(), v.soft))
                if (v.kind, v.code) not in item.readings:
                    item.readings.append((v.kind, v.code))
                item.concepts.add(cid)
    return list(wanted.values())


def _holding(
    conn: sqlite3.Connection, readings: list[tuple[str, str]], ids: list[int], *, soft: bool = False
) -> set[int]:
    """Which of ``ids`` hold one reading of an attribute, in their texts or their city.

    ``soft``: also those whose city says nothing of where they practise.
    """
    from netjournal.matching import attributes

    names: set[str] = set()
    for kind, code in readings:
        table = attributes.LANGUAGES if kind == attributes.LANGUAGE else attributes.COUNTRIES
        parts = [code] + [c for c, whole in attributes.PART_OF.items() if whole == code]
        for part in parts:
            names.update(n.replace(".", " ") for n in table.get(part, ()))
            if kind == attributes.JURISDICTION:
                names.update(attributes.TITLES.get(part, ()))
                names.update(attributes.INSTITUTIONS.get(part, ()))
            if kind == attributes.JURISDICTION:
                names.update(c for c, where in attributes.CITY_COUNTRY.items() if where == part)
        if kind == attributes.LANGUAGE and len(code) == 2:
            names.update(
                f"{a} {b}"
                for x in attributes.LANGUAGES
                if len(x) == 2
                for a, b in ((code, x), (x, code))
            )
    query = " OR ".join(f'"{n}"' for n in sorted(names))
    if not query:
        return set()
    wanted_ids = set(ids)
    fields = ",".join(f"'{f}'" for f in ATTRIBUTE_FIELDS)
    found: set[int] = set()
    # The candidates are filtered in SQL: at 30,000 people a language's name stands
    # in thousands of texts, and only the candidates' are read.
    for pid, text in conn.execute(
        "SELECT t.person_id, t.text FROM person_fts JOIN person_text t ON t.id = person_fts.rowid "
        f"WHERE person_fts MATCH ? AND t.field IN ({fields}) "
        "AND t.person_id IN (SELECT value FROM json_each(?))",
        (query, json.dumps(sorted(wanted_ids))),
    ):
        if pid not in found:
            held = attributes.codes_of(words(text), text)
            if any(code in held[kind] for kind, code in readings):
                found.add(pid)
    if any(kind == attributes.JURISDICTION for kind, _code in readings):
        by_city: dict[str, dict[str, set[str]]] = {}  # a few cities for thousands of people
        for batch in chunks(ids):
            for pid, city in conn.execute(
                f"SELECT id, city FROM person WHERE city IS NOT NULL "
                f"AND id IN ({','.join('?' * len(batch))})",
                batch,
            ):
                if city not in by_city:
                    by_city[city] = attributes.codes_of([], "", _city_key(city))
                held = by_city[city]
                if any(code in held[kind] for kind, code in readings) or (
                    soft and not held[attributes.JURISDICTION]
                ):
                    found.add(pid)
    if soft:
        with_city = {
            r[0]
            for batch in chunks(ids)
            for r in conn.execute(
                f"SELECT id FROM person WHERE city IS NOT NULL AND city <> '' "
                f"AND id IN ({','.join('?' * len(batch))})",
                batch,
            )
        }
        found |= set(ids) - with_city
    return found


def _must_match(
    conn: sqlite3.Connection,
    analysis: Analysis,
    raw: str,
    relevant: dict[int, Candidate],
    city: str | None = None,
) -> dict[int, Candidate]:
    """Only people who match the languages and countries the need names (or nobody).

    A person found for a concept must match what qualifies that concept; a
    person found by the need's words alone, everything the need qualifies.
    The law a title implies yields to the city named: "un avvocato a
    Lisbona" is a lawyer in Lisbon, not an Italian one.
    """
    from netjournal.matching import attributes

    country = attributes.CITY_COUNTRY.get(city) if city else None
    for wanted in _attributes_wanted(conn, analysis, raw):
        if wanted.soft and country and not _within(country, wanted.readings):
            continue
        concerned = [
            pid for pid, c in relevant.items() if not c.concepts or c.concepts & wanted.concepts
        ]
        if not concerned:
            continue
        keep = _holding(conn, wanted.readings, concerned, soft=wanted.soft)
        relevant = {
            pid: c for pid, c in relevant.items() if pid in keep or pid not in set(concerned)
        }
    return relevant


def _within(country: str, readings: list[tuple[str, str]]) -> bool:
    """Whether a country is one of the readings, or part of one (Scotland of the UK)."""
    from netjournal.matching import attributes

    return any(code in (country, attributes.PART_OF.get(country)) for _kind, code in readings)


def ask(
    conn: sqlite3.Connection,
    need: str,
    *,
    today: date,
    for_id: int | None = None,
    limit: int = 5,
) -> Answer:
    """Who in the journal can help with ``need``, best first."""
    analysis = understand(conn, need)
    city = named_city(conn, analysis.tokens)
    if city is not None:
        places = set(city[1])
        analysis.residual = [t for t in analysis.residual if t not in places]
    # What the concept evidence was read with, to read the reasons of the people shown.
    lead, refused = analysis.lead, analysis.ruled_out
    candidates = (
        _concept_candidates(conn, analysis.mentions, lead, refused) if analysis.mentions else {}
    )
    terms = _term_scores(conn, analysis.residual)
    if analysis.mentions:
        for pid, cand in candidates.items():
            cand.relevance = with_words(cand.relevance, terms.get(pid, (0.0, []))[0])
    else:
        hits = fulltext_scores(conn, analysis.residual, needed=RESIDUAL_COVERAGE)
        for pid, (coverage, evidence) in terms.items():
            if coverage > hits.get(pid, (0.0, 0.0, []))[0]:
                hits[pid] = (coverage, 1.0, evidence)
        _add_literal(candidates, hits, factor=RESIDUAL_ONLY, coverage_needed=RESIDUAL_COVERAGE)
    if not analysis.mentions and not candidates:
        # Nothing understood, no words found: with the semantic extra, the
        # concept the need means (matching/semantic.py), matched as usual.
        analysis.mentions = _by_meaning(need, analysis)
        if analysis.mentions:
            lead, refused = None, set()
            candidates = _concept_candidates(conn, analysis.mentions)
    elif analysis.mentions and not candidates:
        # Nobody holds what the need names ("who goes climbing?"): its literal
        # words, if they all stand in someone's own texts.
        hits = fulltext_scores(conn, _mention_words(analysis), needed=FULLTEXT_COVERAGE)
        _add_literal(candidates, hits, factor=FULLTEXT_ONLY, coverage_needed=FULLTEXT_COVERAGE)
    relevant = {
        pid: c for pid, c in candidates.items() if c.relevance >= MIN_RELEVANCE and pid != for_id
    }
    answer = Answer(need=need, understood=sorted({m.label for m in analysis.mentions}))
    relevant = _must_match(conn, analysis, need, relevant, city[0] if city else None)
    if city is not None and relevant:
        answer.city = city[0]
        story = len(set(sentences(need)[0])) > 1
        of_a_thing = _city_of_a_thing(analysis, city[1])
        national = _national(conn, analysis) if story or of_a_thing else set()
        exempt = {pid: c for pid, c in relevant.items() if c.concepts and c.concepts <= national}
        rest = {pid: c for pid, c in relevant.items() if pid not in exempt}
        if of_a_thing and not story:  # a story names its law in other words ("my UK tax")
            lawful = _under_its_law(conn, city[0], set(exempt))
            exempt = {pid: c for pid, c in exempt.items() if pid in lawful}
        relevant = (_in_city(conn, rest, city[0], answer) if rest else {}) | exempt
    if not relevant:
        return answer
    relevant = within_reach_of_top(relevant, limit)
    known_to_for = _known_to(conn, for_id) if for_id is not None else set()
    # Walk the candidates best bound first and weigh their ties a batch at a time,
    # until nobody left could reach the top ``limit``.
    ties: dict[int, Warmth] = {}
    introducers: dict[int, tuple[int, str, str]] = {}
    ranked: list[tuple[float, int]] = []
    order = _best_first(conn, relevant, today, known_to_for)
    for bound, first in order:
        if len(ranked) >= limit and bound < ranked[limit - 1][0]:
            break
        batch = [first, *(pid for _bound, pid in itertools.islice(order, TIE_BATCH - 1))]
        found = _ties(conn, batch, today)
        ties.update(found)
        through = _introducers(conn, found)
        introducers.update(through)
        missing = list({via[0] for via in through.values()} - set(ties))
        ties.update(_ties(conn, missing, today))
        for pid in batch:
            via = introducers.get(pid)
            strength = tie_strength(ties[via[0] if via else pid], today)
            value = score(
                relevant[pid].relevance,
                strength,
                via=via is not None,
                known_to_for=pid in known_to_for,
            )
            ranked.append((value, pid))
        ranked.sort(key=lambda sp: (-sp[0], ties[sp[1]].key))
    chosen = ranked[: max(0, limit)]
    shown = [relevant[pid] for _score, pid in chosen]
    _concept_reasons(conn, analysis.mentions, refused, shown, lead)
    _help_details(conn, {pid: ties[pid] for _score, pid in chosen})
    for_name = _name(conn, for_id) if for_id is not None else None
    scored: list[tuple[float, Suggestion]] = []
    for value, pid in chosen:
        cand, tie, via = relevant[pid], ties[pid], introducers.get(pid)
        reasons = plain_reasons(cand.reasons(2))
        said = " ".join(reasons)
        reasons += [
            r
            for r in _tie_reasons(tie, today)[:2]
            if not (tie.last_got and r.startswith("helped you") and tie.last_got[1][:40] in said)
        ]
        if via is not None:
            reasons.append(f"{via[2]} can introduce you")
        if for_id is not None:
            knows = "already knows them" if pid in known_to_for else "does not know them yet"
            reasons.append(f"{for_name} {knows}")
        scored.append(
            (
                value,
                Suggestion(
                    key=tie.key,
                    name=tie.name,
                    score=max(0.001, round(min(1.0, value), 3)),
                    via=via[1] if via else None,
                    via_name=via[2] if via else None,
                    reasons=reasons,
                ),
            )
        )
    scored.sort(key=lambda s: (-s[0], s[1].key))
    answer.suggestions = [s for _score, s in scored[: max(0, limit)]]
    return answer


_MATCHES = re.compile(r"^(?P<evidence>.*?) matches '(?P<what>[^']*)'$")
_QUOTED = re.compile(r"'(?P<text>[^']*)'")


def plain_reasons(reasons: list[str]) -> list[str]:
    """Reasons as a person says them: what is obvious or said already is left out.

    "skill 'commercialista' matches 'commercialista'" is "skill
    'commercialista'"; a second piece of evidence for the same word does not
    repeat it ("title 'Solicitor' matches 'lawyer'", then "notes: '…'").
    """
    out: list[str] = []
    said: set[str] = set()
    for reason in reasons:
        found = _MATCHES.match(reason)
        if found is not None:
            what = found["what"]
            quoted = _QUOTED.search(found["evidence"])
            same = quoted is not None and " ".join(words(quoted["text"])) == " ".join(words(what))
            if same or what in said:
                reason = found["evidence"]
            said.add(what)
        out.append(reason)
    return out


def _introducers(
    conn: sqlite3.Connection, ties: dict[int, Warmth]
) -> dict[int, tuple[int, str, str]]:
    """For people known through someone: the direct contact who can introduce you."""
    out = {}
    for pid, tie in ties.items():
        via_id = tie.via_id
        hops = 0
        while via_id is not None and hops < 5:
            row = conn.execute(
                "SELECT id, key, name, via_id FROM person WHERE id = ?", (via_id,)
            ).fetchone()
            if row is None:
                break
            if row[3] is None:
                out[pid] = (row[0], row[1], row[2])
                break
            via_id, hops = row[3], hops + 1
    return out


def _known_to(conn: sqlite3.Connection, pid: int) -> set[int]:
    """Everyone a person already knows, as far as the journal says."""
    rows = conn.execute(
        "SELECT b_id FROM tie WHERE a_id = ?1 UNION SELECT a_id FROM tie WHERE b_id = ?1 "
        "UNION SELECT id FROM person WHERE via_id = ?1 "
        "UNION SELECT via_id FROM person WHERE id = ?1 AND via_id IS NOT NULL "
        "UNION SELECT to_id FROM referral WHERE person_id = ?1 "
        "UNION SELECT person_id FROM referral WHERE to_id = ?1",
        (pid,),
    )
    return {r[0] for r in rows}


def _name(conn: sqlite3.Connection, pid: int) -> str:
    return str(conn.execute("SELECT name FROM person WHERE id = ?", (pid,)).fetchone()[0])


__all__ = ["Answer", "Suggestion", "ask", "understand"]


def ask_need(
    journal: Journal, need: str, *, today: date, for_ref: str | None = None, limit: int = 5
) -> Answer:
    """``net ask``: check the need, bring the index up to date, answer in one read."""
    from netjournal.checks import check_text
    from netjournal.errors import InvalidInput
    from netjournal.services.evidence import ensure_index

    text = check_text(need, "need", limit=2000)
    if not text:
        raise InvalidInput("the need is empty", hint="say what you need: net ask 'need a lawyer'")
    ensure_index(journal)
    with journal.read() as conn:
        for_id, for_key = None, None
        if for_ref is not None:  # the people service (and its records) only when named
            from netjournal.services.people import resolve

            for_id, for_key, _ = resolve(conn, for_ref)
        answer = ask(conn, text, today=today, for_id=for_id, limit=limit)
    answer.for_ = for_key
    return answer
