"""Import and export: the JSON interchange format and the other sources.

Every source becomes a :class:`~netjournal.codecs.document.Document` first; one
function writes a document to the journal, in one transaction, with bulk
inserts.  Re-importing the same document changes nothing: people are matched
by key and identical events are not doubled.

Contacts files from other software (vCard, CSV) are matched differently: an
e-mail or a personal profile URL (LinkedIn ``/in/…``) identifies a person, a
company or other web address never does; name and organisation identify only
when no e-mail, phone or profile says they are two people.  The same person
twice in one file is merged once.  A tie to someone neither in the file nor
in the journal is left out with a note.  People a contacts file brings in are
*dormant* (left out of ``net stale`` and ``net today``) until contacted or
given a cadence.
"""

from __future__ import annotations

import gc
import json
import re
import sqlite3
from collections.abc import Callable, Container, Generator, Iterable, Iterator
from contextlib import ExitStack, contextmanager
from dataclasses import dataclass, field
from datetime import date
from typing import IO, TYPE_CHECKING, Any, NamedTuple, overload

from pydantic import ValidationError

from netjournal.checks import json_has_control_chars
from netjournal.codecs.common import Contacts, Skipped
from netjournal.codecs.document import (
    FORMAT_NAME,
    FORMAT_VERSION,
    READ_VERSIONS,
    VERSION_2_SECTIONS,
    Document,
    HelpRecord,
    InteractionRecord,
    NeedRecord,
    PersonRecord,
    ReferralRecord,
    SettingsRecord,
    TieRecord,
    unite_contacts,
)
from netjournal.errors import InvalidFile
from netjournal.fields import CONTACT_FIELDS, LABEL_KINDS, LIST_FIELDS
from netjournal.matching.text import fold, slug
from netjournal.services.people import get_records, person_objects

if TYPE_CHECKING:
    from netjournal.store import Journal

# Called with a step's name, the work done in it and its total.
Progress = Callable[[str, int, int], None]


@dataclass
class ImportReport:
    added: list[str] = field(default_factory=list)
    updated: list[str] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)
    events_added: int = 0
    events_skipped: int = 0
    # Contacts files only: records left out, duplicates merged, what else to say.
    skipped: list[Skipped] = field(default_factory=list)
    merged: list[dict[str, str]] = field(default_factory=list)
    dormant: int = 0
    notes: list[str] = field(default_factory=list)

    def public(self) -> dict[str, Any]:
        return {
            "added": self.added,
            "updated": self.updated,
            "unchanged": self.unchanged,
            "events_added": self.events_added,
            "events_skipped": self.events_skipped,
            "skipped": [item.public() for item in self.skipped],
            "merged": self.merged,
            "dormant": self.dormant,
            "notes": self.notes,
        }


@dataclass
class ContactOptions:
    """How a contacts file is imported (``net import`` options) and what its reader said."""

    wheres: list[str] = field(default_factory=list)
    skipped: list[Skipped] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    every: int | None = None
    tags: list[str] = field(default_factory=list)

    @classmethod
    def of(
        cls, contacts: Contacts, *, every: int | None = None, tags: list[str] | None = None
    ) -> ContactOptions:
        return cls(contacts.wheres, contacts.skipped, contacts.notes, every, list(tags or []))


# ------------------------------------------------------------------- reading


def parse_json(text: str) -> Document:
    """Validate a JSON interchange document; every problem is named by its path."""
    try:
        raw = json.loads(text)
    except json.JSONDecodeError as exc:
        raise InvalidFile(
            f"not valid JSON (line {exc.lineno}, column {exc.colno}: {exc.msg})"
        ) from None
    if not isinstance(raw, dict):
        raise InvalidFile('the file must hold a JSON object with "format": "netjournal"')
    _check_header(raw)
    try:
        # Most files have no control character at all: then skip the per-record scan.
        clean = not json_has_control_chars(text)
        return Document.model_validate(raw, context={"no_control_chars": clean})
    except ValidationError as exc:
        problems = [_problem(err) for err in exc.errors()]
        raise InvalidFile(f"{len(problems)} problem(s) in the file", problems) from None


def _problem(err: Any, prefix: tuple[str | int, ...] = ()) -> str:
    loc = (*prefix, *err["loc"])
    path = ""
    for part in loc:
        path += f"[{part}]" if isinstance(part, int) else (f".{part}" if path else str(part))
    kind = err["type"]
    if kind == "version_2_section":
        return f"{err['ctx']['section']}: {err['msg']}"
    if kind == "control_characters":
        fields = err.get("ctx", {}).get("fields", [])
        return "; ".join(f"{path}.{f}: contains control characters" for f in fields)
    if kind == "extra_forbidden":
        return f"{path}: unknown field" if len(loc) > 1 else f"{path}: unknown section"
    if kind in ("string_too_short", "missing") and loc[-1] == "name":
        return f"{path}: must not be empty" if kind == "string_too_short" else f"{path}: missing"
    if kind == "string_too_short":
        return f"{path}: must not be empty"
    return f"{path}: {err['msg'].lower()}"


def read_source(text: str, fmt: str | None, filename: str | None = None) -> Document | Contacts:
    """Turn a file's text into a document (JSON) or the contacts of another program's file."""
    from netjournal.codecs import detect_format, read_any

    kind = fmt or detect_format(text, filename)
    if kind == "json":
        return parse_json(text)
    return read_any(text, kind)


# ------------------------------------------------------------------- events, light


class Interaction(NamedTuple):
    person: str
    date: date
    kind: str | None
    note: str | None


class Help(NamedTuple):
    person: str
    direction: str
    date: date
    what: str
    skill: str | None


class Tie(NamedTuple):
    a: str
    b: str
    note: str | None


class Referral(NamedTuple):
    person: str
    to: str
    need: str
    date: date


@dataclass
class Events:
    """A document's events as light tuples: 300,000 of them fit in a few tens of MB."""

    interactions: list[Interaction] = field(default_factory=list)
    help: list[Help] = field(default_factory=list)
    ties: list[Tie] = field(default_factory=list)
    referrals: list[Referral] = field(default_factory=list)

    @classmethod
    def of(cls, doc: Document) -> Events:
        return cls(
            [Interaction(r.person, r.date, r.kind, r.note) for r in doc.interactions],
            [Help(r.person, r.direction, r.date, r.what, r.skill) for r in doc.help],
            [Tie(r.a, r.b, r.note) for r in doc.ties],
            [Referral(r.person, r.to, r.need, r.date) for r in doc.referrals],
        )


_SECTIONS: dict[str, type[Any]] = {
    "people": PersonRecord,
    "interactions": InteractionRecord,
    "help": HelpRecord,
    "ties": TieRecord,
    "referrals": ReferralRecord,
    "needs": NeedRecord,
}


@contextmanager
def bulk_load() -> Iterator[None]:
    """Keep the cyclic garbage collector out of a bulk load.

    Reading builds hundreds of thousands of small objects and no cycles; the
    collector would walk them again and again (three quarters of the time).
    """
    enabled = gc.isenabled()
    gc.disable()
    gc.freeze()
    try:
        yield
    finally:
        gc.unfreeze()
        if enabled:
            gc.enable()


#: Every so many records of a section, ``read_json_file`` offers its events to ``drain``.
DRAIN_MASK = (1 << 13) - 1


