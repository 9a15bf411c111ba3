"""net need / needs / need done / need drop / refer --need, through the real entry point."""

from __future__ import annotations

import sqlite3
from pathlib import Path
from typing import Any

import pytest

from conftest import Net, snapshot

NEED_KEYS = {"id", "for", "need", "date", "status", "closed", "met_by", "matches"}


@pytest.fixture
def people(net: Net) -> Net:
    net("add", "Anna Rossi", "--skill", "family law", "--title", "Avvocato")
    net("add", "Marco Bianchi", "--skill", "python")
    net("add", "Luca Verdi", "--skill", "avvocato", "--via", "marco")
    net("add", "Sara Neri", "--skill", "idraulico")
    net("add", "Paolo Galli", "--tag", "university")
    net("knows", "sara", "anna")
    net("got", "anna", "reviewed my rental contract", "--on", "2026-05-02")
    return net


def needs(net: Net, *args: str) -> list[dict[str, Any]]:
    result = net("needs", "--json", *args)
    assert result.code == 0, result.err
    doc = result.json()
    assert isinstance(doc, dict) and set(doc) == {"today", "needs"}
    assert doc["today"] == "2026-11-27"
    found: list[dict[str, Any]] = doc["needs"]
    return found


def record(net: Net, *args: str) -> str:
    """Record a need; returns its id (the one need whose id appeared)."""
    before = {n["id"] for n in needs(net, "--all")}
    result = net("need", *args)
    assert result.code == 0, result.err
    (new,) = {n["id"] for n in needs(net, "--all")} - before
    assert f"({new})" in result.err
    return new


def test_a_need_for_someone_has_the_contract_shape_and_matches(people: Net) -> None:
    nid = record(people, "need a lawyer", "--for", "sara", "--on", "2026-11-20")
    (need,) = needs(people)
    assert set(need) == NEED_KEYS
    assert {k: need[k] for k in NEED_KEYS - {"matches"}} == {
        "id": nid,
        "for": "sara-neri",
        "need": "need a lawyer",
        "date": "2026-11-20",
        "status": "open",
        "closed": None,
        "met_by": None,
    }
    assert len(nid) >= 6 and nid.startswith("n-")
    asked = people("ask", "need a lawyer", "--for", "sara", "--json").json()
    assert isinstance(asked, dict)
    assert need["matches"] == asked["suggestions"][:3]
    assert [m["key"] for m in need["matches"]] == ["anna-rossi", "luca-verdi"]
    assert need["matches"][1]["via"] == "marco-bianchi"


def test_a_need_for_a_person_never_suggests_that_person(people: Net) -> None:
    record(people, "a lawyer", "--for", "anna")
    (need,) = needs(people)
    assert [m["key"] for m in need["matches"]] == ["luca-verdi"]
    asked = people("ask", "a lawyer", "--for", "anna", "--json").json()
    assert isinstance(asked, dict)
    assert need["matches"] == asked["suggestions"]


def test_nobody_fits_is_an_empty_list(people: Net) -> None:
    record(people, "someone to walk my dog")
    (need,) = needs(people)
    assert need["for"] is None and need["matches"] == []
    plain = people("needs")
    assert plain.code == 0
    assert "Your need: someone to walk my dog\tnobody yet" in plain.out


def test_at_most_three_matches_best_first(net: Net) -> None:
    for name in ("Anna Rossi", "Bea Conti", "Carla Neri", "Dario Villa", "Elio Greco"):
        net("add", name, "--skill", "family law")
    net("log", "carla", "coffee", "--on", "yesterday")
    record(net, "a divorce lawyer")
    (need,) = needs(net)
    asked = net("ask", "a divorce lawyer", "--json").json()
    assert isinstance(asked, dict)
    assert len(need["matches"]) == 3
    assert need["matches"] == asked["suggestions"][:3]
    assert need["matches"][0]["key"] == "carla-neri"


