"""Open a journal file safely and hand out transactions on it."""

from __future__ import annotations

import os
import sqlite3
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import datetime, timezone
from pathlib import Path
from typing import Any, ClassVar

from netjournal.errors import InvalidInput, JournalError, NetjournalError
from netjournal.store import lexicon
from netjournal.store.migrations import MIGRATIONS

SQLITE_MAGIC = b"SQLite format 3\x00"


def db_errors() -> tuple[type[Exception], ...]:
    """The errors of the connections in use: SQLCipher's too once an encrypted journal opened."""
    cipher = sys.modules.get("sqlcipher3.dbapi2")
    return (sqlite3.Error, cipher.Error) if cipher is not None else (sqlite3.Error,)


BUSY_TIMEOUT_MS = 15_000
# Pages of a new journal: each table and index takes at least one, so a small
# journal stays small; large journals read as fast as with 4 KiB (docs/performance.md).
PAGE_SIZE = 2048


def _on_read_only_file_system(path: Path) -> bool:
    try:
        return bool(os.statvfs(path).f_flag & os.ST_RDONLY)
    except (OSError, AttributeError):  # no statvfs (Windows)
        return False


def _connect(path: Path, *, readonly: bool = False) -> sqlite3.Connection:
    uri = f"file:{path}?mode=ro" if readonly else f"file:{path}"
    if _on_read_only_file_system(path):
        # Nobody can write there, so SQLite may read the file as it is,
        # without the -shm it could not create: read-only commands work.
        uri = f"file:{path}?mode=ro&immutable=1"
    conn = sqlite3.connect(
        uri,
        uri=True,
        timeout=BUSY_TIMEOUT_MS / 1000,
        isolation_level=None,
        check_same_thread=False,
    )
    conn.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
    conn.execute("PRAGMA foreign_keys = ON")
    # REPLACE's implicit deletes fire delete triggers only so: the undo log sees them.
    conn.execute("PRAGMA recursive_triggers = ON")
    conn.execute("PRAGMA cache_size = -32000")  # 32 MB: bulk imports keep indexes in memory
    conn.execute("PRAGMA temp_store = MEMORY")
    return conn


def _create_private(path: Path) -> None:
    """Make the journal's folders (0700) and an empty file (0600)."""
    from netjournal.store.backup import make_private_dirs

    make_private_dirs(path.parent)
    fd = os.open(path, os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o600)
    os.close(fd)


def describe_sqlite_error(path: Path, exc: Exception) -> NetjournalError:
    """The one translation of a SQLite failure into a plain-words error.

    A constraint failure is the user's input refused (what was refused is
    named); only a file that cannot be used at all is a journal error.  A
    failure that says nothing about the file (a mistake in a query) is raised
    again as it is, for the CLI's single exit point to report as a bug.
    """
    text = str(exc).lower()
    if isinstance(exc, sqlite3.IntegrityError) or "constraint failed" in text:
        return InvalidInput(f"the journal refused the change: {_constraint(text)}")
    if ("readonly" in text or "read-only" in text) and _on_read_only_file_system(path):
        return JournalError(
            f"the journal {path} is on a read-only file system; nothing was changed",
            hint="commands that only read still work; write on a writable copy (--db)",
        )
    if "readonly" in text or "read-only" in text:
        return JournalError(
            f"the journal {path} is read-only",
            hint="check the file's permissions, or point --db at a writable copy",
        )
    if "locked" in text or "busy" in text:
        return JournalError(
            f"the journal {path} is busy in another program",
            hint="try again in a moment",
        )
    if "malformed" in text or "not a database" in text or "disk image" in text:
        if "malformed" in text:
            from netjournal.store.backup import mark_damaged

            mark_damaged(path, str(exc))
        return JournalError(
            f"the journal {path} is damaged ({exc})",
            hint="run 'net doctor', or 'net restore' a backup",
        )
    if "disk is full" in text or "database or disk is full" in text:
        return JournalError(
            f"the disk holding the journal {path} is full; nothing was changed",
            hint="free some space and run the command again",
        )
    if "unable to open" in text or "disk i/o error" in text:
        return JournalError(
            f"cannot open the journal {path}", hint="check the path and its permissions"
        )
    if isinstance(exc, sqlite3.DatabaseError) and not isinstance(exc, sqlite3.OperationalError):
        return JournalError(f"the journal {path} cannot be used: {exc}")
    raise exc  # a fault of the program, not of the file: the single exit point reports it


