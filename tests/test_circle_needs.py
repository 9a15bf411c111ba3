"""Needs in a circle, end to end through ``net`` and a real PostgreSQL server.

The club of ``test_circle_e2e``: Anna (organiser) knows a plumber, Giulia a
family lawyer and a plumber, Marco an accountant and a gardener.  Members post
needs; every other member sees those their own journal could meet, answered
by the engine of ``net ask`` from their own journal only.
"""

# ruff: noqa: F811  (the club fixture of test_circle_e2e, imported, is each test's argument)
from __future__ import annotations

import re
import sqlite3

import psycopg

from conftest import Net, snapshot
from test_circle_e2e import Club, club  # noqa: F401


def _circle_needs(club: Club, who: str) -> list[dict[str, object]]:
    result = club.run(who, "needs", "--json")
    assert result.code == 0, result.err
    document = result.json()
    assert isinstance(document, dict)
    found = document["circle_needs"]
    assert isinstance(found, list)
    return found


def _summary(club: Club, who: str) -> list[tuple[object, ...]]:
    return [
        (n["posted_by"], n["need"], n["for_name"], [m["key"] for m in n["matches"]])  # type: ignore[index, union-attr]
        for n in _circle_needs(club, who)
    ]


def _need_id(text: str) -> str:
    found = re.search(r"\((n-[0-9a-z]+)\)", text)
    assert found, text
    return found.group(1)


def _server_needs(club: Club) -> list[tuple[object, ...]]:
    with psycopg.connect(
        club.server.conninfo(dbname=club.db), password=club.server.password
    ) as conn:
        rows = conn.execute(
            "SELECT owner, need, posted::text, for_name, status FROM circle_club.need ORDER BY 1, 2"
        ).fetchall()
        return [tuple(r) for r in rows]


def test_a_posted_need_reaches_the_members_who_could_help(club: Club) -> None:
    posted = club.run("marco", "need", "a plumber for my sink", "--circle", "club")
    assert posted.code == 0, posted.err
    assert "The need is posted to the circle club." in posted.err
    assert _server_needs(club) == [
        ("marco.club", "a plumber for my sink", "2026-11-27", None, "open")
    ]
    # Each member answers from their own journal, with the member who posted it.
    assert _summary(club, "anna") == [("marco", "a plumber for my sink", None, ["bruno-gialli"])]
    assert _summary(club, "giulia") == [("marco", "a plumber for my sink", None, ["paola-neri"])]
    found = _circle_needs(club, "anna")[0]
    assert found["circle"] == "club" and found["posted_by_name"] == "Marco Bianchi"
    assert found["id"] == _need_id(posted.err)
    # Marco's own need is his journal's, not listed again from the circle.
    assert _circle_needs(club, "marco") == []
    marco = club.run("marco", "needs", "--json").json()
    assert [n["need"] for n in marco["needs"]] == ["a plumber for my sink"]  # type: ignore[index]

    human = club.run("anna", "needs")
    assert human.code == 0
    assert "Marco Bianchi needs a plumber for my sink" in human.out
    assert "Bruno Gialli (bruno-gialli)" in human.out
    today = club.run("anna", "today")
    assert today.code == 0, today.err
    assert (
        "In club, Marco Bianchi needs a plumber for my sink: Bruno Gialli could help "
        "(tell Marco Bianchi)" in today.out
    )
    digest = club.run("anna", "today", "--json").json()
    assert [n["posted_by"] for n in digest["circle_needs"]] == ["marco"]  # type: ignore[index]


def test_nobody_is_offered_when_nobody_fits(club: Club) -> None:
    assert club.run("marco", "need", "cerco un commercialista", "--circle", "club").code == 0
    assert club.run("giulia", "need", "xyzzy frobnication", "--circle", "club").code == 0
    assert _circle_needs(club, "anna") == []
    assert _circle_needs(club, "giulia") == []  # Marco's accountant is in Marco's journal only
    assert club.run("anna", "today", "--json").json()["circle_needs"] == []  # type: ignore[index]


def test_the_person_who_needs_it_is_never_suggested(club: Club) -> None:
    # Anna knows Paolo, a family lawyer himself, and Carla, a divorce lawyer.
    assert club.run("anna", "add", "Paolo Blu", "--skill", "family law").code == 0
    assert club.run("anna", "add", "Carla Rosa", "--skill", "family law").code == 0
    assert club.run("giulia", "add", "Paolo Blu").code == 0
    posted = club.run("giulia", "need", "a family lawyer", "--for", "Paolo Blu", "--circle", "club")
    assert posted.code == 0, posted.err
    assert _server_needs(club) == [
        ("giulia.club", "a family lawyer", "2026-11-27", "Paolo Blu", "open")
    ]
    assert _summary(club, "anna") == [("giulia", "a family lawyer", "Paolo Blu", ["carla-rosa"])]
    # A member's own need: Giulia herself is never offered to Giulia.
    assert club.run("anna", "add", "Giulia Neri", "--skill", "plumbing").code == 0
    assert club.run("giulia", "need", "a plumber", "--circle", "club").code == 0
    plumbers = [s for s in _summary(club, "anna") if s[1] == "a plumber"]
    assert plumbers == [("giulia", "a plumber", None, ["bruno-gialli"])]
    human = club.run("anna", "needs").out
    assert "Paolo Blu needs a family lawyer (posted by Giulia Neri)" in human