def read_json_file(
    handle: IO[str],
    people: Callable[[int, PersonRecord], None],
    drain: Callable[[Events], None] | None = None,
) -> tuple[Document, Events]:
    """Read and validate a JSON interchange document record by record (streamed).

    Only the record being read is ever a dict.  Each person goes to
    ``people`` with their place in the file as soon as read (the document
    returned holds none), until the first problem: the file will be
    refused, and every later record is only validated.  Events are kept as
    light tuples; ``drain`` is given them every few thousand records, and
    may take them out of their lists.  Every problem is named by its path,
    as :func:`parse_json` does.
    """
    from netjournal.codecs.stream import Reader, walk

    needs: list[NeedRecord] = []
    events = Events()
    scalars: dict[str, Any] = {}
    seen: set[str] = set()
    problems: list[str] = []
    dates: dict[date, date] = {}
    days: dict[str, date] = {}  # each valid ISO date of the file, read once
    # Keys, kinds and skills repeat in every event: keep one copy of each text.
    keys: dict[str, str] = {}
    texts: dict[str | None, str | None] = {}
    one, maybe = keys.setdefault, texts.setdefault
    share = _SharedTexts()
    with bulk_load():
        reader = Reader(handle)
        for section, index, value in walk(reader):
            if index and not index & DRAIN_MASK and drain is not None and not problems:
                drain(events)
            seen.add(section)
            model = _SECTIONS.get(section)
            if model is None:
                if section in ("format", "version", "settings"):
                    scalars[section] = value
                elif f"{section}: unknown section" not in problems:
                    problems.append(f"{section}: unknown section")
                continue
            if index is None:
                if value != []:
                    problems.append(f"{section}: input should be a valid list")
                continue
            plain = _PLAIN.get(section) if reader.plain else None
            if plain is not None:
                event = plain(value, days)
                if event is not None:
                    if section == "interactions":
                        person, day, kind, note = event
                        events.interactions.append(
                            Interaction(one(person, person), day, maybe(kind, kind), share(note))
                        )
                    elif section == "help":
                        person, direction, day, what, skill = event
                        events.help.append(
                            Help(
                                one(person, person),
                                one(direction, direction),
                                day,
                                share(what),
                                maybe(skill, skill),
                            )
                        )
                    elif section == "ties":
                        a, b, note = event
                        events.ties.append(Tie(one(a, a), one(b, b), share(note)))
                    else:
                        person, to, need, day = event
                        events.referrals.append(
                            Referral(one(person, person), one(to, to), share(need), day)
                        )
                    continue
            try:
                record = model.model_validate(
                    value, context={"no_control_chars": not reader.control}
                )
            except ValidationError as exc:
                problems += [_problem(err, (section, index)) for err in exc.errors()]
                continue
            if section == "people":
                if not problems:
                    people(index, record)
            elif section == "needs":
                needs.append(record)
            elif section == "ties":
                events.ties.append(
                    Tie(one(record.a, record.a), one(record.b, record.b), record.note)
                )
            else:
                day = dates.setdefault(record.date, record.date)
                person = one(record.person, record.person)
                if section == "interactions":
                    kind = maybe(record.kind, record.kind)
                    events.interactions.append(Interaction(person, day, kind, record.note))
                elif section == "help":
                    direction, skill = (
                        one(record.direction, record.direction),
                        maybe(record.skill, record.skill),
                    )
                    events.help.append(Help(person, direction, day, record.what, skill))
                else:
                    to = one(record.to, record.to)
                    events.referrals.append(Referral(person, to, record.need, day))
    _check_header(scalars)
    settings = None
    if scalars.get("settings") is not None:
        try:
            settings = SettingsRecord.model_validate(scalars["settings"])
        except ValidationError as exc:
            problems += [_problem(err, ("settings",)) for err in exc.errors()]
    version = scalars["version"]
    if version == 1:
        for section in VERSION_2_SECTIONS:
            if section in seen:
                problems.append(
                    f'{section}: a version 1 document has no {section} (write "version": 2)'
                )
    if problems:
        raise InvalidFile(f"{len(problems)} problem(s) in the file", problems)
    doc = Document.model_construct(
        format=FORMAT_NAME,
        version=version,
        people=[],
        interactions=[],
        help=[],
        ties=[],
        referrals=[],
        needs=needs,
        settings=settings,
    )
    return doc, events


class _SharedTexts:
    """One copy of each short text seen lately, as pydantic keeps for the texts it validates.

    Notes and help records repeat (a file written from templates, the same
    "coffee" note a hundred times); a model's strings come from pydantic's
    cache of short strings, and a plain record's would each be their own
    copy (9 MB more at 30,000 people).  The same rule: texts of up to 64
    characters, in a table of 16,384 that forgets on collision, so that a
    file of unique notes costs no more than the table.
    """

    SIZE = 1 << 14
    LONGEST = 64

    def __init__(self) -> None:
        self.table: list[str | None] = [None] * self.SIZE

    @overload
    def __call__(self, text: str) -> str: ...
    @overload
    def __call__(self, text: None) -> None: ...
    def __call__(self, text: str | None) -> str | None:
        if text is None or len(text) > self.LONGEST:
            return text
        slot = hash(text) & (self.SIZE - 1)
        known = self.table[slot]
        if known == text:
            return known
        self.table[slot] = text
        return text


#: The fields of each event record (a record with any other is read by its model).
_EVENT_FIELDS: dict[str, frozenset[str]] = {
    "interactions": frozenset(InteractionRecord.model_fields),
    "help": frozenset(HelpRecord.model_fields),
    "ties": frozenset(TieRecord.model_fields),
    "referrals": frozenset(ReferralRecord.model_fields),
}
_ISO_DAY = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")


def _plain_event(section: str, value: Any, days: dict[str, date]) -> tuple[Any, ...] | None:
    """An event record read without its model, when it is plain; None: ask the model.

    Plain means what the model would take as it is and give back unchanged:
    an object of the section's fields only, every text a string with no
    white space to strip (and not empty where the model wants a text), every
    date an ISO ``YYYY-MM-DD`` string of a real day, ``direction`` exactly
    ``gave`` or ``got``.  Anything else (a text to strip, a number for a
    date, a missing field, a mistake) goes through the model, which reads it
    or names the problem as before.  The caller has made sure the document
    holds no control character and no lone surrogate (``Reader.plain``):
    the model's only other refusals of a string.  Validating 420,000 events
    with their models took about 2.5 s of a 30,000-person import; this, about
    a fifth of that.  (The checks are written out in each reader below: a
    function call per field cost as much as the checks.)
    """
    return _PLAIN[section](value, days)


def _plain_interaction(value: Any, days: dict[str, date]) -> tuple[Any, ...] | None:
    if type(value) is not dict or not value.keys() <= _EVENT_FIELDS["interactions"]:
        return None
    get = value.get
    person, kind, note = get("person"), get("kind"), get("note")
    day = _day(get("date"), days)
    if (
        day is None
        or type(person) is not str
        or not person
        or person.strip() != person
        or (kind is not None and (type(kind) is not str or kind.strip() != kind))
        or (note is not None and (type(note) is not str or note.strip() != note))
    ):
        return None
    return person, day, kind, note


def _plain_help(value: Any, days: dict[str, date]) -> tuple[Any, ...] | None:
    if type(value) is not dict or not value.keys() <= _EVENT_FIELDS["help"]:
        return None
    get = value.get
    person, direction, what, skill = get("person"), get("direction"), get("what"), get("skill")
    day = _day(get("date"), days)
    if (
        day is None
        or type(person) is not str
        or not person
        or person.strip() != person
        or direction not in ("gave", "got")
        or type(what) is not str
        or not what
        or what.strip() != what
        or (skill is not None and (type(skill) is not str or skill.strip() != skill))
    ):
        return None
    return person, direction, day, what, skill


def _plain_tie(value: Any, days: dict[str, date]) -> tuple[Any, ...] | None:
    if type(value) is not dict or not value.keys() <= _EVENT_FIELDS["ties"]:
        return None
    get = value.get
    a, b, note = get("a"), get("b"), get("note")
    if (
        type(a) is not str
        or not a
        or a.strip() != a
        or type(b) is not str
        or not b
        or b.strip() != b
        or (note is not None and (type(note) is not str or note.strip() != note))
    ):
        return None
    return a, b, note