def _constraint(text: str) -> str:
    """Say in words which rule a change broke."""
    if "unique" in text:
        column = text.rsplit(":", 1)[-1].strip()
        return f"a record with the same {column} exists already"
    if "foreign key" in text:
        return "it refers to a record that does not exist"
    if "not null" in text:
        column = text.rsplit(":", 1)[-1].strip()
        return f"{column} must have a value"
    if "check" in text:
        return "a value is out of range"
    return text


def network_version(conn: sqlite3.Connection) -> int:
    """How many writes have changed the journal's rows (SQLite's ``user_version``).

    Kept in the file's header, not in a table, so that it says only "something
    may have changed": a write that puts back the same rows counts too.
    """
    return int(conn.execute("PRAGMA user_version").fetchone()[0])


class Journal:
    """One journal file, migrated to the current schema.

    The store's rule: every command reads in one :meth:`read` transaction or
    writes in one :meth:`write` transaction, both on the same stdlib
    :mod:`sqlite3` connection, with plain SQL.  See :mod:`netjournal.store`.

    Every write is recorded in the undo log (:mod:`netjournal.store.undo`) as
    part of the command named by :attr:`command`; ``recording = False`` turns
    that off (``net undo`` itself).  :attr:`created` is true when opening made
    the file, and :attr:`wrote` once a write committed.
    """

    commits: ClassVar[int] = 0
    """Write transactions committed by this process: the CLI exits 0 once one has."""

    def __init__(self, path: Path, conn: sqlite3.Connection, *, created: bool = False) -> None:
        self.path = path
        self.conn = conn
        self.created = created
        self.wrote = False
        self.command = "a write"
        self.recording = True
        self._undo: bool | None = None  # does this journal have an undo log?
        self._command_id: int | None = None
        self._triggers_for: int | None = None  # the schema version the triggers fit

    @contextmanager
    def read(self) -> Iterator[sqlite3.Connection]:
        """A read transaction: one consistent snapshot for the whole command."""
        try:
            self.conn.execute("BEGIN")
            try:
                yield self.conn
            finally:
                self.conn.execute("ROLLBACK")
        except db_errors() as exc:
            raise describe_sqlite_error(self.path, exc) from exc

    @contextmanager
    def write(self, *, network: bool = True) -> Iterator[sqlite3.Connection]:
        """The one write unit: a transaction that commits all of it, or nothing.

        ``BEGIN IMMEDIATE`` takes the write lock first, so that what the block
        reads is still true when it writes.  An exception inside the block
        rolls everything back; a SQLite failure becomes one plain-words error.

        A write that changed any row counts the journal's network version
        up (:func:`network_version`), which tells the matches kept for needs
        that they are stale; ``network=False`` is for writes that change
        nothing the ask engine reads (needs themselves, and those matches).
        """
        self._refuse_if_found_damaged()
        new_command = False
        try:
            self.conn.execute("BEGIN IMMEDIATE")
            try:
                new_command = self._start_recording()
                before = self.conn.total_changes
                yield self.conn
                if network and self.conn.total_changes != before:
                    version = network_version(self.conn) + 1
                    self.conn.execute(f"PRAGMA user_version = {version:d}")
                self._stop_recording()
            except BaseException:
                if self.conn.in_transaction:
                    self.conn.execute("ROLLBACK")
                if new_command:
                    self._command_id = None
                raise
            self.conn.execute("COMMIT")
            self.wrote = True
            Journal.commits += 1
        except db_errors() as exc:
            if self.conn.in_transaction:
                self.conn.execute("ROLLBACK")
            if new_command:
                self._command_id = None
            raise describe_sqlite_error(self.path, exc) from exc

    @contextmanager
    def filling(self) -> Iterator[bool]:
        """Around one large write into an empty journal: a rollback journal instead of the WAL.

        A transaction many times the page cache (a first import of 100,000
        people) spills pages as it goes.  Through the write-ahead log each is
        written twice (into the log, then by the checkpoint) and every read
        of it searches the log; a rollback journal writes it once, in place.
        Both are as atomic: a crash leaves a hot journal that the next open
        rolls back, and ``synchronous = FULL`` meanwhile keeps that true
        through a power cut.  Readers would wait for the writer meanwhile, so
        this happens only when nobody else has the journal open (leaving WAL
        mode needs that, and SQLite refuses at once otherwise) and nobody is
        in it yet.  Yields whether the switch happened; WAL mode is back
        before the block ends (or at the next open, if a newcomer holds it).
        """
        switched = False
        if self.conn.execute("SELECT NOT EXISTS (SELECT 1 FROM person)").fetchone()[0]:
            self.conn.execute("PRAGMA busy_timeout = 0")
            try:
                mode = self.conn.execute("PRAGMA main.journal_mode = DELETE").fetchone()[0]
                switched = mode == "delete"
            except db_errors():
                pass  # another connection has the journal open: keep the WAL
            finally:
                self.conn.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
        if not switched:
            yield False
            return
        self.conn.execute("PRAGMA main.synchronous = FULL")
        try:
            yield True
        finally:
            self.conn.execute("PRAGMA main.synchronous = NORMAL")
            try:
                self.conn.execute("PRAGMA main.journal_mode = WAL")
            except db_errors():
                pass  # a newcomer holds it open: the next open switches back

    def _start_recording(self) -> bool:
        """Point the undo triggers at this command; True if its row is new."""
        if self._undo is None:
            from netjournal.store.undo import has_undo_log

            self._undo = has_undo_log(self.conn)
        if not self._undo:
            return False
        from netjournal.store import undo

        if not self.recording:
            self._triggers_for = undo.start(self.conn, None, self._triggers_for)
            return False
        new = self._command_id is None
        if new:
            from netjournal.store.undo import KEEP_COMMANDS

            now = datetime.now(timezone.utc).isoformat(timespec="seconds")
            cur = self.conn.execute(
                "INSERT INTO undo_command (label, at) VALUES (?, ?)", (self.command, now)
            )
            self._command_id = cur.lastrowid
            self.conn.execute(
                "DELETE FROM undo_command WHERE id <= (SELECT id FROM undo_command "
                "ORDER BY id DESC LIMIT 1 OFFSET ?)",
                (KEEP_COMMANDS,),
            )
        self._triggers_for = undo.start(self.conn, self._command_id, self._triggers_for)
        return new

    def _stop_recording(self) -> None:
        """Stop recording; a command that changed nothing leaves no trace in the log."""
        if not self._undo or not self.recording or self._command_id is None:
            return
        from netjournal.store import undo

        undo.stop(self.conn)
        gone = self.conn.execute(
            "DELETE FROM undo_command WHERE id = ?1 "
            "AND NOT EXISTS (SELECT 1 FROM undo_step WHERE command_id = ?1)",
            (self._command_id,),
        ).rowcount
        if gone:
            self._command_id = None

    def _refuse_if_found_damaged(self) -> None:
        """A journal that a check found damaged takes no more writes until it is repaired."""
        from netjournal.store.backup import found_damaged

        found = found_damaged(self.path)
        if found is not None:
            raise JournalError(
                f"the journal {self.path} was found damaged ({found}); nothing was changed",
                hint="run 'net doctor', then 'net restore' your latest good backup",
            )

    def reader(self) -> sqlite3.Connection:
        """A second, read-only connection to the same journal (for copies made under a lock)."""
        from netjournal.store.cipher import connect_like, is_encrypted_connection

        if is_encrypted_connection(self.conn):
            return connect_like(self.conn, self.path, readonly=True)  # type: ignore[no-any-return]
        return _connect(self.path, readonly=True)

    def close(self) -> None:
        self.conn.close()


