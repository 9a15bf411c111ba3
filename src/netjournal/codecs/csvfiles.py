"""CSV import and export: LinkedIn, Google, Outlook, Thunderbird and the journal's own CSV.

Columns are always found by their header name, never by position, so that
reordered or extra columns do no harm.  Every reader takes what it can: a
row it cannot use (no name, e-mail or phone; quotes broken; cut off at the
end of the file; more cells than the header) is skipped and reported with
its line, and the rest is read.  Line numbers are the file's physical lines,
counting any preamble.  A file whose layout is none of these fails, naming
the columns each layout needs.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import date

from netjournal.codecs.common import (
    Contacts,
    Skipped,
    clean,
    fail,
    lenient_birthday,
    name_from_contacts,
    new_document,
    parse_any_date,
    parse_cadence,
    parse_iso_date,
    record_person,
    strip_bom,
    unify_line_ends,
)
from netjournal.codecs.document import Document, PersonRecord
from netjournal.fields import CONTACT_FIELDS, FIELD_NAMES
from netjournal.fields import LIST_FIELDS as LIST_FIELD_NAMES

# The journal's own CSV: every field of a person, the name first so that a
# spreadsheet shows whose row it is (see netjournal.fields).
FIELDS = ("name", *(f for f in FIELD_NAMES if f != "name"))
LIST_FIELDS = frozenset(LIST_FIELD_NAMES.values()) | frozenset(CONTACT_FIELDS.values())
LINKEDIN_TAG = "linkedin"

_LINKEDIN_HEADER = ("First Name", "Last Name", "Connected On")
_GOOGLE_SEPARATOR = ":::"
_GOOGLE_SYSTEM_LABELS = frozenset({"mycontacts", "starred"})
_NO_NAME = "no name, e-mail or phone"

#: What each layout needs in its header, for the message about an unknown one.
LAYOUTS = (
    "LinkedIn (First Name, Last Name, Connected On)",
    "Google (First Name, Last Name, E-mail 1 - Value)",
    "Outlook (First Name, Last Name, E-mail Address)",
    "Thunderbird (First Name, Last Name, Display Name, Primary Email)",
    "netjournal's own (name, email, phone, org, …)",
)


# ---------------------------------------------------------------- rows and headers


@dataclass(frozen=True)
class Row:
    """One CSV record, the physical line where it starts, and whether a line end closes it."""

    line: int
    cells: list[str]
    closed: bool = True

    @property
    def blank(self) -> bool:
        return not any(cell.strip() for cell in self.cells)


def _delimiter(text: str) -> str:
    """``,`` unless the first line is clearly split by ``;`` or tabs (European Excel)."""
    first = next((line for line in text.split("\n") if line.strip()), "")
    counts = {sep: first.count(sep) for sep in (",", ";", "\t")}
    best = max(counts, key=lambda sep: counts[sep])
    return best if counts[best] > counts[","] else ","


def _physical(text: str, start: int, end: int) -> str:
    lines = text.split("\n")
    return "\n".join(lines[start - 1 : end])


def read_rows(text: str) -> tuple[list[Row], list[Skipped]]:
    """Parse every record; a record the csv module cannot parse is skipped with its line.

    A record whose quotes escape with a backslash (``\\"``, as some programs
    write) is read again that way.  A record cut off by the end of the file
    (inside quotes) is skipped as cut short.
    """
    text = unify_line_ends(strip_bom(text))
    delimiter = _delimiter(text)
    reader = csv.reader(io.StringIO(text, newline=""), strict=True, delimiter=delimiter)
    rows: list[Row] = []
    skipped: list[Skipped] = []
    start = 1
    while True:
        try:
            cells = next(reader)
        except StopIteration:
            break
        except csv.Error as exc:
            end = reader.line_num
            if "unexpected end of data" in str(exc):
                skipped.append(Skipped(f"line {start}", "cut short: the file ends inside it"))
                break
            again = _with_backslashes(_physical(text, start, end), delimiter)
            if again is not None:
                rows.append(Row(start, again))
            else:
                skipped.append(Skipped(f"line {start}", f"unreadable quotes ({exc})"))
            start = end + 1
            continue
        rows.append(Row(start, cells))
        start = reader.line_num + 1
    if rows and not text.endswith("\n"):
        last = rows[-1]
        rows[-1] = Row(last.line, last.cells, closed=False)
    return rows, skipped


def _with_backslashes(record: str, delimiter: str) -> list[str] | None:
    reader = csv.reader(
        io.StringIO(record, newline=""), strict=True, delimiter=delimiter, escapechar="\\"
    )
    try:
        found = list(reader)
    except csv.Error:
        return None
    return found[0] if len(found) == 1 else None


def peek_rows(text: str, limit: int = 30) -> list[Row]:
    """Parse the first rows leniently, for telling formats apart."""
    text = unify_line_ends(strip_bom(text[:200_000]))
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=_delimiter(text))
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

    def every(self, row: Row, names: Iterable[str]) -> list[str]:
        """Every non-empty cell among the columns ``names``, in that order."""
        return [value for name in names if (value := self.cell(row, name))]

    def numbered(self, pattern: str) -> list[str]:
        """Column names like ``E-mail 2 - Value``, in order of their number."""
        regex = re.compile(pattern, re.IGNORECASE)
        found = [(int(m.group(1)), name) for name in self.names if (m := regex.fullmatch(name))]
        return [name for _, name in sorted(found)]

    def joined(self, row: Row, names: Iterable[str]) -> str | None:
        """The non-empty cells among ``names``, joined by spaces (name parts)."""
        return clean(" ".join(part for name in names if (part := self.cell(row, name))))


def _row_problem(header: Header, row: Row) -> str | None:
    """Why a row cannot be read as a record of this header, or None."""
    if not row.closed and len(row.cells) < len(header.names):
        return "cut short: the file ends inside it"
    extra = row.cells[len(header.names) :]
    if any(cell.strip() for cell in extra):
        return (
            f"{len(row.cells)} cells, but the header (line {header.line}) has {len(header.names)}"
        )
    return None


Converter = Callable[[Header, Row, list[Skipped]], "dict[str, object] | None"]


def _read_people(
    rows: list[Row], header_at: int, convert: Converter, skipped: list[Skipped]
) -> Contacts:
    """Turn the rows after the header into people; skip (and say why) what cannot be used."""
    header = Header(rows[header_at])
    people: list[PersonRecord] = []
    wheres: list[str] = []
    for row in rows[header_at + 1 :]:
        if row.blank:
            continue
        where = f"line {row.line}"
        problem = _row_problem(header, row)
        if problem:
            skipped.append(Skipped(where, problem))
            continue
        fields = convert(header, row, skipped)
        if fields is None:
            continue
        person = record_person(where, fields, skipped)
        if person is not None:
            people.append(person)
            wheres.append(where)
    skipped.sort(key=lambda s: int(s.where.split()[1]))
    return Contacts(new_document(people), skipped, wheres)


def _named(
    name: str | None, emails: list[str], phones: list[str], row: Row, skipped: list[Skipped]
) -> str | None:
    """A contact's name, else one made from their e-mail or phone, else None (skipped)."""
    found = name or name_from_contacts(emails, phones)
    if found is None:
        skipped.append(Skipped(f"line {row.line}", _NO_NAME))
    return found


