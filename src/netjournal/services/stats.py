"""The health of the network: size, activity, warmth, reciprocity, diversity.

Every figure is an SQL aggregate over indexed columns, most of them counted
from an index alone; nothing loads all events into Python.  The matching
index is checked with one row (the lexicon it was built against), so a
current journal never loads the matching code.
"""

from __future__ import annotations

import math
import sqlite3
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import TYPE_CHECKING

from netjournal.services.stale import LAST_CONTACT_SQL, cadence_sql, default_cadence

if TYPE_CHECKING:
    from netjournal.store import Journal


@dataclass(slots=True)
class Spread:
    """How evenly people spread over kinds (domains, organisations, cities)."""

    evenness: float | None
    kinds: int
    top: list[tuple[str, int]]

    def public(self) -> dict[str, object]:
        top = [[k, n] for k, n in self.top]
        return {"evenness": self.evenness, "kinds": self.kinds, "top": top}


@dataclass(slots=True)
class NeedStats:
    """Needs recorded, how they ended, how long the met ones stayed open."""

    recorded: int = 0
    open: int = 0
    met: int = 0
    dropped: int = 0
    met_by_introduction: int = 0  # met through a person you introduced them to
    median_days_to_meet: float | None = None


@dataclass(slots=True)
class Stats:
    today: date
    people: int
    direct: int
    via: int
    contacts_this_month: int
    people_contacted_this_month: int
    months: list[tuple[str, int]]
    warm: int
    warm_share: float | None
    help_given: int
    help_received: int
    domains: Spread
    orgs: Spread
    cities: Spread
    reading: str
    needs: NeedStats = field(default_factory=NeedStats)

    def public(self) -> dict[str, object]:
        """The document of ``--json`` (its fields in the order declared)."""
        return {
            "today": self.today.isoformat(),
            "people": self.people,
            "direct": self.direct,
            "via": self.via,
            "contacts_this_month": self.contacts_this_month,
            "people_contacted_this_month": self.people_contacted_this_month,
            "months": [[m, n] for m, n in self.months],
            "warm": self.warm,
            "warm_share": self.warm_share,
            "help_given": self.help_given,
            "help_received": self.help_received,
            "domains": self.domains.public(),
            "orgs": self.orgs.public(),
            "cities": self.cities.public(),
            "reading": self.reading,
            "needs": {
                "recorded": self.needs.recorded,
                "open": self.needs.open,
                "met": self.needs.met,
                "dropped": self.needs.dropped,
                "met_by_introduction": self.needs.met_by_introduction,
                "median_days_to_meet": self.needs.median_days_to_meet,
            },
        }


def _months(today: date, count: int = 12) -> list[str]:
    out = []
    year, month = today.year, today.month
    for _ in range(count):
        out.append(f"{year:04d}-{month:02d}")
        month -= 1
        if month == 0:
            year, month = year - 1, 12
    return list(reversed(out))


def spread(counts: list[tuple[str, int]]) -> Spread:
    """Pielou's evenness (Shannon entropy over its maximum), 0..1; None for < 2 kinds."""
    total = sum(c for _k, c in counts)
    evenness = None
    if len(counts) >= 2 and total:
        entropy = -sum((c / total) * math.log(c / total) for _k, c in counts if c)
        evenness = round(entropy / math.log(len(counts)), 3)
    top = sorted(counts, key=lambda kc: (-kc[1], kc[0]))[:5]
    return Spread(evenness=evenness, kinds=len(counts), top=top)


def network_stats(conn: sqlite3.Connection, today: date) -> Stats:
    # A plain count(*) reads no row; the few people known through someone are one range.
    people = conn.execute("SELECT count(*) FROM person").fetchone()[0]
    via = conn.execute("SELECT count(*) FROM person WHERE via_id IS NOT NULL").fetchone()[0]
    direct = people - via
    months = _months(today)
    # The counts a month that every write keeps (m019), not a count of the year's dates.
    counted = dict(
        conn.execute(
            "SELECT month, n FROM interaction_month WHERE month >= ? AND month <= ?",
            (months[0], months[-1]),
        ).fetchall()
    )
    per_month = [counted.get(m, 0) for m in months]
    start = months[-1] + "-01"
    this_month = conn.execute(
        "SELECT count(*) FROM interaction WHERE date >= ? AND date <= ?",
        (start, today.isoformat()),
    ).fetchone()[0]
    contacted = conn.execute(
        "SELECT count(*) FROM (SELECT DISTINCT person_id FROM interaction "
        "WHERE date >= ? AND date <= ?)",
        (start, today.isoformat()),
    ).fetchone()[0]
    warm = warm_ties(conn, today)
    # Help each way: the total is a plain count, the help given read from an index.
    # (a direction is 'gave' or 'got': the table's CHECK says so).
    gave = conn.execute("SELECT count(*) FROM help WHERE direction = 'gave'").fetchone()[0]
    got = conn.execute("SELECT count(*) FROM help").fetchone()[0] - gave
    domains = conn.execute(
        "SELECT domain, count(*) FROM person WHERE domain IS NOT NULL GROUP BY domain"
    ).fetchall()
    if not domains:
        domains = conn.execute(
            "SELECT name, count(*) FROM person_label WHERE kind = 'skill' GROUP BY norm"
        ).fetchall()
    orgs = conn.execute(
        "SELECT org, count(*) FROM person WHERE org IS NOT NULL GROUP BY lower(org)"
    ).fetchall()
    cities = conn.execute(
        "SELECT city, count(*) FROM person WHERE city IS NOT NULL GROUP BY lower(city)"
    ).fetchall()
    stats = Stats(
        today=today,
        people=people,
        direct=direct,
        via=people - direct,
        contacts_this_month=this_month,
        people_contacted_this_month=contacted,
        months=list(zip(months, per_month, strict=True)),
        warm=warm,
        warm_share=round(warm / direct, 3) if direct else None,
        help_given=gave,
        help_received=got,
        domains=spread(domains),
        orgs=spread(orgs),
        cities=spread(cities),
        reading="",
    )
    stats.needs = need_stats(conn)
    stats.reading = reading(stats)
    return stats


