"""The JSON interchange format, versions 1 and 2, as pydantic models.

Version 2 adds to version 1 (and removes nothing): the top-level ``needs``
and ``settings``.  ``net export`` writes version 2; both are read.

These models validate a document read from a file and describe the document
written by ``net export``.  Every import source (JSON, vCard, CSV) is turned
into a :class:`Document` first, so that one code path writes to the journal.
"""

from __future__ import annotations

import re
import unicodedata
from datetime import date
from typing import Any, Literal

from pydantic import (
    BaseModel,
    ConfigDict,
    Field,
    ValidationInfo,
    field_validator,
    model_validator,
)
from pydantic_core import PydanticCustomError

from netjournal.checks import MAX_NAME, has_control_chars

FORMAT_NAME = "netjournal"
FORMAT_VERSION = 2
READ_VERSIONS = (1, 2)
#: Sections only a version 2 document may hold.
VERSION_2_SECTIONS = ("needs", "settings")


def _clean(value: str | None) -> str | None:
    """Strip a text field; an empty text is no value."""
    if value is None:
        return None
    value = value.strip()
    return value or None


class _Record(BaseModel):
    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)

    @model_validator(mode="before")
    @classmethod
    def _no_control(cls, data: object, info: ValidationInfo) -> object:
        """Refuse control characters in any text of the record (one scan per record)."""
        if not isinstance(data, dict) or (info.context or {}).get("no_control_chars"):
            return data
        texts = [v for v in data.values() if isinstance(v, str)]
        texts += [t for v in data.values() if isinstance(v, list) for t in v if isinstance(t, str)]
        if has_control_chars("\n".join(texts)):
            bad = sorted(
                str(k)
                for k, v in data.items()
                if any(
                    isinstance(t, str) and has_control_chars(t)
                    for t in (v if isinstance(v, list) else [v])
                )
            )
            raise PydanticCustomError(
                "control_characters", "contains control characters", {"fields": bad}
            )
        return data


_BIRTHDAY = re.compile(r"(\d{4}|-)-(\d{2})-(\d{2})")


def check_birthday(value: object) -> str | None:
    """A birthday as the format writes it: ``YYYY-MM-DD``, or ``--MM-DD`` without a year."""
    if value is None or value == "":
        return None
    if isinstance(value, date):
        return value.isoformat()
    if not isinstance(value, str):
        raise ValueError("must be a YYYY-MM-DD or --MM-DD date")
    text = value.strip()
    match = _BIRTHDAY.fullmatch(text)
    if match is None:
        raise ValueError("must be a YYYY-MM-DD or --MM-DD date")
    year, month, day = match.groups()
    date(2000 if year == "-" else int(year), int(month), int(day))  # raises when no such day
    return text


def _fold_contact(kind: str, value: str) -> str:
    if kind == "email":
        return value.casefold()
    digits = "".join(ch for ch in value if ch.isdigit())
    return digits or value.casefold()


def unite_contacts(kind: str, first: object, many: object) -> tuple[str | None, list[str]]:
    """The one and the list of e-mails (or phones): the preferred first, no repeats."""
    items: list[str] = []
    seen: set[str] = set()
    candidates = [first] if isinstance(first, str) else []
    candidates += [v for v in many if isinstance(v, str)] if isinstance(many, list) else []
    for value in candidates:
        value = value.strip()
        folded = _fold_contact(kind, value)
        if value and folded not in seen:
            seen.add(folded)
            items.append(value)
    return (items[0] if items else None), items


