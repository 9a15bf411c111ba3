"""Floor of `net stats --json`: counts by the date indexes."""

import json
import sqlite3
import sys

import rich  # noqa: F401  (what a Typer CLI with Rich output loads)
import typer  # noqa: F401

db, today = sys.argv[1], sys.argv[2]
conn = sqlite3.connect(f"file:{db}?mode=ro", uri=True)
out = {"people": conn.execute("SELECT count(*) FROM person").fetchone()[0]}
for table in ("interaction", "help"):
    out[table] = conn.execute(
        f"SELECT count(*) FROM {table} WHERE date > date(?, '-90 days')", (today,)
    ).fetchone()[0]
out["domains"] = conn.execute("SELECT domain, count(*) FROM person GROUP BY domain").fetchall()
print(json.dumps(out))
