"""The ids of needs (n-…) work with net forget and net fix, as every other event's."""

from __future__ import annotations

from pathlib import Path

from conftest import Net, snapshot


def _need(net: Net, *args: str) -> str:
    made = net("need", *args)
    assert made.code == 0, made.err
    needs = net("needs", "--all", "--json").json()
    assert isinstance(needs, dict)
    return str(needs["needs"][-1]["id"])


def test_forget_a_need_and_undo_brings_it_back(net: Net, db_path: Path) -> None:
    net("add", "Anna Rossi")
    need_id = _need(net, "a notary", "--for", "anna")
    rows = snapshot(db_path)
    result = net("forget", need_id.upper())  # any case, as net need done takes it
    assert result.code == 0, result.err
    assert result.err == (
        f"Forgot the need for Anna Rossi on 2026-11-27 ({need_id}). ('net undo' brings it back.)\n"
    )
    needs = net("needs", "--all", "--json").json()
    assert isinstance(needs, dict) and needs["needs"] == []
    assert net("undo").err == f"Undid net forget {need_id.upper()} (restored 1 need).\n"
    kept = ("undo_", "need_match")  # the log, and matches made again when asked
    assert [t for t in snapshot(db_path) if not t[0].startswith(kept)] == [
        t for t in rows if not t[0].startswith(kept)
    ]


def test_fix_a_need_s_text_and_date(net: Net) -> None:
    need_id = _need(net, "a plumber")
    result = net("fix", need_id, "--text", "a plumber for the boiler", "--on", "2026-11-20")
    assert result.code == 0, result.err
    assert result.err == f"Fixed your need on 2026-11-20 ({need_id}).\n"
    needs = net("needs", "--json").json()
    assert isinstance(needs, dict)
    assert (needs["needs"][0]["need"], needs["needs"][0]["date"]) == (
        "a plumber for the boiler",
        "2026-11-20",
    )
    refused = net("fix", need_id, "--kind", "call")
    assert refused.code == 1
    assert refused.err.splitlines() == [
        "Error: a need has no kind to fix",
        "Hint: for a need you can fix --on, --text",
    ]


def test_an_unknown_need_id_is_an_error(net: Net) -> None:
    result = net("forget", "n-zzzz")
    assert result.code == 1
    assert result.err.splitlines() == [
        "Error: no event has the id n-zzzz",
        "Hint: 'net show PERSON' lists events with their ids, 'net needs --all' the needs",
    ]
    assert net("fix", "n-", "--text", "x").err.startswith("Error: 'n-' is not an event id")