JOURNAL_FILE_ENDS = ("", "-wal", "-shm")


def tighten_permissions(path: Path) -> None:
    """Make the journal, its ``-wal`` and ``-shm`` readable by their owner only (0600).

    Files of another user are left alone (``net doctor`` reports them).
    """
    for end in JOURNAL_FILE_ENDS:
        each = path.with_name(path.name + end)
        try:
            info = each.stat()
            if info.st_mode & 0o077 and info.st_uid == os.geteuid():
                os.chmod(each, info.st_mode & 0o700)
        except (OSError, AttributeError):  # absent, read-only file system, or no geteuid
            continue


def permission_problems(path: Path) -> list[str]:
    """Who else could read the journal, its -wal/-shm, or its folder, in plain words."""
    problems = []
    for each in (*(path.with_name(path.name + end) for end in JOURNAL_FILE_ENDS), path.parent):
        try:
            mode = each.stat().st_mode & 0o777
        except OSError:
            continue
        if mode & 0o077:
            fix = "chmod 700" if each.is_dir() else "chmod 600"
            problems.append(f"{each} can be read by others ({mode:o}): {fix} {each}")
    return problems


def open_journal(path: Path, *, migrate: bool = True) -> Journal:
    """Open (creating if needed) the journal at ``path`` and bring its schema up to date."""
    if path.is_dir():
        raise JournalError(
            f"{path} is a folder, not a journal", hint="give --db the path of a file"
        )
    if path.is_symlink() and not path.exists():
        raise JournalError(
            f"{path} is a symbolic link to {os.readlink(path)}, which does not exist",
            hint="put the journal back where the link points, or give --db the journal itself",
        )
    created = not path.exists()
    if created:
        try:
            _create_private(path)
        except FileExistsError:
            created = False  # another net made it a moment ago: the same journal
        except OSError as exc:
            raise JournalError(
                f"cannot create the journal {path}: {exc.strerror}",
                hint="check that the folder is writable",
            ) from exc
    encrypted = _check_header(path)
    tighten_permissions(path)
    try:
        if encrypted:
            from netjournal.store import cipher

            conn = cipher.connect(path, cipher.passphrase(path))
        else:
            conn = _connect(path)
        applied = _applied(conn, path)  # before anything could change a foreign file
        if not applied and path.stat().st_size == 0:
            conn.execute(f"PRAGMA page_size = {PAGE_SIZE}")
        mode = conn.execute("PRAGMA journal_mode").fetchone()[0]
        if mode != "wal" and os.access(path, os.W_OK):
            _switch_to_wal(conn)
        conn.execute("PRAGMA synchronous = NORMAL")
        lexicon.attach(conn)
    except db_errors() as exc:
        raise describe_sqlite_error(path, exc) from exc
    journal = Journal(path, conn, created=created)
    if migrate and any(m.name not in applied for m in MIGRATIONS):
        try:
            _migrate(journal)
        except BaseException:
            conn.close()
            raise
        lexicon.ensure_view(conn)
    return journal


