"""``net find``: search every word the journal holds about people.

The FTS5 index ``person_fts`` (migration ``m006_fulltext``) covers names,
aliases, skills, tags, values, org, title, city, ``met``, notes, interaction
notes and help records; triggers keep it in step with every write in the same
transaction.  A query is read as plain words (never as FTS syntax): each word
becomes a quoted term, matched on its stem as a prefix when it is long enough
("climbing" finds "climbers"), and people are ranked by how much of the query
their texts cover (rarer words count more), then by BM25.  The texts are
read best rank first only until the people shown are settled, and the
snippet is made for those people only.
"""

from __future__ import annotations

import math
import sqlite3
from dataclasses import asdict, dataclass, field
from typing import TYPE_CHECKING

from netjournal.matching.lexicon import load_words
from netjournal.matching.text import fold, stem_en, stem_it, words

if TYPE_CHECKING:
    from netjournal.store import Journal

# Where a text comes from, in words a person reads.
FIELD_NAMES = {
    "name": "name",
    "alias": "alias",
    "skill": "skill",
    "tag": "tag",
    "value": "value",
    "org": "organisation",
    "title": "title",
    "city": "city",
    "met": "met",
    "notes": "notes",
    "interaction": "contact note",
    "help_got": "help they gave you",
    "help_gave": "help you gave them",
}
MAX_ROWS = 5000  # texts read for one query, best first


@dataclass(slots=True)
class FoundPerson:
    key: str
    name: str
    score: float
    field: str
    snippet: str
    matched: list[str]


@dataclass(slots=True)
class Found:
    query: str
    people: list[FoundPerson] = field(default_factory=list)
    terms: list[str] = field(default_factory=list)

    def public(self) -> dict[str, object]:
        return {"query": self.query, "people": [asdict(p) for p in self.people]}


@dataclass(frozen=True)
class Term:
    word: str  # the word as typed, folded
    fts: str  # its FTS5 expression: a quoted token, maybe a prefix


def query_terms(text: str) -> list[Term]:
    """The content words of a query as FTS5 terms (stop words and request words dropped)."""
    shared = load_words()
    stop = shared.stopwords | shared.request_words
    out: dict[str, Term] = {}
    tokens = [t for t in words(text) if t.isalnum()]
    content = [t for t in tokens if t not in stop and len(t) >= 2] or [
        t for t in tokens if len(t) >= 2
    ]
    for tok in content:
        out.setdefault(tok, Term(tok, _fts_term(tok)))
    return list(out.values())


def _fts_term(tok: str) -> str:
    """A word as an FTS5 term: its stem as a prefix ("climbing" → climb*), or whole."""
    if tok.isalpha():
        stems = [_common_start(tok, stem(tok)) for stem in (stem_en, stem_it)]
        prefix = min(stems, key=len)
        if len(prefix) >= 5 and prefix != tok:
            return f'"{prefix}"*'
    return f'"{tok}"*' if len(tok) >= 4 else f'"{tok}"'


def _common_start(a: str, b: str) -> str:
    n = 0
    while n < min(len(a), len(b)) and a[n] == b[n]:
        n += 1
    return a[:n]


def people_matching(conn: sqlite3.Connection, term: Term) -> dict[int, list[int]]:
    """person id → ids of their texts (``person_text``) that hold the term."""
    out: dict[int, list[int]] = {}
    for pid, tid in conn.execute(
        "SELECT t.person_id, t.id FROM person_fts JOIN person_text t ON t.id = person_fts.rowid "
        "WHERE person_fts MATCH ?",
        (term.fts,),
    ):
        out.setdefault(pid, []).append(tid)
    return out


