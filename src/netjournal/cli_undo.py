"""Mistakes can be undone: ``net forget ID``, ``net fix ID`` and ``net undo``."""

from __future__ import annotations

from typing import Annotated, Optional

import typer

from netjournal import render
from netjournal.cli_common import OnOpt, journal, journal_file
from netjournal.cli_common import day as _date

app = typer.Typer()


def _complete_event(incomplete: str) -> list[tuple[str, str]]:
    """Event ids for shell completion, newest first (stdlib sqlite3, read-only)."""
    from netjournal.completion import event_ids

    return event_ids(journal_file(), incomplete)


EventArg = Annotated[
    str,
    typer.Argument(
        help="An event id, as 'net show PERSON' and 'net needs' list them: i-12, h-3, t-4, "
        "r-2, n-4kx2.",
        metavar="ID",
        autocompletion=_complete_event,
    ),
]


@app.command()
def forget(event: EventArg) -> None:
    """Remove one event: a contact, help, a tie, a referral or a need."""
    from netjournal.services.event_ids import forget_event

    with journal() as store:
        what = forget_event(store, event)
    render.message(f"Forgot {what}. ('net undo' brings it back.)")


@app.command()
def fix(
    event: EventArg,
    on: OnOpt = None,
    text: Annotated[
        Optional[str],
        typer.Option(help="The new text: the note, what the help was, the need.", metavar="TEXT"),
    ] = None,
    kind: Annotated[
        Optional[str], typer.Option(help="A contact's kind: call, coffee, …", metavar="KIND")
    ] = None,
    skill: Annotated[
        Optional[str], typer.Option(help="The skill a help took.", metavar="SKILL")
    ] = None,
) -> None:
    """Correct an event: its date, text, kind or skill."""
    from netjournal.services.event_ids import EventFix, fix_event

    when = _date(on) if on is not None else None
    with journal() as store:
        what = fix_event(store, event, EventFix(on=when, text=text, kind=kind, skill=skill))
    render.message(f"Fixed {what}.")


@app.command()
def undo() -> None:
    """Revert the last command that changed the journal (again: the one before)."""
    from netjournal.services.undo import noun, undo_last

    with journal() as store:
        undone = undo_last(store)
    if undone is None:
        render.message("Nothing left to undo.")
        return
    what = "; ".join(f"{verb} {noun(table, n)}" for verb, table, n in undone.changes)
    render.message(f"Undid {undone.label} ({what}).")
