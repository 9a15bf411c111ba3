"""Views of ``net find``: who, where the words stand, and the words around them."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from netjournal.services.find import Found

FIND_COLUMNS = ("who", "where", "text")


def find_rows(found: Found) -> list[list[str]]:
    """One row a person: who, the field the best match is in, the matching text."""
    return [[f"{p.name} ({p.key})", p.field, p.snippet] for p in found.people]


def nobody_found(found: Found) -> str:
    """What to say when no text holds the words."""
    if not found.terms:
        return f"Nothing to look for in '{found.query}': try a name, a place or a word."
    return f"No one in the journal has '{' '.join(found.terms)}' in their texts."
