"""Consistent copies of a journal: before migrations, and on request."""

from __future__ import annotations

import os
import sqlite3
from pathlib import Path
from typing import TYPE_CHECKING

from netjournal.errors import JournalError

if TYPE_CHECKING:
    from netjournal.store.journal import Journal


def copy_to(conn: sqlite3.Connection, target: Path) -> None:
    """Copy a live journal to ``target`` with SQLite's online backup API (0600)."""
    if target.exists():
        raise JournalError(f"{target} exists already", hint="give another file name")
    target.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
    fd = os.open(target, os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o600)
    os.close(fd)
    dest = sqlite3.connect(target)
    try:
        conn.backup(dest)
        dest.execute("PRAGMA journal_mode = DELETE")
    finally:
        dest.close()


def backup_before_migration(journal: Journal, first_step: str) -> Path:
    """Keep a copy of the journal as it was before a schema migration."""
    from netjournal.clock import today

    target = journal.path.with_name(
        f"{journal.path.name}.before-{first_step}-{today().isoformat()}.bak"
    )
    n = 1
    while target.exists():
        n += 1
        target = target.with_name(f"{target.stem}-{n}.bak")
    copy_to(journal.conn, target)
    return target
