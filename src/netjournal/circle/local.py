"""What the journal remembers of its circles, and what it chose to share.

Tables of migration ``m011_circles``: ``circle`` (connection settings without
a password, the member's key, the organiser's settings when this journal made
the circle), ``circle_person`` (people shared one by one) and ``circle_tag``
(everyone with a tag); of ``m013_circle_needs``: ``circle_need`` (needs
posted).  Sharing and unsharing are local and work offline; ``net circle
sync`` publishes the result.
"""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING, Literal

from netjournal.errors import InvalidInput, NotFound

if TYPE_CHECKING:
    from netjournal.store import Journal


@dataclass(frozen=True)
class CircleInfo:
    name: str
    conninfo: str | None
    member: str | None
    admin_conninfo: str | None
    joined: str | None
    last_sync: str | None
    people: int = 0
    tags: tuple[str, ...] = ()

    def public(self) -> dict[str, object]:
        return {
            "name": self.name,
            "member": self.member,
            "conninfo": self.conninfo,
            "organiser": self.admin_conninfo is not None,
            "joined": self.joined,
            "last_sync": self.last_sync,
            "shared_people": self.people,
            "shared_tags": list(self.tags),
        }


_COLUMNS = "name, conninfo, member, admin_conninfo, joined, last_sync"


def _info(conn: sqlite3.Connection, row: tuple[object, ...]) -> CircleInfo:
    name = str(row[0])
    tags = tuple(
        r[0]
        for r in conn.execute("SELECT tag FROM circle_tag WHERE circle = ? ORDER BY tag", (name,))
    )
    people = len(shared_ids(conn, name))
    conninfo, member, admin, joined, last_sync = (None if v is None else str(v) for v in row[1:6])
    return CircleInfo(name, conninfo, member, admin, joined, last_sync, people, tags)


def find_circle(
    conn: sqlite3.Connection, name: str | None, role: Literal["member", "organiser"]
) -> CircleInfo:
    """The circle a command is about: the one named, else the only one this journal has."""
    column = "conninfo" if role == "member" else "admin_conninfo"
    rows = conn.execute(
        f"SELECT {_COLUMNS} FROM circle WHERE {column} IS NOT NULL ORDER BY name"
    ).fetchall()
    doing = "joined" if role == "member" else "organise"
    if name is not None:
        for row in rows:
            if row[0] == name:
                return _info(conn, row)
        known = conn.execute("SELECT 1 FROM circle WHERE name = ?", (name,)).fetchone()
        if role == "member" and known:
            raise NotFound(
                f"you organise the circle {name!r} but have not joined it as a member",
                hint=f"add yourself ('net circle add-member NAME --circle {name}') and join",
            )
        if role == "organiser" and known:
            raise NotFound(
                f"this journal did not create the circle {name!r}",
                hint="only the organiser (the journal that ran 'net circle create') does this",
            )
        raise NotFound(
            f"no circle named {name!r} in this journal",
            hint="'net circle list' shows your circles; 'net circle join' joins one",
        )
    if len(rows) == 1:
        return _info(conn, rows[0])
    if not rows:
        raise NotFound(
            f"this journal has no circle you {doing}",
            hint="'net circle join NAME URI' joins one; 'net circle create' makes one",
        )
    names = ", ".join(r[0] for r in rows)
    raise InvalidInput(f"which circle? this journal has {names}", hint="add --circle NAME")


def list_circles(journal: Journal) -> list[CircleInfo]:
    with journal.read() as conn:
        rows = conn.execute(f"SELECT {_COLUMNS} FROM circle ORDER BY name").fetchall()
        return [_info(conn, row) for row in rows]


def circle_info(
    journal: Journal, name: str | None, role: Literal["member", "organiser"]
) -> CircleInfo:
    with journal.read() as conn:
        return find_circle(conn, name, role)


