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

_PLAIN = (str, int, float, bool, type(None))
_FIELD_NAMES: dict[type, tuple[str, ...]] = {}


def jsonable(value: Any) -> Any:
    """Dataclasses, lists and dates as plain JSON values (dates in ISO form)."""
    kind = type(value)
    if kind in _PLAIN:
        return value
    if kind is list or kind is tuple:
        return [jsonable(v) for v in value]
    if kind is date:
        return value.isoformat()
    if kind is dict:
        return {k: jsonable(v) for k, v in value.items()}
    names = _FIELD_NAMES.get(kind)
    if names is None:
        if not (is_dataclass(value) and not isinstance(value, type)):
            return value
        names = _FIELD_NAMES[kind] = tuple(f.name for f in fields(value))
    return {name: jsonable(getattr(value, name)) for name in names}


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
