"""Needs: what you or the people in your network are looking for, and who could help.

The flow of ``net needs``:

1. Read the needs (open ones first, oldest first) in one read transaction.
2. For each open need take the ask engine's suggestions
   (:func:`netjournal.services.ask.ask`, ``for_id`` the person who needs it,
   at most three) from ``need_match``, where they are kept with the stamp
   they were computed for: the day, the journal's network version (counted
   up by every write that changes what the engine reads, see
   :meth:`netjournal.store.Journal.write`) and the engine's own fingerprint.
   A need whose stamp is not today's is asked again.
3. Store what was asked again, in a write that does not count as a change of
   the network, so that the next listing is one indexed read.

Closing a need records what it meant: a need of someone met through another
person is an introduction (a referral) and help you gave them; one you met
yourself is help you gave; your own need met by someone is help they gave you.
"""

from __future__ import annotations

import hashlib
import json
import re
import sqlite3
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any

from netjournal.checks import required_text
from netjournal.errors import InvalidInput, JournalError, NotFound
from netjournal.services.records import jsonable

if TYPE_CHECKING:
    from netjournal.services.suggestion import Suggestion
    from netjournal.store import Journal

MATCHES = 3
MAX_NEED = 2000
ID_ALPHABET = "0123456789abcdefghjkmnpqrstvwxyz"  # Crockford's base32: no i, l, o, u
ID_LENGTH = 4
Day = date  # for fields declared after a field named ``date``
_ID = re.compile(r"^(?:n-)?([0-9a-z]+)$")


@dataclass(slots=True)
class Need:
    """A need with the names of the people it involves, and its matches."""

    id: str
    for_key: str | None
    for_name: str | None
    need: str
    date: date
    status: str
    closed: Day | None
    met_by: str | None
    met_by_name: str | None
    matches: list[Suggestion] = field(default_factory=list)

    def public(self) -> dict[str, object]:
        """The record of ``net needs --json``: the interchange need plus ``matches``."""
        return {
            "id": self.id,
            "for": self.for_key,
            "need": self.need,
            "date": self.date.isoformat(),
            "status": self.status,
            "closed": self.closed.isoformat() if self.closed else None,
            "met_by": self.met_by,
            "matches": [m.public() for m in self.matches],
        }


@dataclass(slots=True)
class Closing:
    """What closing a need recorded."""

    need: Need
    help_gave: bool = False
    help_got: bool = False
    referral: bool = False


_SELECT = """
SELECT n.id, pf.key, pf.name, n.text, n.date, n.status, n.closed, pm.key, pm.name, n.person_id
FROM need n LEFT JOIN person pf ON pf.id = n.person_id LEFT JOIN person pm ON pm.id = n.met_by_id
"""
_ORDER = " ORDER BY n.status <> 'open', n.date, n.id"


def _need(row: tuple[Any, ...]) -> Need:
    nid, fkey, fname, text, day, status, closed, mkey, mname, _pid = row
    return Need(
        id=nid,
        for_key=fkey,
        for_name=fname,
        need=text,
        date=date.fromisoformat(str(day)),
        status=status,
        closed=date.fromisoformat(str(closed)) if closed else None,
        met_by=mkey,
        met_by_name=mname,
        matches=[],
    )


# ------------------------------------------------------------------ ids


def _encode(number: int, length: int) -> str:
    out = []
    for _ in range(length):
        number, digit = divmod(number, len(ID_ALPHABET))
        out.append(ID_ALPHABET[digit])
    return "".join(out)


def new_need_id(conn: sqlite3.Connection, seed: str) -> str:
    """A short id made from the need itself (``n-`` and four characters), longer if taken."""
    number = int.from_bytes(hashlib.sha256(seed.encode("utf-8")).digest()[:16], "big")
    for length in range(ID_LENGTH, 20):
        candidate = "n-" + _encode(number, length)
        if conn.execute("SELECT 1 FROM need WHERE id = ?", (candidate,)).fetchone() is None:
            return candidate
    raise AssertionError("no free need id")  # 32**19 ids: unreachable


