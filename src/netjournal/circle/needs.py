"""Needs in a circle: post yours, and see the other members' that your journal could meet.

Posting.  ``net need NEED --circle NAME`` (or ``net circle share --need ID``)
marks a need of this journal as posted to a circle (table ``circle_need``).
What the circle receives is the need's text, its date and, for someone else's
need, that person's name, so that nobody offers them their own need; nothing
else of the journal.  A sync publishes the open posted needs and withdraws the
others (met, dropped, unposted) in the same server transaction as the people.
Posting and closing a need also try to publish at once and say so when the
server does not answer: the next ``net circle sync`` catches up.

Seeing.  ``net needs`` and ``net today`` ask each circle the journal joined
for the other members' open needs and answer each from this journal, with the
engine of ``net ask`` (:func:`netjournal.services.ask.ask`): the person who
needs it is never suggested, and a need nobody here fits is left out.  The
answers are kept (``circle_need_match``) with the stamp of ``need_match``
(the day, the journal's network version, the engine), so that a listing asks
the engine only for needs that are new or changed since.  A
circle that does not answer becomes a hint, never an error: local commands
keep working offline.
"""

from __future__ import annotations

import json
import sqlite3
from dataclasses import dataclass, field
from datetime import date
from typing import TYPE_CHECKING

from netjournal.circle.connect import CircleError, connect, refused
from netjournal.circle.local import find_circle

if TYPE_CHECKING:
    import psycopg

    from netjournal.services.ask import Suggestion
    from netjournal.services.needs import Need
    from netjournal.store import Journal

#: Seconds a local command (``net needs``, ``net today``) waits for a circle's server.
READ_TIMEOUT = 3
#: The newest open needs of a circle that ``net needs`` weighs (oldest of them first).
MAX_CIRCLE_NEEDS = 200
#: The server version that knows whose need a need is (``need.for_name``).
NEEDS_VERSION = 2


# ------------------------------------------------------------------ publishing


@dataclass(frozen=True)
class PostedNeed:
    """A need as the circle sees it."""

    ref: str  # the need's id in the journal that posted it
    need: str
    posted: str  # ISO date
    for_name: str | None  # None: the member's own need

    def row(self) -> tuple[str, str, str | None]:
        return (self.need, self.posted, self.for_name)


def posted_needs(conn: sqlite3.Connection, circle: str) -> list[PostedNeed]:
    """The open needs this journal posts to ``circle``."""
    return [
        PostedNeed(str(ref), str(text), str(day), None if name is None else str(name))
        for ref, text, day, name in conn.execute(
            "SELECT n.id, n.text, n.date, p.name FROM circle_need c "
            "JOIN need n ON n.id = c.need_id LEFT JOIN person p ON p.id = n.person_id "
            "WHERE c.circle = ? AND n.status = 'open' ORDER BY n.id",
            (circle,),
        )
    ]


def push_needs(
    pg: psycopg.Connection, circle: str, needs: list[PostedNeed]
) -> tuple[int, int, int]:
    """Make the member's needs on the server ``needs``: (posted or changed, withdrawn, same).

    Runs inside the caller's transaction, after the member was checked.
    """
    from netjournal.circle.schema import compose, server_version

    version = server_version(pg, circle)
    if version < NEEDS_VERSION:
        if needs:
            raise CircleError(
                f"the circle {circle!r} is older than this netjournal and cannot take needs yet",
                hint=f"ask the organiser to run 'net circle upgrade --circle {circle}'",
            )
        deleted = pg.execute(
            compose("DELETE FROM {s}.need WHERE owner = session_user", circle)
        ).rowcount
        return 0, deleted, 0
    held: dict[str, tuple[str, str, str | None]] = {
        str(ref): (str(text), day.isoformat(), name)
        for ref, text, day, name in pg.execute(
            compose(
                "SELECT ref, need, posted, for_name FROM {s}.need "
                "WHERE owner = session_user AND status = 'open'",
                circle,
            )
        ).fetchall()
    }
    wanted = {n.ref: n for n in needs}
    changed = [n for n in needs if held.get(n.ref) != n.row()]
    gone = [ref for ref in held if ref not in wanted]
    stale = gone + [n.ref for n in changed if n.ref in held]
    if stale:
        pg.execute(
            compose("DELETE FROM {s}.need WHERE owner = session_user AND ref = ANY(%s)", circle),
            (stale,),
        )
    if changed:
        pg.execute(
            compose(
                "INSERT INTO {s}.need (ref, need, posted, for_name) "
                "SELECT * FROM unnest(%s::text[], %s::text[], %s::date[], %s::text[]) "
                "ON CONFLICT (owner, ref) DO UPDATE SET need = excluded.need, "
                "posted = excluded.posted, for_name = excluded.for_name, status = 'open'",
                circle,
            ),
            (
                [n.ref for n in changed],
                [n.need for n in changed],
                [n.posted for n in changed],
                [n.for_name for n in changed],
            ),
        )
    return len(changed), len(gone), len(needs) - len(changed)


