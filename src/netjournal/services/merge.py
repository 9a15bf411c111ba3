"""``net merge A B``: two records of one person become one, in one transaction.

The first person (A) stays, with their key; the second (B) goes, and
everything the journal knows about B moves to A: contacts, help, ties,
referrals, needs, e-mails and phones, skills, tags, values, aliases and notes.
B's key and name become aliases of A, so what named B still finds A.  Nothing
is lost: where both have a different value of a one-value field (city, org,
…), A's stays and B's is kept in A's notes, and the report says so.

What would become meaningless is dropped and reported: the tie between A and
B, a referral of one to the other, "met by" on a need of A met by B.  The
merge is one write, so ``net undo`` reverts all of it.
"""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from netjournal.errors import InvalidInput
from netjournal.fields import BY_NAME, LABEL_KINDS
from netjournal.matching.text import fold
from netjournal.services.people import resolve

if TYPE_CHECKING:
    from netjournal.store import Journal

#: One-value text fields where B's different value goes to A's notes.
_NOTED = ("org", "title", "city", "url")
#: Tables the merge handles by name; any other table naming a person is moved as it is.
_HANDLED = {
    "person",
    "person_label",
    "person_contact",
    "interaction",
    "help",
    "tie",
    "referral",
    "need",
    "circle_person",
}


@dataclass
class MergeReport:
    """What a merge does (or, with ``--dry-run``, would do)."""

    key: str
    name: str
    gone_key: str
    gone_name: str
    moved: dict[str, int] = field(default_factory=dict)  # "contacts" → how many moved
    added: dict[str, list[str]] = field(default_factory=dict)  # label kind → new to A
    fields: list[str] = field(default_factory=list)  # what happened to one-value fields
    dropped: list[str] = field(default_factory=list)  # what no longer means anything

    def public(self) -> dict[str, Any]:
        return {
            "kept": self.key,
            "merged": self.gone_key,
            "moved": self.moved,
            "added": self.added,
            "fields": self.fields,
            "dropped": self.dropped,
        }


def merge_people(journal: Journal, keep: str, gone: str, *, dry_run: bool = False) -> MergeReport:
    """Join ``gone`` into ``keep``; with ``dry_run`` only say what would happen."""
    if dry_run:
        with journal.read() as conn:
            return _Merge(conn, keep, gone).report
    from netjournal.services.evidence import refresh_people

    with journal.write() as conn:
        merge = _Merge(conn, keep, gone)
        touched = merge.apply()
        refresh_people(conn, sorted(touched))
    return merge.report


