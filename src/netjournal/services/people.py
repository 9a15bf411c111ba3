"""People: resolving references, adding, editing, removing, listing, profiles."""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Generator, Iterable, Iterator, Sequence
from datetime import date
from itertools import islice
from typing import TYPE_CHECKING, NamedTuple

from netjournal.checks import MAX_NAME
from netjournal.errors import Ambiguous, InvalidInput, NotFound
from netjournal.fields import (
    PERSON_FIELDS,
    PERSON_JSON_FEW_SQL,
    PERSON_JSON_SQL,
    PERSON_ROW_FEW_SQL,
    PERSON_ROW_SQL,
)
from netjournal.matching.text import fold, slug
from netjournal.services.records import (
    Help,
    Interaction,
    Person,
    Profile,
    Referral,
    Tie,
    jsonable,
)

if TYPE_CHECKING:
    from netjournal.codecs.document import PersonRecord
    from netjournal.store import Journal


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
        # Keys are transliterated: Søren Kierkegaard (soren-kierkegaard) is found as "soren".
        ("SELECT id, key, name FROM person WHERE key >= ? AND key < ?", _key_prefix(raw)),
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


def _key_prefix(raw: str) -> tuple[str, str]:
    prefix = slug(raw)
    return (prefix, prefix + "~") if prefix else ("~", "~")


def _did_you_mean(conn: sqlite3.Connection, folded: str) -> str:
    from rapidfuzz import fuzz, process

    rows = conn.execute("SELECT key, norm_name FROM person ORDER BY key").fetchall()
    names = [name for _key, name in rows]
    best = process.extract(folded, names, scorer=fuzz.WRatio, limit=3, score_cutoff=70)
    if not best:
        return "see 'net list' for the people in the journal"
    # Several people may share a name: name each by their own key, once.
    keys = list(dict.fromkeys(rows[i][0] for _name, _score, i in best))
    return "did you mean " + " or ".join(keys) + "?"


def new_key(conn: sqlite3.Connection, name: str, wanted: str | None = None) -> str:
    """A free key: ``wanted`` as given, else a slug of the name made unique."""
    if wanted is not None:
        key = wanted.strip().lower()
        if len(key) > MAX_NAME:
            raise InvalidInput(f"the key is too long ({len(key)} characters; at most {MAX_NAME})")
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


def person_objects(
    conn: sqlite3.Connection, where: str = "", params: Sequence[object] = (), *, few: bool = False
) -> Iterator[str]:
    """Person objects of the interchange format as JSON texts made by SQLite, by key.

    ``where`` filters ``person p``.  ``net list --json``, ``net show --json``
    and ``net export`` all print these, so the three cannot drift; building
    them in SQL keeps a 30,000-person listing fast: only text passes through
    Python.
    """
    sql = PERSON_JSON_FEW_SQL if few else PERSON_JSON_SQL  # few: ``where`` picks a few people
    for (obj,) in conn.execute(sql + where + " ORDER BY p.key", tuple(params)):
        yield obj


def _field_values(
    conn: sqlite3.Connection, ids: Sequence[int] | None
) -> Iterator[dict[str, object]]:
    """Each person's fields by name, ordered by key (all, or the given ids)."""
    where, params, sql = "", tuple[int, ...](), PERSON_ROW_SQL
    if ids is not None:
        if not ids:
            return
        where = f" WHERE p.id IN ({','.join('?' * len(ids))})"
        params = tuple(ids)
        sql = PERSON_ROW_FEW_SQL if len(ids) <= 1000 else PERSON_ROW_SQL
    for row in conn.execute(sql + where + " ORDER BY p.key", params):
        values: dict[str, object] = {}
        for spec, value in zip(PERSON_FIELDS, row[1:], strict=True):
            if spec.kind in ("labels", "contacts"):
                value = json.loads(value)
            elif spec.kind == "date" and value is not None:
                value = date.fromisoformat(value)
            values[spec.name] = value
        yield values


def get_records(conn: sqlite3.Connection, ids: Sequence[int] | None = None) -> list[PersonRecord]:
    """People as interchange records (for merging an import), by key (all, or the given ids)."""
    from netjournal.codecs.document import PersonRecord

    return [PersonRecord.model_construct(None, **v) for v in _field_values(conn, ids)]


def get_people(conn: sqlite3.Connection, ids: Sequence[int] | None = None) -> list[Person]:
    """People as plain records, ordered by key (all, or the given ids)."""
    return [Person(**v) for v in _field_values(conn, ids)]  # type: ignore[arg-type]


def _filter(
    skills: Iterable[str],
    tags: Iterable[str],
    city: str | None,
    org: str | None = None,
    query: str | None = None,
) -> tuple[str, list[str]]:
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
    if org:
        clauses.append("lower(p.org) = lower(?)")
        params.append(org.strip())
    if query:
        from netjournal.services.find import matching_clauses

        more, values = matching_clauses(query)
        clauses += more
        params += values
    return (" WHERE " + " AND ".join(clauses)) if clauses else "", params


class ListedPerson(NamedTuple):
    """What ``net list`` shows of a person."""

    key: str
    name: str
    title: str | None
    org: str | None
    city: str | None
    skills: list[str]
    tags: list[str]


