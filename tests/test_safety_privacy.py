"""Nobody else can read the journal: modes tightened, doctor checks them, folders 0700."""

from __future__ import annotations

import os
import sqlite3
from pathlib import Path

import pytest

from conftest import Net


def mode(path: Path) -> int:
    return path.stat().st_mode & 0o777


@pytest.fixture
def umask_022() -> object:
    old = os.umask(0o022)
    yield
    os.umask(old)


def test_a_readable_journal_and_its_wal_are_tightened(net: Net, db_path: Path) -> None:
    assert net("add", "Anna Rossi").code == 0
    other = sqlite3.connect(db_path)  # another program keeps the -wal and -shm in place
    try:
        other.execute("SELECT count(*) FROM person").fetchone()
        files = [db_path.with_name(db_path.name + end) for end in ("", "-wal", "-shm")]
        for each in files:
            each.chmod(0o644)
        assert net("list").code == 0
        assert [mode(each) for each in files] == [0o600] * 3
    finally:
        other.close()


def test_doctor_reports_files_and_folders_others_can_read(net: Net, db_path: Path) -> None:
    assert net("add", "Anna Rossi").code == 0
    assert net("doctor").code == 0
    db_path.parent.chmod(0o755)
    result = net("doctor", "--json")
    assert result.code == 1
    checks = {c["name"]: c for c in result.json()["checks"]}  # type: ignore[index]
    assert checks["permissions"]["ok"] is False
    assert "chmod 700" in checks["permissions"]["detail"]
    db_path.parent.chmod(0o700)
    assert net("doctor").code == 0


def test_every_folder_net_creates_is_private(
    net: Net, db_path: Path, tmp_path: Path, umask_022: object
) -> None:
    assert net("add", "Anna Rossi").code == 0
    target = tmp_path / "a" / "b" / "c.db"
    assert net("backup", str(target)).code == 0
    assert mode(tmp_path / "a") == 0o700
    assert mode(tmp_path / "a" / "b") == 0o700
    assert mode(target) == 0o600
    deep = tmp_path / "x" / "y" / "journal.db"
    assert net("--db", str(deep), "add", "Anna").code == 0
    assert (mode(tmp_path / "x"), mode(tmp_path / "x" / "y"), mode(deep)) == (0o700,) * 2 + (0o600,)
    assert net("backup").code == 0
    assert mode(db_path.parent / "backups") == 0o700