def find_need(conn: sqlite3.Connection, ref: str) -> tuple[object, ...]:
    """The need an id names (``n-4kx2``, ``4kx2``, any case); its row of ``_SELECT``."""
    match = _ID.match(ref.strip().lower())
    row = None
    if match:
        row = conn.execute(_SELECT + " WHERE n.id = ?", ("n-" + match.group(1),)).fetchone()
    if row is None:
        raise NotFound(
            f"no need has the id '{ref.strip()}'",
            hint="'net needs --all' lists every need with its id",
        )
    return tuple(row)


# ------------------------------------------------------------------ recording


def add_need(
    journal: Journal, text: str, on: date, for_ref: str | None = None
) -> tuple[Need, bool]:
    """Record an open need (yours when ``for_ref`` is None); ``(need, is_new)``.

    The same open need for the same person again is not doubled: it is returned.
    """
    from netjournal.matching.text import fold
    from netjournal.services.people import resolve

    need_text = required_text(text, "need", limit=MAX_NEED)
    with journal.write(network=False) as conn:
        pid, key = None, None
        if for_ref is not None:
            pid, key, _name = resolve(conn, for_ref)
        for row in conn.execute(
            _SELECT + " WHERE n.status = 'open' AND n.person_id IS ?", (pid,)
        ).fetchall():
            if fold(str(row[3])) == fold(need_text):
                return _need(tuple(row)), False
        nid = new_need_id(conn, f"{key or ''}|{need_text}|{on.isoformat()}")
        conn.execute(
            "INSERT INTO need (id, person_id, text, date) VALUES (?, ?, ?, ?)",
            (nid, pid, need_text, on.isoformat()),
        )
        row = conn.execute(_SELECT + " WHERE n.id = ?", (nid,)).fetchone()
    return _need(tuple(row)), True


def close_need(journal: Journal, ref: str, on: date, by_ref: str | None = None) -> Closing:
    """``net need done``: the need is met (through ``by_ref``, if given)."""
    from netjournal.services.people import resolve

    with journal.write() as conn:
        row = find_need(conn, ref)
        by_id = resolve(conn, by_ref)[0] if by_ref is not None else None
        return meet(conn, row, on, by_id)


def meet(
    conn: sqlite3.Connection,
    row: tuple[object, ...],
    on: date,
    by_id: int | None,
    *,
    referred: bool = False,
) -> Closing:
    """Mark a need met in this transaction, and record the help and introduction it was.

    ``referred``: the caller records the referral itself (``net refer --need``).
    """
    from netjournal.services.evidence import refresh_people

    need = _need(row)
    pid = row[9]
    _check_open(need, on)
    by_name = None
    if by_id is not None:
        by_name = str(conn.execute("SELECT name FROM person WHERE id = ?", (by_id,)).fetchone()[0])
        if by_id == pid:
            raise InvalidInput(
                f"{need.id} is {by_name}'s own need: they cannot be introduced to themselves",
                hint=f"leave out --by, or 'net need drop {need.id}' if it was met without you",
            )
    conn.execute(
        "UPDATE need SET status = 'met', closed = ?, met_by_id = ? WHERE id = ?",
        (on.isoformat(), by_id, need.id),
    )
    closing = Closing(need=need)
    day = on.isoformat()
    if pid is not None:
        what = (
            f"introduced to {by_name} for a need: {need.need}"
            if by_name
            else f"met a need: {need.need}"
        )
        conn.execute(
            "INSERT INTO help (person_id, direction, date, what) VALUES (?, 'gave', ?, ?)",
            (pid, day, what),
        )
        closing.help_gave = True
        if by_id is not None and not referred:
            conn.execute(
                "INSERT INTO referral (person_id, to_id, need, date) VALUES (?, ?, ?, ?)",
                (pid, by_id, need.need, day),
            )
            refresh_people(conn, [by_id])
            closing.referral = True
    elif by_id is not None:
        conn.execute(
            "INSERT INTO help (person_id, direction, date, what) VALUES (?, 'got', ?, ?)",
            (by_id, day, need.need),
        )
        refresh_people(conn, [by_id])
        closing.help_got = True
    closing.need = _need(tuple(conn.execute(_SELECT + " WHERE n.id = ?", (need.id,)).fetchone()))
    return closing


