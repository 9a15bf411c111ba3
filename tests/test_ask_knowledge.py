"""General knowledge from public sources: synonyms, narrower trades, trades nobody holds.

The generated file (``lexicon/generated.json``, made by
``tools/build_knowledge.py`` from WordNet and ESCO) is checked as data here:
each rule below is run over every concept or label it produced, not over a
hand-picked case.
"""

from __future__ import annotations

import json
from importlib import resources
from typing import Any

import pytest

from conftest import Net
from netjournal.matching.lexicon import LexiconError, load, parse
from netjournal.matching.text import fold

GENERATED = resources.files("netjournal.matching") / "lexicon" / "generated.json"


def generated() -> dict[str, Any]:
    data: dict[str, Any] = json.loads(GENERATED.read_text("utf-8"))
    return data


def keys(net: Net, need: str) -> list[str]:
    doc = net("ask", need, "--json").json()
    assert isinstance(doc, dict)
    return [s["key"] for s in doc["suggestions"]]


def test_the_generated_file_names_its_sources_and_licences() -> None:
    source = generated()["source"]
    assert "tools/build_knowledge.py" in source
    assert "WordNet 3.0" in source and "Princeton University" in source
    assert "ESCO" in source and "CC BY 4.0" in source


def test_a_generated_label_never_repeats_a_curated_one() -> None:
    """Curation wins: generated data only adds words the curated files lack."""
    data = generated()
    curated: set[str] = set()
    folder = resources.files("netjournal.matching") / "lexicon"
    for entry in folder.iterdir():
        if entry.name.endswith(".json") and entry.name not in ("words.json", "generated.json"):
            for item in json.loads(entry.read_text("utf-8"))["concepts"]:
                curated.update(fold(x) for x in item["en"] + item.get("it", []))
    produced = [x for a in data["additions"] for x in a["en"]]
    produced += [x for c in data["concepts"] for x in c["en"]]
    assert produced
    assert [x for x in produced if fold(x) in curated] == []
    assert len(produced) == len(set(map(fold, produced)))  # one concept per label


def test_every_generated_concept_is_narrower_than_a_curated_one() -> None:
    lexicon = load()
    for item in generated()["concepts"]:
        ancestors = lexicon.ancestors(item["id"])
        assert len(ancestors) > 1, item["id"]
        assert lexicon.concepts[item["id"]].domain != "generated"


@pytest.mark.parametrize("index", range(0, 200, 9))
def test_a_generated_synonym_finds_the_person_holding_the_concept(net: Net, index: int) -> None:
    """A WordNet or ESCO name of a trade finds whoever has its main label as a skill."""
    additions = [a for a in generated()["additions"] if not a.get("ambiguous")]
    addition = additions[index % len(additions)]
    concept = load().concepts[addition["id"]]
    net("add", "Ada Holder", "--skill", concept.en[0])
    net("add", "Bo Other", "--skill", "origami")
    for label in addition["en"][:3]:
        assert keys(net, f"I need a {label}") == ["ada-holder"], (concept.id, label)


def test_a_trade_nobody_holds_gives_nobody_not_the_nearest_concept(net: Net) -> None:
    """A need for a narrower trade is not answered by its broader trade or a sibling."""
    lexicon = load()
    net("add", "Cy Broad", "--skill", "craftsperson")
    for item in generated()["concepts"]:
        parent = lexicon.concepts[item["broader"][0]]
        if parent.id != "craftsperson":
            continue
        assert keys(net, f"I need a {item['en'][0]}") == [], item["id"]
        # the broader trade still finds someone of the narrower one
    net("add", "Di Narrow", "--title", "taxidermist")
    assert "di-narrow" in keys(net, "a craftsperson")


def test_an_addition_to_an_unknown_concept_is_refused() -> None:
    files = [
        ("law.json", {"domain": "law", "concepts": [{"id": "a", "en": ["a"], "examples": ["a"]}]}),
        ("generated.json", {"domain": "generated", "concepts": [], "additions": [{"id": "b"}]}),
    ]
    with pytest.raises(LexiconError, match=r"additions\[0\]: addition to unknown concept 'b'"):
        parse(files)
    files[1][1]["additions"] = [{"id": "a", "en": ["alpha"], "colour": ["red"]}]
    with pytest.raises(LexiconError, match="unknown key 'colour'"):
        parse(files)
    files[1][1]["additions"] = [{"id": "a", "en": ["alpha"], "problems": ["x y"]}]
    merged = parse(files).concepts["a"]
    assert merged.en == ["a", "alpha"] and merged.problems == ["x y"]
