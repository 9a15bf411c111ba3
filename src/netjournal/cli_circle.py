"""``net circle …``: share part of your network with a group, on PostgreSQL.

Parse, call one function of :mod:`netjournal.circle`, render.  psycopg and the
circle package load inside the commands only, so local commands never pay for
them.
"""

from __future__ import annotations

import sys
from typing import TYPE_CHECKING, Annotated, Any, Optional

import typer

from netjournal import render
from netjournal.cli_common import JsonOpt, journal
from netjournal.errors import InvalidInput

if TYPE_CHECKING:
    from netjournal.services.ask import Answer
    from netjournal.store import Journal

app = typer.Typer(
    name="circle",
    help="Circles: share part of your network with a group, on PostgreSQL "
    "(needs netjournal[circle]).",
    no_args_is_help=True,
    rich_markup_mode=None,
)

CircleOpt = Annotated[
    Optional[str],
    typer.Option(
        "--circle", "-c", help="The circle (else the only one this journal has).", metavar="NAME"
    ),
]
ConnArg = Annotated[
    str,
    typer.Argument(
        help="libpq settings: a URI (postgresql://USER@HOST/DB?sslmode=…) or service=NAME; "
        "passwords come from ~/.pgpass or PGPASSFILE, never from here.",
        metavar="URI|service=NAME",
    ),
]
PeopleArg = Annotated[
    Optional[list[str]],
    typer.Argument(help="People: key, name, alias or a prefix of a name.", metavar="[PERSON]..."),
]
TagOpt = Annotated[
    Optional[list[str]], typer.Option("--tag", "-t", help="Everyone with this tag (repeat).")
]
NeedOpt = Annotated[
    Optional[list[str]],
    typer.Option(
        "--need", help="A need of yours by its id (n-4kx2), posted at once (repeat).", metavar="ID"
    ),
]


def _need_psycopg() -> None:
    try:
        import psycopg  # noqa: F401
    except ImportError as exc:
        raise InvalidInput(
            "circles need the PostgreSQL driver, which is not installed",
            hint="pip install 'netjournal[circle]'",
        ) from exc


def ask_circle(store: Journal, circle: str, need: str, **options: Any) -> Answer:
    """``net ask --circle``: the journal and the circle, one list."""
    _need_psycopg()
    from netjournal.circle.asking import ask_circle as ask_

    return ask_(store, circle, need, **options)


@app.command()
def create(
    name: Annotated[str, typer.Argument(help="The circle's name: alumni, referral-club, …")],
    conninfo: ConnArg,
) -> None:
    """Organiser: make a circle in a PostgreSQL database (schema, group role, policies)."""
    _need_psycopg()
    from netjournal.circle.membership import create as create_

    with journal() as store:
        circle = create_(store, name, conninfo)
    render.message(
        f"Created the circle {circle}. Add members with 'net circle add-member NAME'; "
        "add yourself too, to publish and ask."
    )


@app.command("add-member")
def add_member(
    member: Annotated[str, typer.Argument(help="The member's name in the circle: giulia, …")],
    name: Annotated[
        Optional[str], typer.Option("--name", help="How others see them: 'Giulia Neri'.")
    ] = None,
    circle: CircleOpt = None,
    no_password: Annotated[
        bool,
        typer.Option("--no-password", help="Set no password (the server authenticates otherwise)."),
    ] = False,
) -> None:
    """Organiser: give a member their own login role, and print what they need to connect."""
    _need_psycopg()
    from netjournal.circle.membership import invite
    from netjournal.views.circles import invitation_lines

    with journal() as store:
        invitation = invite(store, circle, member, name, password=not no_password)
    render.lines(invitation_lines(invitation))


@app.command("remove-member")
def remove_member(
    member: Annotated[str, typer.Argument(help="The member's name in the circle.")],
    circle: CircleOpt = None,
    yes: Annotated[bool, typer.Option("--yes", "-y", help="Do not ask for confirmation.")] = False,
) -> None:
    """Organiser: revoke a member's role and delete everything they published."""
    _need_psycopg()
    from netjournal.circle.membership import remove

    if not yes:
        if not sys.stdin.isatty():
            raise InvalidInput(f"removing {member} needs confirmation", hint="add --yes to confirm")
        if not typer.confirm(f"Remove {member} and delete what they published?", default=False):
            raise typer.Exit(1)
    with journal() as store:
        name, deleted = remove(store, circle, member)
    from netjournal.views.circles import people

    render.message(
        f"Removed {member} from {name}: their role is gone, and so is what they "
        f"published ({people(deleted)})."
    )