def test_met_dropped_and_unposted_needs_are_withdrawn(club: Club) -> None:
    first = club.run("marco", "need", "a plumber", "--circle", "club")
    second = club.run("marco", "need", "someone to fix my leaking sink", "--circle", "club")
    third = club.run("marco", "need", "a family lawyer", "--circle", "club")
    ids = [_need_id(r.err) for r in (first, second, third)]
    assert len(_server_needs(club)) == 3
    done = club.run("marco", "need", "done", ids[0])
    assert done.code == 0, done.err
    assert f"{ids[0]}" in done.err and "The need is withdrawn from the circle club." in done.err
    dropped = club.run("marco", "need", "drop", ids[1])
    assert dropped.code == 0 and "withdrawn from the circle club" in dropped.err
    assert [r[1] for r in _server_needs(club)] == ["a family lawyer"]
    unposted = club.run("marco", "circle", "unshare", "--need", ids[2])
    assert unposted.code == 0, unposted.err
    assert f"{ids[2]} is withdrawn from the circle club." in unposted.err
    assert _server_needs(club) == []
    assert _circle_needs(club, "giulia") == []
    # Posted again with share --need; a closed need cannot be.
    again = club.run("marco", "circle", "share", "--need", ids[2])
    assert again.code == 0 and f"{ids[2]} is posted to the circle club." in again.err
    assert [r[1] for r in _server_needs(club)] == ["a family lawyer"]
    closed = club.run("marco", "circle", "share", "--need", ids[0])
    assert closed.code == 1 and closed.err.startswith(f"Error: {ids[0]} is met already")
    # A local need stays local: 'net need' without --circle posts nothing.
    assert club.run("marco", "need", "a gardener").code == 0
    assert [r[1] for r in _server_needs(club)] == ["a family lawyer"]


def _set_conninfo(club: Club, who: str, conninfo: str) -> str:
    """Point a member's journal at other connection settings; the settings it had."""
    conn = sqlite3.connect(club.journals[who])
    (before,) = conn.execute("SELECT conninfo FROM circle").fetchone()
    conn.execute("UPDATE circle SET conninfo = ?", (conninfo,))
    conn.commit()
    conn.close()
    return str(before)


DOWN = "host=/nonexistent port=1 user=x dbname=y"


def test_sync_publishes_needs_idempotently(club: Club) -> None:
    settings = _set_conninfo(club, "marco", DOWN)
    offline = club.run("marco", "need", "a plumber", "--circle", "club")
    assert offline.code == 0, offline.err
    assert "Recorded: Your need: a plumber" in offline.err
    assert "is not posted to the circle club yet: cannot reach the circle 'club'" in offline.err
    assert "net circle sync --circle club" in offline.err
    assert _server_needs(club) == []
    # Back online: the sync posts it, and a second sync changes nothing.
    _set_conninfo(club, "marco", settings)
    first = club.run("marco", "circle", "sync", "--json").json()
    assert isinstance(first, dict)
    assert (first["needs_posted"], first["needs_withdrawn"]) == (1, 0)
    before = _server_needs(club)
    second = club.run("marco", "circle", "sync", "--json").json()
    assert isinstance(second, dict)
    assert (second["needs_posted"], second["needs_withdrawn"]) == (0, 0)
    assert (
        _server_needs(club) == before == [("marco.club", "a plumber", "2026-11-27", None, "open")]
    )
    # Leaving withdraws the needs too.
    assert club.run("marco", "circle", "leave", "club", "--yes").code == 0
    assert _server_needs(club) == []


def test_local_commands_work_when_the_circle_is_down(club: Club) -> None:
    assert club.run("marco", "need", "a plumber", "--circle", "club").code == 0
    assert club.run("anna", "need", "a plumber", "--for", "Bruno Gialli").code == 0
    _set_conninfo(club, "anna", DOWN)
    before = snapshot(club.journals["anna"])
    listed = club.run("anna", "needs", "--json")
    assert listed.code == 0, listed.err
    document = listed.json()
    assert isinstance(document, dict)
    assert [n["need"] for n in document["needs"]] == ["a plumber"]
    assert document["circle_needs"] == []
    assert "Note: cannot reach the circle 'club'" in listed.err
    assert "its needs are left out" in listed.err and "Traceback" not in listed.err
    human = club.run("anna", "needs")
    assert human.code == 0 and "Bruno Gialli needs a plumber" in human.out
    today = club.run("anna", "today")
    assert today.code == 0 and "Note: cannot reach the circle 'club'" in today.err
    assert snapshot(club.journals["anna"]) == before