class _Merge:
    """The plan of one merge, made by reading; :meth:`apply` writes it."""

    def __init__(self, conn: sqlite3.Connection, keep: str, gone: str) -> None:
        self.conn = conn
        self.a, key, name = resolve(conn, keep)
        self.b, gone_key, gone_name = resolve(conn, gone)
        if self.a == self.b:
            raise InvalidInput(
                f"'{keep}' and '{gone}' are both {name} ({key}): a person cannot be merged "
                "with themself",
                hint="name two different people: net merge KEEP OTHER",
            )
        self.report = MergeReport(key, name, gone_key, gone_name)
        self.row_a = self._person(self.a)
        self.row_b = self._person(self.b)
        self.values = self._fields()
        self.labels = self._labels()
        self.contacts = self._contacts()
        self._count_events()

    # ------------------------------------------------------------ reading

    def _person(self, pid: int) -> dict[str, Any]:
        cursor = self.conn.execute("SELECT * FROM person WHERE id = ?", (pid,))
        names = [d[0] for d in cursor.description]
        return dict(zip(names, cursor.fetchone(), strict=True))

    def _fields(self) -> dict[str, Any]:
        """A's new one-value fields, and what the report says of each."""
        a, b, say = self.row_a, self.row_b, self.report.fields
        gone = f"{self.report.gone_name} ({self.report.gone_key})"
        values: dict[str, Any] = {}
        notes_more: list[str] = []
        for column in ("org", "title", "city", "email", "phone", "met", "url", "birthday"):
            mine, theirs = a.get(column), b.get(column)
            if theirs in (None, "") or (mine is not None and fold(str(mine)) == fold(str(theirs))):
                continue
            words = BY_NAME[column].words if column in BY_NAME else column
            if mine in (None, ""):
                values[column] = theirs
                say.append(f"{words}: {theirs} (from {gone})")
            elif column in _NOTED:
                notes_more.append(f"{words} {theirs}")
                say.append(f"{words}: {mine} kept; {theirs} goes to the notes")
            elif column == "met":
                values[column] = f"{mine}; {theirs}"
                say.append(f"{words}: both kept")
            elif column in ("email", "phone"):
                say.append(f"{words}: {mine} stays first; {theirs} is kept after it")
            else:
                say.append(f"{words}: {mine} kept ({gone} had {theirs})")
        notes = [n for n in (a.get("notes"), b.get("notes")) if n]
        if notes_more:
            notes.append(f"Merged from {gone}: " + "; ".join(notes_more) + ".")
        if len(notes) > 1 or (notes and not a.get("notes")):
            values["notes"] = "\n\n".join(notes)
            if b.get("notes"):
                say.append(f"notes: the notes of {gone} added")
        cadences = [c for c in (a["cadence_days"], b["cadence_days"]) if c is not None]
        if cadences and min(cadences) != a["cadence_days"]:
            values["cadence_days"] = min(cadences)
            say.append(f"cadence: every {min(cadences)} days, the more frequent")
        if b["added"] < a["added"]:
            values["added"] = b["added"]
            say.append(f"in the journal since {b['added']}, when {gone} was added")
        if a["via_id"] in (None, self.b) and b["via_id"] not in (None, self.a):
            values["via_id"] = b["via_id"]
        elif a["via_id"] == self.b:
            values["via_id"] = None
        if a.get("dormant") and not b.get("dormant"):
            values["dormant"] = 0
        return values

    def _labels(self) -> dict[str, list[str]]:
        """A's lists followed by what B adds; B's name and key become aliases."""
        merged: dict[str, list[str]] = {}
        for kind in LABEL_KINDS:
            mine = self._label_names(self.a, kind)
            theirs = self._label_names(self.b, kind)
            if kind == "alias":
                theirs = [self.report.gone_name, self.report.gone_key, *theirs]
                own = {fold(self.report.name), fold(self.report.key)}
            else:
                own = set()
            seen = {fold(n) for n in mine} | own
            new = []
            for name in theirs:
                if fold(name) not in seen:
                    seen.add(fold(name))
                    new.append(name)
            if new:
                self.report.added[kind] = new
            merged[kind] = mine + new
        return merged

    def _label_names(self, pid: int, kind: str) -> list[str]:
        return [
            r[0]
            for r in self.conn.execute(
                "SELECT name FROM person_label WHERE person_id = ? AND kind = ? ORDER BY position",
                (pid, kind),
            )
        ]

    def _contacts(self) -> dict[str, list[tuple[str, str]]]:
        """Each kind's e-mails or phones after A's first one: A's others, then B's."""
        out: dict[str, list[tuple[str, str]]] = {}
        for kind in ("email", "phone"):
            first = self.values.get(kind) or self.row_a.get(kind)
            seen = {fold(str(first))} if first else set()
            rows: list[tuple[str, str]] = []
            b_first = self.row_b.get(kind)
            candidates = self._contact_rows(self.a, kind)
            if b_first:
                candidates.append((b_first, fold(b_first)))
            candidates += self._contact_rows(self.b, kind)
            for value, norm in candidates:
                if fold(value) not in seen:
                    seen.add(fold(value))
                    rows.append((value, norm))
            out[kind] = rows
        return out

    def _contact_rows(self, pid: int, kind: str) -> list[tuple[str, str]]:
        return [
            (str(v), str(n))
            for v, n in self.conn.execute(
                "SELECT value, norm FROM person_contact WHERE person_id = ? AND kind = ? "
                "ORDER BY position",
                (pid, kind),
            )
        ]

    def _count(self, sql: str) -> int:
        return int(self.conn.execute(sql, {"a": self.a, "b": self.b}).fetchone()[0])

    def _count_events(self) -> None:
        moved, dropped = self.report.moved, self.report.dropped
        a_name, b_name = self.report.name, self.report.gone_name
        moved["contacts"] = self._count("SELECT count(*) FROM interaction WHERE person_id = :b")
        moved["help"] = self._count("SELECT count(*) FROM help WHERE person_id = :b")
        moved["ties"] = self._count(
            "SELECT count(*) FROM tie WHERE (a_id = :b OR b_id = :b) AND a_id <> :a AND b_id <> :a"
        )
        moved["referrals"] = self._count(
            "SELECT count(*) FROM referral WHERE (person_id = :b AND to_id <> :a) "
            "OR (to_id = :b AND person_id <> :a)"
        )
        moved["needs"] = self._count(
            "SELECT count(*) FROM need WHERE person_id = :b OR met_by_id = :b"
        )
        for (eid,) in self.conn.execute(
            "SELECT id FROM tie WHERE (a_id = :a AND b_id = :b) OR (a_id = :b AND b_id = :a)",
            {"a": self.a, "b": self.b},
        ):
            dropped.append(f"the tie between {a_name} and {b_name} (t-{eid})")
        for eid, need in self.conn.execute(
            "SELECT id, need FROM referral WHERE (person_id = :a AND to_id = :b) "
            "OR (person_id = :b AND to_id = :a)",
            {"a": self.a, "b": self.b},
        ):
            dropped.append(f"the referral between {a_name} and {b_name} for '{need}' (r-{eid})")
        for (nid,) in self.conn.execute(
            "SELECT id FROM need WHERE (person_id = :a AND met_by_id = :b) "
            "OR (person_id = :b AND met_by_id = :a)",
            {"a": self.a, "b": self.b},
        ):
            dropped.append(f"who met need {nid} (it was the same person)")

    # ------------------------------------------------------------ writing

    def apply(self) -> set[int]:
        """Write the merge; returns the people whose matching index must be rebuilt."""
        conn, a, b = self.conn, self.a, self.b
        touched = {a}
        ids = {"a": a, "b": b}
        conn.execute("UPDATE interaction SET person_id = :a WHERE person_id = :b", ids)
        conn.execute("UPDATE help SET person_id = :a WHERE person_id = :b", ids)
        touched |= self._move_ties()
        for pid, to in conn.execute(
            "SELECT person_id, to_id FROM referral WHERE person_id = :b OR to_id = :b", ids
        ).fetchall():
            touched |= {pid, to}
        conn.execute(
            "DELETE FROM referral WHERE (person_id = :a AND to_id = :b) "
            "OR (person_id = :b AND to_id = :a)",
            ids,
        )
        conn.execute("UPDATE referral SET person_id = :a WHERE person_id = :b", ids)
        conn.execute("UPDATE referral SET to_id = :a WHERE to_id = :b", ids)
        conn.execute(
            "UPDATE need SET met_by_id = NULL WHERE (person_id = :a AND met_by_id = :b) "
            "OR (person_id = :b AND met_by_id = :a)",
            ids,
        )
        conn.execute("UPDATE need SET person_id = :a WHERE person_id = :b", ids)
        conn.execute("UPDATE need SET met_by_id = :a WHERE met_by_id = :b", ids)
        conn.execute(
            "INSERT OR IGNORE INTO circle_person (circle, person_id) "
            "SELECT circle, :a FROM circle_person WHERE person_id = :b",
            ids,
        )
        conn.execute("UPDATE person SET via_id = :a WHERE via_id = :b AND id <> :a", ids)
        self._move_others()
        conn.execute("DELETE FROM person WHERE id = ?", (b,))
        if self.values:
            sets = ", ".join(f"{c} = ?" for c in self.values)
            conn.execute(f"UPDATE person SET {sets} WHERE id = ?", (*self.values.values(), a))
        for kind, names in self.labels.items():
            if kind not in self.report.added:
                continue
            conn.execute("DELETE FROM person_label WHERE person_id = ? AND kind = ?", (a, kind))
            conn.executemany(
                "INSERT INTO person_label (person_id, kind, position, name, norm) "
                "VALUES (?, ?, ?, ?, ?)",
                [(a, kind, i, n, fold(n)) for i, n in enumerate(names)],
            )
        for kind, rows in self.contacts.items():
            if rows == self._contact_rows(a, kind):
                continue
            conn.execute("DELETE FROM person_contact WHERE person_id = ? AND kind = ?", (a, kind))
            conn.executemany(
                "INSERT INTO person_contact (person_id, kind, position, value, norm) "
                "VALUES (?, ?, ?, ?, ?)",
                [(a, kind, i, v, n) for i, (v, n) in enumerate(rows)],
            )
        touched.discard(b)
        return touched

    def _move_ties(self) -> set[int]:
        conn, a, b = self.conn, self.a, self.b
        others: set[int] = set()
        rows = conn.execute(
            "SELECT id, a_id, b_id, note FROM tie WHERE a_id = ?1 OR b_id = ?1", (b,)
        ).fetchall()
        for eid, x, y, note in rows:
            other = x if y == b else y
            if other == a:
                conn.execute("DELETE FROM tie WHERE id = ?", (eid,))
                continue
            others.add(other)
            low, high = min(a, other), max(a, other)
            existing = conn.execute(
                "SELECT id, note FROM tie WHERE a_id = ? AND b_id = ?", (low, high)
            ).fetchone()
            if existing is None:
                conn.execute("UPDATE tie SET a_id = ?, b_id = ? WHERE id = ?", (low, high, eid))
                continue
            conn.execute("DELETE FROM tie WHERE id = ?", (eid,))
            if note and not existing[1]:
                conn.execute("UPDATE tie SET note = ? WHERE id = ?", (note, existing[0]))
        return others

    def _move_others(self) -> None:
        """Tables another part of the journal added that name a person: point them at A."""
        from netjournal.store.undo import NOT_RECORDED

        tables = [
            r[0]
            for r in self.conn.execute(
                "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'"
            )
        ]
        for table in tables:
            if table in _HANDLED or table in NOT_RECORDED:
                continue
            for fk in self.conn.execute(f'PRAGMA foreign_key_list("{table}")').fetchall():
                if fk[2] == "person":
                    self.conn.execute(
                        f'UPDATE OR IGNORE "{table}" SET "{fk[3]}" = ? WHERE "{fk[3]}" = ?',
                        (self.a, self.b),
                    )