def _plain_referral(value: Any, days: dict[str, date]) -> tuple[Any, ...] | None:
    if type(value) is not dict or not value.keys() <= _EVENT_FIELDS["referrals"]:
        return None
    get = value.get
    person, to, need = get("person"), get("to"), get("need")
    day = _day(get("date"), days)
    if (
        day is None
        or type(person) is not str
        or not person
        or person.strip() != person
        or type(to) is not str
        or not to
        or to.strip() != to
        or type(need) is not str
        or not need
        or need.strip() != need
    ):
        return None
    return person, to, need, day


_PLAIN: dict[str, Callable[[Any, dict[str, date]], tuple[Any, ...] | None]] = {
    "interactions": _plain_interaction,
    "help": _plain_help,
    "ties": _plain_tie,
    "referrals": _plain_referral,
}


def _day(value: object, days: dict[str, date]) -> date | None:
    """The day an ISO date string names, or None when it is not one (or no such day)."""
    if type(value) is not str:
        return None
    day = days.get(value)
    if day is None and len(value) == 10 and _ISO_DAY.fullmatch(value):
        try:
            day = days[value] = date.fromisoformat(value)
        except ValueError:
            return None
    return day


def _check_header(raw: dict[str, Any]) -> None:
    if raw.get("format") != FORMAT_NAME:
        raise InvalidFile(
            f"format is {raw.get('format')!r}, not 'netjournal'",
            hint="is this a netjournal export? other sources: --format vcard|linkedin|csv",
        )
    version = raw.get("version")
    if type(version) is not int or version not in READ_VERSIONS:
        raise InvalidFile(
            f"version {version!r} of the format is not supported (this netjournal "
            f"reads versions {' and '.join(map(str, READ_VERSIONS))})"
        )


# ------------------------------------------------------------------- writing


def import_document(
    journal: Journal,
    doc: Document,
    *,
    dry_run: bool = False,
    contacts: ContactOptions | None = None,
    progress: Progress | None = None,
) -> ImportReport:
    """Write a document to the journal: all of it, or nothing (one transaction).

    ``contacts`` says the document came from another program's contacts file:
    people are then matched by identity and merged additively (see the module).
    A JSON file is imported by :func:`import_json_file` instead, as it is read.
    """
    from netjournal.services.evidence import refresh_people
    from netjournal.store.bulk import fulltext_deferred

    with journal.write() as conn, ExitStack() as deferred:
        report = ImportReport()
        if contacts is not None:
            plan = _plan_contacts(conn, doc, contacts, report)  # gives the events their keys
            events = Events.of(doc)
        else:
            events = Events.of(doc)
            plan = _plan(conn, doc, events, False)
        texts = 4 * len(doc.people) + len(events.interactions) + len(events.help)
        _defer_people_indexes(deferred, conn, len(doc.people))
        with fulltext_deferred(conn, texts):
            _apply(conn, doc, events, plan, progress, report)
        if contacts is not None:
            report.dormant = _count_dormant(conn, report.added)
        touched = plan.changed_ids(conn)
        refresh_people(conn, touched, progress=progress)
        if dry_run:
            raise _DryRun(report)
    return report


def preview_import(
    journal: Journal,
    doc: Document,
    *,
    contacts: ContactOptions | None = None,
) -> ImportReport:
    """What an import would do, computed in a transaction that is rolled back."""
    try:
        import_document(journal, doc, dry_run=True, contacts=contacts)
    except _DryRun as done:
        return done.report
    raise AssertionError("unreachable")


#: From how many rows a document is written into an empty journal without the
#: WAL (``Journal.filling``): past what the page cache holds.
FILLING_ROWS = 100_000


def import_json_file(
    journal: Journal,
    handle: IO[str],
    expected: tuple[int, int],
    *,
    dry_run: bool = False,
    progress: Progress | None = None,
) -> ImportReport:
    """Read a JSON interchange document and write it as it is read: all of it, or nothing.

    People are written a batch at a time, inside the one transaction, as the
    file gives them, and interactions and help records once their people
    are (:class:`_StreamedImport`); ties, referrals and needs wait, as light
    tuples, until everyone has an id.  Held whole, a 100,000-person document
    was 340 MB of records before the first was written.  Every problem of
    the file is found and named as :func:`read_json_file` and
    :func:`import_document` name them, and a file with any is refused whole:
    the transaction is rolled back.  ``expected`` is about how many people
    and dated events the file holds, for the bulk rules of ``store.bulk``
    (``files._census`` counts them).
    """
    from netjournal.clock import today
    from netjournal.services.evidence import refresh_people
    from netjournal.store.bulk import fulltext_deferred

    people, events_ = expected
    report = ImportReport()
    try:
        with ExitStack() as outside:
            outside.enter_context(bulk_load())
            if people + events_ >= FILLING_ROWS:
                outside.enter_context(journal.filling())
            conn = outside.enter_context(journal.write())
            _defer_people_indexes(outside, conn, people)
            with fulltext_deferred(conn, 4 * people + events_):
                stream = _StreamedImport(conn, report, today())
                plan, ids = stream.plan, stream.ids
                with stream.rows.bulk(events_):
                    with _writing_people(conn, people, people):
                        doc, events = read_json_file(handle, people=stream, drain=stream.drain)
                        stream.flush()
                    stream.finish(doc, events)
                _add_links(conn, events, ids, report, plan)
                _add_needs(conn, doc.needs, ids, report)
                if doc.settings is not None:
                    settings = doc.settings
                    _apply_settings(conn, settings.default_cadence_days, settings.tag_cadences)
            if progress:
                progress("writing people and events", 1, 1)
            refresh_people(conn, plan.changed_ids(conn), progress=progress)
            if dry_run:
                raise _DryRun(report)
    except _DryRun as done:
        return done.report
    return report


class _StreamedImport:
    """A document's people and events, given as read: checked, and written in batches.

    What :func:`_plan` and :func:`_apply` do for a document held whole, as the
    file goes: keys are given in the file's order, each batch of people is
    written as soon as it is full, and each batch of interactions and help
    records (:meth:`drain`) once their people are written.  A record whose
    person is not written yet (a key of a later person, or of nobody) waits
    for :meth:`finish`, which checks every reference against every key.
    After the first problem nothing more is written (the file will be
    refused), but everything is still checked.
    """

    BATCH = 500

    def __init__(self, conn: sqlite3.Connection, report: ImportReport, added: date) -> None:
        from netjournal.clock import latest_today

        self.conn, self.report, self.added = conn, report, added
        self.keys = _Keys(conn)
        self.plan = _Plan([], self.keys.existing)
        self.ids = dict(self.keys.existing)
        self.rows = _EventRows(conn, report, self.ids, self.plan)
        self.now = latest_today()
        self.batch: list[tuple[str, PersonRecord]] = []
        # Where each person known through someone is, and whose via may change.
        self.vias: list[tuple[int, str, str | None]] = []
        self.future: list[str] = []  # people added after today
        self.drained = {"interactions": 0, "help": 0}  # records of each section so far
        self.waiting: dict[str, list[tuple[int, Any]]] = {"interactions": [], "help": []}

    @property
    def refused(self) -> bool:
        return bool(self.keys.problems or self.future)

    def __call__(self, i: int, person: PersonRecord) -> None:
        key = self.keys.key(i, person)
        if person.via is not None or key in self.keys.existing:
            self.vias.append((i, key, person.via))
        if (problem := _future_added(i, person, self.now)) is not None:
            self.future.append(problem)
        if self.refused:
            self.batch.clear()  # nothing more to write
            return
        self.batch.append((key, person))
        if len(self.batch) >= self.BATCH:
            self.flush()

    def flush(self) -> None:
        if self.batch:
            _write_people(self.conn, self.batch, self.plan, self.report, self.added, self.ids)
            self.batch = []

    def drain(self, events: Events) -> None:
        """Write the interactions and help records read so far whose person is written."""
        ids, now = self.ids, self.now
        for section in ("interactions", "help"):
            records = getattr(events, section)
            first = self.drained[section]
            self.drained[section] += len(records)
            ready = []
            for i, record in enumerate(records, start=first):
                if record.person in ids and record.date <= now:
                    ready.append(record)
                else:
                    self.waiting[section].append((i, record))
            records.clear()
            if ready and not self.refused:
                self._write(section, ready)

    def _write(self, section: str, records: list[Any]) -> None:
        if section == "interactions":
            self.rows.interactions(records)
        else:
            self.rows.help(records)

    def finish(self, doc: Document, events: Events) -> None:
        """The rest of the events, once every reference is checked; people linked to their vias."""
        self.drain(events)
        known = self.keys.taken
        unknown: list[str] = []
        future: list[str] = []
        for section, waiting in self.waiting.items():
            for i, record in waiting:
                if record.person not in known:
                    unknown.append(_unknown_key(section, i, "person", record.person))
                if record.date > self.now:
                    future.append(_future_date(section, i, record.date))
        problems = list(self.keys.problems)
        problems += [
            problem
            for i, key, via in self.vias
            if (problem := _via_problem(i, via, key, known)) is not None
        ]
        problems += [*unknown, *_reference_problems(events, known)]  # ties and referrals
        problems += _need_problems(doc, known)
        problems += [*future, *_future_events(events, self.now), *self.future]
        problems += _future_needs(doc, self.now)
        if problems:
            raise InvalidFile(
                f"{len(problems)} problem(s) in the file; nothing was imported", problems
            )
        _link(self.conn, ((key, via) for _i, key, via in self.vias), self.plan, self.ids)
        for section, waiting in self.waiting.items():
            self._write(section, [record for _i, record in waiting])
            waiting.clear()


