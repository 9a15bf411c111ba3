"""``net edit PERSON`` in an editor: the person's fields as they are, and the changes made.

:func:`person_record` reads the person object to put in the form;
:func:`apply_edited` compares the edited fields with it and writes only what
changed, with :func:`netjournal.services.people_edit.edit_person` (one
transaction), so a field nobody touched is never written back.
"""

from __future__ import annotations

import json
import re
from typing import TYPE_CHECKING, Any

from netjournal.errors import InvalidInput
from netjournal.fields import LIST_FIELDS, PERSON_JSON_FEW_SQL, TEXT_FIELDS
from netjournal.matching.text import fold
from netjournal.services.people import resolve
from netjournal.services.people_edit import PersonChanges, edit_person

if TYPE_CHECKING:
    from netjournal.store import Journal

_NO_YEAR = re.compile(r"^--(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$")
_WORDS = {"org": "organisation", "url": "web page", "met": "how you met", "email": "e-mail"}
_SINGULAR = {"aliases": "alias", "skills": "skill", "tags": "tag", "values": "value"}


def person_record(journal: Journal, ref: str) -> dict[str, Any]:
    """One person object (the interchange format's), as ``net show --json`` has it."""
    with journal.read() as conn:
        pid, _key, _name = resolve(conn, ref)
        (obj,) = conn.execute(PERSON_JSON_FEW_SQL + "WHERE p.id = ?", (pid,)).fetchone()
    record: dict[str, Any] = json.loads(obj)
    return record


def apply_edited(
    journal: Journal, before: dict[str, Any], after: dict[str, Any]
) -> tuple[str, str, list[str]]:
    """Write what changed between two person objects; ``(key, name, what changed)``."""
    changes, said = _changes(before, after)
    if not said:
        return str(before["key"]), str(before["name"]), []
    key, name = edit_person(journal, str(before["key"]), changes)
    return key, name, said


def _changes(before: dict[str, Any], after: dict[str, Any]) -> tuple[PersonChanges, list[str]]:
    from netjournal.clock import parse_date

    changes = PersonChanges()
    said: list[str] = []

    def changed(field: str) -> bool:
        return field in after and (after[field] or None) != (before.get(field) or None)

    def was(field: str) -> str:
        old, new = before.get(field), after[field]
        words = _WORDS.get(field, field)
        if not new:
            return f"{words} cleared (was {old})"
        return f"{words} {new}" + (f" (was {old})" if old else "")

    if changed("name"):
        changes.name = after["name"]
        said.append(was("name"))
    if changed("key"):
        changes.key = after["key"] or ""
        said.append(was("key"))
    for field in TEXT_FIELDS:
        if changed(field):
            changes.texts[field] = after[field] or ""
            said.append(was(field) if field != "notes" else "notes changed")
    for kind, field in LIST_FIELDS.items():
        if field not in after:
            continue
        old = {fold(v) for v in before.get(field) or []}
        new = {fold(v) for v in after[field]}
        adds = [v for v in after[field] if fold(v) not in old]
        removes = [v for v in before.get(field) or [] if fold(v) not in new]
        if adds:
            changes.add[kind] = adds
            said.append(f"{_SINGULAR[field]} added: {', '.join(adds)}")
        if removes:
            changes.remove[kind] = removes
            said.append(f"{_SINGULAR[field]} removed: {', '.join(removes)}")
    if changed("cadence_days"):
        if after["cadence_days"] is None:
            changes.clear_cadence = True
            said.append("cadence: the tag's or the journal's again")
        else:
            changes.cadence_days = after["cadence_days"]
            said.append(f"cadence every {after['cadence_days']} days")
    if changed("via"):
        if after["via"]:
            changes.via = after["via"]
        else:
            changes.clear_via = True
        said.append(was("via"))
    if changed("added"):
        if not after["added"]:
            raise InvalidInput("added cannot be empty", hint="give a date, YYYY-MM-DD")
        changes.added = parse_date(after["added"], what="date added")
        said.append(was("added"))
    if changed("birthday"):
        text = (after["birthday"] or "").strip()
        if not text:
            changes.clear_birthday = True
        elif _NO_YEAR.match(text):
            changes.birthday_text = text
        else:
            changes.birthday = parse_date(text, what="birthday")
        said.append(was("birthday"))
    return changes, said