def remember_created(journal: Journal, name: str, admin_conninfo: str) -> None:
    with journal.write() as conn:
        conn.execute(
            "INSERT INTO circle (name, admin_conninfo) VALUES (?, ?) "
            "ON CONFLICT(name) DO UPDATE SET admin_conninfo = excluded.admin_conninfo",
            (name, admin_conninfo),
        )


def remember_joined(journal: Journal, name: str, conninfo: str, member: str, today: date) -> None:
    with journal.write() as conn:
        conn.execute(
            "INSERT INTO circle (name, conninfo, member, joined) VALUES (?, ?, ?, ?) "
            "ON CONFLICT(name) DO UPDATE SET conninfo = excluded.conninfo, "
            "member = excluded.member, joined = excluded.joined",
            (name, conninfo, member, today.isoformat()),
        )


def record_sync(journal: Journal, name: str, when: str) -> None:
    with journal.write() as conn:
        conn.execute("UPDATE circle SET last_sync = ? WHERE name = ?", (when, name))


def forget_membership(journal: Journal, name: str) -> None:
    """Forget a membership and its shares (an organiser keeps the organiser's settings)."""
    with journal.write() as conn:
        conn.execute("DELETE FROM circle_person WHERE circle = ?", (name,))
        conn.execute("DELETE FROM circle_tag WHERE circle = ?", (name,))
        conn.execute("DELETE FROM circle_need WHERE circle = ?", (name,))
        conn.execute("DELETE FROM circle WHERE name = ? AND admin_conninfo IS NULL", (name,))
        conn.execute(
            "UPDATE circle SET conninfo = NULL, member = NULL, joined = NULL, last_sync = NULL "
            "WHERE name = ?",
            (name,),
        )


# ------------------------------------------------------------------ sharing


def shared_ids(conn: sqlite3.Connection, circle: str) -> list[int]:
    """Everyone the journal shares with a circle: one by one, or by tag."""
    return [
        r[0]
        for r in conn.execute(
            "SELECT person_id FROM circle_person WHERE circle = ?1 "
            "UNION SELECT l.person_id FROM person_label l JOIN circle_tag t "
            "ON l.kind = 'tag' AND l.norm = t.tag WHERE t.circle = ?1 ORDER BY 1",
            (circle,),
        )
    ]


@dataclass(frozen=True)
class ShareChange:
    circle: str
    people: list[str]  # names of the people added or removed one by one
    tags: list[str]
    shared: int  # how many people the circle gets at the next sync
    still_by_tag: list[str]  # unshared one by one, but still shared through a tag


def change_shares(
    journal: Journal,
    circle: str | None,
    refs: list[str],
    tags: list[str],
    *,
    share: bool,
) -> ShareChange:
    """Share (or stop sharing) people and tags with a circle; published at the next sync."""
    from netjournal.matching.text import fold
    from netjournal.services.people import resolve

    if not refs and not tags:
        raise InvalidInput(
            "name at least one person or --tag",
            hint="e.g. net circle share 'Anna Rossi' --tag lawyers",
        )
    with journal.write() as conn:
        info = find_circle(conn, circle, "member")
        names, ids = [], []
        for ref in refs:
            pid, _key, name = resolve(conn, ref)
            ids.append(pid)
            if share:
                conn.execute(
                    "INSERT OR IGNORE INTO circle_person (circle, person_id) VALUES (?, ?)",
                    (info.name, pid),
                )
            else:
                conn.execute(
                    "DELETE FROM circle_person WHERE circle = ? AND person_id = ?", (info.name, pid)
                )
            names.append(name)
        folded = [fold(t) for t in tags if fold(t)]
        for tag in folded:
            if share:
                conn.execute(
                    "INSERT OR IGNORE INTO circle_tag (circle, tag) VALUES (?, ?)", (info.name, tag)
                )
            else:
                conn.execute(
                    "DELETE FROM circle_tag WHERE circle = ? AND tag = ?", (info.name, tag)
                )
        now_shared = set(shared_ids(conn, info.name))
    still = [] if share else [n for pid, n in zip(ids, names, strict=True) if pid in now_shared]
    return ShareChange(info.name, names, folded, len(now_shared), still)
