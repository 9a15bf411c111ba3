"""Bulk writes: what a large import does differently inside its one transaction.

The full-text index (``person_fts``, migration ``m006_fulltext``) is kept by a
trigger on ``person_text`` that adds each row to FTS5 as it comes: about
20 µs a row, so 2.3 s of CPU for the 117,000 texts of a 30,000-person
LinkedIn file.  FTS5 builds the same index from the whole table (``rebuild``)
in a small fraction of that.  :func:`fulltext_deferred` drops that one trigger
for the block, and on success puts it back as it was and rebuilds the index,
in the same transaction: a reader never sees the index behind the journal,
and a failure rolls the drop back with everything else.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager

#: The trigger that feeds the full-text index row by row, and the index.
TRIGGER = "person_text_insert"
INDEX = "person_fts"
#: Below this many new rows, the index is fed row by row (a rebuild reads every text).
BULK_ROWS = 2000


@contextmanager
def fulltext_deferred(conn: sqlite3.Connection, rows: int) -> Iterator[None]:
    """Inside a write transaction about to add ``rows`` texts: index them once, at the end.

    A journal whose schema has no such trigger or index (an older or newer
    full-text design) is written row by row, as without this block.  When the
    block raises, the transaction must be rolled back (the journal's write
    does), which brings the trigger back.
    """
    if rows < BULK_ROWS or not conn.in_transaction:
        yield
        return
    found = conn.execute(
        "SELECT sql FROM main.sqlite_master WHERE type = 'trigger' AND name = ? "
        "AND tbl_name = 'person_text'",
        (TRIGGER,),
    ).fetchone()
    index = conn.execute(
        "SELECT 1 FROM main.sqlite_master WHERE type = 'table' AND name = ?", (INDEX,)
    ).fetchone()
    if found is None or index is None:
        yield
        return
    existing = conn.execute("SELECT max(id) FROM person_text").fetchone()[0] or 0
    if existing > rows * 10:  # a rebuild reads every text: not for a small part of a big journal
        yield
        return
    conn.execute(f"DROP TRIGGER main.{TRIGGER}")
    yield
    conn.execute(found[0])
    conn.execute(f"INSERT INTO {INDEX}({INDEX}) VALUES ('rebuild')")


# What the last-contact trigger of an event table does for each new row
# (migration m004_last_contact), and the same for all of a bulk insert's rows.
_LAST_CONTACT_TRIGGER = (
    "CREATE TRIGGER {table}_last_contact_insert AFTER INSERT ON {table} BEGIN "
    "UPDATE person SET last_contact = NEW.date "
    "WHERE id = NEW.person_id AND (last_contact IS NULL OR last_contact < NEW.date); END"
)
_LAST_CONTACT_BULK = (
    "UPDATE person SET last_contact = new.last FROM "
    "(SELECT person_id, max(date) AS last FROM {table} WHERE rowid > ? GROUP BY person_id) AS new "
    "WHERE person.id = new.person_id "
    "AND (person.last_contact IS NULL OR person.last_contact < new.last)"
)


# The full-text trigger of a table whose rows each add one text (migration
# m006_fulltext), and the same texts for all of a bulk insert's rows, in the
# rows' order: the texts' ids come out as the trigger gives them.
_PERSON_TEXTS = ("name", "org", "title", "city", "met", "notes")
_FULLTEXT_TRIGGERS = {
    "person": (
        "CREATE TRIGGER person_fulltext_insert AFTER INSERT ON person BEGIN "
        "INSERT INTO person_text (person_id, field, ref, text) "
        + " UNION ALL ".join(
            f"SELECT NEW.id, '{f}', NULL, NEW.{f} WHERE coalesce(NEW.{f}, '') <> ''"
            for f in _PERSON_TEXTS
        )
        + "; END",
        "INSERT INTO person_text (person_id, field, ref, text) "
        "SELECT id, field, NULL, text FROM ("
        + " UNION ALL ".join(
            f"SELECT id, '{f}' AS field, {f} AS text, {n} AS n FROM person "
            f"WHERE rowid > ?1 AND coalesce({f}, '') <> ''"
            for n, f in enumerate(_PERSON_TEXTS)
        )
        + ") ORDER BY id, n",
    ),
    "person_label": (
        "CREATE TRIGGER person_label_fulltext_insert AFTER INSERT ON person_label BEGIN "
        "INSERT INTO person_text (person_id, field, ref, text) "
        "VALUES (NEW.person_id, NEW.kind, NEW.position, NEW.name); END",
        "INSERT INTO person_text (person_id, field, ref, text) "
        "SELECT person_id, kind, position, name FROM person_label WHERE rowid > ? ORDER BY rowid",
    ),
    "interaction": (
        "CREATE TRIGGER interaction_fulltext_insert AFTER INSERT ON interaction "
        "WHEN coalesce(NEW.note, '') <> '' BEGIN "
        "INSERT INTO person_text (person_id, field, ref, text) "
        "VALUES (NEW.person_id, 'interaction', NEW.id, NEW.note); END",
        "INSERT INTO person_text (person_id, field, ref, text) "
        "SELECT person_id, 'interaction', id, note FROM interaction "
        "WHERE rowid > ? AND coalesce(note, '') <> '' ORDER BY rowid",
    ),
    "help": (
        "CREATE TRIGGER help_fulltext_insert AFTER INSERT ON help BEGIN "
        "INSERT INTO person_text (person_id, field, ref, text) "
        "VALUES (NEW.person_id, 'help_' || NEW.direction, NEW.id, "
        "NEW.what || coalesce(' (' || NEW.skill || ')', '')); END",
        "INSERT INTO person_text (person_id, field, ref, text) "
        "SELECT person_id, 'help_' || direction, id, what || coalesce(' (' || skill || ')', '') "
        "FROM help WHERE rowid > ? ORDER BY rowid",
    ),
}


# The count of interactions a month (m019_interaction_months), and the same
# counts added for all of a bulk insert's rows.
_MONTH_TRIGGER = "interaction_month_insert"
_MONTH_BULK = (
    "INSERT INTO interaction_month SELECT substr(date, 1, 7), count(*) FROM interaction "
    "WHERE rowid > ? GROUP BY 1 ON CONFLICT(month) DO UPDATE SET n = n + excluded.n"
)


def _same_sql(a: str | None, b: str) -> bool:
    return a is not None and " ".join(a.split()) == " ".join(b.split())


def _pause(conn: sqlite3.Connection, name: str, known: str) -> str | None:
    """Drop the journal's trigger ``name`` if its SQL is ``known``; the SQL to put it back."""
    found = conn.execute(
        "SELECT sql FROM main.sqlite_master WHERE type = 'trigger' AND name = ?", (name,)
    ).fetchone()
    if found is None or not _same_sql(found[0], known):
        return None
    conn.execute(f"DROP TRIGGER main.{name}")
    return str(found[0])


