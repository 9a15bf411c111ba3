"""The concept lexicon is consistent data."""

from __future__ import annotations

import json
from importlib import resources

from netjournal.matching.lexicon import compile_lexicon, load, load_words
from netjournal.matching.text import fold

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
        # ancestors() terminates and never finds the concept above itself
        assert lexicon.ancestors(concept.id)[concept.id] == 0


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
