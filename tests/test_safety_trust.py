"""Backups you can trust: checked, whole or absent, pruned only when sound; restores; races."""

from __future__ import annotations

import os
import re
import shutil
import sqlite3
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from conftest import Net, Result, copy_journal, seed_journal, snapshot

DATA = Path(__file__).parent / "data"


def backed_up_to(result: Result) -> Path:
    assert result.code == 0, result.err
    match = re.search(r"Backed up to (.+)\.\n", result.err)
    assert match, result.err
    return Path(match.group(1))


def refused(result: Result, *words: str) -> str:
    assert result.code == 1, (result.code, result.err)
    assert result.err.startswith("Error: "), result.err
    assert "unexpected" not in result.err, result.err
    for word in words:
        assert word in result.err, result.err
    return result.err


def sound(path: Path) -> bool:
    conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        return conn.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
    except sqlite3.DatabaseError:
        return False
    finally:
        conn.close()


def steps(path: Path) -> list[str]:
    conn = sqlite3.connect(path)
    try:
        return [r[0] for r in conn.execute("SELECT name FROM schema_migration ORDER BY name")]
    finally:
        conn.close()


def leftovers(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.rglob("*") if ".partial-" in p.name)


@pytest.fixture(scope="module")
def template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return seed_journal(
        tmp_path_factory.mktemp("template"),
        ("add", "Anna Rossi", "--skill", "contracts", "--note", "x" * 3000),
        ("add", "Marco Bianchi", "--note", "y" * 3000),
        ("log", "anna-rossi", "coffee", "--on", "2026-10-02"),
    )


@pytest.fixture
def journal(template: Path, db_path: Path) -> Path:
    return copy_journal(template, db_path)


