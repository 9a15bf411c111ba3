"""net backup / restore / export --output: private files, pruning, refusals."""

from __future__ import annotations

import json
import os
import re
import shutil
import sqlite3
from datetime import date, timedelta
from pathlib import Path

import pytest

from conftest import Net, Result, copy_journal, seed_journal, snapshot

STAMPED = re.compile(r"netjournal-(\d{4}-\d{2}-\d{2})-(\d{6})\.db")


def mode(path: Path) -> int:
    return path.stat().st_mode & 0o777


def people_in(path: Path) -> list[tuple[str, str]]:
    """Keys and names in a journal file, read without netjournal (which would migrate it)."""
    conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        return conn.execute("SELECT key, name FROM person ORDER BY key").fetchall()
    finally:
        conn.close()


def backed_up_to(result: Result) -> Path:
    assert result.code == 0, result.err
    match = re.search(r"Backed up to (.+)\.\n", result.err)
    assert match, result.err
    return Path(match.group(1))


def assert_refused(result: Result) -> None:
    assert result.code == 1, f"exit {result.code}; stderr: {result.err!r}"
    assert result.err.startswith("Error: "), result.err
    assert "Traceback" not in result.err + result.out
    assert "Error: unexpected" not in result.err, result.err


@pytest.fixture(scope="module")
def template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return seed_journal(
        tmp_path_factory.mktemp("template"),
        ("add", "Anna Rossi", "--skill", "contracts"),
        ("add", "Marco Bianchi"),
        ("log", "anna-rossi", "coffee", "--on", "2026-10-02"),
        ("knows", "anna-rossi", "marco-bianchi"),
    )


@pytest.fixture
def journal(template: Path, db_path: Path) -> Path:
    """Anna Rossi and Marco Bianchi, a contact and a tie (a copy of one seeded journal)."""
    return copy_journal(template, db_path)


def test_default_backup_is_dated_beside_the_journal_and_private(net: Net, journal: Path) -> None:
    target = backed_up_to(net("backup"))
    assert target.parent == journal.parent / "backups"
    match = STAMPED.fullmatch(target.name)
    assert match, target.name
    made_on = date.fromisoformat(match.group(1))
    # Dated by the clock (or by NETJOURNAL_TODAY, which fixes every default date).
    assert made_on in (date.today(), date.today() - timedelta(days=1), date(2026, 11, 27))
    assert mode(target) == 0o600
    assert mode(target.parent) == 0o700
    assert snapshot(target) == snapshot(journal)
    assert people_in(target) == [("anna-rossi", "Anna Rossi"), ("marco-bianchi", "Marco Bianchi")]


def test_keep_prunes_older_dated_backups(net: Net, journal: Path) -> None:
    folder = journal.parent / "backups"
    first = backed_up_to(net("backup"))
    older = []
    for n, day in enumerate(("2001-01-01", "2001-01-02", "2001-01-03")):
        copy = folder / f"netjournal-{day}-120000.db"
        shutil.copyfile(first, copy)
        stamp = 978_350_400 + n * 86_400  # noon of that day, UTC
        os.utime(copy, (stamp, stamp))
        older.append(copy)
    first.unlink()
    newest = backed_up_to(net("backup", "--keep", "2"))
    assert sorted(p.name for p in folder.iterdir()) == sorted(
        ["netjournal-2001-01-03-120000.db", newest.name]
    )


def test_backups_in_a_row_all_succeed_and_keep_two(net: Net, journal: Path) -> None:
    """Two backups within the same second must not collide."""
    made = [backed_up_to(net("backup", "--keep", "2")) for _ in range(3)]
    assert len(set(made)) == 3
    remaining = sorted((journal.parent / "backups").iterdir())
    assert [p.name for p in remaining] == sorted(p.name for p in made[1:])


def test_backup_to_a_file_is_private_and_complete(net: Net, journal: Path, tmp_path: Path) -> None:
    target = tmp_path / "copies" / "mine.db"
    assert backed_up_to(net("backup", str(target))) == target
    assert mode(target) == 0o600
    assert snapshot(target) == snapshot(journal)
    assert not (journal.parent / "backups").exists()


def test_backup_refuses_to_overwrite_a_file(net: Net, journal: Path, tmp_path: Path) -> None:
    target = tmp_path / "taken.db"
    target.write_text("precious")
    before = snapshot(journal)
    result = net("backup", str(target))
    assert_refused(result)
    assert "taken.db" in result.err
    assert target.read_text() == "precious"
    assert snapshot(journal) == before


def test_backup_to_a_folder_is_refused(net: Net, journal: Path, tmp_path: Path) -> None:
    folder = tmp_path / "a-folder"
    folder.mkdir()
    assert_refused(net("backup", str(folder)))
    assert list(folder.iterdir()) == []


