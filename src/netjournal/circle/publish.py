"""Publishing to a circle: what leaves the journal, and ``net circle sync``.

Only a shared person's name, skills, tags, org, title and city leave the
journal, with the matching evidence the engine computed here from those same
fields (``person_concept`` and ``person_term`` rows whose source is a skill,
the title or the organisation).  Notes, interactions, help, e-mails and phones
never do.

A sync is one server transaction: it compares a digest of each shared person
with what the server holds for this member, writes what changed, withdraws
what is no longer shared, and changes nothing when nothing changed, so it is
safe to run from cron.  Two syncs of the same member queue on an advisory lock.
"""

from __future__ import annotations

import hashlib
import json
import sqlite3
from dataclasses import dataclass, field
from datetime import datetime, timezone
from typing import TYPE_CHECKING

from netjournal.circle.connect import connect, refused
from netjournal.circle.local import CircleInfo, find_circle, record_sync, shared_ids
from netjournal.circle.needs import posted_needs, push_needs
from netjournal.circle.schema import member_key
from netjournal.services.evidence import chunks

if TYPE_CHECKING:
    import psycopg

    from netjournal.store import Journal

#: The fields of a person that a circle receives (CONTRACT §8).
PUBLISHED_FIELDS = ("name", "skills", "tags", "org", "title", "city")
#: Evidence computed from those fields only.
PUBLISHED_SOURCES = ("skill", "title", "org")


@dataclass
class Published:
    """One person as the circle sees them."""

    ref: str
    name: str
    norm_name: str
    skills: list[str]
    tags: list[str]
    org: str | None
    title: str | None
    city: str | None
    concepts: list[tuple[str, str, float, str]] = field(default_factory=list)
    terms: list[tuple[str, str, float, str]] = field(default_factory=list)

    def digest(self) -> str:
        body = json.dumps(
            [
                self.name,
                self.skills,
                self.tags,
                self.org,
                self.title,
                self.city,
                sorted(self.concepts),
                sorted(self.terms),
            ],
            ensure_ascii=False,
        )
        return hashlib.sha256(body.encode()).hexdigest()


def collect(conn: sqlite3.Connection, circle: str) -> list[Published]:
    """Everyone shared with ``circle``, as they will be published."""
    ids = shared_ids(conn, circle)
    people: dict[int, Published] = {}
    sources = ",".join("?" * len(PUBLISHED_SOURCES))
    for part in chunks(ids):
        marks = ",".join("?" * len(part))
        for pid, key, name, norm, org, title, city in conn.execute(
            f"SELECT id, key, name, norm_name, org, title, city FROM person WHERE id IN ({marks})",
            part,
        ):
            people[pid] = Published(key, name, norm, [], [], org, title, city)
        for pid, kind, label in conn.execute(
            "SELECT person_id, kind, name FROM person_label "
            f"WHERE kind IN ('skill', 'tag') AND person_id IN ({marks}) "
            "ORDER BY person_id, kind, position",
            part,
        ):
            (people[pid].skills if kind == "skill" else people[pid].tags).append(label)
        for pid, concept, source, weight, evidence in conn.execute(
            "SELECT person_id, concept_id, source, weight, evidence FROM person_concept "
            f"WHERE person_id IN ({marks}) AND source IN ({sources})",
            [*part, *PUBLISHED_SOURCES],
        ):
            people[pid].concepts.append((concept, source, float(weight), evidence))
        for pid, term, source, weight, evidence in conn.execute(
            "SELECT person_id, term, source, weight, evidence FROM person_term "
            f"WHERE person_id IN ({marks}) AND source IN ({sources})",
            [*part, *PUBLISHED_SOURCES],
        ):
            people[pid].terms.append((term, source, float(weight), evidence))
    return sorted(people.values(), key=lambda p: p.ref)


@dataclass(frozen=True)
class SyncReport:
    circle: str
    member: str
    published: int  # new on the server
    updated: int
    withdrawn: int
    unchanged: int
    when: str
    needs_posted: int = 0  # needs published or changed
    needs_withdrawn: int = 0  # met, dropped or no longer posted

    def public(self) -> dict[str, object]:
        return {
            "circle": self.circle,
            "member": self.member,
            "published": self.published,
            "updated": self.updated,
            "withdrawn": self.withdrawn,
            "unchanged": self.unchanged,
            "needs_posted": self.needs_posted,
            "needs_withdrawn": self.needs_withdrawn,
            "synced_at": self.when,
        }


