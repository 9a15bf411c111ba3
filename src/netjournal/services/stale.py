"""``net stale``: ties going cold, and the cadences that decide it.

Last contact is the latest interaction or help exchanged, computed in SQL from
the (person, date) indexes.  A person's cadence is their own, else the
shortest cadence of their tags, else the journal default (90 days).  People
known only through someone are left out: the tie to tend is the introducer's.
So are dormant people (see :func:`dormant_sql`), unless asked for.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Generator, Iterator
from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING

from netjournal.errors import InvalidInput
from netjournal.matching.text import fold

if TYPE_CHECKING:
    from netjournal.store import Journal

DEFAULT_CADENCE = 90


@dataclass(slots=True)
class StaleTie:
    key: str
    name: str
    last_contact: date | None
    days_since: int
    cadence_days: int
    overdue_days: int
    hint: str | None = None

    def public(self) -> dict[str, object]:
        """The record of ``net stale --json`` (built by hand: thousands of them are cheap)."""
        return {
            "key": self.key,
            "name": self.name,
            "last_contact": self.last_contact.isoformat() if self.last_contact else None,
            "days_since": self.days_since,
            "cadence_days": self.cadence_days,
            "overdue_days": self.overdue_days,
        }


def default_cadence(conn: sqlite3.Connection) -> int:
    row = conn.execute("SELECT value FROM setting WHERE name = 'default_cadence'").fetchone()
    return int(row[0]) if row else DEFAULT_CADENCE


def tag_cadences(conn: sqlite3.Connection) -> dict[str, int]:
    return {t: d for t, d in conn.execute("SELECT tag, days FROM tag_cadence ORDER BY tag")}


def set_cadence(journal: Journal, tag: str | None, days: int | None, *, default: bool) -> None:
    """Set a tag's cadence, or the journal default; ``days=None`` clears a tag's."""
    if days is not None and days <= 0:
        raise InvalidInput(f"a cadence must be a positive number of days, not {days}")
    with journal.write() as conn:
        if default:
            if days is None:
                raise InvalidInput("give the default cadence in days")
            conn.execute(
                "INSERT INTO setting VALUES ('default_cadence', ?) "
                "ON CONFLICT(name) DO UPDATE SET value = excluded.value",
                (str(days),),
            )
            return
        norm = fold(tag or "")
        if not norm:
            raise InvalidInput("give a tag, or --default")
        if days is None:
            conn.execute("DELETE FROM tag_cadence WHERE tag = ?", (norm,))
        else:
            conn.execute(
                "INSERT INTO tag_cadence VALUES (?, ?) "
                "ON CONFLICT(tag) DO UPDATE SET days = excluded.days",
                (norm, days),
            )


def cadence_sql(conn: sqlite3.Connection) -> str:
    """The SQL of a person's cadence: their own, else their tags' shortest, else the default."""
    if conn.execute("SELECT 1 FROM tag_cadence LIMIT 1").fetchone() is None:
        return "COALESCE(p.cadence_days, :default)"
    return (
        "COALESCE(p.cadence_days, (SELECT min(tc.days) FROM person_label l "
        "JOIN tag_cadence tc ON tc.tag = l.norm WHERE l.person_id = p.id AND l.kind = 'tag'), "
        ":default)"
    )


def dormant_sql() -> str:
    """The condition on ``person p`` of a dormant person.

    They came from a contacts file (vCard, CSV), have had no interaction or
    help since, and have no cadence of their own or of one of their tags.
    """
    return (
        "(p.dormant AND p.last_contact IS NULL AND p.cadence_days IS NULL AND NOT EXISTS "
        "(SELECT 1 FROM person_label dl JOIN tag_cadence dc ON dc.tag = dl.norm "
        "WHERE dl.person_id = p.id AND dl.kind = 'tag'))"
    )


# ``person.last_contact`` is kept by triggers, so this is one pass over people.
LAST_CONTACT_SQL = """
SELECT p.id, p.key, p.name, p.last_contact, {cadence} AS cadence,
    CAST(julianday(:today) - julianday(COALESCE(p.last_contact, p.added)) AS INTEGER)
        AS days_since
