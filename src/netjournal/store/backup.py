"""Copies of a journal you can trust: dated backups, the copy before a migration, restores.

Every copy is written under a temporary name beside its place (``.NAME.partial-…``),
checked, and only then linked to its name, which never replaces an existing
file; a failure (disk full, I/O error, a kill) leaves no file that looks like
a backup.  Pruning removes only dated backups that open as sound journals,
never a partial file, and is serialised between processes by a lock file.
"""

from __future__ import annotations

import errno
import os
import re
import secrets
import shutil
import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from pathlib import Path
from typing import TYPE_CHECKING

from netjournal.errors import JournalError

if TYPE_CHECKING:
    from netjournal.store.journal import Journal

SQLITE_MAGIC = b"SQLite format 3\x00"
BACKUP_FOLDER = "backups"


class DamagedCopy(JournalError):
    """The journal's copy failed its integrity check: the journal itself is damaged."""

    def __init__(self, message: str, hint: str, kept: Path) -> None:
        super().__init__(message, hint)
        self.kept = kept


def make_private_dirs(folder: Path) -> None:
    """Create ``folder`` and each missing parent with mode 0700 (whatever the umask)."""
    missing = []
    while not folder.exists():
        missing.append(folder)
        if folder.parent == folder:
            break
        folder = folder.parent
    for each in reversed(missing):
        try:
            each.mkdir(mode=0o700)
        except FileExistsError:
            continue  # another process made it meanwhile
        os.chmod(each, 0o700)  # mkdir's mode passes through the umask


def _partial_name(target: Path) -> Path:
    return target.with_name(f".{target.name}.partial-{os.getpid()}-{secrets.token_hex(4)}")


def _unlink_quietly(*paths: Path) -> None:
    for path in paths:
        for each in (
            path,
            path.with_name(path.name + "-journal"),
            path.with_name(path.name + "-wal"),
        ):
            with suppress(OSError):
                each.unlink()


def _write_copy(conn: sqlite3.Connection, partial: Path) -> None:
    """SQLite's online backup API from the journal (its ``main`` only) into ``partial``."""
    fd = os.open(partial, os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o600)
    os.close(fd)
    dest = _connect_copy(conn, partial)
    try:
        conn.backup(dest, name="main")
        dest.execute("PRAGMA journal_mode = DELETE")
    finally:
        dest.close()
    with open(partial, "rb+") as handle:
        os.fsync(handle.fileno())


def _connect_copy(conn: sqlite3.Connection, path: Path) -> sqlite3.Connection:
    """A connection to a new copy, of the same kind as the journal's (keyed if it is)."""
    from netjournal.store.cipher import connect_like, is_encrypted_connection

    if is_encrypted_connection(conn):
        return connect_like(conn, path)  # type: ignore[no-any-return]
    return sqlite3.connect(path)


def _open_check(conn: sqlite3.Connection, path: Path) -> list[str]:
    """``PRAGMA integrity_check`` of a finished copy: ``["ok"]`` when sound."""
    check = _connect_copy(conn, path)
    try:
        lines = [str(r[0]) for r in check.execute("PRAGMA integrity_check")]
    except Exception as exc:  # damage that stops the check itself
        if not _is_db_error(exc):
            raise
        return [str(exc)]
    finally:
        check.close()
    return [" ".join(line.split()) for line in lines if not line.startswith("***")]


def _place(partial: Path, target: Path, *, numbered: bool) -> Path:
    """Give the finished copy its name without replacing anything (``-2``, ``-3`` … if asked)."""
    n = 1
    name = target
    while True:
        try:
            os.link(partial, name)
        except FileExistsError:
            if not numbered:
                raise JournalError(
                    f"{target} exists already", hint="give another file name"
                ) from None
            n += 1
            name = target.with_name(f"{target.stem}-{n}{target.suffix}")
            continue
        except OSError as exc:
            if exc.errno not in (errno.EPERM, errno.ENOTSUP, errno.EXDEV, errno.EMLINK):
                raise
            if name.exists():  # no hard links here: check, then rename
                if not numbered:
                    raise JournalError(
                        f"{target} exists already", hint="give another file name"
                    ) from None
                n += 1
                name = target.with_name(f"{target.stem}-{n}{target.suffix}")
                continue
            os.rename(partial, name)
            return name
        partial.unlink()
        return name


