"""The rules of matching: attributes that must match, evidence that is theirs.

Each test states one general rule through the real ``net`` entry point: a
named language or jurisdiction must match, or nobody fits; a contact note is
evidence; a mention of someone else, or of a need, is not.
"""

from __future__ import annotations

import pytest

from conftest import Net


def keys(net: Net, need: str) -> list[str]:
    doc = net("ask", need, "--json").json()
    assert isinstance(doc, dict)
    return [s["key"] for s in doc["suggestions"]]


@pytest.fixture
def linguists(net: Net) -> Net:
    net("add", "Sabine Kraus", "--title", "Translator", "--note", "German-Italian, contracts.")
    net("add", "Eleanor Hughes", "--title", "Translator", "--skill", "EN-IT")
    net("add", "Marisa Ferro", "--title", "Docente di spagnolo", "--city", "Genova")
    net("add", "Yuki Sato", "--note", "Japanese, works in a bank.")
    return net


def test_a_named_language_must_match(linguists: Net) -> None:
    assert keys(linguists, "a Japanese translator for a contract") == []
    assert keys(linguists, "translator from German") == ["sabine-kraus"]
    assert keys(linguists, "an English translator") == ["eleanor-hughes"]
    # the language of the lessons, inside what is asked
    assert keys(linguists, "Portuguese lessons before we move") == []
    assert keys(linguists, "Spanish lessons") == ["marisa-ferro"]


def test_a_language_the_need_does_not_name_filters_nobody(linguists: Net) -> None:
    assert sorted(keys(linguists, "a translator for a contract")) == [
        "eleanor-hughes",
        "sabine-kraus",
    ]


@pytest.fixture
def lawyers(net: Net) -> Net:
    net("add", "Alberto Ricci", "--title", "Notaio", "--city", "Roma")
    net("add", "Helen Marsh", "--title", "Solicitor", "--city", "Leeds")
    net("add", "Morag Reid", "--title", "Solicitor", "--city", "Edinburgh")
    net("add", "Phil Evans", "--title", "Accountant", "--city", "London")
    net("add", "Vito Parisi", "--title", "Commercialista", "--city", "Bari")
    return net


def test_a_named_jurisdiction_must_match(lawyers: Net) -> None:
    assert keys(lawyers, "French notary for the house we are buying") == []
    assert keys(lawyers, "an Italian notary") == ["alberto-ricci"]
    assert keys(lawyers, "someone to file my US tax return") == []
    assert keys(lawyers, "an accountant for my UK tax return") == ["phil-evans"]
    assert keys(lawyers, "accountant for Italian taxes") == ["vito-parisi"]
    # a part of a country is its own law: Scots law is not English law
    assert keys(lawyers, "a lawyer for a question of Scottish law") == ["morag-reid"]
    assert keys(lawyers, "an Italian lawyer for a question of Scottish law") == []


def test_us_is_a_country_only_in_capitals(lawyers: Net) -> None:
    assert sorted(keys(lawyers, "help us find an accountant")) == ["phil-evans", "vito-parisi"]


def test_a_language_does_not_qualify_a_trade_without_one(net: Net) -> None:
    # a German car does not make the mechanic's need German
    net("add", "Renato Bosio", "--title", "Mechanic")
    assert keys(net, "a mechanic for my German car") == ["renato-bosio"]
    # unless the need says who must speak it
    assert keys(net, "a mechanic who speaks German") == []


def test_a_contact_note_is_evidence(net: Net) -> None:
    net("add", "Marta Colombo", "--note", "Book club.")
    assert keys(net, "a dermatologist") == []
    net("log", "marta", "she finally opened her own dermatology practice")
    assert keys(net, "a dermatologist") == ["marta-colombo"]


def test_a_third_party_mention_or_a_need_is_not_evidence(net: Net) -> None:
    net("add", "Sara Neri", "--note", "Her husband is a lawyer.")
    net("add", "Monica Sironi", "--note", "Back pain; still hunting for an acupuncturist.")
    net("add", "Dario Ladisa")
    net("log", "dario", "looking for a good acupuncturist for his wife")
    net("log", "sara", "they see the orthodontist every month")
    assert keys(net, "I need a lawyer") == []
    assert keys(net, "acupuncturist") == []
    assert keys(net, "orthodontist") == []
