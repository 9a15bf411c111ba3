"""``net today``: a short morning digest — cold ties, help owed, birthdays."""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import TYPE_CHECKING

from netjournal.services.balance import Owed, owed_help
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


def upcoming_birthdays(conn: sqlite3.Connection, today: date, days: int) -> list[Birthday]:
    out = []
    for key, name, raw in conn.execute(
        "SELECT key, name, birthday FROM person WHERE birthday IS NOT NULL"
    ):
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


def morning_digest(journal: Journal, today: date, *, limit: int = 3) -> MorningDigest:
    """``net today``: a few ties going cold, help owed, birthdays, needs you could meet."""
    with journal.read() as conn:
        digest = MorningDigest(
            today=today,
            stale=stale_ties(conn, today, limit=limit),
            owed=owed_help(conn, limit=limit),
            birthdays=upcoming_birthdays(conn, today, BIRTHDAY_DAYS),
        )
    digest.needs = needs_report(journal, today, wanted=limit)
    from netjournal.circle.needs import circle_needs

    digest.circles = circle_needs(journal, today, wanted=limit)
    return digest
