"""Reciprocity: help given and received, what is owed, who never gives back.

``net balance`` lists every person helped or helping: its rows come from
SQLite as they are read (SQL groups, orders and totals them), so the first
screen is shown before the last row is read, and nothing of the listing is
held in memory.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import date
from itertools import chain
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from netjournal.store import Journal


#: Help both ways with one person: key, name, gave, got, balance (what you
#: gave less what you got).  Plain rows as SQLite gives them: a listing of
#: 30,000 people builds no object per row.
PersonBalance = tuple[str, str, int, int, int]

#: Help received since the last help given back: key, name, since (the ISO
#: date of the earliest help owed), what (that help), times.
OwedRow = tuple[str, str, str, str, int]


@dataclass(slots=True)
class Owed:
    key: str
    name: str
    since: date
    what: str
    times: int


@dataclass(slots=True)
class Balance:
    """The totals, then the three listings as they are read (each read once, in order)."""

    given: int
    received: int
    people: Iterator[PersonBalance]
    owed: Iterator[OwedRow]
    one_way: Iterator[PersonBalance]


# Help both ways per person, in one grouped pass over ``help`` (then sorted).
_PER_PERSON = (
    "SELECT p.key, p.name, h.gave, h.got, h.gave - h.got FROM ("
    " SELECT person_id, sum(direction = 'gave') AS gave, sum(direction = 'got') AS got"
    " FROM help {where} GROUP BY person_id"
    ") h JOIN person p ON p.id = h.person_id "
)

# The same rows by key as people are walked in the key's order, each one's
# help an index lookup: the first rows come at once, the whole costs more.
_BY_KEY = (
    "SELECT p.key, p.name, sum(h.direction = 'gave') AS gave, sum(h.direction = 'got') AS got,"
    " sum(h.direction = 'gave') - sum(h.direction = 'got') "
    "FROM person p JOIN help h ON h.person_id = p.id {where} GROUP BY p.key ORDER BY p.key"
)


def _rows(conn: sqlite3.Connection, sql: str, params: Mapping[str, object]) -> Iterator[Any]:
    """A query's rows as they come, the query run when the first is asked for.

    The cursor's rows pass through at C speed; left unread (output cut
    short), the cursor is dropped with the read.
    """

    def run() -> Iterator[sqlite3.Cursor]:
        yield conn.execute(sql, params)

    return chain.from_iterable(run())


def balance(
    conn: sqlite3.Connection, person_id: int | None = None, *, first_fast: bool = False
) -> Balance:
    """Help both ways per person (by key) and overall; the owed list, oldest first.

    The listings are read lazily, inside the caller's transaction.
    ``first_fast`` walks people by key so that the first rows come at once
    (for a screen); else one grouped pass costs less for the whole (``--json``).
    """
    where = "WHERE person_id = :pid" if person_id is not None else ""
    params: dict[str, object] = {"pid": person_id}
    given, received = conn.execute(
        "SELECT count(*) FILTER (WHERE direction = 'gave'), "
        f"count(*) FILTER (WHERE direction = 'got') FROM help {where}",
        params,
    ).fetchone()
    per_person = _PER_PERSON.format(where=where)
    by_key = (
        _BY_KEY.format(where="WHERE p.id = :pid" if person_id is not None else "")
        if first_fast
        else per_person + "ORDER BY p.key"
    )
    people = _rows(conn, by_key, params)
    one_way = _rows(
        conn, per_person + "WHERE h.got = 0 AND h.gave >= 2 ORDER BY h.gave DESC, p.key", params
    )
    return Balance(
        given=given,
        received=received,
        people=people,
        owed=owed_rows(conn, person_id),
        one_way=one_way,
    )


_OWED = (
    # Help received since the last help given back: the last given back is one
    # index lookup per person, the earliest help owed another (a covering index
    # on person, direction and date makes both index-only).
    "WITH owed AS (SELECT h.person_id, min(h.date) AS since, count(*) AS times FROM help h "
    " WHERE h.direction = 'got' {where} AND h.date >= coalesce((SELECT max(g.date) "
    " FROM help g WHERE g.person_id = h.person_id AND g.direction = 'gave'), '0000-00-00') "
    " GROUP BY h.person_id) "
    "SELECT p.key, p.name, o.since, "
    "coalesce((SELECT x.what FROM help x WHERE x.person_id = o.person_id "
    " AND x.direction = 'got' AND x.date = o.since ORDER BY x.id LIMIT 1), ''), o.times "
    "FROM owed o JOIN person p ON p.id = o.person_id "
    "ORDER BY o.since, p.key LIMIT :limit"
)


def owed_rows(
    conn: sqlite3.Connection, person_id: int | None = None, limit: int | None = None
) -> Iterator[OwedRow]:
    """Help received after the last help you gave them back: oldest first, as read."""
    sql = _OWED.format(where="AND h.person_id = :pid" if person_id is not None else "")
    params = {"pid": person_id, "limit": -1 if limit is None else limit}
    return _rows(conn, sql, params)


def owed_help(
    conn: sqlite3.Connection, person_id: int | None = None, limit: int | None = None
) -> list[Owed]:
    """Help received after the last help you gave them back: oldest first."""
    return [
        Owed(key=k, name=n, since=date.fromisoformat(d), what=w, times=c)
        for k, n, d, w, c in owed_rows(conn, person_id, limit)
    ]


@contextmanager
def balance_report(
    journal: Journal, ref: str | None = None, *, first_fast: bool = False
) -> Iterator[Balance]:
    """``net balance``: for everyone, or for the person ``ref`` names.

    The balance's listings are read while the ``with`` block lasts (one
    read transaction): print them inside it.  See :func:`balance` for
    ``first_fast``.
    """
    from netjournal.services.people import resolve

    with journal.read() as conn:
        pid = resolve(conn, ref)[0] if ref is not None else None
        yield balance(conn, pid, first_fast=first_fast)
