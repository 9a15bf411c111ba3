"""Capture ``net list``, ``net ask`` and ``net show`` as a real 80-column terminal shows them.

Each command runs in a detached tmux session 80 columns wide, on the sample
journal ``net tour --keep`` leaves, with ``NETJOURNAL_TODAY`` pinned; the
pane's text is saved to ``docs/captures/NAME.txt`` (``docs/guide.md`` links
them).  Needs tmux (``apt-get install tmux``).  Run it after changing a view:

    .venv/bin/python tools/captures.py
"""

from __future__ import annotations

import os
import shlex
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "docs" / "captures"
TODAY = "2026-11-27"
WIDTH, HEIGHT = 80, 60
NET = Path(sys.executable).parent / "net"

CAPTURES = {
    "list": ["list"],
    "ask": ["ask", "need", "a", "lawyer"],
    "show": ["show", "giulia-ferraro"],
}


def capture(db: Path, args: list[str]) -> str:
    """The text of an 80-column tmux pane after ``net ARGS`` ran in it."""
    session = f"netjournal-capture-{os.getpid()}"
    command = " ".join(shlex.quote(a) for a in [str(NET), *args])
    env = f"NETJOURNAL_DB={shlex.quote(str(db))} NETJOURNAL_TODAY={TODAY} NETJOURNAL_PAGER=cat"
    shell = f"clear; {env} TERM=xterm-256color {command}; tmux wait-for -S {session}-done; sleep 30"
    subprocess.run(
        ["tmux", "new-session", "-d", "-s", session, "-x", str(WIDTH), "-y", str(HEIGHT), shell],
        check=True,
    )
    try:
        subprocess.run(["tmux", "wait-for", f"{session}-done"], check=True, timeout=60)
        time.sleep(0.2)
        pane = subprocess.run(
            ["tmux", "capture-pane", "-p", "-t", session],
            check=True,
            capture_output=True,
            text=True,
        ).stdout
    finally:
        subprocess.run(["tmux", "kill-session", "-t", session], check=False)
    lines = [line.rstrip() for line in pane.splitlines()]
    while lines and not lines[-1]:
        lines.pop()
    return f"$ net {' '.join(shlex.quote(a) for a in args)}\n" + "\n".join(lines) + "\n"


def main() -> int:
    if shutil.which("tmux") is None:
        print("tmux is needed: apt-get install tmux", file=sys.stderr)
        return 1
    OUT.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as folder:
        env = dict(os.environ, NETJOURNAL_TODAY=TODAY, NETJOURNAL_DB=str(Path(folder) / "x.db"))
        subprocess.run(
            [str(NET), "tour", "--keep", folder], env=env, check=True, capture_output=True
        )
        db = Path(folder) / "tour.db"
        for name, args in CAPTURES.items():
            text = capture(db, args)
            (OUT / f"{name}.txt").write_text(text, encoding="utf-8")
            print(f"wrote docs/captures/{name}.txt ({len(text.splitlines())} lines)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
