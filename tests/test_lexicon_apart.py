"""The lexicon lives apart: journals and backups hold only the user's data and its index."""

from __future__ import annotations

import json
import os
import sqlite3
from datetime import datetime, timezone
from pathlib import Path

import pytest

from conftest import Net
from netjournal.matching.lexicon import compile_lexicon, fingerprint, load
from netjournal.store import lexicon, open_journal
from netjournal.store.journal import _statements
from netjournal.store.migrations import MIGRATIONS

SAMPLE = Path(__file__).resolve().parent.parent / "src" / "netjournal" / "data" / "sample.json"


# A journal of 19 people: their data, the matching index and the full-text index.
SMALL = 250_000
# The same journal in 4 KiB pages (a journal made before m010): every table and
# index takes a page at least.
SMALL_OLD = 300_000


def _tables(path: Path) -> set[str]:
    conn = sqlite3.connect(path)
    try:
        return {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
    finally:
        conn.close()


def _nineteen(tmp_path: Path) -> Path:
    """The sample journal cut to its first 19 people, references kept valid."""
    doc = json.loads(SAMPLE.read_text(encoding="utf-8"))
    doc["people"] = doc["people"][:19]
    keys = {p["key"] for p in doc["people"]}
    for person in doc["people"]:
        if person.get("via") not in keys:
            person["via"] = None
    for section, fields in (
        ("interactions", ("person",)),
        ("help", ("person",)),
        ("ties", ("a", "b")),
        ("referrals", ("person", "to")),
    ):
        doc[section] = [r for r in doc.get(section, []) if all(r[f] in keys for f in fields)]
    path = tmp_path / "nineteen.json"
    path.write_text(json.dumps(doc), encoding="utf-8")
    return path


def test_a_new_journal_of_19_people_and_its_backup_are_small(tmp_path: Path, net: Net) -> None:
    db = tmp_path / "j.db"
    assert net("--db", str(db), "import", str(_nineteen(tmp_path))).code == 0
    found = net("--db", str(db), "ask", "need a lawyer", "--json").json()
    assert found["suggestions"]  # type: ignore[index]
    backup = tmp_path / "copy.db"
    assert net("--db", str(db), "backup", str(backup)).code == 0
    journal = open_journal(db)
    journal.conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    journal.close()
    # Small: the user's data and its indexes (the full-text one included), no lexicon.
    assert db.stat().st_size < SMALL, db.stat().st_size
    assert backup.stat().st_size < SMALL, backup.stat().st_size
    for path in (db, backup):
        assert not _tables(path) & set(lexicon.TABLES)
        assert {"person", "person_concept", "person_term", "person_word"} <= _tables(path)


def test_sql_names_the_lexicon_tables_plainly(tmp_path: Path) -> None:
    journal = open_journal(tmp_path / "j.db")
    try:
        conn = journal.conn
        for table in lexicon.TABLES:
            assert conn.execute(f"SELECT count(*) FROM {table}").fetchone()[0] > 0, table
        assert conn.execute("SELECT 1 FROM vocabulary WHERE word = 'lawyer'").fetchone()
        with pytest.raises(sqlite3.OperationalError, match="readonly"):
            conn.execute("DELETE FROM lexicon.concept")
    finally:
        journal.close()


def test_the_lexicon_is_built_once_per_version_into_the_cache(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, net: Net
) -> None:
    cache = tmp_path / "cache"
    monkeypatch.setenv("NETJOURNAL_CACHE_DIR", str(cache))
    assert net("--db", str(tmp_path / "a.db"), "add", "Anna Rossi", "--skill", "law").code == 0
    built = list(cache.glob("lexicon-*.db"))
    assert [p.name for p in built] == [lexicon.lexicon_file().name]
    stamp = built[0].stat().st_mtime_ns
    assert net("--db", str(tmp_path / "b.db"), "add", "Marco", "--skill", "plumbing").code == 0
    assert list(cache.glob("lexicon-*")) == built and built[0].stat().st_mtime_ns == stamp
    conn = sqlite3.connect(built[0])
    assert conn.execute("SELECT value FROM lexicon_meta").fetchone() == (fingerprint(),)
    conn.close()


def test_an_unwritable_cache_still_answers(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, net: Net
) -> None:
    blocked = tmp_path / "file"
    blocked.write_text("not a folder")
    monkeypatch.setenv("NETJOURNAL_CACHE_DIR", str(blocked / "cache"))
    db = tmp_path / "j.db"
    assert net("--db", str(db), "add", "Anna Rossi", "--skill", "family law").code == 0
    found = net("--db", str(db), "ask", "need a lawyer", "--json").json()
    assert [s["key"] for s in found["suggestions"]] == ["anna-rossi"]  # type: ignore[index]


def _old_journal(path: Path) -> None:
    """A journal as netjournal wrote it before m010: the whole lexicon copied inside."""
    conn = sqlite3.connect(path, isolation_level=None)
    conn.execute("CREATE TABLE schema_migration (name TEXT PRIMARY KEY, applied_at TEXT NOT NULL)")
    now = datetime.now(timezone.utc).isoformat(timespec="seconds")
    for migration in MIGRATIONS[:5]:
        for statement in _statements(migration.sql):
            conn.execute(statement)
        conn.execute("INSERT INTO schema_migration VALUES (?, ?)", (migration.name, now))
    compiled = compile_lexicon(load())
    conn.execute("BEGIN")
    conn.executemany("INSERT INTO concept VALUES (?, ?, ?)", compiled.concepts)
    conn.executemany("INSERT INTO concept_closure VALUES (?, ?, ?)", compiled.closure)
    conn.executemany("INSERT INTO lexicon_phrase VALUES (?, ?, ?, ?, ?)", compiled.phrases)
    conn.executemany("INSERT INTO problem_word VALUES (?, ?, ?, ?, ?, ?)", compiled.problem_words)
    words = [*compiled.vocabulary, "kubernetes"]  # the last one came from a person's skill
    conn.executemany("INSERT OR IGNORE INTO vocabulary VALUES (?)", [(w,) for w in words])
    conn.execute(
        "INSERT INTO person (key, name, norm_name, added) "
        "VALUES ('kai', 'Kai Lind', 'kai lind', '2026-01-01')"
    )
    conn.execute("INSERT INTO person_label VALUES (1, 'skill', 0, 'kubernetes', 'kubernetes')")
    conn.execute("COMMIT")
    conn.close()


def test_m010_drops_the_copied_lexicon_and_keeps_peoples_words(tmp_path: Path, net: Net) -> None:
    path = tmp_path / "old.db"
    _old_journal(path)
    before = path.stat().st_size
    assert before > 2_000_000  # the copied lexicon
    result = net("--db", str(path), "ask", "need someone for kubernets", "--json")
    assert result.code == 0, result.err
    assert [s["key"] for s in result.json()["suggestions"]] == ["kai"]  # type: ignore[index]
    assert not _tables(path) & set(lexicon.TABLES)
    conn = sqlite3.connect(path)
    assert conn.execute("SELECT word FROM person_word WHERE word = 'kubernetes'").fetchone()
    assert conn.execute("SELECT count(*) FROM person_word").fetchone()[0] < 10
    conn.close()
    journal = open_journal(path)
    journal.conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    journal.close()
    assert path.stat().st_size < SMALL_OLD, path.stat().st_size
    # Named after the first step it was missing (m009_needs comes before m010).
    kept = list(tmp_path.glob("old.db.before-m0*-*.bak"))
    assert len(kept) == 1 and kept[0].stat().st_size == before


def test_old_compiled_lexicons_are_pruned(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Each upgrade compiles a new lexicon: only the newest few stay in the cache."""
    monkeypatch.setenv("NETJOURNAL_CACHE_DIR", str(tmp_path))
    for i in range(5):
        old = tmp_path / f"lexicon-old{i}.db"
        old.write_bytes(b"")
        os.utime(old, (1_000_000 + i, 1_000_000 + i))
    lexicon.build_file(lexicon.lexicon_file())
    left = sorted(p.name for p in tmp_path.glob("lexicon-*.db"))
    assert left == sorted([lexicon.lexicon_file().name, "lexicon-old4.db", "lexicon-old3.db"])