class _DryRun(Exception):
    def __init__(self, report: ImportReport) -> None:
        super().__init__("dry run")
        self.report = report


@dataclass
class _Plan:
    keys: list[str]
    existing: dict[str, int]
    additive: bool = False
    touched_keys: set[str] = field(default_factory=set)
    dormant_keys: set[str] = field(default_factory=set)

    def changed_ids(self, conn: sqlite3.Connection) -> list[int]:
        keys = list(self.touched_keys)
        ids = []
        for i in range(0, len(keys), 500):
            part = keys[i : i + 500]
            ids += [
                r[0]
                for r in conn.execute(
                    f"SELECT id FROM person WHERE key IN ({','.join('?' * len(part))})", part
                )
            ]
        return ids


class _Keys:
    """Each person of a document gets a key: the file's own, or a free one made from the name.

    People are given their keys in the file's order, one at a time (a
    streamed import writes each batch as it is read); what is wrong with a
    key is noted in ``problems``, as :func:`_plan` reports it.
    """

    def __init__(self, conn: sqlite3.Connection) -> None:
        self.conn = conn
        self.existing: dict[str, int] = {
            k: i for k, i in conn.execute("SELECT key, id FROM person")
        }
        self.taken = set(self.existing)  # the journal's keys and the file's, so far
        self.seen: dict[str, int] = {}  # the file's keys, and where each is
        self.free_keys = _KeyMaker(self.taken, self.seen)
        self.problems: list[str] = []

    def key(self, i: int, person: PersonRecord) -> str:
        key = person.key.strip().lower() if person.key else None
        if key is not None and slug(key) != key:
            self.problems.append(f"people[{i}].key: '{person.key}' is not a valid key")
            key = slug(key) or f"invalid-{i}"
        if key is None:
            base = slug(person.name) or "person"
            # A keyless person of a JSON document is the journal's person of the
            # same name (re-importing changes nothing).
            if (
                base in self.existing
                and base not in self.seen
                and fold(_name_of(self.conn, self.existing[base])) == fold(person.name)
            ):
                key = base
            else:
                key = self.free_keys.free(base)
        if key in self.seen:
            self.problems.append(
                f"people[{i}].key: '{key}' is used twice (also people[{self.seen[key]}])"
            )
        self.seen[key] = i
        self.taken.add(key)
        return key


def _via_problem(i: int, via: str | None, key: str, known: Container[str]) -> str | None:
    if via is None:
        return None
    if via not in known:
        return f"people[{i}].via: unknown key '{via}'"
    if via == key:
        return f"people[{i}].via: a person cannot be known through themselves"
    return None


def _unknown_key(section: str, i: int, name: str, value: str) -> str:
    return f"{section}[{i}].{name}: unknown key '{value}'"


def _future_date(section: str, i: int, day: date) -> str:
    return f"{section}[{i}].date: {day} is in the future"


def _reference_problems(events: Events, known: Container[str]) -> list[str]:
    problems = []
    for section, fields_ in _REFERENCES:
        for i, record in enumerate(getattr(events, section)):
            for name in fields_:
                value = getattr(record, name)
                if value not in known:
                    problems.append(_unknown_key(section, i, name, value))
            if section == "ties" and record.a == record.b:
                problems.append(f"ties[{i}]: a person cannot be tied to themselves")
            if section == "referrals" and record.person == record.to:
                problems.append(f"referrals[{i}]: a person cannot be referred to themselves")
    return problems


def _plan(
    conn: sqlite3.Connection, doc: Document, events: Events, match_contacts: bool = False
) -> _Plan:
    """Give every person of the document a key and check every reference (all or nothing)."""
    from netjournal.clock import latest_today

    people = _Keys(conn)
    keys = [people.key(i, person) for i, person in enumerate(doc.people)]
    problems = people.problems
    known = people.taken
    for i, (person, key) in enumerate(zip(doc.people, keys, strict=True)):
        if (problem := _via_problem(i, person.via, key, known)) is not None:
            problems.append(problem)
    problems += _reference_problems(events, known)
    problems += _need_problems(doc, known)
    now = latest_today()
    problems += _future_events(events, now)
    problems += [p for i, person in enumerate(doc.people) if (p := _future_added(i, person, now))]
    problems += _future_needs(doc, now)
    if problems:
        raise InvalidFile(f"{len(problems)} problem(s) in the file; nothing was imported", problems)
    return _Plan(keys, people.existing, additive=match_contacts)


def _need_problems(doc: Document, known: set[str]) -> list[str]:
    problems = []
    seen: dict[str, int] = {}
    for i, need in enumerate(doc.needs):
        for name, value in (("for", need.for_), ("met_by", need.met_by)):
            if value is not None and value not in known:
                problems.append(f"needs[{i}].{name}: unknown key '{value}'")
        if need.met_by is not None and need.met_by == need.for_:
            problems.append(f"needs[{i}].met_by: a need cannot be met by the person who needs it")
        if need.id is not None:
            if need.id in seen:
                problems.append(
                    f"needs[{i}].id: '{need.id}' is used twice (also needs[{seen[need.id]}])"
                )
            seen[need.id] = i
    return problems


_REFERENCES = (
    ("interactions", ("person",)),
    ("help", ("person",)),
    ("ties", ("a", "b")),
    ("referrals", ("person", "to")),
)


class _KeyMaker:
    """Free keys ``base``, ``base-2``, ``base-3``… among collections that only grow.

    Each base remembers the last number it tried, so that 30,000 people
    sharing a few dozen names cost one probe each, not one per namesake.
    """

    def __init__(self, *taken: Container[str]) -> None:
        self.taken = taken
        self.last: dict[str, int] = {}

    def free(self, base: str) -> str:
        n = self.last.get(base, 1)
        key = base if n == 1 else f"{base}-{n}"
        while any(key in keys for keys in self.taken):
            n += 1
            key = f"{base}-{n}"
        self.last[base] = n
        return key


# ------------------------------------------------------------------- contacts files

_PROFILE = re.compile(
    r"^(?:https?://)?(?:[a-z]{2,3}\.)?(?:www\.)?linkedin\.com/(in|pub)/([^?#]+)", re.IGNORECASE
)


def profile_url(url: str | None) -> str | None:
    """The identity a personal profile URL gives (LinkedIn ``/in/…``), else None.

    A company page, a personal site or any other web address identifies
    nobody: colleagues share them.
    """
    if not url:
        return None
    match = _PROFILE.match(url.strip())
    if match is None:
        return None
    from urllib.parse import unquote

    path = unquote(match.group(2)).strip("/").lower()
    return f"linkedin/{match.group(1).lower()}/{path}" if path else None


