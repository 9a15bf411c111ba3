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

from conftest import Net, keys
from netjournal.matching.lexicon import LexiconError, load, load_words, parse
from netjournal.matching.text import fold, stem_en, stem_it, words

GENERATED = resources.files("netjournal.matching") / "lexicon" / "generated.json"


def generated() -> dict[str, Any]:
    data: dict[str, Any] = json.loads(GENERATED.read_text("utf-8"))
    return data


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
    produced = [x for a in data["additions"] for x in a.get("en", [])]
    produced += [x for c in data["concepts"] for x in c["en"]]
    assert produced
    assert [x for x in produced if fold(x) in curated] == []
    assert len(produced) == len(set(map(fold, produced)))  # one concept per label


def test_every_generated_concept_is_narrower_than_a_curated_one_or_its_own_trade() -> None:
    lexicon = load()
    roots = []
    for item in generated()["concepts"]:
        concept = lexicon.concepts[item["id"]]
        if concept.broader:
            assert len(lexicon.ancestors(concept.id)) > 1, concept.id
            assert concept.domain != "generated", concept.id
        else:  # an ESCO occupation no curated word names ("polygraph examiner")
            assert concept.domain == "work", concept.id
            roots.append(concept.id)
    assert 0 < len(roots) < len(generated()["concepts"])


@pytest.mark.parametrize("index", range(0, 200, 9))
def test_a_generated_synonym_finds_the_person_holding_the_concept(net: Net, index: int) -> None:
    """A WordNet or ESCO name of a trade finds whoever has its main label as a skill."""
    additions = [a for a in generated()["additions"] if a.get("en") and not a.get("ambiguous")]
    addition = additions[index % len(additions)]
    concept = load().concepts[addition["id"]]
    net("add", "Ada Holder", "--skill", concept.en[0])
    net("add", "Bo Other", "--skill", "origami")
    for label in addition["en"][:3]:
        assert keys(net, f"I need a {label}") == ["ada-holder"], (concept.id, label)


def test_a_trade_nobody_holds_gives_nobody_not_the_nearest_concept(net: Net) -> None:
    """A need for a narrower trade is not answered by its broader trade or a sibling."""
    net("add", "Cy Broad", "--skill", "craftsperson")
    net("add", "Ed Else", "--title", "Engineer", "--note", "works for a grader company")
    for item in generated()["concepts"]:
        if item.get("broader", ["craftsperson"]) != ["craftsperson"]:
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


@pytest.mark.parametrize(
    ("need", "title"),
    [
        ("know a good shrink?", "Psicologa"),
        ("need a chippy for some shelves", "Joiner"),
        ("a sparky to look at the fuse box", "Electrician"),
        ("a techie who can sort out my laptop", "Tecnico informatico"),
        ("someone to take pictures at our party", "Photographer"),
        ("my phone screen is shattered", "Phone repair technician"),
        ("raising money for a cause", "Fundraiser"),
        ("users keep dropping off at sign-up", "UX designer"),
        ("a dress that needs taking in", "Sarta"),
        ("I twisted my knee playing football", "Fisioterapista"),
        ("my pollen allergy is getting worse", "Allergist"),
        ("a good recipe for a birthday dinner", "Chef"),
        ("someone to look at my motor", "Meccanico"),
        ("the washing machine bangs and stops", "Appliance technician"),
        ("mi sono storto il ginocchio", "Physiotherapist"),
        ("ho lo schermo del telefono rotto", "Phone repair technician"),
        ("allergia al polline", "Allergologa"),
        ("devo far stringere un vestito", "Tailor"),
        ("una ricetta per il tiramisù", "Cuoca"),
        ("qualcuno che faccia foto alla festa", "Fotografo"),
    ],
)
def test_everyday_and_slang_words_find_the_trade(net: Net, need: str, title: str) -> None:
    """Slang, everyday words for the thing and problems never named as a trade."""
    net("add", "Tina Trade", "--title", title)
    net("add", "Olly Other", "--title", "Notaio")
    assert keys(net, need) == ["tina-trade"]


def test_a_broader_everyday_name_finds_every_narrower_trade(net: Net) -> None:
    """'Shrink' is any of those who treat the mind, not the psychiatrist alone."""
    trades = [("Pia Psy", "Psychiatrist"), ("Lea Log", "Psicologa"), ("Cal Coun", "Counsellor")]
    for name, title in trades:
        net("add", name, "--title", title)
    net("add", "Gus Gp", "--title", "GP")
    assert sorted(keys(net, "know a good shrink?")) == ["cal-coun", "lea-log", "pia-psy"]
    assert keys(net, "a psychiatrist") == ["pia-psy"]


@pytest.mark.parametrize("index", range(0, 60, 7))
def test_an_italian_activity_title_finds_the_person_of_that_trade(net: Net, index: int) -> None:
    """ATECO's Italian activity names ("riparazione calzature") find the trade's people."""
    italian = [a for a in generated()["additions"] if a.get("it")]
    addition = italian[index % len(italian)]
    concept = load().concepts[addition["id"]]
    net("add", "Ada Holder", "--skill", concept.en[0])
    net("add", "Bo Other", "--skill", "origami")
    for label in addition["it"][:2]:
        assert keys(net, f"cerco {label}") == ["ada-holder"], (concept.id, label)


def test_a_thing_a_trade_repairs_is_its_problem(net: Net) -> None:
    """WordNet's 'someone who makes or repairs watches' makes a broken watch the watchmaker's."""
    net("add", "Wes Watch", "--title", "Watchmaker")
    net("add", "Lou Lock", "--title", "Locksmith")
    assert keys(net, "my watch is broken") == ["wes-watch"]
    assert keys(net, "can someone fix the lock on my shed") == ["lou-lock"]


def test_no_generated_one_word_label_is_read_in_a_stop_word() -> None:
    """A label whose stem is a stop word's would turn "per" into *perito*."""
    shared = load_words()
    stop = shared.stopwords | shared.request_words | shared.fillers
    data = generated()
    labels = [(a["id"], x) for a in data["additions"] for x in a.get("en", []) + a.get("it", [])]
    labels += [(c["id"], x) for c in data["concepts"] for x in c["en"]]
    clashes = []
    for cid, label in labels:
        toks = shared.canonical(words(label))
        if len(toks) != 1 or toks[0] in stop:
            continue
        stems = {stem_en(toks[0]), stem_it(toks[0])}
        for word in stop:
            if {stem_en(word), stem_it(word)} & stems and abs(len(word) - len(toks[0])) <= 3:
                clashes.append((cid, label, word))
    assert labels and clashes == []


@pytest.mark.parametrize(
    ("note", "need"),
    [
        ("He restores vintage watches and takes commissions.", "repair my grandfather's old watch"),
        ("Does our taxes since 2024.", "someone to do my tax return"),
        ("Resoles boots in a tiny shop near the market.", "my boots need resoling"),
        ("Ripara biciclette nel cortile sotto casa.", "la catena della bici è rotta"),
    ],
)
def test_what_a_note_says_someone_does_names_their_trade(net: Net, note: str, need: str) -> None:
    net("add", "Nora Note", "--note", note)
    net("add", "Ugo Unrelated", "--note", "Plays five-a-side on Thursdays.")
    assert keys(net, need) == ["nora-note"]
