"""Files beside the journal: reading an import file, writing an export.

The policy for files lives here, not in the CLI: how an import file's bytes
become text, and how an export reaches its path whole or not at all.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import TYPE_CHECKING

from netjournal.errors import InvalidFile, InvalidInput

if TYPE_CHECKING:
    from netjournal.services.interchange import ImportReport, Progress
    from netjournal.store import Journal


def read_import_file(file: Path) -> str:
    """The text of a file to import (UTF-8 with or without BOM, UTF-16, else Latin-1)."""
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
    for encoding in ("utf-8-sig", "utf-16"):
        try:
            return raw.decode(encoding)
        except UnicodeDecodeError:
            continue
    return raw.decode("latin-1")


def import_file(
    journal: Journal,
    file: Path,
    fmt: str | None,
    *,
    dry_run: bool = False,
    progress: Progress | None = None,
) -> ImportReport:
    """``net import``: read the file in its format (named or detected), then import it."""
    from netjournal.codecs import IMPORT_FORMATS, format_named
    from netjournal.services.interchange import import_document, preview_import, read_source

    chosen = format_named(fmt) if fmt is not None else None
    if fmt is not None and (chosen is None or not chosen.reads):
        raise InvalidInput(f"unknown format '{fmt}'", hint=f"use {_choices(IMPORT_FORMATS)}")
    text = read_import_file(file)
    doc = read_source(text, chosen.name if chosen else None, file.name)
    contacts = (chosen is None or chosen.contacts) and not text.lstrip().startswith("{")
    if dry_run:
        return preview_import(journal, doc, match_contacts=contacts)
    return import_document(journal, doc, match_contacts=contacts, progress=progress)


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
