"""Creating, joining and looking at circles: the server's part and the journal's part together."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING

from netjournal.circle.connect import check_conninfo, check_name, connect, refused
from netjournal.circle.local import (
    CircleInfo,
    circle_info,
    remember_created,
    remember_joined,
)

if TYPE_CHECKING:
    from netjournal.circle.schema import Member, NewMember
    from netjournal.store import Journal


def create(journal: Journal, name: str, conninfo: str) -> str:
    """Make a circle on the server and remember this journal as its organiser."""
    from netjournal.circle.schema import create_circle

    circle = check_name(name, "the circle's name")
    settings = check_conninfo(conninfo)
    create_circle(settings, circle)
    remember_created(journal, circle, settings)
    return circle


@dataclass(frozen=True)
class Invitation:
    """What a new member needs to connect: their role, password (once) and settings."""

    circle: str
    member: NewMember
    conninfo: str  # without the password
    host: str
    port: str
    dbname: str


def invite(
    journal: Journal, circle: str | None, key: str, name: str | None, *, password: bool = True
) -> Invitation:
    from psycopg.conninfo import make_conninfo

    from netjournal.circle.schema import add_member

    member = check_name(key, "the member's name")
    info = circle_info(journal, circle, "organiser")
    assert info.admin_conninfo is not None
    display = (name or member.replace("-", " ").title()).strip()
    new = add_member(info.admin_conninfo, info.name, member, display, password=password)
    with connect(info.admin_conninfo, what="the circle's database") as conn:
        host, port, dbname = conn.info.host, str(conn.info.port), conn.info.dbname
        sslmode = conn.info.get_parameters().get("sslmode")
    params = {"host": host, "port": port, "dbname": dbname, "user": new.role}
    if sslmode:
        params["sslmode"] = sslmode
    return Invitation(info.name, new, make_conninfo(**params), host, port, dbname)


def upgrade(journal: Journal, circle: str | None) -> tuple[str, int]:
    """Apply the circle's pending server migrations (organiser)."""
    from netjournal.circle.schema import upgrade_circle

    info = circle_info(journal, circle, "organiser")
    assert info.admin_conninfo is not None
    return info.name, upgrade_circle(info.admin_conninfo, info.name)


def remove(journal: Journal, circle: str | None, key: str) -> tuple[str, int]:
    from netjournal.circle.schema import remove_member

    info = circle_info(journal, circle, "organiser")
    assert info.admin_conninfo is not None
    return info.name, remove_member(info.admin_conninfo, info.name, check_name(key, "member"))


def join(journal: Journal, name: str, conninfo: str, today: date) -> tuple[str, str]:
    """Check that the settings reach the circle as a member, then remember them."""
    import psycopg

    from netjournal.circle.schema import member_key

    circle = check_name(name, "the circle's name")
    settings = check_conninfo(conninfo)
    with connect(settings, what=f"the circle {circle!r}") as pg:
        try:
            key = member_key(pg, circle)
        except psycopg.Error as exc:
            raise refused(exc, "joining") from exc
    remember_joined(journal, circle, settings, key, today)
    return circle, key


@dataclass(frozen=True)
class Status:
    info: CircleInfo
    members: list[Member] | None  # None: the server could not be reached
    problem: str | None

    def public(self) -> dict[str, object]:
        return {
            **self.info.public(),
            "reachable": self.members is not None,
            "members": None
            if self.members is None
            else [
                {"key": m.key, "name": m.name, "people": m.people, "last_sync": m.last_sync}
                for m in self.members
            ],
        }


def status(journal: Journal, circle: str | None) -> Status:
    """The journal's side of a circle, and its members when the server answers."""
    from netjournal.circle.connect import CircleError
    from netjournal.circle.schema import members, server_version
    from netjournal.errors import NotFound

    try:
        info = circle_info(journal, circle, "member")
    except NotFound:
        info = circle_info(journal, circle, "organiser")
    settings = info.conninfo or info.admin_conninfo
    assert settings is not None
    try:
        with connect(settings, what=f"the circle {info.name!r}") as pg:
            server_version(pg, info.name)
            return Status(info, members(pg, info.name), None)
    except CircleError as exc:
        return Status(info, None, exc.message)