def damage(path: Path) -> None:
    """Overwrite the middle of the person table's pages, leaving the header and schema intact."""
    conn = sqlite3.connect(path)
    page_size = conn.execute("PRAGMA page_size").fetchone()[0]
    root = conn.execute("SELECT rootpage FROM sqlite_master WHERE name = 'person'").fetchone()[0]
    conn.close()
    with path.open("r+b") as handle:
        handle.seek((root - 1) * page_size + 8)
        handle.write(b"\xff\x13" * (page_size // 2 - 8))


@pytest.fixture
def small_disk(tmp_path: Path) -> Iterator[Path]:
    """A 2 MiB tmpfs of our own, for the disk-full cases."""
    if os.geteuid() != 0:
        pytest.skip("a small tmpfs for disk-full cases needs root to mount")
    mount = tmp_path / "small"
    mount.mkdir()
    done = subprocess.run(
        ["mount", "-t", "tmpfs", "-o", "size=2m,mode=0700", "tmpfs", str(mount)],
        capture_output=True,
    )
    if done.returncode != 0:
        pytest.skip(f"cannot mount a tmpfs here: {done.stderr.decode().strip()}")
    try:
        yield mount
    finally:
        subprocess.run(["umount", "-l", str(mount)], check=False)


def fill(mount: Path, leave: int) -> None:
    """Fill the file system, then free about ``leave`` bytes."""
    filler = mount / "filler"
    fd = os.open(filler, os.O_CREAT | os.O_WRONLY, 0o600)
    try:
        while os.write(fd, b"\0" * 4096):
            pass
    except OSError:
        pass
    finally:
        os.close(fd)
    size = filler.stat().st_size
    os.truncate(filler, max(0, size - leave))


# ------------------------------------------------------- a damaged journal


def test_a_damaged_journal_is_not_backed_up_as_good_and_prunes_nothing(
    net: Net, journal: Path
) -> None:
    good = [backed_up_to(net("backup", "--keep", "2")) for _ in range(2)]
    damage(journal)
    err = refused(net("backup", "--keep", "1"), "damaged", "net restore")
    assert [p for p in good if p.exists()] == good  # no good copy rotated out
    folder = journal.parent / "backups"
    damaged = [p for p in folder.iterdir() if ".damaged" in p.name]
    assert len(damaged) == 1 and str(damaged[0]) in err, err
    assert leftovers(journal.parent) == []
    assert all(sound(p) for p in good)


def test_a_damaged_journal_given_a_file_name_is_kept_aside_too(
    net: Net, journal: Path, tmp_path: Path
) -> None:
    damage(journal)
    target = tmp_path / "copy.db"
    refused(net("backup", str(target)), "damaged")
    assert not target.exists()
    assert (tmp_path / "copy.damaged.db").exists()


@pytest.mark.parametrize("check", ["backup", "doctor"])
def test_ordinary_writes_on_a_journal_found_damaged_say_so(
    net: Net, journal: Path, check: str
) -> None:
    damage(journal)
    assert net(check).code == 1
    before = journal.read_bytes()
    for args in (("cadence", "--default", "30"), ("add", "Luca Verdi"), ("log", "Marco", "call")):
        refused(net(*args), "damaged", "net restore")
    assert journal.read_bytes() == before


def test_a_restored_journal_takes_writes_again(net: Net, journal: Path, tmp_path: Path) -> None:
    good = backed_up_to(net("backup", str(tmp_path / "good.db")))
    damage(journal)
    assert net("doctor").code == 1
    assert net("restore", str(good), "--yes").code == 0
    assert net("cadence", "--default", "30").code == 0
    assert net("doctor").code == 0


# ------------------------------------------------------- failed copies leave nothing


def test_a_backup_that_does_not_fit_leaves_no_file_and_keeps_the_old_ones(
    net: Net, template: Path, small_disk: Path
) -> None:
    db = small_disk / "netjournal.db"
    shutil.copyfile(template, db)
    good = backed_up_to(net("--db", str(db), "backup", "--keep", "1"))
    fill(small_disk, leave=db.stat().st_size // 3)
    before = snapshot(db)
    refused(net("--db", str(db), "backup", "--keep", "1"), "disk is full")
    assert sorted(p.name for p in good.parent.iterdir()) == [good.name]
    assert sound(good)
    assert leftovers(small_disk) == []
    assert snapshot(db) == before
    assert net("--db", str(db), "list").code == 0  # reading still works on a full disk


def test_a_copy_to_a_full_disk_leaves_no_file(net: Net, journal: Path, small_disk: Path) -> None:
    fill(small_disk, leave=journal.stat().st_size // 3)
    refused(net("backup", str(small_disk / "copy.db")), "disk is full")
    assert sorted(p.name for p in small_disk.iterdir()) == ["filler"]


def test_an_upgrade_with_no_room_for_its_copy_changes_nothing(net: Net, small_disk: Path) -> None:
    old = small_disk / "old.db"
    shutil.copyfile(DATA / "journal-v1.db", old)
    before = snapshot(old), steps(old)
    fill(small_disk, leave=old.stat().st_size // 3)
    refused(net("--db", str(old), "list"), "disk is full")
    assert (snapshot(old), steps(old)) == before
    assert sorted(p.name for p in small_disk.iterdir() if ".bak" in p.name) == []
    assert leftovers(small_disk) == []


def test_a_restore_with_no_room_for_the_kept_copy_changes_nothing(
    net: Net, journal: Path, template: Path, small_disk: Path
) -> None:
    db = small_disk / "netjournal.db"
    shutil.copyfile(template, db)
    assert net("--db", str(db), "add", "Luca Verdi").code == 0
    before = snapshot(db)
    fill(small_disk, leave=db.stat().st_size // 3)
    refused(net("--db", str(db), "restore", str(journal), "--yes"), "disk is full")
    assert snapshot(db) == before
    assert leftovers(small_disk) == []


def test_only_sound_dated_backups_are_counted_and_pruned(net: Net, journal: Path) -> None:
    folder = journal.parent / "backups"
    first = backed_up_to(net("backup"))
    half = folder / "netjournal-2001-01-01-120000.db"
    half.write_bytes(first.read_bytes()[:3000])  # a copy cut short by a crash
    partial = folder / f".netjournal-2001-01-02-120000.db.partial-{os.getpid()}-0"
    partial.write_bytes(first.read_bytes())  # a copy another net is writing now
    older = folder / "netjournal-2001-01-03-120000.db"
    shutil.copyfile(first, older)
    newest = backed_up_to(net("backup", "--keep", "2"))
    remaining = sorted(p.name for p in folder.iterdir())
    assert remaining == sorted([half.name, partial.name, first.name, newest.name])


# ------------------------------------------------------- restore


def test_restore_refuses_a_backup_from_a_newer_netjournal(
    net: Net, journal: Path, tmp_path: Path
) -> None:
    copy = backed_up_to(net("backup", str(tmp_path / "copy.db")))
    conn = sqlite3.connect(copy)
    conn.execute("INSERT INTO schema_migration VALUES ('m999_future', 'x')")
    conn.commit()
    conn.close()
    before = snapshot(journal)
    refused(net("restore", str(copy), "--yes"), "newer netjournal", "upgrade")
    assert snapshot(journal) == before
    assert not (journal.parent / "backups").exists()


@pytest.mark.parametrize("broken", ["garbage", "newer"])
def test_restore_works_when_the_journal_cannot_be_opened(
    net: Net, journal: Path, tmp_path: Path, broken: str
) -> None:
    copy = backed_up_to(net("backup", str(tmp_path / "copy.db")))
    expected = snapshot(journal)
    if broken == "garbage":
        journal.write_bytes(b"this is not a database at all" * 100)
    else:
        conn = sqlite3.connect(journal)
        conn.execute("INSERT INTO schema_migration VALUES ('m999_future', 'x')")
        conn.commit()
        conn.close()
    raw = journal.read_bytes()
    assert net("list").code == 1
    result = net("restore", str(copy), "--yes")
    assert result.code == 0, result.err
    assert snapshot(journal) == expected
    assert net("list").code == 0
    kept = list((journal.parent / "backups").glob("netjournal.replaced-*.db"))
    assert len(kept) == 1
    if broken == "garbage":
        assert kept[0].read_bytes() == raw
    assert (journal.stat().st_mode & 0o777) == 0o600


def test_restore_from_a_copy_with_another_page_size(
    net: Net, journal: Path, tmp_path: Path
) -> None:
    copy = backed_up_to(net("backup", str(tmp_path / "copy.db")))
    conn = sqlite3.connect(copy)
    conn.execute("PRAGMA journal_mode = DELETE")
    size = conn.execute("PRAGMA page_size").fetchone()[0]
    conn.execute(f"PRAGMA page_size = {size * 4}")
    conn.execute("VACUUM")
    assert conn.execute("PRAGMA page_size").fetchone()[0] == size * 4
    conn.close()
    expected = snapshot(copy)
    assert net("add", "Luca Verdi").code == 0
    result = net("restore", str(copy), "--yes")
    assert result.code == 0, result.err
    assert snapshot(journal) == expected
    assert net("add", "Luca Verdi").code == 0


# ------------------------------------------------------- races

RACE = r"""
import sys, time
from netjournal.cli import run
start = float(sys.argv[1])
while time.time() < start:
    time.sleep(0.001)
run(sys.argv[2:])
"""


def race(db: Path, commands: list[list[str]]) -> list[subprocess.CompletedProcess[str]]:
    """Start every command at the same instant, each in its own process; wait for all."""
    import time

    env = {**os.environ, "NETJOURNAL_DB": str(db), "NETJOURNAL_TODAY": "2026-11-27"}
    start = time.time() + 1.5  # after every interpreter has started
    procs = [
        subprocess.Popen(
            [sys.executable, "-c", RACE, str(start), *args],
            env=env,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for args in commands
    ]
    results = []
    for proc in procs:
        out, err = proc.communicate(timeout=60)
        results.append(subprocess.CompletedProcess(proc.args, proc.returncode, out, err))
    return results


def test_eight_processes_on_a_new_journal_all_succeed(db_path: Path) -> None:
    results = race(db_path, [["add", f"Person {i}", "--key", f"p{i}"] for i in range(8)])
    assert [(r.returncode, r.stderr) for r in results if r.returncode] == []
    conn = sqlite3.connect(db_path)
    assert conn.execute("SELECT count(*) FROM person").fetchone() == (8,)
    conn.close()


def test_six_processes_upgrading_an_old_journal_all_succeed_with_one_copy(
    tmp_path: Path,
) -> None:
    old = tmp_path / "old.db"
    shutil.copyfile(DATA / "journal-v1.db", old)
    results = race(old, [["add", f"Person {i}", "--key", f"p{i}"] for i in range(6)])
    assert [(r.returncode, r.stderr) for r in results if r.returncode] == []
    assert len(list(tmp_path.glob("old.db.before-*.bak"))) == 1
    conn = sqlite3.connect(old)
    assert conn.execute("SELECT count(*) FROM person").fetchone() == (8,)
    conn.close()


def test_six_concurrent_backups_all_succeed_with_sound_unique_copies(
    net: Net, journal: Path
) -> None:
    results = race(journal, [["backup", "--keep", "10"] for _ in range(6)])
    assert [(r.returncode, r.stderr) for r in results if r.returncode] == []
    made = [Path(re.search(r"Backed up to (.+)\.\n", r.stderr).group(1)) for r in results]  # type: ignore[union-attr]
    assert len(set(made)) == 6
    assert all(p.exists() and sound(p) for p in made)
    assert leftovers(journal.parent) == []
    results = race(journal, [["backup", "--keep", "3"] for _ in range(6)])
    assert [(r.returncode, r.stderr) for r in results if r.returncode] == []
    remaining = sorted((journal.parent / "backups").glob("netjournal-*.db"))
    assert len(remaining) == 3, ([p.name for p in remaining], [r.stderr for r in results])
    assert all(sound(p) for p in remaining)
    assert leftovers(journal.parent) == []


def test_reading_commands_work_on_a_read_only_file_system(
    net: Net, template: Path, small_disk: Path
) -> None:
    db = small_disk / "netjournal.db"
    shutil.copyfile(template, db)
    assert net("--db", str(db), "list").code == 0
    before = snapshot(db)
    subprocess.run(["mount", "-o", "remount,ro", str(small_disk)], check=True)
    for args in (("list",), ("show", "anna"), ("ask", "contracts"), ("export",), ("stats",)):
        result = net("--db", str(db), *args)
        assert result.code == 0, (args, result.err)
    refused(net("--db", str(db), "add", "Luca Verdi"), "read-only file system")
    refused(net("--db", str(db), "backup"), "cannot create the folder")
    subprocess.run(["mount", "-o", "remount,rw", str(small_disk)], check=True)
    assert snapshot(db) == before