def _phone_digits(phone: str) -> str:
    digits = "".join(ch for ch in phone if ch.isdigit())
    return digits[-9:] if len(digits) >= 9 else digits


@dataclass
class _Identity:
    """What tells one contact from another."""

    strong: set[str]  # e-mails and personal profile URLs
    phones: set[str]
    weak: str  # name and organisation

    def conflicts(self, other: _Identity) -> bool:
        """Whether the two are surely different people (they share no strong identity)."""
        if self.strong and other.strong and not self.strong & other.strong:
            return True
        return bool(self.phones and other.phones and not self.phones & other.phones)


def _identity(
    name: str, org: str | None, emails: list[str], phones: list[str], url: str | None
) -> _Identity:
    strong = {f"email:{e.strip().casefold()}" for e in emails if e.strip()}
    profile = profile_url(url)
    if profile:
        strong.add(f"url:{profile}")
    return _Identity(
        strong,
        {d for d in (_phone_digits(p) for p in phones) if d},
        f"{fold(name)}|{fold(org or '')}",
    )


def _of(person: PersonRecord) -> _Identity:
    return _identity(person.name, person.org, person.emails, person.phones, person.url)


class _Index:
    """Contacts by identity: strong ones (one person each) and name-and-organisation."""

    def __init__(self) -> None:
        self.strong: dict[str, str] = {}
        self.weak: dict[str, list[str]] = {}
        self.identities: dict[str, _Identity] = {}

    def add(self, ref: str, identity: _Identity) -> None:
        known = self.identities.get(ref)
        if known is not None:
            identity = _Identity(
                known.strong | identity.strong, known.phones | identity.phones, identity.weak
            )
            if known.weak != identity.weak:
                self.weak.setdefault(known.weak, []).append(ref)
        self.identities[ref] = identity
        for probe in identity.strong:
            self.strong.setdefault(probe, ref)
        refs = self.weak.setdefault(identity.weak, [])
        if ref not in refs:
            refs.append(ref)

    def find(self, identity: _Identity) -> str | None:
        for probe in sorted(identity.strong):
            if probe in self.strong:
                return self.strong[probe]
        fits = [
            ref
            for ref in self.weak.get(identity.weak, [])
            if not identity.conflicts(self.identities[ref])
        ]
        return fits[0] if len(fits) == 1 else None


def _journal_index(conn: sqlite3.Connection) -> _Index:
    index = _Index()
    more: dict[int, tuple[list[str], list[str]]] = {}
    for pid, kind, value in conn.execute(
        "SELECT person_id, kind, value FROM person_contact ORDER BY person_id, kind, position"
    ):
        emails, phones = more.setdefault(pid, ([], []))
        (emails if kind == "email" else phones).append(value)
    for pid, key, name, org, email, phone, url in conn.execute(
        "SELECT id, key, name, org, email, phone, url FROM person"
    ):
        emails, phones = more.get(pid, ([], []))
        index.add(
            key,
            _identity(
                name,
                org,
                [email, *emails] if email else emails,
                [phone, *phones] if phone else phones,
                url,
            ),
        )
    return index


def _plan_contacts(
    conn: sqlite3.Connection, doc: Document, options: ContactOptions, report: ImportReport
) -> _Plan:
    """Match a contacts file's people to the journal and to each other; never refuse a record.

    Duplicates inside the file are merged into their first record (the
    document is changed in place); references to nobody known are dropped
    with a note.
    """
    from netjournal.clock import today

    report.skipped = list(options.skipped)
    report.notes = list(options.notes)
    existing = {k: i for k, i in conn.execute("SELECT key, id FROM person")}
    journal = _journal_index(conn)
    in_file = _Index()
    now = today()
    people: list[PersonRecord] = []
    keys: list[str] = []
    wheres: list[str] = []
    position_of: dict[str, int] = {}
    free_keys = _KeyMaker(existing, position_of)
    for i, person in enumerate(doc.people):
        where = options.wheres[i] if i < len(options.wheres) else f"record {i + 1}"
        person = _with_options(person, options, now)
        identity = _of(person)
        key = person.key.strip().lower() if person.key else None
        if key is not None and slug(key) != key:
            key = None
        ref = in_file.find(identity) if key is None else (key if key in position_of else None)
        if ref is None and key is None:
            key = journal.find(identity)
        elif ref is None and key is not None and key not in existing:
            # A key the file gives (its own vCard UID) that the journal lacks: a new person,
            # unless their e-mail or profile is the journal's someone else.
            found = journal.find(identity)
            key = found if found is not None else key
        if ref is None and key is not None and key in position_of:
            ref = key
        if ref is not None:
            at = position_of[ref]
            people[at] = _merge(people[at], person, additive=True)
            in_file.add(ref, _of(people[at]))
            report.merged.append({"where": where, "into": wheres[at]})
            continue
        if key is None:
            key = free_keys.free(slug(person.name) or "person")
        position_of[key] = len(people)
        people.append(person)
        keys.append(key)
        wheres.append(where)
        in_file.add(key, identity)
    doc.people = people
    known = set(existing) | set(keys)
    names = {fold(n): k for k, n in conn.execute("SELECT key, name FROM person")}
    names.update({fold(p.name): k for p, k in zip(people, keys, strict=True)})
    for person, key in zip(people, keys, strict=True):
        if person.via is not None:
            via = person.via if person.via in known else names.get(fold(person.via))
            person.via = via if via != key else None
    kept_ties = []
    for tie in doc.ties:
        a = tie.a if tie.a in known else names.get(fold(tie.a))
        b = tie.b if tie.b in known else names.get(fold(tie.b))
        missing = tie.b if a is not None else tie.a
        if a is None or b is None:
            report.notes.append(
                f"a tie to '{missing}' was left out: nobody by that name or key is in the file"
                " or the journal"
            )
        elif a != b:
            kept_ties.append(tie.model_copy(update={"a": a, "b": b}))
    doc.ties = kept_ties
    plan = _Plan(keys, existing, additive=True)
    plan.dormant_keys = {k for k in keys if k not in existing}
    return plan


def _with_options(person: PersonRecord, options: ContactOptions, now: date) -> PersonRecord:
    """A contact with ``--tag`` and ``--every`` applied, and no date added in the future."""
    update: dict[str, Any] = {}
    if options.tags:
        folded = {t.casefold() for t in person.tags}
        update["tags"] = [*person.tags, *(t for t in options.tags if t.casefold() not in folded)]
    if options.every is not None:
        update["cadence_days"] = options.every
    if person.added is not None and person.added > now:
        update["added"] = None
    if not update:
        return person
    copy = person.model_copy(update=update)
    copy.__pydantic_fields_set__.update(k for k in update if k != "added")
    return copy


def _count_dormant(conn: sqlite3.Connection, added: list[str]) -> int:
    """How many of the people just added are dormant (no cadence of their own or of a tag)."""
    from netjournal.services.stale import dormant_sql

    if not added:
        return 0
    total = 0
    for i in range(0, len(added), 500):
        part = added[i : i + 500]
        total += conn.execute(
            f"SELECT count(*) FROM person p WHERE p.key IN ({','.join('?' * len(part))}) "
            f"AND {dormant_sql()}",
            part,
        ).fetchone()[0]
    return int(total)


def _future_events(events: Events, now: date) -> list[str]:
    """Events happened already: a date after today is a mistake in the file."""
    problems = []
    for section in ("interactions", "help", "referrals"):
        for i, record in enumerate(getattr(events, section)):
            if record.date > now:
                problems.append(_future_date(section, i, record.date))
    return problems


def _future_added(i: int, person: PersonRecord, now: date) -> str | None:
    if person.added and person.added > now:
        return f"people[{i}].added: {person.added} is in the future"
    return None


