"""Events by their short ids: ``net forget ID`` and ``net fix ID``.

An event's id is a letter for its kind and its row's INTEGER PRIMARY KEY:
``i-12`` a contact (interaction), ``h-3`` help, ``t-4`` a tie, ``r-2`` a
referral; a need's id is its own text key (``n-4kx2``, made by ``net need``).
A kind of event that another table holds is added to :data:`EVENT_KINDS`
with one line.
"""

from __future__ import annotations

import re
import sqlite3
from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING

from netjournal.checks import MAX_LABEL, check_text, required_text
from netjournal.errors import InvalidInput, NotFound

if TYPE_CHECKING:
    from netjournal.store import Journal


@dataclass(frozen=True)
class EventKind:
    table: str
    noun: str  # how a message names one
    people: tuple[str, ...]  # columns naming a person (the first is "with whom")
    date: str | None = None  # the columns ``net fix`` may change
    text: str | None = None
    kind: str | None = None
    skill: str | None = None


EVENT_KINDS: dict[str, EventKind] = {
    "i": EventKind("interaction", "contact", ("person_id",), "date", "note", kind="kind"),
    "h": EventKind("help", "help", ("person_id",), "date", "what", skill="skill"),
    "t": EventKind("tie", "tie", ("a_id", "b_id"), text="note"),
    "r": EventKind("referral", "referral", ("person_id", "to_id"), "date", "need"),
    "n": EventKind("need", "need", ("person_id", "met_by_id"), "date", "text"),
}
#: Kinds whose id is the row's own text key (``n-4kx2``), not a letter and a number.
TEXT_KEYS = frozenset({"n"})

_ID = re.compile(r"^\s*([a-z])-?(\d{1,18})\s*$", re.IGNORECASE)
_TEXT_ID = re.compile(r"^\s*([a-z])-([0-9a-z]{1,40})\s*$", re.IGNORECASE)


def parse_event_id(text: str) -> tuple[str, EventKind, int | str]:
    """``"i-12"`` → ``("i-12", kind, 12)``, ``"n-4kx2"`` → ``("n-4kx2", kind, "n-4kx2")``.

    An id that cannot be one is an error.
    """
    match = _ID.match(text)
    if match and match.group(1).lower() in EVENT_KINDS.keys() - TEXT_KEYS:
        letter, number = match.group(1).lower(), int(match.group(2))
        return f"{letter}-{number}", EVENT_KINDS[letter], number
    match = _TEXT_ID.match(text)
    if match and match.group(1).lower() in TEXT_KEYS:
        eid = f"{match.group(1)}-{match.group(2)}".lower()
        return eid, EVENT_KINDS[match.group(1).lower()], eid
    raise InvalidInput(
        f"'{text}' is not an event id",
        hint="ids look like i-12 (a contact), h-3 (help), t-4 (a tie), r-2 (a referral), "
        "n-4kx2 (a need); 'net show PERSON' and 'net needs' list them",
    )


def _find(conn: sqlite3.Connection, text: str) -> tuple[str, EventKind, int | str, str]:
    eid, kind, number = parse_event_id(text)
    exists = conn.execute(
        "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?", (kind.table,)
    ).fetchone()
    row = (
        conn.execute(f"SELECT 1 FROM {kind.table} WHERE id = ?", (number,)).fetchone()
        if exists
        else None
    )
    if row is None:
        raise NotFound(
            f"no event has the id {eid}",
            hint="'net show PERSON' lists events with their ids, 'net needs --all' the needs",
        )
    return eid, kind, number, describe(conn, kind, number, eid)


def describe(conn: sqlite3.Connection, kind: EventKind, number: int | str, eid: str) -> str:
    """``the contact with Kenji Tanaka on 2026-11-27 (i-12)``."""
    cols = ", ".join(kind.people + ((kind.date,) if kind.date else ()))
    row = conn.execute(f"SELECT {cols} FROM {kind.table} WHERE id = ?", (number,)).fetchone()
    names = []
    named = 1 if kind.table == "need" else len(kind.people)  # a need is for one person
    for pid in row[:named]:
        if pid is not None:
            found = conn.execute("SELECT name FROM person WHERE id = ?", (pid,)).fetchone()
            names.append(found[0] if found else "?")
    who = " and ".join(names)
    when = f" on {row[-1]}" if kind.date else ""
    link = "between" if kind.table == "tie" else ("for" if kind.table == "need" else "with")
    whom = f" {link} {who}" if who else ""
    owner = "your" if kind.table == "need" and not who else "the"
    return f"{owner} {kind.noun}{whom}{when} ({eid})"


def _people(conn: sqlite3.Connection, kind: EventKind, number: int | str) -> list[int]:
    cols = ", ".join(kind.people)
    row = conn.execute(f"SELECT {cols} FROM {kind.table} WHERE id = ?", (number,)).fetchone()
    return [int(p) for p in row if p is not None]


def forget_event(journal: Journal, text: str) -> str:
    """Remove one event; returns how it is described."""
    from netjournal.services.evidence import refresh_people

    with journal.write() as conn:
        _eid, kind, number, what = _find(conn, text)
        people = _people(conn, kind, number)
        conn.execute(f"DELETE FROM {kind.table} WHERE id = ?", (number,))
        refresh_people(conn, people)
    return what


@dataclass
class EventFix:
    """What ``net fix`` changes; None leaves a field as it is."""

    on: date | None = None
    text: str | None = None
    kind: str | None = None
    skill: str | None = None


def fix_event(journal: Journal, text: str, fix: EventFix) -> str:
    """Change an event's date, text, kind or skill; returns how it is described after."""
    from netjournal.services.evidence import refresh_people

    if fix.on is None and fix.text is None and fix.kind is None and fix.skill is None:
        raise InvalidInput(
            "nothing to fix", hint="give --on DATE, --text TEXT, --kind KIND or --skill SKILL"
        )
    with journal.write() as conn:
        eid, kind, number, _what = _find(conn, text)
        sets: dict[str, object] = {}
        for value, column, what in (
            (fix.on, kind.date, "date"),
            (fix.text, kind.text, "text"),
            (fix.kind, kind.kind, "kind"),
            (fix.skill, kind.skill, "skill"),
        ):
            if value is None:
                continue
            if column is None:
                raise InvalidInput(f"a {kind.noun} has no {what} to fix", hint=_fixable(kind))
            if isinstance(value, date):
                sets[column] = value.isoformat()
            elif what == "text":
                sets[column] = required_text(value, "text")
            else:
                sets[column] = check_text(value, what, limit=MAX_LABEL if what == "skill" else 40)
        assignments = ", ".join(f"{c} = ?" for c in sets)
        conn.execute(
            f"UPDATE {kind.table} SET {assignments} WHERE id = ?", (*sets.values(), number)
        )
        refresh_people(conn, _people(conn, kind, number))
        return describe(conn, kind, number, eid)


def _fixable(kind: EventKind) -> str:
    options = [
        o
        for o, c in (
            ("--on", kind.date),
            ("--text", kind.text),
            ("--kind", kind.kind),
            ("--skill", kind.skill),
        )
        if c
    ]
    return f"for a {kind.noun} you can fix {', '.join(options)}"