def test_open_needs_come_oldest_first_then_closed_ones(people: Net) -> None:
    late = record(people, "a plumber", "--for", "paolo", "--on", "2026-11-25")
    early = record(people, "a lawyer", "--for", "paolo", "--on", "2026-10-01")
    mine = record(people, "a python teacher", "--on", "2026-11-01")
    assert people("need", "drop", early).code == 0
    assert [n["id"] for n in needs(people)] == [mine, late]
    listed = needs(people, "--all")
    assert [n["id"] for n in listed] == [mine, late, early]
    assert (listed[2]["status"], listed[2]["closed"], listed[2]["matches"]) == (
        "dropped",
        "2026-11-27",
        [],
    )


def test_refer_with_need_closes_it_as_met_by_the_person_introduced(people: Net) -> None:
    nid = record(people, "a divorce lawyer", "--for", "paolo", "--on", "2026-11-20")
    result = people("refer", "paolo", "--to", "anna", "--need", nid, "--on", "2026-11-25")
    assert result.code == 0, result.err
    assert result.err == (
        f"Recorded that you introduced Paolo Galli to Anna Rossi; need {nid} is met.\n"
    )
    assert needs(people) == []
    (met,) = needs(people, "--all")
    assert (met["status"], met["closed"], met["met_by"], met["matches"]) == (
        "met",
        "2026-11-25",
        "anna-rossi",
        [],
    )
    anna = people("show", "anna", "--json").json()
    assert isinstance(anna, dict)
    assert anna["referrals"] == [
        {
            "id": "r-1",
            "person": "paolo-galli",
            "to": "anna-rossi",
            "need": "a divorce lawyer",
            "date": "2026-11-25",
        }
    ]
    balance = people("balance", "paolo", "--json").json()
    assert isinstance(balance, dict)
    assert balance["people"] == [
        {"key": "paolo-galli", "name": "Paolo Galli", "gave": 1, "got": 0, "balance": 1}
    ]


def test_refer_with_another_persons_need_is_refused_and_changes_nothing(
    people: Net, db_path: Path
) -> None:
    nid = record(people, "a divorce lawyer", "--for", "paolo")
    before = snapshot(db_path)
    result = people("refer", "sara", "--to", "anna", "--need", nid)
    assert result.code == 1
    assert result.err.startswith(f"Error: {nid} is Paolo Galli's need")
    assert snapshot(db_path) == before
    unknown = people("refer", "paolo", "--to", "anna", "--need", "n-zzzz")
    assert unknown.code == 1 and "no need has the id 'n-zzzz'" in unknown.err
    assert snapshot(db_path) == before


def test_refer_needs_for_or_need(people: Net) -> None:
    result = people("refer", "paolo", "--to", "anna")
    assert result.code == 2 and "--for NEED, or --need ID" in result.err


def test_done_by_someone_is_an_introduction_and_help_you_gave(people: Net) -> None:
    nid = record(people, "a lawyer", "--for", "paolo", "--on", "2026-11-01")
    result = people("need", "done", nid.upper(), "--by", "luca", "--on", "2026-11-26")
    assert result.code == 0, result.err
    assert "through Luca Verdi" in result.err
    (met,) = needs(people, "--all")
    assert (met["status"], met["closed"], met["met_by"]) == ("met", "2026-11-26", "luca-verdi")
    luca = people("show", "luca", "--json").json()
    assert isinstance(luca, dict)
    assert luca["referrals"] == [
        {
            "id": "r-1",
            "person": "paolo-galli",
            "to": "luca-verdi",
            "need": "a lawyer",
            "date": "2026-11-26",
        }
    ]
    paolo = people("show", "paolo", "--json").json()
    assert isinstance(paolo, dict)
    assert [(h["direction"], h["date"]) for h in paolo["help"]] == [("gave", "2026-11-26")]