@dataclass(frozen=True)
class Publishing:
    """What became of publishing a circle's needs at once."""

    circle: str
    posted: int = 0
    withdrawn: int = 0
    problem: str | None = None  # the server did not answer or refused: the next sync will
    hint: str | None = None


def publish_needs(journal: Journal, circle: str) -> Publishing:
    """Publish this journal's posted needs to ``circle`` now; never fails, says why not."""
    with journal.read() as conn:
        info = find_circle(conn, circle, "member")
        needs = posted_needs(conn, info.name)
    assert info.conninfo is not None
    try:
        import psycopg
    except ImportError:
        return Publishing(info.name, problem=NO_DRIVER)
    from netjournal.circle.schema import member_key

    try:
        with connect(
            info.conninfo, what=f"the circle {info.name!r}", timeout=READ_TIMEOUT, prompt=False
        ) as pg:
            try:
                with pg.transaction():
                    member_key(pg, info.name)
                    pg.execute("SELECT pg_advisory_xact_lock(hashtext(session_user))")
                    posted, withdrawn, _same = push_needs(pg, info.name, needs)
            except psycopg.Error as exc:
                raise refused(exc, "the needs") from exc
    except CircleError as exc:
        return Publishing(info.name, problem=exc.message, hint=exc.hint)
    return Publishing(info.name, posted, withdrawn)


def _open_need_id(conn: sqlite3.Connection, ref: str) -> tuple[str, str]:
    from netjournal.services.needs import find_need

    nid = str(find_need(conn, ref)[0])
    status = str(conn.execute("SELECT status FROM need WHERE id = ?", (nid,)).fetchone()[0])
    return nid, status


def record_and_post(
    journal: Journal, circle: str | None, text: str, on: date, for_ref: str | None
) -> tuple[Need, bool, Publishing]:
    """``net need NEED --circle NAME``: record and post it; publish it if the server answers."""
    from netjournal.circle.local import circle_info
    from netjournal.services.needs import add_need

    info = circle_info(journal, circle, "member")  # an unknown circle records nothing
    found, is_new = add_need(journal, text, on, for_ref)
    with journal.write(network=False) as conn:
        conn.execute(
            "INSERT OR IGNORE INTO circle_need (circle, need_id) VALUES (?, ?)",
            (info.name, found.id),
        )
    return found, is_new, publish_needs(journal, info.name)


@dataclass(frozen=True)
class NeedPosting:
    need_id: str
    posted: bool  # posted now (else withdrawn)
    publishing: Publishing


def change_posting(journal: Journal, circle: str | None, ref: str, *, post: bool) -> NeedPosting:
    """``net circle share --need ID`` / ``unshare --need ID``: post or withdraw one need."""
    from netjournal.errors import InvalidInput

    with journal.write(network=False) as conn:
        info = find_circle(conn, circle, "member")
        nid, status = _open_need_id(conn, ref)
        if post:
            if status != "open":
                raise InvalidInput(
                    f"{nid} is {status} already: only open needs are posted to a circle",
                    hint="'net needs' lists the open needs",
                )
            conn.execute(
                "INSERT OR IGNORE INTO circle_need (circle, need_id) VALUES (?, ?)",
                (info.name, nid),
            )
        else:
            conn.execute(
                "DELETE FROM circle_need WHERE circle = ? AND need_id = ?", (info.name, nid)
            )
    return NeedPosting(nid, post, publish_needs(journal, info.name))