def warm_ties(conn: sqlite3.Connection, today: date) -> int:
    """Direct ties contacted (or added) within their cadence: ``days_since <= cadence``.

    Dates are ISO text, so "within the default cadence" is one comparison with
    one date, and those people (most of them) are one range of
    ``ix_person_warmth``; people with a cadence of their own are the next
    range of the same index.  With tag cadences, each person's cadence is
    worked out as ``net stale`` does.
    """
    default = default_cadence(conn)
    params = {"default": default, "today": today.isoformat()}
    if "tc.days" in cadence_sql(conn):  # some tag has a cadence: each person's is looked up
        return int(
            conn.execute(
                "SELECT count(*) FROM ("
                + LAST_CONTACT_SQL.format(cadence=cadence_sql(conn), tag_filter="")
                + ") WHERE days_since <= cadence",
                params,
            ).fetchone()[0]
        )
    try:
        since = (today - timedelta(days=default)).isoformat()
    except OverflowError:  # a cadence longer than the calendar: everyone is warm
        since = ""
    on_default, own = conn.execute(
        "SELECT (SELECT count(*) FROM person WHERE via_id IS NULL AND cadence_days IS NULL "
        " AND coalesce(last_contact, added) >= :since), "
        "(SELECT count(*) FROM person WHERE via_id IS NULL AND cadence_days IS NOT NULL "
        " AND CAST(julianday(:today) - julianday(coalesce(last_contact, added)) AS INTEGER)"
        " <= cadence_days)",
        {**params, "since": since},
    ).fetchone()
    return int(on_default) + int(own)


def need_stats(conn: sqlite3.Connection) -> NeedStats:
    """How needs went: counts by status, introductions that met one, days to meet."""
    counts = dict(conn.execute("SELECT status, count(*) FROM need GROUP BY status").fetchall())
    introduced = conn.execute(
        "SELECT count(*) FROM need WHERE status = 'met' AND met_by_id IS NOT NULL "
        "AND person_id IS NOT NULL"
    ).fetchone()[0]
    days = [
        r[0]
        for r in conn.execute(
            "SELECT julianday(closed) - julianday(date) AS d FROM need "
            "WHERE status = 'met' ORDER BY d"
        )
    ]
    median = None
    if days:
        middle = len(days) // 2
        median = float(days[middle] if len(days) % 2 else (days[middle - 1] + days[middle]) / 2)
    return NeedStats(
        recorded=sum(counts.values()),
        open=counts.get("open", 0),
        met=counts.get("met", 0),
        dropped=counts.get("dropped", 0),
        met_by_introduction=introduced,
        median_days_to_meet=median,
    )


def reading(s: Stats) -> str:
    """The figures in plain words."""
    if not s.people:
        return "The journal is empty: add the people you know with 'net add'."
    parts = []
    lean = []
    if s.domains.top and s.people and s.domains.top[0][1] / s.people >= 0.4:
        lean.append(f"in {s.domains.top[0][0]}")
    if s.cities.top and s.cities.top[0][1] / s.people >= 0.4:
        lean.append(f"in {s.cities.top[0][0]}")
    if lean:
        parts.append("most of your network is " + " ".join(lean))
    else:
        parts.append("your network is varied across fields and places")
    if s.help_given + s.help_received:
        if not s.help_given:
            parts.append("so far you have received help and given none")
        elif not s.help_received:
            parts.append("so far you have given help and received none")
        elif s.help_received > 2 * s.help_given:
            parts.append("you receive much more help than you give")
        elif s.help_given > 2 * s.help_received:
            parts.append("you give much more help than you receive")
        else:
            parts.append("help flows both ways")
    if s.warm_share is not None:
        parts.append(f"{round(100 * s.warm_share)}% of your direct ties are warm")
    text = "; ".join(parts)
    return text[0].upper() + text[1:] + "."


def stats_report(journal: Journal, today: date) -> Stats:
    """``net stats``, on a current matching index (each person's field comes from it)."""
    from netjournal.store.lexicon import index_is_current

    with journal.read() as conn:
        if index_is_current(conn):
            return network_stats(conn, today)
    from netjournal.services.evidence import ensure_index

    ensure_index(journal)
    with journal.read() as conn:
        return network_stats(conn, today)