def _labels_sql(kind: str) -> str:
    return (
        "(SELECT json_group_array(name) FROM (SELECT name FROM person_label "
        f"WHERE person_id = p.id AND kind = '{kind}' ORDER BY position))"
    )


# One person a row, by key: the key's index gives the first rows at once, and
# each person's labels are an index lookup (nothing grouped ahead of them).
_LISTING_SQL = (
    f"SELECT p.key, p.name, p.title, p.org, p.city, {_labels_sql('skill')}, {_labels_sql('tag')} "
    "FROM person p{where} ORDER BY p.key LIMIT ?"
)


def list_people(
    journal: Journal,
    *,
    skills: Iterable[str] = (),
    tags: Iterable[str] = (),
    city: str | None = None,
    org: str | None = None,
    query: str | None = None,
    limit: int | None = None,
) -> Generator[ListedPerson, None, None]:
    """People with every given skill and tag (case- and accent-insensitive), by key.

    ``query`` keeps people whose texts (``net find``'s index) hold every word of it.
    They come as they are read, in one read transaction.
    """
    where, params = _filter(skills, tags, city, org, query)
    loads = json.loads
    with journal.read() as conn:
        rows = conn.execute(
            _LISTING_SQL.format(where=where), (*params, -1 if limit is None else limit)
        )
        for key, name, title, org_, city_, skill_list, tag_list in rows:
            yield ListedPerson(key, name, title, org_, city_, loads(skill_list), loads(tag_list))


def people_json(
    journal: Journal,
    *,
    skills: Iterable[str] = (),
    tags: Iterable[str] = (),
    city: str | None = None,
    org: str | None = None,
    query: str | None = None,
    limit: int | None = None,
) -> Generator[str, None, None]:
    """The people of ``net list --json`` as JSON texts, by key (streamed, in one read)."""
    where, params = _filter(skills, tags, city, org, query)
    with journal.read() as conn:
        yield from islice(person_objects(conn, where, params), limit)


def profile(journal: Journal, ref: str) -> Profile:
    """A person with their interactions, help, ties and referrals."""
    with journal.read() as conn:
        pid, _key, _name = resolve(conn, ref)
        values = next(_field_values(conn, [pid]))
        interactions, help_, ties, referrals = events_of(conn, pid)
    return Profile(
        **values,  # type: ignore[arg-type]
        interactions=interactions,
        help=help_,
        ties=ties,
        referrals=referrals,
    )


def profile_json(journal: Journal, ref: str) -> dict[str, object]:
    """``net show --json``: the person object of ``net list --json`` with their events."""
    with journal.read() as conn:
        pid, _key, _name = resolve(conn, ref)
        data: dict[str, object] = json.loads(
            next(person_objects(conn, " WHERE p.id = ?", (pid,), few=True))
        )
        interactions, help_, ties, referrals = events_of(conn, pid)
    data["interactions"] = jsonable(interactions)
    data["help"] = jsonable(help_)
    data["ties"] = jsonable(ties)
    data["referrals"] = jsonable(referrals)
    return data


def events_of(
    conn: sqlite3.Connection, pid: int
) -> tuple[list[Interaction], list[Help], list[Tie], list[Referral]]:
    """Every event that involves one person, newest first, each with its id."""
    key = conn.execute("SELECT key FROM person WHERE id = ?", (pid,)).fetchone()[0]
    interactions = [
        Interaction(id=f"i-{i}", person=key, date=date.fromisoformat(d), kind=k, note=n)
        for i, d, k, n in conn.execute(
            "SELECT id, date, kind, note FROM interaction WHERE person_id = ? "
            "ORDER BY date DESC, id DESC",
            (pid,),
        )
    ]
    help_ = [
        Help(id=f"h-{i}", person=key, direction=di, date=date.fromisoformat(d), what=w, skill=s)
        for i, di, d, w, s in conn.execute(
            "SELECT id, direction, date, what, skill FROM help WHERE person_id = ? "
            "ORDER BY date DESC, id DESC",
            (pid,),
        )
    ]
    ties = [
        Tie(id=f"t-{i}", a=a, b=b, note=n)
        for i, a, b, n in conn.execute(
            "SELECT t.id, pa.key, pb.key, t.note FROM tie t JOIN person pa ON pa.id = t.a_id "
            "JOIN person pb ON pb.id = t.b_id WHERE t.a_id = ?1 OR t.b_id = ?1 "
            "ORDER BY pa.key, pb.key",
            (pid,),
        )
    ]
    referrals = [
        Referral(id=f"r-{i}", person=p, to=t, need=n, date=date.fromisoformat(d))
        for i, p, t, n, d in conn.execute(
            "SELECT r.id, pp.key, pt.key, r.need, r.date FROM referral r "
            "JOIN person pp ON pp.id = r.person_id JOIN person pt ON pt.id = r.to_id "
            "WHERE r.person_id = ?1 OR r.to_id = ?1 ORDER BY r.date DESC, r.id DESC",
            (pid,),
        )
    ]
    return interactions, help_, ties, referrals
