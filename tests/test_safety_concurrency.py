"""Several `net` processes on one journal, and an import killed half way."""

from __future__ import annotations

import json
import os
import shutil
import signal
import sqlite3
import subprocess
import sys
import time
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import pytest

from conftest import Net
from netjournal.cli import run

# Each worker is one Python process running `net` commands back to back through
# the real entry point (one journal open and close per command, as in a shell loop).
WORKER = r"""
import contextlib, io, json, sys
from netjournal.cli import run

worker, count = sys.argv[1], int(sys.argv[2])
failures = []

def net(*args):
    err = io.StringIO()
    code = 0
    with contextlib.redirect_stderr(err), contextlib.redirect_stdout(io.StringIO()):
        try:
            run(list(args))
        except SystemExit as exc:
            code = exc.code if isinstance(exc.code, int) else (0 if exc.code is None else 1)
    if code != 0 or "locked" in err.getvalue() or "busy" in err.getvalue():
        failures.append([list(args), code, err.getvalue()])

for i in range(count):
    key = f"w{worker}-p{i:02d}"
    net("add", f"Worker {worker} Person {i:02d}", "--key", key, "--skill", "plumbing")
    net("log", key, f"contact {i}", "--on", "2026-11-01")
    if i % 5 == 4:
        net("gave", key, f"help {i}", "--on", "2026-11-02")
        net("stale", "--json")
print(json.dumps(failures))
"""


def env_for(db: Path) -> dict[str, str]:
    env = dict(os.environ, NETJOURNAL_DB=str(db), NETJOURNAL_TODAY="2026-11-27")
    env.pop("NETJOURNAL_DEBUG", None)
    return env


def rows(db: Path, sql: str) -> list[tuple[Any, ...]]:
    conn = sqlite3.connect(db)
    try:
        return conn.execute(sql).fetchall()
    finally:
        conn.close()


