"""``net need`` and ``net needs``: what people in your network need, and who could help.

``net need`` takes a free-text need, or one of the words ``done`` and ``drop``
followed by a need's id: ``net need done n-4kx2 --by luca``.  A need that
itself starts with "done" or "drop" is recorded when quoted or longer than
two words.
"""

from __future__ import annotations

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
    options_metavar="[--for PERSON] [--on DATE] [--by PERSON] [--circle NAME]",
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
    circle: Annotated[
        Optional[str],
        typer.Option(
            "--circle",
            help="Also post it to a circle you joined: its members see it in 'net needs'.",
            metavar="NAME",
        ),
    ] = None,
) -> None:
    """Record a need (yours, or someone's with --for), or close one with done or drop.

    \b
    net need "a divorce lawyer" --for anna   Anna needs a divorce lawyer
    net need "someone to fix my sink"        a need of your own
    net need done n-4kx2 --by luca           met: you introduced Anna to Luca
    net need done n-4kx2                     met, by you or without an introduction
    net need drop n-4kx2                     no longer needed
    net need "a notary" --circle club        also posted to the circle club
    \b
    --on is the day of the need (default today); with done and drop, the day it
    closed. 'net refer anna --to luca --need n-4kx2' also closes it.
    """
    if len(words) == 2 and words[0] in CLOSING_WORDS:
        if circle is not None:
            raise typer.BadParameter(
                f"--circle is for a new need; 'net need {words[0]}' withdraws it from its circles",
                param_hint="--circle",
            )
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
    posted = None
    with journal() as store:
        if circle is not None:
            from netjournal.circle.needs import record_and_post

            found, is_new, posted = record_and_post(store, circle, " ".join(words), when, for_)
        else:
            found, is_new = add_need(store, " ".join(words), when, for_)
        found = needs_report(store, today(), only=found.id)[0]
    lines = recorded_lines(found, is_new)
    if posted is not None:
        from netjournal.views.circles import publishing_line

        lines.append(publishing_line(posted))
    render.message("\n".join(lines))


def _close(word: str, ref: str, for_: Optional[str], by: Optional[str], on: Optional[str]) -> None:
    from netjournal.services.needs import close_need, drop_need
    from netjournal.views.needs import closed_message, dropped_message

    if for_ is not None:
        raise typer.BadParameter(
            f"--for is for a new need, not 'net need {word}'", param_hint="--for"
        )
    from netjournal.circle.needs import withdraw_closed
    from netjournal.views.circles import publishing_line

    when = _date(on, "date it closed")
    with journal() as store:
        if word == "done":
            closing = close_need(store, ref, when, by)
            need_id, text = closing.need.id, closed_message(closing)
        else:
            if by is not None:
                raise typer.BadParameter("--by goes with 'net need done ID'", param_hint="--by")
            dropped = drop_need(store, ref, when)
            need_id, text = dropped.id, dropped_message(dropped)
        withdrawn = withdraw_closed(store, need_id)
    render.message("\n".join([text, *(publishing_line(w, withdrawing=True) for w in withdrawn)]))


@app.command("needs")
def needs(
    all_: Annotated[
        bool, typer.Option("--all", help="Also the needs that were met or dropped.")
    ] = False,
    json_: JsonOpt = False,
) -> None:
    """Open needs in your network, oldest first, each with the people who could meet it."""
    from netjournal.circle.needs import circle_needs
    from netjournal.clock import today
    from netjournal.services.needs import needs_report
    from netjournal.views.needs import NEEDS_COLUMNS, empty_message, needs_rows

    now = today()
    with journal() as store:
        found = needs_report(store, now, include_closed=all_)
        circles = circle_needs(store, now)
    for problem in circles.problems:
        render.message(f"Note: {problem}.")
    if json_:
        document: dict[str, object] = {
            "today": now.isoformat(),
            "needs": [n.public() for n in found],
        }
        if circles.joined:
            document["circle_needs"] = [n.public() for n in circles.needs]
        render.emit_json(document)
        return
    if found or not circles.needs:
        render.table(
            NEEDS_COLUMNS,
            needs_rows(found),
            title="Needs you could help with",
            empty=empty_message(all_),
        )
    if circles.needs:
        from netjournal.views.circles import CIRCLE_NEEDS_COLUMNS, circle_needs_rows

        render.table(
            CIRCLE_NEEDS_COLUMNS,
            circle_needs_rows(circles.needs),
            title="Needs in your circles you could help with",
            empty="",
        )
