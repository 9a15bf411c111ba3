"""The undo log: every write command can be reverted, whoever wrote it.

How it works, so that no write path has to remember anything:

- Triggers on every table of the user's data record, for each row a command
  inserts, updates or deletes, the SQL that reverts it (``undo_step``), the way
  SQLite's own "undo/redo" note describes.  They are TEMP triggers, made from
  the live schema by :func:`start` on the connection's first write: a table or
  a column another step adds is covered at once, and the journal file holds
  none of them.
- They record only while ``temp.undo_state.command_id`` is set.  The one
  write unit, :meth:`netjournal.store.Journal.write`, sets it to the current
  command (one ``undo_command`` row per command, however many write blocks it
  runs) and clears it before it commits.  Writes made outside it (migrations,
  another program) are not recorded.
- :func:`netjournal.services.undo.undo_last` replays a command's steps newest
  first in one transaction, with recording off.

Derived tables (the matching index, the lexicon, full-text shadow tables) are
not recorded: undo rebuilds the index of the people it touched.  A new derived
table is listed in :data:`NOT_RECORDED` (or is a virtual table, which is
skipped with its shadow tables).
"""

from __future__ import annotations

import sqlite3

#: Tables whose rows are not the user's data: rebuilt, not reverted.
NOT_RECORDED: frozenset[str] = frozenset(
    {
        "schema_migration",
        "undo_command",
        "undo_step",
        "concept",
        "concept_closure",
        "lexicon_phrase",
        "problem_word",
        "vocabulary",
        "person_concept",
        "person_term",
        "person_word",
        "person_text",  # kept by triggers on the tables it copies (m006_fulltext)
        "interaction_month",  # counts kept by triggers on interaction (m019)
        "need_match",
        "circle_need_match",
    }
)
#: How many commands the log remembers.
KEEP_COMMANDS = 50
TRIGGER_PREFIX = "undo_rec_"


