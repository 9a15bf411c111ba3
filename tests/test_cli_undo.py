"""Event ids, net forget, net fix and net undo: mistakes can be undone."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from conftest import Net, snapshot


@pytest.fixture
def two(net: Net) -> Net:
    net("add", "Kenji Tanaka", "--skill", "translation")
    net("add", "Sofia Conti")
    return net


def _ids(net: Net, who: str) -> dict[str, list[str]]:
    shown = net("show", who, "--json").json()
    assert isinstance(shown, dict)
    return {k: [e["id"] for e in shown[k]] for k in ("interactions", "help", "ties", "referrals")}


def test_every_event_has_a_short_stable_id_in_show_and_json(two: Net) -> None:
    two("log", "kenji", "had lunch", "--on", "2026-11-20")
    two("gave", "kenji", "reviewed his CV")
    two("knows", "kenji", "sofia")
    two("refer", "kenji", "--to", "sofia", "--for", "a lawyer")
    ids = _ids(two, "kenji")
    assert ids == {
        "interactions": ["i-1"],
        "help": ["h-1"],
        "ties": ["t-1"],
        "referrals": ["r-1"],
    }
    first = two("show", "kenji", "--json").json()
    assert isinstance(first, dict)
    assert list(first["interactions"][0]) == ["id", "person", "date", "kind", "note"]
    two("log", "kenji", "a call")
    assert _ids(two, "kenji")["interactions"] == ["i-2", "i-1"]  # the old id did not move
    shown = two("show", "kenji").out
    assert "i-1" in shown and "i-2" in shown and "h-1" in shown and "t-1" in shown


def test_forget_removes_one_event_and_undo_brings_it_back(two: Net, db_path: Path) -> None:
    two("log", "kenji", "had lunch")
    before = snapshot(db_path)
    result = two("forget", "i-1")
    assert result.code == 0
    assert result.err == (
        "Forgot the contact with Kenji Tanaka on 2026-11-27 (i-1). ('net undo' brings it back.)\n"
    )
    assert _ids(two, "kenji")["interactions"] == []
    undone = two("undo")
    assert undone.err == "Undid net forget i-1 (restored 1 contact).\n"
    assert _without_log(snapshot(db_path)) == _without_log(before)


@pytest.mark.parametrize("bad", ["x-1", "12", "i-", "kenji"])
def test_an_id_that_is_no_event_id_is_refused(two: Net, bad: str) -> None:
    result = two("forget", bad)
    assert result.code == 1 and result.err.startswith(f"Error: '{bad}' is not an event id")


def test_an_unknown_event_is_not_found(two: Net, db_path: Path) -> None:
    before = snapshot(db_path)
    result = two("forget", "h-99")
    assert result.code == 1
    assert result.err.startswith("Error: no event has the id h-99\n")
    assert snapshot(db_path) == before


def test_fix_changes_date_text_kind_and_skill(two: Net) -> None:
    two("log", "kenji", "lunch", "--kind", "meal")
    two("got", "kenji", "translated a letter")
    assert two("fix", "i-1", "--on", "yesterday", "--text", "dinner", "--kind", "dinner").code == 0
    assert two("fix", "h-1", "--skill", "japanese").code == 0
    shown = two("show", "kenji", "--json").json()
    assert isinstance(shown, dict)
    assert shown["interactions"] == [
        {
            "id": "i-1",
            "person": "kenji-tanaka",
            "date": "2026-11-26",
            "kind": "dinner",
            "note": "dinner",
        }
    ]
    assert shown["help"][0]["skill"] == "japanese"


def test_fix_refuses_what_an_event_does_not_have(two: Net) -> None:
    two("knows", "kenji", "sofia")
    result = two("fix", "t-1", "--on", "yesterday")
    assert result.code == 1
    assert result.err == "Error: a tie has no date to fix\nHint: for a tie you can fix --text\n"
    nothing = two("fix", "t-1")
    assert nothing.code == 1 and nothing.err.startswith("Error: nothing to fix\n")
    future = two("fix", "t-1", "--text", "x", "--on", "tomorrow")
    assert future.code == 1


def test_undo_reverts_the_last_write_then_the_one_before(two: Net, db_path: Path) -> None:
    after_adds = snapshot(db_path)
    two("log", "kenji", "had lunch")
    after_log = snapshot(db_path)
    two("gave", "sofia", "helped her move", "--skill", "moving")
    first = two("undo")
    assert first.code == 0
    assert (
        first.err
        == "Undid net gave sofia 'helped her move' --skill moving (removed 1 help record).\n"
    )
    assert _without_log(snapshot(db_path)) == _without_log(after_log)
    second = two("undo")
    assert second.err == "Undid net log kenji 'had lunch' (removed 1 contact).\n"
    assert _without_log(snapshot(db_path)) == _without_log(after_adds)
    two("undo")
    two("undo")
    last = two("undo")
    assert last.code == 0 and last.err == "Nothing left to undo.\n"
    assert two("list", "--json").json() == {"people": []}


def test_undo_of_a_removal_brings_back_the_person_with_events_and_index(
    two: Net, db_path: Path
) -> None:
    two("log", "kenji", "had lunch")
    two("got", "kenji", "translated my contract", "--skill", "translation")
    two("knows", "kenji", "sofia")
    before = snapshot(db_path)
    asked = two("ask", "need a translator", "--json").json()
    assert two("rm", "kenji", "--yes").code == 0
    assert two("undo").code == 0
    assert snapshot(db_path) == before
    assert two("ask", "need a translator", "--json").json() == asked


def test_undo_reverts_an_edit_and_an_import(two: Net, db_path: Path, tmp_path: Path) -> None:
    before = snapshot(db_path)
    two("edit", "kenji", "--city", "Osaka", "--add-tag", "work", "--rm-skill", "translation")
    two("undo")
    assert snapshot(db_path) == before
    doc = tmp_path / "people.json"
    doc.write_text(
        '{"format": "netjournal", "version": 1, "people": [{"name": "Luca Verdi"}],'
        ' "interactions": [{"person": "kenji-tanaka", "date": "2026-01-02", "note": "x"}]}'
    )
    assert two("import", str(doc)).code == 0
    undone = two("undo")
    assert "Undid net import" in undone.err and "removed 1 person" in undone.err
    assert snapshot(db_path) == before


def test_a_failed_command_leaves_nothing_to_undo(two: Net) -> None:
    assert two("log", "nobody-here", "lunch").code == 1
    assert two("undo").err == "Undid net add 'Sofia Conti' (removed 1 person).\n"


def test_writes_outside_a_command_are_not_recorded(two: Net, db_path: Path) -> None:
    conn = sqlite3.connect(db_path)
    with conn:
        conn.execute("UPDATE person SET city = 'Kyoto' WHERE key = 'kenji-tanaka'")
    conn.close()
    assert two("undo").err == "Undid net add 'Sofia Conti' (removed 1 person).\n"
    shown = two("show", "kenji", "--json").json()
    assert isinstance(shown, dict) and shown["city"] == "Kyoto"


def test_a_table_added_later_is_recorded_without_anyone_remembering(tmp_path: Path) -> None:
    from netjournal.store import open_journal

    journal = open_journal(tmp_path / "j.db")
    conn = journal.conn
    with journal.write() as c:
        c.execute("INSERT INTO setting (name, value) VALUES ('x', '1')")
    conn.execute("CREATE TABLE gift (id INTEGER PRIMARY KEY, person_id INTEGER, what TEXT)")
    with journal.write() as c:
        c.execute("INSERT INTO gift (person_id, what) VALUES (NULL, 'a book')")
    from netjournal.services.undo import undo_last

    done = undo_last(journal)
    assert done is not None and done.changes == [("removed", "gift", 1), ("removed", "setting", 1)]
    assert conn.execute("SELECT count(*) FROM gift").fetchone()[0] == 0
    journal.close()


def _without_log(rows: list[tuple[str, list[tuple[object, ...]]]]) -> list[object]:
    return [(t, r) for t, r in rows if not t.startswith("undo_")]


def test_the_journal_file_holds_no_triggers_of_the_undo_log(two: Net, db_path: Path) -> None:
    two("log", "kenji", "had lunch")
    conn = sqlite3.connect(db_path)
    names = [r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'trigger'")]
    conn.close()
    assert names and not [n for n in names if n.startswith("undo")]
