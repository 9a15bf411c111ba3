"""Plain records that read paths return: slotted dataclasses, no validation.

What comes *in* (a file, a command's input) is checked by the pydantic models
of :mod:`netjournal.codecs.document`; what goes *out* of the journal was
checked on the way in, so reading builds these instead.  Importing pydantic
and building its models costs more than a whole ``net show`` (about 150 ms of
CPU); a dataclass costs nothing.  :func:`jsonable` turns any of them (and the
result types of the services) into the JSON shapes of ``CONTRACT.md``.
"""

from __future__ import annotations

from dataclasses import dataclass, field, fields, is_dataclass
from datetime import date
from typing import Any


def jsonable(value: Any) -> Any:
    """Dataclasses, lists and dates as plain JSON values (dates in ISO form)."""
    if is_dataclass(value) and not isinstance(value, type):
        return {f.name: jsonable(getattr(value, f.name)) for f in fields(value)}
    if isinstance(value, list | tuple):
        return [jsonable(v) for v in value]
    if isinstance(value, dict):
        return {k: jsonable(v) for k, v in value.items()}
    if isinstance(value, date):
        return value.isoformat()
    return value


@dataclass(slots=True)
class Person:
    """A person as the journal holds them: the fields of ``fields.PERSON_FIELDS``."""

    key: str | None
    name: str
    aliases: list[str] = field(default_factory=list)
    skills: list[str] = field(default_factory=list)
    tags: list[str] = field(default_factory=list)
    values: list[str] = field(default_factory=list)
    org: str | None = None
    title: str | None = None
    city: str | None = None
    email: str | None = None
    emails: list[str] = field(default_factory=list)
    phone: str | None = None
    phones: list[str] = field(default_factory=list)
    met: str | None = None
    notes: str | None = None
    cadence_days: int | None = None
    via: str | None = None
    added: date | None = None
    birthday: str | None = None  # YYYY-MM-DD, or --MM-DD without a year
    url: str | None = None


@dataclass(slots=True)
class Interaction:
    id: str  # short and stable: i-12, h-3, t-7, r-2
    person: str
    date: date
    kind: str | None = None
    note: str | None = None


@dataclass(slots=True)
class Help:
    id: str  # short and stable: i-12, h-3, t-7, r-2
    person: str
    direction: str  # "gave" (you helped them) or "got" (they helped you)
    date: date
    what: str
    skill: str | None = None


@dataclass(slots=True)
class Tie:
    id: str  # short and stable: i-12, h-3, t-7, r-2
    a: str
    b: str
    note: str | None = None


@dataclass(slots=True)
class Referral:
    id: str  # short and stable: i-12, h-3, t-7, r-2
    person: str
    to: str
    need: str
    date: date


@dataclass(slots=True)
class Profile(Person):
    """A person with every event that involves them (``net show``)."""

    interactions: list[Interaction] = field(default_factory=list)
    help: list[Help] = field(default_factory=list)
    ties: list[Tie] = field(default_factory=list)
    referrals: list[Referral] = field(default_factory=list)
