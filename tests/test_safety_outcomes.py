"""Honest outcomes: exit codes after a commit, closed or broken output, Ctrl-C, encodings."""

from __future__ import annotations

import json
import os
import sqlite3
import subprocess
import sys
import unicodedata
from pathlib import Path

import pytest

from conftest import Net, snapshot

NFD_JOSE = unicodedata.normalize("NFD", "José Ñúñez")
NFC_JOSE = unicodedata.normalize("NFC", "José Ñúñez")


def net_process(
    db: Path, *args: str, shell_redirect: str = "", **env: str
) -> subprocess.CompletedProcess[str]:
    """The installed entry point in its own process, stdout and stderr captured or redirected."""
    full_env = {**os.environ, "NETJOURNAL_DB": str(db), **env}
    command = [sys.executable, "-m", "netjournal", *args]
    if shell_redirect:
        command = ["sh", "-c", f'exec "$@" {shell_redirect}', "sh", *command]
    encoding = full_env.get("PYTHONIOENCODING", "utf-8")
    return subprocess.run(command, capture_output=True, encoding=encoding, env=full_env, timeout=60)


def names(db: Path) -> list[str]:
    conn = sqlite3.connect(db)
    try:
        return [r[0] for r in conn.execute("SELECT name FROM person ORDER BY key")]
    finally:
        conn.close()


@pytest.fixture
def seeded(net: Net, db_path: Path) -> Path:
    assert net("add", "Zoë Martin", "--skill", "plumbing").code == 0
    assert net("add", "Anna Rossi").code == 0
    return db_path


# ------------------------------------------------------- after a commit


@pytest.mark.parametrize("redirect", ["2>&-", "2>/dev/full"], ids=["stderr-closed", "stderr-full"])
def test_a_committed_write_exits_0_when_its_message_cannot_be_written(
    seeded: Path, redirect: str
) -> None:
    done = net_process(seeded, "add", "Luca Verdi", shell_redirect=redirect)
    assert done.returncode == 0, done
    assert "Luca Verdi" in names(seeded)
    done = net_process(seeded, "log", "luca", "coffee", shell_redirect=redirect)
    assert done.returncode == 0, done


def test_a_refused_write_with_stderr_closed_still_exits_1(seeded: Path) -> None:
    before = snapshot(seeded)
    done = net_process(seeded, "log", "nobody-at-all", "coffee", shell_redirect="2>&-")
    assert done.returncode == 1
    assert snapshot(seeded) == before


def test_a_full_stdout_is_a_plain_error(seeded: Path) -> None:
    before = snapshot(seeded)
    for args in (("list",), ("list", "--json"), ("export",), ("show", "anna")):
        done = net_process(seeded, *args, shell_redirect=">/dev/full")
        assert done.returncode == 1, (args, done)
        assert done.stderr.startswith("Error: cannot write the output: No space left"), done.stderr
        assert "unexpected" not in done.stderr
    assert snapshot(seeded) == before


# ------------------------------------------------------- broken pipes


@pytest.mark.parametrize(
    "args",
    [
        ("list",),
        ("list", "--json"),
        ("show", "anna"),
        ("show", "anna", "--json"),
        ("export",),
        ("export", "--format", "csv"),
        ("ask", "plumber"),
        ("stats",),
        ("doctor",),
        ("--help",),
    ],
    ids=" ".join,
)
def test_a_reader_that_went_away_ends_every_command_the_same_way(
    seeded: Path, args: tuple[str, ...]
) -> None:
    read_end, write_end = os.pipe()
    os.close(read_end)  # the reader is gone before the first byte
    try:
        done = subprocess.run(
            [sys.executable, "-m", "netjournal", *args],
            stdout=write_end,
            stderr=subprocess.PIPE,
            text=True,
            env={**os.environ, "NETJOURNAL_DB": str(seeded)},
            timeout=60,
        )
    finally:
        os.close(write_end)
    assert (done.returncode, done.stderr) == (141, "")


# ------------------------------------------------------- Ctrl-C


