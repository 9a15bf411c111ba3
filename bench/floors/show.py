"""Floor of `net show KEY --json`: the person by key, and their events."""

import json
import sqlite3
import sys

import rich  # noqa: F401  (what a Typer CLI with Rich output loads)
import typer  # noqa: F401

conn = sqlite3.connect(f"file:{sys.argv[1]}?mode=ro", uri=True)
person = conn.execute("SELECT * FROM person WHERE key = ?", (sys.argv[2],)).fetchone()
events = {
    table: conn.execute(
        f"SELECT * FROM {table} WHERE person_id = ? ORDER BY date", person[:1]
    ).fetchall()
    for table in ("interaction", "help", "referral")
}
ties = conn.execute("SELECT * FROM tie WHERE a_id = ?1 OR b_id = ?1", person[:1]).fetchall()
print(json.dumps({"person": person, "ties": ties, **events}))