def copy_to(
    conn: sqlite3.Connection,
    target: Path,
    *,
    numbered: bool = False,
    check: bool = True,
    damaged_as: Path | None = None,
) -> Path:
    """Copy a live journal to ``target`` (0600), whole or not at all; returns the path written.

    The copy is written under a temporary name and checked with SQLite's
    integrity check.  A sound copy takes ``target`` (or ``target-2`` … when
    ``numbered``); a damaged one is kept at ``damaged_as`` and
    :class:`DamagedCopy` is raised.  Any failure removes the partial file.
    """
    if target.is_dir():
        raise JournalError(f"{target} is a folder", hint="give the path of a file to create")
    if target.exists() and not numbered:
        raise JournalError(f"{target} exists already", hint="give another file name")
    try:
        make_private_dirs(target.parent)
    except OSError as exc:
        raise JournalError(f"cannot create the folder {target.parent}: {exc.strerror}") from None
    partial = _partial_name(target)
    try:
        _write_copy(conn, partial)
        result = _open_check(conn, partial) if check else ["ok"]
        if result != ["ok"]:
            mark_damaged(_journal_file(conn), "; ".join(result[:3]))
            kept = _place(partial, damaged_as or _damaged_name(target), numbered=True)
            raise DamagedCopy(
                f"the journal is damaged ({'; '.join(result[:3])}); "
                f"its copy was kept as {kept}, and no backup was removed",
                "run 'net doctor', then 'net restore' your latest good backup",
                kept,
            )
        return _place(partial, target, numbered=numbered)
    except OSError as exc:
        raise _copy_failed(target, exc) from exc
    except Exception as exc:
        if not _is_db_error(exc):
            raise
        raise _copy_failed(target, exc) from exc
    finally:
        _unlink_quietly(partial)


def _journal_file(conn: sqlite3.Connection) -> Path:
    return Path(conn.execute("PRAGMA database_list").fetchone()[2])


def _is_db_error(exc: Exception) -> bool:
    """A failure of SQLite or of SQLCipher (whose errors are their own classes)."""
    return isinstance(exc, sqlite3.Error) or type(exc).__module__.startswith("sqlcipher3")


def _damaged_name(target: Path) -> Path:
    return target.with_name(f"{target.stem}.damaged{target.suffix}")


def _copy_failed(target: Path, exc: Exception) -> JournalError:
    text = str(exc).lower()
    if (isinstance(exc, OSError) and exc.errno == errno.ENOSPC) or "full" in text:
        return JournalError(
            f"the disk is full: no copy was written to {target.parent}",
            hint="free some space and run the command again; nothing was changed",
        )
    if "malformed" in text or "not a database" in text:
        return JournalError(
            f"the journal is damaged ({exc}); no copy could be made",
            hint="run 'net doctor', then 'net restore' your latest good backup",
        )
    reason = exc.strerror if isinstance(exc, OSError) and exc.strerror else str(exc)
    return JournalError(f"cannot write a copy to {target}: {reason}; nothing was changed")


def backup_before_migration(journal: Journal, first_step: str) -> Path:
    """Keep a copy of the journal as it was before a schema migration (numbered, never replaced)."""
    from netjournal.clock import today

    target = journal.path.with_name(
        f"{journal.path.name}.before-{first_step}-{today().isoformat()}.bak"
    )
    # Called under the journal's write lock: a second connection reads the
    # last committed state (WAL readers do not wait for the writer).
    source = journal.reader()
    try:
        return copy_to(source, target, numbered=True, check=False)
    finally:
        source.close()


# ------------------------------------------------------------------ checking


def journal_file_problem(
    path: Path, known: set[str] | None = None, *, thorough: bool = True
) -> str | None:
    """Why ``path`` is not a sound journal this build can open (``None`` when it is).

    ``thorough`` runs SQLite's full integrity check; without it only the
    header, the tables and the file's length (a copy cut short) are checked,
    which is what pruning needs of copies that were checked when made.
    """
    if not path.is_file():
        return "it is not a file"
    try:
        with path.open("rb") as handle:
            if handle.read(16) != SQLITE_MAGIC:
                return "it is not a netjournal journal"
        conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
        try:
            tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master")}
            if "schema_migration" not in tables or "person" not in tables:
                return "it is a SQLite database, but not a netjournal journal"
            pages = conn.execute("PRAGMA page_count").fetchone()[0]
            if pages * conn.execute("PRAGMA page_size").fetchone()[0] > path.stat().st_size:
                return "it is cut short"
            check = "PRAGMA integrity_check" if thorough else "PRAGMA quick_check(person)"
            result = [r[0] for r in conn.execute(check)]
            if result != ["ok"]:
                return f"it is damaged ({'; '.join(result[:3])})"
            if known is not None:
                applied = {r[0] for r in conn.execute("SELECT name FROM schema_migration")}
                unknown = sorted(applied - known)
                if unknown:
                    return f"it was written by a newer netjournal ({', '.join(unknown)})"
        finally:
            conn.close()
    except sqlite3.Error as exc:
        return f"it cannot be read as a journal ({exc})"
    except OSError as exc:
        return f"it cannot be read ({exc.strerror})"
    return None


