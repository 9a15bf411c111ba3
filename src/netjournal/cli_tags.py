"""``net tags``: the tags in use, with how many people have each."""

from __future__ import annotations

import typer

from netjournal import render
from netjournal.cli_common import JsonOpt, journal

app = typer.Typer()


@app.command()
def tags(json_: JsonOpt = False) -> None:
    """List the tags in use, with how many people have each and their cadence."""
    from netjournal.services.tags import tag_counts

    with journal() as store:
        found = tag_counts(store)
    if json_:
        render.emit_json(
            {"tags": [{"tag": t, "people": n, "cadence_days": d} for t, n, d in found]}
        )
        return
    render.table(
        ["tag", "people", "every (days)"],
        [[t, str(n), str(d) if d else "-"] for t, n, d in found],
        empty="No tags yet: 'net add NAME --tag TAG' or 'net edit PERSON --add-tag TAG'.",
        whole=(0,),
    )