def test_ctrl_c_during_a_write_says_nothing_was_changed(
    net: Net, seeded: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from netjournal.services import evidence

    def interrupted(*args: object, **kwargs: object) -> None:
        raise KeyboardInterrupt

    before = snapshot(seeded)
    monkeypatch.setattr(evidence, "refresh_people", interrupted)
    result = net("add", "Luca Verdi", "--skill", "tax")
    assert (result.code, result.err) == (130, "Interrupted; nothing was changed.\n")
    assert snapshot(seeded) == before


def test_ctrl_c_while_reading_exits_130(
    net: Net, seeded: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from netjournal.services import people

    def interrupted(*args: object, **kwargs: object) -> None:
        raise KeyboardInterrupt

    monkeypatch.setattr(people, "list_people", interrupted)
    result = net("list")
    assert (result.code, result.err) == (130, "Interrupted; nothing was changed.\n")


# ------------------------------------------------------- encodings


@pytest.mark.parametrize("encoding", ["ascii", "latin-1"])
def test_a_terminal_that_cannot_show_a_name_prints_it_plainly(
    seeded: Path, net: Net, encoding: str
) -> None:
    assert net("add", "Łukasz Żak").code == 0
    done = net_process(seeded, "list", PYTHONIOENCODING=encoding)
    assert done.returncode == 0, done.stderr
    assert "Anna Rossi" in done.stdout
    assert "ukasz" in done.stdout
    assert "?" in done.stdout
    assert "encoding cannot show some characters" in done.stderr
    assert "unexpected" not in done.stderr
    done = net_process(seeded, "add", "Željko Ćirić", PYTHONIOENCODING=encoding)
    assert done.returncode == 0, done.stderr
    assert "Željko Ćirić" in names(seeded)
    done = net_process(seeded, "show", "Ōtani", PYTHONIOENCODING=encoding)
    assert done.returncode == 1
    assert done.stderr.startswith("Error: nobody in the journal matches"), done.stderr


@pytest.mark.parametrize("env", [{"PYTHONIOENCODING": "ascii"}, {"LANG": "C", "LC_ALL": "C"}])
def test_json_and_exports_stay_exact_on_any_terminal(
    seeded: Path, net: Net, env: dict[str, str]
) -> None:
    expected_json = net("list", "--json").json()
    expected_export = net("export").out.encode("utf-8")
    done = net_process(seeded, "list", "--json", **env)
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout) == expected_json
    raw = subprocess.run(
        [sys.executable, "-m", "netjournal", "export"],
        capture_output=True,
        env={**os.environ, "NETJOURNAL_DB": str(seeded), **env},
        timeout=60,
    )
    assert raw.returncode == 0, raw.stderr
    assert raw.stdout == expected_export


# ------------------------------------------------------- names and paths


def test_a_name_typed_decomposed_is_stored_composed_and_found_both_ways(
    net: Net, db_path: Path
) -> None:
    assert net("add", NFD_JOSE, "--alias", unicodedata.normalize("NFD", "Pepé")).code == 0
    assert names(db_path) == [NFC_JOSE]
    for ref in (NFC_JOSE, NFD_JOSE, "jose", "Pepé", unicodedata.normalize("NFD", "Pepé")):
        shown = net("show", ref, "--json")
        assert shown.code == 0, (ref, shown.err)
        assert shown.json()["name"] == NFC_JOSE  # type: ignore[index]
        assert shown.json()["aliases"] == ["Pepé"]  # type: ignore[index]


def test_an_imported_decomposed_name_is_stored_composed(
    net: Net, db_path: Path, tmp_path: Path
) -> None:
    doc = {"format": "netjournal", "version": 1, "people": [{"name": NFD_JOSE}]}
    file = tmp_path / "people.json"
    file.write_text(json.dumps(doc), encoding="utf-8")
    assert net("import", str(file)).code == 0
    assert names(db_path) == [NFC_JOSE]
    assert net("import", str(file)).code == 0
    assert names(db_path) == [NFC_JOSE]


HUGE = "a" * (1 << 20)


@pytest.mark.parametrize(
    "args",
    [
        ("add", HUGE),
        ("add", "Luca Verdi", "--key", HUGE),
        ("edit", "anna", "--name", HUGE),
        ("add", "Luca Verdi", "--org", HUGE),
        ("log", "anna", HUGE),
        ("ask", HUGE),
    ],
    ids=["name", "key", "edit-name", "org", "note", "need"],
)
def test_a_huge_text_is_refused_with_a_short_message(
    net: Net, seeded: Path, args: tuple[str, ...]
) -> None:
    before = snapshot(seeded)
    result = net(*args)
    assert result.code == 1, result.err[:300]
    assert result.err.startswith("Error: ") and "too long" in result.err
    assert len(result.err) < 400
    assert snapshot(seeded) == before


def test_a_huge_imported_name_is_refused_with_a_short_message(
    net: Net, seeded: Path, tmp_path: Path
) -> None:
    file = tmp_path / "huge.json"
    doc = {"format": "netjournal", "version": 1, "people": [{"name": HUGE}]}
    file.write_text(json.dumps(doc))
    before = snapshot(seeded)
    result = net("import", str(file))
    assert result.code == 1
    assert "people[0].name" in result.err and len(result.err) < 400
    assert snapshot(seeded) == before


def test_a_dangling_db_symlink_says_so(net: Net, tmp_path: Path) -> None:
    link = tmp_path / "journal.db"
    target = tmp_path / "moved" / "journal.db"
    link.symlink_to(target)
    result = net("--db", str(link), "list")
    assert result.code == 1
    assert result.err.startswith(f"Error: {link} is a symbolic link to {target}, which does not")
    assert not target.parent.exists()
    assert link.is_symlink()


# ------------------------------------------------------- time zones


def in_zone(db: Path, zone: str, *args: str) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if k != "NETJOURNAL_TODAY"}
    env.update(NETJOURNAL_DB=str(db), TZ=zone)
    return subprocess.run(
        [sys.executable, "-m", "netjournal", *args],
        capture_output=True,
        text=True,
        env=env,
        timeout=60,
    )


def test_a_date_logged_in_utc_plus_14_is_not_in_the_future_from_utc_minus_12(
    tmp_path: Path,
) -> None:
    from datetime import datetime, timedelta, timezone

    east = (datetime.now(timezone.utc) + timedelta(hours=14)).date().isoformat()
    kiribati, baker = tmp_path / "east.db", tmp_path / "west.db"
    # POSIX zone names count the other way: Etc/GMT-14 is UTC+14.
    assert in_zone(kiribati, "Etc/GMT-14", "add", "Anna Rossi").returncode == 0
    done = in_zone(kiribati, "Etc/GMT-14", "log", "anna", "call", "--on", "today")
    assert done.returncode == 0, done.stderr
    assert east in done.stderr
    export = tmp_path / "east.json"
    assert in_zone(kiribati, "Etc/GMT-14", "export", "-o", str(export)).returncode == 0
    done = in_zone(baker, "Etc/GMT+12", "import", str(export))
    assert done.returncode == 0, done.stderr
    done = in_zone(baker, "Etc/GMT+12", "log", "anna", "call again", "--on", east)
    assert done.returncode == 0, done.stderr
    later = (datetime.now(timezone.utc) + timedelta(hours=14 + 48)).date().isoformat()
    done = in_zone(baker, "Etc/GMT+12", "log", "anna", "call", "--on", later)
    assert done.returncode == 1 and "in the future" in done.stderr
