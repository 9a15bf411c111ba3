"""The journal's schema, declared with SQLModel.

This module is the declaration only: the migrations in
:mod:`netjournal.store.migrations` create the tables in explicit SQL, every
read and write is plain SQL on a stdlib connection (see :mod:`netjournal.store`),
and ``tests/test_schema.py`` compares a migrated blank journal with this
metadata (columns, types, NOT NULL, defaults, indexes) so the two cannot drift.
"""

from __future__ import annotations

from datetime import date

from sqlalchemy import Column, Index, Table, UniqueConstraint, text
from sqlalchemy.types import UserDefinedType
from sqlmodel import Field, SQLModel

Day = date  # for fields declared after a field named ``date``

# ---------------------------------------------------------------- the journal


class Person(SQLModel, table=True):
    # ``stats`` groups organisations and cities by these (m015).
    __table_args__ = (
        Index(
            "ix_person_org_lower", text("lower(org)"), "org", sqlite_where=text("org IS NOT NULL")
        ),
        Index(
            "ix_person_city_lower",
            text("lower(city)"),
            "city",
            sqlite_where=text("city IS NOT NULL"),
        ),
        # ``ask`` reads a candidate's reach from it without the row (m016).
        Index("ix_person_reach", "id", "via_id", "last_contact"),
        # ``stats`` counts the warm direct ties from it (m017).
        Index("ix_person_warmth", "via_id", "cadence_days", text("coalesce(last_contact, added)")),
        Index("ix_person_key_name", "key", "name"),  # m017: ``balance`` lists people by key
        # m018: ``today`` reads the birthdays of the next days as a range of month and day.
        Index(
            "ix_person_birthday",
            text("substr(birthday, -5)"),
            sqlite_where=text("birthday IS NOT NULL"),
        ),
    )
    id: int | None = Field(default=None, primary_key=True)
    key: str = Field(unique=True)
    name: str
    norm_name: str = Field(index=True)
    org: str | None = None
    title: str | None = None
    city: str | None = None
    email: str | None = Field(default=None, index=True)
    phone: str | None = None
    met: str | None = None
    notes: str | None = None
    cadence_days: int | None = None
    # Looked up through ix_person_warmth, which begins with it (m020).
    via_id: int | None = Field(default=None, foreign_key="person.id")
    added: date
    birthday: date | None = None
    url: str | None = Field(default=None, index=True)
    # Kept equal to the latest interaction or help by triggers (m004).
    last_contact: date | None = None
    # The lexicon domain most of their skills and title fall in (kept by the index).
    domain: str | None = Field(default=None, index=True)
    # Came from a contacts file (m007): dormant until contacted or given a cadence.
    dormant: bool = Field(default=False, sa_column_kwargs={"server_default": "0"})


class PersonContact(SQLModel, table=True):
    """A further e-mail or phone of a person (``kind``), after ``person.email``/``phone``."""

    __tablename__ = "person_contact"
    person_id: int = Field(foreign_key="person.id", primary_key=True)
    kind: str = Field(primary_key=True)
    position: int = Field(primary_key=True)
    value: str
    norm: str


class PersonLabel(SQLModel, table=True):
    """An alias, skill, tag or value of a person (``kind``), in order."""

    __tablename__ = "person_label"
    __table_args__ = (Index("ix_person_label_kind_norm", "kind", "norm"),)
    person_id: int = Field(foreign_key="person.id", primary_key=True)
    kind: str = Field(primary_key=True)
    position: int = Field(primary_key=True)
    name: str
    norm: str


class Interaction(SQLModel, table=True):
    __table_args__ = (
        Index("ix_interaction_person_date", "person_id", "date"),
        Index("ix_interaction_date_person", "date", "person_id"),  # m015
    )
    id: int | None = Field(default=None, primary_key=True)
    person_id: int = Field(foreign_key="person.id")
    date: date
    kind: str | None = None
    note: str | None = None


class HelpExchange(SQLModel, table=True):
    """Help that flowed: ``gave`` (you helped them) or ``got`` (they helped you)."""

    __tablename__ = "help"
    __table_args__ = (
        Index("ix_help_person_direction_date", "person_id", "direction", "date"),  # m015
        Index("ix_help_date", "date"),
    )
    id: int | None = Field(default=None, primary_key=True)
    person_id: int = Field(foreign_key="person.id")
    direction: str
    date: date
    what: str
    skill: str | None = None


class Tie(SQLModel, table=True):
    """Two people in the journal know each other (``a_id < b_id``, one row a pair)."""

    __table_args__ = (UniqueConstraint("a_id", "b_id"),)
    id: int | None = Field(default=None, primary_key=True)
    a_id: int = Field(foreign_key="person.id")
    b_id: int = Field(foreign_key="person.id", index=True)
    note: str | None = None


class Referral(SQLModel, table=True):
    """You introduced ``person`` to ``to`` for a need."""

    id: int | None = Field(default=None, primary_key=True)
    person_id: int = Field(foreign_key="person.id", index=True)
    to_id: int = Field(foreign_key="person.id", index=True)
    need: str
    date: date


class Need(SQLModel, table=True):
    """Something you or a person in your network needs (``person_id`` null: yours)."""

    __table_args__ = (Index("ix_need_status_date", "status", "date"),)
    id: str = Field(primary_key=True)  # the public id, "n-…"
    person_id: int | None = Field(default=None, foreign_key="person.id", index=True)
    text: str
    date: date
    # open, met or dropped
    status: str = Field(default="open", sa_column_kwargs={"server_default": "open"})
    closed: Day | None = None
    met_by_id: int | None = Field(default=None, foreign_key="person.id", index=True)


