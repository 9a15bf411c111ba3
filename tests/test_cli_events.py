"""net log / gave / got / knows / refer and dates in everyday words."""

from __future__ import annotations

from pathlib import Path

import pytest

from conftest import Net, snapshot


@pytest.fixture
def two(net: Net) -> Net:
    net("add", "Anna Rossi")
    net("add", "Marco Bianchi")
    return net


@pytest.mark.parametrize(
    ("words", "expected"),
    [
        ("2026-10-02", "2026-10-02"),
        ("today", "2026-11-27"),
        ("yesterday", "2026-11-26"),
        ("3 days ago", "2026-11-24"),
        ("last friday", "2026-11-20"),
        ("ieri", "2026-11-26"),
        ("3 giorni fa", "2026-11-24"),
        ("venerdì scorso", "2026-11-20"),
    ],
)
def test_log_reads_dates_in_words(two: Net, words: str, expected: str) -> None:
    assert two("log", "anna", "coffee", "--on", words, "--kind", "coffee").code == 0
    assert two("show", "anna", "--json").json()["interactions"] == [
        {"id": "i-1", "person": "anna-rossi", "date": expected, "kind": "coffee", "note": "coffee"}
    ]


@pytest.mark.parametrize("bad", ["tomorrow", "someday", "2026-02-30", "", "12", "in 3 days"])
def test_bad_or_future_dates_are_refused(two: Net, db_path: Path, bad: str) -> None:
    before = snapshot(db_path)
    result = two("log", "anna", "coffee", "--on", bad)
    assert result.code == 1 and result.err.startswith("Error:")
    assert snapshot(db_path) == before


def test_invalid_today_is_an_error(two: Net, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("NETJOURNAL_TODAY", "27/11/2026")
    result = two("log", "anna", "coffee")
    assert result.code == 1 and "NETJOURNAL_TODAY" in result.err


def test_help_both_ways_ties_and_referrals_show_up(two: Net) -> None:
    assert two("gave", "anna", "helped her move", "--on", "2026-01-10").code == 0
    assert (
        two(
            "got", "anna", "reviewed my contract", "--skill", "contracts", "--on", "2026-05-02"
        ).code
        == 0
    )
    assert two("knows", "marco", "anna", "--note", "colleagues").code == 0
    assert two("knows", "anna", "marco").code == 0  # again: no double tie
    assert (
        two("refer", "marco", "--to", "anna", "--for", "divorce lawyer", "--on", "2026-06-10").code
        == 0
    )
    p = two("show", "anna", "--json").json()
    assert p["help"] == [
        {
            "id": "h-2",
            "person": "anna-rossi",
            "direction": "got",
            "date": "2026-05-02",
            "what": "reviewed my contract",
            "skill": "contracts",
        },
        {
            "id": "h-1",
            "person": "anna-rossi",
            "direction": "gave",
            "date": "2026-01-10",
            "what": "helped her move",
            "skill": None,
        },
    ]
    assert p["ties"] == [
        {"id": "t-1", "a": "anna-rossi", "b": "marco-bianchi", "note": "colleagues"}
    ]
    assert p["referrals"] == [
        {
            "id": "r-1",
            "person": "marco-bianchi",
            "to": "anna-rossi",
            "need": "divorce lawyer",
            "date": "2026-06-10",
        }
    ]


def test_event_errors_change_nothing(two: Net, db_path: Path) -> None:
    before = snapshot(db_path)
    for args in [
        ("knows", "anna", "anna"),
        ("knows", "anna", "nobody"),
        ("refer", "anna", "--to", "anna", "--for", "x"),
        ("refer", "anna", "--to", "marco", "--for", "  "),
        ("log", "anna", ""),
        ("gave", "anna", "\x00"),
        ("got", "nobody", "x"),
    ]:
        result = two(*args)
        assert result.code == 1, args
        assert result.err.startswith("Error:"), args
    assert snapshot(db_path) == before


def test_show_human_profile(two: Net) -> None:
    two("log", "anna", "talked about her new firm", "--on", "2026-10-02", "--kind", "coffee")
    two("got", "anna", "reviewed my rental contract", "--on", "2026-05-02")
    out = two("show", "anna").out
    assert "Anna Rossi (anna-rossi)" in out
    assert "2026-10-02  coffee: talked about her new firm" in out
    assert "Help: you gave 0, you got 1" in out


def test_an_ambiguous_slashed_date_is_refused(two: Net) -> None:
    result = two("log", "anna", "coffee", "--on", "02/10/2026")
    assert result.code == 1 and "YYYY-MM-DD" in result.err
    assert two("log", "anna", "coffee", "--on", "25/10/2026").code == 0
