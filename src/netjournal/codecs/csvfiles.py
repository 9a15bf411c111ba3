"""CSV import and export: LinkedIn, Google Contacts, Outlook and the journal's own CSV.

Columns are always found by their header name, never by position, so that
reordered or extra columns do no harm.  Files are parsed with the csv module
in strict mode: a quoted field left open (a file cut short) or stray text
after a closing quote fails the whole file with its line number.  Line
numbers are the file's physical lines, counting any preamble.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import date

from netjournal.codecs.common import (
    clean,
    fail,
    lenient_birthday,
    make_person,
    new_document,
    parse_cadence,
    parse_full_date,
    parse_iso_date,
    strip_bom,
)
from netjournal.codecs.document import Document, PersonRecord
from netjournal.fields import FIELD_NAMES
from netjournal.fields import LIST_FIELDS as LIST_FIELD_NAMES

# The journal's own CSV: every field of a person, the name first so that a
# spreadsheet shows whose row it is (see netjournal.fields).
FIELDS = ("name", *(f for f in FIELD_NAMES if f != "name"))
LIST_FIELDS = frozenset(LIST_FIELD_NAMES.values())
LINKEDIN_TAG = "linkedin"

_LINKEDIN_HEADER = ("First Name", "Last Name", "Connected On")
_MONTHS = ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec")
_DAY_MONTH_YEAR = re.compile(r"(\d{1,2})[ -]([A-Za-z]{3,})\.?,?[ -](\d{4})")
_MONTH_DAY_YEAR = re.compile(r"([A-Za-z]{3,})\.? (\d{1,2}),? (\d{4})")
_SLASHED = re.compile(r"(\d{1,2})/(\d{1,2})/(\d{2}|\d{4})")
_GOOGLE_SEPARATOR = ":::"
_GOOGLE_SYSTEM_LABELS = frozenset({"mycontacts", "starred"})


# ---------------------------------------------------------------- rows and headers


@dataclass(frozen=True)
class Row:
    """One CSV record and the physical line where it starts."""

    line: int
    cells: list[str]

    @property
    def blank(self) -> bool:
        return not any(cell.strip() for cell in self.cells)


def read_rows(text: str, what: str) -> list[Row]:
    """Parse the whole text strictly; a csv error fails with its line number."""
    reader = csv.reader(io.StringIO(strip_bom(text), newline=""), strict=True)
    rows: list[Row] = []
    start = 1
    try:
        for cells in reader:
            rows.append(Row(start, cells))
            start = reader.line_num + 1
    except csv.Error as exc:
        fail(what, [_csv_problem(exc, start, reader.line_num)])
    return rows


def _csv_problem(exc: csv.Error, start: int, end: int) -> str:
    if "unexpected end of data" in str(exc):
        return (
            f"line {start}: a quoted field is never closed (the file ends at line {end}"
            " inside it; is the file cut short?)"
        )
    return f"line {end}: {exc}"


def peek_rows(text: str, limit: int = 30) -> list[Row]:
    """Parse the first rows leniently, for telling formats apart."""
    reader = csv.reader(io.StringIO(strip_bom(text), newline=""))
    rows: list[Row] = []
    start = 1
    try:
        for cells in reader:
            rows.append(Row(start, cells))
            start = reader.line_num + 1
            if len(rows) >= limit:
                break
    except csv.Error:
        pass
    return rows


class Header:
    """A header row: finds cells by column name, ignoring case and spaces."""

    def __init__(self, row: Row) -> None:
        self.line = row.line
        self.names = [cell.strip() for cell in row.cells]
        self._index: dict[str, int] = {}
        for position, name in enumerate(self.names):
            self._index.setdefault(name.casefold(), position)

    def has(self, *names: str) -> bool:
        return all(name.casefold() in self._index for name in names)

    def cell(self, row: Row, name: str) -> str | None:
        position = self._index.get(name.casefold())
        if position is None or position >= len(row.cells):
            return None
        return clean(row.cells[position])

    def first(self, row: Row, names: Iterable[str]) -> str | None:
        """The first non-empty cell among the columns ``names``."""
        for name in names:
            value = self.cell(row, name)
            if value:
                return value
        return None

    def numbered(self, pattern: str) -> list[str]:
        """Column names like ``E-mail 2 - Value``, in order of their number."""
        regex = re.compile(pattern, re.IGNORECASE)
        found = [(int(m.group(1)), name) for name in self.names if (m := regex.fullmatch(name))]
        return [name for _, name in sorted(found)]

    def joined(self, row: Row, names: Iterable[str]) -> str | None:
        """The non-empty cells among ``names``, joined by spaces (name parts)."""
        return clean(" ".join(part for name in names if (part := self.cell(row, name))))


def _width_problem(header: Header, row: Row) -> str | None:
    extra = row.cells[len(header.names) :]
    if any(cell.strip() for cell in extra):
        return (
            f"line {row.line}: {len(row.cells)} fields, but the header"
            f" (line {header.line}) has {len(header.names)}"
        )
    return None


Converter = Callable[[Header, Row, list[str]], dict[str, object] | None]


def _read_people(rows: list[Row], header_at: int, what: str, convert: Converter) -> Document:
    """Turn the rows after the header into people, collecting every problem."""
    header = Header(rows[header_at])
    problems: list[str] = []
    people: list[PersonRecord] = []
    for row in rows[header_at + 1 :]:
        if row.blank:
            continue
        width = _width_problem(header, row)
        if width:
            problems.append(width)
            continue
        fields = convert(header, row, problems)
        if fields is not None:
            person = make_person(f"line {row.line}", fields, problems)
            if person is not None:
                people.append(person)
    if problems:
        fail(what, problems)
    return new_document(people)


def _first_nonblank(rows: list[Row], what: str) -> int:
    for position, row in enumerate(rows):
        if not row.blank:
            return position
    fail(what, ["the file is empty"])


# ---------------------------------------------------------------- dates


def _month(name: str) -> int:
    prefix = name[:3].lower()
    if prefix not in _MONTHS:
        raise ValueError(f"not a month: {name!r}")
    return _MONTHS.index(prefix) + 1


def parse_written_date(text: str) -> date:
    """Read ``15 Mar 2024``, ``15 March 2024``, ``Mar 15, 2024`` or ``2024-03-15``.

    Month names are English, as LinkedIn writes them whatever the language.
    """
    text = text.strip()
    if match := _DAY_MONTH_YEAR.fullmatch(text):
        day, month, year = match.groups()
        return date(int(year), _month(month), int(day))
    if match := _MONTH_DAY_YEAR.fullmatch(text):
        month, day, year = match.groups()
        return date(int(year), _month(month), int(day))
    return parse_iso_date(text)


def _outlook_birthday(text: str | None) -> date | None:
    """Read Outlook's birthday: ``M/D/YYYY`` (``D/M/YYYY`` when the day shows it).

    Outlook writes ``0/0/00`` for no birthday; that and anything unreadable
    is skipped.
    """
    if not text:
        return None
    match = _SLASHED.fullmatch(text.strip())
    if match is None:
        return lenient_birthday(text)
    first, second, year_text = (int(part) for part in match.groups())
    month, day = (second, first) if first > 12 else (first, second)
    year = year_text
    if len(match.group(3)) == 2:
        pivot = date.today().year % 100
        year += 2000 if year <= pivot else 1900
    try:
        return date(year, month, day)
    except ValueError:
        return None


# ---------------------------------------------------------------- LinkedIn


def _is_linkedin_header(row: Row) -> bool:
    names = {cell.strip().casefold() for cell in row.cells}
    return all(column.casefold() in names for column in _LINKEDIN_HEADER)


def _linkedin_fields(header: Header, row: Row, problems: list[str]) -> dict[str, object] | None:
    name = header.joined(row, ("First Name", "Last Name"))
    if name is None:
        problems.append(f"line {row.line}: no name")
        return None
    added: date | None = None
    connected = header.cell(row, "Connected On")
    if connected:
        try:
            added = parse_written_date(connected)
        except ValueError:
            problems.append(f"line {row.line}: Connected On is not a date: {connected!r}")
    return {
        "name": name,
        "org": header.cell(row, "Company"),
        "title": header.cell(row, "Position"),
        "email": header.cell(row, "Email Address"),
        "url": header.cell(row, "URL"),
        "added": added,
        "tags": [LINKEDIN_TAG],
    }


def read_linkedin(text: str) -> Document:
    """Read LinkedIn's Connections.csv.

    The export starts with a preamble of varying length (a ``Notes:`` line,
    a quoted disclaimer, a blank line); the header row is searched for
    rather than skipped by count.  Company becomes org, Position title,
    Connected On the date added, and every person is tagged ``linkedin``.
    """
    what = "LinkedIn connections file"
    rows = read_rows(text, what)
    for position, row in enumerate(rows):
        if _is_linkedin_header(row):
            return _read_people(rows, position, what, _linkedin_fields)
    fail(
        what,
        [f"no header row with the columns {', '.join(_LINKEDIN_HEADER)}"],
        hint="export the connections again from LinkedIn, or give --format csv",
    )


# ---------------------------------------------------------------- Google


def _google_values(cell: str | None) -> list[str]:
    """Split a Google cell holding several values joined by ``:::``."""
    if not cell:
        return []
    values = (clean(value) for value in cell.split(_GOOGLE_SEPARATOR))
    return [value for value in values if value]


def _google_labels(cell: str | None) -> list[str]:
    """Labels as tags, without the system labels ``* myContacts`` and ``* starred``."""
    tags: list[str] = []
    for label in _google_values(cell):
        if label.startswith("*"):
            label = label[1:].strip()
            if label.casefold().replace(" ", "") in _GOOGLE_SYSTEM_LABELS:
                continue
        if label:
            tags.append(label)
    return tags


def _google_first(
    header: Header, row: Row, pattern: str, fixed: tuple[str, ...] = ()
) -> str | None:
    for column in (*fixed, *header.numbered(pattern)):
        values = _google_values(header.cell(row, column))
        if values:
            return values[0]
    return None


def _google_name(header: Header, row: Row) -> str | None:
    return (
        header.cell(row, "Name")
        or header.joined(row, ("First Name", "Middle Name", "Last Name"))
        or header.joined(row, ("Given Name", "Additional Name", "Family Name"))
        or header.cell(row, "File As")
    )


def _google_fields(header: Header, row: Row, problems: list[str]) -> dict[str, object] | None:
    name = _google_name(header, row)
    if name is None:
        problems.append(f"line {row.line}: no name")
        return None
    return {
        "name": name,
        "aliases": _google_values(header.cell(row, "Nickname")),
        "org": _google_first(header, row, r"Organization (\d+) - Name", ("Organization Name",)),
        "title": _google_first(header, row, r"Organization (\d+) - Title", ("Organization Title",)),
        "email": _google_first(header, row, r"E-mail (\d+) - Value"),
        "phone": _google_first(header, row, r"Phone (\d+) - Value"),
        "city": _google_first(header, row, r"Address (\d+) - City"),
        "url": _google_first(header, row, r"Website (\d+) - Value"),
        "birthday": lenient_birthday(header.cell(row, "Birthday")),
        "notes": header.cell(row, "Notes"),
        "tags": _google_labels(header.first(row, ("Labels", "Group Membership"))),
    }


def read_google_csv(text: str) -> Document:
    """Read a Google Contacts CSV export, current or legacy.

    Current exports name people by First/Middle/Last Name and keep labels in
    ``Labels``; legacy ones use Name (or Given/Additional/Family Name) and
    ``Group Membership``.  Cells holding several values (`` ::: ``) give the
    first; labels become tags, without the system labels.
    """
    what = "Google contacts file"
    rows = read_rows(text, what)
    header_at = _first_nonblank(rows, what)
    header = Header(rows[header_at])
    name_columns = ("Name", "First Name", "Last Name", "Given Name", "Family Name")
    if not any(header.has(column) for column in name_columns):
        fail(
            what,
            [f"line {header.line}: the header has no name column ({', '.join(name_columns)})"],
            hint="export again from Google Contacts as Google CSV",
        )
    return _read_people(rows, header_at, what, _google_fields)


# ---------------------------------------------------------------- Outlook

_OUTLOOK_EMAILS = ("E-mail Address", "E-mail 2 Address", "E-mail 3 Address")
_OUTLOOK_PHONES = (
    "Mobile Phone",
    "Primary Phone",
    "Business Phone",
    "Home Phone",
    "Other Phone",
    "Business Phone 2",
    "Home Phone 2",
    "Company Main Phone",
)
_OUTLOOK_CITIES = ("Business City", "Home City", "Other City")


def _outlook_email(header: Header, row: Row) -> str | None:
    """The first e-mail address; Exchange directory names (no ``@``) are skipped."""
    for column in _OUTLOOK_EMAILS:
        value = header.cell(row, column)
        if value and "@" in value:
            return value
    return None


def _outlook_fields(header: Header, row: Row, problems: list[str]) -> dict[str, object] | None:
    name = header.joined(row, ("First Name", "Middle Name", "Last Name"))
    if name is None:
        problems.append(f"line {row.line}: no name")
        return None
    categories = header.cell(row, "Categories") or ""
    return {
        "name": name,
        "aliases": [alias for alias in [header.cell(row, "Nickname")] if alias],
        "org": header.cell(row, "Company"),
        "title": header.cell(row, "Job Title"),
        "email": _outlook_email(header, row),
        "phone": header.first(row, _OUTLOOK_PHONES),
        "city": header.first(row, _OUTLOOK_CITIES),
        "birthday": _outlook_birthday(header.cell(row, "Birthday")),
        "tags": categories.split(";"),
        "notes": header.cell(row, "Notes"),
        "url": header.first(row, ("Web Page", "Personal Web Page")),
        "via": header.cell(row, "Referred By"),
    }


def read_outlook_csv(text: str) -> Document:
    """Read an Outlook contacts CSV export.

    Outlook's ``Title`` is a courtesy title and is not used; ``Job Title``
    becomes title, ``Company`` org, ``Categories`` tags.  ``Referred By``
    becomes ``via`` holding the referrer's name exactly as written: the
    importer resolves it to a key when that person exists in the journal
    (or is imported in the same file).
    """
    what = "Outlook contacts file"
    rows = read_rows(text, what)
    header_at = _first_nonblank(rows, what)
    header = Header(rows[header_at])
    if not header.has("First Name") and not header.has("Last Name"):
        fail(
            what,
            [f"line {header.line}: the header has no First Name or Last Name column"],
            hint="export again from Outlook as comma separated values",
        )
    return _read_people(rows, header_at, what, _outlook_fields)


# ---------------------------------------------------------------- generic CSV


def _split_list(cell: str) -> list[str]:
    """Split a list cell on ``;``; ``\\;`` is a semicolon and ``\\\\`` a backslash."""
    items: list[str] = []
    current: list[str] = []
    chars = iter(cell)
    for char in chars:
        if char == "\\":
            escaped = next(chars, "")
            current.append(escaped if escaped in ("\\", ";") else "\\" + escaped)
        elif char == ";":
            items.append("".join(current))
            current = []
        else:
            current.append(char)
    items.append("".join(current))
    return [item for item in (clean(item) for item in items) if item]


def _join_list(items: Iterable[str]) -> str:
    return "; ".join(item.replace("\\", "\\\\").replace(";", "\\;") for item in items)


def _generic_columns(header: Header) -> list[str]:
    """Check the header against the journal's fields; fail naming what is wrong."""
    what = "CSV file"
    names = [name.casefold() for name in header.names if name]
    unknown = [name for name in header.names if name and name.casefold() not in FIELDS]
    hint = f"the columns are: {', '.join(FIELDS)} (list fields separated by ';')"
    if unknown:
        listed = ", ".join(repr(name) for name in unknown)
        plural = "s" if len(unknown) > 1 else ""
        fail(what, [f"line {header.line}: unknown column{plural} {listed}"], hint=hint)
    doubled = sorted({name for name in names if names.count(name) > 1})
    if doubled:
        fail(what, [f"line {header.line}: column {name!r} appears twice" for name in doubled])
    if "name" not in names:
        fail(what, [f"line {header.line}: the header has no 'name' column"], hint=hint)
    return names