def _future_needs(doc: Document, now: date) -> list[str]:
    problems = []
    for i, need in enumerate(doc.needs):
        for name, day in (("date", need.date), ("closed", need.closed)):
            if day is not None and day > now:
                problems.append(f"needs[{i}].{name}: {day} is in the future")
    return problems


def _name_of(conn: sqlite3.Connection, pid: int) -> str:
    return str(conn.execute("SELECT name FROM person WHERE id = ?", (pid,)).fetchone()[0])


PERSON_COLUMNS = (
    "key",
    "name",
    "norm_name",
    "org",
    "title",
    "city",
    "email",
    "phone",
    "met",
    "notes",
    "cadence_days",
    "added",
    "birthday",
    "url",
)


def _apply(
    conn: sqlite3.Connection,
    doc: Document,
    events: Events,
    plan: _Plan,
    progress: Progress | None,
    report: ImportReport,
) -> None:
    from netjournal.clock import today

    ids = dict(plan.existing)
    labels = sum(len(getattr(p, LIST_FIELDS[kind])) for p in doc.people for kind in LABEL_KINDS)
    with _writing_people(conn, len(doc.people), labels):
        _write_people(
            conn, list(zip(plan.keys, doc.people, strict=True)), plan, report, today(), ids
        )
    _link(conn, ((key, p.via) for key, p in zip(plan.keys, doc.people, strict=True)), plan, ids)
    _add_events(conn, events, ids, report, plan)
    _add_needs(conn, doc.needs, ids, report)
    if doc.settings is not None:
        _apply_settings(conn, doc.settings.default_cadence_days, doc.settings.tag_cadences)
    if progress:
        progress("writing people and events", 1, 1)


def _defer_people_indexes(stack: ExitStack, conn: sqlite3.Connection, people: int) -> None:
    """Into a journal smaller than the file, people and labels go in without their indexes.

    The secondary indexes are sorted once, when ``stack`` closes: every row
    would otherwise cost a B-tree insert in each of ten indexes, and so would
    each later update of its via, last contact and domain.  Nothing an import
    does looks people up but by id or key (kept).
    """
    from netjournal.store.bulk import indexes_deferred

    for table in ("person", "person_label"):
        stack.enter_context(indexes_deferred(conn, table, people))


@contextmanager
def _writing_people(conn: sqlite3.Connection, people: int, labels: int) -> Iterator[None]:
    """Around writing about so many people and labels: their row triggers run once, in bulk."""
    from netjournal.store.bulk import inserting

    # Labels first in, last out: the people's texts are indexed before their labels'.
    with inserting(conn, "person_label", labels), inserting(conn, "person", people):
        yield


def _write_people(
    conn: sqlite3.Connection,
    people: list[tuple[str, PersonRecord]],
    plan: _Plan,
    report: ImportReport,
    added: date,
    ids: dict[str, int],
) -> None:
    """Write these people (key and record): new ones added, the journal's merged with the file's.

    Their ``via`` is left for :func:`_link`, once everyone is written; ``ids``
    gains the new people's ids.
    """
    had = [plan.existing[key] for key, _person in people if key in plan.existing]
    current = {r.key: r for r in get_records(conn, had)} if had else {}
    new_rows: list[tuple[str, PersonRecord]] = []  # (key, record): records are not copied
    updates: list[tuple[str, PersonRecord]] = []
    for key, person in people:
        if key in current:
            merged = _merge(current[key], person, additive=plan.additive)
            if merged == current[key]:
                report.unchanged.append(key)
                continue
            report.updated.append(key)
            updates.append((key, merged))
        else:
            report.added.append(key)
            new_rows.append((key, person))
        plan.touched_keys.add(key)
    columns = (*PERSON_COLUMNS, "dormant")
    before = conn.execute("SELECT coalesce(max(id), 0) FROM person").fetchone()[0]
    conn.executemany(
        f"INSERT INTO person ({', '.join(columns)}) VALUES ({', '.join('?' * len(columns))})",
        ((*_person_row(p, key, p.added or added), key in plan.dormant_keys) for key, p in new_rows),
    )
    if new_rows:
        ids.update(conn.execute("SELECT key, id FROM person WHERE id > ?", (before,)))
    for key, merged in updates:
        row = _person_row(merged)
        conn.execute(
            f"UPDATE person SET {', '.join(f'{c} = ?' for c in PERSON_COLUMNS[1:])} WHERE key = ?",
            (*row[1:], key),
        )
        conn.execute("DELETE FROM person_label WHERE person_id = ?", (ids[key],))
        conn.execute("DELETE FROM person_contact WHERE person_id = ?", (ids[key],))
    changed = [*new_rows, *updates]
    conn.executemany(
        "INSERT INTO person_label VALUES (?, ?, ?, ?, ?)",
        (row for key, merged in changed for row in _label_rows(ids[key], merged)),
    )
    conn.executemany(
        "INSERT INTO person_contact VALUES (?, ?, ?, ?, ?)",
        (row for key, merged in changed for row in _contact_rows(ids[key], merged)),
    )


def _link(
    conn: sqlite3.Connection,
    vias: Iterable[tuple[str, str | None]],
    plan: _Plan,
    ids: dict[str, int],
) -> None:
    """Set the ``via`` of the people written (key, the file's via), once all have ids."""
    conn.executemany(
        "UPDATE person SET via_id = ? WHERE key = ?",
        [
            (ids[via] if via else None, key)
            for key, via in vias
            if key in plan.touched_keys and (via or key in plan.existing)  # a new row's is NULL
        ],
    )


def _merge(old: PersonRecord, new: PersonRecord, *, additive: bool = False) -> PersonRecord:
    """The journal's person with the fields the file sets.

    A netjournal document is the journal's own word and replaces what it sets.
    A contacts file (``additive``) only adds: an empty cell keeps what the
    journal knows, and lists gain the file's items.
    """
    update = {name: getattr(new, name) for name in new.model_fields_set if name != "key"}
    if "added" in update and update["added"] is None:
        del update["added"]
    if additive:
        for name in list(update):
            value, current = update[name], getattr(old, name)
            if value is None or value == []:
                del update[name]
            elif isinstance(value, list):
                folded = {str(x).casefold() for x in current}
                update[name] = [*current, *(x for x in value if str(x).casefold() not in folded)]
        update.pop("added", None)
    for one, many in (("email", "emails"), ("phone", "phones")):
        if one in update or many in update:
            items = list(update.get(many, getattr(old, many)))
            if additive and update.get(one):
                items.append(update[one])
            update[one], update[many] = unite_contacts(one, None, items)
    return old.model_copy(update=update)


def _person_row(
    p: PersonRecord, key: str | None = None, added: date | None = None
) -> tuple[Any, ...]:
    """The person's columns (PERSON_COLUMNS); ``key`` and ``added`` replace the record's."""
    return (
        key or p.key,
        p.name,
        fold(p.name),
        p.org,
        p.title,
        p.city,
        p.email,
        p.phone,
        p.met,
        p.notes,
        p.cadence_days,
        _iso(added or p.added),
        p.birthday,
        p.url,
    )


def _iso(value: date | None) -> str | None:
    return value.isoformat() if value else None


def _contact_rows(pid: int, p: PersonRecord) -> list[tuple[int, str, int, str, str]]:
    """The e-mails and phones after the first (which live in the person row)."""
    rows = []
    for kind, name in CONTACT_FIELDS.items():
        for position, value in enumerate(getattr(p, name)[1:], start=1):
            rows.append((pid, kind, position, value, value.casefold()))
    return rows


def _label_rows(pid: int, p: PersonRecord) -> list[tuple[int, str, int, str, str]]:
    rows = []
    for kind in LABEL_KINDS:
        for position, name in enumerate(getattr(p, LIST_FIELDS[kind])):
            rows.append((pid, kind, position, name, fold(name)))
    return rows