def _check_header(path: Path) -> bool:
    """Refuse a file that is not a journal; True for one that may be an encrypted journal."""
    try:
        with path.open("rb") as handle:
            head = handle.read(len(SQLITE_MAGIC))
    except OSError as exc:
        raise JournalError(f"cannot read the journal {path}: {exc.strerror}") from exc
    if head and head != SQLITE_MAGIC:
        from netjournal.store.cipher import ENV_KEY, key_given

        if len(head) == len(SQLITE_MAGIC) and key_given(path):
            return True  # SQLCipher's files start with random bytes: try the passphrase
        raise JournalError(
            f"{path} is not a netjournal journal (it is not a SQLite file)",
            hint=f"check --db / NETJOURNAL_DB (the file was left as it is); "
            f"for an encrypted journal, set {ENV_KEY}",
        )
    return False


def _applied(conn: sqlite3.Connection, path: Path) -> set[str]:
    tables = {row[0] for row in conn.execute("SELECT name FROM sqlite_master WHERE type='table'")}
    if not tables:
        return set()
    if "schema_migration" not in tables:
        raise JournalError(
            f"{path} is a SQLite database, but not a netjournal journal",
            hint="check --db / NETJOURNAL_DB; the file was left as it is",
        )
    applied = {row[0] for row in conn.execute("SELECT name FROM schema_migration")}
    known = {m.name for m in MIGRATIONS}
    unknown = sorted(applied - known)
    if unknown:
        raise JournalError(
            f"the journal {path} was written by a newer netjournal ({', '.join(unknown)})",
            hint="upgrade netjournal to open it",
        )
    return applied


