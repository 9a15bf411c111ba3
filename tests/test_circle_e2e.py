"""A circle end to end, through the real ``net`` entry point and a real PostgreSQL server.

Three members with their own journals: Anna (who also organises), Giulia and
Marco.  They share, sync twice, ask across the circle, withdraw, and Marco is
removed.  Passwords live only in the test's PGPASSFILE.
"""

from __future__ import annotations

import re
import sqlite3
from dataclasses import dataclass
from pathlib import Path

import psycopg
import pytest

from circle_server import PassFile, Server
from conftest import Net, Result, snapshot

SECRETS = (
    "SECRET-NOTE-7731",
    "luca@secret.example",
    "+39 000 7731",
    "SECRET-LOG-7731",
    "SECRET-HELP-7731",
    "SECRET-MET-7731",
)


@dataclass
class Club:
    server: Server
    db: str
    organiser_uri: str
    journals: dict[str, Path]
    net: Net

    def run(self, who: str, *args: str) -> Result:
        return self.net("--db", str(self.journals[who]), *args)

    def ask(self, who: str, need: str) -> dict[str, object]:
        result = self.run(who, "ask", need, "--circle", "club", "--json")
        assert result.code == 0, result.err
        found = result.json()
        assert isinstance(found, dict)
        return found

    def dump(self) -> str:
        """Every value the circle's schema holds, as the superuser sees it."""
        with psycopg.connect(
            self.server.conninfo(dbname=self.db), password=self.server.password
        ) as conn:
            parts = []
            for (table,) in conn.execute(
                "SELECT tablename FROM pg_tables WHERE schemaname = 'circle_club'"
            ).fetchall():
                rows = conn.execute(f"SELECT * FROM circle_club.{table}").fetchall()
                parts.append(repr(sorted(rows, key=repr)))
            return "\n".join(parts)


def _keys(found: dict[str, object]) -> list[tuple[str, object]]:
    suggestions = found["suggestions"]
    assert isinstance(suggestions, list)
    return [(s["key"], s["via"]) for s in suggestions]


@pytest.fixture
def club(pg_database: tuple[Server, str, str], pgpass: PassFile, tmp_path: Path, net: Net) -> Club:
    server, db, password = pg_database
    pgpass.add(f"{db}_organiser", password)
    journals = {who: tmp_path / who / "journal.db" for who in ("anna", "giulia", "marco")}
    setup = Club(server, db, server.uri(f"{db}_organiser", db), journals, net)
    created = setup.run("anna", "circle", "create", "club", setup.organiser_uri)
    assert created.code == 0, created.err
    for who, name in (
        ("anna", "Anna Rossi"),
        ("giulia", "Giulia Neri"),
        ("marco", "Marco Bianchi"),
    ):
        added = setup.run("anna", "circle", "add-member", who, "--name", name)
        assert added.code == 0, added.err
        role = f"{who}.club"
        secret = re.search(rf"the password of the role {re.escape(role)}: (\S+)", added.out)
        join = re.search(r'net circle join club "([^"]+)"', added.out)
        assert secret and join, added.out
        assert secret.group(1) not in join.group(1)
        pgpass.add(role, secret.group(1))
        joined = setup.run(who, "circle", "join", "club", join.group(1))
        assert joined.code == 0, joined.err
        assert f"Joined club as {who}" in joined.err
    # Giulia knows a family lawyer (and a plumber she keeps to herself).
    g = setup.run
    assert (
        g(
            "giulia",
            "add",
            "Luca Verdi",
            "--skill",
            "family law",
            "--tag",
            "lawyers",
            "--org",
            "Studio Verdi",
            "--city",
            "Milano",
            "--note",
            SECRETS[0],
            "--email",
            SECRETS[1],
            "--phone",
            SECRETS[2],
            "--met",
            SECRETS[5],
        ).code
        == 0
    )
    assert g("giulia", "log", "Luca Verdi", SECRETS[3]).code == 0
    assert g("giulia", "got", "Luca Verdi", SECRETS[4]).code == 0
    assert g("giulia", "add", "Paola Neri", "--skill", "plumbing").code == 0
    # Marco knows an accountant, shared with everyone tagged 'work'.
    assert g("marco", "add", "Sara Blu", "--skill", "commercialista", "--tag", "work").code == 0
    assert g("marco", "add", "Teo Blu", "--skill", "gardening").code == 0
    # Anna knows a plumber herself, and knows Luca directly (not as a lawyer).
    assert g("anna", "add", "Bruno Gialli", "--skill", "plumber").code == 0
    return setup