def search(conn: sqlite3.Connection, text: str, *, limit: int = 20) -> Found:
    """People whose texts hold the words of ``text``, best first.

    People are ordered by how much of the query their texts cover, then by
    the BM25 rank of their best text, among the texts of the ``MAX_ROWS``
    best ranks (of equal ranks, those of the lowest person ids).  Those texts
    are read best first, and only until nobody not yet met can come before
    the ``limit``-th person met (see :func:`_settled`); the snippet is made
    for the people shown only.
    """
    terms = query_terms(text)
    found = Found(query=text, terms=[t.word for t in terms])
    if not terms or limit <= 0:
        return found
    hits: dict[int, set[str]] = {}
    weights: dict[str, float] = {}
    if len(terms) == 1:  # everyone found covers the whole query: no need to know them first
        weights[terms[0].word] = 1.0
    else:
        total = max(1, conn.execute("SELECT count(*) FROM person").fetchone()[0])
        for term in terms:
            people = people_matching(conn, term)
            if not people:
                continue
            weights[term.word] = math.log(1 + total / len(people))
            for pid in people:
                hits.setdefault(pid, set()).add(term.word)
        if not hits:
            return found
    norm = sum(weights.values())
    share = {pid: sum(weights[w] for w in m) / norm for pid, m in hits.items()}
    coverage = {pid: round(value, 6) for pid, value in share.items()}  # what orders them
    # How many people not met yet are at each coverage: only they can still come first.
    waiting: dict[float, int] = {}
    for level in coverage.values():
        waiting[level] = waiting.get(level, 0) + 1
    query = " OR ".join(t.fts for t in terms if t.word in weights)
    best: dict[int, tuple[float, str, int]] = {}
    cursor = conn.execute(
        "SELECT t.person_id, t.field, bm25(person_fts), t.id "
        "FROM person_fts JOIN person_text t ON t.id = person_fts.rowid "
        "WHERE person_fts MATCH ? ORDER BY rank, t.person_id LIMIT ?",
        (query, MAX_ROWS),
    )
    single = not hits
    while rows := cursor.fetchmany(CHUNK_ROWS):
        for pid, kind, rank, tid in rows:
            if pid not in best:
                best[pid] = (rank, kind, tid)
                if not single:
                    level = coverage[pid]
                    waiting[level] -= 1
                    if not waiting[level]:
                        del waiting[level]
        if _settled(best, coverage, waiting, rows[-1][2], limit, single):
            break
    level_of = (lambda pid: 1.0) if single else coverage.__getitem__
    order = sorted(best, key=lambda pid: (-level_of(pid), best[pid][0], pid))[:limit]
    names = _names(conn, order)
    for pid in order:
        rank, kind, tid = best[pid]
        key, name = names[pid]
        snippet = conn.execute(
            "SELECT snippet(person_fts, 0, '', '', '…', 12) FROM person_fts "
            "WHERE person_fts MATCH ? AND rowid = ?",
            (query, tid),
        ).fetchone()[0]
        found.people.append(
            FoundPerson(
                key=key,
                name=name,
                score=round(max(0.001, min(1.0, share[pid] if not single else 1.0)), 3),
                field=FIELD_NAMES.get(kind, kind),
                snippet=snippet,
                matched=sorted(hits[pid]) if not single else [terms[0].word],
            )
        )
    return found


CHUNK_ROWS = 100  # texts read between two looks at whether the order is settled


def _settled(
    best: dict[int, tuple[float, str, int]],
    coverage: dict[int, float],
    waiting: dict[float, int],
    rank: float,
    limit: int,
    single: bool,
) -> bool:
    """Whether the first ``limit`` people met can no longer change.

    Texts come best rank first (of equal ranks, the lowest person id first),
    so a person not met yet has a best rank of ``rank`` (the last read) or
    worse, and a coverage of at most the highest coverage still waiting.  The
    order is settled when the ``limit``-th person met comes before any such
    person.
    """
    if len(best) < limit:
        return False
    if single:
        # People are met in the order shown, rank then id: thousands of texts of
        # one rank (everyone in Milano) need not all be read for the first twenty.
        return True
    if not waiting:
        return True
    top = max(waiting)
    last = sorted(best, key=lambda pid: (-coverage[pid], best[pid][0], pid))[limit - 1]
    return coverage[last] > top or (coverage[last] == top and best[last][0] < rank)


def _names(conn: sqlite3.Connection, ids: list[int]) -> dict[int, tuple[str, str]]:
    if not ids:
        return {}
    marks = ",".join("?" * len(ids))
    return {
        pid: (key, name)
        for pid, key, name in conn.execute(
            f"SELECT id, key, name FROM person WHERE id IN ({marks})", ids
        )
    }


def matching_clauses(text: str) -> tuple[list[str], list[str]]:
    """SQL clauses over ``person p`` for people whose texts hold every word of ``text``."""
    clauses, params = [], []
    for term in query_terms(text):
        clauses.append(
            "p.id IN (SELECT t.person_id FROM person_fts "
            "JOIN person_text t ON t.id = person_fts.rowid WHERE person_fts MATCH ?)"
        )
        params.append(term.fts)
    return clauses, params


def find_people(journal: Journal, text: str, *, limit: int = 20) -> Found:
    """``net find``: check the query and search in one read."""
    from netjournal.checks import check_text
    from netjournal.errors import InvalidInput

    query = check_text(text, "query", limit=500) or ""
    if not fold(query):
        raise InvalidInput("the search is empty", hint="say what to look for: net find Erasmus")
    with journal.read() as conn:
        return search(conn, query, limit=limit)
