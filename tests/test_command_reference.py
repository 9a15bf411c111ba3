"""docs/commands.md is what ``net … --help`` prints: regenerate it when the help changes."""

from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tools"))

import commands_doc  # noqa: E402


def test_the_command_reference_is_in_step_with_the_help() -> None:
    page = commands_doc.PAGE.read_text(encoding="utf-8")
    assert page == commands_doc.render(), (
        "docs/commands.md is stale: run '.venv/bin/python tools/commands_doc.py'"
    )


def test_the_reference_covers_every_command() -> None:
    paths = [" ".join(p) for p in commands_doc.command_paths()]
    assert len(paths) > 20 and "ask" in paths and "import" in paths
