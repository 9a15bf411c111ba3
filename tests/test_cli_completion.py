"""Completion completes what people type, and never offers file names where a tag is asked."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import Net


@pytest.fixture
def journal(net: Net) -> Net:
    net("add", "Kenji Tanaka", "--alias", "Ken", "--tag", "work", "--skill", "translation")
    net("add", "Anna Rossi", "--tag", "university", "--tag", "family")
    net("add", "Sofia Conti", "--tag", "family")
    net("log", "kenji", "had lunch")
    net("need", "a plumber", "--for", "anna")
    return net


def _complete(net: Net, monkeypatch: pytest.MonkeyPatch, line: str, shell: str = "bash") -> str:
    words = line.split(" ")
    monkeypatch.setenv("_NET_COMPLETE", f"complete_{shell}")
    if shell == "bash":
        monkeypatch.setenv("COMP_WORDS", line)
        monkeypatch.setenv("COMP_CWORD", str(len(words) - 1))
    else:
        monkeypatch.setenv("_TYPER_COMPLETE_ARGS", line)
    try:
        result = net()
    finally:
        monkeypatch.delenv("_NET_COMPLETE")
    assert result.code == 0, result.err
    return result.out.rstrip("\n")


@pytest.mark.parametrize(
    ("line", "offered"),
    [
        ("net show tan", ["kenji-tanaka"]),  # by surname
        ("net show Tan", ["kenji-tanaka"]),  # capitalised
        ("net show Ros", ["anna-rossi"]),
        ("net show Ken", ["kenji-tanaka"]),  # an alias
        ("net log so", ["sofia-conti"]),
        ("net merge anna-rossi Sof", ["sofia-conti"]),
        ("net add Someone --via Con", ["sofia-conti"]),
        ("net list --tag f", ["family"]),
        ("net list --tag ", ["family", "university", "work"]),
        ("net stale --tag w", ["work"]),
        ("net cadence ", ["family", "university", "work"]),
        ("net edit anna --rm-tag uni", ["university"]),
        ("net list --skill tr", ["translation"]),
        ("net export --format v", ["vcard"]),
        ("net import --format ", ["json", "vcard", "linkedin", "google", "outlook",
                                  "thunderbird", "csv"]),
    ],
)  # fmt: skip
def test_completion_offers_what_people_type(
    journal: Net, monkeypatch: pytest.MonkeyPatch, line: str, offered: list[str]
) -> None:
    assert _complete(journal, monkeypatch, line).split() == offered


def test_event_ids_of_every_kind_are_offered_for_forget_and_fix(
    journal: Net, monkeypatch: pytest.MonkeyPatch
) -> None:
    needs = journal("needs", "--json").json()
    assert isinstance(needs, dict)
    need_id = needs["needs"][0]["id"]
    assert _complete(journal, monkeypatch, "net forget i").split() == ["i-1"]
    assert _complete(journal, monkeypatch, "net fix n").split() == [need_id]
    assert set(_complete(journal, monkeypatch, "net forget ").split()) == {"i-1", need_id}


@pytest.mark.parametrize(
    "line",
    ["net list --tag zz", "net cadence zz", "net show zzz", "net forget x", "net list --skill q"],
)
def test_no_match_is_never_file_names(
    journal: Net, monkeypatch: pytest.MonkeyPatch, line: str
) -> None:
    assert _complete(journal, monkeypatch, line) == ""
    assert _complete(journal, monkeypatch, line, "zsh") == "_message 'no match'"


def test_file_arguments_complete_file_names(journal: Net, monkeypatch: pytest.MonkeyPatch) -> None:
    assert _complete(journal, monkeypatch, "net import ") == "::files::"
    assert _complete(journal, monkeypatch, "net export -o ") == "::files::"
    assert _complete(journal, monkeypatch, "net import ", "zsh") == "_files"


@pytest.mark.skipif(shutil.which("bash") is None, reason="needs bash")
def test_the_bash_script_offers_files_only_for_files(
    journal: Net, tmp_path: Path, db_path: Path
) -> None:
    """The real script from --show-completion, in bash, with the real net."""
    shown = journal("--show-completion", "bash")
    assert shown.code == 0
    assert "-o default" not in shown.out.splitlines()[-1]
    (tmp_path / "work" / "notes.txt").parent.mkdir()
    (tmp_path / "work" / "notes.txt").write_text("x")
    net = Path(sys.executable).parent / "net"
    script = tmp_path / "completion.bash"
    script.write_text(shown.out.replace("$1 )", f"{net} )"), encoding="utf-8")

    def complete(line: str) -> list[str]:
        words = line.split(" ")
        program = (
            f"source {script}; COMP_WORDS=({' '.join(repr(w) for w in words)}); "
            f"COMP_CWORD={len(words) - 1}; _net_completion net; "
            'printf "%s\\n" "${COMPREPLY[@]}"'
        )
        env = dict(os.environ, NETJOURNAL_DB=str(db_path))
        done = subprocess.run(
            ["bash", "-c", program], capture_output=True, text=True, cwd=tmp_path / "work", env=env
        )
        return [w for w in done.stdout.splitlines() if w]

    assert complete("net list --tag zz") == []
    assert complete("net list --tag fa") == ["family"]
    assert complete("net show Tan") == ["kenji-tanaka"]
    assert complete("net import ") == []  # bash's own file names take over (compopt -o default)


def test_the_indexes_offer_the_people_the_walk_offers(
    net: Net, db_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """When the walk in key order runs out of budget, the indexes answer the same."""
    import sqlite3

    from netjournal import completion

    names = [
        "Kenji Tanaka", "Anna Rossi", "Anna Rossini", "Aurora De Luca", "Jean-Luc Picard",
        "Seán O'Brien", "Zoë Ölund", "María José García", "Ro Ro", "Bob_Smith 100%",
    ]  # fmt: skip
    for name in names:
        assert net("add", name, "--alias", name.split()[-1][::-1]).code == 0
    words = {w.lower()[:n] for name in names for w in name.split() for n in (1, 2, 4)}
    prefixes = sorted(words | {"", "an", "anna r", "de l", "o'b", "zz", "_", "%", "kenji-t", "ó"})
    with sqlite3.connect(db_path) as conn:
        for prefix in prefixes:
            folded = completion.fold(prefix)
            like = completion._like(folded)
            walk = conn.execute(completion._WALK, (like, 50)).fetchall()
            gather = conn.execute(
                completion._GATHER, (like, 50, folded, folded + "\U0010ffff")
            ).fetchall()
            assert gather == walk, prefix
    walked = {p: completion.people(db_path, p) for p in prefixes}
    assert walked["ro"] == [("anna-rossi", "Anna Rossi"), ("anna-rossini", "Anna Rossini"),
                            ("ro-ro", "Ro Ro")]  # fmt: skip
    monkeypatch.setattr(completion, "WALK_STEP", 1)  # every walk runs out at once
    monkeypatch.setattr(completion, "WALK_BUDGET", 0)
    assert {p: completion.people(db_path, p) for p in prefixes} == walked


def test_a_walk_out_of_budget_gives_the_same_offer(
    journal: Net, monkeypatch: pytest.MonkeyPatch
) -> None:
    from netjournal import completion

    walked = _complete(journal, monkeypatch, "net show Ros")
    monkeypatch.setattr(completion, "WALK_STEP", 1)
    monkeypatch.setattr(completion, "WALK_BUDGET", 0)
    assert _complete(journal, monkeypatch, "net show Ros") == walked
    assert walked.split() == ["anna-rossi"]