def test_your_own_need_met_by_someone_is_help_they_gave_you(people: Net) -> None:
    nid = record(people, "someone to fix my leaking sink")
    assert people("need", "done", nid, "--by", "sara").code == 0
    sara = people("show", "sara", "--json").json()
    assert isinstance(sara, dict)
    assert [(h["direction"], h["what"]) for h in sara["help"]] == [
        ("got", "someone to fix my leaking sink")
    ]
    assert sara["referrals"] == []
    owed = people("balance", "--json").json()
    assert isinstance(owed, dict)
    assert [o["key"] for o in owed["owed"]] == ["anna-rossi", "sara-neri"]  # oldest first


def test_done_without_by_and_drop(people: Net) -> None:
    met = record(people, "a lawyer", "--for", "paolo")
    dropped = record(people, "a plumber", "--for", "paolo")
    assert people("need", "done", met.removeprefix("n-")).code == 0
    assert people("need", "drop", dropped).code == 0
    statuses = {n["id"]: (n["status"], n["met_by"]) for n in needs(people, "--all")}
    assert statuses == {met: ("met", None), dropped: ("dropped", None)}
    paolo = people("show", "paolo", "--json").json()
    assert isinstance(paolo, dict)
    assert [h["what"] for h in paolo["help"]] == ["met a need: a lawyer"]


def test_closing_twice_or_before_the_need_is_refused(people: Net, db_path: Path) -> None:
    nid = record(people, "a lawyer", "--for", "paolo", "--on", "2026-11-20")
    early = people("need", "done", nid, "--on", "2026-11-19")
    assert early.code == 1 and "cannot close before" in early.err
    assert people("need", "drop", nid).code == 0
    before = snapshot(db_path)
    again = people("need", "done", nid, "--by", "anna")
    assert again.code == 1 and again.err.startswith(f"Error: {nid} is dropped already")
    assert snapshot(db_path) == before


def test_done_by_the_person_who_needs_it_is_refused(people: Net) -> None:
    nid = record(people, "a lawyer", "--for", "paolo")
    result = people("need", "done", nid, "--by", "paolo")
    assert result.code == 1 and "own need" in result.err


def test_the_same_open_need_is_not_recorded_twice(people: Net) -> None:
    first = record(people, "a lawyer", "--for", "paolo")
    again = people("need", "A  Lawyer", "--for", "paolo")
    assert again.code == 0 and f"Already open: Paolo Galli needs a lawyer ({first})" in again.err
    assert len(needs(people)) == 1


@pytest.mark.parametrize(
    ("args", "code", "text"),
    [
        (["need", "done"], 2, "needs the id of a need"),
        (["need", "drop"], 2, "needs the id of a need"),
        (["need", "done", "n-zzzz"], 1, "no need has the id 'n-zzzz'"),
        (["need", "a lawyer", "--by", "anna"], 2, "--by goes with 'net need done ID'"),
        (["need", "done", "n-zzzz", "--for", "anna"], 2, "--for is for a new need"),
        (["need", "a lawyer", "--for", "nobody-here"], 1, "nobody in the journal matches"),
        (["need", "a lawyer", "--on", "tomorrow"], 1, "Error:"),
        (["need", "   "], 1, "the need is empty"),
        (["need"], 2, "Usage: net need"),
    ],
)
def test_mistakes_are_errors_and_change_nothing(
    people: Net, db_path: Path, args: list[str], code: int, text: str
) -> None:
    before = snapshot(db_path)
    result = people(*args)
    assert result.code == code, result.err
    assert text in result.err + result.out
    assert snapshot(db_path) == before


def test_words_without_quotes_and_needs_that_start_with_done_are_needs(people: Net) -> None:
    record(people, "a", "divorce", "lawyer", "--for", "paolo")
    record(people, "drop off the kids at school")
    record(people, "done", "with", "taxes")
    assert sorted(n["need"] for n in needs(people)) == [
        "a divorce lawyer",
        "done with taxes",
        "drop off the kids at school",
    ]


def test_help_shows_both_forms(people: Net) -> None:
    shown = people("need", "--help")
    assert shown.code == 0
    assert "NEED | done ID | drop ID" in shown.out
    assert "net need done n-4kx2 --by luca" in shown.out