def _generic_value(column: str, text: str, where: str, problems: list[str]) -> object:
    if column in LIST_FIELDS:
        return _split_list(text)
    value = clean(text)
    if value is None:
        return None
    try:
        if column == "cadence_days":
            return parse_cadence(value)
        if column == "added":
            return parse_iso_date(value)
        if column == "birthday":
            return parse_full_date(value)
    except ValueError:
        kind = "a whole number above zero" if column == "cadence_days" else "a YYYY-MM-DD date"
        problems.append(f"{where}: {column} is not {kind}: {value!r}")
        return None
    return value


def _generic_fields(header: Header, row: Row, problems: list[str]) -> dict[str, object] | None:
    fields: dict[str, object] = {}
    for column in FIELDS:
        text = header.cell(row, column) if header.has(column) else None
        if text is not None:
            fields[column] = _generic_value(column, text, f"line {row.line}", problems)
    if not fields.get("name"):
        problems.append(f"line {row.line}: no name")
        return None
    return fields


def read_generic_csv(text: str) -> Document:
    """Read a CSV whose header names the journal's fields (see ``FIELDS``).

    Only ``name`` is required; columns may come in any order and case.  List
    fields (aliases, skills, tags, values) separate items with ``;``.  Dates
    are ``YYYY-MM-DD``.  An unknown column fails the file, naming it.
    """
    what = "CSV file"
    rows = read_rows(text, what)
    header_at = _first_nonblank(rows, what)
    _generic_columns(Header(rows[header_at]))
    return _read_people(rows, header_at, what, _generic_fields)


