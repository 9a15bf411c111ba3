"""``net doctor``: is the journal file sound?"""

from __future__ import annotations

from typing import TYPE_CHECKING

from pydantic import BaseModel

if TYPE_CHECKING:
    from netjournal.store import Journal


class Check(BaseModel):
    name: str
    ok: bool
    detail: str


class Report(BaseModel):
    journal: str
    ok: bool
    checks: list[Check]
    people: int
    migrations: list[str]


def check_journal(journal: Journal) -> Report:
    """SQLite's integrity and reference checks, the journal mode and the schema."""
    from netjournal.store.backup import clear_damaged, integrity_checks, mark_damaged
    from netjournal.store.journal import permission_problems

    with journal.read() as conn:
        checks = [Check(name=n, ok=o, detail=d) for n, o, d in integrity_checks(conn)]
        people = conn.execute("SELECT count(*) FROM person").fetchone()[0]
        migrations = [r[0] for r in conn.execute("SELECT name FROM schema_migration ORDER BY name")]
    if checks[0].ok:
        clear_damaged(journal.path)  # sound again (repaired, or a false alarm)
    else:
        mark_damaged(journal.path, checks[0].detail)
    problems = permission_problems(journal.path)
    checks.append(
        Check(
            name="permissions",
            ok=not problems,
            detail="; ".join(problems) or "only you can read the journal and its folder",
        )
    )
    return Report(
        journal=str(journal.path),
        ok=all(c.ok for c in checks),
        checks=checks,
        people=people,
        migrations=migrations,
    )
