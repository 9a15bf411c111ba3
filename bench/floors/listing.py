"""Floor of `net list --json`: every person, by key, as a JSON object built by SQLite."""

import sqlite3
import sys

import rich  # noqa: F401  (what a Typer CLI with Rich output loads)
import typer  # noqa: F401

conn = sqlite3.connect(f"file:{sys.argv[1]}?mode=ro", uri=True)
rows = conn.execute(
    "SELECT json_object('key', key, 'name', name, 'org', org, 'city', city, 'email', email) "
    "FROM person ORDER BY key"
)
sys.stdout.write('{"people": [' + ",".join(row for (row,) in rows) + "]}\n")
