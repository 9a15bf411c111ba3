"""What every command module shares: the journal of this run, dates, common options.

``cli.py`` and each ``cli_<area>.py`` import these; the root option ``--db``
is kept in :data:`state` by ``cli.main``.
"""

from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Optional

import typer

if TYPE_CHECKING:
    from netjournal.store import Journal

state: dict[str, Optional[Path]] = {"db": None}


@contextmanager
def journal() -> Iterator["Journal"]:
    """Open the journal for one command, and close it after."""
    from netjournal.paths import journal_path
    from netjournal.store import open_journal

    store = open_journal(journal_path(state["db"]))
    try:
        yield store
    finally:
        store.close()


def day(text: Optional[str], what: str = "date") -> date:
    from netjournal.clock import parse_date, today

    return today() if text is None else parse_date(text, what=what)


JsonOpt = Annotated[bool, typer.Option("--json", help="Print one JSON document.")]
OnOpt = Annotated[
    Optional[str],
    typer.Option(
        "--on",
        help="When: 2026-10-02, yesterday, '3 days ago', 'last friday', ieri.",
        metavar="DATE",
    ),
]


def complete_person(incomplete: str) -> list[str]:
    """Keys of people for shell completion (stdlib sqlite3, read-only)."""
    import sqlite3

    from netjournal.paths import journal_path

    path = journal_path(state["db"])
    if not path.is_file():
        return []
    try:
        conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
        rows = conn.execute(
            "SELECT key FROM person WHERE key LIKE ? ORDER BY key LIMIT 50", (incomplete + "%",)
        ).fetchall()
        conn.close()
    except sqlite3.Error:
        return []
    return [r[0] for r in rows]


PersonArg = Annotated[
    str,
    typer.Argument(
        help="Key, name, alias or a prefix of a name.",
        autocompletion=complete_person,
        metavar="PERSON",
    ),
]