FROM person p
WHERE p.via_id IS NULL {tag_filter}
"""


def stale_ties(
    conn: sqlite3.Connection,
    today: date,
    *,
    limit: int | None = None,
    tag: str | None = None,
    hints: bool = True,
    dormant: bool = False,
) -> list[StaleTie]:
    """People past their cadence, most neglected (relative to cadence) first.

    ``dormant`` lists the dormant people instead (every one of them), who are
    otherwise left out.
    """
    return list(stale_rows(conn, today, limit=limit, tag=tag, hints=hints, dormant=dormant))


# Rows read (and given their hints) at a time: a long listing starts with these.
CHUNK = 256


def stale_rows(
    conn: sqlite3.Connection,
    today: date,
    *,
    limit: int | None = None,
    tag: str | None = None,
    hints: bool = True,
    dormant: bool = False,
) -> Iterator[StaleTie]:
    """:func:`stale_ties` as they come from SQLite, ``CHUNK`` at a time (SQL orders them)."""
    params: dict[str, object] = {"default": default_cadence(conn), "today": today.isoformat()}
    tag_filter = f"AND {dormant_sql()}" if dormant else f"AND NOT {dormant_sql()}"
    if tag:
        tag_filter += (
            " AND p.id IN (SELECT person_id FROM person_label WHERE kind = 'tag' AND norm = :tag)"
        )
        params["tag"] = fold(tag)
    sql = (
        "SELECT * FROM ("
        + LAST_CONTACT_SQL.format(cadence=cadence_sql(conn), tag_filter=tag_filter)
        + ") "
        + ("" if dormant else "WHERE days_since > cadence ")
        + "ORDER BY CAST(days_since - cadence AS REAL) / cadence DESC, key"
    )
    if limit is not None:
        sql += " LIMIT :limit"
        params["limit"] = max(0, limit)
    cursor = conn.execute(sql, params)
    fromisoformat = date.fromisoformat
    while rows := cursor.fetchmany(CHUNK):
        found = _hints(conn, [r[0] for r in rows]) if hints else {}
        for pid, key, name, last, cadence, days in rows:
            yield StaleTie(
                key,
                name,
                fromisoformat(last) if last else None,
                days,
                cadence,
                days - cadence,
                found.get(pid),
            )


_LATEST = """
SELECT person_id, {column} FROM (
    SELECT person_id, {column},
        row_number() OVER (PARTITION BY person_id ORDER BY date DESC, id DESC) AS newest
    FROM {table} WHERE {condition} AND person_id IN ({marks})
) WHERE newest = 1
"""


def _hints(conn: sqlite3.Connection, ids: list[int]) -> dict[int, str]:
    """Something to talk about: the last interaction's note, or help they gave you."""
    from netjournal.services.batch import chunks

    out: dict[int, str] = {}
    for part in chunks(ids):
        marks = ",".join("?" * len(part))
        helped = conn.execute(
            _LATEST.format(column="what", table="help", condition="direction = 'got'", marks=marks),
            part,
        )
        out.update((pid, f"they helped you: {what}") for pid, what in helped)
        notes = conn.execute(
            _LATEST.format(
                column="note", table="interaction", condition="note IS NOT NULL", marks=marks
            ),
            part,
        )
        out.update((pid, f"last time: {note}") for pid, note in notes)
    from netjournal.services.needs import need_hints

    out.update(need_hints(conn, ids))  # an open need is the best thing to talk about
    return out


def stale_report(
    journal: Journal,
    today: date,
    *,
    limit: int | None = None,
    tag: str | None = None,
    hints: bool = True,
    dormant: bool = False,
) -> Generator[StaleTie, None, None]:
    """``net stale``: people past their cadence, most neglected first (or the dormant ones).

    The ties come as they are read, in one read transaction: the first
    screen of a long listing is shown before the rest is read.
    """
    with journal.read() as conn:
        yield from stale_rows(conn, today, limit=limit, tag=tag, hints=hints, dormant=dormant)


def cadences(journal: Journal) -> tuple[int, dict[str, int]]:
    """The journal's default cadence and every tag's, in days."""
    with journal.read() as conn:
        return default_cadence(conn), tag_cadences(conn)


def update_cadences(
    journal: Journal,
    *,
    tag: str | None = None,
    days: int | None = None,
    default: int | None = None,
    clear: bool = False,
) -> tuple[int, dict[str, int]]:
    """``net cadence``: set the default or a tag's cadence (or clear it), then read them all."""
    if default is not None:
        set_cadence(journal, None, default, default=True)
    elif tag is not None and (days is not None or clear):
        set_cadence(journal, tag, None if clear else days, default=False)
    return cadences(journal)
