"""A large import takes bulk paths inside its one transaction: the same journal as row by row.

``store/bulk.py`` drops per-row triggers for the length of a bulk insert and
does their work in one statement after it (the undo log's steps, each
person's last contact).  These tests import the same document with the bulk
paths and without them, and compare every row, then undo it.
"""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path
from typing import Any

import pytest

from conftest import Net, snapshot
from netjournal.store import bulk

EXISTING = 40
NEW = 2100  # past bulk.BULK_ROWS for people, labels, interactions, help and ties


def _document() -> dict[str, Any]:
    """New people with events, and events and a changed profile for people already there."""
    people: list[dict[str, Any]] = [
        {"key": f"new-{i}", "name": f"New Person {i}", "skills": ["tax advice", "plumbing"]}
        for i in range(NEW)
    ]
    people.append({"key": "old-0", "name": "Old Person 0", "notes": "now fixes bikes"})
    old = [f"old-{i % EXISTING}" for i in range(NEW)]
    interactions = [
        {"person": f"new-{i}", "date": "2026-03-01", "kind": "call", "note": None}
        for i in range(NEW)
    ] + [
        {
            "person": key,
            "date": f"2026-{1 + i % 11:02d}-{1 + i % 27:02d}",
            "kind": "coffee",
            "note": f"talked about taxes {i % 7}",
        }
        for i, key in enumerate(old)
    ]
    help_ = [
        {
            "person": key,
            "direction": "got" if i % 2 else "gave",
            "date": "2026-10-0" + str(1 + i % 9),
            "what": f"fixed my sink {i}",
            "skill": "plumbing",
        }
        for i, key in enumerate(old)
    ]
    ties = [{"a": old[i], "b": f"new-{i}", "note": None} for i in range(NEW)]
    return {
        "format": "netjournal",
        "version": 1,
        "people": people,
        "interactions": interactions,
        "help": help_,
        "ties": ties,
        "referrals": [
            {"person": "new-1", "to": "old-2", "need": "a plumber", "date": "2026-05-05"}
        ],
    }


def _seed(net: Net, db: Path) -> None:
    """People already in the journal, with a few events, written row by row."""
    seed = db.with_suffix(".seed.json")
    people = [{"key": f"old-{i}", "name": f"Old Person {i}"} for i in range(EXISTING)]
    seed.write_text(json.dumps({"format": "netjournal", "version": 1, "people": people}))
    assert net("--db", str(db), "import", str(seed)).code == 0
    assert net("--db", str(db), "log", "old-1", "coffee", "--on", "2026-11-20").code == 0
    assert net("--db", str(db), "got", "old-3", "fixed the boiler", "--on", "2026-01-05").code == 0


def _rows(db: Path) -> list[tuple[str, list[tuple[object, ...]]]]:
    """Every table; the undo log without its ids and times (the steps' order may differ)."""
    out = []
    for table, rows in snapshot(db):
        if table == "undo_command":
            rows = [r[:1] for r in rows]
        elif table == "undo_step":
            rows = sorted(((r[1], *r[2:]) for r in rows), key=repr)
        out.append((table, rows))
    return out


def _schema(db: Path) -> list[tuple[str, str, str | None]]:
    conn = sqlite3.connect(db)
    try:
        return sorted(conn.execute("SELECT type, name, sql FROM sqlite_master"))
    finally:
        conn.close()


@pytest.fixture
def doc(tmp_path: Path) -> Path:
    path = tmp_path / "big.json"
    path.write_text(json.dumps(_document()), encoding="utf-8")
    return path


