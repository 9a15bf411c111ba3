"""net add / edit / rm / show / list through the real entry point."""

from __future__ import annotations

from pathlib import Path

import pytest

from conftest import Net, snapshot


def test_add_makes_keys_and_show_json_has_contract_shape(net: Net) -> None:
    assert (
        net(
            "add",
            "Anna Rossi",
            "--skill",
            "family law",
            "--skill",
            "contracts",
            "--tag",
            "university",
            "--value",
            "honesty",
            "--alias",
            "Annie",
            "--org",
            "Studio Legale Rossi",
            "--title",
            "Partner",
            "--city",
            "Milano",
            "--email",
            "anna@example.org",
            "--phone",
            "+39 02 0000000",
            "--met",
            "startup weekend 2019",
            "--note",
            "free text",
            "--every",
            "60",
            "--on",
            "2024-03-01",
        ).code
        == 0
    )
    second = net("add", "Anna Rossi")
    assert second.code == 0 and "anna-rossi-2" in second.err
    doc = net("show", "anna-rossi", "--json").json()
    assert doc == {
        "key": "anna-rossi",
        "name": "Anna Rossi",
        "aliases": ["Annie"],
        "skills": ["family law", "contracts"],
        "tags": ["university"],
        "values": ["honesty"],
        "org": "Studio Legale Rossi",
        "title": "Partner",
        "city": "Milano",
        "email": "anna@example.org",
        "emails": ["anna@example.org"],
        "phone": "+39 02 0000000",
        "phones": ["+39 02 0000000"],
        "met": "startup weekend 2019",
        "notes": "free text",
        "cadence_days": 60,
        "via": None,
        "added": "2024-03-01",
        "birthday": None,
        "url": None,
        "interactions": [],
        "help": [],
        "ties": [],
        "referrals": [],
    }


def test_add_defaults_added_to_today_and_accepts_via(net: Net) -> None:
    net("add", "Marco Bianchi")
    assert net("add", "Luca Verdi", "--via", "marco").code == 0
    person = net("show", "luca", "--json").json()
    assert person["via"] == "marco-bianchi"
    assert person["added"] == "2026-11-27"


def test_list_json_is_ordered_by_key_and_filters(net: Net) -> None:
    net("add", "Zoe Adams", "--skill", "Python", "--tag", "work")
    net("add", "Bruno Conte", "--skill", "python", "--tag", "friends")
    net("add", "Carla Neri", "--skill", "SEO")
    people = net("list", "--json").json()["people"]
    assert [p["key"] for p in people] == ["bruno-conte", "carla-neri", "zoe-adams"]
    assert set(people[0]) >= {"key", "name", "skills", "tags", "via", "added", "cadence_days"}
    only = net("list", "--skill", "PYTHON", "--tag", "work", "--json").json()["people"]
    assert [p["key"] for p in only] == ["zoe-adams"]


def test_list_piped_is_tab_separated(net: Net) -> None:
    net("add", "Zoe Adams", "--skill", "Python")
    out = net("list").out.splitlines()
    assert out[0].split("\t")[:2] == ["key", "name"]
    assert out[1].split("\t")[:2] == ["zoe-adams", "Zoe Adams"]


def test_resolution_by_prefix_surname_alias_and_accents(net: Net) -> None:
    net("add", "Élodie Dupré", "--alias", "Lolo")
    net("add", "Anna Rossi")
    net("add", "Anna Bianchi")
    for ref in ("elodie", "dupre", "DUPRÉ", "Lolo", "elodie-dupre", "Élodie Dupré"):
        assert net("show", ref, "--json").json()["key"] == "elodie-dupre", ref
    amb = net("show", "anna")
    assert amb.code == 1
    assert "anna-rossi" in amb.err and "anna-bianchi" in amb.err
    assert amb.err.startswith("Error:")
    assert net("show", "Anna R", "--json").json()["key"] == "anna-rossi"


def test_edit_changes_fields_and_lists(net: Net) -> None:
    net("add", "Anna Rossi", "--skill", "law", "--tag", "work")
    assert (
        net(
            "edit",
            "anna",
            "--city",
            "Torino",
            "--add-skill",
            "contracts",
            "--rm-skill",
            "LAW",
            "--add-tag",
            "friends",
            "--every",
            "30",
        ).code
        == 0
    )
    p = net("show", "anna", "--json").json()
    assert (p["city"], p["skills"], p["tags"], p["cadence_days"]) == (
        "Torino",
        ["contracts"],
        ["work", "friends"],
        30,
    )
    assert net("edit", "anna", "--city", "", "--no-every").code == 0
    p = net("show", "anna", "--json").json()
    assert (p["city"], p["cadence_days"]) == (None, None)


