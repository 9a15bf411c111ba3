"""``net export -o``: never destroys the journal, a database or a file; writes through links."""

from __future__ import annotations

import json
import os
import sqlite3
import stat
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import Net, copy_journal, seed_journal, snapshot


@pytest.fixture(scope="module")
def template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return seed_journal(
        tmp_path_factory.mktemp("template"),
        ("add", "Anna Rossi", "--skill", "contracts"),
        ("add", "Marco Bianchi"),
        ("log", "anna-rossi", "coffee", "--on", "2026-10-02"),
    )


@pytest.fixture
def journal(template: Path, db_path: Path) -> Path:
    return copy_journal(template, db_path)


def refused(net: Net, *args: str) -> str:
    result = net("export", *args)
    assert result.code == 1, (result.code, result.err)
    assert result.err.startswith("Error: "), result.err
    assert "unexpected" not in result.err
    return result.err


@pytest.mark.parametrize("fmt", ["json", "csv", "vcard"])
@pytest.mark.parametrize("suffix", ["", "-wal", "-shm", "-journal"])
def test_export_never_writes_over_the_journal_or_its_files(
    net: Net, journal: Path, fmt: str, suffix: str
) -> None:
    net("list")  # the -wal and -shm exist while or after a command ran
    target = journal.with_name(journal.name + suffix)
    before = snapshot(journal)
    raw = target.read_bytes() if target.exists() else None
    err = refused(net, "--format", fmt, "-o", str(target), "--force")
    assert "journal" in err
    assert snapshot(journal) == before
    assert (target.read_bytes() if target.exists() else None) == raw


def test_export_never_writes_over_the_journal_through_a_link_or_another_name(
    net: Net, journal: Path, tmp_path: Path
) -> None:
    link = tmp_path / "link.json"
    link.symlink_to(journal)
    hard = tmp_path / "hard.json"
    os.link(journal, hard)
    before = snapshot(journal)
    for target in (link, hard, journal.parent / ".." / journal.parent.name / journal.name):
        refused(net, "--format", "csv", "-o", str(target), "--force")
    assert snapshot(journal) == before


def test_export_never_writes_over_a_sqlite_database(
    net: Net, journal: Path, tmp_path: Path
) -> None:
    other = tmp_path / "backup.db"
    assert net("backup", str(other)).code == 0
    raw = other.read_bytes()
    err = refused(net, "-o", str(other), "--force")
    assert "SQLite database" in err
    assert other.read_bytes() == raw
    plain = tmp_path / "notes.db"
    sqlite3.connect(plain).execute("CREATE TABLE t (x)").connection.close()
    refused(net, "-o", str(plain), "--force")
    assert sqlite3.connect(plain).execute("SELECT name FROM sqlite_master").fetchall() == [("t",)]


def test_an_existing_file_is_replaced_only_with_force(
    net: Net, journal: Path, tmp_path: Path
) -> None:
    target = tmp_path / "people.csv"
    target.write_text("keep me\n")
    err = refused(net, "--format", "csv", "-o", str(target))
    assert "--force" in err
    assert target.read_text() == "keep me\n"
    assert net("export", "--format", "csv", "-o", str(target), "--force").code == 0
    assert "anna-rossi" in target.read_text(encoding="utf-8")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["journal", "people.csv"]


def test_a_symlink_is_written_through_and_kept(net: Net, journal: Path, tmp_path: Path) -> None:
    real = tmp_path / "real" / "export.json"
    real.parent.mkdir()
    link = tmp_path / "link.json"
    link.symlink_to(real)  # dangling until the export creates its target
    assert net("export", "-o", str(link)).code == 0
    assert link.is_symlink()
    assert json.loads(real.read_text())["format"] == "netjournal"
    assert (real.stat().st_mode & 0o777) == 0o600
    refused(net, "-o", str(link))  # the target exists now
    assert net("export", "-o", str(link), "--force").code == 0
    assert link.is_symlink() and os.readlink(link) == str(real)


def test_a_fifo_is_written_into_not_replaced(net: Net, journal: Path, tmp_path: Path) -> None:
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    reader = subprocess.Popen(["cat", str(fifo)], stdout=subprocess.PIPE)
    result = net("export", "-o", str(fifo))
    out, _ = reader.communicate(timeout=10)
    assert result.code == 0, result.err
    assert json.loads(out)["format"] == "netjournal"
    assert fifo.is_fifo()


def export_in_a_process(journal: Path, target: Path, **kwargs: object) -> str:
    done = subprocess.run(
        [sys.executable, "-m", "netjournal", "export", "-o", str(target)],
        env={**os.environ, "NETJOURNAL_DB": str(journal)},
        timeout=60,
        **kwargs,  # type: ignore[call-overload]
    )
    assert done.returncode == 0, done.stderr
    return str(done.stdout or "")


def test_stdout_as_the_output_works(journal: Path, tmp_path: Path) -> None:
    # /dev/stdout is this very link; one of our own is harmless if a bug replaced it.
    stdout = tmp_path / "stdout"
    stdout.symlink_to("/proc/self/fd/1")
    out = export_in_a_process(journal, stdout, capture_output=True, text=True)
    assert json.loads(out)["format"] == "netjournal"
    redirected = tmp_path / "redirected.json"
    with redirected.open("w") as handle:  # stdout is a regular file that the shell made
        export_in_a_process(journal, stdout, stdout=handle, stderr=subprocess.PIPE, text=True)
    assert json.loads(redirected.read_text())["format"] == "netjournal"
    assert stdout.is_symlink()


@pytest.mark.skipif(os.geteuid() != 0, reason="making a device node needs root")
def test_a_device_node_is_written_into_not_replaced(journal: Path, tmp_path: Path) -> None:
    null = tmp_path / "null"  # our own copy of /dev/null
    os.mknod(null, stat.S_IFCHR | 0o666, os.makedev(1, 3))
    export_in_a_process(journal, null, capture_output=True, text=True)
    assert null.is_char_device()
