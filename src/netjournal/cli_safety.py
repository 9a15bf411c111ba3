"""Encryption at rest: ``net encrypt`` and ``net decrypt`` (SQLCipher, an optional extra)."""

from __future__ import annotations

from typing import Annotated

import typer

from netjournal import render
from netjournal.cli_common import journal, journal_file

app = typer.Typer()

KeyringOpt = Annotated[
    bool,
    typer.Option(
        "--keyring", help="Keep the passphrase in the system keyring (else NETJOURNAL_KEY or ask)."
    ),
]


@app.command()
def encrypt(keyring: KeyringOpt = False) -> None:
    """Encrypt the journal with a passphrase (NETJOURNAL_KEY, or asked; never an option)."""
    from netjournal.store import cipher

    path = journal_file()
    with journal():  # a sound, migrated journal before it is converted
        pass
    key = cipher.passphrase(path, new=True)
    cipher.encrypt_file(path, key)
    if keyring:
        cipher.store_in_keyring(path, key)
    render.message(
        f"Encrypted {path}. Older backups beside it are not: remove them, or keep them safe."
    )


@app.command()
def decrypt() -> None:
    """Turn an encrypted journal back into a plain SQLite file."""
    from netjournal.store import cipher

    path = journal_file()
    with journal():  # opens only with the right passphrase
        pass
    cipher.decrypt_file(path, cipher.passphrase(path))
    render.message(f"Decrypted {path}; it is a plain SQLite file again.")
