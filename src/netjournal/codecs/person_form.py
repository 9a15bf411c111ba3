"""A person as a form to edit in ``$EDITOR`` (``net edit PERSON``), and back.

The form is TOML, one ``field = value`` line a field with a comment saying
what it takes, so that it reads like a settings file and a mistake is found
with its line number (:mod:`tomllib`).  :func:`write_form` makes the text
from a person object (the interchange format's, section 4 of the contract);
:func:`read_form` reads what the editor left, or raises :class:`FormError`.
This module never touches the journal.
"""

from __future__ import annotations

import importlib
import json
import sys
from typing import Any

from netjournal.checks import has_control_chars
from netjournal.errors import InvalidInput

#: The form's fields, in order: (field, what it takes, the person object's field).
FORM_FIELDS: tuple[tuple[str, str, str], ...] = (
    ("name", "", "name"),
    ("key", "lowercase letters, digits and dashes", "key"),
    ("aliases", "other names", "aliases"),
    ("skills", "", "skills"),
    ("tags", "", "tags"),
    ("values", "principles they stand for", "values"),
    ("org", "organisation", "org"),
    ("title", "job title", "title"),
    ("city", "", "city"),
    ("email", "the preferred e-mail", "email"),
    ("phone", "the preferred phone", "phone"),
    ("url", "web page", "url"),
    ("birthday", "YYYY-MM-DD, or --MM-DD without the year", "birthday"),
    ("met", "how you met", "met"),
    ("every", "days between contacts (0: the default)", "cadence_days"),
    ("via", "the key of whoever introduced you", "via"),
    ("added", "in the journal since, YYYY-MM-DD", "added"),
    ("notes", "", "notes"),
)
LISTS = frozenset({"aliases", "skills", "tags", "values"})
_BY_FORM = {f: p for f, _w, p in FORM_FIELDS}
# The standard library reads TOML from Python 3.11; tomli is the same parser before.
_toml: Any = importlib.import_module("tomllib" if sys.version_info >= (3, 11) else "tomli")


class FormError(InvalidInput):
    """The edited form cannot be read; the message names the line."""


def write_form(person: dict[str, Any]) -> str:
    """The form for one person, with a header saying how it is read."""
    name, key = person.get("name") or "", person.get("key") or ""
    out = [
        f"# Editing {name} ({key}). Save and close the editor to apply.",
        "# Leave it unchanged, or empty the file, to change nothing.",
        '# An empty value ("" or []) clears a field; a line removed keeps it as it was.',
        "",
    ]
    for field, words, source in FORM_FIELDS:
        value = person.get(source)
        if field == "notes":
            out += ["", _notes(value)]
            continue
        if field == "every":
            text = str(value or 0)
        elif field in LISTS:
            text = "[" + ", ".join(_string(v) for v in value or []) + "]"
        else:
            text = _string(value or "")
        line = f"{field} = {text}"
        if words:
            line = f"{line.ljust(28)} # {words}"
        out.append(line)
        if field in ("key", "values", "met"):
            out.append("")
    extra = [*(person.get("emails") or [])[1:], *(person.get("phones") or [])[1:]]
    if extra:
        out.append(f"# More e-mails and phones (not edited here): {', '.join(extra)}")
    return "\n".join(out) + "\n"


def _string(text: str) -> str:
    """A TOML basic string (JSON's escapes are TOML's)."""
    return json.dumps(str(text), ensure_ascii=False)


def _notes(text: str | None) -> str:
    if text and "'''" not in text and "\r" not in text and not has_control_chars(text):
        return f"notes = '''\n{text}\n'''"
    return f"notes = {_string(text or '')}"


def is_blank(text: str) -> bool:
    """Nothing but comments and white space: the person at the editor gave up."""
    return all(not line.strip() or line.lstrip().startswith("#") for line in text.splitlines())


def read_form(text: str) -> dict[str, Any]:
    """The edited form as person-object fields (only those present)."""
    try:
        data = _toml.loads(text)
    except _toml.TOMLDecodeError as exc:
        raise FormError(
            f"the form cannot be read: {exc}",
            hint='fields are written name = "text", lists skills = ["a", "b"]',
        ) from None
    out: dict[str, Any] = {}
    for field, value in data.items():
        source = _BY_FORM.get(field)
        if source is None:
            raise FormError(
                f"the form has an unknown field '{field}'",
                hint="the fields are " + ", ".join(f for f, _w, _p in FORM_FIELDS),
            )
        if field in LISTS:
            if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
                raise FormError(f'{field} must be a list of texts, e.g. {field} = ["a", "b"]')
            out[source] = [v for v in value if v.strip()]
        elif field == "every":
            if value == "":
                value = 0
            if not isinstance(value, int) or isinstance(value, bool) or value < 0:
                raise FormError("every must be a number of days, e.g. every = 30 (0: the default)")
            out[source] = value or None
        elif isinstance(value, str):
            out[source] = value.strip("\n") if field == "notes" else value
        else:
            raise FormError(f'{field} must be a text in quotes, e.g. {field} = "…"')
    return out
