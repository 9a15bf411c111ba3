"""``net today``: a short morning digest — cold ties, help owed, birthdays."""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import TYPE_CHECKING

from netjournal.services.balance import Owed
from netjournal.services.needs import Need, needs_report
from netjournal.services.records import jsonable
from netjournal.services.stale import StaleTie, stale_ties

if TYPE_CHECKING:
    from netjournal.circle.needs import CircleNeeds
    from netjournal.store import Journal

BIRTHDAY_DAYS = 14


@dataclass(slots=True)
class Birthday:
    key: str
    name: str
    date: date
    in_days: int


@dataclass(slots=True)
class MorningDigest:
    today: date
    stale: list[StaleTie]
    owed: list[Owed]
    birthdays: list[Birthday]
    needs: list[Need] = field(default_factory=list)
    circles: CircleNeeds | None = None  # the circles' needs this journal could meet

    def empty(self) -> bool:
        circle_needs = self.circles.needs if self.circles else []
        return not (self.stale or self.owed or self.birthdays or self.needs or circle_needs)

    def public(self) -> dict[str, object]:
        """The document of ``net today --json``; needs as in ``net needs --json``."""
        return {
            "today": self.today.isoformat(),
            "stale": [s.public() for s in self.stale],
            "owed": jsonable(self.owed),
            "birthdays": jsonable(self.birthdays),
            "needs": [n.public() for n in self.needs],
        } | (
            {"circle_needs": [n.public() for n in self.circles.needs]}
            if self.circles and self.circles.joined
            else {}
        )


def _month_days(today: date, days: int) -> list[tuple[str, str]]:
    """The ``MM-DD`` ranges a birthday in ``today`` … ``today + days`` falls in."""
    if days >= 365:
        return [("01-01", "12-31")]
    first, last = today.strftime("%m-%d"), (today + timedelta(days=days)).strftime("%m-%d")
    ranges = [(first, last)] if first <= last else [(first, "12-31"), ("01-01", last)]

    def within(day: str) -> bool:
        return any(a <= day <= b for a, b in ranges)

    if within("03-01") and not within("02-29"):  # 29 February: 1 March in a common year
        ranges.append(("02-29", "02-29"))
    return ranges


def upcoming_birthdays(conn: sqlite3.Connection, today: date, days: int) -> list[Birthday]:
    """Birthdays in the next ``days`` days, soonest first.

    Only the people whose month and day fall in the window are read (the
    birthday index, ``m018``); each is then placed in this year or the next.
    """
    if days < 0:
        return []
    out = []
    found = (
        row
        for first, last in _month_days(today, days)
        for row in conn.execute(
            "SELECT key, name, birthday FROM person WHERE birthday IS NOT NULL "
            "AND substr(birthday, -5) BETWEEN ? AND ?",
            (first, last),
        )
    )
    for key, name, raw in found:
        # ``--MM-DD`` is a birthday without a year (2000 stands in: it has 29 February).
        born = date.fromisoformat("2000" + raw[1:] if raw.startswith("--") else raw)
        for year in (today.year, today.year + 1):
            try:
                next_one = born.replace(year=year)
            except ValueError:  # 29 February in a common year
                next_one = date(year, 3, 1)
            if today <= next_one <= today + timedelta(days=days):
                out.append(
                    Birthday(key=key, name=name, date=next_one, in_days=(next_one - today).days)
                )
                break
    return sorted(out, key=lambda b: (b.in_days, b.key))


def oldest_owed(conn: sqlite3.Connection, limit: int) -> list[Owed]:
    """The first ``limit`` rows of :func:`~netjournal.services.balance.owed_help`, read early.

    Help received is walked oldest first (the dates' index); a row is owed when
    no help given back to that person comes after it.  The walk stops once
    ``limit`` people are found and the date has moved past the last of them, so
    a few rows are read instead of the whole help table; the answer is the same.
    """
    if limit <= 0:
        return []
    found: dict[int, str] = {}  # person → the oldest help still owed
    rows = conn.execute(
        "SELECT h.person_id, h.date FROM help h WHERE h.direction = 'got' AND NOT EXISTS "
        "(SELECT 1 FROM help g WHERE g.person_id = h.person_id AND g.direction = 'gave' "
        "AND g.date > h.date) ORDER BY h.date"
    )
    for pid, day in rows:
        if len(found) >= limit and day > max(found.values()):
            break
        found.setdefault(pid, day)
    owed = []
    for pid, since in found.items():
        key, name = conn.execute("SELECT key, name FROM person WHERE id = ?", (pid,)).fetchone()
        times, what = conn.execute(
            "SELECT count(*), (SELECT x.what FROM help x WHERE x.person_id = :pid "
            " AND x.direction = 'got' AND x.date = :since ORDER BY x.id LIMIT 1) "
            "FROM help WHERE person_id = :pid AND direction = 'got' AND date >= :since",
            {"pid": pid, "since": since},
        ).fetchone()
        owed.append(
            Owed(key=key, name=name, since=date.fromisoformat(since), what=what or "", times=times)
        )
    owed.sort(key=lambda o: (o.since, o.key))
    return owed[:limit]


def morning_digest(journal: Journal, today: date, *, limit: int = 3) -> MorningDigest:
    """``net today``: a few ties going cold, help owed, birthdays, needs you could meet."""
    with journal.read() as conn:
        digest = MorningDigest(
            today=today,
            stale=stale_ties(conn, today, limit=limit),
            owed=oldest_owed(conn, limit),
            birthdays=upcoming_birthdays(conn, today, BIRTHDAY_DAYS),
        )
        joined = conn.execute("SELECT 1 FROM circle WHERE conninfo IS NOT NULL LIMIT 1").fetchone()
    digest.needs = needs_report(journal, today, wanted=limit)
    if joined:  # the circles' code (and its driver) only for a journal in a circle
        from netjournal.circle.needs import circle_needs

        digest.circles = circle_needs(journal, today, wanted=limit)
    return digest
