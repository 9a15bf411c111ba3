"""net ask through the real entry point: the JSON shape, --for, via, empty answers."""

from __future__ import annotations

import pytest

from conftest import Net


@pytest.fixture
def people(net: Net) -> Net:
    net("add", "Anna Rossi", "--skill", "family law", "--title", "Avvocato")
    net("add", "Marco Bianchi", "--skill", "python")
    net("add", "Luca Verdi", "--skill", "avvocato", "--via", "marco")
    net("add", "Sara Neri", "--skill", "idraulico")
    net("knows", "sara", "anna")
    net("got", "anna", "reviewed my rental contract", "--on", "2026-05-02")
    return net


def test_json_shape_follows_the_contract(people: Net) -> None:
    result = people("ask", "need a lawyer", "--json")
    assert result.code == 0
    doc = result.json()
    assert isinstance(doc, dict)
    assert set(doc) == {"need", "for", "suggestions"}
    assert doc["need"] == "need a lawyer" and doc["for"] is None
    first, second = doc["suggestions"]
    assert set(first) == {"key", "name", "score", "via", "reasons"}
    assert (first["key"], first["name"], first["via"]) == ("anna-rossi", "Anna Rossi", None)
    assert "skill 'family law' matches 'lawyer'" in first["reasons"]
    assert "helped you: 'reviewed my rental contract' (May 2026)" in first["reasons"]
    assert (second["key"], second["via"]) == ("luca-verdi", "marco-bianchi")
    assert "Marco Bianchi can introduce you" in second["reasons"]
    assert 0 < second["score"] < first["score"] <= 1


def test_for_never_suggests_the_person_and_says_who_they_know(people: Net) -> None:
    doc = people("ask", "need a lawyer", "--for", "sara", "--json").json()
    assert isinstance(doc, dict)
    assert doc["for"] == "sara-neri"
    by_key = {s["key"]: s for s in doc["suggestions"]}
    assert "Sara Neri already knows them" in by_key["anna-rossi"]["reasons"]
    assert "Sara Neri does not know them yet" in by_key["luca-verdi"]["reasons"]
    asked_for_anna = people("ask", "a lawyer", "--for", "anna", "--json").json()
    assert isinstance(asked_for_anna, dict)
    assert [s["key"] for s in asked_for_anna["suggestions"]] == ["luca-verdi"]


def test_nobody_fits_is_an_empty_list_and_exit_0(people: Net) -> None:
    result = people("ask", "need a dentist", "--json")
    assert result.code == 0
    assert result.json() == {"need": "need a dentist", "for": None, "suggestions": []}
    human = people("ask", "need a dentist")
    assert human.code == 0 and "Nobody in the journal fits" in human.err


def test_limit_and_human_table(people: Net) -> None:
    doc = people("ask", "need a lawyer", "--limit", "1", "--json").json()
    assert isinstance(doc, dict) and len(doc["suggestions"]) == 1
    out = people("ask", "il lavandino perde").out
    assert "Sara Neri (sara-neri)" in out and "directly" in out
    assert people("ask", "need a lawyer", "--limit", "0").code == 2


def test_bad_asks(people: Net) -> None:
    for args in (("ask", ""), ("ask", "   "), ("ask", "x", "--for", "nobody")):
        result = people(*args)
        assert result.code == 1 and result.err.startswith("Error:"), args