def _first_nonblank(rows: list[Row], what: str) -> int:
    for position, row in enumerate(rows):
        if not row.blank:
            return position
    fail(what, ["the file is empty"])


def _lenient_date(text: str | None, day_first: bool | None = None) -> date | None:
    if not text:
        return None
    try:
        return parse_any_date(text, day_first=day_first)
    except ValueError:
        return None


# ---------------------------------------------------------------- LinkedIn


def parse_written_date(text: str) -> date:
    """Read a LinkedIn date: ``15 Mar 2024``, ``5-Jan-26``, ``1/8/18, 6:14 PM``…"""
    return parse_any_date(text)


def _is_linkedin_header(row: Row) -> bool:
    names = {cell.strip().casefold() for cell in row.cells}
    return all(column.casefold() in names for column in _LINKEDIN_HEADER)


_NUMERIC_DAY_FIRST = re.compile(r"\s*(\d{1,2})[/.-](\d{1,2})[/.-]")


def _day_first(values: Iterable[str | None]) -> bool | None:
    """Whether a column's numeric dates put the day first: any first number above 12 says so."""
    for value in values:
        match = _NUMERIC_DAY_FIRST.match(value) if value else None
        if match and int(match.group(1)) > 12:
            return True
    return None


def _linkedin_converter(day_first: bool | None) -> Converter:
    def convert(header: Header, row: Row, skipped: list[Skipped]) -> dict[str, object] | None:
        emails = header.every(row, ("Email Address", "E-mail Address", "Email"))
        name = _named(header.joined(row, ("First Name", "Last Name")), emails, [], row, skipped)
        if name is None:
            return None
        return {
            "name": name,
            "org": header.cell(row, "Company"),
            "title": header.cell(row, "Position"),
            "emails": emails,
            "url": header.first(row, ("URL", "Profile URL")),
            "added": _lenient_date(header.cell(row, "Connected On"), day_first),
            "tags": [LINKEDIN_TAG],
        }

    return convert


