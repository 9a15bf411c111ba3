"""Codecs: the files ``net import`` reads and ``net export`` writes.

Nothing here touches the journal or the command line.  Every reader of a
contacts file takes the text of a file (already decoded) and returns
:class:`~netjournal.codecs.common.Contacts`: a
:class:`~netjournal.codecs.document.Document` and the records it skipped;
every writer takes people and returns text.

:data:`FORMATS` is the one registry of formats: the CLI's ``--format``
choices, detection and export all read it.  The codec functions live in the
submodules and are exported from here too, loaded on first use (so that this
module stays cheap to import and vobject loads only for vCards):

- :mod:`.vcard`: ``read_vcards``, ``write_vcards``
- :mod:`.csvfiles`: ``read_linkedin``, ``read_google_csv``,
  ``read_outlook_csv``, ``read_thunderbird_csv``, ``read_generic_csv``, ``write_csv``
- :mod:`.detect`: ``detect_format``, ``read_any``
- :mod:`.document`: the JSON interchange document
- :mod:`.common`: helpers the readers share
"""

from __future__ import annotations

import importlib
from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from netjournal.codecs.csvfiles import (
        read_generic_csv,
        read_google_csv,
        read_linkedin,
        read_outlook_csv,
        read_thunderbird_csv,
        write_csv,
    )
    from netjournal.codecs.detect import detect_format, read_any
    from netjournal.codecs.vcard import read_vcards, write_vcards


@dataclass(frozen=True)
class Format:
    """One file format: whether ``net import`` reads it and ``net export`` writes it."""

    name: str
    reads: bool
    writes: bool
    extensions: tuple[str, ...] = ()
    contacts: bool = True  # a contacts file from other software (not the journal's document)


FORMATS: tuple[Format, ...] = (
    Format("json", reads=True, writes=True, extensions=(".json",), contacts=False),
    Format("vcard", reads=True, writes=True, extensions=(".vcf", ".vcard")),
    Format("linkedin", reads=True, writes=False),
    Format("google", reads=True, writes=False),
    Format("outlook", reads=True, writes=False),
    Format("thunderbird", reads=True, writes=False),
    Format("csv", reads=True, writes=True, extensions=(".csv",)),
)
IMPORT_FORMATS: tuple[str, ...] = tuple(f.name for f in FORMATS if f.reads)
EXPORT_FORMATS: tuple[str, ...] = tuple(f.name for f in FORMATS if f.writes)
EXTENSIONS: dict[str, str] = {ext: f.name for f in FORMATS for ext in f.extensions}


def format_named(name: str) -> Format | None:
    """The format called ``name`` (any case), or None."""
    lowered = name.lower()
    return next((f for f in FORMATS if f.name == lowered), None)


__all__ = [
    "EXPORT_FORMATS",
    "EXTENSIONS",
    "FORMATS",
    "IMPORT_FORMATS",
    "Format",
    "detect_format",
    "format_named",
    "read_any",
    "read_generic_csv",
    "read_google_csv",
    "read_linkedin",
    "read_outlook_csv",
    "read_thunderbird_csv",
    "read_vcards",
    "write_csv",
    "write_vcards",
]

_EXPORTS = {
    "read_vcards": "vcard",
    "write_vcards": "vcard",
    "read_linkedin": "csvfiles",
    "read_google_csv": "csvfiles",
    "read_outlook_csv": "csvfiles",
    "read_thunderbird_csv": "csvfiles",
    "read_generic_csv": "csvfiles",
    "write_csv": "csvfiles",
    "detect_format": "detect",
    "read_any": "detect",
}


def __getattr__(name: str) -> object:
    """Load a public function's submodule on first use."""
    module = _EXPORTS.get(name)
    if module is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    return getattr(importlib.import_module(f"{__name__}.{module}"), name)
