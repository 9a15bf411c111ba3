"""Lists of ids cut into parts small enough for one ``IN (?, ?, …)`` of SQLite."""

from __future__ import annotations

from collections.abc import Iterator, Sequence

CHUNK = 500


def chunks(items: Sequence[str] | Sequence[int], size: int = CHUNK) -> Iterator[list]:  # type: ignore[type-arg]
    seq = list(items)
    for i in range(0, len(seq), size):
        yield seq[i : i + size]