def read_linkedin(text: str) -> Contacts:
    """Read LinkedIn's Connections.csv, of any year.

    The export starts with a preamble of varying length (a ``Notes:`` line,
    a quoted disclaimer, a blank line); the header row is searched for
    rather than skipped by count.  The URL column is missing in some
    exports.  Company becomes org, Position title, Connected On the date
    added (``21 Oct 2024``, Excel's ``5-Jan-26``, 2018's ``1/8/18, 6:14 PM``),
    and every person is tagged ``linkedin``.  Members who hide their name
    have rows without one: they are skipped.
    """
    what = "LinkedIn connections file"
    rows, skipped = read_rows(text)
    for position, row in enumerate(rows):
        if _is_linkedin_header(row):
            header = Header(row)
            day_first = _day_first(header.cell(r, "Connected On") for r in rows[position + 1 :])
            return _read_people(rows, position, _linkedin_converter(day_first), skipped)
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


def _google_all(header: Header, row: Row, kind: str) -> list[str]:
    """Every value of ``E-mail N - Value`` (or Phone, Website) columns; the preferred first.

    Google marks the preferred one by starting its label with ``*``.
    """
    preferred: list[str] = []
    others: list[str] = []
    for column in header.numbered(rf"{kind} (\d+) - Value"):
        label = header.cell(row, column.replace(" - Value", " - Label")) or ""
        values = _google_values(header.cell(row, column))
        (preferred if label.startswith("*") else others).extend(values)
    return preferred + others


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
        or header.first(row, ("Nickname",))
    )


def _google_fields(header: Header, row: Row, skipped: list[Skipped]) -> dict[str, object] | None:
    emails = _google_all(header, row, "E-mail")
    phones = _google_all(header, row, "Phone")
    name = _named(_google_name(header, row), emails, phones, row, skipped)
    if name is None:
        return None
    return {
        "name": name,
        "aliases": _google_values(header.cell(row, "Nickname")),
        "org": _google_first(header, row, r"Organization (\d+) - Name", ("Organization Name",)),
        "title": _google_first(header, row, r"Organization (\d+) - Title", ("Organization Title",)),
        "emails": emails,
        "phones": phones,
        "city": _google_first(header, row, r"Address (\d+) - City"),
        "url": _google_first(header, row, r"Website (\d+) - Value"),
        "birthday": lenient_birthday(header.cell(row, "Birthday")),
        "notes": header.cell(row, "Notes"),
        "tags": _google_labels(header.first(row, ("Labels", "Group Membership"))),
    }


def read_google_csv(text: str) -> Contacts:
    """Read a Google Contacts CSV export, current or legacy.

    Current exports name people by First/Middle/Last Name and keep labels in
    ``Labels``; legacy ones use Name (or Given/Additional/Family Name) and
    ``Group Membership``.  Every e-mail and phone is kept (the one whose
    label starts with ``*`` first, then in column order, cells holding
    several values split on `` ::: ``); labels become tags, without the
    system labels.
    """
    what = "Google contacts file"
    rows, skipped = read_rows(text)
    header_at = _first_nonblank(rows, what)
    header = Header(rows[header_at])
    name_columns = ("Name", "First Name", "Last Name", "Given Name", "Family Name")
    if not any(header.has(column) for column in name_columns):
        fail(
            what,
            [f"line {header.line}: the header has no name column ({', '.join(name_columns)})"],
            hint="export again from Google Contacts as Google CSV",
        )
    return _read_people(rows, header_at, _google_fields, skipped)


# ---------------------------------------------------------------- Outlook

