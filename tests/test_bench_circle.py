"""bench/circle.py keeps working: a tiny circle end to end prints its table."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from circle_server import server_bin

BENCH = Path(__file__).resolve().parent.parent / "bench"


def test_a_tiny_circle_benchmark_runs(tmp_path: Path) -> None:
    if server_bin() is None:
        pytest.skip("no PostgreSQL server binaries: bench/circle.py skips as well")
    env = dict(os.environ, HOME=str(tmp_path), NETJOURNAL_DB=str(tmp_path / "unused.db"))
    done = subprocess.run(
        [
            sys.executable,
            str(BENCH / "circle.py"),
            *("--members", "3", "--people", "30", "--runs", "1"),
        ],
        env=env,
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert done.returncode == 0, done.stderr
    lines = done.stdout.splitlines()
    assert lines[0].startswith("3 members × 30 people (90 in the circle)")
    labels = [line.split(" | ")[0].lstrip("| ") for line in lines[3:-1]]
    assert labels == [
        "net circle sync, 30 people published",
        "net circle sync, 30 unchanged",
        'python -c "import sqlmodel"',
        "net ask NEED (the journal only)",
        labels[4],
        labels[5],
        "net needs, the same, answers kept",
        "net today, the same",
    ]
    assert labels[4].startswith("net ask NEED --circle (")
    assert labels[5].startswith("net needs, 4 circle needs (") and labels[5].endswith(", cold")
    assert lines[-1].startswith("ask / import sqlmodel: ")


def test_the_circle_benchmark_skips_cleanly_without_a_server(tmp_path: Path) -> None:
    env = dict(os.environ, PATH=str(tmp_path), HOME=str(tmp_path))
    code = (
        "import runpy, sys; sys.argv = ['circle.py']; "
        "import glob; glob.glob = lambda pattern: []; "
        f"runpy.run_path({str(BENCH / 'circle.py')!r}, run_name='__main__')"
    )
    done = subprocess.run(
        [sys.executable, "-c", code], env=env, capture_output=True, text=True, timeout=120
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.startswith("skipped: no PostgreSQL server binaries")
