"""Files beside the journal: reading an import file, writing an export.

The policy for files lives here, not in the CLI: how an import file's bytes
become text, and how an export reaches its path whole or not at all.
"""

from __future__ import annotations

import os
from collections.abc import Generator, Iterable
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
    if progress:
        progress(f"reading {file.name}", 0, 1)
    if (chosen is None or chosen.name == "json") and _looks_like_json(file):
        return _import_json(journal, file, dry_run=dry_run, progress=progress)
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


def _looks_like_json(file: Path) -> bool:
    """Whether the file starts like a JSON document (``{`` after any BOM and white space)."""
    try:
        with file.open("rb") as handle:
            head = handle.read(4096)
    except OSError:
        return False  # read_import_file says why
    return head.lstrip(b"\xef\xbb\xbf \t\r\n")[:1] == b"{"


def _import_json(
    journal: Journal, file: Path, *, dry_run: bool, progress: Progress | None
) -> ImportReport:
    """A JSON document, streamed: read and written as it goes, never whole in memory."""
    from netjournal.services.interchange import import_json_file

    try:
        expected = _census(file)
        with file.open(encoding="utf-8-sig") as handle:
            return import_json_file(journal, handle, expected, dry_run=dry_run, progress=progress)
    except UnicodeDecodeError:
        raise InvalidFile(f"{file} is not UTF-8 text, as a JSON document must be") from None
    except OSError as exc:
        raise InvalidFile(f"cannot read {file}: {exc.strerror}") from None


def _census(file: Path) -> tuple[int, int]:
    """About how many people and dated events a JSON document holds, from its bytes.

    Only a person has a ``name`` field, and only an interaction, a help
    record or a referral a ``person`` (ties are written apart); a field
    split between two reads, or written with space before its colon, is
    missed.  The counts choose how the import writes (the bulk rules of
    ``store.bulk``), nothing else: the document is read for real after.
    """
    people = events = 0
    with file.open("rb") as handle:
        while chunk := handle.read(1 << 20):
            people += chunk.count(b'"name":')
            events += chunk.count(b'"person":')
    return people, events


def export_text(journal: Journal, fmt: str, *, vcard_version: str = "4.0") -> str:
    """``net export``: the journal as the text of one export format."""
    return "".join(export_chunks(journal, fmt, vcard_version=vcard_version))


def export_chunks(
    journal: Journal, fmt: str, *, vcard_version: str = "4.0"
) -> Generator[str, None, None]:
    """``net export``: the text of one export format, in pieces (JSON is streamed).

    The format is checked now; the journal is read as the pieces are asked
    for, in one read transaction that ends when the generator is exhausted or
    closed (close it before the journal: ``contextlib.closing``).
    """
    from netjournal.codecs import EXPORT_FORMATS, format_named
    from netjournal.services.interchange import document_chunks

    chosen = format_named(fmt)
    if chosen is None or not chosen.writes:
        raise InvalidInput(f"unknown format '{fmt}'", hint=f"use {_choices(EXPORT_FORMATS)}")
    if chosen.name == "vcard" and vcard_version not in ("3.0", "4.0"):
        raise InvalidInput(f"unknown vCard version '{vcard_version}'", hint="use 4.0 or 3.0")
    if chosen.name == "json":
        return document_chunks(journal)
    return _people_chunks(journal, chosen.name, vcard_version)


def _people_chunks(journal: Journal, fmt: str, vcard_version: str) -> Generator[str, None, None]:
    from netjournal.services.interchange import export_people

    yield _people_text(export_people(journal), fmt, vcard_version)


def _people_text(doc: Document, fmt: str, vcard_version: str) -> str:
    if fmt == "csv":
        from netjournal.codecs import write_csv

        return write_csv(doc)
    from netjournal.codecs import write_vcards

    return write_vcards(doc, version=vcard_version)


def _choices(names: tuple[str, ...]) -> str:
    """``json, csv or vcard``."""
    return ", ".join(names[:-1]) + f" or {names[-1]}" if len(names) > 1 else names[0]


