"""The concept lexicon: professions, trades and skills, English and Italian.

The lexicon is data: one file per domain (``lexicon/law.json``,
``lexicon/health.json``, …) checked against ``lexicon.schema.json``.  Each
concept has an id, ``broader`` concepts it is a kind of, labels in both
languages, problems it solves (sets of words that must all appear in a need),
labels that are ``ambiguous`` in free text, and ``examples``: needs that a
test runs through need understanding.  ``words.json`` holds stop words,
request words and phrases to ignore.

Generated files (``generated.json``, made by ``tools/build_knowledge.py``
from WordNet and ESCO) add concepts that carry their own ``domain``, and
``additions``: more labels and problems for concepts defined elsewhere.

:func:`compile_lexicon` turns it into rows for the journal's matching index,
so that answering a need is a few indexed look-ups, not a load of this file.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

from netjournal.matching.text import fold, stem_en, stem_it, words

# Bump when the way rows are made changes, so journals rebuild their index.
ENGINE_VERSION = 10
IGNORE = "_ignore"


class LexiconError(ValueError):
    """The lexicon data is inconsistent (a defect of the package, not of input)."""


@dataclass
class ConceptDef:
    id: str
    domain: str
    broader: list[str]
    en: list[str]
    it: list[str]
    problems: list[str] = field(default_factory=list)
    ambiguous: list[str] = field(default_factory=list)
    examples: list[str] = field(default_factory=list)

    @property
    def label(self) -> str:
        return (self.en or self.it or [self.id.replace("_", " ")])[0]


@dataclass
class Lexicon:
    """The concepts; the shared word lists live in :func:`load_words`."""

    concepts: dict[str, ConceptDef]

    def ancestors(self, concept_id: str) -> dict[str, int]:
        """The concept and every broader one, with the number of steps up."""
        found = {concept_id: 0}
        frontier = [concept_id]
        while frontier:
            nxt = []
            for cid in frontier:
                for up in self.concepts[cid].broader:
                    if up not in found:
                        found[up] = found[cid] + 1
                        nxt.append(up)
            frontier = nxt
        return found


WORDS_FILE = "words.json"


def _data(*parts: str) -> bytes:
    """A data file of this package: read beside this module, else through importlib.resources.

    ``importlib.resources`` (and the zip reader it loads) costs about 8 ms of
    start-up that a plain install does not need.
    """
    try:
        return Path(__file__).parent.joinpath(*parts).read_bytes()
    except OSError:  # not a plain folder (a zip install)
        from importlib import resources

        return resources.files("netjournal.matching").joinpath(*parts).read_bytes()


def _files() -> Iterator[tuple[str, bytes]]:
    from importlib import resources

    folder = resources.files("netjournal.matching") / "lexicon"
    for entry in sorted(folder.iterdir(), key=lambda e: e.name):
        if entry.name.endswith(".json"):
            yield entry.name, entry.read_bytes()


@lru_cache(maxsize=1)
def schema() -> dict[str, Any]:
    """The JSON Schema of a domain file (``lexicon.schema.json``)."""
    raw = _data("lexicon.schema.json")
    result: dict[str, Any] = json.loads(raw)
    return result


@dataclass(frozen=True)
class Words:
    stopwords: frozenset[str]
    request_words: frozenset[str]
    ignore_phrases: tuple[str, ...]
    # Words left out of problem sets: articles, prepositions, pronouns, negation.
    fillers: frozenset[str] = frozenset()
    # Words just before a profession in notes that show it is someone else's
    # ("her husband is a lawyer", "they see the orthodontist").
    third_party_cues: frozenset[str] = frozenset()
    # Words just before a trade that make it a need or a recommendation, not a
    # skill ("she needs an electrician", "recommended me a dentist").
    referral_cues: frozenset[str] = frozenset()
    # Everyday variants read as one word ("fixed", "aggiustare" → "repair").
    equivalents: tuple[tuple[str, str], ...] = ()
    # A city's names in both languages, each folded name → the canonical one.
    cities: tuple[tuple[str, str], ...] = ()
    # Words before a place that make it where the need is ("in", "a Bologna").
    place_words: frozenset[str] = frozenset()

    @property
    def table(self) -> dict[str, str]:
        return _equivalents_table(self.equivalents)

    def canonical(self, tokens: list[str]) -> list[str]:
        table = self.table
        return [table.get(t) or _plain_degree(t) for t in tokens]


SUPERLATIVE = ("issimo", "issima", "issimi", "issime")


def _plain_degree(token: str) -> str:
    """An Italian absolute superlative read as its adjective: "lentissimo" → "lento".

    The stem is what matching compares, so "fortissimo" → "forto" stems as
    "forte" does.
    """
    if len(token) >= 9 and token.endswith(SUPERLATIVE):
        return token[:-6] + token[-1]
    return token


@lru_cache(maxsize=4)
def _equivalents_table(pairs: tuple[tuple[str, str], ...]) -> dict[str, str]:
    return dict(pairs)


@lru_cache(maxsize=1)
def load_words() -> Words:
    """Stop words, request words and phrases to ignore (``words.json`` only)."""
    data: dict[str, Any] = json.loads(_data("lexicon", WORDS_FILE))

    def both(name: str) -> frozenset[str]:
        found: set[str] = set()
        for lang in ("en", "it"):
            found.update(fold(w) for w in data.get(name, {}).get(lang, []))
        return frozenset(found)

    return Words(
        stopwords=both("stopwords"),
        request_words=both("request_words"),
        ignore_phrases=tuple(data.get("ignore_phrases", [])),
        fillers=both("fillers"),
        third_party_cues=both("third_party_cues"),
        referral_cues=both("referral_cues"),
        cities=tuple(
            (fold(name), fold(canonical))
            for canonical, names in data.get("city_names", {}).items()
            for name in [canonical, *names]
        ),
        place_words=both("place_words"),
        equivalents=tuple(
            (fold(variant), fold(canonical))
            for canonical, variants in data.get("equivalents", {}).items()
            for variant in variants
        ),
    )


@lru_cache(maxsize=1)
def fingerprint() -> str:
    """A fingerprint of the lexicon files and of the way they are compiled."""
    hasher = hashlib.sha256(f"engine {ENGINE_VERSION}".encode())
    for name, raw in _files():
        hasher.update(name.encode() + raw)
    return hasher.hexdigest()[:16]


@lru_cache(maxsize=1)
def load() -> Lexicon:
    """Read and check the lexicon shipped with the package."""
    return parse((name, json.loads(raw)) for name, raw in _files() if name != WORDS_FILE)


def parse(files: Iterable[tuple[str, Any]]) -> Lexicon:
    """Check domain files against the schema and gather their concepts.

    ``additions`` are applied once every file is read, so a generated file
    can extend a concept of any domain file.  Refused, with the file and the
    concept named: an addition to an unknown concept, a key the schema does not
    know (a misspelt ``"problem"`` would otherwise be dropped), a missing
    required key, a concept defined twice, a ``broader`` link to nothing, and
    a cycle of ``broader`` links.
    """
    spec = schema()
    file_keys = set(spec["properties"])
    concept_spec = spec["properties"]["concepts"]["items"]
    concept_keys = set(concept_spec["properties"])
    addition_keys = set(spec["properties"]["additions"]["items"]["properties"])
    where: dict[str, str] = {}
    concepts: dict[str, ConceptDef] = {}
    additions: list[tuple[str, dict[str, Any]]] = []
    for name, data in files:
        if not isinstance(data, dict):
            raise LexiconError(f"{name}: a domain file is a JSON object")
        _check_keys(name, data, file_keys, spec["required"])
        domain = data["domain"]
        if f"{domain}.json" != name:
            raise LexiconError(f"{name}: domain {domain!r} must match the file name")
        for i, item in enumerate(data["concepts"]):
            place = f"{name}: concepts[{i}]"
            if not isinstance(item, dict):
                raise LexiconError(f"{place}: a concept is a JSON object")
            _check_keys(place, item, concept_keys, concept_spec["required"])
            for key in concept_keys - {"id", "domain"}:
                value = item.get(key, [])
                if not isinstance(value, list) or not all(
                    isinstance(x, str) and x.strip() for x in value
                ):
                    raise LexiconError(f"{place}.{key}: a list of non-empty strings")
            cid = item["id"]
            if cid in concepts:
                raise LexiconError(f"{place}: concept {cid!r} is already defined in {where[cid]}")
            where[cid] = name
            concepts[cid] = ConceptDef(
                id=cid,
                domain=str(item.get("domain", domain)),
                broader=list(item.get("broader", [])),
                en=list(item["en"]),
                it=list(item.get("it", [])),
                problems=list(item.get("problems", [])),
                ambiguous=list(item.get("ambiguous", [])),
                examples=list(item["examples"]),
            )
        for i, item in enumerate(data.get("additions", [])):
            place = f"{name}: additions[{i}]"
            if not isinstance(item, dict):
                raise LexiconError(f"{place}: an addition is a JSON object")
            _check_keys(place, item, addition_keys, ["id"])
            for key in addition_keys - {"id"}:
                value = item.get(key, [])
                if not isinstance(value, list) or not all(
                    isinstance(x, str) and x.strip() for x in value
                ):
                    raise LexiconError(f"{place}.{key}: a list of non-empty strings")
            additions.append((place, item))
    for place, item in additions:
        target = concepts.get(item["id"])
        if target is None:
            raise LexiconError(f"{place}: addition to unknown concept {item['id']!r}")
        for key in ("en", "it", "problems", "ambiguous"):
            have = getattr(target, key)
            have.extend(x for x in item.get(key, []) if x not in have)
    for concept in concepts.values():
        unknown = [b for b in concept.broader if b not in concepts]
        if unknown:
            raise LexiconError(f"concept {concept.id!r}: unknown broader {unknown}")
    cycle = find_cycle(concepts)
    if cycle:
        raise LexiconError(f"broader links make a cycle: {' → '.join(cycle)}")
    return Lexicon(concepts=concepts)


def _check_keys(place: str, data: dict[str, Any], allowed: set[str], required: list[str]) -> None:
    unknown = sorted(set(data) - allowed)
    if unknown:
        raise LexiconError(
            f"{place}: unknown key {unknown[0]!r} (known: {', '.join(sorted(allowed))})"
        )
    missing = [k for k in required if k not in data]
    if missing:
        raise LexiconError(f"{place}: missing key {missing[0]!r}")


def find_cycle(concepts: dict[str, ConceptDef]) -> list[str]:
    """A chain of ``broader`` links that comes back to its start, or ``[]``."""
    state: dict[str, int] = {}  # 1: on the current path, 2: done
    for root in concepts:
        if root in state:
            continue
        path: list[str] = [root]
        stack: list[Iterator[str]] = [iter(concepts[root].broader)]
        state[root] = 1
        while stack:
            nxt = next(stack[-1], None)
            if nxt is None:
                state[path.pop()] = 2
                stack.pop()
            elif state.get(nxt) == 1:
                return [*path[path.index(nxt) :], nxt]
            elif nxt not in state:
                state[nxt] = 1
                path.append(nxt)
                stack.append(iter(concepts[nxt].broader))
    return []


def phrase_keys(tokens: list[str]) -> set[str]:
    """The look-up keys of a run of words: English and Italian stems joined."""
    return {" ".join(stem_en(t) for t in tokens), " ".join(stem_it(t) for t in tokens)}


@dataclass
class CompiledLexicon:
    concepts: list[tuple[str, str, str]]
    closure: list[tuple[str, str, int]]
    phrases: list[tuple[str, str, str, bool, bool]]
    problem_words: list[tuple[str, int, int, str, int, str]]
    vocabulary: set[str]


def compile_lexicon(lexicon: Lexicon) -> CompiledLexicon:
    """Rows for the matching index tables."""
    out = CompiledLexicon([], [], [], [], set())
    phrases: dict[tuple[str, str], tuple[str, str, str, bool, bool]] = {}
    problem_id = 0
    shared = load_words()
    fillers = shared.fillers
    for concept in lexicon.concepts.values():
        out.concepts.append((concept.id, concept.domain, concept.label))
        for ancestor, depth in lexicon.ancestors(concept.id).items():
            out.closure.append((ancestor, concept.id, depth))
        ambiguous = {fold(a) for a in concept.ambiguous}
        generic = set(shared.table.values())
        for label in concept.en + concept.it:
            surface = words(label)
            toks = shared.canonical(surface)
            # "mending" read as "repair" would make every repair a tailor's.
            if not toks or (len(toks) == 1 and toks[0] in generic):
                continue
            out.vocabulary.update(t for t in surface + toks if len(t) >= 4)
            for key in phrase_keys(toks):
                phrases.setdefault(
                    (key, concept.id), (key, concept.id, label, fold(label) in ambiguous, False)
                )
        label_sets = [
            label
            for label in concept.en + concept.it
            if 2 <= len([t for t in words(label) if t not in fillers]) <= 3
            and fold(label) not in ambiguous
        ]
        for problem in concept.problems + label_sets:
            toks = [t for t in shared.canonical(words(problem)) if t not in fillers]
            if not toks:
                continue
            problem_id += 1
            out.vocabulary.update(t for t in toks if len(t) >= 4)
            for position, tok in enumerate(toks):
                for stem in {stem_en(tok), stem_it(tok)}:
                    out.problem_words.append(
                        (stem, problem_id, position, concept.id, len(toks), problem)
                    )
    for phrase in shared.ignore_phrases:
        toks = shared.canonical(words(phrase))
        for key in phrase_keys(toks):
            phrases[(key, IGNORE)] = (key, IGNORE, phrase, False, True)
    out.phrases = list(phrases.values())
    return out