class NeedMatch(SQLModel, table=True):
    """The ask engine's suggestions for a need, as of ``stamp`` (a cache)."""

    __tablename__ = "need_match"
    need_id: str = Field(foreign_key="need.id", primary_key=True)
    stamp: str
    matches: str


class Setting(SQLModel, table=True):
    name: str = Field(primary_key=True)
    value: str


class InteractionMonth(SQLModel, table=True):
    """How many interactions each month holds (``YYYY-MM``), kept by triggers (m019)."""

    __tablename__ = "interaction_month"
    month: str = Field(primary_key=True)
    n: int


class TagCadence(SQLModel, table=True):
    __tablename__ = "tag_cadence"
    tag: str = Field(primary_key=True)
    days: int


class UndoCommand(SQLModel, table=True):
    """A write command the undo log remembers (``net undo`` reverts the latest)."""

    __tablename__ = "undo_command"
    id: int | None = Field(default=None, primary_key=True)
    label: str
    at: str


class UndoStep(SQLModel, table=True):
    """The SQL that reverts one row a command changed (written by triggers)."""

    __tablename__ = "undo_step"
    __table_args__ = (Index("ix_undo_step_command_id", "command_id", "tbl", "rid"),)
    id: int | None = Field(default=None, primary_key=True)
    command_id: int = Field(foreign_key="undo_command.id")
    tbl: str
    op: str
    rid: int | None = None  # the row's INTEGER PRIMARY KEY, when it has one
    people: str | None = None
    sql: str | None = None  # how to revert it (for an insert with a rid: delete that row)


class SchemaMigration(SQLModel, table=True):
    __tablename__ = "schema_migration"
    name: str = Field(primary_key=True)
    applied_at: str


# ------------------------------------------------------------------ circles


class Circle(SQLModel, table=True):
    """A circle this journal joined (``conninfo``, ``member``) or organises (``admin_conninfo``).

    Connection settings are libpq's (a URI or ``service=…``) without a password.
    """

    name: str = Field(primary_key=True)
    conninfo: str | None = None
    member: str | None = None
    admin_conninfo: str | None = None
    joined: date | None = None
    last_sync: str | None = None


class CirclePerson(SQLModel, table=True):
    """A person this journal shares with a circle."""

    __tablename__ = "circle_person"
    circle: str = Field(foreign_key="circle.name", primary_key=True)
    person_id: int = Field(foreign_key="person.id", primary_key=True)


class CircleTag(SQLModel, table=True):
    """Everyone with this tag (folded) is shared with the circle."""

    __tablename__ = "circle_tag"
    circle: str = Field(foreign_key="circle.name", primary_key=True)
    tag: str = Field(primary_key=True)


class CircleNeed(SQLModel, table=True):
    """A need of this journal posted to a circle (published while it is open)."""

    __tablename__ = "circle_need"
    circle: str = Field(foreign_key="circle.name", primary_key=True)
    need_id: str = Field(foreign_key="need.id", primary_key=True, index=True)


class CircleNeedMatch(SQLModel, table=True):
    """Who of this journal could meet another member's circle need, as last asked."""

    __tablename__ = "circle_need_match"
    circle: str = Field(foreign_key="circle.name", primary_key=True)
    member: str = Field(primary_key=True)
    ref: str = Field(primary_key=True)
    question: str  # whose need and the need, as the engine was asked
    stamp: str  # as need_match: the day, the network version, the engine
    matches: str  # JSON list of suggestions


# ------------------------------------------------------- the matching index


# The lexicon's tables (concept, concept_closure, lexicon_phrase, problem_word,
# vocabulary) live in their own read-only file: see netjournal.store.lexicon.


class PersonWord(SQLModel, table=True):
    """A word of someone's skills, title or organisation a need's typo may be corrected to."""

    __tablename__ = "person_word"
    word: str = Field(primary_key=True)


class PersonConcept(SQLModel, table=True):
    """Evidence that a person covers a concept, from one of their fields."""

    __tablename__ = "person_concept"
    # ``ask`` reads relevance from the index alone (m016).
    __table_args__ = (Index("ix_person_concept_concept_weight", "concept_id", "weight"),)
    person_id: int = Field(foreign_key="person.id", primary_key=True)
    concept_id: str = Field(primary_key=True)
    source: str = Field(primary_key=True)
    weight: float
    evidence: str


class PersonTerm(SQLModel, table=True):
    """A stemmed word of a person's profile, for needs the lexicon does not know."""

    __tablename__ = "person_term"
    person_id: int = Field(foreign_key="person.id", primary_key=True)
    term: str = Field(primary_key=True, index=True)
    source: str = Field(primary_key=True)
    weight: float
    evidence: str


# ------------------------------------------------------------ the full text


class PersonText(SQLModel, table=True):
    """One text the journal holds about a person (a field, a label, a note, a help record).

    Kept by triggers on the tables it copies (``m006_fulltext``); indexed by
    the FTS5 table ``person_fts`` for ``net find`` and ``net ask``.
    """

    __tablename__ = "person_text"
    __table_args__ = (Index("ix_person_text_person_id", "person_id"),)
    id: int | None = Field(default=None, primary_key=True)
    person_id: int = Field(foreign_key="person.id")
    field: str
    ref: int | None = None
    text: str


class _FtsColumn(UserDefinedType):  # type: ignore[type-arg]
    """An FTS5 column: no declared type."""

    cache_ok = True

    def get_col_spec(self, **kw: object) -> str:
        return ""


# The FTS5 index over person_text (external content): its one column.
person_fts = Table("person_fts", SQLModel.metadata, Column("text", _FtsColumn()))
