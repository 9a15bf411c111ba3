"""People: resolving references, adding, editing, removing, listing, profiles."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable, Iterator, Sequence
from datetime import date

from netjournal.document import (
    HelpRecord,
    InteractionRecord,
    PersonRecord,
    ReferralRecord,
    TieRecord,
    has_control_chars,
)
from netjournal.errors import Ambiguous, InvalidInput, NotFound
from netjournal.matching.text import fold, slug

LABEL_KINDS = ("alias", "skill", "tag", "value")
LIST_FIELDS = {"alias": "aliases", "skill": "skills", "tag": "tags", "value": "values"}
TEXT_FIELDS = ("org", "title", "city", "email", "phone", "met", "notes", "url")
MAX_TEXT = 10_000
MAX_NAME = 300


class PersonProfile(PersonRecord):
    """A person with every event that involves them (``net show``)."""

    interactions: list[InteractionRecord] = []
    help: list[HelpRecord] = []
    ties: list[TieRecord] = []
    referrals: list[ReferralRecord] = []


# ------------------------------------------------------------------ checks


def check_text(value: str | None, what: str, *, limit: int = MAX_TEXT) -> str | None:
    """Clean a text typed by a person; refuse control characters and huge texts."""
    if value is None:
        return None
    if "\x00" in value:
        raise InvalidInput(f"the {what} contains a NUL byte")
    if has_control_chars(value):
        raise InvalidInput(f"the {what} contains control characters")
    value = value.strip()
    if len(value) > limit:
        raise InvalidInput(f"the {what} is too long ({len(value)} characters; at most {limit})")
    return value or None


def check_name(value: str) -> str:
    name = check_text(value, "name", limit=MAX_NAME)
    if not name:
        raise InvalidInput("the name is empty", hint="give the person's name, e.g. 'Anna Rossi'")
    if "\n" in name or "\r" in name or "\t" in name:
        raise InvalidInput("the name must be on one line")
    return name


def check_cadence(days: int | None) -> int | None:
    if days is not None and days <= 0:
        raise InvalidInput(f"a cadence must be a positive number of days, not {days}")
    return days


# --------------------------------------------------------------- resolution


def resolve(conn: sqlite3.Connection, ref: str) -> tuple[int, str, str]:
    """Find the one person a reference names: ``(id, key, name)``.

    Tried in order: key, full name, alias, then a prefix of the name or of
    any word of it (case- and accent-insensitive).  Several matches at the
    first tier that matches is an error listing them.
    """
    raw = ref.strip()
    if not raw or "\x00" in raw:
        raise InvalidInput("the person reference is empty")
    row = conn.execute("SELECT id, key, name FROM person WHERE key = ?", (raw.lower(),)).fetchone()
    if row:
        return int(row[0]), row[1], row[2]
    folded = fold(raw)
    tiers: list[tuple[str, tuple[str, ...]]] = [
        ("SELECT id, key, name FROM person WHERE norm_name = ?", (folded,)),
        (
            "SELECT DISTINCT p.id, p.key, p.name FROM person_label l JOIN person p "
            "ON p.id = l.person_id WHERE l.kind = 'alias' AND l.norm = ?",
            (folded,),
        ),
        (
            "SELECT id, key, name FROM person WHERE norm_name >= ? AND norm_name < ?",
            (folded, folded + "\U0010ffff"),
        ),
        (
            "SELECT id, key, name FROM person WHERE instr(' ' || norm_name, ?) > 0",
            (" " + folded,),
        ),
    ]
    for sql, params in tiers:
        rows = conn.execute(sql + " ORDER BY key LIMIT 11", params).fetchall()
        if len(rows) == 1:
            return int(rows[0][0]), rows[0][1], rows[0][2]
        if rows:
            listed = "; ".join(f"{r[2]} ({r[1]})" for r in rows[:10])
            more = " …" if len(rows) > 10 else ""
            raise Ambiguous(
                f"'{raw}' matches several people: {listed}{more}",
                hint="name one by its key",
            )
    raise NotFound(f"nobody in the journal matches '{raw}'", hint=_did_you_mean(conn, folded))


def _did_you_mean(conn: sqlite3.Connection, folded: str) -> str:
    from rapidfuzz import fuzz, process

    names = [r[0] for r in conn.execute("SELECT norm_name FROM person")]
    best = process.extract(folded, names, scorer=fuzz.WRatio, limit=3, score_cutoff=70)
    if not best:
        return "see 'net list' for the people in the journal"
    keys = []
    for name, _score, _i in best:
        row = conn.execute("SELECT key FROM person WHERE norm_name = ?", (name,)).fetchone()
        keys.append(row[0])
    return "did you mean " + " or ".join(keys) + "?"


def new_key(conn: sqlite3.Connection, name: str, wanted: str | None = None) -> str:
    """A free key: ``wanted`` as given, else a slug of the name made unique."""
    if wanted is not None:
        key = wanted.strip().lower()
        if not key or slug(key) != key:
            raise InvalidInput(
                f"'{wanted}' is not a valid key",
                hint="a key is lowercase letters, digits and dashes, e.g. anna-rossi",
            )
        if conn.execute("SELECT 1 FROM person WHERE key = ?", (key,)).fetchone():
            raise InvalidInput(f"the key '{key}' is taken", hint="choose another --key")
        return key
    base = slug(name) or "person"
    key, n = base, 1
    while conn.execute("SELECT 1 FROM person WHERE key = ?", (key,)).fetchone():
        n += 1
        key = f"{base}-{n}"
    return key


# ----------------------------------------------------------------- reading


def get_records(conn: sqlite3.Connection, ids: Sequence[int] | None = None) -> list[PersonRecord]:
    """People as interchange records, ordered by key (all, or the given ids)."""
    where, params = "", tuple[int, ...]()
    if ids is not None:
        if not ids:
            return []
        where = f" WHERE p.id IN ({','.join('?' * len(ids))})"
        params = tuple(ids)
    rows = conn.execute(
        "SELECT p.id, p.key, p.name, p.org, p.title, p.city, p.email, p.phone, p.met, p.notes, "
        "p.cadence_days, v.key, p.added, p.birthday, p.url FROM person p "
        f"LEFT JOIN person v ON v.id = p.via_id{where} ORDER BY p.key",
        params,
    ).fetchall()
    labels = _labels(conn, [r[0] for r in rows] if ids is not None else None)
    out = []
    for r in rows:
        lists = labels.get(r[0], {})
        out.append(
            PersonRecord.model_construct(
                key=r[1],
                name=r[2],
                org=r[3],
                title=r[4],
                city=r[5],
                email=r[6],
                phone=r[7],
                met=r[8],
                notes=r[9],
                cadence_days=r[10],
                via=r[11],
                added=date.fromisoformat(r[12]),
                birthday=date.fromisoformat(r[13]) if r[13] else None,
                url=r[14],
                aliases=lists.get("alias", []),
                skills=lists.get("skill", []),
                tags=lists.get("tag", []),
                values=lists.get("value", []),
            )
        )
    return out


def _labels(conn: sqlite3.Connection, ids: Sequence[int] | None) -> dict[int, dict[str, list[str]]]:
    sql = "SELECT person_id, kind, name FROM person_label"
    params: tuple[int, ...] = ()
    if ids is not None:
        sql += f" WHERE person_id IN ({','.join('?' * len(ids))})"
        params = tuple(ids)
    out: dict[int, dict[str, list[str]]] = {}
    for pid, kind, name in conn.execute(sql + " ORDER BY person_id, kind, position", params):
        out.setdefault(pid, {}).setdefault(kind, []).append(name)
    return out


def _filter(skills: Iterable[str], tags: Iterable[str], city: str | None) -> tuple[str, list[str]]:
    clauses, params = [], []
    for kind, wanted in (("skill", skills), ("tag", tags)):
        for value in wanted:
            clauses.append(
                "p.id IN (SELECT person_id FROM person_label WHERE kind = ? AND norm = ?)"
            )
            params += [kind, fold(value)]
    if city:
        clauses.append("lower(p.city) = lower(?)")
        params.append(city.strip())
    return (" WHERE " + " AND ".join(clauses)) if clauses else "", params


def list_people(
    conn: sqlite3.Connection,
    *,
    skills: Iterable[str] = (),
    tags: Iterable[str] = (),
    city: str | None = None,
) -> list[PersonRecord]:
    """People with every given skill and tag (case- and accent-insensitive), by key."""
    where, params = _filter(skills, tags, city)
    if not where:
        return get_records(conn)
    ids = [r[0] for r in conn.execute(f"SELECT p.id FROM person p{where}", params)]
    return get_records(conn, ids)


PERSON_JSON = """
WITH labels AS (
    SELECT person_id,
        json_group_array(name) FILTER (WHERE kind = 'alias') AS aliases,
        json_group_array(name) FILTER (WHERE kind = 'skill') AS skills,
        json_group_array(name) FILTER (WHERE kind = 'tag') AS tags,
        json_group_array(name) FILTER (WHERE kind = 'value') AS vals
    FROM (SELECT person_id, kind, name FROM person_label ORDER BY person_id, kind, position)
    GROUP BY person_id
)
SELECT json_object(
    'key', p.key, 'name', p.name,
    'aliases', json(coalesce(l.aliases, '[]')), 'skills', json(coalesce(l.skills, '[]')),
    'tags', json(coalesce(l.tags, '[]')), 'values', json(coalesce(l.vals, '[]')),
    'org', p.org, 'title', p.title, 'city', p.city, 'email', p.email, 'phone', p.phone,
    'met', p.met, 'notes', p.notes, 'cadence_days', p.cadence_days, 'via', v.key,
    'added', p.added)
FROM person p LEFT JOIN person v ON v.id = p.via_id LEFT JOIN labels l ON l.person_id = p.id
"""


def people_json(
    conn: sqlite3.Connection,
    *,
    skills: Iterable[str] = (),
    tags: Iterable[str] = (),
    city: str | None = None,
) -> Iterator[str]:
    """The people of ``net list --json`` as JSON objects, made by SQLite, by key.

    Building the objects in SQL keeps a 30,000-person listing fast and small:
    nothing but text passes through Python.
    """
    where, params = _filter(skills, tags, city)
    for (obj,) in conn.execute(PERSON_JSON + where + " ORDER BY p.key", params):
        yield obj


def profile(conn: sqlite3.Connection, ref: str) -> PersonProfile:
    """A person with their interactions, help, ties and referrals."""
    pid, _key, _name = resolve(conn, ref)
    record = get_records(conn, [pid])[0]
    from netjournal.services.events import events_of

    interactions, help_, ties, referrals = events_of(conn, pid)
    return PersonProfile.model_construct(
        **dict(record), interactions=interactions, help=help_, ties=ties, referrals=referrals
    )
