"""Floor of `net balance --json`: help given and received, per person, in one grouped pass."""

import json
import sqlite3
import sys

import rich  # noqa: F401  (what a Typer CLI with Rich output loads)
import typer  # noqa: F401

conn = sqlite3.connect(f"file:{sys.argv[1]}?mode=ro", uri=True)
rows = conn.execute(
    "SELECT p.key, p.name, sum(h.direction = 'gave'), sum(h.direction = 'got') FROM help h "
    "JOIN person p ON p.id = h.person_id GROUP BY h.person_id ORDER BY "
    "sum(h.direction = 'got') - sum(h.direction = 'gave') DESC, p.key"
).fetchall()
print(json.dumps({"people": [list(r) for r in rows]}))
