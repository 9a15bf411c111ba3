"""``net undo``: revert the latest write command recorded in the undo log."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from netjournal.store import Journal

#: How a table's rows are named in what undo says (singular, plural).
NOUNS: dict[str, tuple[str, str]] = {
    "person": ("person", "people"),
    "interaction": ("contact", "contacts"),
    "help": ("help record", "help records"),
    "tie": ("tie", "ties"),
    "referral": ("referral", "referrals"),
    "need": ("need", "needs"),
    "person_contact": ("e-mail or phone", "e-mails and phones"),
    "setting": ("setting", "settings"),
    "tag_cadence": ("tag cadence", "tag cadences"),
}
VERBS = {"insert": "removed", "delete": "restored", "update": "changed back"}


@dataclass
class Undone:
    """What one ``net undo`` reverted."""

    label: str
    at: str
    changes: list[tuple[str, str, int]] = field(default_factory=list)  # (verb, table, count)


def undo_last(journal: Journal) -> Undone | None:
    """Revert the latest recorded command in one transaction; None if the log is empty."""
    from netjournal.services.evidence import refresh_people
    from netjournal.store.undo import integer_key

    journal.recording = False
    with journal.write() as conn:
        row = conn.execute(
            "SELECT id, label, at FROM undo_command WHERE EXISTS "
            "(SELECT 1 FROM undo_step s WHERE s.command_id = undo_command.id) "
            "ORDER BY id DESC LIMIT 1"
        ).fetchone()
        if row is None:
            return None
        command_id, label, at = row
        steps = conn.execute(
            "SELECT tbl, op, rid, people, sql FROM undo_step WHERE command_id = ? ORDER BY id DESC",
            (command_id,),
        ).fetchall()
        conn.execute("PRAGMA defer_foreign_keys = ON")  # rows come back in any order
        people: set[int] = set()
        counts: dict[tuple[str, str], int] = {}
        keys: dict[str, str | None] = {}
        for tbl, op, rid, who, sql in steps:
            if sql is None:  # an inserted row known by its INTEGER PRIMARY KEY
                if tbl not in keys:
                    keys[tbl] = integer_key(conn, tbl)
                sql = f'DELETE FROM "{tbl}" WHERE "{keys[tbl]}" = {int(rid)}'
            conn.execute(sql)
            people.update(int(p) for p in json.loads(who or "[]") if p is not None)
            counts[(op, tbl)] = counts.get((op, tbl), 0) + 1
        conn.execute("DELETE FROM undo_command WHERE id = ?", (command_id,))
        alive = [
            p
            for p in sorted(people)
            if conn.execute("SELECT 1 FROM person WHERE id = ?", (p,)).fetchone()
        ]
        refresh_people(conn, alive)
    return Undone(label, at, _summary(counts))


def _summary(counts: dict[tuple[str, str], int]) -> list[tuple[str, str, int]]:
    """The changes worth naming: whole records, not their labels or derived fields."""
    named = [(op, t, n) for (op, t), n in counts.items() if t != "person_label"]
    # A person's fields change with their events (last contact): name them only alone.
    if any(t != "person" for _op, t, _n in named):
        named = [(op, t, n) for op, t, n in named if not (t == "person" and op == "update")]
    if not named and counts:
        named = [("update", "person", 1)]
    order = {"insert": 0, "delete": 1, "update": 2}
    return [(VERBS[op], t, n) for op, t, n in sorted(named, key=lambda x: (order[x[0]], x[1]))]


def noun(table: str, count: int) -> str:
    one, many = NOUNS.get(table, (table.replace("_", " "), table.replace("_", " ") + "s"))
    return f"{count} {one if count == 1 else many}"
