"""Adding, changing and removing people, each in one transaction."""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass, field
from datetime import date
from typing import TYPE_CHECKING

from netjournal.checks import check_cadence, check_name, check_text
from netjournal.errors import InvalidInput
from netjournal.fields import BY_NAME, LABEL_KINDS, LIST_FIELDS, TEXT_FIELDS
from netjournal.matching.text import fold
from netjournal.services.people import new_key, resolve

if TYPE_CHECKING:
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
    birthday_text: str | None = None  # a birthday without the year: --MM-DD
    clear_birthday: bool = False


def add_person(journal: Journal, changes: PersonChanges) -> tuple[str, str]:
    """Add a person; returns ``(key, name)``."""
    from netjournal.clock import today
    from netjournal.services.evidence import refresh_people

    name = check_name(changes.name or "")
    texts = _checked_texts(changes.texts)
    check_cadence(changes.cadence_days)
    with journal.write() as conn:
        key = new_key(conn, name, changes.key)
        values: dict[str, object] = {
            "key": key,
            "name": name,
            "norm_name": fold(name),
            "cadence_days": changes.cadence_days,
            "via_id": _via_id(conn, changes.via, None),
            "added": (changes.added or today()).isoformat(),
            "birthday": changes.birthday.isoformat() if changes.birthday else None,
            **{f: texts.get(f) for f in TEXT_FIELDS},
        }
        columns = ", ".join(values)
        marks = ", ".join("?" * len(values))
        cursor = conn.execute(
            f"INSERT INTO person ({columns}) VALUES ({marks})", tuple(values.values())
        )
        pid = int(cursor.lastrowid or 0)
        for kind in LABEL_KINDS:
            _set_labels(conn, pid, kind, changes.add.get(kind, []))
        refresh_people(conn, [pid])
    return key, name


def edit_person(journal: Journal, ref: str, changes: PersonChanges) -> tuple[str, str]:
    """Change a person's fields and lists; returns ``(key, name)``."""
    from netjournal.services.evidence import refresh_people

    texts = _checked_texts(changes.texts)
    check_cadence(changes.cadence_days)
    with journal.write() as conn:
        pid, key, name = resolve(conn, ref)
        values: dict[str, object] = dict(texts)
        if changes.name is not None:
            name = check_name(changes.name)
            values["name"], values["norm_name"] = name, fold(name)
        if changes.key is not None and changes.key.strip().lower() != key:
            key = values["key"] = new_key(conn, name, changes.key)
        if changes.cadence_days is not None:
            values["cadence_days"] = changes.cadence_days
        if changes.clear_cadence:
            values["cadence_days"] = None
        if changes.via is not None:
            values["via_id"] = _via_id(conn, changes.via, pid)
        if changes.clear_via:
            values["via_id"] = None
        if changes.added is not None:
            values["added"] = changes.added.isoformat()
        if changes.birthday is not None:
            values["birthday"] = changes.birthday.isoformat()
        if changes.birthday_text is not None:
            values["birthday"] = changes.birthday_text
        if changes.clear_birthday:
            values["birthday"] = None
        if values:
            assignments = ", ".join(f"{column} = ?" for column in values)
            conn.execute(f"UPDATE person SET {assignments} WHERE id = ?", (*values.values(), pid))
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
                    f"{name} has no {kind} {', '.join(repr(m) for m in missing)}",
                    hint=f"see 'net show {key}'",
                )
            gone = {fold(r) for r in removes}
            kept = [c for c in current if fold(c) not in gone]
            conn.execute("DELETE FROM person_label WHERE person_id = ? AND kind = ?", (pid, kind))
            _set_labels(conn, pid, kind, kept + adds)
        refresh_people(conn, [pid])
    return key, name


def _checked_texts(texts: dict[str, str | None]) -> dict[str, str | None]:
    """Each free-text field checked, with the words its messages use."""
    return {f: check_text(v, BY_NAME[f].words, limit=BY_NAME[f].limit) for f, v in texts.items()}


def remove_person(journal: Journal, ref: str) -> tuple[str, str, dict[str, int]]:
    """Remove a person with their events and ties; returns what went."""
    with journal.write() as conn:
        pid, key, name = resolve(conn, ref)
        counts = _event_counts(conn, pid)
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


def _set_labels(conn: sqlite3.Connection, pid: int, kind: str, names: list[str]) -> None:
    """Write a person's labels of one kind, in order, without repeats."""
    spec = BY_NAME[LIST_FIELDS[kind]]
    seen: set[str] = set()
    rows: list[tuple[int, str, int, str, str]] = []
    for raw in names:
        value = check_text(raw, spec.words, limit=spec.limit)
        if not value or fold(value) in seen:
            continue
        seen.add(fold(value))
        rows.append((pid, kind, len(rows), value, fold(value)))
    conn.executemany(
        "INSERT INTO person_label (person_id, kind, position, name, norm) VALUES (?, ?, ?, ?, ?)",
        rows,
    )