_OUTLOOK_EMAILS = ("E-mail Address", "E-mail 2 Address", "E-mail 3 Address")
_OUTLOOK_PHONES = (
    "Primary Phone",
    "Mobile Phone",
    "Business Phone",
    "Business Phone 2",
    "Home Phone",
    "Home Phone 2",
    "Other Phone",
    "Company Main Phone",
    "Assistant's Phone",
    "Car Phone",
    "Callback",
    "Radio Phone",
    "Pager",
    "ISDN",
    "TTY/TDD Phone",
    "Telex",
    "Business Fax",
    "Home Fax",
    "Other Fax",
)
_OUTLOOK_CITIES = ("Business City", "Home City", "Other City")


def _outlook_emails(header: Header, row: Row) -> list[str]:
    """Every e-mail address; Exchange directory names (no ``@``) are not addresses."""
    return [value for value in header.every(row, _OUTLOOK_EMAILS) if "@" in value]


def _outlook_birthday(text: str | None) -> str | None:
    """Outlook's birthday: ``M/D/YYYY`` (``D/M/YYYY`` when the day shows it); ``0/0/00`` is none."""
    if not text or text.strip() in ("0/0/00", "0/0/0000", "00/00/0000"):
        return None
    return lenient_birthday(text)


def _outlook_fields(header: Header, row: Row, skipped: list[Skipped]) -> dict[str, object] | None:
    emails = _outlook_emails(header, row)
    phones = header.every(row, _OUTLOOK_PHONES)
    name = header.joined(row, ("First Name", "Middle Name", "Last Name")) or header.cell(
        row, "Company"
    )
    name = _named(name, emails, phones, row, skipped)
    if name is None:
        return None
    categories = header.cell(row, "Categories") or ""
    return {
        "name": name,
        "aliases": [alias for alias in [header.cell(row, "Nickname")] if alias],
        "org": header.cell(row, "Company"),
        "title": header.cell(row, "Job Title"),
        "emails": emails,
        "phones": phones,
        "city": header.first(row, _OUTLOOK_CITIES),
        "birthday": _outlook_birthday(header.cell(row, "Birthday")),
        "tags": categories.split(";"),
        "notes": header.cell(row, "Notes"),
        "url": header.first(row, ("Web Page", "Personal Web Page")),
        "via": header.cell(row, "Referred By"),
    }


def read_outlook_csv(text: str) -> Contacts:
    """Read an Outlook contacts CSV export (the English desktop layout).

    Outlook's ``Title`` is a courtesy title and is not used; ``Job Title``
    becomes title, ``Company`` org, ``Categories`` tags; every e-mail and
    every phone column is kept, faxes last.  ``Referred By`` becomes ``via``
    holding the referrer's name exactly as written: the importer resolves it
    to a key when that person exists in the journal (or is imported in the
    same file).
    """
    what = "Outlook contacts file"
    rows, skipped = read_rows(text)
    header_at = _first_nonblank(rows, what)
    header = Header(rows[header_at])
    if not header.has("First Name") and not header.has("Last Name"):
        fail(
            what,
            [f"line {header.line}: the header has no First Name or Last Name column"],
            hint="export again from Outlook as comma separated values",
        )
    return _read_people(rows, header_at, _outlook_fields, skipped)


# ---------------------------------------------------------------- Thunderbird

_THUNDERBIRD_PHONES = ("Mobile Number", "Work Phone", "Home Phone", "Pager Number", "Fax Number")


def _thunderbird_birthday(header: Header, row: Row) -> str | None:
    month, day = header.cell(row, "Birth Month"), header.cell(row, "Birth Day")
    if not (month and day and month.isdigit() and day.isdigit()):
        return None
    year = header.cell(row, "Birth Year") or ""
    prefix = f"{int(year):04d}" if year.isdigit() else "-"
    return lenient_birthday(f"{prefix}-{int(month):02d}-{int(day):02d}")


def _thunderbird_fields(
    header: Header, row: Row, skipped: list[Skipped]
) -> dict[str, object] | None:
    emails = header.every(row, ("Primary Email", "Secondary Email"))
    phones = header.every(row, _THUNDERBIRD_PHONES)
    name = header.cell(row, "Display Name") or header.joined(row, ("First Name", "Last Name"))
    name = _named(name, emails, phones, row, skipped)
    if name is None:
        return None
    return {
        "name": name,
        "aliases": [alias for alias in [header.cell(row, "Nickname")] if alias],
        "org": header.cell(row, "Organization"),
        "title": header.cell(row, "Job Title"),
        "emails": emails,
        "phones": phones,
        "city": header.first(row, ("Work City", "Home City")),
        "url": header.first(row, ("Web Page 1", "Web Page 2")),
        "birthday": _thunderbird_birthday(header, row),
        "notes": header.cell(row, "Notes"),
    }


