"""The concept lexicon is consistent data."""

from __future__ import annotations

import json
from collections.abc import Iterator
from importlib import resources
from pathlib import Path
from typing import Any

import pytest

from netjournal.matching.lexicon import (
    LexiconError,
    compile_lexicon,
    find_cycle,
    load,
    load_words,
    parse,
)
from netjournal.matching.text import fold
from netjournal.services.ask import understand
from netjournal.services.evidence import ensure_index
from netjournal.store import Journal, open_journal

FOLDER = resources.files("netjournal.matching") / "lexicon"


def test_lexicon_loads_with_hundreds_of_concepts_in_both_languages() -> None:
    lexicon = load()
    assert len(lexicon.concepts) >= 400
    assert all(c.en for c in lexicon.concepts.values())
    with_italian = [c for c in lexicon.concepts.values() if c.it]
    assert len(with_italian) >= 0.9 * len(lexicon.concepts)
    domains = {c.domain for c in lexicon.concepts.values()}
    assert {"law", "money", "health", "home", "tech", "creative", "education"} <= domains


def test_broader_links_exist_and_have_no_cycles() -> None:
    lexicon = load()
    for concept in lexicon.concepts.values():
        for up in concept.broader:
            assert up in lexicon.concepts, (concept.id, up)
    assert find_cycle(lexicon.concepts) == []


def concept(cid: str, **more: Any) -> dict[str, Any]:
    return {"id": cid, "en": [cid.replace("_", " ")], "examples": [f"I need a {cid}"], **more}


def domain(name: str, *concepts: dict[str, Any], **more: Any) -> tuple[str, dict[str, Any]]:
    return f"{name}.json", {"domain": name, "concepts": list(concepts), **more}


def test_a_cycle_of_broader_links_is_refused_and_named() -> None:
    files = [
        domain("law", concept("a", broader=["b"]), concept("b", broader=["c"])),
        domain("money", concept("c", broader=["a"]), concept("d", broader=["a"])),
    ]
    with pytest.raises(LexiconError, match=r"cycle: (a → b → c → a|b → c → a → b|c → a → b → c)"):
        parse(files)
    with pytest.raises(LexiconError, match="cycle: x → x"):
        parse([domain("law", concept("x", broader=["x"]))])
    # the same links without the last one load
    files[1] = domain("money", concept("c"), concept("d", broader=["a"]))
    assert parse(files).ancestors("d") == {"d": 0, "a": 1, "b": 2, "c": 3}


@pytest.mark.parametrize(
    ("files", "message"),
    [
        ([domain("law", concept("a", problem=["x y"]))], "concepts\\[0\\]: unknown key 'problem'"),
        ([domain("law", concept("a"), colour="red")], "law.json: unknown key 'colour'"),
        ([domain("law", {"id": "a", "en": ["a"]})], "missing key 'examples'"),
        ([domain("law", concept("a")), domain("art", concept("a"))], "'a' is already defined"),
        ([("law.json", {"domain": "money", "concepts": []})], "must match the file name"),
        ([domain("law", concept("a", broader=["nothing"]))], "unknown broader"),
        ([domain("law", concept("a", problems="leak"))], "a list of non-empty strings"),
        ([domain("law", concept("a", it=[""]))], "a list of non-empty strings"),
    ],
)
def test_the_loader_refuses_what_the_schema_does_not_allow(
    files: list[tuple[str, Any]], message: str
) -> None:
    with pytest.raises(LexiconError, match=message):
        parse(files)


def test_every_domain_file_follows_its_schema() -> None:
    jsonschema = pytest.importorskip("jsonschema")
    schema = json.loads(
        (resources.files("netjournal.matching") / "lexicon.schema.json").read_text("utf-8")
    )
    for entry in FOLDER.iterdir():
        if entry.name.endswith(".json") and entry.name != "words.json":
            jsonschema.validate(json.loads(entry.read_text("utf-8")), schema)


@pytest.fixture(scope="module")
def empty_journal(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Journal]:
    path: Path = tmp_path_factory.mktemp("lexicon") / "j.db"
    store = open_journal(path)
    ensure_index(store)
    yield store
    store.close()


def test_every_example_is_understood_as_its_concept(empty_journal: Journal) -> None:
    wrong = []
    with empty_journal.read() as conn:
        for item in load().concepts.values():
            assert item.examples, item.id
            for example in item.examples:
                found = {m.concept_id for m in understand(conn, example).mentions}
                if item.id not in found:
                    wrong.append((item.id, example, sorted(found)))
    assert wrong == []


def test_ambiguous_labels_are_labels() -> None:
    for concept in load().concepts.values():
        labels = {fold(x) for x in concept.en + concept.it}
        for word in concept.ambiguous:
            assert fold(word) in labels, (concept.id, word)


def test_the_is_a_links_the_engine_relies_on() -> None:
    lexicon = load()
    assert "physician" in lexicon.ancestors("dermatologist")
    assert "physician" not in lexicon.ancestors("dentist")
    assert "lawyer" in lexicon.ancestors("employment_lawyer")
    assert "lawyer" in lexicon.ancestors("patent_attorney")


def test_words_file_has_every_list() -> None:
    words = load_words()
    assert {"the", "il", "my", "della"} <= words.stopwords
    assert {"need", "cerco"} <= words.request_words
    assert "lawyer" not in words.stopwords | words.request_words
    assert words.table["fixed"] == "repair"
    raw = json.loads((FOLDER / "words.json").read_text(encoding="utf-8"))
    assert {"stopwords", "request_words", "ignore_phrases", "fillers", "equivalents"} <= set(raw)


def test_compiled_lexicon_has_phrases_problems_and_vocabulary() -> None:
    compiled = compile_lexicon(load())
    keys = {row[0] for row in compiled.phrases}
    assert "lawyer" in keys and "avvoc" in keys
    assert compiled.problem_words and "lawyer" in compiled.vocabulary