def check_journal_file(path: Path) -> None:
    """Refuse a file that is not a sound journal this build knows every migration of."""
    from netjournal.store.migrations import MIGRATIONS

    problem = journal_file_problem(path, {m.name for m in MIGRATIONS})
    if problem is not None:
        hint = (
            "upgrade netjournal to restore it"
            if "newer netjournal" in problem
            else "choose another backup"
        )
        raise JournalError(f"{path} cannot be restored: {problem}", hint=hint)


# ------------------------------------------------------------------ pruning


def backup_folder(journal_path: Path) -> Path:
    return journal_path.parent / BACKUP_FOLDER


def default_backup_path(journal_path: Path, stamp: str) -> Path:
    return backup_folder(journal_path) / f"{journal_path.stem}-{stamp}.db"


@contextmanager
def backup_lock(folder: Path) -> Iterator[None]:
    """One process at a time names and prunes the dated backups of a folder."""
    try:
        import fcntl
    except ImportError:  # Windows: names are still unique (no-clobber links)
        yield
        return
    try:
        make_private_dirs(folder)
    except OSError as exc:
        raise JournalError(
            f"cannot create the folder {folder}: {exc.strerror}",
            hint="give 'net backup' a file name on a writable disk",
        ) from None
    fd = os.open(folder, os.O_RDONLY)  # the folder itself: no lock file left behind
    try:
        fcntl.flock(fd, fcntl.LOCK_EX)
        yield
    finally:
        os.close(fd)


def next_backup_path(journal_path: Path, stamp: str) -> Path:
    """The name for a new dated backup: after every one of the same second, even pruned ones."""
    same = re.compile(re.escape(f"{journal_path.stem}-{stamp}") + r"(?:-(\d+))?\.db")
    numbers = [
        int(m.group(1) or 1)
        for p in backup_folder(journal_path).glob(f"{journal_path.stem}-{stamp}*.db")
        if (m := same.fullmatch(p.name))
    ]
    if not numbers:
        return default_backup_path(journal_path, stamp)
    return default_backup_path(journal_path, f"{stamp}-{max(numbers) + 1}")


def dated_backups(journal_path: Path) -> list[Path]:
    """Dated backups of this journal, oldest first (by the date and time in their names)."""
    stamped = re.compile(
        re.escape(journal_path.stem) + r"-(\d{4}-\d{2}-\d{2}-\d{6})(?:-(\d+))?\.db"
    )
    found = []
    for path in backup_folder(journal_path).glob(f"{journal_path.stem}-[0-9]*.db"):
        match = stamped.fullmatch(path.name)
        if match:
            found.append(((match.group(1), int(match.group(2) or 1)), path))
    return [p for _, p in sorted(found)]


def prune_backups(journal_path: Path, keep: int, *, just_made: Path | None = None) -> list[Path]:
    """Keep the newest ``keep`` sound dated backups; remove older sound ones; return those removed.

    A file that does not open as a sound journal is neither counted nor removed:
    it may be someone's, or worth a look.
    """
    _remove_abandoned_partials(backup_folder(journal_path))
    sound = [
        p
        for p in dated_backups(journal_path)
        if p == just_made or journal_file_problem(p, thorough=False) is None
    ]
    gone = []
    for path in sound[: max(0, len(sound) - keep)]:
        if path == just_made:
            continue
        try:
            path.unlink()
            gone.append(path)
        except FileNotFoundError:
            continue
    return gone


def _remove_abandoned_partials(folder: Path) -> None:
    """Partial copies whose process is gone (killed mid-copy) are removed; live ones never."""
    for path in folder.glob(".*.partial-*"):
        match = re.search(r"\.partial-(\d+)-[0-9a-f]+$", path.name)
        if not match:
            continue
        try:
            os.kill(int(match.group(1)), 0)
        except ProcessLookupError:
            path.unlink(missing_ok=True)
        except OSError:
            continue


