"""Floor of `net log/gave/got/knows/add`: the same INSERTs, in one transaction, by key."""

import sqlite3
import sys

import rich  # noqa: F401  (what a Typer CLI with Rich output loads)
import typer  # noqa: F401

db, what, key, *rest = sys.argv[1:]
conn = sqlite3.connect(db, isolation_level=None)
conn.execute("BEGIN IMMEDIATE")
ids = (
    [
        conn.execute("SELECT id FROM person WHERE key = ?", (k,)).fetchone()[0]
        for k in [key, *rest][: 2 if what == "knows" else 1]
    ]
    if what != "add"
    else []
)
if what == "log":
    conn.execute(
        "INSERT INTO interaction (person_id, date, kind, note) VALUES (?, date('now'), NULL, ?)",
        (ids[0], rest[0]),
    )
elif what in ("gave", "got"):
    conn.execute(
        "INSERT INTO help (person_id, direction, date, what) VALUES (?, ?, date('now'), ?)",
        (ids[0], what, rest[0]),
    )
elif what == "knows":
    conn.execute("INSERT OR IGNORE INTO tie (a_id, b_id) VALUES (?, ?)", (min(ids), max(ids)))
else:  # add NAME SKILL: the person and their label
    pid = conn.execute(
        "INSERT INTO person (key, name, norm_name, added) VALUES (?, ?, lower(?), date('now'))",
        (key.lower().replace(" ", "-"), key, key),
    ).lastrowid
    conn.execute(
        "INSERT INTO person_label VALUES (?, 'skill', 0, ?, lower(?))", (pid, rest[0], rest[0])
    )
conn.execute("COMMIT")
