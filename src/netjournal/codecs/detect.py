"""Telling an import file's format from its content, and reading it.

``detect_format`` names one of :data:`netjournal.codecs.FORMATS`; ``read_any`` reads every
format but JSON (the journal's own documents are validated by the
document loader, not here).
"""

from __future__ import annotations

from collections.abc import Callable

from netjournal.codecs import EXTENSIONS, IMPORT_FORMATS
from netjournal.codecs.common import Contacts, strip_bom
from netjournal.codecs.csvfiles import (
    Header,
    csv_kind,
    peek_rows,
    read_generic_csv,
    read_google_csv,
    read_linkedin,
    read_outlook_csv,
    read_thunderbird_csv,
    unknown_layout,
)
from netjournal.errors import InvalidFile, InvalidInput

FORMAT_HINT = f"give --format {'|'.join(IMPORT_FORMATS)}"


def _read_vcards(text: str) -> Contacts:
    # vobject is imported only when a vCard is read, keeping detection light.
    from netjournal.codecs.vcard import read_vcards

    return read_vcards(text)


_READERS: dict[str, Callable[[str], Contacts]] = {
    "vcard": _read_vcards,
    "linkedin": read_linkedin,
    "google": read_google_csv,
    "outlook": read_outlook_csv,
    "thunderbird": read_thunderbird_csv,
    "csv": read_generic_csv,
}


def _first_line(text: str) -> str:
    for line in text.splitlines():
        if line.strip():
            return line.strip()
    return ""


def _by_extension(filename: str | None) -> str | None:
    if not filename:
        return None
    lowered = filename.lower()
    for extension, fmt in EXTENSIONS.items():
        if lowered.endswith(extension):
            return fmt
    return None


def detect_format(text: str, filename: str | None = None) -> str:
    """Name the format of an import file from its content.

    JSON starts with ``{`` or ``[``; a vCard file with ``BEGIN:VCARD``; CSV
    exports are told apart by their header (LinkedIn's after its preamble).
    When the content says nothing, the file name's extension decides, so
    that the reader can report what is wrong; failing that, raise
    InvalidFile.
    """
    body = strip_bom(text).lstrip()
    if body[:1] in ("{", "["):
        return "json"
    if _first_line(body).upper().startswith("BEGIN:VCARD"):
        return "vcard"
    kind = csv_kind(body)
    if kind is not None:
        return kind
    guessed = _by_extension(filename)
    if guessed is not None:
        return guessed
    raise InvalidFile(f"cannot tell the format of {filename or 'the input'}", hint=FORMAT_HINT)


def read_any(text: str, fmt: str) -> Contacts:
    """Read a contacts file (any format other than JSON).

    ``csv`` means any CSV export: LinkedIn, Google, Outlook and Thunderbird
    ones are told apart by their header, and anything else is read as the
    journal's own CSV, or fails naming the layouts it reads.
    """
    if fmt == "json":
        raise ValueError("JSON documents are read by the document loader, not read_any")
    if fmt == "csv":
        kind = csv_kind(text)
        if kind is None:
            rows = [row for row in peek_rows(text) if not row.blank]
            if not rows:
                raise InvalidFile("the CSV file is empty")
            unknown_layout(Header(rows[0]))
        return _READERS[kind or "csv"](text)
    if fmt not in _READERS:
        raise InvalidInput(f"unknown import format {fmt!r}", hint=FORMAT_HINT)
    return _READERS[fmt](text)