def drop_need(journal: Journal, ref: str, on: date) -> Need:
    """``net need drop``: no longer needed, and nothing to record about it."""
    with journal.write(network=False) as conn:
        need = _need(find_need(conn, ref))
        _check_open(need, on)
        conn.execute(
            "UPDATE need SET status = 'dropped', closed = ? WHERE id = ?",
            (on.isoformat(), need.id),
        )
        return _need(tuple(conn.execute(_SELECT + " WHERE n.id = ?", (need.id,)).fetchone()))


def _check_open(need: Need, on: date) -> None:
    if need.status != "open":
        assert need.closed is not None
        raise InvalidInput(
            f"{need.id} is {need.status} already (on {need.closed.isoformat()})",
            hint="'net needs' lists the open needs",
        )
    if on < need.date:
        raise InvalidInput(
            f"{need.id} was recorded on {need.date.isoformat()}; it cannot close before that"
        )


def referral_need(conn: sqlite3.Connection, ref: str, pid: int) -> tuple[object, ...]:
    """The open need of person ``pid`` that ``net refer --need ref`` meets."""
    row = find_need(conn, ref)
    need = _need(row)
    if row[9] != pid:
        whose = f"{need.for_name}'s" if need.for_name else "your own"
        raise InvalidInput(
            f"{need.id} is {whose} need, not one of the person you introduced",
            hint=f"'net need done {need.id} --by PERSON' closes it"
            if need.for_name is None
            else f"introduce {need.for_key}: net refer {need.for_key} --to PERSON --need {need.id}",
        )
    return row


# ------------------------------------------------------------------ matching


def _engine_fingerprint() -> str:
    """The ask engine's code: cached matches of another build are asked again.

    The files are found beside this one, not imported: reading kept matches
    needs none of the engine.
    """
    from netjournal import __version__

    digest = hashlib.sha256(__version__.encode())
    here = Path(__file__).parent
    files = [here / "ask.py", here / "evidence.py"]
    files += sorted((here.parent / "matching").glob("*.py"))
    for path in files:
        digest.update(path.read_bytes())
    from netjournal.matching import semantic

    digest.update(semantic.state().encode())  # installing the extra changes answers
    return digest.hexdigest()[:16]


_FINGERPRINT: list[str] = []


def stamp(conn: sqlite3.Connection, today: date) -> str:
    """What cached matches must have been computed for to be today's answer."""
    if not _FINGERPRINT:
        _FINGERPRINT.append(_engine_fingerprint())
    from netjournal.store.journal import network_version

    return f"{today.isoformat()}|{network_version(conn)}|{_FINGERPRINT[0]}"


def _cached(conn: sqlite3.Connection, ids: list[str], current: str) -> dict[str, list[Suggestion]]:
    from netjournal.services.suggestion import Suggestion

    out: dict[str, list[Suggestion]] = {}
    for nid, matches in conn.execute(
        "SELECT need_id, matches FROM need_match WHERE stamp = ? "
        "AND need_id IN (SELECT value FROM json_each(?))",
        (current, json.dumps(ids)),
    ):
        out[nid] = [Suggestion(**m) for m in json.loads(matches)]
    return out


def _ask(conn: sqlite3.Connection, need: Need, pid: int | None, today: date) -> list[Suggestion]:
    from netjournal.services.ask import ask

    return ask(conn, need.need, today=today, for_id=pid, limit=MATCHES).suggestions


def _store(journal: Journal, computed: dict[str, list[Suggestion]], current: str) -> None:
    """Keep what was asked, unless the journal changed meanwhile (or cannot be written)."""
    if not computed:
        return
    rows = [
        (nid, current, json.dumps([jsonable(m) for m in ms], ensure_ascii=False))
        for nid, ms in computed.items()
    ]
    try:
        with journal.write(network=False) as conn:
            if stamp(conn, date.fromisoformat(current[:10])) != current:
                return
            conn.executemany(
                "INSERT INTO need_match (need_id, stamp, matches) VALUES (?, ?, ?) "
                "ON CONFLICT (need_id) DO UPDATE SET stamp = excluded.stamp, "
                "matches = excluded.matches",
                rows,
            )
    except JournalError:
        pass  # a read-only or busy journal: the answer stands, only the cache is not kept