@app.command()
def join(
    name: Annotated[str, typer.Argument(help="The circle's name, as the organiser made it.")],
    conninfo: ConnArg,
) -> None:
    """Member: join a circle with your own role's connection settings."""
    _need_psycopg()
    from netjournal.circle.membership import join as join_
    from netjournal.clock import today

    with journal() as store:
        circle, key = join_(store, name, conninfo, today())
    render.message(
        f"Joined {circle} as {key}. Share people with 'net circle share PERSON' or "
        "'--tag T', then 'net circle sync'."
    )


@app.command()
def share(
    people: PeopleArg = None, tag: TagOpt = None, need: NeedOpt = None, circle: CircleOpt = None
) -> None:
    """Share people (or everyone with a tag) with a circle; 'sync' publishes them.

    Only their name, skills, tags, org, title and city are published: never notes,
    interactions, help, e-mails or phones.  --need posts one of your open needs
    (its text, date and whose need it is) and publishes it at once when the server
    answers; it is withdrawn when the need is met or dropped.
    """
    _share(people, tag, need, circle, share=True)


@app.command()
def unshare(
    people: PeopleArg = None, tag: TagOpt = None, need: NeedOpt = None, circle: CircleOpt = None
) -> None:
    """Stop sharing people or a tag; the next 'sync' withdraws them. --need withdraws a need."""
    _share(people, tag, need, circle, share=False)


def _share(
    people: Optional[list[str]],
    tag: Optional[list[str]],
    need: Optional[list[str]],
    circle: Optional[str],
    *,
    share: bool,
) -> None:
    from netjournal.circle.local import change_shares
    from netjournal.views.circles import posting_message, share_message

    with journal() as store:
        if people or tag or not need:
            change = change_shares(store, circle, people or [], tag or [], share=share)
            render.message(share_message(change, share=share))
        if need:
            from netjournal.circle.needs import change_posting

            for ref in need:
                render.message(posting_message(change_posting(store, circle, ref, post=share)))


@app.command()
def sync(circle: CircleOpt = None, json_: JsonOpt = False) -> None:
    """Publish what you share, and withdraw what you no longer share, in one transaction.

    Safe to run again and from cron: nothing changes when nothing changed.
    """
    _need_psycopg()
    from netjournal.circle.publish import sync as sync_
    from netjournal.views.circles import sync_message

    with journal() as store:
        report = sync_(store, circle)
    if json_:
        render.emit_json(report.public())
        return
    render.message(sync_message(report))


@app.command()
def upgrade(circle: CircleOpt = None) -> None:
    """Organiser: bring the circle's tables up to this netjournal's version (e.g. for needs)."""
    _need_psycopg()
    from netjournal.circle.membership import upgrade as upgrade_

    with journal() as store:
        name, version = upgrade_(store, circle)
    render.message(f"The circle {name} is at version {version}.")


@app.command("list")
def list_(json_: JsonOpt = False) -> None:
    """The circles this journal joined or organises (no server needed)."""
    from netjournal.circle.local import list_circles
    from netjournal.views.circles import CIRCLE_COLUMNS, circle_rows

    with journal() as store:
        circles = list_circles(store)
    if json_:
        render.emit_json({"circles": [c.public() for c in circles]})
        return
    render.table(
        CIRCLE_COLUMNS,
        circle_rows(circles),
        empty="No circle yet: 'net circle join NAME URI' joins one.",
    )


@app.command()
def status(circle: CircleOpt = None, json_: JsonOpt = False) -> None:
    """A circle: what you share, when you last synced, and its members (from the server)."""
    _need_psycopg()
    from netjournal.circle.membership import status as status_
    from netjournal.views.circles import MEMBER_COLUMNS, member_rows, status_lines

    with journal() as store:
        result = status_(store, circle)
    if json_:
        render.emit_json(result.public())
        return
    render.lines(status_lines(result))
    if result.members is not None:
        render.table(MEMBER_COLUMNS, member_rows(result), empty="No members yet.")


@app.command()
def leave(
    name: Annotated[str, typer.Argument(help="The circle to forget.")],
    yes: Annotated[bool, typer.Option("--yes", "-y", help="Do not ask for confirmation.")] = False,
) -> None:
    """Withdraw everything you published to a circle, and forget it in this journal."""
    _need_psycopg()
    from netjournal.circle.publish import leave as leave_

    if not yes:
        if not sys.stdin.isatty():
            raise InvalidInput(f"leaving {name} needs confirmation", hint="add --yes to confirm")
        if not typer.confirm(f"Withdraw what you published to {name} and forget it?"):
            raise typer.Exit(1)
    with journal() as store:
        withdrawn = leave_(store, name)
    from netjournal.views.circles import people

    render.message(f"Left {name}: {people(withdrawn)} withdrawn; the journal forgot the circle.")