def test_restore_replaces_the_journal_and_keeps_the_replaced_one(
    net: Net, journal: Path, tmp_path: Path
) -> None:
    saved = tmp_path / "saved.db"
    assert net("backup", str(saved)).code == 0
    saved_rows = snapshot(saved)
    assert net("add", "Luca Verdi").code == 0
    assert net("log", "marco", "a call", "--on", "2026-11-01").code == 0
    replaced_rows = snapshot(journal)

    result = net("restore", str(saved), "--yes")
    assert result.code == 0, result.err
    assert snapshot(journal) == saved_rows
    people = [p["key"] for p in net("list", "--json").json()["people"]]
    assert people == ["anna-rossi", "marco-bianchi"]
    assert net("show", "marco", "--json").json()["interactions"] == []

    match = re.search(r"kept at (.+)\.\n", result.err)
    assert match, result.err
    kept = Path(match.group(1))
    assert kept.is_file() and mode(kept) == 0o600
    assert snapshot(kept) == replaced_rows
    assert ("luca-verdi", "Luca Verdi") in people_in(kept)
    # The restored journal is a working journal.
    assert net("add", "Sara Neri").code == 0
    assert net("doctor").code == 0


def test_a_kept_journal_survives_later_pruning(net: Net, journal: Path, tmp_path: Path) -> None:
    """The copy kept by restore is not a dated backup: --keep never removes it, nor counts it."""
    saved = tmp_path / "saved.db"
    assert net("backup", str(saved)).code == 0
    result = net("restore", str(saved), "--yes")
    assert result.code == 0, result.err
    kept = Path(re.search(r"kept at (.+)\.\n", result.err).group(1))  # type: ignore[union-attr]
    newest = backed_up_to(net("backup", "--keep", "1"))
    assert newest.is_file(), "the backup just made was pruned"
    assert kept.is_file(), "the journal kept by restore was pruned"


def test_restore_needs_confirmation_when_not_interactive(
    net: Net, journal: Path, tmp_path: Path
) -> None:
    saved = tmp_path / "saved.db"
    assert net("backup", str(saved)).code == 0
    assert net("add", "Luca Verdi").code == 0
    before = snapshot(journal)
    assert_refused(net("restore", str(saved)))
    assert snapshot(journal) == before


def _sqlite_other(path: Path) -> None:
    conn = sqlite3.connect(path)
    conn.execute("CREATE TABLE person (id INTEGER PRIMARY KEY, key TEXT)")
    conn.commit()
    conn.close()


@pytest.mark.parametrize(
    "make",
    [
        lambda p: p.write_text("not a journal at all\n"),
        lambda p: p.write_bytes(os.urandom(4096)),
        lambda p: p.write_bytes(b""),
        lambda p: p.write_bytes(b"SQLite format 3\x00" + os.urandom(2000)),
        _sqlite_other,
        lambda p: p.mkdir(),
        lambda p: None,
    ],
    ids=["text", "random", "empty", "fake-header", "other-sqlite", "folder", "missing"],
)
def test_restore_refuses_what_is_not_a_journal(
    net: Net, journal: Path, tmp_path: Path, make: object
) -> None:
    source = tmp_path / "source.db"
    make(source)  # type: ignore[operator]
    before = snapshot(journal)
    result = net("restore", str(source), "--yes")
    assert_refused(result)
    assert snapshot(journal) == before
    backups = journal.parent / "backups"
    assert not backups.exists() or list(backups.iterdir()) == []


def test_restore_refuses_a_truncated_backup(net: Net, journal: Path, tmp_path: Path) -> None:
    saved = tmp_path / "saved.db"
    assert net("backup", str(saved)).code == 0
    data = saved.read_bytes()
    cut = tmp_path / "cut.db"
    cut.write_bytes(data[: len(data) // 3])
    before = snapshot(journal)
    assert_refused(net("restore", str(cut), "--yes"))
    assert snapshot(journal) == before


def test_export_output_is_private_and_equals_stdout(
    net: Net, journal: Path, tmp_path: Path
) -> None:
    for fmt in ("json", "csv", "vcard"):
        target = tmp_path / f"export.{fmt}"
        result = net("export", "--format", fmt, "--output", str(target))
        assert result.code == 0, result.err
        assert result.out == ""
        assert mode(target) == 0o600
        with target.open(encoding="utf-8", newline="") as handle:
            assert handle.read() == net("export", "--format", fmt).out
    document = json.loads((tmp_path / "export.json").read_text(encoding="utf-8"))
    assert [p["key"] for p in document["people"]] == ["anna-rossi", "marco-bianchi"]


def test_export_output_replaces_a_readable_file_with_a_private_one(
    net: Net, journal: Path, tmp_path: Path
) -> None:
    target = tmp_path / "export.json"
    target.write_text("old")
    target.chmod(0o644)
    assert net("export", "--output", str(target), "--force").code == 0
    assert mode(target) == 0o600
    assert json.loads(target.read_text())["format"] == "netjournal"
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".")] == []


def test_export_output_to_a_folder_or_missing_folder_is_refused(
    net: Net, journal: Path, tmp_path: Path
) -> None:
    assert_refused(net("export", "--output", str(tmp_path)))
    assert_refused(net("export", "--output", str(tmp_path / "missing" / "x.json")))
    assert not (tmp_path / "missing").exists()
