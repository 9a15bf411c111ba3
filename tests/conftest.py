"""Every test runs against its own journal in a temporary folder, on a fixed day."""

from __future__ import annotations

import json
import shutil
import sqlite3
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from hypothesis import HealthCheck, settings

from netjournal.cli import run

# Properties are judged by what they find, not by how fast a loaded machine
# generates or runs an example: no deadline, no timing health checks (a test's
# own @settings adds to these).
settings.register_profile(
    "netjournal",
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
settings.load_profile("netjournal")

TODAY = "2026-11-27"

# The circle tests' own PostgreSQL server (session-scoped fixtures).
pytest_plugins = ["circle_server"]


@pytest.fixture(scope="session", autouse=True)
def lexicon_cache(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    """One compiled lexicon for the whole run (built on first use, as for a user).

    Set for the whole session, not only per test: module-scoped fixtures that
    build template journals must not read or fill the real user's cache either.
    """
    cache = tmp_path_factory.mktemp("cache")
    home = tmp_path_factory.mktemp("home")
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("NETJOURNAL_CACHE_DIR", str(cache))
        mp.setenv("HOME", str(home))
        mp.setenv("XDG_CACHE_HOME", str(home / ".cache"))
        mp.setenv("XDG_DATA_HOME", str(home / ".local" / "share"))
        mp.setenv("NETJOURNAL_DB", str(home / "no-journal-outside-a-test.db"))
        yield cache


@pytest.fixture(autouse=True)
def _isolated(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, lexicon_cache: Path) -> None:
    """No test can touch a real journal: NETJOURNAL_DB points into tmp_path."""
    monkeypatch.setenv("NETJOURNAL_CACHE_DIR", str(lexicon_cache))
    monkeypatch.setenv("NETJOURNAL_DB", str(tmp_path / "journal" / "netjournal.db"))
    monkeypatch.setenv("NETJOURNAL_TODAY", TODAY)
    monkeypatch.setenv("COLUMNS", "120")
    monkeypatch.delenv("NETJOURNAL_FORCE_TERMINAL", raising=False)
    monkeypatch.setenv("HOME", str(tmp_path / "home"))


@dataclass
class Result:
    code: int
    out: str
    err: str

    def json(self) -> object:
        return json.loads(self.out)


Net = Callable[..., Result]


def keys(net: Net, need: str) -> list[str]:
    """The keys ``net ask NEED --json`` suggests, best first."""
    doc = net("ask", need, "--json").json()
    assert isinstance(doc, dict)
    return [s["key"] for s in doc["suggestions"]]


@pytest.fixture
def net(capsys: pytest.CaptureFixture[str]) -> Net:
    """Run the real ``net`` entry point in-process; returns exit code, stdout, stderr."""

    def invoke(*args: str) -> Result:
        capsys.readouterr()
        code = 0
        try:
            run(list(args))
        except SystemExit as exc:
            code = exc.code if isinstance(exc.code, int) else (0 if exc.code is None else 1)
        captured = capsys.readouterr()
        return Result(code, captured.out, captured.err)

    return invoke


@pytest.fixture
def db_path(tmp_path: Path) -> Path:
    return tmp_path / "journal" / "netjournal.db"


def seed_journal(folder: Path, *commands: tuple[str, ...]) -> Path:
    """A journal made by running ``commands`` through the real entry point on TODAY.

    For module-scoped templates: build once, then :func:`copy_journal` for each test.
    """
    path = folder / "netjournal.db"
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("NETJOURNAL_TODAY", TODAY)
        for args in commands:
            try:
                run(["--db", str(path), *args])
            except SystemExit as exc:
                assert not exc.code, args
    return path


def copy_journal(template: Path, db_path: Path) -> Path:
    """A private copy of a seeded journal where the test's ``NETJOURNAL_DB`` points."""
    db_path.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
    shutil.copyfile(template, db_path)
    db_path.chmod(0o600)
    return db_path


# Written only when the lexicon itself changes: compared by size (cheap), elsewhere in full.
LEXICON_TABLES = ("concept", "concept_closure", "lexicon_phrase", "problem_word", "vocabulary")


def journal_rows(path: Path) -> list[tuple[str, object]]:
    """Every row of every table but the static lexicon ones (their sizes only): cheap."""
    conn = sqlite3.connect(path)
    try:
        tables = [
            r[0]
            for r in conn.execute(
                "SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name"
            )
        ]
        return [
            (
                t,
                conn.execute(f"SELECT count(*) FROM {t}").fetchone()[0]
                if t in LEXICON_TABLES
                else sorted(conn.execute(f"SELECT * FROM {t}").fetchall(), key=repr),
            )
            for t in tables
            if t != "schema_migration"
        ]
    finally:
        conn.close()


# Derived tables whose row ids are not the user's data: compared by content.
CONTENT_ONLY = {"person_text": "person_id, field, ref, text"}


def snapshot(path: Path) -> list[tuple[str, list[tuple[object, ...]]]]:
    """Every row of every journal table, to compare before and after a command.

    Full-text shadow tables (``person_fts_data``, …) are left out: their bytes
    depend on the order of writes; the virtual table itself is read instead.
    """
    conn = sqlite3.connect(path)
    try:
        tables = sorted(
            r[1]
            for r in conn.execute("PRAGMA main.table_list")
            if r[2] in ("table", "virtual") and not r[1].startswith("sqlite_")
        )
        return [
            (
                t,
                sorted(
                    conn.execute(f"SELECT {CONTENT_ONLY.get(t, '*')} FROM {t}").fetchall(),
                    key=repr,
                ),
            )
            for t in tables
            if t != "schema_migration"
        ]
    finally:
        conn.close()
