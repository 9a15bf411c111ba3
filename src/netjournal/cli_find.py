"""``net find``: search everything the journal says about people."""

from __future__ import annotations

from typing import Annotated

import typer

from netjournal import render
from netjournal.cli_common import JsonOpt, journal

app = typer.Typer()


@app.command()
def find(
    words: Annotated[
        list[str],
        typer.Argument(
            help="What to look for: a place, a company, a school, a word.", metavar="WORDS"
        ),
    ],
    limit: Annotated[int, typer.Option(min=1, help="How many people at most.", metavar="N")] = 20,
    json_: JsonOpt = False,
) -> None:
    """Search names, notes, how you met, contact notes and help.

    Examples:
      net find who did I meet at Erasmus
      net find Politecnico --json
    """
    from netjournal.services.find import find_people
    from netjournal.views.finding import FIND_COLUMNS, find_rows, nobody_found

    with journal() as store:
        found = find_people(store, " ".join(words), limit=limit)
    if json_:
        render.emit_json(found.public())
        return
    if not found.people:
        render.message(nobody_found(found))
        return
    render.table(FIND_COLUMNS, find_rows(found), title=f"Found: {found.query}")
