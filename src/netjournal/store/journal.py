"""Open a journal file safely and hand out transactions on it."""

from __future__ import annotations

import os
import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import datetime, timezone
from pathlib import Path
from typing import TYPE_CHECKING, Any

from netjournal.errors import JournalError
from netjournal.store.migrations import MIGRATIONS

if TYPE_CHECKING:
    from sqlalchemy.engine import Engine
    from sqlmodel import Session

SQLITE_MAGIC = b"SQLite format 3\x00"
BUSY_TIMEOUT_MS = 15_000


def _connect(path: Path, *, readonly: bool = False) -> sqlite3.Connection:
    uri = f"file:{path}?mode=ro" if readonly else f"file:{path}"
    conn = sqlite3.connect(
        uri,
        uri=True,
        timeout=BUSY_TIMEOUT_MS / 1000,
        isolation_level=None,
        check_same_thread=False,
    )
    conn.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
    conn.execute("PRAGMA foreign_keys = ON")
    conn.execute("PRAGMA cache_size = -32000")  # 32 MB: bulk imports keep indexes in memory
    conn.execute("PRAGMA temp_store = MEMORY")
    return conn


def _create_private(path: Path) -> None:
    """Make the journal's folders (0700) and an empty file (0600)."""
    missing = []
    parent = path.parent
    while not parent.exists():
        missing.append(parent)
        parent = parent.parent
    for folder in reversed(missing):
        folder.mkdir(mode=0o700)
    fd = os.open(path, os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o600)
    os.close(fd)


def describe_sqlite_error(path: Path, exc: sqlite3.Error) -> JournalError:
    """Turn a SQLite failure on the journal into a plain-words error."""
    text = str(exc).lower()
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
        return JournalError(
            f"the journal {path} is damaged ({exc})",
            hint="run 'net doctor', or 'net restore' a backup",
        )
    if "unable to open" in text:
        return JournalError(
            f"cannot open the journal {path}", hint="check the path and its permissions"
        )
    return JournalError(f"the journal {path} cannot be used: {exc}")


class Journal:
    """One journal file, migrated to the current schema."""

    def __init__(self, path: Path, conn: sqlite3.Connection) -> None:
        self.path = path
        self.conn = conn
        self._engine: Engine | None = None

    # ---------------------------------------------------------- transactions

    @contextmanager
    def read(self) -> Iterator[sqlite3.Connection]:
        """A read transaction: one consistent snapshot for the whole command."""
        try:
            self.conn.execute("BEGIN")
            try:
                yield self.conn
            finally:
                self.conn.execute("ROLLBACK")
        except sqlite3.Error as exc:
            raise describe_sqlite_error(self.path, exc) from exc

    @contextmanager
    def write_sql(self) -> Iterator[sqlite3.Connection]:
        """A write transaction on the raw connection: all of it, or nothing."""
        try:
            self.conn.execute("BEGIN IMMEDIATE")
            try:
                yield self.conn
            except BaseException:
                self.conn.execute("ROLLBACK")
                raise
            self.conn.execute("COMMIT")
        except sqlite3.Error as exc:
            raise describe_sqlite_error(self.path, exc) from exc

    @contextmanager
    def write(self) -> Iterator[Session]:
        """A write transaction as a SQLModel session: all of it, or nothing."""
        from sqlalchemy.exc import DBAPIError
        from sqlmodel import Session

        engine = self.engine()
        try:
            with Session(engine) as session:
                session.connection()  # begins: BEGIN IMMEDIATE
                try:
                    yield session
                except BaseException:
                    session.rollback()
                    raise
                session.commit()
        except DBAPIError as exc:
            orig = exc.orig if isinstance(exc.orig, sqlite3.Error) else sqlite3.Error(str(exc))
            raise describe_sqlite_error(self.path, orig) from exc

    def engine(self) -> Engine:
        """The SQLAlchemy engine over this journal's connection (made on first use)."""
        if self._engine is None:
            from sqlalchemy import event
            from sqlalchemy.pool import StaticPool
            from sqlmodel import create_engine

            engine = create_engine("sqlite://", creator=lambda: self.conn, poolclass=StaticPool)

            @event.listens_for(engine, "begin")
            def _begin(connection: Any) -> None:
                connection.exec_driver_sql("BEGIN IMMEDIATE")

            self._engine = engine
        return self._engine

    def close(self) -> None:
        if self._engine is not None:
            self._engine.dispose()
        self.conn.close()


def open_journal(path: Path, *, migrate: bool = True) -> Journal:
    """Open (creating if needed) the journal at ``path`` and bring its schema up to date."""
    if path.is_dir():
        raise JournalError(
            f"{path} is a folder, not a journal", hint="give --db the path of a file"
        )
    if not path.exists():
        try:
            _create_private(path)
        except OSError as exc:
            raise JournalError(
                f"cannot create the journal {path}: {exc.strerror}",
                hint="check that the folder is writable",
            ) from exc
    _check_header(path)
    try:
        conn = _connect(path)
        applied = _applied(conn, path)  # before anything could change a foreign file
        mode = conn.execute("PRAGMA journal_mode").fetchone()[0]
        if mode != "wal" and os.access(path, os.W_OK):
            conn.execute("PRAGMA journal_mode = WAL")
        conn.execute("PRAGMA synchronous = NORMAL")
    except sqlite3.Error as exc:
        raise describe_sqlite_error(path, exc) from exc
    journal = Journal(path, conn)
    pending = [m for m in MIGRATIONS if m.name not in applied]
    if pending and migrate:
        _migrate(journal, applied, pending)
    return journal


def _check_header(path: Path) -> None:
    try:
        with path.open("rb") as handle:
            head = handle.read(len(SQLITE_MAGIC))
    except OSError as exc:
        raise JournalError(f"cannot read the journal {path}: {exc.strerror}") from exc
    if head and head != SQLITE_MAGIC:
        raise JournalError(
            f"{path} is not a netjournal journal (it is not a SQLite file)",
            hint="check --db / NETJOURNAL_DB; the file was left as it is",
        )


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


def _migrate(journal: Journal, applied: set[str], pending: list[Any]) -> None:
    conn = journal.conn
    if applied:
        from netjournal.store.backup import backup_before_migration

        backup_before_migration(journal, pending[0].name)
    try:
        conn.execute(
            "CREATE TABLE IF NOT EXISTS schema_migration "
            "(name TEXT PRIMARY KEY, applied_at TEXT NOT NULL)"
        )
        for migration in pending:
            now = datetime.now(timezone.utc).isoformat(timespec="seconds")
            conn.execute("BEGIN IMMEDIATE")
            try:
                for statement in _statements(migration.sql):
                    conn.execute(statement)
                conn.execute(
                    "INSERT INTO schema_migration (name, applied_at) VALUES (?, ?)",
                    (migration.name, now),
                )
            except BaseException:
                conn.execute("ROLLBACK")
                raise
            conn.execute("COMMIT")
    except sqlite3.Error as exc:
        raise describe_sqlite_error(journal.path, exc) from exc


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