def test_three_members_share_sync_and_ask_each_others_networks(club: Club) -> None:
    assert club.run("giulia", "circle", "share", "Luca Verdi").code == 0
    shared = club.run("marco", "circle", "share", "--tag", "work")
    assert shared.code == 0 and "club gets 1 person" in shared.err

    first = club.run("giulia", "circle", "sync", "--json")
    assert first.code == 0, first.err
    assert first.json() | {"synced_at": None} == {
        "circle": "club",
        "member": "giulia",
        "published": 1,
        "updated": 0,
        "withdrawn": 0,
        "unchanged": 0,
        "needs_posted": 0,
        "needs_withdrawn": 0,
        "synced_at": None,
    }
    assert club.run("marco", "circle", "sync").code == 0
    before = club.dump()
    again = club.run("giulia", "circle", "sync", "--json").json()
    assert isinstance(again, dict)
    assert (again["published"], again["updated"], again["withdrawn"], again["unchanged"]) == (
        0,
        0,
        0,
        1,
    )
    assert _without_sync_times(club.dump()) == _without_sync_times(before)

    lawyer = club.ask("anna", "need a lawyer")
    assert _keys(lawyer) == [("luca-verdi", "giulia")]
    suggestion = lawyer["suggestions"][0]  # type: ignore[index]
    assert suggestion["name"] == "Luca Verdi"
    assert 0 < suggestion["score"] <= 1
    assert "Giulia Neri (circle) knows them" in suggestion["reasons"]
    assert any("family law" in r for r in suggestion["reasons"])
    assert set(suggestion) == {"key", "name", "score", "via", "reasons"}

    accountant = club.ask("giulia", "cerco un commercialista")
    assert _keys(accountant) == [("sara-blu", "marco")]
    # Anna's own plumber comes first and alone: Giulia did not share hers.
    assert _keys(club.ask("anna", "my sink is leaking")) == [("bruno-gialli", None)]
    # A lawyer is not offered for a plumbing need, nor anyone for nonsense.
    assert club.ask("marco", "need a plumber")["suggestions"] == []
    # Nobody is offered their own people back through the circle.
    assert club.ask("giulia", "need a lawyer")["suggestions"] == [
        s
        for s in club.ask("giulia", "need a lawyer")["suggestions"]  # type: ignore[union-attr]
        if s["via"] is None
    ]

    human = club.run("anna", "ask", "need a lawyer", "--circle", "club")
    assert human.code == 0
    assert "Luca Verdi" in human.out and "through Giulia Neri (circle)" in human.out


def test_nothing_private_reaches_the_server(club: Club) -> None:
    assert club.run("giulia", "circle", "share", "--tag", "lawyers").code == 0
    assert club.run("giulia", "circle", "sync").code == 0
    dump = club.dump()
    assert "Luca Verdi" in dump and "family law" in dump and "Studio Verdi" in dump
    assert "Milano" in dump and "lawyers" in dump
    for secret in SECRETS:
        assert secret not in dump
    assert "Paola Neri" not in dump  # not shared
    assert "SECRET" not in dump


def test_changes_and_withdrawals_are_synced(club: Club) -> None:
    assert club.run("giulia", "circle", "share", "Luca Verdi", "Paola Neri").code == 0
    assert club.run("giulia", "circle", "sync").code == 0
    assert club.run("giulia", "edit", "Luca Verdi", "--add-skill", "divorce").code == 0
    changed = club.run("giulia", "circle", "unshare", "Paola Neri")
    assert changed.code == 0 and "club gets 1 person" in changed.err
    report = club.run("giulia", "circle", "sync", "--json").json()
    assert isinstance(report, dict)
    assert (report["published"], report["updated"], report["withdrawn"]) == (0, 1, 1)
    assert "Paola Neri" not in club.dump() and "divorce" in club.dump()
    assert _keys(club.ask("marco", "need a plumber")) == []

    assert club.run("giulia", "circle", "unshare", "Luca Verdi").code == 0
    assert club.run("giulia", "circle", "sync").code == 0
    assert club.ask("anna", "need a lawyer")["suggestions"] == []
    assert "Luca Verdi" not in club.dump()


def test_people_you_know_directly_are_not_repeated(club: Club) -> None:
    assert club.run("anna", "add", "Luca Verdi", "--skill", "family law").code == 0
    assert club.run("giulia", "circle", "share", "Luca Verdi").code == 0
    assert club.run("giulia", "circle", "sync").code == 0
    assert _keys(club.ask("anna", "need a lawyer")) == [("luca-verdi", None)]
    # Someone two members know is listed once.
    assert club.run("marco", "add", "Luca Verdi", "--skill", "family law").code == 0
    assert club.run("marco", "circle", "share", "Luca Verdi").code == 0
    assert club.run("marco", "circle", "sync").code == 0
    keys = _keys(club.ask("giulia", "need a lawyer"))
    assert keys == [("luca-verdi", None)]
    found = club.ask("marco", "need a lawyer")
    assert _keys(found) == [("luca-verdi", None)]
    keys = [k for k, _via in _keys(club.ask("anna", "need a divorce lawyer"))]
    assert keys.count("luca-verdi") <= 1