def test_an_unknown_circle_records_nothing(club: Club) -> None:
    before = snapshot(club.journals["anna"])
    refused = club.run("anna", "need", "a plumber", "--circle", "nope")
    assert refused.code == 1
    assert refused.err.startswith("Error: no circle named 'nope' in this journal")
    assert snapshot(club.journals["anna"]) == before


def test_journals_without_circles_list_needs_as_before(net: Net) -> None:
    run = net
    assert run("add", "Bruno Gialli", "--skill", "plumber").code == 0
    assert run("need", "a plumber").code == 0
    document = run("needs", "--json").json()
    assert isinstance(document, dict) and set(document) == {"today", "needs"}
    assert set(run("today", "--json").json()) == {  # type: ignore[arg-type]
        "today",
        "stale",
        "owed",
        "birthdays",
        "needs",
    }


def test_an_older_circle_is_upgraded_by_its_organiser(club: Club) -> None:
    with psycopg.connect(
        club.server.conninfo(dbname=club.db), password=club.server.password, autocommit=True
    ) as conn:
        # The circle as the first version made it.
        conn.execute("ALTER TABLE circle_club.need DROP COLUMN for_name")
        conn.execute("DROP INDEX circle_club.person_concept_cover")
        conn.execute(
            "CREATE INDEX person_concept_concept ON circle_club.person_concept (concept_id)"
        )
        conn.execute("DROP INDEX circle_club.person_term_cover")
        conn.execute("CREATE INDEX person_term_term ON circle_club.person_term (term)")
        conn.execute("DELETE FROM circle_club.schema_version WHERE version > 1")
    older = club.run("marco", "need", "a plumber", "--circle", "club")
    assert older.code == 0
    assert "cannot take needs yet" in older.err and "net circle upgrade" in older.err
    assert _circle_needs(club, "anna") == []
    upgraded = club.run("anna", "circle", "upgrade")
    assert upgraded.code == 0 and "The circle club is at version 3." in upgraded.err
    synced = club.run("marco", "circle", "sync", "--json").json()
    assert isinstance(synced, dict) and synced["needs_posted"] == 1
    assert _summary(club, "anna") == [("marco", "a plumber", None, ["bruno-gialli"])]


def _kept(club: Club, who: str) -> list[tuple[object, ...]]:
    conn = sqlite3.connect(club.journals[who])
    rows = conn.execute(
        "SELECT circle, member, ref, question FROM circle_need_match ORDER BY ref"
    ).fetchall()
    conn.close()
    return rows


def test_answers_to_circle_needs_are_kept_until_the_journal_changes(club: Club) -> None:
    posted = club.run("marco", "need", "a plumber", "--circle", "club")
    nid = _need_id(posted.err)
    assert _summary(club, "anna") == [("marco", "a plumber", None, ["bruno-gialli"])]
    assert _kept(club, "anna") == [("club", "marco", nid, "Marco Bianchi\na plumber")]
    conn = sqlite3.connect(club.journals["anna"])
    labels = [r[0] for r in conn.execute("SELECT label FROM undo_command")]
    conn.close()
    commands = [label.split(".db ", 1)[-1] for label in labels]
    assert not [c for c in commands if c.startswith("needs")]  # kept answers are no command
    # A kept answer is read, not asked again (a marked one shows it) ...
    conn = sqlite3.connect(club.journals["anna"])
    conn.execute(
        "UPDATE circle_need_match SET matches = json_array(json_object('key', 'kept', "
        "'name', 'Kept', 'score', 0.5, 'via', NULL, 'reasons', json_array(), 'via_name', NULL))"
    )
    conn.commit()
    conn.close()
    assert _summary(club, "anna") == [("marco", "a plumber", None, ["kept"])]
    # ... until the journal changes: a new plumber is among the answers at once.
    assert club.run("anna", "add", "Carlo Verdi", "--skill", "plumber").code == 0
    keys = _summary(club, "anna")[0][3]
    assert isinstance(keys, list) and sorted(keys) == ["bruno-gialli", "carlo-verdi"]
    # A need withdrawn from the circle is forgotten at the next listing.
    assert club.run("marco", "need", "drop", nid).code == 0
    assert _circle_needs(club, "anna") == []
    assert _kept(club, "anna") == []
