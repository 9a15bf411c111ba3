"""``net need`` and ``net needs``: what people in your network need, and who could help.

``net need`` takes a free-text need, or one of the words ``done`` and ``drop``
followed by a need's id: ``net need done n-4kx2 --by luca``.  A need that
itself starts with "done" or "drop" is recorded when quoted or longer than
two words.
"""

from typing import Annotated, Optional

import typer

from netjournal import render
from netjournal.cli_common import JsonOpt, OnOpt, journal
from netjournal.cli_common import complete_person as _complete_person
from netjournal.cli_common import day as _date

CLOSING_WORDS = ("done", "drop")
app = typer.Typer()


@app.command(
    "need",
    no_args_is_help=True,
    options_metavar="[--for PERSON] [--on DATE] [--by PERSON]",
)
def need(
    words: Annotated[
        list[str],
        typer.Argument(
            help="The need, as you would say it ('a divorce lawyer'); or 'done ID', 'drop ID'.",
            metavar="NEED | done ID | drop ID",
            show_default=False,
        ),
    ],
    for_: Annotated[
        Optional[str],
        typer.Option(
            "--for",
            help="Whose need it is (else it is your own).",
            autocompletion=_complete_person,
            metavar="PERSON",
        ),
    ] = None,
    by: Annotated[
        Optional[str],
        typer.Option(
            "--by",
            help="With 'done': the person who met it (you introduced them).",
            autocompletion=_complete_person,
            metavar="PERSON",
        ),
    ] = None,
    on: OnOpt = None,
) -> None:
    """Record a need (yours, or someone's with --for), or close one with done or drop.

    \b
    net need "a divorce lawyer" --for anna   Anna needs a divorce lawyer
    net need "someone to fix my sink"        a need of your own
    net need done n-4kx2 --by luca           met: you introduced Anna to Luca
    net need done n-4kx2                     met, by you or without an introduction
    net need drop n-4kx2                     no longer needed
    \b
    --on is the day of the need (default today); with done and drop, the day it
    closed. 'net refer anna --to luca --need n-4kx2' also closes it.
    """
    if len(words) == 2 and words[0] in CLOSING_WORDS:
        _close(words[0], words[1], for_, by, on)
        return
    if len(words) == 1 and words[0] in CLOSING_WORDS:
        raise typer.BadParameter(
            f"'net need {words[0]} ID' needs the id of a need ('net needs' shows them)",
            param_hint="NEED",
        )
    if by is not None:
        raise typer.BadParameter("--by goes with 'net need done ID'", param_hint="--by")
    from netjournal.clock import today
    from netjournal.services.needs import add_need, needs_report
    from netjournal.views.needs import recorded_lines

    when = _date(on, "date of the need")
    with journal() as store:
        found, is_new = add_need(store, " ".join(words), when, for_)
        found = needs_report(store, today(), only=found.id)[0]
    render.message("\n".join(recorded_lines(found, is_new)))


def _close(word: str, ref: str, for_: Optional[str], by: Optional[str], on: Optional[str]) -> None:
    from netjournal.services.needs import close_need, drop_need
    from netjournal.views.needs import closed_message, dropped_message

    if for_ is not None:
        raise typer.BadParameter(
            f"--for is for a new need, not 'net need {word}'", param_hint="--for"
        )
    when = _date(on, "date it closed")
    with journal() as store:
        if word == "done":
            render.message(closed_message(close_need(store, ref, when, by)))
            return
        if by is not None:
            raise typer.BadParameter("--by goes with 'net need done ID'", param_hint="--by")
        render.message(dropped_message(drop_need(store, ref, when)))


@app.command("needs")
def needs(
    all_: Annotated[
        bool, typer.Option("--all", help="Also the needs that were met or dropped.")
    ] = False,
    json_: JsonOpt = False,
) -> None:
    """Open needs in your network, oldest first, each with the people who could meet it."""
    from netjournal.clock import today
    from netjournal.services.needs import needs_report
    from netjournal.views.needs import NEEDS_COLUMNS, empty_message, needs_rows

    now = today()
    with journal() as store:
        found = needs_report(store, now, include_closed=all_)
    if json_:
        render.emit_json({"today": now.isoformat(), "needs": [n.public() for n in found]})
        return
    render.table(
        NEEDS_COLUMNS,
        needs_rows(found),
        title="Needs you could help with",
        empty=empty_message(all_),
    )
