"""Is a word English or Italian, and how common is it?

``spelling/words.tsv`` (built by ``tools/build_spelling.py``) lists folded
words of both languages, sorted, each with a rank of how common it is in
English and in Italian (``round(4 × log10(count))``, empty when not a word of
that language).  Look-ups bisect the memory-mapped file, so
nothing is loaded: a question costs a few microseconds, and only words that
the lexicon and the journal do not know are asked about.
"""

from __future__ import annotations

import mmap
from functools import lru_cache
from pathlib import Path

# A word this common or more is never a typo; rarer words (names, odd forms)
# yield only to a far more common word one letter away.
COMMON = 8  # about 100 occurrences in the source corpus


@lru_cache(maxsize=1)
def _words() -> mmap.mmap | bytes:
    # Beside this module (importlib.resources and its zip reader cost ~8 ms to load).
    path = Path(__file__).parent / "spelling" / "words.tsv"
    try:
        with open(path, "rb") as handle:
            return mmap.mmap(handle.fileno(), 0, access=mmap.ACCESS_READ)
    except (OSError, ValueError):  # not a plain file (a zip install): read it whole
        from importlib import resources

        return (resources.files("netjournal.matching") / "spelling" / "words.tsv").read_bytes()


@lru_cache(maxsize=8192)
def ranks(word: str) -> tuple[int | None, int | None]:
    """How common a folded word is in English and in Italian (0 … ~30, None: not a word)."""
    if not (word.isascii() and word.isalpha() and word.islower()):
        return (None, None)  # every word of the list is a-z only: a number, say, is none
    data = _words()
    target = word.encode("ascii", "replace")
    lo, hi = 0, len(data)
    while lo < hi:
        mid = (lo + hi) // 2
        start = data.rfind(b"\n", 0, mid) + 1
        end = data.find(b"\n", start)
        if end < 0:
            end = len(data)
        key, _tab, value = data[start:end].partition(b"\t")
        if key == target:
            en, _tab, it = value.partition(b"\t")
            return (int(en) if en else None, int(it) if it else None)
        if key < target:
            lo = end + 1
        else:
            hi = start
    return (None, None)


def rank(word: str) -> int | None:
    """How common a folded word is in either language, or None when it is a word of neither."""
    found = [r for r in ranks(word) if r is not None]
    return max(found) if found else None


def is_word(word: str) -> bool:
    """A common word of English or Italian (never corrected)."""
    found = rank(word)
    return found is not None and found >= COMMON


def english_only(word: str) -> bool:
    """A common English word that is no Italian word ("dented", "car"): not stemmed as Italian."""
    en, it = ranks(word)
    return en is not None and en >= COMMON and it is None
