"""Contact and help: interactions, help exchanged, ties and referrals."""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING

from netjournal.checks import MAX_LABEL, check_text, required_text
from netjournal.errors import InvalidInput
from netjournal.services.people import resolve

if TYPE_CHECKING:
    from netjournal.store import Journal


def log_interaction(
    journal: Journal, ref: str, note: str, on: date, kind: str | None = None
) -> str:
    """Record a contact with a person; returns their name."""
    from netjournal.services.evidence import refresh_people

    note_text = required_text(note, "note")
    kind_text = check_text(kind, "kind", limit=40)
    with journal.write() as conn:
        pid, _key, name = resolve(conn, ref)
        conn.execute(
            "INSERT INTO interaction (person_id, date, kind, note) VALUES (?, ?, ?, ?)",
            (pid, on.isoformat(), kind_text, note_text),
        )
        refresh_people(conn, [pid])  # a contact note is evidence ("now a certified interpreter")
    return name


def log_contacts(
    journal: Journal,
    words: list[str],
    on: date,
    kind: str | None = None,
    with_refs: list[str] | None = None,
) -> list[str]:
    """``net log PERSON… TEXT``: one contact with each person named; returns their names."""
    from netjournal.services.evidence import refresh_people
    from netjournal.services.wording import people_and_text

    kind_text = check_text(kind, "kind", limit=40)
    with journal.write() as conn:
        people: list[tuple[int, str, str]]
        if with_refs and len(words) == 1:
            people, note = [], words[0]
        else:
            people, note = people_and_text(conn, words)
        for ref in with_refs or []:
            found = resolve(conn, ref)
            if found[0] not in {p[0] for p in people}:
                people.append(found)
        note_text = required_text(note, "note")
        for pid, _key, _name in people:
            conn.execute(
                "INSERT INTO interaction (person_id, date, kind, note) VALUES (?, ?, ?, ?)",
                (pid, on.isoformat(), kind_text, note_text),
            )
        refresh_people(conn, [pid for pid, _key, _name in people])
    return [name for _pid, _key, name in people]


def help_words(
    journal: Journal, words: list[str], direction: str, on: date, skill: str | None = None
) -> str:
    """``net gave PERSON WHAT…``: the person is the first words, the help the rest."""
    from netjournal.services.wording import people_and_text

    with journal.read() as conn:
        people, what = people_and_text(conn, words, most=1)
    return record_help(journal, str(people[0][1]), direction, what, on, skill)


def record_help(
    journal: Journal, ref: str, direction: str, what: str, on: date, skill: str | None = None
) -> str:
    """Record help you gave (``gave``) or got (``got``); returns their name."""
    from netjournal.services.evidence import refresh_people

    if direction not in ("gave", "got"):
        raise InvalidInput(f"unknown direction {direction!r}")
    what_text = required_text(what, "help")
    skill_text = check_text(skill, "skill", limit=MAX_LABEL)
    with journal.write() as conn:
        pid, _key, name = resolve(conn, ref)
        conn.execute(
            "INSERT INTO help (person_id, direction, date, what, skill) VALUES (?, ?, ?, ?, ?)",
            (pid, direction, on.isoformat(), what_text, skill_text),
        )
        if direction == "got":
            refresh_people(conn, [pid])
    return name


def add_tie(journal: Journal, ref_a: str, ref_b: str, note: str | None = None) -> tuple[str, str]:
    """Record that two people know each other (again: updates the note)."""
    note_text = check_text(note, "note")
    with journal.write() as conn:
        a_id, _, a_name = resolve(conn, ref_a)
        b_id, _, b_name = resolve(conn, ref_b)
        if a_id == b_id:
            raise InvalidInput(f"{a_name} cannot be tied to themselves", hint="name two people")
        low, high = sorted((a_id, b_id))
        conn.execute(
            "INSERT INTO tie (a_id, b_id, note) VALUES (?, ?, ?) "
            "ON CONFLICT (a_id, b_id) DO UPDATE SET note = coalesce(excluded.note, note)",
            (low, high, note_text),
        )
    return a_name, b_name


def add_referral(
    journal: Journal,
    ref: str,
    to_ref: str,
    need: str | None,
    on: date,
    *,
    need_id: str | None = None,
) -> tuple[str, str]:
    """Record that you introduced one person to another for a need.

    ``need_id`` names the need of ``ref`` this meets: it is closed as met by
    ``to_ref`` (and ``need``, when None, is its text).
    """
    from netjournal.services.evidence import refresh_people

    need_text = None
    if need is not None or need_id is None:
        need_text = required_text(need or "", "need")
    with journal.write() as conn:
        pid, _, name = resolve(conn, ref)
        to_id, _, to_name = resolve(conn, to_ref)
        if pid == to_id:
            raise InvalidInput(f"{name} cannot be referred to themselves")
        if need_id is not None:
            from netjournal.services.needs import meet, referral_need

            row = referral_need(conn, need_id, pid)
            need_text = need_text or str(row[3])
            meet(conn, row, on, to_id, referred=True)
        conn.execute(
            "INSERT INTO referral (person_id, to_id, need, date) VALUES (?, ?, ?, ?)",
            (pid, to_id, need_text, on.isoformat()),
        )
        refresh_people(conn, [to_id])
    return name, to_name
