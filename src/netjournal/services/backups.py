"""``net backup`` and ``net restore``: copies of the journal you can trust, and putting one back."""

from __future__ import annotations

import sqlite3
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING

from netjournal.errors import JournalError

if TYPE_CHECKING:
    from netjournal.store import Journal

KEEP_BACKUPS = 5


def backup(journal: Journal, target: Path | None = None, keep: int = KEEP_BACKUPS) -> Path:
    """A checked, consistent copy; dated ones beside the journal are pruned to ``keep``.

    The copy is checked before it counts: a damaged journal's copy is kept as
    ``….damaged.db``, nothing is pruned, and :class:`DamagedCopy` says what to do.
    """
    from netjournal.store.backup import (
        backup_folder,
        backup_lock,
        copy_to,
        next_backup_path,
        prune_backups,
    )

    if target is not None:
        return copy_to(journal.conn, target)
    with backup_lock(backup_folder(journal.path)):  # named in the lock: newest is last
        stamp = datetime.now().strftime("%Y-%m-%d-%H%M%S")
        # Numbered after the newest of the same second, so a new copy never sorts
        # before an older one (a pruned name is not reused).
        made = copy_to(journal.conn, next_backup_path(journal.path, stamp), numbered=True)
        prune_backups(journal.path, keep, just_made=made)
    return made


def restore(journal_path: Path, source: Path) -> Path | None:
    """Replace the journal with a sound backup; the replaced journal is kept and returned.

    Works on the path, not on an opened journal, so that a journal that cannot
    be opened any more (damaged, too new) can still be restored.
    """
    from netjournal.store.backup import (
        backup_folder,
        check_journal_file,
        clear_damaged,
        keep_current,
        restore_into,
    )
    from netjournal.store.journal import describe_sqlite_error, tighten_permissions

    check_journal_file(source)
    if journal_path.exists() and journal_path.samefile(source):
        raise JournalError(f"{source} is the journal itself", hint="give the path of a backup")
    if not journal_path.exists():
        from netjournal.store.journal import open_journal

        open_journal(journal_path, migrate=False).close()  # created private, like any journal
    stamp = datetime.now().strftime("%Y-%m-%d-%H%M%S")
    kept_as = backup_folder(journal_path) / f"{journal_path.stem}.replaced-{stamp}.db"
    kept = keep_current(journal_path, kept_as) if journal_path.stat().st_size else None
    try:
        restore_into(journal_path, source)
    except sqlite3.Error as exc:
        raise describe_sqlite_error(journal_path, exc) from exc
    clear_damaged(journal_path)
    tighten_permissions(journal_path)
    return kept
