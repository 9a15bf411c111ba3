"""Tags in use, and people who share a name."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from netjournal.store import Journal


def tag_counts(journal: Journal) -> list[tuple[str, int, int | None]]:
    """Every tag in use: ``(tag, people, cadence days or None)``, most used first."""
    with journal.read() as conn:
        rows = conn.execute(
            "SELECT min(l.name), count(DISTINCT l.person_id), c.days FROM person_label l "
            "LEFT JOIN tag_cadence c ON c.tag = l.norm WHERE l.kind = 'tag' "
            "GROUP BY l.norm ORDER BY count(DISTINCT l.person_id) DESC, l.norm"
        ).fetchall()
    return [(str(t), int(n), d) for t, n, d in rows]


def namesakes(journal: Journal, key: str) -> list[str]:
    """Keys of the other people with the same name as ``key`` (accents and case aside)."""
    with journal.read() as conn:
        return [
            r[0]
            for r in conn.execute(
                "SELECT o.key FROM person p JOIN person o ON o.norm_name = p.norm_name "
                "AND o.id <> p.id WHERE p.key = ? ORDER BY o.key",
                (key,),
            )
        ]
