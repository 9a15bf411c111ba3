"""Text normalisation shared by name lookup and need matching.

``fold`` lowercases and removes accents; ``words`` splits folded text into
words (keeping ``c++``, ``c#`` and ``node.js`` whole); ``stem`` gives the
English and Italian Snowball stems of a word.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache
from typing import Any

_WORD = re.compile(r"[a-z0-9]+(?:[+#]+|\.(?:js|net)\b)?|[+#]")
_SPACE = re.compile(r"\s+")
_APOSTROPHE_S = re.compile(r"(\w)['’]s\b")


def fold(text: str) -> str:
    """Lowercase, strip accents and collapse white space."""
    if text.isascii():
        return " ".join(text.lower().split())
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    stripped = "".join(c for c in decomposed if not unicodedata.combining(c))
    return _SPACE.sub(" ", stripped).strip()


def words(text: str) -> list[str]:
    """The words of a text, folded; an English possessive 's is dropped."""
    folded = _APOSTROPHE_S.sub(r"\1", fold(text).replace("’", "'").replace("n't", " not"))
    return [w for w in _WORD.findall(folded.replace("-", " ").replace("'", " ")) if w]


_SENTENCE_END = re.compile(r"(?<=[.!?;])\s+")


def sentences(text: str) -> tuple[list[int], frozenset[int]]:
    """For each word of ``text`` (as :func:`words` splits it), its sentence; and the questions."""
    of: list[int] = []
    questions: set[int] = set()
    for n, part in enumerate(_SENTENCE_END.split(text.strip())):
        of += [n] * len(words(part))
        if part.rstrip().endswith("?"):
            questions.add(n)
    return of, frozenset(questions)


@lru_cache(maxsize=2)
def _stemmer(language: str) -> Any:
    import snowballstemmer

    return snowballstemmer.stemmer(language)


@lru_cache(maxsize=65536)
def stem_en(word: str) -> str:
    """English stem; short words only lose a plural ``s`` ("vets" → "vet")."""
    if len(word) <= 4 or not word.isalpha():
        return word[:-1] if len(word) == 4 and word.endswith("s") and word[2] != "s" else word
    return str(_stemmer("english").stemWord(word))


@lru_cache(maxsize=65536)
def stem_it(word: str) -> str:
    """Italian stem; words of four letters or less are kept whole ("taxi" is not "tax")."""
    if len(word) <= 4 or not word.isalpha():
        return word
    return str(_stemmer("italian").stemWord(word))


def slug(text: str) -> str:
    """A lowercase ASCII slug for keys: ``Anna Rossi`` → ``anna-rossi``, ``Søren`` → ``soren``.

    Letters of every script are transliterated (anyascii): ``Иван Петров`` →
    ``ivan-petrov``, ``やまだ たろう`` → ``yamada-tarou``.
    """
    if not text.isascii():
        from anyascii import anyascii

        text = anyascii(unicodedata.normalize("NFC", text))
    return "-".join(re.findall(r"[a-z0-9]+", fold(text)))
