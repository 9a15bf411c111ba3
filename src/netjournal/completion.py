"""What shell completion offers: people, tags, skills, event ids.

Completion runs the whole program on every Tab, so this reads the journal
with stdlib :mod:`sqlite3` in read-only mode and imports nothing heavy.  A
journal that does not exist or cannot be read completes nothing.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from netjournal.matching.text import fold

LIMIT = 50
FORMATS_IN = ("json", "vcard", "linkedin", "google", "outlook", "thunderbird", "csv")
FORMATS_OUT = ("json", "csv", "vcard")


@contextmanager
def _reading(path: Path) -> Iterator[sqlite3.Connection | None]:
    if not path.is_file():
        yield None
        return
    try:
        conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True, timeout=0.5)
    except sqlite3.Error:
        yield None
        return
    try:
        yield conn
    finally:
        conn.close()


def _like(text: str) -> str:
    return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"


# People in key order, until LIMIT of them match: at once when many match.
_WALK = (
    "SELECT key, name FROM person WHERE key LIKE ?1 ESCAPE '\\' "
    "OR norm_name LIKE ?1 ESCAPE '\\' OR norm_name LIKE '% ' || ?1 ESCAPE '\\' "
    "OR id IN (SELECT person_id FROM person_label WHERE kind = 'alias' "
    "AND norm LIKE ?1 ESCAPE '\\') ORDER BY key LIMIT ?2"
)
# The same people from the indexes: key, name and alias ranges, and the name
# index scanned for a word that starts so; bounded when few or none match.
_GATHER = (
    "SELECT key, name FROM person WHERE id IN ("
    "SELECT id FROM person WHERE key >= ?3 AND key < ?4 "
    "UNION ALL SELECT id FROM person WHERE norm_name >= ?3 AND norm_name < ?4 "
    "UNION ALL SELECT id FROM person WHERE norm_name LIKE '% ' || ?1 ESCAPE '\\' "
    "UNION ALL SELECT person_id FROM person_label WHERE kind = 'alias' "
    "AND norm >= ?3 AND norm < ?4) ORDER BY key LIMIT ?2"
)
# SQLite steps (in thousands) the walk may take: a common prefix ("ro") needs
# about 30 at 30,000 people, a prefix nobody's name has about 520 (a read of
# the whole table, a quarter of a second); past this, the indexes answer.
WALK_BUDGET = 60
WALK_STEP = 1000


def people(path: Path, incomplete: str) -> list[tuple[str, str]]:
    """Keys of people whose key, name, any word of the name, or alias starts so.

    ``tan`` and ``Tan`` both offer ``kenji-tanaka``; ``Annie`` offers the key
    of the person with that alias.  Each comes with the name as its help.
    """
    folded = fold(incomplete)
    with _reading(path) as conn:
        if conn is None:
            return []
        try:
            return _people(conn, folded)
        except sqlite3.Error:
            return []


def _people(conn: sqlite3.Connection, folded: str) -> list[tuple[str, str]]:
    steps = 0

    def budget() -> int:
        nonlocal steps
        steps += 1
        return int(steps > WALK_BUDGET)

    conn.set_progress_handler(budget, WALK_STEP)
    try:
        rows = conn.execute(_WALK, (_like(folded), LIMIT)).fetchall()
    except sqlite3.OperationalError:
        if steps <= WALK_BUDGET:
            raise
        conn.set_progress_handler(None, 0)
        prefix = (_like(folded), LIMIT, folded, folded + "\U0010ffff")
        rows = conn.execute(_GATHER, prefix).fetchall()
    finally:
        conn.set_progress_handler(None, 0)
    return [(k, n) for k, n in rows]


def labels(path: Path, kind: str, incomplete: str) -> list[tuple[str, str]]:
    """Tags (or skills) in use, with how many people have each."""
    with _reading(path) as conn:
        if conn is None:
            return []
        try:
            rows = conn.execute(
                "SELECT min(name), count(DISTINCT person_id) FROM person_label "
                "WHERE kind = ? AND norm LIKE ? ESCAPE '\\' GROUP BY norm ORDER BY norm LIMIT ?",
                (kind, _like(fold(incomplete)), LIMIT),
            ).fetchall()
        except sqlite3.Error:
            return []
    return [(name, f"{n} {'person' if n == 1 else 'people'}") for name, n in rows]


_EVENTS = (
    (
        "i",
        "SELECT e.id, e.date, p.name, coalesce(e.note, '') FROM interaction e "
        "JOIN person p ON p.id = e.person_id",
    ),
    ("h", "SELECT e.id, e.date, p.name, e.what FROM help e JOIN person p ON p.id = e.person_id"),
    (
        "r",
        "SELECT e.id, e.date, p.name, e.need FROM referral e JOIN person p ON p.id = e.person_id",
    ),
    (
        "t",
        "SELECT e.id, '', pa.name || ' · ' || pb.name, coalesce(e.note, '') FROM tie e "
        "JOIN person pa ON pa.id = e.a_id JOIN person pb ON pb.id = e.b_id",
    ),
)


_NEEDS = (
    "SELECT e.id, e.date, coalesce(p.name, 'you'), e.text FROM need e "
    "LEFT JOIN person p ON p.id = e.person_id WHERE e.id LIKE ? ESCAPE '\\' "
    "ORDER BY e.date DESC, e.id LIMIT ?"
)


def event_ids(path: Path, incomplete: str) -> list[tuple[str, str]]:
    """Ids of events, newest first, each with its date, person and text as help."""
    wanted = incomplete.strip().lower()
    out: list[tuple[str, str, str]] = []
    with _reading(path) as conn:
        if conn is None:
            return []
        for letter, sql in _EVENTS:
            if wanted and not wanted.startswith(letter) and not letter.startswith(wanted[:1]):
                continue
            try:
                rows = conn.execute(sql + " ORDER BY e.id DESC LIMIT ?", (LIMIT,)).fetchall()
            except sqlite3.Error:
                continue
            for number, when, who, text in rows:
                eid = f"{letter}-{number}"
                if eid.startswith(wanted):
                    help_ = " ".join(x for x in (when, f"{who}:", text[:40]) if x)
                    out.append((when or "", eid, help_))
        if not wanted or wanted.startswith("n") or "n".startswith(wanted[:1]):
            try:
                rows = conn.execute(_NEEDS, (_like(wanted), LIMIT)).fetchall()
            except sqlite3.Error:
                rows = []
            for eid, when, who, text in rows:
                out.append((when, eid, f"{when} {who}: {text[:40]}"))
    out.sort(key=lambda x: x[0], reverse=True)
    return [(eid, help_) for _when, eid, help_ in out[:LIMIT]]
