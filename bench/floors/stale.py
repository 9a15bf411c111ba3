"""Floor of `net stale --json`: everyone past their cadence, most overdue first."""

import json
import sqlite3
import sys

import rich  # noqa: F401  (what a Typer CLI with Rich output loads)
import typer  # noqa: F401

db, today, limit = sys.argv[1], sys.argv[2], int(sys.argv[3]) if len(sys.argv) > 3 else -1
conn = sqlite3.connect(f"file:{db}?mode=ro", uri=True)
rows = conn.execute(
    "SELECT key, name, last_contact, d, c FROM (SELECT key, name, last_contact, "
    "CAST(julianday(?1) - julianday(coalesce(last_contact, added)) AS INTEGER) AS d, "
    "coalesce(cadence_days, 90) AS c FROM person WHERE via_id IS NULL) WHERE d > c "
    "ORDER BY CAST(d - c AS REAL) / c DESC, key LIMIT ?2",
    (today, limit),
).fetchall()
print(json.dumps({"today": today, "people": [list(r) for r in rows]}))