def read_thunderbird_csv(text: str) -> Contacts:
    """Read Thunderbird's address book exported as CSV (comma separated).

    Display Name is the name (else First and Last Name); Primary and
    Secondary Email, and every phone column, are kept; Birth Year, Month and
    Day make the birthday (without a year when Birth Year is empty).
    """
    rows, skipped = read_rows(text)
    header_at = _first_nonblank(rows, "Thunderbird address book")
    return _read_people(rows, header_at, _thunderbird_fields, skipped)


# ---------------------------------------------------------------- generic CSV

#: Column names other programs use for the journal's fields (folded).
_SYNONYMS: dict[str, str] = {
    **{name: name for name in FIELDS},
    "full name": "name",
    "display name": "name",
    "contact name": "name",
    "anzeigename": "name",
    "e-mail": "email",
    "e-mail address": "email",
    "email address": "email",
    "mail": "email",
    "phone number": "phone",
    "telephone": "phone",
    "tel": "phone",
    "mobile": "phone",
    "mobile phone": "phone",
    "cell": "phone",
    "home phone": "phone",
    "work phone": "phone",
    "business phone": "phone",
    # Yahoo's export and address books like it.
    "alternate email 1": "email",
    "alternate email 2": "email",
    "nickname": "aliases",
    "personal website": "url",
    "business website": "url",
    "company": "org",
    "organization": "org",
    "organisation": "org",
    "job title": "title",
    "position": "title",
    "note": "notes",
    "website": "url",
    "web page": "url",
    "labels": "tags",
    "groups": "tags",
    "categories": "tags",
    # Outlook and Excel in other languages (German, French, Italian, Spanish).
    "e-mail-adresse": "email",
    "e-mail-adresse 2": "email",
    "adresse de messagerie": "email",
    "indirizzo posta elettronica": "email",
    "dirección de correo electrónico": "email",
    "mobiltelefon": "phone",
    "telefon geschäftlich": "phone",
    "telefon privat": "phone",
    "téléphone mobile": "phone",
    "téléphone bureau": "phone",
    "cellulare": "phone",
    "telefono ufficio": "phone",
    "teléfono móvil": "phone",
    "firma": "org",
    "société": "org",
    "società": "org",
    "organizzazione": "org",
    "organización": "org",
    "compañía": "org",
    "fonction": "title",
    "qualifica": "title",
    "puesto": "title",
    "notizen": "notes",
    "notiz": "notes",
    "notas": "notes",
    "webseite": "url",
    "kategorien": "tags",
    "catégories": "tags",
    "categorie": "tags",
    "categorías": "tags",
}
#: Fields several columns may fill: lists, and e-mail and phone (the others follow the first).
_REPEATABLE = LIST_FIELDS | {"email", "phone"}
_NAME_PARTS = (
    "first",
    "middle",
    "last",
    "first name",
    "given name",
    "middle name",
    "last name",
    "surname",
    "family name",
    "vorname",
    "weitere vornamen",
    "nachname",
    "prénom",
    "deuxième prénom",
    "nom",
    "nome",
    "secondo nome",
    "cognome",
    "nombre",
    "segundo nombre",
    "apellidos",
)


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


@dataclass(frozen=True)
class _Columns:
    """Which column of a generic CSV holds which field."""

    fields: dict[int, str]  # position → field name
    name_parts: list[int]  # first, middle and last name columns, when there is no name column
    ignored: list[str]


def _generic_columns(header: Header) -> _Columns:
    """Map the header to the journal's fields; fail naming the layouts when it has no name."""
    fields: dict[int, str] = {}
    parts: list[int] = []
    ignored: list[str] = []
    taken: set[str] = set()
    for position, raw in enumerate(header.names):
        folded = " ".join(raw.casefold().replace("_", " ").split())
        field = _SYNONYMS.get(raw.strip().casefold(), _SYNONYMS.get(folded))
        if field is not None and (field in _REPEATABLE or field not in taken):
            fields[position] = field
            taken.add(field)
        elif folded in _NAME_PARTS:
            parts.append(position)
        elif raw:
            ignored.append(raw)
    if "name" not in taken and not parts:
        unknown_layout(header)
    return _Columns(fields, parts, ignored)