def test_matches_follow_changes_in_the_journal(people: Net) -> None:
    record(people, "someone to fix my boiler")
    assert needs(people)[0]["matches"] == []
    people("add", "Franco Colombo", "--skill", "boiler repair")
    assert [m["key"] for m in needs(people)[0]["matches"]] == ["franco-colombo"]
    people("log", "franco", "fixed the tap", "--on", "yesterday")
    asked = people("ask", "someone to fix my boiler", "--json").json()
    assert isinstance(asked, dict)
    assert needs(people)[0]["matches"] == asked["suggestions"]


def test_matches_are_kept_and_asked_again_on_another_day(
    people: Net, db_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    record(people, "need a lawyer", "--for", "paolo")
    first = needs(people)
    conn = sqlite3.connect(db_path)
    stamps = conn.execute("SELECT stamp FROM need_match").fetchall()
    conn.close()
    assert len(stamps) == 1 and stamps[0][0].startswith("2026-11-27|")
    assert needs(people) == first
    monkeypatch.setenv("NETJOURNAL_TODAY", "2027-03-01")
    later = people("needs", "--json").json()
    assert isinstance(later, dict)
    asked = people("ask", "need a lawyer", "--for", "paolo", "--json").json()
    assert isinstance(asked, dict)
    assert later["needs"][0]["matches"] == asked["suggestions"][:3]
    assert later["needs"][0]["matches"] != first[0]["matches"]  # warmth fades with time


def test_removing_a_person_removes_their_needs(people: Net) -> None:
    record(people, "a lawyer", "--for", "paolo")
    assert people("rm", "paolo", "--yes").code == 0
    assert needs(people, "--all") == []


def test_empty_listing_is_quiet_success(net: Net) -> None:
    result = net("needs")
    assert result.code == 0 and result.out == ""
    assert "No open needs" in result.err


def test_today_shows_needs_you_could_meet_and_is_quiet_otherwise(people: Net) -> None:
    people("got", "anna", "x", "--on", "2026-01-01")  # keep the digest about needs only
    people("gave", "anna", "y", "--on", "2026-11-01")
    quiet = people("today")
    assert (quiet.code, quiet.out) == (0, "")
    record(people, "someone to walk my dog")  # nobody fits: still quiet
    assert people("today").out == ""
    nid = record(people, "need a lawyer", "--for", "paolo", "--on", "2026-11-01")
    shown = people("today")
    assert shown.out == f"Paolo Galli: need a lawyer: Anna Rossi ({nid})\n"
    doc = people("today", "--json").json()
    assert isinstance(doc, dict)
    (need,) = doc["needs"]
    assert need == needs(people)[0]  # the oldest
    assert people("need", "drop", nid).code == 0
    assert people("today").out == ""


def test_today_shows_at_most_three_oldest_first(people: Net) -> None:
    ids = [
        record(people, "need a lawyer", "--for", who, "--on", f"2026-11-0{day}")
        for day, who in ((4, "paolo"), (3, "marco"), (2, "sara"), (1, "luca"))
    ]
    lines = people("today").out.splitlines()
    assert [line.rsplit("(", 1)[1] for line in lines[-3:]] == [f"{i})" for i in ids[::-1][:3]]


def test_stale_hints_an_open_need(people: Net) -> None:
    people("log", "paolo", "coffee", "--on", "2026-01-01")
    record(people, "a divorce lawyer", "--for", "paolo")
    listed = people("stale")
    (row,) = [line for line in listed.out.splitlines() if line.startswith("Paolo Galli")]
    assert row.endswith("\tneeds a divorce lawyer")
    assert "hint" not in people("stale", "--json").out


def test_stats_count_needs_and_how_they_ended(people: Net) -> None:
    a = record(people, "a lawyer", "--for", "paolo", "--on", "2026-11-01")
    b = record(people, "a plumber", "--on", "2026-11-10")
    record(people, "a dentist", "--for", "marco")
    dropped = record(people, "a cook", "--for", "marco")
    assert people("refer", "paolo", "--to", "anna", "--need", a, "--on", "2026-11-05").code == 0
    assert people("need", "done", b, "--by", "sara", "--on", "2026-11-20").code == 0
    assert people("need", "drop", dropped).code == 0
    doc = people("stats", "--json").json()
    assert isinstance(doc, dict)
    assert doc["needs"] == {
        "recorded": 4,
        "open": 1,
        "met": 2,
        "dropped": 1,
        "met_by_introduction": 1,
        "median_days_to_meet": 7.0,
    }
    assert "4 recorded: 1 open, 2 met" in people("stats").out


def test_export_writes_version_2_with_needs_and_settings_and_import_keeps_ids(
    people: Net, tmp_path: Path
) -> None:
    nid = record(people, "a lawyer", "--for", "paolo", "--on", "2026-11-01")
    mine = record(people, "a plumber", "--on", "2026-11-02")
    assert people("need", "done", mine, "--by", "sara", "--on", "2026-11-03").code == 0
    assert people("cadence", "family", "30").code == 0
    assert people("cadence", "--default", "60").code == 0
    exported = people("export")
    doc = exported.json()
    assert isinstance(doc, dict)
    assert doc["version"] == 2
    assert doc["settings"] == {"default_cadence_days": 60, "tag_cadences": {"family": 30}}
    assert doc["needs"] == [
        {
            "id": nid,
            "for": "paolo-galli",
            "need": "a lawyer",
            "date": "2026-11-01",
            "status": "open",
            "closed": None,
            "met_by": None,
        },
        {
            "id": mine,
            "for": None,
            "need": "a plumber",
            "date": "2026-11-02",
            "status": "met",
            "closed": "2026-11-03",
            "met_by": "sara-neri",
        },
    ]
    other = tmp_path / "other.db"
    source = tmp_path / "export.json"
    source.write_text(exported.out, encoding="utf-8")
    assert people("--db", str(other), "import", str(source)).code == 0
    assert people("--db", str(other), "export").out == exported.out
    again = people("--db", str(other), "need", "done", nid, "--by", "anna")
    assert again.code == 0, again.err


def test_import_refuses_bad_needs_and_writes_nothing(
    people: Net, db_path: Path, tmp_path: Path
) -> None:
    import json

    bad = {
        "format": "netjournal",
        "version": 2,
        "needs": [
            {"need": "a lawyer", "date": "2026-11-01", "for": "nobody"},
            {"need": "a cook", "date": "2026-11-01", "status": "met"},
            {"need": "x", "date": "2027-01-01"},
            {"id": "N 1", "need": "y", "date": "2026-01-01"},
        ],
    }
    source = tmp_path / "bad.json"
    source.write_text(json.dumps(bad), encoding="utf-8")
    before = snapshot(db_path)
    result = people("import", str(source))
    assert result.code == 1, result.err
    assert "needs[1]" in result.err and "needs[3].id" in result.err
    assert snapshot(db_path) == before
    bad["needs"] = bad["needs"][:1] + bad["needs"][2:3]
    source.write_text(json.dumps(bad), encoding="utf-8")
    result = people("import", str(source))
    assert result.code == 1
    assert "needs[0].for: unknown key 'nobody'" in result.err
    assert "needs[1].date: 2027-01-01 is in the future" in result.err
    assert snapshot(db_path) == before


def test_a_need_in_the_notes_is_offered_never_recorded(people: Net) -> None:
    people("edit", "paolo", "--note", "back from Berlin; is looking for a flat in Torino, soon")
    people("log", "paolo", "coffee: ha bisogno di un commercialista")
    shown = people("show", "paolo")
    assert "  net need 'a flat in Torino' --for paolo-galli\n" in shown.out
    assert "  net need 'un commercialista' --for paolo-galli\n" in shown.out
    assert needs(people, "--all") == []  # offered only
    record(people, "a flat in Torino", "--for", "paolo")
    again = people("show", "paolo").out
    assert "'a flat in Torino'" not in again and "'un commercialista'" in again
    shown_json = people("show", "paolo", "--json")
    assert "net need" not in shown_json.out