class _IsoDays(dict[date, str]):
    """Dates and their ISO text: a look-up at C speed, each date formatted once."""

    def __missing__(self, value: date) -> str:
        text = self[value] = value.isoformat()
        return text


#: Per event table: its insert, the look-up of the same record, and the dedupe
#: of the rows past a rowid that repeat an earlier one of them (through the
#: table's index on person and date, made by then).
_EVENT_SQL = {
    "interaction": (
        "INSERT INTO interaction (person_id, date, kind, note) VALUES (?, ?, ?, ?)",
        "SELECT 1 FROM interaction WHERE person_id = ? AND date = ? AND kind IS ? AND note IS ?",
        "DELETE FROM interaction AS a WHERE a.rowid > ?1 AND EXISTS ("
        "SELECT 1 FROM interaction AS b WHERE b.person_id = a.person_id AND b.date = a.date "
        "AND b.rowid > ?1 AND b.rowid < a.rowid AND b.kind IS a.kind AND b.note IS a.note)",
    ),
    "help": (
        "INSERT INTO help (person_id, direction, date, what, skill) VALUES (?, ?, ?, ?, ?)",
        "SELECT 1 FROM help WHERE person_id = ? AND direction = ? AND date = ? AND what = ? "
        "AND skill IS ?",
        "DELETE FROM help AS a WHERE a.rowid > ?1 AND EXISTS (SELECT 1 FROM help AS b "
        "WHERE b.person_id = a.person_id AND b.direction = a.direction AND b.date = a.date "
        "AND b.rowid > ?1 AND b.rowid < a.rowid AND b.what = a.what AND b.skill IS a.skill)",
    ),
}


class _EventRows:
    """Interactions and help records written as they come, each only once.

    A record the journal had before the import (same person, date and
    words) is skipped; only people who had such records are looked up, one
    query each, so that a new journal's records go straight in.  The file's
    own repeats are dropped by :meth:`finish`, once all are written: one
    DELETE of the new rows that repeat an earlier new row, through the
    table's index, instead of a set of every record held in memory (40 MB
    for a million interactions).  Records are compared as they are: keys
    and dates map one to one to ids and ISO dates.
    """

    def __init__(
        self, conn: sqlite3.Connection, report: ImportReport, ids: dict[str, int], plan: _Plan
    ) -> None:
        self.conn, self.report, self.ids, self.plan = conn, report, ids, plan
        self.after: dict[str, int] = {}
        self.had: dict[str, set[int]] = {}
        self.written = dict.fromkeys(_EVENT_SQL, 0)
        for table in _EVENT_SQL:
            self.after[table] = conn.execute(
                f"SELECT coalesce(max(rowid), 0) FROM {table}"
            ).fetchone()[0]
            self.had[table] = (
                {pid for (pid,) in conn.execute(f"SELECT DISTINCT person_id FROM {table}")}
                if plan.existing
                else set()
            )
        self.day = _IsoDays().__getitem__  # each date of the file written out once

    def interactions(self, records: list[Interaction]) -> None:
        ids, day = self.ids, self.day
        self.plan.touched_keys.update(r.person for r in records if r.note)
        self._write("interaction", records, lambda r: (ids[r.person], day(r.date), r.kind, r.note))

    def help(self, records: list[Help]) -> None:
        ids, day = self.ids, self.day
        self.plan.touched_keys.update(r.person for r in records if r.direction == "got")
        self._write(
            "help",
            records,
            lambda r: (ids[r.person], r.direction, day(r.date), r.what, r.skill),
        )

    def _write(
        self, table: str, records: list[Any], to_row: Callable[[Any], tuple[Any, ...]]
    ) -> None:
        insert, probe, _dedupe = _EVENT_SQL[table]
        had = self.had[table]
        if not had:
            self.written[table] += len(records)
            self.conn.executemany(insert, map(to_row, records))
            return

        def fresh() -> Iterator[tuple[Any, ...]]:
            for record in records:
                row = to_row(record)
                if row[0] in had and self.conn.execute(probe, row).fetchone():
                    self.report.events_skipped += 1
                    continue
                self.written[table] += 1
                yield row

        self.conn.executemany(insert, fresh())

    def finish(self) -> None:
        """Drop the new rows that repeat an earlier new row, and count what was added."""
        for table, (_insert, _probe, dedupe) in _EVENT_SQL.items():
            repeats = 0
            if self.written[table] > 1:
                repeats = self.conn.execute(dedupe, (self.after[table],)).rowcount
            self.report.events_added += self.written[table] - repeats
            self.report.events_skipped += repeats

    @contextmanager
    def bulk(self, rows: int) -> Iterator[None]:
        """Around writing about ``rows`` records: the bulk rules of ``store.bulk``, then finish.

        A table nobody had rows in is not looked up: its indexes wait for the
        end, and are made before the repeats are dropped through them.
        """
        from netjournal.store.bulk import indexes_deferred, inserting

        # Help in first, out last: the interactions' texts are indexed first.
        with inserting(self.conn, "help", rows), inserting(self.conn, "interaction", rows):
            with ExitStack() as deferred:
                for table in _EVENT_SQL:
                    waiting = 0 if self.had[table] else rows
                    deferred.enter_context(indexes_deferred(self.conn, table, waiting))
                yield
            self.finish()


def _add_events(
    conn: sqlite3.Connection,
    doc: Events,
    ids: dict[str, int],
    report: ImportReport,
    plan: _Plan,
) -> None:
    rows = _EventRows(conn, report, ids, plan)
    with rows.bulk(len(doc.interactions) + len(doc.help)):
        rows.interactions(doc.interactions)
        rows.help(doc.help)
    _add_links(conn, doc, ids, report, plan)


def _add_links(
    conn: sqlite3.Connection, doc: Events, ids: dict[str, int], report: ImportReport, plan: _Plan
) -> None:
    """Ties and referrals: who knows whom, and who was sent to whom."""
    from netjournal.store.bulk import indexes_deferred, inserting

    had_events = set(plan.existing.values())  # only they can have these already
    new_ties: dict[tuple[int, int], str | None] = {}
    for r in doc.ties:
        low, high = sorted((ids[r.a], ids[r.b]))
        row = None
        if low in had_events and high in had_events:
            cur = conn.execute("SELECT note FROM tie WHERE a_id = ? AND b_id = ?", (low, high))
            row = cur.fetchone()
        if row is None and (low, high) not in new_ties:
            new_ties[(low, high)] = r.note
            report.events_added += 1
        elif row is not None and r.note is not None and row[0] != r.note:
            conn.execute("UPDATE tie SET note = ? WHERE a_id = ? AND b_id = ?", (r.note, low, high))
        else:
            if (low, high) in new_ties and r.note is not None:
                new_ties[(low, high)] = r.note
            report.events_skipped += 1
    # Ties are looked up by their unique (a_id, b_id), never by the index on b_id.
    with indexes_deferred(conn, "tie", len(new_ties)), inserting(conn, "tie", len(new_ties)):
        conn.executemany(
            "INSERT INTO tie (a_id, b_id, note) VALUES (?, ?, ?)",
            [(a, b, n) for (a, b), n in new_ties.items()],
        )
    referrals = _fresh_referrals(conn, doc.referrals, ids, report, had_events)
    with inserting(conn, "referral", len(doc.referrals)):
        conn.executemany(
            "INSERT INTO referral (person_id, to_id, need, date) VALUES (?, ?, ?, ?)", referrals
        )
    plan.touched_keys.update(r.to for r in doc.referrals)


def _fresh_referrals(
    conn: sqlite3.Connection,
    records: list[Referral],
    ids: dict[str, int],
    report: ImportReport,
    had: set[int],
) -> list[tuple[Any, ...]]:
    """The referral rows not in the journal yet nor earlier in the file."""
    seen = set()
    rows = []
    for record in records:
        row = (ids[record.person], ids[record.to], record.need, record.date.isoformat())
        if row in seen or (
            row[0] in had
            and conn.execute(
                "SELECT 1 FROM referral WHERE person_id = ? AND to_id = ? AND need = ? "
                "AND date = ?",
                row,
            ).fetchone()
        ):
            report.events_skipped += 1
            continue
        seen.add(row)
        report.events_added += 1
        rows.append(row)
    return rows


