"""Floor of `net find WORD --json`: the texts holding the word, best rank first, and who.

The one query `net find` needs: FTS5 ranks every text that holds the word
(`ORDER BY rank` computes BM25 for each of them before the first row), and
the twenty best come with their person's key and name and a snippet.
"""

import json
import sqlite3
import sys

import rich  # noqa: F401  (what a Typer CLI with Rich output loads)
import typer  # noqa: F401

conn = sqlite3.connect(f"file:{sys.argv[1]}?mode=ro", uri=True)
rows = conn.execute(
    "SELECT p.key, p.name, t.field, snippet(person_fts, 0, '', '', '…', 12) "
    "FROM person_fts JOIN person_text t ON t.id = person_fts.rowid "
    "JOIN person p ON p.id = t.person_id "
    "WHERE person_fts MATCH ? ORDER BY rank LIMIT 20",
    ('"' + sys.argv[2].lower().replace('"', '""') + '"*',),
).fetchall()
print(json.dumps({"people": [list(r) for r in rows]}))
