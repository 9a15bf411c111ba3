"""net find and the full-text index: every text about a person, kept in step with every write."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

import pytest

from conftest import Net

FIELDS = ("name", "org", "title", "city", "met", "notes")


@pytest.fixture
def people(net: Net) -> Net:
    net(
        "add",
        "Anna Rossi",
        "--skill",
        "family law",
        "--tag",
        "university",
        "--met",
        "Erasmus in Lyon",
    )
    net(
        "add",
        "Marco Bianchi",
        "--org",
        "Pirelli",
        "--city",
        "Milano",
        "--note",
        "Goes climbing on Sundays.",
    )
    net("add", "Sara Neri", "--title", "Teacher", "--alias", "Sarina")
    net("log", "sara", "coffee near the Politecnico, talked about her street in Isola")
    net("got", "marco", "lent me his ladder", "--skill", "diy")
    net("gave", "sara", "proofread her thesis")
    return net


def expected_texts(path: Path) -> list[tuple[int, str, int | None, str]]:
    """person_text as it should be, recomputed from the tables it copies."""
    conn = sqlite3.connect(path)
    try:
        rows = []
        for field in FIELDS:
            rows += conn.execute(
                f"SELECT id, '{field}', NULL, {field} FROM person WHERE coalesce({field}, '') <> ''"
            ).fetchall()
        rows += conn.execute("SELECT person_id, kind, position, name FROM person_label").fetchall()
        rows += conn.execute(
            "SELECT person_id, 'interaction', id, note FROM interaction "
            "WHERE coalesce(note, '') <> ''"
        ).fetchall()
        rows += conn.execute(
            "SELECT person_id, 'help_' || direction, id, "
            "what || coalesce(' (' || skill || ')', '') FROM help"
        ).fetchall()
        return sorted(rows, key=repr)
    finally:
        conn.close()


def actual_texts(path: Path) -> list[tuple[int, str, int | None, str]]:
    conn = sqlite3.connect(path)
    try:
        conn.execute("INSERT INTO person_fts(person_fts, rank) VALUES ('integrity-check', 1)")
        rows = conn.execute("SELECT person_id, field, ref, text FROM person_text").fetchall()
        return sorted(rows, key=repr)
    finally:
        conn.close()


def found(net: Net, *words: str) -> list[str]:
    result = net("find", *words, "--json")
    assert result.code == 0, result.err
    doc = result.json()
    assert isinstance(doc, dict)
    return [p["key"] for p in doc["people"]]


def test_find_searches_every_text_about_a_person(people: Net) -> None:
    assert found(people, "who did I meet at Erasmus?") == ["anna-rossi"]
    assert found(people, "lyon") == ["anna-rossi"]
    assert found(people, "climbing") == ["marco-bianchi"]  # a note
    assert found(people, "climb") == ["marco-bianchi"]  # a word it begins with
    assert found(people, "Pirelli") == ["marco-bianchi"]  # an organisation
    assert found(people, "milano") == ["marco-bianchi"]  # a city
    assert found(people, "politecnico") == ["sara-neri"]  # a contact note
    assert found(people, "ladder") == ["marco-bianchi"]  # help they gave you
    assert found(people, "thesis") == ["sara-neri"]  # help you gave them
    assert found(people, "university") == ["anna-rossi"]  # a tag
    assert found(people, "sarina") == ["sara-neri"]  # an alias
    assert found(people, "università") == found(people, "universita") == ["anna-rossi"]
    assert found(people, "snorkelling") == []


def test_find_ranks_by_how_much_of_the_query_a_person_covers(net: Net) -> None:
    net("add", "Ugo Bassi", "--note", "sailing in Genova every summer")
    net("add", "Ivo Tosi", "--note", "sailing, mostly")
    net("add", "Eva Fini", "--city", "Genova")
    ranked = found(net, "sailing Genova")
    assert ranked[0] == "ugo-bassi" and set(ranked) == {"ugo-bassi", "ivo-tosi", "eva-fini"}


def test_find_json_shape_and_snippet(people: Net) -> None:
    doc = people("find", "Erasmus", "--json").json()
    assert doc == {
        "query": "Erasmus",
        "people": [
            {
                "key": "anna-rossi",
                "name": "Anna Rossi",
                "score": 1.0,
                "field": "met",
                "snippet": "Erasmus in Lyon",
                "matched": ["erasmus"],
            }
        ],
    }


def test_find_for_people_prints_who_and_where(people: Net) -> None:
    result = people("find", "climbing")
    assert result.code == 0
    assert "Marco Bianchi (marco-bianchi)" in result.out and "notes" in result.out
    result = people("find", "snorkelling")
    assert result.code == 0 and "No one in the journal has 'snorkelling'" in result.err


def test_search_syntax_is_plain_words(people: Net) -> None:
    for query in [
        '"climbing" OR *',
        "NEAR(x",
        "climbing AND",
        "-",
        "col:x",
        "'; DROP TABLE person",
    ]:
        result = people("find", query, "--json")
        assert result.code == 0, (query, result.err)
    assert found(people, "climbing OR") == ["marco-bianchi"]


def test_an_empty_search_is_an_error(people: Net) -> None:
    result = people("find", "  ")
    assert result.code == 1 and result.err.startswith("Error: the search is empty")


def test_the_index_follows_every_write(net: Net, db_path: Path) -> None:
    net("add", "Anna Rossi", "--skill", "family law", "--tag", "uni", "--met", "Erasmus")
    net("add", "Marco Bianchi", "--org", "Pirelli", "--note", "climbs")
    net("log", "anna", "lunch in Lyon")
    net("log", "marco", "call")
    net("got", "marco", "lent me a ladder")
    net("gave", "anna", "proofread her thesis", "--skill", "writing")
    assert actual_texts(db_path) == expected_texts(db_path)
    net("edit", "anna", "--met", "", "--org", "Studio Rossi", "--add-tag", "law", "--rm-tag", "uni")
    net("edit", "marco", "--name", "Marco Bianchini", "--add-alias", "Bianco", "--note", "runs")
    assert actual_texts(db_path) == expected_texts(db_path)
    assert found(net, "erasmus") == [] and found(net, "climbs") == []
    assert found(net, "runs") == ["marco-bianchi"] and found(net, "bianco") == ["marco-bianchi"]
    net("rm", "anna", "--yes")
    assert actual_texts(db_path) == expected_texts(db_path)
    assert found(net, "lyon") == [] and found(net, "thesis") == []


def test_the_index_follows_an_import(net: Net, db_path: Path, tmp_path: Path) -> None:
    doc = {
        "format": "netjournal",
        "version": 1,
        "people": [{"key": "kim", "name": "Kim Lee", "met": "Erasmus in Porto"}],
        "interactions": [{"person": "kim", "date": "2026-01-02", "note": "surfing trip"}],
        "help": [
            {"person": "kim", "direction": "got", "date": "2026-01-03", "what": "fixed my bike"}
        ],
    }
    path = tmp_path / "doc.json"
    path.write_text(json.dumps(doc), encoding="utf-8")
    assert net("import", str(path)).code == 0
    assert net("import", str(path)).code == 0
    assert actual_texts(db_path) == expected_texts(db_path)
    assert found(net, "surfing") == ["kim"] and found(net, "porto") == ["kim"]


def test_list_takes_words_org_and_limit(people: Net) -> None:
    def listed(*args: str) -> list[str]:
        doc = people("list", *args, "--json").json()
        assert isinstance(doc, dict)
        return [p["key"] for p in doc["people"]]

    assert listed("climbing") == ["marco-bianchi"]
    assert listed("climbing", "sundays") == ["marco-bianchi"]
    assert listed("climbing", "erasmus") == []  # every word must stand somewhere
    assert listed("--org", "pirelli") == ["marco-bianchi"]
    assert listed("--limit", "2") == ["anna-rossi", "marco-bianchi"]
    assert listed("--limit", "0") == []
    result = people("list", "nothing-like-this")
    assert (
        result.code == 0 and "Nobody in the journal has the words 'nothing-like-this'" in result.err
    )
