"""``net ask NEED --circle NAME``: your journal and the circle's members, in one list.

1. Ask the journal as ``net ask`` does.
2. Understand the need with the same engine, and expand its concepts through
   the lexicon's hierarchy (narrower concepts, and one step up for problems).
3. Ask the server for the people other members published whose indexed
   concepts (or, for needs the lexicon does not know, words) match: one query
   on the circle's ``person_concept`` / ``person_term`` indexes.
4. Rank them with the same engine (:func:`netjournal.services.ask.ask`) over a
   scratch journal in memory that holds those people, each known through the
   member who published them (the lexicon attached, as to every journal).
5. Merge: people you know directly are not repeated; someone several members
   know is listed once; best first.
"""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass, field
from datetime import date
from typing import TYPE_CHECKING

from netjournal.circle.connect import connect, refused
from netjournal.circle.local import find_circle

if TYPE_CHECKING:
    import psycopg

    from netjournal.services.ask import Answer, Suggestion
    from netjournal.store import Journal


@dataclass
class Query:
    concepts: list[str]
    terms: list[str]
    by_terms: bool  # the need names no known concept: match on words
    factors: dict[str, float] = field(default_factory=dict)  # concept -> strength of evidence


#: Candidates the server keeps for the engine to rank: the strongest evidence first.
CANDIDATES = 60
CANDIDATES_PER_SUGGESTION = 12


def ask_circle(
    journal: Journal,
    circle: str | None,
    need: str,
    *,
    today: date,
    for_ref: str | None = None,
    limit: int = 5,
) -> Answer:
    """The journal's suggestions and the circle's, ranked together."""
    import psycopg

    from netjournal.matching.text import fold
    from netjournal.services.ask import ask_need

    answer = ask_need(journal, need, today=today, for_ref=for_ref, limit=limit)
    with journal.read() as conn:
        info = find_circle(conn, circle, "member")
        query = _query(conn, need)
    assert info.conninfo is not None
    with connect(info.conninfo, what=f"the circle {info.name!r}") as pg:
        try:
            with pg.transaction():
                pg.execute("SET TRANSACTION READ ONLY")
                rows = _fetch(pg, info.name, query, limit)
        except psycopg.Error as exc:
            raise refused(exc, "the question") from exc
    if not rows.people:
        return answer
    with journal.read() as conn:
        direct = _known_directly(conn, [p[3] for p in rows.people])
    from_circle = _rank(rows, need, today, limit + len(direct))
    listed = {fold(s.name) for s in answer.suggestions}
    merged = list(answer.suggestions)
    for suggestion in from_circle:
        norm = fold(suggestion.name)
        if norm in listed:
            continue  # already suggested from the journal, or through another member
        listed.add(norm)
        if norm in direct:  # you know them yourself: the circle only adds what they can do
            said = f"{suggestion.via_name} knows them"
            suggestion.reasons = [r for r in suggestion.reasons if r != said]
            suggestion.reasons.append(f"you know them directly; {suggestion.via_name} shared this")
            suggestion.key, suggestion.via, suggestion.via_name = direct[norm], None, None
        merged.append(suggestion)
    merged.sort(key=lambda s: (-s.score, s.key))
    answer.suggestions = merged[:limit]
    return answer


