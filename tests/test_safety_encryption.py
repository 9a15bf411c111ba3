"""Encryption at rest: net encrypt / net decrypt, passphrases, encrypted backups."""

from __future__ import annotations

import re
import sqlite3
from pathlib import Path

import pytest

from conftest import Net, snapshot

pytest.importorskip("sqlcipher3", reason="the encryption extra is not installed")

MAGIC = b"SQLite format 3\x00"


@pytest.fixture
def plain(net: Net, db_path: Path) -> Path:
    assert net("add", "Anna Rossi", "--skill", "family law").code == 0
    assert net("log", "anna", "coffee", "--on", "2026-10-02").code == 0
    return db_path


def test_encrypt_then_use_then_decrypt(
    net: Net, plain: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    expected = snapshot(plain)
    shown = net("show", "anna", "--json").json()
    monkeypatch.setenv("NETJOURNAL_KEY", "correct horse")
    result = net("encrypt")
    assert result.code == 0, result.err
    assert plain.read_bytes()[:16] != MAGIC
    assert b"Anna Rossi" not in plain.read_bytes()
    assert (plain.stat().st_mode & 0o777) == 0o600
    assert net("show", "anna", "--json").json() == shown
    assert net("ask", "lawyer", "--json").json()["suggestions"][0]["key"] == "anna-rossi"  # type: ignore[index]
    assert net("add", "Marco Bianchi").code == 0
    assert net("doctor").code == 0
    assert net("decrypt").code == 0
    assert plain.read_bytes()[:16] == MAGIC
    monkeypatch.delenv("NETJOURNAL_KEY")
    assert snapshot(plain) != expected  # Marco was added while encrypted
    assert [r[0] for r in snapshot(plain) if r[0] == "person"] == ["person"]
    assert net("show", "marco", "--json").code == 0


def test_an_encrypted_journal_without_or_with_a_wrong_passphrase_is_a_clear_error(
    net: Net, plain: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("NETJOURNAL_KEY", "correct horse")
    assert net("encrypt").code == 0
    raw = plain.read_bytes()
    monkeypatch.setenv("NETJOURNAL_KEY", "wrong")
    for args in (("list",), ("add", "Luca"), ("backup",)):
        result = net(*args)
        assert result.code == 1
        assert result.err.startswith("Error: wrong passphrase for the encrypted journal")
        assert "not a database" not in result.err.split("\n")[0].replace("not a journal", "")
    monkeypatch.delenv("NETJOURNAL_KEY")
    result = net("list")
    assert result.code == 1 and "NETJOURNAL_KEY" in result.err
    assert plain.read_bytes() == raw


def test_backups_of_an_encrypted_journal_stay_encrypted(
    net: Net, plain: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("NETJOURNAL_KEY", "correct horse")
    assert net("encrypt").code == 0
    dated = net("backup")
    assert dated.code == 0, dated.err
    copy = Path(re.search(r"Backed up to (.+)\.\n", dated.err).group(1))  # type: ignore[union-attr]
    named = tmp_path / "copy.db"
    assert net("backup", str(named)).code == 0
    for each in (copy, named):
        assert each.read_bytes()[:16] != MAGIC
        assert b"Anna Rossi" not in each.read_bytes()
        with pytest.raises(sqlite3.DatabaseError):
            sqlite3.connect(each).execute("SELECT * FROM person").fetchall()
        assert net("--db", str(each), "show", "anna", "--json").code == 0


def test_the_passphrase_is_never_a_command_line_option(net: Net) -> None:
    for command in ("encrypt", "decrypt"):
        options = re.findall(r"--[a-z-]+", net(command, "--help").out)
        assert set(options) <= {"--keyring", "--help"}, options
    result = net("encrypt", "--passphrase", "x")
    assert result.code == 2


def test_encrypting_needs_a_passphrase_when_not_on_a_terminal(net: Net, plain: Path) -> None:
    raw = plain.read_bytes()
    result = net("encrypt")
    assert result.code == 1 and "NETJOURNAL_KEY" in result.err
    assert plain.read_bytes() == raw