# ------------------------------------------------------------------ damage found


def damage_marker(journal_path: Path) -> Path:
    """A note beside the journal saying that a check found it damaged."""
    return journal_path.with_name(f".{journal_path.name}.damaged")


def mark_damaged(journal_path: Path, what: str) -> None:
    from datetime import datetime

    with suppress(OSError):
        fd = os.open(damage_marker(journal_path), os.O_CREAT | os.O_TRUNC | os.O_WRONLY, 0o600)
        with os.fdopen(fd, "w", encoding="utf-8") as note:
            note.write(f"{' '.join(what.split())[:300]}, on {datetime.now():%Y-%m-%d %H:%M}\n")


def clear_damaged(journal_path: Path) -> None:
    with suppress(OSError):
        damage_marker(journal_path).unlink()


def found_damaged(journal_path: Path) -> str | None:
    """What a check found wrong with the journal, if one did and nothing fixed it since."""
    try:
        return damage_marker(journal_path).read_text(encoding="utf-8").strip() or "damaged"
    except OSError:
        return None


# ------------------------------------------------------------------ restoring


def keep_current(journal_path: Path, kept: Path) -> Path | None:
    """Copy the journal about to be replaced to ``kept`` (whole or not at all), even if damaged."""
    if not journal_path.exists():
        return None
    make_private_dirs(kept.parent)
    partial = _partial_name(kept)
    try:
        try:
            source = sqlite3.connect(f"file:{journal_path}?mode=ro", uri=True)
            try:
                _write_copy(source, partial)
            finally:
                source.close()
        except sqlite3.Error:  # not readable by SQLite: keep its bytes as they are
            _unlink_quietly(partial)
            _raw_copy(journal_path, partial)
        return _place(partial, kept, numbered=True)
    except OSError as exc:
        raise _copy_failed(kept, exc) from exc
    finally:
        _unlink_quietly(partial)


def _raw_copy(source: Path, partial: Path) -> None:
    fd = os.open(partial, os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o600)
    with os.fdopen(fd, "wb") as out, source.open("rb") as data:
        shutil.copyfileobj(data, out)
        out.flush()
        os.fsync(out.fileno())


def restore_into(journal_path: Path, source: Path) -> None:
    """Put the content of the sound journal ``source`` into the journal at ``journal_path``.

    The backup API writes into the live file under SQLite's locks, so other
    ``net`` processes see the old journal or the new one, never a mix.  A
    journal that SQLite cannot use any more is replaced as a file instead.
    """
    src = sqlite3.connect(f"file:{source}?mode=ro", uri=True)
    try:
        try:
            dest = sqlite3.connect(journal_path, timeout=15, isolation_level=None)
            try:
                dest.execute("SELECT count(*) FROM sqlite_master").fetchone()
                _backup_across_page_sizes(src, dest)
            finally:
                dest.close()
            return
        except sqlite3.DatabaseError as exc:
            if "locked" in str(exc) or "busy" in str(exc):
                raise
        _replace_file(src, journal_path)  # the current file is not a usable database
    finally:
        src.close()


def _backup_across_page_sizes(src: sqlite3.Connection, dest: sqlite3.Connection) -> None:
    """The backup API, also when the copy's page size differs from the journal's.

    SQLite cannot change the page size of a database in WAL mode, so the
    journal leaves WAL for the copy (which needs no other connection open)
    and returns to it after.
    """
    src_size = src.execute("PRAGMA page_size").fetchone()[0]
    dest_size = dest.execute("PRAGMA page_size").fetchone()[0]
    if src_size == dest_size:
        src.backup(dest)
        return
    if dest.execute("PRAGMA journal_mode = DELETE").fetchone()[0] != "delete":
        raise sqlite3.OperationalError("database is locked")
    try:
        src.backup(dest)
    finally:
        dest.execute("PRAGMA journal_mode = WAL")


def _replace_file(src: sqlite3.Connection, journal_path: Path) -> None:
    partial = _partial_name(journal_path)
    try:
        _write_copy(src, partial)
        os.replace(partial, journal_path)
        for end in ("-wal", "-shm"):
            journal_path.with_name(journal_path.name + end).unlink(missing_ok=True)
    finally:
        _unlink_quietly(partial)


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