def _csv_cell(person: PersonRecord, column: str) -> str:
    value = getattr(person, column)
    if value is None:
        return ""
    if column in LIST_FIELDS:
        return _join_list(value)
    if isinstance(value, date):
        return value.isoformat()
    return str(value)


def write_csv(doc: Document) -> str:
    """Write the document's people as the journal's CSV (header ``FIELDS``).

    Only people are written; ``read_generic_csv`` reads the text back to the
    same people.  Lines end in ``\\n``.
    """
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(FIELDS)
    for person in doc.people:
        writer.writerow([_csv_cell(person, column) for column in FIELDS])
    return buffer.getvalue()


# ---------------------------------------------------------------- telling them apart


def csv_kind(text: str) -> str | None:
    """Tell which CSV export the text is by its header.

    Return ``linkedin``, ``google``, ``outlook`` or ``csv`` (the journal's
    own columns), or None when the header is none of these.
    """
    rows = [row for row in peek_rows(text) if not row.blank]
    if any(_is_linkedin_header(row) for row in rows[:10]):
        return "linkedin"
    if not rows:
        return None
    header = Header(rows[0])
    if (
        header.has("Given Name")
        or header.has("E-mail 1 - Value")
        or header.has("Group Membership")
        or header.has("Labels", "First Name")
    ):
        return "google"
    if header.has("Job Title") and (header.has("E-mail Address") or header.has("Business City")):
        return "outlook"
    if header.has("name"):
        return "csv"
    return None