def withdraw_closed(journal: Journal, need_id: str) -> list[Publishing]:
    """After ``net need done`` / ``drop``: withdraw the need from the circles it was posted to.

    A journal without circles, or a need never posted, costs one indexed read
    and loads no driver.
    """
    with journal.read() as conn:
        circles = [
            str(r[0])
            for r in conn.execute(
                "SELECT c.circle FROM circle_need c JOIN circle k ON k.name = c.circle "
                "WHERE c.need_id = ? AND k.conninfo IS NOT NULL ORDER BY c.circle",
                (need_id,),
            )
        ]
    return [publish_needs(journal, c) for c in circles]


NO_DRIVER = "the PostgreSQL driver is not installed (pip install 'netjournal[circle]')"


# ------------------------------------------------------------------ seeing


@dataclass
class CircleNeed:
    """Another member's open need, with whom of this journal could meet it."""

    circle: str
    id: str  # the need's id in the journal of the member who posted it
    member: str  # their key in the circle
    member_name: str
    for_name: str | None  # None: the member's own need
    need: str
    date: date
    matches: list[Suggestion] = field(default_factory=list)

    def public(self) -> dict[str, object]:
        return {
            "circle": self.circle,
            "id": self.id,
            "posted_by": self.member,
            "posted_by_name": self.member_name,
            "for_name": self.for_name,
            "need": self.need,
            "date": self.date.isoformat(),
            "matches": [m.public() for m in self.matches],
        }


@dataclass
class CircleNeeds:
    """The circles' needs this journal could help with, and the circles that did not answer."""

    joined: bool = False  # the journal joined at least one circle
    needs: list[CircleNeed] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)


def _joined(journal: Journal) -> list[tuple[str, str]]:
    with journal.read() as conn:
        return [
            (str(n), str(c))
            for n, c in conn.execute(
                "SELECT name, conninfo FROM circle WHERE conninfo IS NOT NULL ORDER BY name"
            )
        ]


def _fetch(pg: psycopg.Connection, circle: str) -> list[CircleNeed]:
    from netjournal.circle.schema import compose, member_key, server_version

    member_key(pg, circle)
    for_name = "n.for_name" if server_version(pg, circle) >= NEEDS_VERSION else "NULL::text"
    rows = pg.execute(
        compose(
            f"SELECT n.ref, n.need, n.posted, {for_name}, m.key, m.name "
            "FROM {s}.need n JOIN {s}.member m ON m.role = n.owner "
            "WHERE n.status = 'open' AND n.owner <> session_user "
            "ORDER BY n.posted DESC, m.key, n.ref LIMIT %s",
            circle,
        ),
        (MAX_CIRCLE_NEEDS,),
    ).fetchall()
    return [
        CircleNeed(circle, str(ref), str(key), str(name), who, str(text), day)
        for ref, text, day, who, key, name in reversed(rows)
    ]


def _read_circle(name: str, conninfo: str) -> list[CircleNeed]:
    import psycopg

    with connect(conninfo, what=f"the circle {name!r}", timeout=READ_TIMEOUT, prompt=False) as pg:
        try:
            with pg.transaction():
                pg.execute("SET TRANSACTION READ ONLY")
                return _fetch(pg, name)
        except psycopg.Error as exc:
            raise refused(exc, "reading its needs") from exc


def match_from_journal(
    conn: sqlite3.Connection, need: CircleNeed, today: date, limit: int
) -> list[Suggestion]:
    """Who of this journal could meet a circle need: never the person who needs it."""
    from netjournal.matching.text import fold
    from netjournal.services.ask import ask

    who = fold(need.for_name or need.member_name)
    them = [int(r[0]) for r in conn.execute("SELECT id FROM person WHERE norm_name = ?", (who,))]
    answer = ask(
        conn, need.need, today=today, for_id=them[0] if them else None, limit=limit + len(them)
    )
    return [s for s in answer.suggestions if fold(s.name) != who][:limit]


