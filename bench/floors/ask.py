"""Floor of `net ask NEED --json`: the concept of the need's words, its narrower ones, the top 5."""

import json
import sqlite3
import sys

import rich  # noqa: F401  (what a Typer CLI with Rich output loads)
import typer  # noqa: F401

db, lexicon, *need = sys.argv[1:]
conn = sqlite3.connect(f"file:{db}?mode=ro", uri=True)
conn.execute("ATTACH DATABASE ? AS lexicon", (f"file:{lexicon}?mode=ro&immutable=1",))
keys = [w.lower() for w in " ".join(need).split()]
rows = conn.execute(
    "SELECT p.key, p.name, max(pc.weight) AS w FROM lexicon_phrase lp "
    "JOIN concept_closure cc ON cc.ancestor = lp.concept_id "
    "JOIN person_concept pc ON pc.concept_id = cc.descendant JOIN person p ON p.id = pc.person_id "
    f"WHERE lp.key IN ({','.join('?' * len(keys))}) GROUP BY p.id ORDER BY w DESC, p.key LIMIT 5",
    keys,
).fetchall()
print(json.dumps({"need": " ".join(need), "suggestions": [list(r) for r in rows]}))