class PersonRecord(_Record):
    # Lists default through a factory: a ``[]`` default is deep-copied for every record.
    key: str | None = Field(default=None, max_length=MAX_NAME)
    name: str = Field(min_length=1, max_length=MAX_NAME)
    aliases: list[str] = Field(default_factory=list)
    skills: list[str] = Field(default_factory=list)
    tags: list[str] = Field(default_factory=list)
    values: list[str] = Field(default_factory=list)
    org: str | None = None
    title: str | None = None
    city: str | None = None
    email: str | None = None
    emails: list[str] = Field(default_factory=list)
    phone: str | None = None
    phones: list[str] = Field(default_factory=list)
    met: str | None = None
    notes: str | None = None
    cadence_days: int | None = Field(default=None, gt=0)
    via: str | None = None
    added: date | None = None
    # Version 2 (read in version 1 documents too).
    birthday: str | None = None
    url: str | None = None

    @model_validator(mode="before")
    @classmethod
    def _contacts(cls, data: Any) -> Any:
        """``email`` is the first of ``emails`` (and ``phone`` of ``phones``), in every version."""
        if not isinstance(data, dict):
            return data
        for one, many, kind in (("email", "emails", "email"), ("phone", "phones", "phone")):
            if one in data or many in data:
                if many in data and not isinstance(data[many], list):
                    continue  # the field's own check names the mistake
                first = data.get(one)
                data = {**data}
                data[one], data[many] = unite_contacts(kind, first, data.get(many) or [])
        return data

    @field_validator("birthday", mode="before")
    @classmethod
    def _birthday(cls, value: object) -> str | None:
        return check_birthday(value)

    @field_validator("name")
    @classmethod
    def _composed(cls, value: str) -> str:
        return unicodedata.normalize("NFC", value)  # é typed two ways is one name

    @field_validator("org", "title", "city", "email", "phone", "met", "notes", "via", "url")
    @classmethod
    def _strip(cls, value: str | None) -> str | None:
        return _clean(value)

    @field_validator("aliases", "skills", "tags", "values", "emails", "phones")
    @classmethod
    def _items(cls, items: list[str]) -> list[str]:
        seen: dict[str, str] = {}
        for item in items:
            item = item.strip()
            if item and item.casefold() not in seen:
                seen[item.casefold()] = item
        return list(seen.values())


class InteractionRecord(_Record):
    person: str = Field(min_length=1)
    date: date
    kind: str | None = None
    note: str | None = None


class HelpRecord(_Record):
    person: str = Field(min_length=1)
    direction: Literal["gave", "got"]
    date: date
    what: str = Field(min_length=1)
    skill: str | None = None


class TieRecord(_Record):
    a: str = Field(min_length=1)
    b: str = Field(min_length=1)
    note: str | None = None


class ReferralRecord(_Record):
    person: str = Field(min_length=1)
    to: str = Field(min_length=1)
    need: str = Field(min_length=1)
    date: date


NEED_ID_PATTERN = r"^n-[0-9a-z]+$"
Day = date  # for fields declared after a field named ``date``


class NeedRecord(_Record):
    """A need (section 7 of the contract): yours (``for`` null) or someone's."""

    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True, populate_by_name=True)
    id: str | None = Field(default=None, pattern=NEED_ID_PATTERN)
    for_: str | None = Field(default=None, alias="for")
    need: str = Field(min_length=1)
    date: date
    status: Literal["open", "met", "dropped"] = "open"
    closed: Day | None = None
    met_by: str | None = None

    @field_validator("for_", "met_by")
    @classmethod
    def _strip(cls, value: str | None) -> str | None:
        return _clean(value)

    @model_validator(mode="after")
    def _closing(self) -> NeedRecord:
        status: str = self.status
        if status == "open" and self.closed is not None:
            raise ValueError("an open need has no closed date")
        if status != "open" and self.closed is None:
            raise ValueError(f"a {status} need needs the date it closed (closed)")
        if self.closed is not None and self.closed < self.date:
            raise ValueError("closed is before the need's date")
        if self.met_by is not None and status != "met":
            raise ValueError("met_by is only for a met need")
        return self

    def public(self) -> dict[str, object]:
        """The record as the interchange format writes it."""
        return {
            "id": self.id,
            "for": self.for_,
            "need": self.need,
            "date": self.date.isoformat(),
            "status": self.status,
            "closed": self.closed.isoformat() if self.closed else None,
            "met_by": self.met_by,
        }


class SettingsRecord(_Record):
    """The journal's cadences: its default, and each tag's (version 2)."""

    default_cadence_days: int | None = Field(default=None, gt=0)
    tag_cadences: dict[str, int] = {}

    @field_validator("tag_cadences")
    @classmethod
    def _positive(cls, value: dict[str, int]) -> dict[str, int]:
        for tag, days in value.items():
            if not tag.strip():
                raise ValueError("a tag must not be empty")
            if days <= 0:
                raise ValueError(f"the cadence of '{tag}' must be a positive number of days")
        return value


class Document(_Record):
    format: Literal["netjournal"]
    version: Literal[1, 2]
    people: list[PersonRecord] = []
    interactions: list[InteractionRecord] = []
    help: list[HelpRecord] = []
    ties: list[TieRecord] = []
    referrals: list[ReferralRecord] = []
    needs: list[NeedRecord] = []
    settings: SettingsRecord | None = None

    @model_validator(mode="after")
    def _sections_of_the_version(self) -> Document:
        if self.version == 1:
            for section in VERSION_2_SECTIONS:
                if section in self.model_fields_set:
                    raise PydanticCustomError(
                        "version_2_section",
                        'a version 1 document has no {section} (write "version": 2)',
                        {"section": section},
                    )
        return self
