"""net merge A B: two records of one person become one, undoable, with a dry run."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from conftest import Net, snapshot


def _without_log(rows: list[tuple[str, list[tuple[object, ...]]]]) -> list[object]:
    return [(t, r) for t, r in rows if not t.startswith("undo_")]


@pytest.fixture
def twins(net: Net) -> Net:
    """Anna Rossi twice (anna-rossi, anna-rossi-2), Marco and Sofia around them."""
    net("add", "Anna Rossi", "--skill", "family law", "--tag", "university", "--city", "Milano",
        "--email", "anna@example.org", "--on", "2026-05-01")  # fmt: skip
    net("add", "Anna Rossi", "--skill", "contracts", "--skill", "Family Law", "--tag", "work",
        "--alias", "Annie", "--city", "Roma", "--email", "a.rossi@example.org",
        "--org", "Studio Rossi", "--note", "met again at the bar", "--on", "2026-03-01",
        "--every", "30")  # fmt: skip
    net("add", "Marco Bianchi")
    net("add", "Sofia Conti", "--via", "anna-rossi-2")
    net("log", "anna-rossi", "coffee", "--on", "2026-10-01")
    net("log", "anna-rossi-2", "lunch in Roma", "--on", "2026-11-20")
    net("got", "anna-rossi-2", "reviewed my lease", "--skill", "contracts")
    net("knows", "anna-rossi", "anna-rossi-2")
    net("knows", "anna-rossi-2", "marco", "--note", "colleagues")
    net("knows", "anna-rossi", "marco")
    net("refer", "marco", "--to", "anna-rossi-2", "--for", "divorce lawyer")
    net("refer", "anna-rossi", "--to", "anna-rossi-2", "--for", "a notary")
    net("need", "a notary", "--for", "anna-rossi-2")
    return net


def _show(net: Net, who: str) -> dict[str, Any]:
    shown = net("show", who, "--json").json()
    assert isinstance(shown, dict)
    return shown


def test_merge_moves_everything_to_the_first_and_keeps_the_second_key_as_an_alias(
    twins: Net,
) -> None:
    result = twins("merge", "anna-rossi", "anna-rossi-2")
    assert result.code == 0, result.err
    assert result.out == ""
    assert result.err.splitlines() == [
        "Merged Anna Rossi (anna-rossi-2) into Anna Rossi (anna-rossi).",
        "  moved: 1 contact, 1 help record, 1 tie, 1 referral, 1 need",
        "  aliases added: anna-rossi-2, Annie",
        "  skills added: contracts",
        "  tags added: work",
        "  organisation: Studio Rossi (from Anna Rossi (anna-rossi-2))",
        "  city: Milano kept; Roma goes to the notes",
        "  e-mail: anna@example.org stays first; a.rossi@example.org is kept after it",
        "  notes: the notes of Anna Rossi (anna-rossi-2) added",
        "  cadence: every 30 days, the more frequent",
        "  in the journal since 2026-03-01, when Anna Rossi (anna-rossi-2) was added",
        "  dropped: the tie between Anna Rossi and Anna Rossi (t-1)",
        "  dropped: the referral between Anna Rossi and Anna Rossi for 'a notary' (r-2)",
        "'anna-rossi-2' now finds Anna Rossi; 'net undo' takes the merge back.",
    ]
    anna = _show(twins, "anna-rossi-2")  # the old key finds the merged person
    assert anna["key"] == "anna-rossi"
    assert anna["aliases"] == ["anna-rossi-2", "Annie"]
    assert anna["skills"] == ["family law", "contracts"]
    assert anna["tags"] == ["university", "work"]
    assert anna["emails"] == ["anna@example.org", "a.rossi@example.org"]
    assert (anna["city"], anna["org"], anna["cadence_days"], anna["added"]) == (
        "Milano",
        "Studio Rossi",
        30,
        "2026-03-01",
    )
    assert (
        anna["notes"] == "met again at the bar\n\nMerged from Anna Rossi (anna-rossi-2): city Roma."
    )
    assert [i["id"] for i in anna["interactions"]] == ["i-2", "i-1"]  # ids do not move
    assert [h["what"] for h in anna["help"]] == ["reviewed my lease"]
    assert [(t["a"], t["b"], t["note"]) for t in anna["ties"]] == [
        ("anna-rossi", "marco-bianchi", "colleagues")
    ]
    assert [(r["person"], r["to"]) for r in anna["referrals"]] == [("marco-bianchi", "anna-rossi")]
    assert _show(twins, "sofia")["via"] == "anna-rossi"
    needs = twins("needs", "--json").json()
    assert isinstance(needs, dict)
    assert [n["for"] for n in needs["needs"]] == ["anna-rossi"]
    listed = twins("list", "--json").json()
    assert isinstance(listed, dict)
    assert [p["key"] for p in listed["people"]] == ["anna-rossi", "marco-bianchi", "sofia-conti"]
    assert twins("stale", "--json").code == 0


def test_undo_reverts_the_whole_merge(twins: Net, db_path: Path) -> None:
    before = twins("export").out
    rows = snapshot(db_path)
    assert twins("merge", "anna-rossi", "anna-rossi-2").code == 0
    undone = twins("undo")
    assert undone.code == 0
    assert undone.err.startswith("Undid net merge anna-rossi anna-rossi-2 (")
    assert twins("export").out == before
    assert _without_log(snapshot(db_path)) == _without_log(rows)
    assert twins("ask", "someone for contracts", "--json").code == 0


def test_dry_run_says_what_would_happen_and_changes_nothing(twins: Net, db_path: Path) -> None:
    rows = snapshot(db_path)
    result = twins("merge", "anna-rossi", "anna-rossi-2", "--dry-run")
    assert result.code == 0
    lines = result.out.splitlines()
    assert lines[0] == "Would merge Anna Rossi (anna-rossi-2) into Anna Rossi (anna-rossi):"
    assert lines[-1] == "Nothing changed (--dry-run)."
    assert lines[1] == "  moves: 1 contact, 1 help record, 1 tie, 1 referral, 1 need"
    assert "net undo" not in result.out
    assert snapshot(db_path) == rows
    as_json = twins("merge", "anna-rossi", "anna-rossi-2", "--dry-run", "--json").json()
    assert isinstance(as_json, dict)
    assert as_json["dry_run"] is True
    assert as_json["kept"] == "anna-rossi" and as_json["merged"] == "anna-rossi-2"
    assert as_json["moved"] == {"contacts": 1, "help": 1, "ties": 1, "referrals": 1, "needs": 1}
    assert snapshot(db_path) == rows


def test_a_person_cannot_be_merged_with_themself(twins: Net, db_path: Path) -> None:
    rows = snapshot(db_path)
    result = twins("merge", "marco", "Marco Bianchi")
    assert result.code == 1
    assert result.err.splitlines() == [
        "Error: 'marco' and 'Marco Bianchi' are both Marco Bianchi (marco-bianchi): a person "
        "cannot be merged with themself",
        "Hint: name two different people: net merge KEEP OTHER",
    ]
    assert snapshot(db_path) == rows


def test_merging_an_unknown_or_ambiguous_person_is_an_error(twins: Net, db_path: Path) -> None:
    rows = snapshot(db_path)
    unknown = twins("merge", "marco", "nobody-here")
    assert unknown.code == 1
    assert unknown.err.startswith("Error: nobody in the journal matches 'nobody-here'")
    ambiguous = twins("merge", "marco", "Anna")
    assert ambiguous.code == 1
    assert "matches several people" in ambiguous.err
    assert twins("merge", "marco").code == 2
    assert snapshot(db_path) == rows


def test_a_tie_both_had_with_someone_stays_one_tie(twins: Net) -> None:
    twins("merge", "anna-rossi-2", "anna-rossi")  # the other way round this time
    anna = _show(twins, "anna-rossi")
    assert anna["key"] == "anna-rossi-2"
    assert [(t["b"], t["note"]) for t in anna["ties"]] == [("marco-bianchi", "colleagues")]
    assert anna["city"] == "Roma"
    assert anna["aliases"] == ["Annie", "anna-rossi"]


def test_a_need_met_by_the_merged_person_forgets_only_who_met_it(net: Net) -> None:
    net("add", "Luca Verdi")
    net("add", "Luca V")
    made = net("need", "a plumber", "--for", "luca-verdi")
    need_id = made.err.split("(")[1].split(")")[0]
    assert net("need", "done", need_id, "--by", "luca-v").code == 0
    result = net("merge", "luca-verdi", "luca-v")
    assert result.code == 0, result.err
    assert f"  dropped: who met need {need_id} (it was the same person)" in result.err.splitlines()
    needs = net("needs", "--all", "--json").json()
    assert isinstance(needs, dict)
    assert [(n["for"], n["status"], n["met_by"]) for n in needs["needs"]] == [
        ("luca-verdi", "met", None)
    ]