def test_the_circle_tells_what_someone_you_know_can_do(club: Club) -> None:
    """Anna knows Luca, but not that he is a lawyer: Giulia's circle does."""
    assert club.run("anna", "add", "Luca Verdi", "--city", "Milano").code == 0
    assert club.run("giulia", "circle", "share", "Luca Verdi").code == 0
    assert club.run("giulia", "circle", "sync").code == 0
    found = club.ask("anna", "need a lawyer")
    assert _keys(found) == [("luca-verdi", None)]
    reasons = found["suggestions"][0]["reasons"]  # type: ignore[index]
    assert "you know them directly; Giulia Neri (circle) shared this" in reasons


def test_a_removed_member_loses_access_and_what_they_published(club: Club) -> None:
    assert club.run("marco", "circle", "share", "Sara Blu").code == 0
    assert club.run("marco", "circle", "sync").code == 0
    assert _keys(club.ask("anna", "cerco un commercialista")) == [("sara-blu", "marco")]
    not_confirmed = club.run("anna", "circle", "remove-member", "marco")
    assert not_confirmed.code == 1 and "--yes" in not_confirmed.err
    removed = club.run("anna", "circle", "remove-member", "marco", "--yes")
    assert removed.code == 0, removed.err
    assert "and so is what they published (1 person)" in removed.err
    assert club.ask("anna", "cerco un commercialista")["suggestions"] == []
    assert "Sara Blu" not in club.dump()
    denied = club.run("marco", "circle", "sync")
    assert denied.code == 1
    assert denied.err.startswith("Error: cannot log in to the circle 'club'")
    # Marco's own journal keeps working.
    assert club.run("marco", "ask", "cerco un commercialista", "--json").json()["suggestions"]  # type: ignore[index]


def test_the_journal_works_offline_and_says_when_the_circle_does_not_answer(
    club: Club, db_path: Path
) -> None:
    conn = sqlite3.connect(club.journals["anna"])
    conn.execute("UPDATE circle SET conninfo = 'host=/nonexistent port=1 user=x dbname=y'")
    conn.commit()
    conn.close()
    before = snapshot(club.journals["anna"])
    for args in (("circle", "sync"), ("ask", "need a plumber", "--circle", "club")):
        failed = club.run("anna", *args)
        assert failed.code == 1
        assert failed.err.startswith("Error: cannot reach the circle 'club'")
        assert "Traceback" not in failed.err
    assert snapshot(club.journals["anna"]) == before
    assert _keys(club.run("anna", "ask", "need a plumber", "--json").json()) == [  # type: ignore[arg-type]
        ("bruno-gialli", None)
    ]
    listed = club.run("anna", "circle", "list", "--json").json()
    assert isinstance(listed, dict) and listed["circles"][0]["name"] == "club"
    status = club.run("anna", "circle", "status", "--json").json()
    assert isinstance(status, dict) and status["reachable"] is False


def test_no_password_is_ever_stored_in_the_journal(club: Club, pg_database: object) -> None:
    refused = club.run(
        "giulia", "circle", "join", "club", "postgresql://giulia.club:hunter2@/x?host=/tmp"
    )
    assert refused.code == 1
    assert "hold a password" in refused.err
    for path in club.journals.values():
        conn = sqlite3.connect(path)
        rows = conn.execute("SELECT * FROM circle").fetchall()
        conn.close()
        text = repr(rows)
        assert "password" not in text.lower() and "hunter2" not in text
        assert rows


def test_status_lists_members_and_what_they_published(club: Club) -> None:
    assert club.run("giulia", "circle", "share", "Luca Verdi").code == 0
    assert club.run("giulia", "circle", "sync").code == 0
    status = club.run("giulia", "circle", "status", "--json").json()
    assert isinstance(status, dict)
    assert status["member"] == "giulia" and status["shared_people"] == 1
    members = {m["key"]: m["people"] for m in status["members"]}  # type: ignore[union-attr]
    assert members == {"anna": 0, "giulia": 1, "marco": 0}


def _without_sync_times(dump: str) -> str:
    """The dump without the times of syncs (``member.last_sync``), which move on."""
    return re.sub(r"datetime\.datetime\((?:[^()]|\([^()]*\))*\)", "T", dump)