def test_parallel_writers_all_succeed_and_every_write_is_kept(net: Net, db_path: Path) -> None:
    assert net("add", "Anna Rossi").code == 0  # the journal exists before the race starts
    workers, count = 3, 10
    procs = [
        subprocess.Popen(
            [sys.executable, "-c", WORKER, str(w), str(count)],
            env=env_for(db_path),
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for w in range(workers)
    ]
    # `python -m netjournal` processes at the same time as the workers.
    singles = [
        subprocess.Popen(
            [sys.executable, "-m", "netjournal", *args],
            env=env_for(db_path),
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for args in (
            ["log", "anna-rossi", "single 1"],
            ["add", "Single Writer"],
            ["log", "anna-rossi", "single 2"],
            ["gave", "anna-rossi", "single help"],
        )
    ]
    for proc in procs:
        out, err = proc.communicate(timeout=120)
        assert proc.returncode == 0, err
        assert json.loads(out) == [], out
        assert "locked" not in err and "Traceback" not in err, err
    for proc in singles:
        out, err = proc.communicate(timeout=60)
        assert proc.returncode == 0, err
        assert "locked" not in err and "busy" not in err, err

    keys = {r[0] for r in rows(db_path, "SELECT key FROM person")}
    expected = {f"w{w}-p{i:02d}" for w in range(workers) for i in range(count)}
    assert keys == expected | {"anna-rossi", "single-writer"}
    contacts = rows(
        db_path,
        "SELECT p.key, i.note FROM interaction i JOIN person p ON p.id = i.person_id",
    )
    assert sorted(contacts) == sorted(
        [(f"w{w}-p{i:02d}", f"contact {i}") for w in range(workers) for i in range(count)]
        + [("anna-rossi", "single 1"), ("anna-rossi", "single 2")]
    )
    helps = rows(db_path, "SELECT count(*) FROM help")[0][0]
    assert helps == workers * (count // 5) + 1
    doctor = net("doctor", "--json")
    assert doctor.code == 0 and doctor.json()["ok"] is True


# ------------------------------------------------------------------ SIGKILL

PEOPLE = 3000


def big_document() -> dict[str, Any]:
    start = date(2024, 1, 1)
    people = [
        {
            "key": f"person-{i:04d}",
            "name": f"Person {i:04d}",
            "skills": ["plumbing" if i % 2 else "tax law"],
            "tags": ["imported"],
            "notes": "a person from the big file " * 3,
            "via": f"person-{i - 1:04d}" if i % 10 == 9 else None,
        }
        for i in range(PEOPLE)
    ]
    interactions = [
        {
            "person": f"person-{i % PEOPLE:04d}",
            "date": (start + timedelta(days=i % 600)).isoformat(),
            "kind": "call",
            "note": f"call number {i}",
        }
        for i in range(3 * PEOPLE)
    ]
    help_ = [
        {
            "person": f"person-{i:04d}",
            "direction": "got" if i % 2 else "gave",
            "date": "2025-05-05",
            "what": f"favour {i}",
        }
        for i in range(0, PEOPLE, 3)
    ]
    ties = [{"a": f"person-{i:04d}", "b": f"person-{i + 1:04d}"} for i in range(0, PEOPLE - 1, 2)]
    return {
        "format": "netjournal",
        "version": 1,
        "people": people,
        "interactions": interactions,
        "help": help_,
        "ties": ties,
    }


@pytest.fixture(scope="module")
def big_file(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("big") / "big.json"
    path.write_text(json.dumps(big_document()), encoding="utf-8")
    return path


@pytest.fixture(scope="module")
def two_people(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A journal holding Anna Rossi and Marco Bianchi before the import starts."""
    path = tmp_path_factory.mktemp("two") / "netjournal.db"
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("NETJOURNAL_TODAY", "2026-11-27")
        for name in ("Anna Rossi", "Marco Bianchi"):
            try:
                run(["--db", str(path), "add", name])
            except SystemExit as exc:
                assert not exc.code, name
    return path


def kill_import(
    db: Path, big_file: Path, *, after: float = 0.0, wal_bytes: int = 0, suffix: str = "-wal"
) -> bool:
    """Start `net import`, SIGKILL it after ``after`` seconds or once its write-ahead log
    (or the file of that ``suffix``) holds ``wal_bytes`` (that is, inside the import's
    transaction). True if it finished."""
    wal = db.with_name(db.name + suffix)
    proc = subprocess.Popen(
        [sys.executable, "-m", "netjournal", "import", str(big_file)],
        env=env_for(db),
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    started = time.monotonic()
    try:
        while proc.poll() is None and time.monotonic() - started < 60:
            if after and time.monotonic() - started >= after:
                break
            if wal_bytes and wal.exists() and wal.stat().st_size >= wal_bytes:
                break
            time.sleep(0.002)
        proc.send_signal(signal.SIGKILL)
    finally:
        proc.wait(timeout=30)
    return proc.returncode == 0


@pytest.mark.parametrize(
    ("after", "wal_bytes"),
    [(0.05, 0), (0.5, 0), (0.0, 1), (0.0, 1_500_000)],
    ids=["0.05s", "0.5s", "first-write", "wal-1.5MB"],
)
def test_an_import_killed_at_any_moment_leaves_all_or_nothing(
    net: Net,
    tmp_path: Path,
    big_file: Path,
    two_people: Path,
    after: float,
    wal_bytes: int,
) -> None:
    db = tmp_path / "killed" / "netjournal.db"
    db.parent.mkdir(mode=0o700)
    shutil.copyfile(two_people, db)
    finished = kill_import(db, big_file, after=after, wal_bytes=wal_bytes)

    listed = net("--db", str(db), "list", "--json")
    assert listed.code == 0, listed.err
    count = len(listed.json()["people"])
    assert count in (2, 2 + PEOPLE), count
    if finished:
        assert count == 2 + PEOPLE
    interactions = rows(db, "SELECT count(*) FROM interaction")[0][0]
    assert interactions == (3 * PEOPLE if count > 2 else 0)
    doctor = net("--db", str(db), "doctor", "--json")
    assert doctor.code == 0, doctor.err
    assert doctor.json()["ok"] is True

    if wal_bytes == 1:
        # The journal still works, and importing again completes the file exactly once.
        again = net("--db", str(db), "import", str(big_file), "--json")
        assert again.code == 0, again.err
        assert len(net("--db", str(db), "list", "--json").json()["people"]) == 2 + PEOPLE
        assert rows(db, "SELECT count(*) FROM interaction")[0][0] == 3 * PEOPLE


FILL = 4000  # people; with 26 interactions each, well past interchange.FILLING_ROWS


@pytest.fixture(scope="module")
def filling_file(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A document large enough that a first import of it skips the write-ahead log, and
    spills pages into the journal's file before it commits (past the 32 MB page cache)."""
    from netjournal.services.interchange import FILLING_ROWS

    people = [{"key": f"p-{i}", "name": f"Person {i}", "skills": ["plumbing"]} for i in range(FILL)]
    seen = [
        {
            "person": f"p-{i % FILL}",
            "date": f"2025-01-{1 + i // FILL:02d}",
            "note": "a call about the kitchen, the boiler and the garden " * 3,
        }
        for i in range(26 * FILL)
    ]
    assert len(people) + len(seen) >= FILLING_ROWS * 1.05  # the census may miss a few
    path = tmp_path_factory.mktemp("fill") / "fill.json"
    doc = {"format": "netjournal", "version": 1, "people": people, "interactions": seen}
    path.write_text(json.dumps(doc), encoding="utf-8")
    return path


@pytest.mark.parametrize(
    ("after", "suffix", "size"),
    [(1.0, "", 0), (0.0, "-journal", 1), (0.0, "", 12_000_000)],
    ids=["1s", "first-write", "spilled-12MB"],
)
def test_a_first_fill_killed_at_any_moment_leaves_an_empty_journal_in_wal_mode(
    net: Net, tmp_path: Path, filling_file: Path, after: float, suffix: str, size: int
) -> None:
    db = tmp_path / "killed" / "netjournal.db"
    db.parent.mkdir(mode=0o700)
    assert net("--db", str(db), "tags", "--json").code == 0  # a new, empty journal
    finished = kill_import(db, filling_file, after=after, wal_bytes=size, suffix=suffix)
    listed = net("--db", str(db), "list", "--json")
    assert listed.code == 0, listed.err
    if suffix == "-journal":
        assert not finished  # the rollback journal was there: the import skipped the WAL
    count = len(listed.json()["people"])
    assert count in (0, FILL), count  # killed after the commit point: all of it
    if finished:
        assert count == FILL
    assert rows(db, "PRAGMA journal_mode") == [("wal",)]
    assert not db.with_name(db.name + "-journal").exists()
    doctor = net("--db", str(db), "doctor", "--json")
    assert doctor.code == 0, doctor.err
    assert doctor.json()["ok"] is True
    if suffix == "-journal":
        # The journal still works, and importing again completes the file exactly once.
        again = net("--db", str(db), "import", str(filling_file), "--json")
        assert again.code == 0, again.err
        assert rows(db, "SELECT count(*), (SELECT count(*) FROM interaction) FROM person") == [
            (FILL, 26 * FILL)
        ]
