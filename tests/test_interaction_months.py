"""``interaction_month`` (m019) is what grouping the interactions by month gives, after every write.

``net stats`` reads its twelve months from these counts: triggers keep them on
each insert, delete and change of date, and ``store/bulk.py`` adds a bulk
insert's in one statement.  Each command below changes interactions one way
(log, fix, forget, merge, rm, import, undo); after each the counts are compared
with a ``GROUP BY`` of the table itself.
"""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

import pytest

from conftest import Net
from netjournal.store import bulk


def _counts(db: Path) -> tuple[list[tuple[str, int]], list[tuple[str, int]]]:
    conn = sqlite3.connect(db)
    try:
        kept = conn.execute("SELECT month, n FROM interaction_month ORDER BY month").fetchall()
        grouped = conn.execute(
            "SELECT substr(date, 1, 7), count(*) FROM interaction GROUP BY 1 ORDER BY 1"
        ).fetchall()
    finally:
        conn.close()
    return kept, grouped


def test_the_months_follow_every_write(net: Net, db_path: Path, tmp_path: Path) -> None:
    many = bulk.BULK_ROWS + 10  # past the bulk path's threshold
    document = {
        "format": "netjournal",
        "version": 1,
        "people": [{"key": f"p-{i}", "name": f"Person {i}"} for i in range(50)],
        "interactions": [
            {"person": f"p-{i % 50}", "date": f"2025-{1 + i % 12:02d}-{1 + i % 28:02d}"}
            for i in range(many)
        ],
    }
    big = tmp_path / "big.json"
    big.write_text(json.dumps(document), encoding="utf-8")
    steps: list[tuple[str, ...]] = [
        ("add", "Anna Rossi"),
        ("add", "Bruno Neri"),
        ("log", "anna-rossi", "coffee", "--on", "2026-03-05"),
        ("log", "anna-rossi", "call", "--on", "2026-03-20"),
        ("log", "bruno-neri", "lunch", "--on", "2026-04-01"),
        ("fix", "i-1", "--on", "2026-05-02"),  # March loses one, May gains one
        ("forget", "i-2"),  # March's last: the month goes
        ("import", str(big)),  # the bulk path
        ("undo",),
        ("import", str(big)),
        ("merge", "anna-rossi", "bruno-neri"),
        ("rm", "p-3", "--yes"),  # the cascade removes p-3's interactions
        ("undo",),
    ]
    for step in steps:
        done = net(*step)
        assert done.code == 0, (step, done.err)
        kept, grouped = _counts(db_path)
        assert kept == grouped, step
    kept, _grouped = _counts(db_path)
    assert ("2026-03", 1) not in kept and len(kept) == 14  # twelve of 2025, April and May 2026


def test_an_older_journal_gets_its_counts_when_upgraded(
    net: Net, db_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A journal as written before m019 (no counts, no triggers): the upgrade counts it."""
    monkeypatch.setenv("NETJOURNAL_TODAY", "2026-11-27")
    assert net("add", "Kai").code == 0
    conn = sqlite3.connect(db_path, isolation_level=None)
    for trigger in ("insert", "delete", "update"):
        conn.execute(f"DROP TRIGGER interaction_month_{trigger}")
    conn.execute("DROP TABLE interaction_month")
    conn.execute("DELETE FROM schema_migration WHERE name = 'm019_interaction_months'")
    conn.executemany(
        "INSERT INTO interaction (person_id, date, kind) VALUES (1, ?, 'call')",
        [("2026-10-03",), ("2026-10-30",), ("2026-11-02",)],
    )
    conn.close()
    stats = net("stats", "--json")
    assert stats.code == 0, stats.err
    assert _counts(db_path) == ([("2026-10", 2), ("2026-11", 1)],) * 2
    months = dict(stats.json()["months"])  # type: ignore[index, call-overload]
    assert (months["2026-10"], months["2026-11"]) == (2, 1)
    assert (
        net("log", "kai", "coffee", "--on", "2026-11-20").code == 0
    )  # the triggers are there again
    assert _counts(db_path)[0] == [("2026-10", 2), ("2026-11", 2)]
