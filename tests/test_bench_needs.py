"""bench/needs.py keeps working: a tiny run end to end prints its table."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

BENCH = Path(__file__).resolve().parent.parent / "bench"


def test_a_tiny_needs_benchmark_runs(tmp_path: Path) -> None:
    env = dict(os.environ, HOME=str(tmp_path), NETJOURNAL_DB=str(tmp_path / "unused.db"))
    done = subprocess.run(
        [
            sys.executable,
            str(BENCH / "needs.py"),
            "--people",
            "150",
            "--needs",
            "12",
            "--runs",
            "1",
            "--journal",
            str(tmp_path / "nj.db"),
        ],
        env=env,
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert done.returncode == 0, done.stderr
    lines = done.stdout.splitlines()
    assert lines[0].startswith("150 people, 12 open needs")
    labels = [line.split(" | ")[0].lstrip("| ") for line in lines[3:]]
    assert labels == [
        "import sqlmodel",
        "net needs, cold (one run)",
        "net needs, warm",
        "net today, warm",
        "net today, after a write",
    ]
    assert not (tmp_path / "unused.db").exists()
