"""Checks of what a person types or a file holds, before anything is written.

Every service that takes text from the command line or a file passes it
through these, so that the same text is refused the same way everywhere.
"""

from __future__ import annotations

import re
import unicodedata

from netjournal.errors import InvalidInput

MAX_TEXT = 10_000
MAX_NAME = 300
MAX_LABEL = 300

_CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")
# A JSON text holds a control character only raw or as a \\u escape.
_CONTROL_ESCAPE = re.compile(r"\\u00(?:[01][0-9a-fA-F]|7[fF]|[89][0-9a-fA-F])")


def has_control_chars(text: str) -> bool:
    """C0 and C1 control characters, NUL and DEL; tab and line breaks are fine."""
    return _CONTROL.search(text) is not None


def json_has_control_chars(text: str) -> bool:
    """Could the JSON text decode to a string with a control character?"""
    return has_control_chars(text) or _CONTROL_ESCAPE.search(text) is not None


def check_text(value: str | None, what: str, *, limit: int = MAX_TEXT) -> str | None:
    """Clean a text typed by a person; refuse control characters and huge texts."""
    if value is None:
        return None
    if "\x00" in value:
        raise InvalidInput(f"the {what} contains a NUL byte")
    if has_control_chars(value):
        raise InvalidInput(f"the {what} contains control characters")
    if len(value) > limit * 4:  # refused before any work on a huge text
        raise InvalidInput(f"the {what} is too long (more than {limit} characters)")
    value = unicodedata.normalize("NFC", value.strip())  # one spelling for é typed two ways
    if len(value) > limit:
        raise InvalidInput(f"the {what} is too long ({len(value)} characters; at most {limit})")
    return value or None


def required_text(value: str, what: str, *, limit: int = MAX_TEXT) -> str:
    """A text that must not be empty (a note, what the help was, a need)."""
    text = check_text(value, what, limit=limit)
    if not text:
        raise InvalidInput(f"the {what} is empty", hint=f"say in a few words the {what}")
    return text


def check_name(value: str) -> str:
    """A person's name: one line, not empty, not huge."""
    name = check_text(value, "name", limit=MAX_NAME)
    if not name:
        raise InvalidInput("the name is empty", hint="give the person's name, e.g. 'Anna Rossi'")
    if "\n" in name or "\r" in name or "\t" in name:
        raise InvalidInput("the name must be on one line")
    return name


def check_cadence(days: int | None) -> int | None:
    """A cadence is a positive number of days (None: unset)."""
    if days is not None and days <= 0:
        raise InvalidInput(f"a cadence must be a positive number of days, not {days}")
    return days
