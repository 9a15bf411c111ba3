"""The journal file: schema, migrations from older files, privacy, bad stores."""

from __future__ import annotations

import os
import shutil
import sqlite3
import stat
from pathlib import Path

import pytest

from conftest import Net
from netjournal.errors import JournalError
from netjournal.store import open_journal
from netjournal.store.migrations import MIGRATIONS

DATA = Path(__file__).parent / "data"


def test_migrated_blank_journal_matches_the_models(tmp_path: Path) -> None:
    """Models and migrations cannot drift: same tables, same columns."""
    from netjournal.models import SQLModel

    journal = open_journal(tmp_path / "j.db")
    try:
        for table in SQLModel.metadata.sorted_tables:
            columns = {r[1] for r in journal.conn.execute(f"PRAGMA table_info({table.name})")}
            assert columns == {c.name for c in table.columns}, table.name
        # FTS5 shadow tables (person_fts_data, …) belong to their virtual table.
        tables = {
            r[1]
            for r in journal.conn.execute("PRAGMA main.table_list")
            if r[0] == "main" and r[2] in ("table", "virtual") and not r[1].startswith("sqlite_")
        }
        assert tables == {t.name for t in SQLModel.metadata.sorted_tables}
        applied = [
            r[0] for r in journal.conn.execute("SELECT name FROM schema_migration ORDER BY name")
        ]
        assert applied == [m.name for m in MIGRATIONS]
    finally:
        journal.close()


def test_a_journal_of_the_first_schema_is_migrated_with_a_backup(tmp_path: Path, net: Net) -> None:
    old = tmp_path / "old.db"
    shutil.copy(DATA / "journal-v1.db", old)
    person = net("--db", str(old), "show", "anna", "--json").json()
    assert person["skills"] == ["family law"]
    assert person["birthday"] is None  # a field the first schema did not have
    backups = list(tmp_path.glob("old.db.before-m002_matching_index-*.bak"))
    assert len(backups) == 1
    conn = sqlite3.connect(backups[0])
    assert conn.execute("SELECT count(*) FROM person").fetchone() == (2,)
    conn.close()
    found = net("--db", str(old), "ask", "need a lawyer", "--json").json()
    assert found["suggestions"] and found["suggestions"][0]["key"] == "anna-rossi"


def test_a_journal_from_a_newer_version_is_refused(tmp_path: Path, net: Net) -> None:
    path = tmp_path / "j.db"
    open_journal(path).close()
    conn = sqlite3.connect(path)
    conn.execute("INSERT INTO schema_migration VALUES ('m999_future', 'x')")
    conn.commit()
    conn.close()
    result = net("--db", str(path), "list")
    assert result.code == 1 and "newer netjournal" in result.err


def test_journal_and_folder_are_private(tmp_path: Path, net: Net) -> None:
    path = tmp_path / "deep" / "er" / "j.db"
    assert net("--db", str(path), "add", "Anna").code == 0
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert stat.S_IMODE(path.parent.stat().st_mode) == 0o700
    assert stat.S_IMODE(path.parent.parent.stat().st_mode) == 0o700


def test_wal_and_foreign_keys_are_on(tmp_path: Path) -> None:
    journal = open_journal(tmp_path / "j.db")
    try:
        assert journal.conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
        assert journal.conn.execute("PRAGMA foreign_keys").fetchone()[0] == 1
    finally:
        journal.close()


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"just some notes\n", "not a netjournal journal"),
        (os.urandom(4096), "not a netjournal journal"),
        (b"SQLite format 3\x00" + b"\x00" * 50, "damaged"),
    ],
)
def test_foreign_or_broken_files_are_refused_untouched(
    tmp_path: Path, net: Net, content: bytes, message: str
) -> None:
    path = tmp_path / "j.db"
    path.write_bytes(content)
    result = net("--db", str(path), "list")
    assert result.code == 1
    assert result.err.startswith("Error:") and message in result.err
    assert "Traceback" not in result.err
    assert path.read_bytes() == content


def test_another_sqlite_database_is_refused(tmp_path: Path, net: Net) -> None:
    path = tmp_path / "other.db"
    conn = sqlite3.connect(path)
    conn.execute("CREATE TABLE notes (x)")
    conn.commit()
    conn.close()
    result = net("--db", str(path), "list")
    assert result.code == 1 and "not a netjournal journal" in result.err


def test_truncated_journal_is_an_error(tmp_path: Path, net: Net) -> None:
    path = tmp_path / "j.db"
    net("--db", str(path), "add", "Anna Rossi", "--skill", "law")
    journal = open_journal(path)
    journal.conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    journal.close()
    data = path.read_bytes()
    path.write_bytes(data[: len(data) // 3])
    result = net("--db", str(path), "list", "--json")
    assert result.code == 1 and result.err.startswith("Error:")


def test_directory_as_journal(tmp_path: Path, net: Net) -> None:
    result = net("--db", str(tmp_path), "list")
    assert result.code == 1 and "is a folder" in result.err


@pytest.mark.skipif(os.geteuid() == 0, reason="root can write read-only files")
def test_read_only_journal(tmp_path: Path, net: Net) -> None:
    path = tmp_path / "j.db"
    net("--db", str(path), "add", "Anna")
    path.chmod(0o400)
    result = net("--db", str(path), "add", "Bob")
    assert result.code == 1 and "read-only" in result.err


def test_open_journal_raises_project_errors(tmp_path: Path) -> None:
    with pytest.raises(JournalError):
        open_journal(tmp_path)