def _query(conn: sqlite3.Connection, need: str) -> Query:
    """What to look up in the circle: concept ids (with narrower ones), or words.

    Each concept carries the factor the engine gives evidence for it (narrower
    than asked, named later in the need, a trade one step up), so that the
    server can keep the strongest candidates only.
    """
    from netjournal.matching.ranking import PARENT_FALLBACK, concept_strength
    from netjournal.matching.text import stem_en, stem_it
    from netjournal.services.ask import understand

    analysis = understand(conn, need)
    terms = sorted({s for tok in analysis.residual for s in (stem_en(tok), stem_it(tok))})
    ids = sorted({m.concept_id for m in analysis.mentions})
    if not ids:
        return Query([], terms, by_terms=True)
    first = min(analysis.mentions, key=lambda m: min(m.positions)).concept_id
    factors = {cid: concept_strength(1.0, 0, first=cid == first) for cid in ids}
    marks = ",".join("?" * len(ids))
    for ancestor, descendant, depth in conn.execute(
        f"SELECT ancestor, descendant, depth FROM concept_closure WHERE ancestor IN ({marks})", ids
    ):
        strength = concept_strength(1.0, int(depth), first=ancestor == first)
        factors[descendant] = max(factors.get(descendant, 0.0), strength)
    problems = sorted({m.concept_id for m in analysis.mentions if m.kind == "problem"})
    if problems:  # a problem nobody covers may go one trade up
        for (parent,) in conn.execute(
            "SELECT ancestor FROM concept_closure WHERE depth = 1 "
            f"AND descendant IN ({','.join('?' * len(problems))})",
            problems,
        ):
            factors[parent] = max(factors.get(parent, 0.0), PARENT_FALLBACK)
    return Query(sorted(factors), terms, by_terms=False, factors=factors)


@dataclass
class CircleRows:
    members: dict[str, tuple[str, str]]  # role -> (key, name)
    people: list[tuple[str, str, str, str]]  # owner, ref, name, norm_name
    concepts: list[tuple[str, str, str, str, float, str]]
    terms: list[tuple[str, str, str, str, float, str]]


def _fetch(pg: psycopg.Connection, circle: str, query: Query, limit: int) -> CircleRows:
    """The strongest candidates other members published, with their matching evidence.

    One aggregate over the indexed evidence keeps the ``CANDIDATES`` people
    whose best evidence is strongest (set-based, on the server); only their
    rows travel to the client, whose engine ranks them.
    """
    from netjournal.circle.schema import compose, member_key

    member_key(pg, circle)
    keep = max(CANDIDATES, CANDIDATES_PER_SUGGESTION * limit)
    if query.by_terms:
        table, column, keys = "person_term", "term", query.terms
        factors = [1.0] * len(keys)
        order = "x.covered DESC, x.best DESC"
        covered = "count(DISTINCT e.term)"
    else:
        table, column, keys = "person_concept", "concept_id", query.concepts
        factors = [query.factors.get(k, 1.0) for k in keys]
        order = "x.best DESC, x.covered DESC"
        covered = "count(*)"  # evidence rows: a hash aggregate, no sort
    if not keys:
        return CircleRows({}, [], [], [])
    hits = pg.execute(
        compose(
            "SELECT x.owner, x.ref FROM ("
            f"  SELECT e.owner, e.ref, max(e.weight * w.factor) AS best, {covered} AS covered "
            f"  FROM {{s}}.{table} e JOIN unnest(%s::text[], %s::real[]) AS w(k, factor) "
            f"    ON e.{column} = w.k "
            f"  WHERE e.{column} = ANY(%s) AND e.owner <> session_user "
            "  GROUP BY e.owner, e.ref) x "
            f"ORDER BY {order}, x.owner, x.ref LIMIT %s",
            circle,
        ),
        (keys, factors, keys, keep),
    ).fetchall()
    if not hits:
        return CircleRows({}, [], [], [])
    chosen = ([h[0] for h in hits], [h[1] for h in hits])
    chosen_sql = "unnest(%(owners)s::text[], %(refs)s::text[]) AS k(owner, ref)"
    params = {"owners": chosen[0], "refs": chosen[1], "ids": query.concepts, "terms": query.terms}
    people = pg.execute(
        compose(
            f"SELECT p.owner, p.ref, p.name, p.norm_name FROM {chosen_sql} "
            "JOIN {s}.person p USING (owner, ref) ORDER BY p.owner, p.ref",
            circle,
        ),
        params,
    ).fetchall()
    concepts = pg.execute(
        compose(
            "SELECT c.owner, c.ref, c.concept_id, c.source, c.weight, c.evidence "
            f"FROM {chosen_sql} JOIN {{s}}.person_concept c USING (owner, ref) "
            "WHERE c.concept_id = ANY(%(ids)s)",
            circle,
        ),
        params,
    ).fetchall()
    terms = pg.execute(
        compose(
            "SELECT t.owner, t.ref, t.term, t.source, t.weight, t.evidence "
            f"FROM {chosen_sql} JOIN {{s}}.person_term t USING (owner, ref) "
            "WHERE t.term = ANY(%(terms)s)",
            circle,
        ),
        params,
    ).fetchall()
    members = {
        role: (key, name)
        for role, key, name in pg.execute(
            compose("SELECT role, key, name FROM {s}.member", circle)
        ).fetchall()
    }
    return CircleRows(members, people, concepts, terms)


