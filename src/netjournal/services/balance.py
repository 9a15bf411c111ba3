"""Reciprocity: help given and received, what is owed, who never gives back.

``net balance`` lists every person helped or helping, by key, then the help
owed and the help that never comes back.  One ordered pass over the help
index counts them all (see :func:`balance`); the people are then printed as
the key index is read, so the first screen is shown before the last row is
read, and only a few numbers a person are held in memory.
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


def balance(conn: sqlite3.Connection, person_id: int | None = None) -> Balance:
    """Help both ways per person (by key) and overall; the owed list, oldest first.

    One pass over the help index, in (person, direction, date) order, gives
    each person's counts and their help owed: their help given comes before
    their help received, so when the first help received on or after the last
    help given comes, it is the oldest help owed.  The listings are then read
    lazily, inside the caller's transaction: people by key as the key index
    is walked (the first rows come at once); the owed and one-way lists,
    gathered on the way and sorted, when asked for (after the people).
    """
    walked = _walk_help(conn, person_id)
    given = sum(w[0] for w in walked.values())
    received = sum(w[1] for w in walked.values())
    gathered = _Gathered()
    gathered.people = _people(conn, walked, person_id, gathered)
    return Balance(
        given=given,
        received=received,
        people=gathered.people,
        owed=_owed(conn, gathered),
        one_way=_one_way(gathered),
    )


#: Per person id: gave, got, and the oldest help owed: its date, its id, how many.
_Walked = dict[int, tuple[int, int, str | None, int, int]]


def _walk_help(conn: sqlite3.Connection, person_id: int | None) -> _Walked:
    """Each person's help counts and help owed, from one ordered pass over the help index."""
    where = "WHERE person_id = ?" if person_id is not None else ""
    cursor = conn.execute(
        # The order of ix_help_person_direction_date, which SQLite reads for it.
        f"SELECT person_id, direction = 'gave', date, id FROM help {where} "
        "ORDER BY person_id, direction, date, id",
        () if person_id is None else (person_id,),
    )
    out: _Walked = {}
    current = -1
    gave = got = times = since_id = 0
    last_gave = ""  # the date of the last help given back ("" before any)
    since: str | None = None
    for pid, is_gave, day, hid in cursor:
        if pid != current:
            if gave or got:
                out[current] = (gave, got, since, since_id, times)
            current, gave, got, times, since_id, last_gave, since = pid, 0, 0, 0, 0, "", None
        if is_gave:
            gave += 1
            last_gave = day
        else:
            got += 1
            if day >= last_gave:  # received on or after the last help given back: owed
                if since is None:
                    since, since_id = day, hid
                times += 1
    if gave or got:
        out[current] = (gave, got, since, since_id, times)
    return out


class _Gathered:
    """What the walk of people by key gathers for the lists that follow it."""

    __slots__ = ("one_way", "owed", "people")

    def __init__(self) -> None:
        self.owed: list[tuple[str, str, str, int, int]] = []  # since, key, name, help id, times
        self.one_way: list[tuple[int, str, str, int]] = []  # -gave, key, name, gave
        self.people: Iterator[PersonBalance] = iter(())

    def finish(self) -> None:
        """The people not read yet (a listing cut short) still count for the lists after."""
        for _row in self.people:
            pass


def _people(
    conn: sqlite3.Connection, walked: _Walked, person_id: int | None, gathered: _Gathered
) -> Iterator[PersonBalance]:
    where = "WHERE id = ?" if person_id is not None else ""
    cursor = conn.execute(
        f"SELECT id, key, name FROM person {where} ORDER BY key",
        () if person_id is None else (person_id,),
    )
    owed, one_way = gathered.owed, gathered.one_way
    get = walked.get
    for pid, key, name in cursor:
        found = get(pid)
        if found is None:
            continue
        gave, got, since, since_id, times = found
        if since is not None:
            owed.append((since, key, name, since_id, times))
        if not got and gave >= 2:
            one_way.append((-gave, key, name, gave))
        yield key, name, gave, got, gave - got


def _owed(conn: sqlite3.Connection, gathered: _Gathered) -> Iterator[OwedRow]:
    from netjournal.services.batch import chunks

    gathered.finish()
    owed = sorted(gathered.owed)
    what: dict[int, str] = {}
    for part in chunks([o[3] for o in owed]):
        marks = ",".join("?" * len(part))
        what.update(conn.execute(f"SELECT id, what FROM help WHERE id IN ({marks})", part))
    for since, key, name, since_id, times in owed:
        yield key, name, since, what.get(since_id, ""), times


def _one_way(gathered: _Gathered) -> Iterator[PersonBalance]:
    gathered.finish()
    for _minus, key, name, gave in sorted(gathered.one_way):
        yield key, name, gave, 0, gave


# The owed list in one statement, as its definition reads (``net today`` keeps
# to it, and the tests hold the walk of :func:`balance` to it).
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


def _rows(conn: sqlite3.Connection, sql: str, params: Mapping[str, object]) -> Iterator[Any]:
    """A query's rows as they come, the query run when the first is asked for."""

    def run() -> Iterator[sqlite3.Cursor]:
        yield conn.execute(sql, params)

    return chain.from_iterable(run())


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
def balance_report(journal: Journal, ref: str | None = None) -> Iterator[Balance]:
    """``net balance``: for everyone, or for the person ``ref`` names.

    The balance's listings are read while the ``with`` block lasts (one
    read transaction): print them inside it.
    """
    from netjournal.services.people import resolve

    with journal.read() as conn:
        pid = resolve(conn, ref)[0] if ref is not None else None
        yield balance(conn, pid)