def test_edit_removing_a_missing_skill_fails_and_changes_nothing(net: Net, db_path: Path) -> None:
    net("add", "Anna Rossi", "--skill", "law")
    before = snapshot(db_path)
    r = net("edit", "anna", "--rm-skill", "cooking", "--city", "Roma")
    assert r.code == 1 and "no skill 'cooking'" in r.err
    assert snapshot(db_path) == before


def test_rm_needs_yes_when_not_interactive_and_removes_everything(net: Net) -> None:
    net("add", "Anna Rossi")
    net("add", "Marco Bianchi")
    net("log", "anna", "coffee")
    net("knows", "anna", "marco")
    refused = net("rm", "anna")
    assert refused.code == 1 and "--yes" in refused.err
    assert net("rm", "anna", "--yes").code == 0
    assert [p["key"] for p in net("list", "--json").json()["people"]] == ["marco-bianchi"]
    assert net("show", "marco", "--json").json()["ties"] == []


def test_rm_of_an_introducer_keeps_the_introduced(net: Net) -> None:
    net("add", "Marco Bianchi")
    net("add", "Luca Verdi", "--via", "marco")
    net("rm", "marco", "--yes")
    assert net("show", "luca", "--json").json()["via"] is None


def test_bad_input_is_an_error_and_changes_nothing(net: Net, db_path: Path) -> None:
    net("add", "Anna Rossi")
    before = snapshot(db_path)
    cases = [
        ("add", ""),
        ("add", "   "),
        ("add", "x" * 100_000),
        ("add", "Bad\x01Name"),
        ("add", "Bob", "--every", "0"),
        ("add", "Bob", "--every", "-3"),
        ("add", "Bob", "--via", "nobody"),
        ("add", "Bob", "--key", "Not A Key"),
        ("add", "Bob", "--key", "anna-rossi"),
        ("add", "Bob", "--on", "tomorrow"),
        ("add", "Bob", "--on", "someday"),
        ("edit", "nobody", "--city", "x"),
        ("edit", "anna", "--via", "anna"),
        ("show", "nobody"),
        ("rm", "nobody", "--yes"),
    ]
    for args in cases:
        result = net(*args)
        assert result.code == 1, args
        assert result.err.startswith("Error:"), (args, result.err)
        assert "Traceback" not in result.err
    assert snapshot(db_path) == before


def test_usage_errors_exit_2(net: Net) -> None:
    assert net("add").code == 2
    assert net("add", "Bob", "--every", "often").code == 2
    assert net("frobnicate").code == 2


def test_reimporting_a_contacts_file_keeps_what_you_added(net: Net, tmp_path: Path) -> None:
    contacts = tmp_path / "Connections.csv"
    contacts.write_text(
        "First Name,Last Name,URL,Email Address,Company,Position,Connected On\n"
        "Davide,Neri,https://www.linkedin.com/in/dneri,,Banca Sella,Analyst,15 Mar 2024\n",
        encoding="utf-8",
    )
    assert net("import", str(contacts)).code == 0
    net("edit", "davide", "--email", "davide@example.org", "--add-tag", "bank")
    assert net("import", str(contacts)).code == 0
    person = net("show", "davide", "--json").json()
    assert person["email"] == "davide@example.org"
    assert person["tags"] == ["linkedin", "bank"]
    assert [p["key"] for p in net("list", "--json").json()["people"]] == ["davide-neri"]


def test_tables_on_a_terminal_and_no_escape_codes_under_no_color(
    net: Net, monkeypatch: pytest.MonkeyPatch
) -> None:
    net("add", "Zoe Adams", "--skill", "Python")
    monkeypatch.setenv("NETJOURNAL_FORCE_TERMINAL", "1")
    styled = net("list").out
    assert "┃" in styled and "Zoe Adams" in styled and "\x1b[" in styled
    monkeypatch.setenv("NO_COLOR", "1")
    plain = net("list").out
    assert "┃" in plain and "Zoe Adams" in plain and "\x1b[" not in plain


def test_did_you_mean_names_each_close_person_once(net: Net) -> None:
    for _ in range(3):
        assert net("add", "Alessandro Conti").code == 0
    result = net("show", "Alessandro Cnti")
    assert result.code == 1
    hint = next(line for line in result.err.splitlines() if line.startswith("Hint:"))
    assert (
        hint.count("alessandro-conti-2") == 1
        and hint.count("alessandro-conti ") + hint.count("alessandro-conti?") <= 1
    ), hint
