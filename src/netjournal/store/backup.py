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


def check_journal_file(path: Path) -> None:
    """Refuse a file that is not a sound netjournal journal."""
    if not path.is_file():
        raise JournalError(f"{path} is not a file")
    with path.open("rb") as handle:
        if handle.read(16) != b"SQLite format 3\x00":
            raise JournalError(f"{path} is not a netjournal journal")
    try:
        conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
        try:
            tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master")}
            if "schema_migration" not in tables or "person" not in tables:
                raise JournalError(f"{path} is a SQLite database, but not a netjournal journal")
            if conn.execute("PRAGMA integrity_check").fetchone()[0] != "ok":
                raise JournalError(f"{path} is damaged", hint="choose another backup")
        finally:
            conn.close()
    except sqlite3.Error as exc:
        raise JournalError(f"{path} cannot be read as a journal: {exc}") from exc


def default_backup_path(journal: Journal, stamp: str) -> Path:
    return journal.path.parent / "backups" / f"{journal.path.stem}-{stamp}.db"


def prune_backups(journal: Journal, keep: int) -> list[Path]:
    """Keep the newest ``keep`` dated backups beside the journal; return those removed."""
    folder = journal.path.parent / "backups"
    found = sorted(
        folder.glob(f"{journal.path.stem}-[0-9]*.db"), key=lambda p: (p.stat().st_mtime, p.name)
    )
    gone = found[: max(0, len(found) - keep)]
    for path in gone:
        path.unlink()
    return gone


def restore_from(journal: Journal, source: Path, keep_as: Path) -> None:
    """Replace the journal's content with ``source``, keeping the old one at ``keep_as``."""
    check_journal_file(source)
    copy_to(journal.conn, keep_as)
    src = sqlite3.connect(f"file:{source}?mode=ro", uri=True)
    try:
        src.backup(journal.conn)
    finally:
        src.close()


def integrity_checks(conn: sqlite3.Connection) -> list[tuple[str, bool, str]]:
    """SQLite's integrity and foreign-key checks, in plain words."""
    checks = []
    integrity = [r[0] for r in conn.execute("PRAGMA integrity_check")]
    checks.append(
        (
            "integrity",
            integrity == ["ok"],
            "the file is sound" if integrity == ["ok"] else "; ".join(integrity[:5]),
        )
    )
    broken = conn.execute("PRAGMA foreign_key_check").fetchall()
    checks.append(
        (
            "references",
            not broken,
            "every event points at a person"
            if not broken
            else f"{len(broken)} rows point at missing records (first in table {broken[0][0]})",
        )
    )
    mode = conn.execute("PRAGMA journal_mode").fetchone()[0]
    checks.append(("journal mode", mode == "wal", f"{mode} (write-ahead log keeps writes safe)"))
    return checks
