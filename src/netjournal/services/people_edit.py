"""Adding, changing and removing people, each in one transaction."""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass, field
from datetime import date
from typing import TYPE_CHECKING

from netjournal.errors import InvalidInput
from netjournal.matching.text import fold
from netjournal.services.people import (
    LABEL_KINDS,
    TEXT_FIELDS,
    check_cadence,
    check_name,
    check_text,
    new_key,
    resolve,
)

if TYPE_CHECKING:
    from sqlmodel import Session

    from netjournal.store import Journal


@dataclass
class PersonChanges:
    """What ``net add`` or ``net edit`` was asked to set."""

    name: str | None = None
    key: str | None = None
    texts: dict[str, str | None] = field(default_factory=dict)
    add: dict[str, list[str]] = field(default_factory=dict)
    remove: dict[str, list[str]] = field(default_factory=dict)
    cadence_days: int | None = None
    clear_cadence: bool = False
    via: str | None = None
    clear_via: bool = False
    added: date | None = None
    birthday: date | None = None


def add_person(journal: Journal, changes: PersonChanges) -> tuple[str, str]:
    """Add a person; returns ``(key, name)``."""
    from netjournal.models import Person
    from netjournal.services.index import refresh_people

    name = check_name(changes.name or "")
    texts = {f: check_text(v, f.replace("_", " ")) for f, v in changes.texts.items()}
    check_cadence(changes.cadence_days)
    with journal.write() as session:
        conn = journal.conn
        key = new_key(conn, name, changes.key)
        via_id = _via_id(conn, changes.via, None)
        from netjournal.clock import today

        person = Person(
            key=key,
            name=name,
            norm_name=fold(name),
            cadence_days=changes.cadence_days,
            via_id=via_id,
            added=changes.added or today(),
            birthday=changes.birthday,
            **{f: texts.get(f) for f in TEXT_FIELDS},
        )
        session.add(person)
        session.flush()
        assert person.id is not None
        for kind in LABEL_KINDS:
            _set_labels(session, person.id, kind, changes.add.get(kind, []))
        session.flush()
        refresh_people(conn, [person.id])
    return key, name


def edit_person(journal: Journal, ref: str, changes: PersonChanges) -> tuple[str, str]:
    """Change a person's fields and lists; returns ``(key, name)``."""
    from netjournal.models import Person, PersonLabel
    from netjournal.services.index import refresh_people

    texts = {f: check_text(v, f.replace("_", " ")) for f, v in changes.texts.items()}
    check_cadence(changes.cadence_days)
    with journal.write() as session:
        conn = journal.conn
        pid, old_key, _ = resolve(conn, ref)
        person = session.get(Person, pid)
        assert person is not None
        if changes.name is not None:
            person.name = check_name(changes.name)
            person.norm_name = fold(person.name)
        if changes.key is not None and changes.key.strip().lower() != old_key:
            person.key = new_key(conn, person.name, changes.key)
        for f, v in texts.items():
            setattr(person, f, v)
        if changes.cadence_days is not None:
            person.cadence_days = changes.cadence_days
        if changes.clear_cadence:
            person.cadence_days = None
        if changes.via is not None:
            person.via_id = _via_id(conn, changes.via, pid)
        if changes.clear_via:
            person.via_id = None
        if changes.added is not None:
            person.added = changes.added
        if changes.birthday is not None:
            person.birthday = changes.birthday
        for kind in LABEL_KINDS:
            adds, removes = changes.add.get(kind, []), changes.remove.get(kind, [])
            if not adds and not removes:
                continue
            current = [
                r[0]
                for r in conn.execute(
                    "SELECT name FROM person_label WHERE person_id = ? AND kind = ? "
                    "ORDER BY position",
                    (pid, kind),
                )
            ]
            missing = [r for r in removes if fold(r) not in {fold(c) for c in current}]
            if missing:
                raise InvalidInput(
                    f"{person.name} has no {kind} {', '.join(repr(m) for m in missing)}",
                    hint=f"see 'net show {person.key}'",
                )
            gone = {fold(r) for r in removes}
            kept = [c for c in current if fold(c) not in gone]
            session.execute(
                PersonLabel.__table__.delete().where(  # type: ignore[attr-defined]
                    (PersonLabel.person_id == pid) & (PersonLabel.kind == kind)
                )
            )
            _set_labels(session, pid, kind, kept + adds)
        session.add(person)
        session.flush()
        refresh_people(conn, [pid])
        return person.key, person.name


def remove_person(journal: Journal, ref: str) -> tuple[str, str, dict[str, int]]:
    """Remove a person with their events and ties; returns what went."""
    with journal.write() as session:
        conn = journal.conn
        pid, key, name = resolve(conn, ref)
        counts = _event_counts(conn, pid)
        session.flush()
        conn.execute("DELETE FROM person WHERE id = ?", (pid,))
    return key, name, counts


def describe_removal(journal: Journal, ref: str) -> tuple[str, str, dict[str, int]]:
    """What ``remove_person`` would remove, without removing it."""
    with journal.read() as conn:
        pid, key, name = resolve(conn, ref)
        counts = _event_counts(conn, pid)
    return key, name, counts


def _event_counts(conn: sqlite3.Connection, pid: int) -> dict[str, int]:
    queries = {
        "interactions": "SELECT count(*) FROM interaction WHERE person_id = ?1",
        "help": "SELECT count(*) FROM help WHERE person_id = ?1",
        "ties": "SELECT count(*) FROM tie WHERE a_id = ?1 OR b_id = ?1",
        "referrals": "SELECT count(*) FROM referral WHERE person_id = ?1 OR to_id = ?1",
    }
    return {what: int(conn.execute(sql, (pid,)).fetchone()[0]) for what, sql in queries.items()}


def _via_id(conn: sqlite3.Connection, ref: str | None, self_id: int | None) -> int | None:
    if ref is None:
        return None
    via_id, _key, name = resolve(conn, ref)
    if via_id == self_id:
        raise InvalidInput(f"{name} cannot be known through themselves")
    return via_id


def _set_labels(session: Session, pid: int, kind: str, names: list[str]) -> None:
    from netjournal.models import PersonLabel

    seen: set[str] = set()
    position = 0
    for raw in names:
        value = check_text(raw, kind, limit=300)
        if not value or fold(value) in seen:
            continue
        seen.add(fold(value))
        session.add(
            PersonLabel(person_id=pid, kind=kind, position=position, name=value, norm=fold(value))
        )
        position += 1
