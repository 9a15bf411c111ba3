"""Files beside the journal: reading an import file, writing an export.

The policy for files lives here, not in the CLI: how an import file's bytes
become text, and how an export reaches its path whole or not at all.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import TYPE_CHECKING

from netjournal.codecs.document import Document
from netjournal.errors import InvalidFile, InvalidInput

if TYPE_CHECKING:
    from netjournal.services.interchange import ImportReport, Progress
    from netjournal.store import Journal


def read_import_file(file: Path) -> str:
    """The text of a file to import, whatever it was written in (see ``codecs.charset``)."""
    from netjournal.codecs.charset import decode, decode_vcards

    if file.is_dir():
        raise InvalidFile(f"{file} is a folder, not a file")
    try:
        raw = file.read_bytes()
    except FileNotFoundError:
        raise InvalidFile(f"{file} does not exist") from None
    except OSError as exc:
        raise InvalidFile(f"cannot read {file}: {exc.strerror}") from None
    if not raw.strip():
        raise InvalidFile(f"{file} is empty")
    if raw.lstrip(b"\xef\xbb\xbf \t\r\n")[:11].upper() == b"BEGIN:VCARD":
        return decode_vcards(raw)
    return decode(raw)


def import_file(
    journal: Journal,
    file: Path,
    fmt: str | None,
    *,
    dry_run: bool = False,
    strict: bool = False,
    every: int | None = None,
    tags: list[str] | None = None,
    progress: Progress | None = None,
) -> ImportReport:
    """``net import``: read the file in its format (named or detected), then import it.

    A JSON document is all or nothing.  A contacts file from other software
    imports every record it can and reports the others; ``strict`` refuses
    the whole file instead when any record cannot be imported.
    """
    from netjournal.codecs import IMPORT_FORMATS, format_named
    from netjournal.services.interchange import (
        ContactOptions,
        import_document,
        preview_import,
        read_source,
    )

    chosen = format_named(fmt) if fmt is not None else None
    if fmt is not None and (chosen is None or not chosen.reads):
        raise InvalidInput(f"unknown format '{fmt}'", hint=f"use {_choices(IMPORT_FORMATS)}")
    if every is not None and every <= 0:
        raise InvalidInput(f"--every must be a positive number of days, not {every}")
    text = read_import_file(file)
    source = read_source(text, chosen.name if chosen else None, file.name)
    options: ContactOptions | None = None
    if isinstance(source, Document):
        doc = source
    else:
        if strict and source.skipped:
            count = len(source.skipped)
            raise InvalidFile(
                f"{count} record{'s' if count > 1 else ''} of {file.name} cannot be imported;"
                " nothing was imported (--strict)",
                problems=[str(item) for item in source.skipped],
                hint="fix them, or import without --strict to skip them",
            )
        doc = source.document
        options = ContactOptions.of(source, every=every, tags=tags)
    if dry_run:
        return preview_import(journal, doc, contacts=options)
    return import_document(journal, doc, contacts=options, progress=progress)


def export_text(journal: Journal, fmt: str, *, vcard_version: str = "4.0") -> str:
    """``net export``: the journal as the text of one export format."""
    from netjournal.codecs import EXPORT_FORMATS, format_named
    from netjournal.services.interchange import export_document, export_people

    chosen = format_named(fmt)
    if chosen is None or not chosen.writes:
        raise InvalidInput(f"unknown format '{fmt}'", hint=f"use {_choices(EXPORT_FORMATS)}")
    if chosen.name == "json":
        import json

        return json.dumps(export_document(journal), ensure_ascii=False, indent=2) + "\n"
    if chosen.name == "csv":
        from netjournal.codecs import write_csv

        return write_csv(export_people(journal))
    from netjournal.codecs import write_vcards

    if vcard_version not in ("3.0", "4.0"):
        raise InvalidInput(f"unknown vCard version '{vcard_version}'", hint="use 4.0 or 3.0")
    return write_vcards(export_people(journal), version=vcard_version)


def _choices(names: tuple[str, ...]) -> str:
    """``json, csv or vcard``."""
    return ", ".join(names[:-1]) + f" or {names[-1]}" if len(names) > 1 else names[0]


def write_private(path: Path, text: str) -> None:
    """Write a file readable by the owner only, whole or not at all (atomic rename)."""
    if path.is_dir():
        raise InvalidInput(f"{path} is a folder", hint="give a file name")
    tmp = path.with_name(f".{path.name}.tmp-{os.getpid()}")
    try:
        fd = os.open(tmp, os.O_CREAT | os.O_TRUNC | os.O_WRONLY, 0o600)
        with os.fdopen(fd, "w", encoding="utf-8") as handle:
            handle.write(text)
        os.replace(tmp, path)
    except OSError as exc:
        tmp.unlink(missing_ok=True)
        raise InvalidInput(f"cannot write {path}: {exc.strerror}") from None
