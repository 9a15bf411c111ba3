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