def unknown_layout(header: Header) -> None:
    """Fail for a CSV whose header is no layout netjournal reads, naming what each needs."""
    shown = ", ".join(repr(name) for name in header.names[:6] if name)
    more = " …" if len([n for n in header.names if n]) > 6 else ""
    fail(
        "CSV file",
        [
            f"line {header.line}: the header ({shown or 'empty'}{more}) is not a layout"
            " netjournal reads: it has no name column"
        ],
        hint="the layouts it reads: " + "; ".join(LAYOUTS),
    )


def _generic_value(column: str, text: str) -> object:
    """The value of one cell; raise ValueError saying what is wrong with it."""
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
            found = lenient_birthday(value)
            if found is None:
                raise ValueError(value)
            return found
    except ValueError:
        kind = "a whole number above zero" if column == "cadence_days" else "a YYYY-MM-DD date"
        raise ValueError(f"{column} is not {kind}: {value!r}") from None
    return value


def _generic_converter(columns: _Columns) -> Converter:
    def convert(header: Header, row: Row, skipped: list[Skipped]) -> dict[str, object] | None:
        fields: dict[str, object] = {}
        problems: list[str] = []
        for position, column in columns.fields.items():
            if position >= len(row.cells):
                continue
            try:
                value = _generic_value(column, row.cells[position])
            except ValueError as exc:
                problems.append(str(exc))
                continue
            if not value and column in fields:
                continue  # an empty second column never clears what the first one gave
            if column in ("email", "phone") and fields.get(column):
                column, value = column + "s", [value]  # a second e-mail column: one more
            if column in LIST_FIELDS and column in fields:
                value = [*fields[column], *value]  # type: ignore[misc]
            fields[column] = value
        if not fields.get("name") and columns.name_parts:
            cells = row.cells
            fields["name"] = clean(
                " ".join(cells[p] for p in columns.name_parts if p < len(cells) and cells[p])
            )
        emails = [str(fields["email"])] if fields.get("email") else []
        emails += list(fields.get("emails") or [])  # type: ignore[call-overload]
        phones = [str(fields["phone"])] if fields.get("phone") else []
        phones += list(fields.get("phones") or [])  # type: ignore[call-overload]
        name = _named(fields.get("name") or None, emails, phones, row, skipped)  # type: ignore[arg-type]
        if name is None:
            return None
        if problems:
            skipped.append(Skipped(f"line {row.line}", "; ".join(problems)))
            return None
        fields["name"] = name
        return fields

    return convert


def read_generic_csv(text: str) -> Contacts:
    """Read a CSV whose header names the journal's fields (see ``FIELDS``), or common synonyms.

    Only a name is required (``name``, or first and last name columns);
    columns may come in any order and case.  List fields (aliases, skills,
    tags, values, emails, phones) separate items with ``;``.  Dates are
    ``YYYY-MM-DD``.  A column it does not know is left out, and the import
    says so; a header without any name column fails, naming the layouts.
    """
    what = "CSV file"
    rows, skipped = read_rows(text)
    header_at = _first_nonblank(rows, what)
    header = Header(rows[header_at])
    columns = _generic_columns(header)
    found = _read_people(rows, header_at, _generic_converter(columns), skipped)
    if columns.ignored:
        listed = ", ".join(repr(name) for name in columns.ignored[:8])
        more = " …" if len(columns.ignored) > 8 else ""
        found.notes.append(f"columns not read: {listed}{more}")
    return found


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

    Return ``linkedin``, ``google``, ``outlook``, ``thunderbird`` or ``csv``
    (the journal's own columns, or any header with a name column), or None
    when the header is none of these.
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
        or header.has("Phone 1 - Value")
        or header.has("Group Membership")
        or header.has("Labels", "First Name")
    ):
        return "google"
    if header.has("Primary Email") and header.has("Display Name"):
        return "thunderbird"
    if header.has("E-mail Address") and (
        header.has("Job Title") or header.has("Business City") or header.has("Mobile Phone")
    ):
        return "outlook"
    if header.has("Job Title") and header.has("Business City"):
        return "outlook"
    names = {" ".join(n.casefold().replace("_", " ").split()) for n in header.names}
    if any(_SYNONYMS.get(n) == "name" for n in names) or names & set(_NAME_PARTS):
        return "csv"
    return None
