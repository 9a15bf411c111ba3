"""Floor of `net today --json`: the three most overdue ties and the oldest help owed."""

import json
import sqlite3
import sys

import rich  # noqa: F401  (what a Typer CLI with Rich output loads)
import typer  # noqa: F401

db, today = sys.argv[1], sys.argv[2]
conn = sqlite3.connect(f"file:{db}?mode=ro", uri=True)
cold = conn.execute(
    "SELECT key, name, d FROM (SELECT key, name, CAST(julianday(?1) - julianday(coalesce("
    "last_contact, added)) AS INTEGER) AS d, coalesce(cadence_days, 90) AS c FROM person "
    "WHERE via_id IS NULL) WHERE d > c ORDER BY CAST(d - c AS REAL) / c DESC, key LIMIT 3",
    (today,),
).fetchall()
owed = conn.execute(
    "SELECT person_id, max(date) FROM help WHERE direction = 'got' AND date >= date(?1, '-1 year') "
    "GROUP BY person_id ORDER BY 2 LIMIT 3",
    (today,),
).fetchall()
print(json.dumps({"today": today, "stale": cold, "owed": owed}))
