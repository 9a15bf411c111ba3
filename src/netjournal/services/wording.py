"""Unquoted words: which of the words typed after a command name people, and which are text.

``net log kenji had lunch`` and ``net log Kenji Tanaka had lunch`` name
Kenji and say "had lunch"; ``net log sofia kenji dinner`` names two people.
The rules, so that nobody is named by accident:

- the last word is always text (quote a text of several words to be sure:
  ``net log sofia kenji "dinner with the team"``);
- the first person may be any reference :func:`resolve` takes (a prefix
  too), in up to four words, the longest that names someone;
- a further person must be named exactly: a key, a full name, an alias, or a
  whole word of one person's name (``kenji``), never a mere prefix, so that
  "had" does not name Hadley.
"""

from __future__ import annotations

import sqlite3

from netjournal.errors import Ambiguous, InvalidInput, NetjournalError, NotFound
from netjournal.matching.text import fold
from netjournal.services.people import resolve

MAX_NAME_WORDS = 4
Found = tuple[int, str, str]


def person_words(conn: sqlite3.Connection, words: list[str]) -> Found:
    """One person named by all the words (``net show Kenji Tanaka``)."""
    ref = " ".join(w.strip() for w in words if w.strip())
    if len(words) > 1:
        try:
            return resolve(conn, ref)
        except NotFound as exc:
            raise NotFound(exc.message, hint=(exc.hint or "") + _QUOTE_HINT) from None
    return resolve(conn, ref)


_QUOTE_HINT = '; quote a name of several words: "Anna Rossi"'


def exactly(conn: sqlite3.Connection, ref: str) -> Found | None:
    """The one person a reference names exactly, or None (no prefixes)."""
    raw = ref.strip()
    if not raw:
        return None
    folded = fold(raw)
    for sql, params in (
        ("SELECT id, key, name FROM person WHERE key = ?", (raw.lower(),)),
        ("SELECT id, key, name FROM person WHERE norm_name = ?", (folded,)),
        (
            "SELECT DISTINCT p.id, p.key, p.name FROM person_label l JOIN person p "
            "ON p.id = l.person_id WHERE l.kind = 'alias' AND l.norm = ?",
            (folded,),
        ),
        (
            "SELECT id, key, name FROM person WHERE instr(' ' || norm_name || ' ', ?) > 0",
            (f" {folded} ",),
        ),
    ):
        rows = conn.execute(sql + " LIMIT 2", params).fetchall()
        if len(rows) == 1:
            return int(rows[0][0]), rows[0][1], rows[0][2]
        if rows:
            return None
    return None


def people_and_text(
    conn: sqlite3.Connection, words: list[str], *, most: int | None = None
) -> tuple[list[Found], str]:
    """Split ``words`` into the people they start with and the text after them."""
    words = [w for w in words if w.strip()]
    if len(words) < 2:
        what = "a person and what happened" if not words else "what happened"
        raise InvalidInput(f"give {what}", hint='e.g. net log kenji "had lunch near the office"')
    people: list[Found] = []
    i = 0
    while i < len(words) - 1 and (most is None or len(people) < most):
        found = _first(conn, words, i) if not people else _further(conn, words, i)
        if found is None:
            break
        person, used = found
        if person[0] not in {p[0] for p in people}:
            people.append(person)
        i += used
    return people, " ".join(words[i:])


def _first(conn: sqlite3.Connection, words: list[str], i: int) -> tuple[Found, int]:
    longest = min(MAX_NAME_WORDS, len(words) - 1 - i)
    for size in range(longest, 1, -1):
        ref = " ".join(words[i : i + size])
        found = exactly(conn, ref)
        if found is None:
            try:
                found = resolve(conn, ref)
            except NetjournalError:
                continue
        return found, size
    try:
        return resolve(conn, words[i]), 1
    except Ambiguous:
        raise
    except NotFound as exc:
        raise NotFound(exc.message, hint=exc.hint) from None


def _further(conn: sqlite3.Connection, words: list[str], i: int) -> tuple[Found, int] | None:
    longest = min(MAX_NAME_WORDS, len(words) - 1 - i)
    for size in range(longest, 0, -1):
        found = exactly(conn, " ".join(words[i : i + size]))
        if found is not None:
            return found, size
    return None
