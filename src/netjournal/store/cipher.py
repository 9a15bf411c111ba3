"""Encryption at rest: a journal kept as an SQLCipher database (``net encrypt`` / ``decrypt``).

SQLCipher comes from the optional ``sqlcipher3`` package (``pip install
'netjournal[encryption]'``), whose wheels ship SQLCipher itself and whose
connections speak the same DB-API as :mod:`sqlite3`, so the store's plain SQL
runs unchanged.  The passphrase comes from ``NETJOURNAL_KEY`` (for scripts),
else the system keyring (``keyring``, service ``netjournal``, the journal's
path as the user name), else a prompt on a terminal; never from the command
line, where other users could read it in the process list.
"""

from __future__ import annotations

import os
import sqlite3
import sys
from pathlib import Path
from typing import Any

from netjournal.errors import JournalError

ENV_KEY = "NETJOURNAL_KEY"
KEYRING_SERVICE = "netjournal"
_KEYS: dict[int, str] = {}  # id(connection) -> passphrase, for copies of that journal

INSTALL_HINT = "install the encryption extra: pip install 'netjournal[encryption]'"


def _module() -> Any:
    try:
        import sqlcipher3.dbapi2 as dbapi
    except ImportError:
        raise JournalError(
            "encrypted journals need SQLCipher, which is not installed", hint=INSTALL_HINT
        ) from None
    return dbapi


def is_encrypted_connection(conn: object) -> bool:
    return type(conn).__module__.startswith("sqlcipher3")


def key_given(path: Path) -> bool:
    """Is there a passphrase for this journal without asking (environment or keyring)?"""
    return bool(os.environ.get(ENV_KEY)) or _from_keyring(path) is not None


def _from_keyring(path: Path) -> str | None:
    try:
        import keyring
    except ImportError:
        return None
    try:
        found = keyring.get_password(KEYRING_SERVICE, str(path.resolve()))
    except Exception:  # no keyring backend on this system: not an error here
        return None
    return found or None


def store_in_keyring(path: Path, passphrase: str) -> None:
    try:
        import keyring

        keyring.set_password(KEYRING_SERVICE, str(path.resolve()), passphrase)
    except Exception as exc:
        raise JournalError(
            f"cannot keep the passphrase in the system keyring: {exc}",
            hint="use NETJOURNAL_KEY, or type the passphrase when asked",
        ) from None


def passphrase(path: Path, *, new: bool = False) -> str:
    """The journal's passphrase: NETJOURNAL_KEY, the keyring, or a prompt on a terminal."""
    given = os.environ.get(ENV_KEY) or (None if new else _from_keyring(path))
    if given:
        return given
    if not sys.stdin.isatty():
        raise JournalError(
            f"the journal {path} is encrypted and no passphrase was given"
            if not new
            else "encrypting needs a passphrase",
            hint=f"set {ENV_KEY}, keep it in the system keyring, or run on a terminal",
        )
    import getpass

    typed = getpass.getpass(f"Passphrase for {path}: ")
    if new and getpass.getpass("The same passphrase again: ") != typed:
        raise JournalError("the two passphrases differ; nothing was changed")
    if not typed:
        raise JournalError("the passphrase is empty; nothing was changed")
    return typed


def _quote(text: str) -> str:
    return "'" + text.replace("'", "''") + "'"


def connect(
    path: Path, key: str, *, uri_options: str = "", timeout: float = 15.0
) -> sqlite3.Connection:
    """A keyed SQLCipher connection; a wrong passphrase is a clear error."""
    dbapi = _module()
    conn = dbapi.connect(
        f"file:{path}{uri_options}",
        uri=True,
        timeout=timeout,
        isolation_level=None,
        check_same_thread=False,
    )
    conn.execute("PRAGMA cipher_log_level = NONE")
    conn.execute(f"PRAGMA key = {_quote(key)}")
    try:
        conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
    except dbapi.DatabaseError:
        conn.close()
        raise JournalError(
            f"wrong passphrase for the encrypted journal {path} (or it is not a journal)",
            hint=f"check {ENV_KEY} or the passphrase kept in the keyring; nothing was changed",
        ) from None
    _KEYS[id(conn)] = key
    return conn  # type: ignore[no-any-return]


def connect_like(conn: sqlite3.Connection, path: Path, *, readonly: bool = False) -> Any:
    """A connection to ``path`` keyed like ``conn`` (a copy of an encrypted journal stays so)."""
    key = _KEYS[id(conn)]
    dbapi = _module()
    other = dbapi.connect(f"file:{path}{'?mode=ro' if readonly else ''}", uri=True)
    other.execute("PRAGMA cipher_log_level = NONE")
    other.execute(f"PRAGMA key = {_quote(key)}")
    _KEYS[id(other)] = key
    return other


def encrypt_file(path: Path, key: str) -> None:
    """Turn the plain journal at ``path`` into an encrypted one, whole or not at all."""
    _convert(path, source_key="", target_key=key)


def decrypt_file(path: Path, key: str) -> None:
    """Turn the encrypted journal at ``path`` back into a plain SQLite one."""
    _convert(path, source_key=key, target_key="")


def _convert(path: Path, *, source_key: str, target_key: str) -> None:
    import secrets

    dbapi = _module()
    partial = path.with_name(f".{path.name}.partial-{os.getpid()}-{secrets.token_hex(4)}")
    conn = dbapi.connect(str(path), isolation_level=None, timeout=15)
    try:
        conn.execute("PRAGMA cipher_log_level = NONE")
        if source_key:
            conn.execute(f"PRAGMA key = {_quote(source_key)}")
        try:
            conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
            fd = os.open(partial, os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o600)
            os.close(fd)
            conn.execute(
                f"ATTACH DATABASE {_quote(str(partial))} AS converted KEY {_quote(target_key)}"
            )
            conn.execute("SELECT sqlcipher_export('converted')")
            version = conn.execute("PRAGMA main.user_version").fetchone()[0]
            conn.execute(f"PRAGMA converted.user_version = {int(version)}")
            conn.execute("DETACH DATABASE converted")
        except dbapi.DatabaseError as exc:
            raise JournalError(
                f"cannot convert the journal {path}: {exc}",
                hint="check the passphrase; nothing was changed",
            ) from None
        conn.close()
        with open(partial, "rb+") as handle:
            os.fsync(handle.fileno())
        os.replace(partial, path)
        for end in ("-wal", "-shm"):
            path.with_name(path.name + end).unlink(missing_ok=True)
    finally:
        conn.close()
        partial.unlink(missing_ok=True)
