"""``net merge A B``: join two records of one person."""

from __future__ import annotations

from typing import Annotated

import typer

from netjournal import render
from netjournal.cli_common import JsonOpt, complete_person, journal

app = typer.Typer()


@app.command()
def merge(
    keep: Annotated[
        str,
        typer.Argument(
            help="The person who stays (their key is kept).",
            metavar="PERSON",
            autocompletion=complete_person,
        ),
    ],
    other: Annotated[
        str,
        typer.Argument(
            help="The person merged into them (their key becomes an alias).",
            metavar="OTHER",
            autocompletion=complete_person,
        ),
    ],
    dry_run: Annotated[
        bool, typer.Option("--dry-run", help="Show what would happen; change nothing.")
    ] = False,
    json_: JsonOpt = False,
) -> None:
    """Join two people into one: events, ties, needs, contacts and labels move to the first."""
    from netjournal.services.merge import merge_people
    from netjournal.views.merging import merge_lines

    with journal() as store:
        report = merge_people(store, keep, other, dry_run=dry_run)
    if json_:
        render.emit_json({"dry_run": dry_run, **report.public()})
        return
    said = merge_lines(report, dry_run=dry_run)
    if dry_run:
        render.lines(said)
    else:
        render.message("\n".join(said))