def needs_report(
    journal: Journal,
    today: date,
    *,
    include_closed: bool = False,
    wanted: int | None = None,
    only: str | None = None,
) -> list[Need]:
    """Needs with their matches: open ones first, oldest first.

    ``wanted``: stop after that many open needs that somebody could meet, and
    leave out the others (``net today``); matches are computed only as far as
    needed.  ``only``: just the need with this id.
    """
    where = "" if include_closed else " WHERE n.status = 'open'"
    params: tuple[str, ...] = ()
    if only is not None:
        where, params = " WHERE n.id = ?", (only,)
    with journal.read() as conn:
        if conn.execute("SELECT 1 FROM need WHERE status = 'open' LIMIT 1").fetchone() is None:
            # Nothing to match: no index to check, no engine to load.
            if wanted is not None:
                return []
            return [_need(tuple(r)) for r in conn.execute(_SELECT + where + _ORDER, params)]
    from netjournal.services.evidence import ensure_index

    ensure_index(journal)
    computed: dict[str, list[Suggestion]] = {}
    out: list[Need] = []
    with journal.read() as conn:
        rows = [tuple(r) for r in conn.execute(_SELECT + where + _ORDER, params)]
        current = stamp(conn, today)
        open_ids = [str(r[0]) for r in rows if r[5] == "open"]
        # All kept matches at once for a listing; one need at a time for a few (today).
        cached = _cached(conn, open_ids, current) if wanted is None else {}
        for row in rows:
            need = _need(row)
            if need.status == "open":
                if wanted is not None:
                    cached = _cached(conn, [need.id], current)
                if need.id in cached:
                    need.matches = cached[need.id]
                else:
                    pid = row[9]
                    assert pid is None or isinstance(pid, int)
                    need.matches = computed[need.id] = _ask(conn, need, pid, today)
            if wanted is None:
                out.append(need)
            elif need.matches:
                out.append(need)
                if len(out) >= wanted:
                    break
    _store(journal, computed, current)
    return out


# "is looking for a flat in Torino", "needs a lawyer", "cerca casa", "ha bisogno di un medico".
_NOTE_NEED = re.compile(
    r"\b(?:is looking for|looking for|is searching for|searching for|needs|cerca|sta cercando|"
    r"ha bisogno di)\s+([^.;:!?\n()]{3,80})",
    re.IGNORECASE,
)


def needs_in_notes(texts: list[str | None]) -> list[str]:
    """Needs that notes speak of ("is looking for a flat in Torino"), to offer, never to record."""
    found: dict[str, str] = {}
    for text in texts:
        for match in _NOTE_NEED.finditer(text or ""):
            need = match.group(1).strip(" ,-")
            need = re.split(r",| but | and then | ma ", need, maxsplit=1)[0].strip()
            if len(need) >= 3:
                found.setdefault(need.casefold(), need)
    return list(found.values())


def suggested_needs(journal: Journal, key: str, texts: list[str | None]) -> list[str]:
    """The needs found in a person's notes that are not open needs of theirs already."""
    from netjournal.matching.text import fold

    candidates = needs_in_notes(texts)
    if not candidates:
        return []
    with journal.read() as conn:
        recorded = {
            fold(str(r[0]))
            for r in conn.execute(
                "SELECT n.text FROM need n JOIN person p ON p.id = n.person_id "
                "WHERE p.key = ? AND n.status = 'open'",
                (key,),
            )
        }
    return [c for c in candidates if fold(c) not in recorded]


def need_hints(conn: sqlite3.Connection, ids: list[int]) -> dict[int, str]:
    """For ``net stale``: the oldest open need of each person, something to talk about."""
    from netjournal.services.batch import chunks

    out: dict[int, str] = {}
    for part in chunks(ids):
        for pid, text in conn.execute(
            "SELECT person_id, text FROM need WHERE status = 'open' "
            f"AND person_id IN ({','.join('?' * len(part))}) ORDER BY date DESC, id DESC",
            part,
        ):
            out[pid] = f"needs {text}"
    return out


__all__ = [
    "Closing",
    "Need",
    "add_need",
    "close_need",
    "drop_need",
    "find_need",
    "meet",
    "need_hints",
    "needs_in_notes",
    "needs_report",
    "referral_need",
    "suggested_needs",
]
