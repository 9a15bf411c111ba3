"""``net today``: a short morning digest — cold ties, help owed, birthdays."""

from __future__ import annotations

import sqlite3
from datetime import date, timedelta
from typing import TYPE_CHECKING

from pydantic import BaseModel

from netjournal.services.balance import Owed, balance
from netjournal.services.needs import Need, needs_report
from netjournal.services.stale import StaleTie, stale_ties

if TYPE_CHECKING:
    from netjournal.store import Journal

BIRTHDAY_DAYS = 14


class Birthday(BaseModel):
    key: str
    name: str
    date: date
    in_days: int


class MorningDigest(BaseModel):
    today: date
    stale: list[StaleTie]
    owed: list[Owed]
    birthdays: list[Birthday]
    needs: list[Need] = []

    def empty(self) -> bool:
        return not (self.stale or self.owed or self.birthdays or self.needs)

    def public(self) -> dict[str, object]:
        """The document of ``net today --json``; needs as in ``net needs --json``."""
        data = self.model_dump(mode="json", exclude={"stale": {"__all__": {"hint"}}, "needs": True})
        data["needs"] = [n.public() for n in self.needs]
        return data


def upcoming_birthdays(conn: sqlite3.Connection, today: date, days: int) -> list[Birthday]:
    out = []
    for key, name, raw in conn.execute(
        "SELECT key, name, birthday FROM person WHERE birthday IS NOT NULL"
    ):
        born = date.fromisoformat(raw)
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
            owed=balance(conn).owed[:limit],
            birthdays=upcoming_birthdays(conn, today, BIRTHDAY_DAYS),
        )
    digest.needs = needs_report(journal, today, wanted=limit)
    return digest
