"""Small words right: "1 time", "2 times", "an accountant", "0" not "+0"."""

from __future__ import annotations

_VOWEL_SOUND_EXCEPTIONS = ("uni", "use", "eu", "one", "once")
_SILENT_H = ("hour", "honest", "honou", "heir")


def plural(count: int, one: str, many: str | None = None) -> str:
    """``plural(1, "time")`` → ``"1 time"``; ``plural(3, "person", "people")`` → ``"3 people"``."""
    return f"{count} {one if count == 1 else (many or one + 's')}"


def article(phrase: str) -> str:
    """``"an accountant"``, ``"a lawyer"``, ``"a university friend"``, ``"an hour"``."""
    word = phrase.strip().lower()
    if word.startswith(_SILENT_H):
        return f"an {phrase}"
    if word[:1] in "aeiou" and not word.startswith(_VOWEL_SOUND_EXCEPTIONS):
        return f"an {phrase}"
    return f"a {phrase}"


def signed(number: int) -> str:
    """``+2``, ``-1``, and ``0`` (never ``+0``)."""
    return f"{number:+d}" if number else "0"
