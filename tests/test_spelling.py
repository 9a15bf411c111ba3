"""A word of English or Italian is not a typo; a misspelt trade still is."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from netjournal.matching import spelling
from netjournal.services.ask import correct_typos
from netjournal.services.evidence import ensure_index
from netjournal.store import Journal, open_journal


@pytest.fixture(scope="module")
def journal(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Journal]:
    path: Path = tmp_path_factory.mktemp("spelling") / "j.db"
    store = open_journal(path)
    ensure_index(store)
    yield store
    store.close()


def fixed(journal: Journal, *tokens: str) -> list[str]:
    with journal.read() as conn:
        return correct_typos(conn, list(tokens), frozenset())


@pytest.mark.parametrize(
    "word", ["sister", "rains", "fabbro", "origami", "lawn", "knee", "motor", "nonna", "tedesco"]
)
def test_a_word_of_either_language_is_left_alone(journal: Journal, word: str) -> None:
    assert spelling.is_word(word)
    assert fixed(journal, word) == [word]


@pytest.mark.parametrize(
    ("typo", "word"),
    [
        ("docter", "doctor"),  # the commoner of two words a letter away, not "docker"
        ("lawer", "lawyer"),
        ("acountant", "accountant"),
        ("idraulcio", "idraulico"),
        ("bookeeper", "bookkeeper"),
        ("andriod", "android"),
        ("avocato", "avvocato"),
        ("plummer", "plumber"),  # a surname in the word list, far rarer than the trade
    ],
)
def test_a_misspelt_word_is_corrected(journal: Journal, typo: str, word: str) -> None:
    assert fixed(journal, typo) == [word]


def test_the_word_list_is_sorted_and_looked_up_exactly() -> None:
    assert spelling.rank("zzzzqx") is None
    assert spelling.rank("aachen") is not None and not spelling.is_word("aachen")
    assert spelling.rank("sister") == spelling.rank("sister")
    raw = (Path(spelling.__file__).parent / "spelling" / "words.tsv").read_text("ascii")
    words = [line.split("\t")[0] for line in raw.splitlines()]
    assert words == sorted(words) and len(words) == len(set(words)) > 100_000
    for word in words[:: len(words) // 50]:
        assert spelling.rank(word) is not None, word
    # ``ranks`` answers "no word" without a look-up for anything but a-z: so must the list.
    assert all(w.isascii() and w.isalpha() and w.islower() for w in words)
    for other in ("12345", "mp3", "Sister", "città", "e-mail", ""):
        assert spelling.ranks(other) == (None, None), other


def _common_words() -> list[str]:
    raw = (Path(spelling.__file__).parent / "spelling" / "words.tsv").read_text("ascii")
    out = []
    for line in raw.splitlines():
        word, en, it = line.split("\t")
        if max(int(en or 0), int(it or 0)) >= spelling.COMMON and word.isalpha():
            out.append(word)
    return out


COMMON_WORDS = _common_words()


@settings(max_examples=300)
@given(st.sampled_from(COMMON_WORDS))
def test_no_common_word_of_either_language_is_corrected(journal: Journal, word: str) -> None:
    """Whatever the word list calls a common English or Italian word is never a typo."""
    assert fixed(journal, word) == [word]


@pytest.mark.parametrize(
    "word",
    # Italian words of ISTAT's ATECO titles, English lemmas of WordNet: sources
    # the subtitles of the frequency lists lack.
    [
        *("elettrodomestici", "piastrelle", "apparecchiature", "infissi", "termoidraulico"),
        *("ferramenta", "plasterboard", "soffit", "resole", "architrave"),
    ],
)
def test_words_of_the_dictionaries_beside_subtitles_are_words(journal: Journal, word: str) -> None:
    assert spelling.is_word(word)
    assert fixed(journal, word) == [word]