def _migrate(journal: Journal) -> None:
    """Bring the schema up to date under the write lock, all steps or none.

    Several ``net`` may open an old (or new) journal at the same moment: each
    takes the write lock, re-reads the applied steps, and applies only what is
    still missing, so one of them upgrades and the others find it done.  The
    copy of an old journal is made once, under the same lock, before the first
    step, and the upgrade is one transaction: it happens whole or not at all.
    """
    conn = journal.conn
    try:
        conn.execute("BEGIN IMMEDIATE")
        try:
            applied = _applied(conn, journal.path)
            pending = [m for m in MIGRATIONS if m.name not in applied]
            if pending and applied:
                from netjournal.store.backup import backup_before_migration

                backup_before_migration(journal, pending[0].name)
            if pending:
                conn.execute(
                    "CREATE TABLE IF NOT EXISTS schema_migration "
                    "(name TEXT PRIMARY KEY, applied_at TEXT NOT NULL)"
                )
            for migration in pending:
                now = datetime.now(timezone.utc).isoformat(timespec="seconds")
                for statement in _statements(migration.sql):
                    conn.execute(statement)
                conn.execute(
                    "INSERT INTO schema_migration (name, applied_at) VALUES (?, ?)",
                    (migration.name, now),
                )
        except BaseException:
            if conn.in_transaction:
                conn.execute("ROLLBACK")
            raise
        conn.execute("COMMIT")
        if any(m.vacuum for m in pending):
            _vacuum(conn)
    except db_errors() as exc:
        raise describe_sqlite_error(journal.path, exc) from exc


def _busy(exc: BaseException) -> bool:
    text = str(exc).lower()
    return "locked" in text or "busy" in text


def _switch_to_wal(conn: Any) -> None:
    """Put the journal in WAL mode; when another ``net`` holds it, that one will."""
    try:
        conn.execute("PRAGMA journal_mode = WAL")
    except db_errors() as exc:
        if not _busy(exc):
            raise


def _vacuum(conn: Any) -> None:
    """Give freed pages back after an upgrade: a small journal is a small file.

    Only a nicety: when other ``net`` processes are using the journal at that
    moment the upgrade stands as it is, and the space is given back the next
    time a journal is vacuumed (``net doctor``'s advice, or the next upgrade).
    """
    try:
        conn.execute("VACUUM")
    except db_errors() as exc:
        if not _busy(exc):
            raise


def _statements(sql: str) -> list[str]:
    """Split a migration's SQL into complete statements (triggers hold semicolons)."""
    out, current = [], ""
    for piece in sql.split(";"):
        current += piece + ";"
        if sqlite3.complete_statement(current):
            if current.strip(" \n;"):
                out.append(current.strip())
            current = ""
    return out


def scratch_journal() -> sqlite3.Connection:
    """A blank journal in memory with the lexicon attached, e.g. to rank people from elsewhere."""
    conn = sqlite3.connect(":memory:", isolation_level=None)
    conn.execute("PRAGMA foreign_keys = ON")
    lexicon.attach(conn)
    for migration in MIGRATIONS:
        for statement in _statements(migration.sql):
            conn.execute(statement)
    lexicon.ensure_view(conn)
    return conn
