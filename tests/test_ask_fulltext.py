"""net ask reads every word the journal holds when no concept answers, and only what is theirs."""

from __future__ import annotations

import pytest

from conftest import Net, keys


@pytest.fixture
def people(net: Net) -> Net:
    net("add", "Anna Rossi", "--met", "Erasmus in Lyon", "--tag", "university")
    net("add", "Marco Bianchi", "--tag", "climbing", "--title", "Accountant")
    net("add", "Sara Neri", "--note", "Her husband is a falconer.")
    net("add", "Luca Verdi", "--note", "Looking for a good falconer for his hawk.")
    net("add", "Ivo Costa", "--title", "Falconer")
    net("add", "Ada Gallo")
    net("log", "ada", "she teaches origami at the library now")
    net("gave", "luca", "taught him origami")
    return net


def test_words_that_stand_in_met_tags_and_contact_notes_are_found(people: Net) -> None:
    assert keys(people, "who did I meet at Erasmus?") == ["anna-rossi"]
    assert keys(people, "who goes climbing?") == ["marco-bianchi"]
    assert keys(people, "someone who knows origami") == ["ada-gallo"]


def test_a_mention_of_someone_else_or_a_need_is_not_evidence(people: Net) -> None:
    # the husband's trade and a need in the notes do not make them one; help you gave is not theirs
    assert keys(people, "I need a falconer") == ["ivo-costa"]
    people("rm", "ivo", "--yes")
    assert keys(people, "I need a falconer") == []
    assert "luca-verdi" not in keys(people, "origami")


def test_a_concept_nobody_holds_falls_back_to_literal_words_only_when_they_all_stand(
    people: Net,
) -> None:
    # "climbing" names a climbing instructor; nobody is one, but Marco's tag says climbing
    doc = people("ask", "who goes climbing?", "--json").json()
    assert isinstance(doc, dict)
    (first,) = doc["suggestions"]
    assert first["reasons"][0] == "tag 'climbing'"
    # a need whose other words nobody has stays unanswered
    assert keys(people, "climbing instructor for a glacier course in Chamonix") == []