def circle_needs(journal: Journal, today: date, *, wanted: int | None = None) -> CircleNeeds:
    """The other members' open needs that someone in this journal could meet.

    ``wanted``: at most that many (``net today``).  Circles are asked one after
    the other; one that does not answer adds a problem and the others count.
    """
    from netjournal.services.needs import MATCHES

    joined = _joined(journal)
    report = CircleNeeds(joined=bool(joined))
    if not joined:
        return report
    try:
        import psycopg  # noqa: F401
    except ImportError:
        report.problems.append(f"{NO_DRIVER}: the circles' needs are left out")
        return report
    fetched: list[CircleNeed] = []
    answered: list[str] = []
    for name, conninfo in joined:
        try:
            fetched += _read_circle(name, conninfo)
            answered.append(name)
        except CircleError as exc:
            report.problems.append(f"{exc.message}; its needs are left out")
    if not answered:
        return report
    from netjournal.services.evidence import ensure_index
    from netjournal.services.needs import stamp

    if fetched:
        ensure_index(journal)
    computed: dict[tuple[str, str, str], tuple[str, list[Suggestion]]] = {}
    with journal.read() as conn:
        current = stamp(conn, today)
        kept = _kept(conn, current)
        still = {(n.circle, n.member, n.id) for n in fetched}
        gone = [
            (str(c), str(m), str(r))
            for c, m, r in conn.execute("SELECT circle, member, ref FROM circle_need_match")
            if c in answered and (c, m, r) not in still
        ]
        for need in sorted(fetched, key=lambda n: (n.date, n.circle, n.member, n.id)):
            where, question = (need.circle, need.member, need.id), _question(need)
            if where in kept and kept[where][0] == question:
                need.matches = kept[where][1]
            else:
                need.matches = match_from_journal(conn, need, today, MATCHES)
                computed[where] = (question, need.matches)
            if need.matches:
                report.needs.append(need)
                if wanted is not None and len(report.needs) >= wanted:
                    break
    _keep(journal, computed, current, gone)
    return report


def _question(need: CircleNeed) -> str:
    return f"{need.for_name or need.member_name}\n{need.need}"


def _kept(
    conn: sqlite3.Connection, current: str
) -> dict[tuple[str, str, str], tuple[str, list[Suggestion]]]:
    """The answers kept for circle needs, computed for ``current``."""
    from netjournal.services.ask import Suggestion

    return {
        (str(c), str(m), str(r)): (str(q), [Suggestion(**s) for s in json.loads(matches)])
        for c, m, r, q, matches in conn.execute(
            "SELECT circle, member, ref, question, matches FROM circle_need_match WHERE stamp = ?",
            (current,),
        )
    }


def _keep(
    journal: Journal,
    computed: dict[tuple[str, str, str], tuple[str, list[Suggestion]]],
    current: str,
    gone: list[tuple[str, str, str]],
) -> None:
    """Keep what was asked, and forget the needs the circles that answered no longer hold."""
    from netjournal.errors import JournalError
    from netjournal.services.needs import stamp
    from netjournal.services.records import jsonable

    if not computed and not gone:
        return
    try:
        with journal.write(network=False) as conn:
            if stamp(conn, date.fromisoformat(current[:10])) != current:
                return  # the journal changed meanwhile: these answers are stale already
            conn.executemany(
                "DELETE FROM circle_need_match WHERE circle = ? AND member = ? AND ref = ?", gone
            )
            conn.executemany(
                "INSERT INTO circle_need_match (circle, member, ref, question, stamp, matches) "
                "VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (circle, member, ref) DO UPDATE SET "
                "question = excluded.question, stamp = excluded.stamp, matches = excluded.matches",
                [
                    (*where, question, current, json.dumps([jsonable(m) for m in matches]))
                    for where, (question, matches) in computed.items()
                ],
            )
    except JournalError:
        pass  # a read-only or busy journal: the answer stands, only the cache is not kept