def _add_needs(
    conn: sqlite3.Connection, needs: list[NeedRecord], ids: dict[str, int], report: ImportReport
) -> None:
    """Needs by id: a new id is added, a known one takes the file's word; a need
    without an id is the journal's need of the same person, text and day, or new."""
    from netjournal.services.needs import new_need_id

    for need in needs:
        row = (
            ids[need.for_] if need.for_ else None,
            need.need,
            need.date.isoformat(),
            need.status,
            need.closed.isoformat() if need.closed else None,
            ids[need.met_by] if need.met_by else None,
        )
        nid = need.id
        if nid is None:
            found = conn.execute(
                "SELECT id FROM need WHERE person_id IS ? AND text = ? AND date = ?", row[:3]
            ).fetchone()
            nid = found[0] if found else None
        current = None
        if nid is not None:
            current = conn.execute(
                "SELECT person_id, text, date, status, closed, met_by_id FROM need WHERE id = ?",
                (nid,),
            ).fetchone()
        if current is not None and tuple(current) == row:
            report.events_skipped += 1
            continue
        report.events_added += 1
        if current is not None:
            conn.execute(
                "UPDATE need SET person_id = ?, text = ?, date = ?, status = ?, closed = ?, "
                "met_by_id = ? WHERE id = ?",
                (*row, nid),
            )
            continue
        if nid is None:
            key = need.for_ or ""
            nid = new_need_id(conn, f"{key}|{need.need}|{need.date.isoformat()}")
        conn.execute(
            "INSERT INTO need (id, person_id, text, date, status, closed, met_by_id) "
            "VALUES (?, ?, ?, ?, ?, ?, ?)",
            (nid, *row),
        )


def _apply_settings(
    conn: sqlite3.Connection, default_days: int | None, per_tag: dict[str, int]
) -> None:
    """The file's cadences: its default and each tag's (other tags keep theirs)."""
    from netjournal.services.stale import default_cadence, tag_cadences

    if default_days is not None and default_days != default_cadence(conn):
        conn.execute(
            "INSERT INTO setting VALUES ('default_cadence', ?) "
            "ON CONFLICT(name) DO UPDATE SET value = excluded.value",
            (str(default_days),),
        )
    current = tag_cadences(conn)
    for tag, days in per_tag.items():
        norm = fold(tag)
        if current.get(norm) != days:
            conn.execute(
                "INSERT INTO tag_cadence VALUES (?, ?) "
                "ON CONFLICT(tag) DO UPDATE SET days = excluded.days",
                (norm, days),
            )


# ------------------------------------------------------------------- export


def export_document(journal: Journal) -> dict[str, Any]:
    """The whole journal as an interchange document (plain JSON data), in one read."""
    with journal.read() as conn:
        return document_of(conn)


def document_of(conn: sqlite3.Connection) -> dict[str, Any]:
    """The whole journal as an interchange document (plain JSON data)."""
    return {
        name: value if isinstance(value, (str, int, dict)) else list(value)
        for name, value in document_parts(conn)
    }


def document_parts(conn: sqlite3.Connection) -> list[tuple[str, Any]]:
    """The document's top-level values in order: scalars, and each list as an iterator.

    Lists come straight from SQLite in the format's order (people and ties by
    key, events by date then person), so that nothing needs sorting in Python.
    """
    from netjournal.services.stale import default_cadence, tag_cadences

    people = (json.loads(obj) for obj in person_objects(conn))
    interactions = (
        {"person": p, "date": d, "kind": k, "note": n}
        for p, d, k, n in conn.execute(
            "SELECT p.key, i.date, i.kind, i.note FROM interaction i JOIN person p "
            "ON p.id = i.person_id ORDER BY i.date, p.key, i.kind, i.note"
        )
    )
    help_ = (
        {"person": p, "direction": di, "date": d, "what": w, "skill": s}
        for p, di, d, w, s in conn.execute(
            "SELECT p.key, h.direction, h.date, h.what, h.skill FROM help h JOIN person p "
            "ON p.id = h.person_id ORDER BY h.date, p.key, h.direction, h.what"
        )
    )
    ties = (
        {"a": a, "b": b, "note": n}
        for a, b, n in conn.execute(
            "SELECT min(pa.key, pb.key) AS a, max(pa.key, pb.key) AS b, t.note FROM tie t "
            "JOIN person pa ON pa.id = t.a_id JOIN person pb ON pb.id = t.b_id ORDER BY a, b"
        )
    )
    referrals = (
        {"person": p, "to": t, "need": n, "date": d}
        for p, t, n, d in conn.execute(
            "SELECT pp.key, pt.key, r.need, r.date FROM referral r "
            "JOIN person pp ON pp.id = r.person_id JOIN person pt ON pt.id = r.to_id "
            "ORDER BY r.date, pp.key, pt.key, r.need"
        )
    )
    needs = (
        {"id": i, "for": f, "need": t, "date": d, "status": s, "closed": c, "met_by": m}
        for i, f, t, d, s, c, m in conn.execute(
            "SELECT n.id, pf.key, n.text, n.date, n.status, n.closed, pm.key FROM need n "
            "LEFT JOIN person pf ON pf.id = n.person_id "
            "LEFT JOIN person pm ON pm.id = n.met_by_id "
            "ORDER BY n.date, coalesce(pf.key, ''), n.id"
        )
    )
    settings = {"default_cadence_days": default_cadence(conn), "tag_cadences": tag_cadences(conn)}
    return [
        ("format", FORMAT_NAME),
        ("version", FORMAT_VERSION),
        ("settings", settings),
        ("people", people),
        ("interactions", interactions),
        ("help", help_),
        ("ties", ties),
        ("referrals", referrals),
        ("needs", needs),
    ]


def document_chunks(journal: Journal) -> Generator[str, None, None]:
    """The journal as the JSON document's text, piece by piece, in one read.

    The same text as ``json.dumps(document, ensure_ascii=False, indent=2)``,
    but only one record is ever built at a time: a 100,000-person journal
    exports in a few tens of MB.
    """
    with journal.read() as conn:
        yield "{"
        for position, (name, value) in enumerate(document_parts(conn)):
            yield ("," if position else "") + f"\n  {json.dumps(name)}: "
            if isinstance(value, (str, int, dict)):
                yield _indented(value, "  ")
                continue
            count = 0
            for item in value:
                yield ("[\n    " if count == 0 else ",\n    ") + _indented(item, "    ")
                count += 1
            yield "\n  ]" if count else "[]"
        yield "\n}\n"


_ENCODE = json.JSONEncoder(ensure_ascii=False).encode


def _indented(value: Any, pad: str) -> str:
    """``json.dumps(value, ensure_ascii=False, indent=2)`` as it reads at ``pad``.

    The same text, made with the C string encoder: with an indent, ``json``
    runs its pure-Python encoder (and a cycle of closures per call), which
    took most of a 100,000-person export's time.
    """
    if isinstance(value, str):
        return _ENCODE(value)
    if isinstance(value, dict):
        if not value:
            return "{}"
        inner = pad + "  "
        fields = (f"{inner}{_ENCODE(k)}: {_indented(v, inner)}" for k, v in value.items())
        return "{\n" + ",\n".join(fields) + "\n" + pad + "}"
    if isinstance(value, list):
        if not value:
            return "[]"
        inner = pad + "  "
        return "[\n" + ",\n".join(inner + _indented(v, inner) for v in value) + "\n" + pad + "]"
    return _ENCODE(value)


def export_people(journal: Journal) -> Document:
    """The journal as a validated document, for the vCard and CSV writers."""
    return Document.model_validate(export_document(journal))


__all__ = ["ImportReport", "export_document", "import_document", "parse_json"]
