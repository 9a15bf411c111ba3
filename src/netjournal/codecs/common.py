"""Small helpers the codecs share: dates, cleaning, problems, documents."""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from datetime import date
from typing import NoReturn

from pydantic import ValidationError

from netjournal.codecs.document import Document, PersonRecord, TieRecord
from netjournal.errors import InvalidFile

BOM = "\ufeff"
NEWLINE = re.compile(r"\r\n|\r|\n")

_FULL_DATE = re.compile(r"(\d{4})-?(\d{2})-?(\d{2})")
_ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")


def strip_bom(text: str) -> str:
    """Drop a leading UTF-8 byte order mark."""
    return text[1:] if text.startswith(BOM) else text


def clean(value: str | None) -> str | None:
    """Strip a text and unify its line ends; an empty text is no value."""
    if value is None:
        return None
    value = NEWLINE.sub("\n", value).strip()
    return value or None


def excerpt(text: str, width: int = 40) -> str:
    """Quote the start of a line for a problem message."""
    text = text.strip()
    if len(text) > width:
        text = text[: width - 1] + "…"
    return repr(text)


def parse_iso_date(text: str) -> date:
    """Read a ``YYYY-MM-DD`` date; raise ValueError for anything else."""
    text = text.strip()
    if not _ISO_DATE.fullmatch(text):
        raise ValueError(f"not a YYYY-MM-DD date: {text!r}")
    return date.fromisoformat(text)


def parse_full_date(text: str) -> date | None:
    """Read ``YYYY-MM-DD`` or ``YYYYMMDD``, ignoring a time part.

    Return None when the text is a date without a year (``--0312``,
    ``--03-12``) or only a year and month; raise ValueError when it is no
    date at all.
    """
    text = text.strip().split("T", 1)[0]
    if text.startswith("--") or re.fullmatch(r"\d{4}(-\d{2})?", text):
        return None
    match = _FULL_DATE.fullmatch(text)
    if match is None:
        raise ValueError(f"not a date: {text!r}")
    year, month, day = (int(part) for part in match.groups())
    return date(year, month, day)


def lenient_birthday(text: str | None) -> date | None:
    """Read a birthday from another program's export, or None.

    A birthday is a nicety: one without a year, or one written in a way not
    understood, is skipped rather than failing the whole import.
    """
    if not text:
        return None
    try:
        return parse_full_date(text)
    except ValueError:
        return None


def parse_cadence(text: str) -> int:
    """Read a cadence in days: a whole number above zero."""
    value = int(text.strip())
    if value <= 0:
        raise ValueError(f"not above zero: {value}")
    return value


def make_person(
    where: str, fields: Mapping[str, object], problems: list[str]
) -> PersonRecord | None:
    """Validate one person's fields; on failure add problems and return None."""
    try:
        return PersonRecord.model_validate(dict(fields))
    except ValidationError as exc:
        for error in exc.errors():
            field = ".".join(str(part) for part in error["loc"]) or "record"
            problems.append(f"{where}: {field}: {error['msg']}")
        return None


def new_document(people: Iterable[PersonRecord], ties: Iterable[TieRecord] = ()) -> Document:
    """Wrap people (and ties) read from a file in a version 1 document."""
    return Document(format="netjournal", version=1, people=list(people), ties=list(ties))


def fail(what: str, problems: list[str], hint: str | None = None) -> NoReturn:
    """Raise InvalidFile for a malformed file of kind ``what``.

    The message names the first problem and how many more there are, so that
    it is useful on its own; ``problems`` lists them all.
    """
    message = f"malformed {what}: {problems[0]}"
    if len(problems) > 1:
        more = len(problems) - 1
        message += f" (and {more} more problem{'s' if more > 1 else ''})"
    raise InvalidFile(message, problems=list(problems), hint=hint)