def sync(journal: Journal, circle: str | None) -> SyncReport:
    """Push this journal's shares to the circle, in one server transaction."""
    import psycopg

    from netjournal.services.evidence import ensure_index

    ensure_index(journal)
    with journal.read() as conn:
        info = find_circle(conn, circle, "member")
        people = collect(conn, info.name)
        needs = posted_needs(conn, info.name)
    assert info.conninfo is not None
    with connect(info.conninfo, what=f"the circle {info.name!r}") as pg:
        try:
            with pg.transaction():
                counts = _push(pg, info.name, people)
                posted, withdrawn, _same = push_needs(pg, info.name, needs)
        except psycopg.Error as exc:
            raise refused(exc, "the sync") from exc
    when = datetime.now(timezone.utc).isoformat(timespec="seconds")
    record_sync(journal, info.name, when)
    return SyncReport(
        info.name,
        info.member or "",
        *counts,
        when=when,
        needs_posted=posted,
        needs_withdrawn=withdrawn,
    )


def _push(
    pg: psycopg.Connection,
    circle: str,
    people: list[Published],
) -> tuple[int, int, int, int]:
    from netjournal.circle.schema import compose

    member_key(pg, circle)
    pg.execute("SELECT pg_advisory_xact_lock(hashtext(session_user))")  # one sync at a time
    held: dict[str, str] = dict(
        pg.execute(
            compose("SELECT ref, digest FROM {s}.person WHERE owner = session_user", circle)
        ).fetchall()
    )
    wanted = {p.ref: p for p in people}
    digests = {p.ref: p.digest() for p in people}
    changed = [p for p in people if held.get(p.ref) != digests[p.ref]]
    gone = [ref for ref in held if ref not in wanted]
    stale = gone + [p.ref for p in changed if p.ref in held]
    if stale:
        pg.execute(
            compose("DELETE FROM {s}.person WHERE owner = session_user AND ref = ANY(%s)", circle),
            (stale,),
        )
    if changed:
        _insert(pg, circle, changed, digests)
    pg.execute(compose("UPDATE {s}.member SET last_sync = now() WHERE role = session_user", circle))
    updated = sum(1 for p in changed if p.ref in held)
    return len(changed) - updated, updated, len(gone), len(people) - len(changed)


def _insert(
    pg: psycopg.Connection,
    circle: str,
    people: list[Published],
    digests: dict[str, str],
) -> None:
    """Insert people and their evidence: one statement per table (arrays, unnested)."""
    from netjournal.circle.schema import compose

    pg.execute(
        compose(
            "INSERT INTO {s}.person (ref, name, norm_name, skills, tags, org, title, city, digest) "
            "SELECT r, n, nn, "
            "  ARRAY(SELECT jsonb_array_elements_text(sk)), "
            "  ARRAY(SELECT jsonb_array_elements_text(tg)), o, t, c, d "
            "FROM unnest(%s::text[], %s::text[], %s::text[], %s::jsonb[], %s::jsonb[], "
            "  %s::text[], %s::text[], %s::text[], %s::text[]) AS u(r, n, nn, sk, tg, o, t, c, d)",
            circle,
        ),
        (
            [p.ref for p in people],
            [p.name for p in people],
            [p.norm_name for p in people],
            [json.dumps(p.skills) for p in people],
            [json.dumps(p.tags) for p in people],
            [p.org for p in people],
            [p.title for p in people],
            [p.city for p in people],
            [digests[p.ref] for p in people],
        ),
    )
    for table, attribute, column in (
        ("person_concept", "concepts", "concept_id"),
        ("person_term", "terms", "term"),
    ):
        rows = [(p.ref, *row) for p in people for row in getattr(p, attribute)]
        if not rows:
            continue
        pg.execute(
            compose(
                f"INSERT INTO {{s}}.{table} (ref, {column}, source, weight, evidence) "
                "SELECT * FROM unnest(%s::text[], %s::text[], %s::text[], %s::real[], %s::text[])",
                circle,
            ),
            tuple(list(col) for col in zip(*rows, strict=True)),
        )


def leave(journal: Journal, circle: str) -> int:
    """Withdraw all this member published, then forget the membership; people withdrawn."""
    import psycopg

    from netjournal.circle.local import forget_membership

    info = circle_info_for(journal, circle)
    assert info.conninfo is not None
    with connect(info.conninfo, what=f"the circle {info.name!r}") as pg:
        try:
            with pg.transaction():
                counts = _push(pg, info.name, [])
                push_needs(pg, info.name, [])
        except psycopg.Error as exc:
            raise refused(exc, "withdrawing") from exc
    forget_membership(journal, info.name)
    return counts[2]


def circle_info_for(journal: Journal, circle: str | None) -> CircleInfo:
    with journal.read() as conn:
        return find_circle(conn, circle, "member")