def _known_directly(conn: sqlite3.Connection, norms: list[str]) -> dict[str, str]:
    """Which of these names are people of the journal known directly: name → key."""
    from netjournal.services.evidence import chunks

    out: dict[str, str] = {}
    for part in chunks(sorted(set(norms))):
        out.update(
            conn.execute(
                f"SELECT norm_name, key FROM person WHERE via_id IS NULL AND norm_name IN "
                f"({','.join('?' * len(part))}) ORDER BY key DESC",
                part,
            ).fetchall()
        )
    return out


def _rank(rows: CircleRows, need: str, today: date, limit: int) -> list[Suggestion]:
    """The circle's people ranked by the engine, each reached through their member."""
    from netjournal.services.ask import ask
    from netjournal.store.journal import scratch_journal

    scratch = scratch_journal()
    try:
        added = today.isoformat()
        ids: dict[tuple[str, str], int] = {}
        via_ids: dict[str, int] = {}
        who: dict[str, tuple[str, str, str]] = {}  # scratch key -> (ref, member key, member name)
        for owner in sorted({p[0] for p in rows.people}):
            key, name = rows.members.get(owner, (owner, owner))
            via_ids[owner] = len(via_ids) + 1
            scratch.execute(
                "INSERT INTO person (id, key, name, norm_name, added) VALUES (?, ?, ?, ?, ?)",
                (via_ids[owner], f"member:{key}", f"{name} (circle)", key, added),
            )
        for owner, ref, name, norm in rows.people:
            pid = len(via_ids) + len(ids) + 1
            ids[(owner, ref)] = pid
            scratch_key = f"#{pid}"
            key, member_name = rows.members.get(owner, (owner, owner))
            who[scratch_key] = (ref, key, member_name)
            scratch.execute(
                "INSERT INTO person (id, key, name, norm_name, via_id, added) "
                "VALUES (?, ?, ?, ?, ?, ?)",
                (pid, scratch_key, name, norm, via_ids[owner], added),
            )
        scratch.executemany(
            "INSERT OR IGNORE INTO person_concept VALUES (?, ?, ?, ?, ?)",
            [(ids[(o, r)], c, s, w, e) for o, r, c, s, w, e in rows.concepts if (o, r) in ids],
        )
        scratch.executemany(
            "INSERT OR IGNORE INTO person_term VALUES (?, ?, ?, ?, ?)",
            [(ids[(o, r)], t, s, w, e) for o, r, t, s, w, e in rows.terms if (o, r) in ids],
        )
        scratch.execute("BEGIN")
        answer = ask(scratch, need, today=today, limit=limit)
        scratch.execute("ROLLBACK")
    finally:
        scratch.close()
    out = []
    for suggestion in answer.suggestions:
        ref, member, member_name = who[suggestion.key]
        introduce = f"{member_name} (circle) can introduce you"
        suggestion.reasons = [
            f"{member_name} (circle) knows them" if r == introduce else r
            for r in suggestion.reasons
        ]
        suggestion.key, suggestion.via, suggestion.via_name = ref, member, f"{member_name} (circle)"
        out.append(suggestion)
    return out
