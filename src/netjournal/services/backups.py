"""``net backup`` and ``net restore``: consistent copies of the journal, and putting one back."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from netjournal.store import Journal

KEEP_BACKUPS = 5


def backup(journal: Journal, target: Path | None = None, keep: int = KEEP_BACKUPS) -> Path:
    """A consistent copy (SQLite's online backup API); dated ones are pruned to ``keep``."""
    from netjournal.store.backup import copy_to, default_backup_path, prune_backups

    if target is None:
        stamp = datetime.now().strftime("%Y-%m-%d-%H%M%S")
        target = default_backup_path(journal, stamp)
        n = 1
        while target.exists():
            n += 1
            target = default_backup_path(journal, f"{stamp}-{n}")
        copy_to(journal.conn, target)
        prune_backups(journal, keep)
        return target
    copy_to(journal.conn, target)
    return target


def restore(journal: Journal, source: Path) -> Path:
    """Replace the journal with a backup; the replaced journal is kept and returned."""
    from netjournal.store.backup import restore_from

    stamp = datetime.now().strftime("%Y-%m-%d-%H%M%S-%f")
    kept = journal.path.parent / "backups" / f"{journal.path.stem}.replaced-{stamp}.db"
    restore_from(journal, source, kept)
    return kept