@contextmanager
def inserting(conn: sqlite3.Connection, table: str, rows: int) -> Iterator[None]:
    """Around one bulk INSERT of about ``rows`` rows into ``table``: row triggers run once.

    Two triggers cost more than the insert itself at 300,000 interactions:
    the undo log's (:func:`netjournal.store.undo.log_inserts` writes the same
    steps in one statement after the insert) and, for interactions and help,
    the one that keeps ``person.last_contact`` (one ``UPDATE … FROM`` gives
    the same dates).  The full-text triggers of people, labels, interactions
    and help add each row's texts to ``person_text``: one ``INSERT … SELECT`` in
    the rows' order adds the same texts under the same ids (at 30,000
    people, the label and interaction inserts took about twice as long with
    the trigger).  The count of interactions a month (m019) gets one grouped
    upsert.  Each is put back as it was before the block ends;
    a failure rolls the drop back with the rest of the transaction.  A
    trigger whose text is not the one this module knows stays and runs row by
    row.
    """
    from netjournal.store import undo

    if rows < BULK_ROWS or not conn.in_transaction:
        yield
        return
    after = conn.execute(f'SELECT coalesce(max(rowid), 0) FROM "{table}"').fetchone()[0]
    kept: list[str] = []  # the journal's triggers to put back
    bulk: list[str] = []  # what they would have done, for the rows past ``after``
    logged = undo.pause_inserts(conn, table)
    last = f"{table}_last_contact_insert"
    if (found := _pause(conn, last, _LAST_CONTACT_TRIGGER.format(table=table))) is not None:
        kept.append(found)
        bulk.append(_LAST_CONTACT_BULK.format(table=table))
    if table == "interaction":
        from netjournal.store.migrations import INTERACTION_MONTH_INSERT

        if (found := _pause(conn, _MONTH_TRIGGER, INTERACTION_MONTH_INSERT)) is not None:
            kept.append(found)
            bulk.append(_MONTH_BULK)
    if table in _FULLTEXT_TRIGGERS:
        made, each = _FULLTEXT_TRIGGERS[table]
        if (found := _pause(conn, f"{table}_fulltext_insert", made)) is not None:
            kept.append(found)
            bulk.insert(0, each)  # the texts first, as the trigger wrote them during the insert
    yield
    for statement in bulk:
        conn.execute(statement, (after,))
    for statement in kept:
        conn.execute(statement)
    if logged:
        undo.log_inserts(conn, table, after)


@contextmanager
def indexes_deferred(conn: sqlite3.Connection, table: str, rows: int) -> Iterator[None]:
    """While about ``rows`` rows are added to ``table``, its secondary indexes wait.

    Each new row costs a B-tree insert in every index, in random order;
    ``CREATE INDEX`` on the whole table sorts once, several times cheaper.
    Only for a table that holds fewer rows than are coming (else rebuilding
    the index reads more than the insert writes), and only when nothing in
    the block reads the table through those indexes: the caller says so.
    The indexes are made again from their own SQL before the block ends.
    """
    if rows < BULK_ROWS or not conn.in_transaction:
        yield
        return
    present = conn.execute(
        f'SELECT count(*) FROM (SELECT 1 FROM "{table}" LIMIT ?)', (rows,)
    ).fetchone()[0]
    found = (
        conn.execute(
            "SELECT name, sql FROM main.sqlite_master "
            "WHERE type = 'index' AND tbl_name = ? AND sql IS NOT NULL",
            (table,),
        ).fetchall()
        if present < rows
        else []
    )
    for name, _sql in found:
        conn.execute(f'DROP INDEX main."{name}"')
    yield
    for _name, sql in found:
        conn.execute(sql)
