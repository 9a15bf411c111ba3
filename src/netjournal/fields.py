"""A person's fields, declared once.

Every place that reads, checks, stores or shows a person derives from
:data:`PERSON_FIELDS`: the interchange record (:mod:`netjournal.codecs.document`),
the checks of typed text, the CSV header, the SELECT lists and the JSON person
object that ``net list --json``, ``net show --json`` and ``net export`` print.
To add a field, add it here, to the record model, and in a migration (see
``docs/contributing.md``); a test compares every surface that shows a person.

This module imports nothing heavy: the CLI may read it at start-up.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from netjournal.checks import MAX_LABEL, MAX_NAME, MAX_TEXT

Kind = Literal["key", "name", "labels", "contacts", "text", "days", "ref", "date", "birthday"]


@dataclass(frozen=True)
class PersonField:
    """One field of a person, as the interchange format names it."""

    name: str  # in the JSON person object and the journal's CSV header
    kind: Kind
    words: str  # how a message names it: "the e-mail is too long"
    column: str | None = None  # its column in the person table (lists live in person_label)
    label_kind: str | None = None  # for lists: its kind in person_label
    limit: int = MAX_TEXT
    # For e-mails and phones: the first is ``column`` of the person table, the others
    # follow in person_contact under this kind.
    contact_kind: str | None = None


PERSON_FIELDS: tuple[PersonField, ...] = (
    PersonField("key", "key", "key", column="key"),
    PersonField("name", "name", "name", column="name", limit=MAX_NAME),
    PersonField("aliases", "labels", "alias", label_kind="alias", limit=MAX_LABEL),
    PersonField("skills", "labels", "skill", label_kind="skill", limit=MAX_LABEL),
    PersonField("tags", "labels", "tag", label_kind="tag", limit=MAX_LABEL),
    PersonField("values", "labels", "value", label_kind="value", limit=MAX_LABEL),
    PersonField("org", "text", "organisation", column="org"),
    PersonField("title", "text", "title", column="title"),
    PersonField("city", "text", "city", column="city"),
    PersonField("email", "text", "e-mail", column="email"),
    PersonField("emails", "contacts", "e-mail", column="email", contact_kind="email"),
    PersonField("phone", "text", "phone", column="phone"),
    PersonField("phones", "contacts", "phone", column="phone", contact_kind="phone"),
    PersonField("met", "text", "how you met", column="met"),
    PersonField("notes", "text", "notes", column="notes"),
    PersonField("cadence_days", "days", "cadence", column="cadence_days"),
    PersonField("via", "ref", "via", column="via_id"),
    PersonField("added", "date", "date added", column="added"),
    PersonField("birthday", "birthday", "birthday", column="birthday"),
    PersonField("url", "text", "web page", column="url"),
)

FIELD_NAMES: tuple[str, ...] = tuple(f.name for f in PERSON_FIELDS)
BY_NAME: dict[str, PersonField] = {f.name: f for f in PERSON_FIELDS}
#: Free-text fields stored in a column of the same name.
TEXT_FIELDS: tuple[str, ...] = tuple(f.name for f in PERSON_FIELDS if f.kind == "text")
#: List fields, by their kind in ``person_label``: ``{"alias": "aliases", …}``.
LIST_FIELDS: dict[str, str] = {
    f.label_kind: f.name for f in PERSON_FIELDS if f.label_kind is not None
}
LABEL_KINDS: tuple[str, ...] = tuple(LIST_FIELDS)
#: E-mails and phones, by their kind in ``person_contact``: ``{"email": "emails", …}``.
CONTACT_FIELDS: dict[str, str] = {
    f.contact_kind: f.name for f in PERSON_FIELDS if f.contact_kind is not None
}


def _sql_value(field: PersonField, *, few: bool = False) -> str:
    """The SQL expression for a field, over ``person p`` joined to ``person v`` (via).

    ``few``: lists are read by a subquery per person (an index lookup each),
    for a query about one or a few people; else from the grouped CTEs, which
    read every label once and suit a listing of everyone.
    """
    if field.kind == "ref":
        return "v.key"
    if field.kind == "labels" and few:
        return (
            "(SELECT json_group_array(name) FROM (SELECT name FROM person_label "
            f"WHERE person_id = p.id AND kind = '{field.label_kind}' ORDER BY position))"
        )
    if field.kind == "labels":
        return f"json(coalesce(l.{field.name}_, '[]'))"
    if field.kind == "contacts":
        more = f"c.{field.name}_"
        if few:
            more = (
                "(SELECT json_group_array(value) FROM (SELECT value FROM person_contact "
                f"WHERE person_id = p.id AND kind = '{field.contact_kind}' ORDER BY position))"
            )
        return (
            f"CASE WHEN p.{field.column} IS NULL THEN json(coalesce({more}, '[]')) "
            f"ELSE json('[' || json_quote(p.{field.column}) || coalesce(',' || "
            f"nullif(substr({more}, 2, length({more}) - 2), ''), '') || ']') END"
        )
    return f"p.{field.column}"


def _labels_cte() -> str:
    lists = ",\n        ".join(
        f"json_group_array(name) FILTER (WHERE kind = '{kind}') AS {name}_"
        for kind, name in LIST_FIELDS.items()
    )
    contacts = ",\n        ".join(
        f"json_group_array(value) FILTER (WHERE kind = '{kind}') AS {name}_"
        for kind, name in CONTACT_FIELDS.items()
    )
    return (
        "WITH labels AS (\n    SELECT person_id,\n        " + lists + "\n"
        "    FROM (SELECT person_id, kind, name FROM person_label "
        "ORDER BY person_id, kind, position)\n    GROUP BY person_id\n),\n"
        "contacts AS (\n    SELECT person_id,\n        " + contacts + "\n"
        "    FROM (SELECT person_id, kind, value FROM person_contact "
        "ORDER BY person_id, kind, position)\n    GROUP BY person_id\n)\n"
    )


_FROM = (
    "FROM person p LEFT JOIN person v ON v.id = p.via_id LEFT JOIN labels l ON l.person_id = p.id"
    " LEFT JOIN contacts c ON c.person_id = p.id"
)

#: One JSON person object per row (``SELECT json_object(…)``), made by SQLite.
#: Append a WHERE clause over ``p`` and an ORDER BY.
PERSON_JSON_SQL: str = (
    _labels_cte()
    + "SELECT json_object(\n    "
    + ",\n    ".join(f"'{f.name}', {_sql_value(f)}" for f in PERSON_FIELDS)
    + ")\n"
    + _FROM
    + "\n"
)

#: ``p.id`` then every field in :data:`PERSON_FIELDS` order (lists as JSON arrays).
PERSON_ROW_SQL: str = (
    _labels_cte()
    + "SELECT p.id, "
    + ", ".join(_sql_value(f) for f in PERSON_FIELDS)
    + "\n"
    + _FROM
    + "\n"
)

_FROM_FEW = "FROM person p LEFT JOIN person v ON v.id = p.via_id"

#: :data:`PERSON_JSON_SQL` for one or a few people (``WHERE p.id = ?``): its
#: cost does not grow with the journal, where the grouped CTEs read every label.
PERSON_JSON_FEW_SQL: str = (
    "SELECT json_object(\n    "
    + ",\n    ".join(f"'{f.name}', {_sql_value(f, few=True)}" for f in PERSON_FIELDS)
    + ")\n"
    + _FROM_FEW
    + "\n"
)

#: :data:`PERSON_ROW_SQL` for one or a few people.
PERSON_ROW_FEW_SQL: str = (
    "SELECT p.id, "
    + ", ".join(_sql_value(f, few=True) for f in PERSON_FIELDS)
    + "\n"
    + _FROM_FEW
    + "\n"
)