def write_private(
    path: Path, text: str | Iterable[str], *, journal: Path | None = None, force: bool = False
) -> Path | None:
    """``net export -o``: write ``text`` to ``path`` without ever destroying what is there.

    - the journal, its ``-wal``/``-shm``/``-journal`` files and any SQLite file
      are refused, even with ``force``;
    - an existing file is replaced only with ``force``;
    - a symbolic link is written through (its target is updated, the link kept);
    - a pipe, device or socket (``/dev/stdout``, a FIFO) is written into as it is;
    - a new or replaced file is private (0600) and appears whole or not at all
      (written beside its place, then renamed over it).

    ``text`` may come in pieces (a streamed export): every check is made before
    the first piece is asked for, and the pieces are written as they come.
    Returns the file written, or ``None`` when the text went to stdout/stderr
    themselves (``-o /dev/stdout``) and must be printed there by the caller.
    """
    import stat

    try:
        info: os.stat_result | None = os.stat(path)
    except FileNotFoundError:
        info = None
    except OSError as exc:
        raise InvalidInput(f"cannot write {path}: {exc.strerror}") from None
    if info is not None and _is_own_stream(info):
        return None
    if info is not None and not stat.S_ISREG(info.st_mode) and not stat.S_ISDIR(info.st_mode):
        _write_into(path, text)  # a FIFO, a terminal, a device: write, never replace
        return path
    real = Path(os.path.realpath(path))
    if info is not None and stat.S_ISDIR(info.st_mode):
        raise InvalidInput(f"{path} is a folder", hint="give a file name")
    if journal is not None and _is_journal_file(real, journal):
        raise InvalidInput(
            f"{path} is the journal itself (or one of its files); an export never replaces it",
            hint="give the export another file name",
        )
    if info is not None:
        if _is_sqlite(real):
            raise InvalidInput(
                f"{path} is a SQLite database; an export never replaces one",
                hint="give the export another file name",
            )
        if not force:
            raise InvalidInput(
                f"{path} exists already", hint="add --force to replace it, or give another name"
            )
    if not real.parent.is_dir():
        raise InvalidInput(
            f"cannot write {path}: the folder {real.parent} does not exist",
            hint="create the folder first, or give another path",
        )
    _replace_atomically(real, text)
    return real


def _is_own_stream(info: os.stat_result) -> bool:
    """Is the path this process's own stdout or stderr (``/dev/stdout``, ``/proc/self/fd/1``)?"""
    for fd in (1, 2):
        try:
            if os.path.samestat(info, os.fstat(fd)):
                return True
        except OSError:
            continue
    return False


def _is_journal_file(real: Path, journal: Path) -> bool:
    base = Path(os.path.realpath(journal))
    names = {base, *(base.with_name(base.name + end) for end in ("-wal", "-shm", "-journal"))}
    if real in names:
        return True
    try:
        return any(real.exists() and n.exists() and os.path.samefile(real, n) for n in names)
    except OSError:
        return False


def _is_sqlite(path: Path) -> bool:
    try:
        with path.open("rb") as handle:
            return handle.read(16) == b"SQLite format 3\x00"
    except OSError:
        return False


def _write_into(path: Path, text: str | Iterable[str]) -> None:
    try:
        with open(path, "w", encoding="utf-8") as handle:
            handle.writelines([text] if isinstance(text, str) else text)
    except OSError as exc:
        raise InvalidInput(f"cannot write {path}: {exc.strerror}") from None


def _replace_atomically(real: Path, text: str | Iterable[str]) -> None:
    import tempfile

    fd, name = tempfile.mkstemp(prefix=f".{real.name}.", suffix=".tmp", dir=real.parent)
    tmp = Path(name)
    try:
        os.fchmod(fd, 0o600)
        with os.fdopen(fd, "w", encoding="utf-8") as handle:
            handle.writelines([text] if isinstance(text, str) else text)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(tmp, real)
    except BaseException as exc:
        tmp.unlink(missing_ok=True)
        if not isinstance(exc, OSError):
            raise  # the export itself failed (or Ctrl-C): no partial file is left
        hint = "free some space and export again" if exc.errno == 28 else None
        raise InvalidInput(f"cannot write {real}: {exc.strerror}", hint=hint) from None
