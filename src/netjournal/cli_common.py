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
#: The arguments of this run, as typed (``cli.run`` keeps them), for the undo log.
argv: list[str] = []


@contextmanager
def journal(*, announce: bool = True) -> Iterator["Journal"]:
    """Open the journal for one command, and close it after.

    The first write to a new journal says where it lives, unless ``announce``
    is false (the tour's journal in a temporary folder).
    """
    from netjournal.paths import journal_path
    from netjournal.store import open_journal

    store = open_journal(journal_path(state["db"]))
    store.command = command_line()
    try:
        yield store
    finally:
        store.close()
    if store.created and store.wrote and announce:
        from netjournal import render

        render.message(
            f"Started a new journal at {store.path} (--db or NETJOURNAL_DB choose another)."
        )


def command_line() -> str:
    """The command as typed, for the undo log ("net log kenji 'had lunch'")."""
    import shlex

    return "net " + " ".join(shlex.quote(a) for a in argv)


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


def journal_file() -> Path:
    from netjournal.paths import journal_path

    return journal_path(state["db"])


class Offer(str):
    """A completion that stands even when it does not start with what was typed.

    Typer keeps only completions that start with the word being completed; a
    person found by surname or alias (``tan`` → ``kenji-tanaka``) is offered
    all the same, and the shell puts the key in place of the word.
    """

    def startswith(self, *_args: object) -> bool:
        return True


def complete_person(incomplete: str) -> list[tuple[str, str]]:
    """People by key, name, surname, capitalised prefix or alias (read-only sqlite3)."""
    from netjournal.completion import people

    return [(Offer(key), name) for key, name in people(journal_file(), incomplete)]


def complete_tag(incomplete: str) -> list[tuple[str, str]]:
    from netjournal.completion import labels

    return labels(journal_file(), "tag", incomplete)


def complete_skill(incomplete: str) -> list[tuple[str, str]]:
    from netjournal.completion import labels

    return labels(journal_file(), "skill", incomplete)


def complete_format_in(incomplete: str) -> list[str]:
    from netjournal.completion import FORMATS_IN

    return [f for f in FORMATS_IN if f.startswith(incomplete.lower())]


def complete_format_out(incomplete: str) -> list[str]:
    from netjournal.completion import FORMATS_OUT

    return [f for f in FORMATS_OUT if f.startswith(incomplete.lower())]


PersonArg = Annotated[
    str,
    typer.Argument(
        help="Key, name, alias or a prefix of a name.",
        autocompletion=complete_person,
        metavar="PERSON",
    ),
]
