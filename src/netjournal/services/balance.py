"""Reciprocity: help given and received, what is owed, who never gives back."""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING

from netjournal.services.records import jsonable

if TYPE_CHECKING:
    from netjournal.store import Journal


@dataclass(slots=True)
class PersonBalance:
    key: str
    name: str
    gave: int
    got: int
    balance: int


@dataclass(slots=True)
class Owed:
    key: str
    name: str
    since: date
    what: str
    times: int


@dataclass(slots=True)
class Balance:
    given: int
    received: int
    people: list[PersonBalance]
    owed: list[Owed]
    one_way: list[PersonBalance]

    def public(self) -> dict[str, object]:
        """The document of ``--json``."""
        out: dict[str, object] = jsonable(self)
        return out


def balance(conn: sqlite3.Connection, person_id: int | None = None) -> Balance:
    """Help both ways per person and overall; the owed list, oldest first."""
    where = "WHERE h.person_id = ?" if person_id is not None else ""
    params: tuple[int, ...] = (person_id,) if person_id is not None else ()
    rows = conn.execute(
        "SELECT p.key, p.name, sum(h.direction = 'gave'), sum(h.direction = 'got') "
        f"FROM help h JOIN person p ON p.id = h.person_id {where} "
        "GROUP BY h.person_id ORDER BY p.key",
        params,
    ).fetchall()
    people = [PersonBalance(key=k, name=n, gave=g, got=r, balance=g - r) for k, n, g, r in rows]
    owed = owed_help(conn, person_id)
    one_way = sorted(
        (p for p in people if p.got == 0 and p.gave >= 2), key=lambda p: (-p.gave, p.key)
    )
    return Balance(
        given=sum(p.gave for p in people),
        received=sum(p.got for p in people),
        people=people,
        owed=owed,
        one_way=one_way,
    )


def owed_help(
    conn: sqlite3.Connection, person_id: int | None = None, limit: int | None = None
) -> list[Owed]:
    """Help received after the last help you gave them back: oldest first."""
    where = "AND h.person_id = :pid" if person_id is not None else ""
    # The last help given back is computed once per person (one grouped pass),
    # not once per help received; the earliest help owed is an index lookup.
    rows = conn.execute(
        "WITH gave AS (SELECT person_id, max(date) AS last FROM help "
        " WHERE direction = 'gave' GROUP BY person_id), "
        "owed AS (SELECT h.person_id, min(h.date) AS since, count(*) AS times FROM help h "
        " LEFT JOIN gave g ON g.person_id = h.person_id "
        f" WHERE h.direction = 'got' {where} AND h.date >= COALESCE(g.last, '0000-00-00') "
        " GROUP BY h.person_id) "
        "SELECT p.key, p.name, o.since, o.times, "
        "(SELECT x.what FROM help x WHERE x.person_id = o.person_id AND x.direction = 'got' "
        " AND x.date = o.since ORDER BY x.id LIMIT 1) "
        "FROM owed o JOIN person p ON p.id = o.person_id "
        "ORDER BY o.since, p.key LIMIT :limit",
        {"pid": person_id, "limit": -1 if limit is None else limit},
    ).fetchall()
    return [
        Owed(key=k, name=n, since=date.fromisoformat(d), what=w or "", times=c)
        for k, n, d, c, w in rows
    ]


def balance_report(journal: Journal, ref: str | None = None) -> Balance:
    """``net balance``: for everyone, or for the person ``ref`` names."""
    from netjournal.services.people import resolve

    with journal.read() as conn:
        pid = resolve(conn, ref)[0] if ref is not None else None
        return balance(conn, pid)
