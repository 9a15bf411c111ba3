"""net find reads only the texts it needs: the same people, in the same order, as reading them all.

The reference below is the search as it was before it stopped early: every
text of each word read to know who holds it, the ``MAX_ROWS`` best-ranked
texts read with their snippets, then everyone sorted.
"""

from __future__ import annotations

import importlib.util
import json
import math
import random
import sqlite3
import sys
from pathlib import Path

import pytest

from conftest import Net, seed_journal
from netjournal.services import find

BENCH = Path(__file__).resolve().parent.parent / "bench"


def reference(conn: sqlite3.Connection, text: str, limit: int) -> list[dict[str, object]]:
    terms = find.query_terms(text)
    if not terms:
        return []
    total = max(1, conn.execute("SELECT count(*) FROM person").fetchone()[0])
    hits: dict[int, set[str]] = {}
    weights: dict[str, float] = {}
    for term in terms:
        people = find.people_matching(conn, term)
        if not people:
            continue
        weights[term.word] = math.log(1 + total / len(people))
        for pid in people:
            hits.setdefault(pid, set()).add(term.word)
    if not hits:
        return []
    norm = sum(weights.values())
    query = " OR ".join(t.fts for t in terms if t.word in weights)
    best: dict[int, tuple[float, str, str]] = {}
    for pid, kind, rank, snippet in conn.execute(
        "SELECT t.person_id, t.field, bm25(person_fts), "
        "snippet(person_fts, 0, '', '', '…', 12) "
        "FROM person_fts JOIN person_text t ON t.id = person_fts.rowid "
        "WHERE person_fts MATCH ? ORDER BY rank, t.person_id LIMIT ?",
        (query, find.MAX_ROWS),
    ):
        best.setdefault(pid, (rank, kind, snippet))
    coverage = {pid: sum(weights[w] for w in matched) / norm for pid, matched in hits.items()}
    order = sorted(best, key=lambda pid: (-round(coverage[pid], 6), best[pid][0], pid))[:limit]
    out = []
    for pid in order:
        key, name = conn.execute("SELECT key, name FROM person WHERE id = ?", (pid,)).fetchone()
        rank, kind, snippet = best[pid]
        out.append(
            {
                "key": key,
                "name": name,
                "score": round(max(0.001, min(1.0, coverage[pid])), 3),
                "field": find.FIELD_NAMES.get(kind, kind),
                "snippet": snippet,
                "matched": sorted(hits[pid]),
            }
        )
    return out


@pytest.fixture(scope="module")
def generated(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The bench's generated journal of 600 people (thousands of texts, many alike)."""
    spec = importlib.util.spec_from_file_location("bench_generate_find", BENCH / "generate.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    folder = tmp_path_factory.mktemp("find")
    document = folder / "journal.json"
    document.write_text(json.dumps(module.generate(600, seed=3)))
    return seed_journal(folder, ("import", str(document)))


def _queries(path: Path) -> list[str]:
    conn = sqlite3.connect(path)
    try:
        texts = [r[0] for r in conn.execute("SELECT text FROM person_text ORDER BY id")]
    finally:
        conn.close()
    pick = random.Random(5)
    vocabulary = sorted({w for t in texts for w in t.split() if len(w) > 2 and w[0].isalnum()})
    fixed = ["Milano", "Torino", "Milano Torino", "lawyer Milano", "coffee", "met at", "zzzq"]
    return fixed + [" ".join(pick.sample(vocabulary, pick.choice((1, 2, 3)))) for _ in range(60)]


@pytest.mark.parametrize("max_rows", [find.MAX_ROWS, 40])
def test_find_shows_what_reading_every_text_shows(
    net: Net, generated: Path, monkeypatch: pytest.MonkeyPatch, max_rows: int
) -> None:
    """Ties of rank (a hundred people whose city is Milano) and the cut at ``MAX_ROWS`` included."""
    monkeypatch.setattr(find, "MAX_ROWS", max_rows)
    conn = sqlite3.connect(generated)
    try:
        for query in _queries(generated):
            for limit in (1, 3, 20):
                got = net("--db", str(generated), "find", query, "--limit", str(limit), "--json")
                assert got.code == 0, got.err
                assert got.json()["people"] == reference(conn, query, limit), (query, limit)  # type: ignore[index]
    finally:
        conn.close()
