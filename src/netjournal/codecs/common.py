"""Small helpers the codecs share: dates, cleaning, problems, documents."""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date
from typing import NoReturn

from pydantic import ValidationError

from netjournal.codecs.document import Document, PersonRecord, TieRecord
from netjournal.errors import InvalidFile

BOM = "\ufeff"
NEWLINE = re.compile(r"\r\n|\r|\n")
_CRS_LF = re.compile(r"\r+\n")

#: A stand-in year some address books write for a birthday without one (Apple: 1604).
NO_YEAR = frozenset({1604})


@dataclass(frozen=True)
class Skipped:
    """A record of a contacts file that was not imported, and why."""

    where: str  # "line 53", "card 7 (line 120)"
    why: str  # "no name"

    def public(self) -> dict[str, str]:
        return {"where": self.where, "why": self.why}

    def __str__(self) -> str:
        return f"{self.where}: {self.why}"


@dataclass
class Contacts:
    """What a contacts file from other software gave: people, and what was left out.

    ``wheres`` names the record each person came from (parallel to
    ``document.people``), so that the importer can say which records it
    merged; ``notes`` are things worth saying that cost no record (a column
    that was not read).
    """

    document: Document
    skipped: list[Skipped] = field(default_factory=list)
    wheres: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)

    @property
    def people(self) -> list[PersonRecord]:
        return self.document.people

    @property
    def ties(self) -> list[TieRecord]:
        return self.document.ties


def unify_line_ends(text: str) -> str:
    """Every line end as ``\n``: CRLF, CR CR LF (iPhone), and bare CR (old Macs).

    A bare CR in a file whose lines end otherwise is text inside a record
    (Thunderbird writes one in notes): it becomes a space, so that it can
    never split a record.
    """
    text = _CRS_LF.sub("\n", text)
    if "\r" in text:
        text = text.replace("\r", " " if "\n" in text else "\n")
    return text


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


_NO_YEAR_TEXT = re.compile(r"(?:--|0000-?)(\d{2})-?(\d{2})")


def lenient_birthday(text: str | None, *, omit_year: str | None = None) -> str | None:
    """Read a birthday from another program's export: ``YYYY-MM-DD``, ``--MM-DD`` or None.

    ``--0416`` and ``--04-16`` have no year; so has a date in a stand-in year
    (1604, as Apple writes, or ``omit_year``).  A birthday written in a way
    not understood is left out rather than failing the record.
    """
    if not text:
        return None
    text = text.strip()
    if match := _NO_YEAR_TEXT.fullmatch(text.split("T", 1)[0]):
        return _month_day(None, int(match.group(1)), int(match.group(2)))
    try:
        found = parse_full_date(text)
    except ValueError:
        found = None
    if found is None:
        try:
            found = parse_any_date(text)
        except ValueError:
            return None
    if found.year in NO_YEAR or (omit_year and str(found.year) == omit_year.strip()):
        return _month_day(None, found.month, found.day)
    return found.isoformat()


def _month_day(year: int | None, month: int, day: int) -> str | None:
    try:
        date(2000 if year is None else year, month, day)
    except ValueError:
        return None
    return f"--{month:02d}-{day:02d}" if year is None else f"{year:04d}-{month:02d}-{day:02d}"


# ------------------------------------------------------------------ dates of every shape

_MONTHS = ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec")
_TIME = re.compile(
    r"(?:,?\s*(?:at\s+)?\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?\s*(?:[ap]\.?m\.?)?"
    r"(?:\s*(?:z|utc|gmt|[+-]\d{2}:?\d{2}))?)$",
    re.IGNORECASE,
)
_D_MON_Y = re.compile(r"(\d{1,2})[ ./-]([A-Za-z]{3,})\.?,?[ ./-](\d{4}|\d{2})")
_MON_D_Y = re.compile(r"([A-Za-z]{3,})\.?[ -](\d{1,2})(?:st|nd|rd|th)?,?[ -](\d{4}|\d{2})")
_NUMERIC = re.compile(r"(\d{1,2})([/.-])(\d{1,2})\2(\d{4}|\d{2})")
_Y_M_D = re.compile(r"(\d{4})[/.-](\d{1,2})[/.-](\d{1,2})")


def month_number(name: str) -> int:
    """``Jan``, ``January``, ``Sept.`` → 1, 1, 9 (English, as exports write them)."""
    prefix = name[:3].lower()
    if prefix not in _MONTHS:
        raise ValueError(f"not a month: {name!r}")
    return _MONTHS.index(prefix) + 1


def full_year(text: str) -> int:
    """A year as written: two digits are this century up to this year, else the last."""
    year = int(text)
    if len(text) > 2:
        return year
    from netjournal.clock import today

    pivot = today().year % 100
    return year + (2000 if year <= pivot else 1900)


def parse_any_date(text: str, *, day_first: bool | None = None) -> date:
    """Read a date in any shape real exports use; raise ValueError otherwise.

    ``2024-10-21``, ``20241021``, ``2024/10/21``, ``21 Oct 2024``,
    ``21 October 2024``, ``5-Jan-26`` (Excel), ``Oct 21, 2024``,
    ``1/8/18, 6:14 PM`` (LinkedIn in 2018), ``21.10.2024``; a time of day
    after the date is ignored.  Numbers with slashes are month first unless
    ``day_first``, or unless the first number cannot be a month.
    """
    text = text.strip()
    if "T" in text and text[:4].isdigit():
        text = text.split("T", 1)[0]
    text = _TIME.sub("", text).strip().rstrip(",").strip()
    if match := _FULL_DATE.fullmatch(text) or _Y_M_D.fullmatch(text):
        return date(*(int(part) for part in match.groups()))
    if match := _D_MON_Y.fullmatch(text):
        return date(full_year(match[3]), month_number(match[2]), int(match[1]))
    if match := _MON_D_Y.fullmatch(text):
        return date(full_year(match[3]), month_number(match[1]), int(match[2]))
    if match := _NUMERIC.fullmatch(text):
        a, b = int(match[1]), int(match[3])
        dayfirst = day_first if day_first is not None else match[2] == "."
        if a > 12:
            dayfirst = True
        elif b > 12:
            dayfirst = False
        month, day = (b, a) if dayfirst else (a, b)
        return date(full_year(match[4]), month, day)
    raise ValueError(f"not a date: {text!r}")


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
    """Wrap people (and ties) read from a file in a document."""
    return Document.model_construct(
        format="netjournal",
        version=1,
        people=list(people),
        interactions=[],
        help=[],
        ties=list(ties),
        referrals=[],
    )


def name_from_contacts(emails: list[str], phones: list[str]) -> str | None:
    """The name of a nameless contact: their first e-mail, else their first phone."""
    for value in (*emails, *phones):
        if value.strip():
            return value.strip()
    return None


def record_person(
    where: str, fields: Mapping[str, object], skipped: list[Skipped]
) -> PersonRecord | None:
    """Validate one contact; a record that fails is skipped with the reason."""
    problems: list[str] = []
    person = make_person(where, fields, problems)
    if person is None:
        why = "; ".join(p.removeprefix(f"{where}: ") for p in problems)
        skipped.append(Skipped(where, why))
    return person


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
