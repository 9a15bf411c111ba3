"""Reaching a circle's server: libpq's own settings, never a stored password.

A circle is reached with a libpq connection string: a URI
(``postgresql://giulia.alumni@db.example.org/circles?sslmode=verify-full``) or
a service name (``service=alumni``, from ``~/.pg_service.conf`` or
``PGSERVICEFILE``).  Passwords come from where libpq looks for them
(``PGPASSFILE`` / ``~/.pgpass``, the service file, ``PGPASSWORD``) or from a
prompt on a terminal; a connection string that holds a password is refused,
so that none is ever written to the journal.  TLS is libpq's ``sslmode``.
"""

from __future__ import annotations

import re
import sys
from typing import TYPE_CHECKING

from netjournal.errors import InvalidInput, NetjournalError

if TYPE_CHECKING:
    import psycopg

NAME_RE = re.compile(r"^[a-z][a-z0-9]*(-[a-z0-9]+)*$")
MAX_NAME = 24


class CircleError(NetjournalError):
    """The circle's server cannot be reached, or refused what was asked."""


def check_name(text: str, what: str) -> str:
    """A circle's or a member's name: a short lowercase slug (``alumni``, ``giulia-neri``)."""
    name = text.strip().lower()
    if not NAME_RE.match(name) or len(name) > MAX_NAME:
        raise InvalidInput(
            f"{what} {text!r} is not a valid name",
            hint=f"use lowercase letters, digits and single hyphens, at most {MAX_NAME} "
            "characters, starting with a letter (e.g. 'alumni', 'giulia-neri')",
        )
    return name


def schema_name(circle: str) -> str:
    """The PostgreSQL schema that holds a circle (``alumni`` → ``circle_alumni``)."""
    return "circle_" + circle.replace("-", "_")


def group_role(circle: str) -> str:
    """The circle's group role: every member's privileges come from it."""
    return "circle_" + circle.replace("-", "_")


def member_role(circle: str, member: str) -> str:
    """A member's own login role (``giulia`` in ``alumni`` → ``giulia.alumni``)."""
    return f"{member}.{circle}"


def check_conninfo(conninfo: str) -> str:
    """A libpq connection string without a password in it, else an error."""
    import psycopg
    from psycopg.conninfo import conninfo_to_dict

    text = conninfo.strip()
    try:
        params = conninfo_to_dict(text)
    except psycopg.ProgrammingError as exc:
        raise InvalidInput(
            f"cannot read the connection settings {text!r}: {exc}",
            hint="give a URI (postgresql://USER@HOST/DB) or a service name (service=NAME)",
        ) from exc
    if params.get("password"):
        raise InvalidInput(
            "the connection settings hold a password, and the journal never stores one",
            hint="remove it and put it in your ~/.pgpass (or PGPASSFILE) or service file; "
            "see docs/circles.md",
        )
    if not params:
        raise InvalidInput(
            "the connection settings are empty",
            hint="give a URI (postgresql://USER@HOST/DB) or a service name (service=NAME)",
        )
    return text


def connect(
    conninfo: str,
    *,
    what: str = "the circle",
    autocommit: bool = False,
    timeout: int = 10,
    prompt: bool = True,
) -> psycopg.Connection:
    """Open a connection with libpq's settings; on a terminal, ask for a missing password.

    ``timeout``: seconds to wait for the server; ``prompt=False`` never asks
    (for the circle's part of local commands such as ``net needs``).
    """
    import psycopg

    try:
        return psycopg.connect(conninfo, autocommit=autocommit, connect_timeout=timeout)
    except psycopg.OperationalError as exc:
        if prompt and _needs_password(exc) and sys.stdin.isatty():
            import getpass

            password = getpass.getpass(f"Password for {what}: ")
            try:
                return psycopg.connect(
                    conninfo, password=password, autocommit=autocommit, connect_timeout=timeout
                )
            except psycopg.OperationalError as again:
                raise unreachable(what, again) from again
        raise unreachable(what, exc) from exc


def _needs_password(exc: Exception) -> bool:
    text = str(exc).lower()
    return "no password supplied" in text or "password authentication failed" in text


def unreachable(what: str, exc: Exception) -> CircleError:
    """A connection failure in plain words, with where the settings come from."""
    detail = " ".join(str(exc).split())
    if _needs_password(exc):
        return CircleError(
            f"cannot log in to {what}: {detail}",
            hint="put the password in ~/.pgpass (or the file PGPASSFILE names), "
            "or run the command on a terminal to be asked for it",
        )
    return CircleError(
        f"cannot reach {what}: {detail}",
        hint="check the connection settings ('net circle list') and that the server is up; "
        "your own journal works as usual meanwhile",
    )


def refused(exc: Exception, doing: str) -> CircleError:
    """A server's refusal (permission, policy, constraint) in plain words."""
    detail = " ".join(str(exc).split())
    return CircleError(f"the circle's server refused {doing}: {detail}")