def test_a_bulk_import_writes_what_a_row_by_row_import_writes(
    net: Net, doc: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    fast, slow = tmp_path / "fast.db", tmp_path / "slow.db"
    for db in (fast, slow):
        _seed(net, db)
    assert net("--db", str(fast), "import", str(doc)).code == 0
    monkeypatch.setattr(bulk, "BULK_ROWS", 10**9)
    assert net("--db", str(slow), "import", str(doc)).code == 0
    assert _rows(fast) == _rows(slow)
    # The indexes dropped for the import (people's, labels', events') are all made again.
    assert _schema(fast) == _schema(slow)
    conn = sqlite3.connect(fast)
    try:
        last = dict(conn.execute("SELECT key, last_contact FROM person WHERE key LIKE 'old-%'"))
        # The triggers are back: a write after the import keeps the last contact.
        conn.execute(
            "INSERT INTO interaction (person_id, date) SELECT id, '2026-11-26' "
            "FROM person WHERE key = 'old-5'"
        )
        after = conn.execute("SELECT last_contact FROM person WHERE key = 'old-5'").fetchone()
    finally:
        conn.close()
    expected = {"old-1": "2026-11-20", "old-3": "2026-01-05"}  # the seed's coffee and boiler
    document = _document()
    for record in document["interactions"] + document["help"]:
        if record["person"].startswith("old-"):
            expected[record["person"]] = max(expected.get(record["person"], ""), record["date"])
    assert last == expected
    assert after == ("2026-11-26",)


def test_undo_of_a_bulk_import_gives_back_the_journal_before_it(
    net: Net, doc: Path, tmp_path: Path
) -> None:
    db = tmp_path / "j.db"
    _seed(net, db)

    # The undo log itself, and the words known to the journal (which only grow), aside.
    def kept() -> list[tuple[str, list[tuple[object, ...]]]]:
        return [(t, r) for t, r in _rows(db) if not t.startswith("undo_") and t != "person_word"]

    before = kept()
    assert net("--db", str(db), "import", str(doc)).code == 0
    assert net("--db", str(db), "stale", "--json").code == 0
    undone = net("--db", str(db), "undo")
    assert undone.code == 0, undone.err
    assert f"removed {NEW} people" in undone.err
    assert kept() == before


def test_a_bulk_import_takes_the_bulk_paths(net: Net, doc: Path, tmp_path: Path) -> None:
    """The triggers bulk.py stands in for are the journal's own: else it would run row by row."""
    from netjournal.services.files import import_file
    from netjournal.store import open_journal

    _seed(net, tmp_path / "j.db")
    journal = open_journal(tmp_path / "j.db")
    statements: list[str] = []
    journal.conn.set_trace_callback(statements.append)
    try:
        import_file(journal, doc, None)
    finally:
        journal.close()
    dropped = {s.split()[-1] for s in statements if s.startswith("DROP TRIGGER")}
    assert {
        "main.interaction_last_contact_insert",
        "main.help_last_contact_insert",
        "main.interaction_month_insert",
        'temp."undo_rec_person_insert"',
        'temp."undo_rec_interaction_insert"',
        'temp."undo_rec_help_insert"',
        'temp."undo_rec_tie_insert"',
        'temp."undo_rec_person_label_insert"',
    } <= dropped


def test_repeats_within_a_file_are_written_once_into_a_new_journal(
    net: Net, tmp_path: Path
) -> None:
    """Nobody in a new journal has events yet: only the file's own repeats are dropped."""
    people = [{"key": f"p-{i}", "name": f"Person {i}"} for i in range(NEW)]
    once = [{"person": f"p-{i}", "date": "2026-03-01", "kind": "call"} for i in range(NEW)]
    twice = [{"person": "p-7", "date": "2026-03-02", "kind": "call", "note": "again"}] * 2
    gave = {"person": "p-3", "direction": "gave", "date": "2026-04-01", "what": "a lift"}
    document = {
        "format": "netjournal",
        "version": 1,
        "people": people,
        "interactions": [*once, *twice, once[5]],
        "help": [gave, gave, {**gave, "direction": "got"}],
    }
    path = tmp_path / "repeats.json"
    path.write_text(json.dumps(document), encoding="utf-8")
    db = tmp_path / "new.db"
    result = net("--db", str(db), "import", str(path), "--json")
    assert result.code == 0, result.err
    report = json.loads(result.out)
    assert (report["events_added"], report["events_skipped"]) == (NEW + 1 + 2, 3)
    conn = sqlite3.connect(db)
    try:
        counts = conn.execute(
            "SELECT (SELECT count(*) FROM interaction), (SELECT count(*) FROM help), "
            "(SELECT count(*) FROM interaction i JOIN person p ON p.id = i.person_id "
            "WHERE p.key = 'p-7')"
        ).fetchone()
    finally:
        conn.close()
    assert counts == (NEW + 1, 2, 2)