def _quote(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


def _literal(text: str) -> str:
    return "'" + text.replace("'", "''") + "'"


def recorded_tables(conn: sqlite3.Connection) -> list[str]:
    """The tables of the user's data: every ordinary table but the derived ones."""
    rows = conn.execute("SELECT name, sql FROM main.sqlite_master WHERE type = 'table'").fetchall()
    virtual = [n for n, sql in rows if (sql or "").upper().startswith("CREATE VIRTUAL")]
    out = []
    for name, _sql in rows:
        if name in NOT_RECORDED or name.startswith("sqlite_") or name in virtual:
            continue
        if any(name.startswith(v + "_") for v in virtual):
            continue
        out.append(name)
    return sorted(out)


def _person_columns(conn: sqlite3.Connection, table: str) -> list[str]:
    """Columns that name a person (their index is rebuilt when undo touches them)."""
    keys = conn.execute(f"PRAGMA foreign_key_list({_quote(table)})").fetchall()
    cols = [r[3] for r in keys if r[2] == "person"]
    if table == "person":
        cols.insert(0, "id")
    return cols


def integer_key(conn: sqlite3.Connection, table: str) -> str | None:
    """The table's INTEGER PRIMARY KEY column, if it has one (steps then keep just ``rid``)."""
    info = conn.execute(f"PRAGMA table_info({_quote(table)})").fetchall()
    keys = [r for r in info if r[5]]
    if len(keys) == 1 and keys[0][2].upper() == "INTEGER":
        return str(keys[0][1])
    return None


_CURRENT = "(SELECT command_id FROM temp.undo_state)"
INSERTED = "'insert'"


def _logged(table: str, rid: str, ops: str) -> str:
    """SQL: this command already logged ``ops`` of that row (so the new step adds nothing)."""
    return (
        f"EXISTS (SELECT 1 FROM undo_step WHERE command_id = {_CURRENT} "
        f"AND tbl = {_literal(table)} AND rid = {rid} AND op IN ({ops}))"
    )


def _not_born(table: str, rid: str) -> str:
    """SQL: this command did not insert that row of ``table`` (as ``NOT`` :func:`_logged`).

    For one statement over many rows: the uncorrelated ``IN`` list is read
    once into a temporary index, where :func:`_logged` probes the whole log
    for each row (at 100,000 people, a million probes of a log on disk).  A
    NULL reference is not a row this command inserted.
    """
    inserted = (
        f"SELECT rid FROM undo_step WHERE command_id = {_CURRENT} "
        f"AND tbl = {_literal(table)} AND op = {INSERTED} AND rid IS NOT NULL"
    )
    return f"coalesce({rid} NOT IN ({inserted}), 1)"


def _triggers(conn: sqlite3.Connection, table: str) -> list[str]:
    return _made(conn, table)[0]


# What an insert logs of a row: (when, rid, people, sql), SQL expressions about NEW.
_Inserted = tuple[str, str, str, str]


def _made(conn: sqlite3.Connection, table: str) -> tuple[list[str], _Inserted | None]:
    """Three triggers that log how to revert each row a recorded command changes.

    What they leave out costs nothing to revert: a row whose parent (through
    an ON DELETE CASCADE key) this command inserted goes with its parent; a
    row this command inserted needs no update or delete step; of several
    updates of one row, the first holds the values to go back to.  So
    importing 10,000 new people logs 10,000 short steps, not a million.
    """
    info = conn.execute(f"PRAGMA main.table_info({_quote(table)})").fetchall()
    columns = [r[1] for r in info]
    keys = [r[1] for r in sorted(info, key=lambda r: r[5]) if r[5]]
    sql = conn.execute("SELECT sql FROM main.sqlite_master WHERE name = ?", (table,)).fetchone()[0]
    if not keys:
        if "WITHOUT ROWID" in (sql or "").upper():
            return [], None
        keys = ["rowid"]
    rid_col = integer_key(conn, table)
    q = _quote(table)
    lit = _literal(table)

    def where(side: str) -> str:
        parts = [f"{_literal(_quote(k) + '=')} || quote({side}.{_quote(k)})" for k in keys]
        return " || ' AND ' || ".join(parts)

    def people(side: str) -> str:
        cols = _person_columns(conn, table)
        if not cols:
            return "NULL"
        return "json_array(" + ", ".join(f"{side}.{_quote(c)}" for c in cols) + ")"

    def rid(side: str) -> str:
        return f"{side}.{_quote(rid_col)}" if rid_col else "NULL"

    parents = []
    born = []  # the same test for many rows at once: see log_inserts
    for fk in conn.execute(f"PRAGMA foreign_key_list({_quote(table)})").fetchall():
        parent, column, on_delete = fk[2], fk[3], fk[6]
        if on_delete.upper() == "CASCADE" and parent != table:
            parents.append(_logged(parent, f"NEW.{_quote(column)}", INSERTED))
            born.append(_not_born(parent, f"NEW.{_quote(column)}"))
    with_parent = "".join(f" AND NOT {p}" for p in parents)
    with_parent_old = with_parent.replace("NEW.", "OLD.")

    insert_cols = columns if keys != ["rowid"] else ["rowid", *columns]
    values = " || ',' || ".join(f"quote(OLD.{_quote(c)})" for c in insert_cols)
    names = ", ".join(_quote(c) for c in insert_cols)
    restore = f"{_literal(f'INSERT INTO {q} ({names}) VALUES (')} || {values} || ')'"
    sets = " || ', ' || ".join(
        f"{_literal(_quote(c) + '=')} || quote(OLD.{_quote(c)})" for c in columns
    )
    changed = " OR ".join(f"OLD.{_quote(c)} IS NOT NEW.{_quote(c)}" for c in columns)
    recording = f"{_CURRENT} IS NOT NULL"
    seen_new = _logged(table, rid("NEW"), "'insert', 'update'")
    fresh_new = f" AND NOT {seen_new}" if rid_col else ""
    fresh_old = f" AND NOT {_logged(table, rid('OLD'), INSERTED)}" if rid_col else ""
    step = (
        "INSERT INTO undo_step (command_id, tbl, op, rid, people, sql) "
        f"VALUES ({_CURRENT}, {lit}, '{{op}}', {{rid}}, {{people}}, {{sql}});"
    )
    delete_sql = "NULL" if rid_col else f"{_literal(f'DELETE FROM {q} WHERE ')} || {where('NEW')}"
    name = TRIGGER_PREFIX + table
    inserted = (
        f"{recording}{''.join(f' AND {b}' for b in born)}",
        rid("NEW"),
        people("NEW"),
        delete_sql,
    )
    triggers = [
        f"CREATE TEMP TRIGGER {_quote(name + '_insert')} AFTER INSERT ON {q} "
        f"WHEN {recording}{with_parent} BEGIN "
        + step.format(op="insert", rid=inserted[1], people=inserted[2], sql=inserted[3])
        + " END",
        f"CREATE TEMP TRIGGER {_quote(name + '_delete')} AFTER DELETE ON {q} "
        f"WHEN {recording}{fresh_old}{with_parent_old} BEGIN "
        + step.format(op="delete", rid=rid("OLD"), people=people("OLD"), sql=restore)
        + " END",
        f"CREATE TEMP TRIGGER {_quote(name + '_update')} AFTER UPDATE ON {q} "
        f"WHEN {recording} AND ({changed}){fresh_new}{with_parent} BEGIN "
        + step.format(
            op="update",
            rid=rid("NEW"),
            people=people("OLD"),
            sql=f"{_literal(f'UPDATE {q} SET ')} || {sets} || ' WHERE ' || {where('NEW')}",
        )
        + " END",
    ]
    return triggers, inserted


def pause_inserts(conn: sqlite3.Connection, table: str) -> bool:
    """Drop the trigger that logs the rows inserted into ``table``, for a bulk insert.

    True if it was there and :func:`log_inserts` can stand in for it (the
    table has a rowid); then call :func:`log_inserts` after the insert.
    """
    name = TRIGGER_PREFIX + table + "_insert"
    found = conn.execute(
        "SELECT 1 FROM temp.sqlite_master WHERE type = 'trigger' AND name = ?", (name,)
    ).fetchone()
    row = conn.execute(
        "SELECT sql FROM main.sqlite_master WHERE type = 'table' AND name = ?", (table,)
    ).fetchone()
    if found is None or row is None or "WITHOUT ROWID" in (row[0] or "").upper():
        return False
    conn.execute(f"DROP TRIGGER temp.{_quote(name)}")
    return True


def log_inserts(conn: sqlite3.Connection, table: str, after: int) -> None:
    """Log at once what the paused trigger logs row by row, for rows past rowid ``after``.

    One statement writes the same steps, in the order of the rows; then the
    trigger is made again, as :func:`install_triggers` makes it.
    """
    made, inserted = _made(conn, table)
    assert inserted is not None  # pause_inserts said the table has a rowid
    when, rid, people, sql = inserted
    conn.execute(
        "INSERT INTO undo_step (command_id, tbl, op, rid, people, sql) "
        f"SELECT {_CURRENT}, {_literal(table)}, 'insert', {rid}, {people}, {sql} "
        f"FROM {_quote(table)} AS NEW WHERE NEW.rowid > ? AND {when} ORDER BY NEW.rowid",
        (after,),
    )
    conn.execute(made[0])


def has_undo_log(conn: sqlite3.Connection) -> bool:
    return (
        conn.execute(
            "SELECT 1 FROM main.sqlite_master WHERE type = 'table' AND name = 'undo_step'"
        ).fetchone()
        is not None
    )


def install_triggers(conn: sqlite3.Connection) -> int:
    """(Re)make the connection's recording triggers from the current schema.

    Returns the schema version they were made for; :func:`start` makes them
    again when it changes.
    """
    conn.execute("CREATE TEMP TABLE IF NOT EXISTS undo_state (command_id INTEGER)")
    if conn.execute("SELECT count(*) FROM temp.undo_state").fetchone()[0] == 0:
        conn.execute("INSERT INTO temp.undo_state VALUES (NULL)")
    for (old,) in conn.execute(
        "SELECT name FROM temp.sqlite_master WHERE type = 'trigger'"
    ).fetchall():
        if old.startswith(TRIGGER_PREFIX):
            conn.execute(f"DROP TRIGGER temp.{_quote(old)}")
    for table in recorded_tables(conn):
        for statement in _triggers(conn, table):
            conn.execute(statement)
    return int(conn.execute("PRAGMA main.schema_version").fetchone()[0])


def start(conn: sqlite3.Connection, command_id: int | None, made_for: int | None) -> int:
    """Record what follows as part of ``command_id`` (None: record nothing).

    ``made_for`` is the schema version the triggers were made for (None: not
    made yet); returns the version they are made for now.
    """
    version = int(conn.execute("PRAGMA main.schema_version").fetchone()[0])
    if made_for != version:
        version = install_triggers(conn)
    conn.execute("UPDATE temp.undo_state SET command_id = ?", (command_id,))
    return version


def stop(conn: sqlite3.Connection) -> None:
    conn.execute("UPDATE temp.undo_state SET command_id = NULL")
