"""The ``net`` command: parse arguments, call a service, render the result.

No SQL and no ranking live here.  Heavy modules (the store, SQLModel, the
services) are imported inside the commands that need them, so ``net --help``
and shell completion stay fast.  Annotations stay strings until Typer reads
them, and it reads only the signature of the command being run
(:mod:`netjournal.cli_lazy`): building every command at each start cost a
fifth of ``net --help``.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Callable
from contextlib import closing
from datetime import date
from pathlib import Path
from typing import Annotated, Optional

import typer

from netjournal import __version__, cli_common, render
from netjournal.cli_common import (
    JsonOpt,
    OnOpt,
    PersonArg,
    complete_format_in,
    complete_format_out,
    complete_skill,
    complete_tag,
    journal,
)
from netjournal.cli_common import complete_person as _complete_person
from netjournal.cli_common import day as _date
from netjournal.cli_common import state as _state
from netjournal.cli_help import HelpGroup
from netjournal.errors import InvalidInput, NetjournalError

app = typer.Typer(
    name="net",
    cls=HelpGroup,
    help="A private, local journal of your personal network: who can help, whom you "
    "helped, and which ties are going cold.",
    no_args_is_help=True,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,
    context_settings={"help_option_names": ["-h", "--help"]},
)


def _version(value: bool) -> None:
    if value:
        typer.echo(f"netjournal {__version__}")
        raise typer.Exit()


@app.callback()
def main(
    db: Annotated[
        Optional[Path],
        typer.Option(
            "--db",
            help="The journal file (else $NETJOURNAL_DB, else the user data folder).",
            metavar="PATH",
        ),
    ] = None,
    version: Annotated[
        bool,
        typer.Option("--version", "-v", callback=_version, is_eager=True, help="Show the version."),
    ] = False,
) -> None:
    """Keep a journal of the people you know and how you help each other."""
    _state["db"] = db


# ---------------------------------------------------------------- people


@app.command()
def add(
    name_words: Annotated[
        list[str],
        typer.Argument(
            help="The person's full name (quotes optional): Anna Rossi.",
            metavar="NAME",
            show_default=False,
        ),
    ],
    key: Annotated[
        Optional[str], typer.Option(help="A key to use instead of one made from the name.")
    ] = None,
    skill: Annotated[
        Optional[list[str]],
        typer.Option("--skill", "-s", help="A skill (repeat).", autocompletion=complete_skill),
    ] = None,
    tag: Annotated[
        Optional[list[str]],
        typer.Option("--tag", "-t", help="A tag (repeat).", autocompletion=complete_tag),
    ] = None,
    value: Annotated[
        Optional[list[str]], typer.Option("--value", help="A value they stand for (repeat).")
    ] = None,
    alias: Annotated[
        Optional[list[str]], typer.Option("--alias", help="Another name (repeat).")
    ] = None,
    org: Annotated[Optional[str], typer.Option(help="Organisation.")] = None,
    title: Annotated[Optional[str], typer.Option(help="Job title.")] = None,
    city: Annotated[Optional[str], typer.Option(help="City.")] = None,
    email: Annotated[Optional[str], typer.Option(help="E-mail address.")] = None,
    phone: Annotated[Optional[str], typer.Option(help="Phone number.")] = None,
    met: Annotated[Optional[str], typer.Option(help="How you met.")] = None,
    note: Annotated[Optional[str], typer.Option(help="Free notes.")] = None,
    every: Annotated[Optional[int], typer.Option(help="How often to be in touch, in days.")] = None,
    via: Annotated[
        Optional[str],
        typer.Option(
            help="The contact through whom you know them.", autocompletion=_complete_person
        ),
    ] = None,
    on: OnOpt = None,
) -> None:
    """Add a person to the journal."""
    from netjournal.services.people_edit import PersonChanges, add_person

    changes = PersonChanges(
        name=" ".join(name_words),
        key=key,
        texts={
            "org": org,
            "title": title,
            "city": city,
            "email": email,
            "phone": phone,
            "met": met,
            "notes": note,
        },
        add=_labels(skill, tag, value, alias),
        cadence_days=every,
        via=via,
        added=_date(on, "date added") if on is not None else None,
    )
    from netjournal.services.tags import namesakes

    with journal() as store:
        new_key, new_name = add_person(store, changes)
        others = namesakes(store, new_key)
    render.message(f"Added {new_name} ({new_key}).")
    if others:
        render.message(
            f"Warning: {new_name} was in the journal already ({', '.join(others)}). "
            "If they are the same person, 'net undo' takes this back."
        )


@app.command()
def edit(
    person: PersonArg,
    name: Annotated[Optional[str], typer.Option(help="A new name.")] = None,
    key: Annotated[Optional[str], typer.Option(help="A new key.")] = None,
    org: Annotated[Optional[str], typer.Option(help="Organisation ('' clears).")] = None,
    title: Annotated[Optional[str], typer.Option(help="Job title ('' clears).")] = None,
    city: Annotated[Optional[str], typer.Option(help="City ('' clears).")] = None,
    email: Annotated[Optional[str], typer.Option(help="E-mail ('' clears).")] = None,
    phone: Annotated[Optional[str], typer.Option(help="Phone ('' clears).")] = None,
    met: Annotated[Optional[str], typer.Option(help="How you met ('' clears).")] = None,
    note: Annotated[Optional[str], typer.Option(help="Notes ('' clears).")] = None,
    url: Annotated[Optional[str], typer.Option(help="Web page ('' clears).")] = None,
    add_skill: Annotated[
        Optional[list[str]],
        typer.Option(help="Add a skill (repeat).", autocompletion=complete_skill),
    ] = None,
    rm_skill: Annotated[
        Optional[list[str]],
        typer.Option(help="Remove a skill (repeat).", autocompletion=complete_skill),
    ] = None,
    add_tag: Annotated[
        Optional[list[str]], typer.Option(help="Add a tag (repeat).", autocompletion=complete_tag)
    ] = None,
    rm_tag: Annotated[
        Optional[list[str]],
        typer.Option(help="Remove a tag (repeat).", autocompletion=complete_tag),
    ] = None,
    add_value: Annotated[Optional[list[str]], typer.Option(help="Add a value (repeat).")] = None,
    rm_value: Annotated[Optional[list[str]], typer.Option(help="Remove a value (repeat).")] = None,
    add_alias: Annotated[Optional[list[str]], typer.Option(help="Add an alias (repeat).")] = None,
    rm_alias: Annotated[Optional[list[str]], typer.Option(help="Remove an alias (repeat).")] = None,
    every: Annotated[Optional[int], typer.Option(help="Cadence in days.")] = None,
    no_every: Annotated[
        bool, typer.Option("--no-every", help="Use the tag or journal cadence again.")
    ] = False,
    via: Annotated[
        Optional[str],
        typer.Option(
            help="The contact through whom you know them.", autocompletion=_complete_person
        ),
    ] = None,
    no_via: Annotated[bool, typer.Option("--no-via", help="You know them directly now.")] = False,
    added: Annotated[Optional[str], typer.Option(help="When they entered the journal.")] = None,
    birthday: Annotated[Optional[str], typer.Option(help="Birthday, YYYY-MM-DD.")] = None,
) -> None:
    """Change a person's fields; add or remove skills, tags, values and aliases.

    Without options, opens the person as a form in $VISUAL or $EDITOR.
    """
    options = dict(locals())
    del options["person"]
    if not any(v not in (None, False) for v in options.values()):
        from netjournal.cli_edit import edit_in_editor

        edit_in_editor(person)
        return
    from netjournal.services.people_edit import PersonChanges, edit_person

    texts: dict[str, str | None] = {
        f: v
        for f, v in {
            "org": org,
            "title": title,
            "city": city,
            "email": email,
            "phone": phone,
            "met": met,
            "notes": note,
            "url": url,
        }.items()
        if v is not None
    }
    changes = PersonChanges(
        name=name,
        key=key,
        texts=texts,
        add=_labels(add_skill, add_tag, add_value, add_alias),
        remove=_labels(rm_skill, rm_tag, rm_value, rm_alias),
        cadence_days=every,
        clear_cadence=no_every,
        via=via,
        clear_via=no_via,
        added=_date(added, "date added") if added is not None else None,
        birthday=_birthday(birthday) if birthday is not None else None,
    )
    with journal() as store:
        new_key, new_name = edit_person(store, person, changes)
    render.message(f"Updated {new_name} ({new_key}).")


def _labels(
    skills: Optional[list[str]],
    tags: Optional[list[str]],
    values: Optional[list[str]],
    aliases: Optional[list[str]],
) -> dict[str, list[str]]:
    """Repeated list options as the label kinds the services take."""
    return {"skill": skills or [], "tag": tags or [], "value": values or [], "alias": aliases or []}


def _birthday(text: str) -> date:
    from netjournal.clock import parse_date

    return parse_date(text, allow_future=False, what="birthday")


@app.command()
def rm(
    person: PersonArg,
    yes: Annotated[bool, typer.Option("--yes", "-y", help="Do not ask for confirmation.")] = False,
) -> None:
    """Remove a person with their interactions, help, ties and referrals."""
    from netjournal.services.people_edit import describe_removal, remove_person

    with journal() as store:
        key, name, counts = describe_removal(store, person)
        if not yes:
            what = ", ".join(f"{n} {k}" for k, n in counts.items() if n) or "no events"
            if not sys.stdin.isatty():
                raise InvalidInput(
                    f"removing {name} ({key}) needs confirmation", hint="add --yes to confirm"
                )
            if not typer.confirm(f"Remove {name} ({key}) and {what}?", default=False):
                render.message("Nothing removed.")
                raise typer.Exit(1)
        remove_person(store, key)
    render.message(f"Removed {name} ({key}).")


@app.command()
def show(
    words: Annotated[
        list[str],
        typer.Argument(
            help="Key, name, alias or a prefix of a name (quotes optional): Kenji Tanaka.",
            autocompletion=_complete_person,
            metavar="PERSON",
            show_default=False,
        ),
    ],
    json_: JsonOpt = False,
) -> None:
    """Show a person's profile: who they are, contacts, help both ways, ties."""
    person = " ".join(words)
    if json_:
        from netjournal.services.people import profile_json

        with journal() as store:
            render.emit_json(profile_json(store, person))
        return
    from netjournal.services.needs import suggested_needs
    from netjournal.services.people import profile
    from netjournal.views.needs import suggestion_lines
    from netjournal.views.people import profile_lines

    with journal() as store:
        found = profile(store, person)
        notes = [found.notes, *(i.note for i in found.interactions[:5])]
        offered = suggested_needs(store, found.key or "", notes)
    render.lines(profile_lines(found) + suggestion_lines(found.key or "", offered))


@app.command("list")
def list_(
    query: Annotated[
        Optional[list[str]],
        typer.Argument(help="Only people whose texts hold these words.", metavar="[WORDS]..."),
    ] = None,
    skill: Annotated[
        Optional[list[str]],
        typer.Option(
            "--skill", "-s", help="Only people with this skill.", autocompletion=complete_skill
        ),
    ] = None,
    tag: Annotated[
        Optional[list[str]],
        typer.Option("--tag", "-t", help="Only people with this tag.", autocompletion=complete_tag),
    ] = None,
    city: Annotated[Optional[str], typer.Option(help="Only people in this city.")] = None,
    org: Annotated[
        Optional[str], typer.Option(help="Only people at this organisation.", metavar="ORG")
    ] = None,
    limit: Annotated[
        Optional[int], typer.Option(min=0, help="At most this many people.", metavar="N")
    ] = None,
    wide: Annotated[
        bool, typer.Option("--wide", help="Every column, even on a narrow terminal.")
    ] = False,
    json_: JsonOpt = False,
) -> None:
    """List people, by key; filter by words, skill, tag, city and organisation."""
    from netjournal.services.people import list_people, people_json
    from netjournal.views.people import (
        COMPACT_BELOW,
        COMPACT_COLUMNS,
        PEOPLE_COLUMNS,
        compact_rows,
        people_rows,
    )

    words = " ".join(query) if query else None
    skills, tags = skill or [], tag or []
    with journal() as store:
        if json_:
            found = people_json(
                store, skills=skills, tags=tags, city=city, org=org, query=words, limit=limit
            )
            with closing(found):  # its read ends here, even if the output is cut short
                render.emit_json_list("people", found)
            return
        people = closing(
            list_people(
                store, skills=skills, tags=tags, city=city, org=org, query=words, limit=limit
            )
        )
        wanted = [f"skill '{s}'" for s in skills] + [f"tag '{t}'" for t in tags]
        wanted += [f"city '{city}'"] if city else []
        wanted += [f"organisation '{org}'"] if org else []
        wanted += [f"the words '{words}'"] if words else []
        empty = (
            f"Nobody in the journal has {' and '.join(wanted)}."
            if wanted
            else "Nobody yet: add someone with 'net add NAME'."
        )
        with people as listed:  # printed as they are read
            if not wide and render.is_terminal() and render.console().width < COMPACT_BELOW:
                rows = compact_rows(listed)
                render.table(COMPACT_COLUMNS, rows, empty=empty, whole=(0, 1), one_line=True)
                return
            render.table(PEOPLE_COLUMNS, people_rows(listed), empty=empty, whole=(0, 1))


# ---------------------------------------------------------------- events


WordsArg = Annotated[
    list[str],
    typer.Argument(
        help="Who, then what happened: 'kenji had lunch', 'Kenji Tanaka had lunch', "
        "'sofia kenji dinner' (the last word is always the text).",
        metavar="PERSON... TEXT",
        show_default=False,
        autocompletion=_complete_person,
    ),
]


@app.command()
def log(
    words: WordsArg,
    on: OnOpt = None,
    kind: Annotated[Optional[str], typer.Option(help="call, coffee, message, meeting, …")] = None,
    with_: Annotated[
        Optional[list[str]],
        typer.Option(
            "--with", help="Someone else who was there (repeat).", autocompletion=_complete_person
        ),
    ] = None,
) -> None:
    """Record a contact with someone, or with several people at once."""
    from netjournal.services.events import log_contacts

    when = _date(on)
    with journal() as store:
        names = log_contacts(store, words, when, kind, with_)
    render.message(f"Logged contact with {_and(names)} on {when.isoformat()}.")


def _and(names: list[str]) -> str:
    return names[0] if len(names) == 1 else ", ".join(names[:-1]) + " and " + names[-1]


HelpWordsArg = Annotated[
    list[str],
    typer.Argument(
        help="Who, then what the help was: 'anna reviewed my contract'.",
        metavar="PERSON WHAT",
        show_default=False,
        autocompletion=_complete_person,
    ),
]


@app.command()
def gave(
    words: HelpWordsArg,
    on: OnOpt = None,
    skill: Annotated[Optional[str], typer.Option(help="The skill it took.")] = None,
) -> None:
    """Record help you gave someone."""
    _help("gave", words, on, skill)


@app.command()
def got(
    words: HelpWordsArg,
    on: OnOpt = None,
    skill: Annotated[Optional[str], typer.Option(help="The skill it took.")] = None,
) -> None:
    """Record help someone gave you."""
    _help("got", words, on, skill)


def _help(direction: str, words: list[str], on: Optional[str], skill: Optional[str]) -> None:
    from netjournal.services.events import help_words

    when = _date(on)
    with journal() as store:
        name = help_words(store, words, direction, when, skill)
    flow = f"you gave {name}" if direction == "gave" else f"{name} gave you"
    render.message(f"Recorded help {flow} on {when.isoformat()}.")


@app.command()
def knows(
    person: PersonArg,
    other: Annotated[
        str,
        typer.Argument(help="The other person.", metavar="PERSON", autocompletion=_complete_person),
    ],
    note: Annotated[Optional[str], typer.Option(help="How they know each other.")] = None,
) -> None:
    """Record that two people in the journal know each other."""
    from netjournal.services.events import add_tie

    with journal() as store:
        a, b = add_tie(store, person, other, note)
    render.message(f"Recorded that {a} and {b} know each other.")


@app.command()
def refer(
    person: PersonArg,
    to: Annotated[
        str,
        typer.Option("--to", help="Whom you introduced them to.", autocompletion=_complete_person),
    ],
    for_: Annotated[
        Optional[str], typer.Option("--for", help="The need (else the text of --need).")
    ] = None,
    on: OnOpt = None,
    need: Annotated[
        Optional[str],
        typer.Option(
            "--need", help="The id of the need this meets (n-…); closes it.", metavar="ID"
        ),
    ] = None,
) -> None:
    """Record that you introduced someone to another person for a need."""
    from netjournal.services.events import add_referral

    if for_ is None and need is None:
        raise typer.BadParameter("say what for: --for NEED, or --need ID", param_hint="--for")
    when = _date(on)
    with journal() as store:
        a, b = add_referral(store, person, to, for_, when, need_id=need)
    met = f"; need {need.strip().lower()} is met" if need else ""
    render.message(f"Recorded that you introduced {a} to {b}{met}.")


# ------------------------------------------------------------- questions


@app.command()
def ask(
    need_words: Annotated[
        list[str],
        typer.Argument(
            help="The need, as you would say it: need a lawyer (quotes optional).",
            metavar="NEED",
            show_default=False,
        ),
    ],
    for_: Annotated[
        Optional[str],
        typer.Option(
            "--for", help="Ask on someone's behalf (a referral).", autocompletion=_complete_person
        ),
    ] = None,
    limit: Annotated[int, typer.Option(min=1, help="How many suggestions at most.")] = 5,
    circle: Annotated[
        Optional[str],
        typer.Option(
            "--circle", help="Also ask a circle you joined (see 'net circle').", metavar="NAME"
        ),
    ] = None,
    json_: JsonOpt = False,
) -> None:
    """Who should I ask? People who can help with a need, best first, and why."""
    need = " ".join(need_words)
    from netjournal.clock import today
    from netjournal.services.ask import ask_need
    from netjournal.views.asking import ASK_COLUMNS, ask_rows, nobody_message

    with journal() as store:
        if circle is not None:
            answer = cli_circle.ask_circle(
                store, circle, need, today=today(), for_ref=for_, limit=limit
            )
        else:
            answer = ask_need(store, need, today=today(), for_ref=for_, limit=limit)
    if json_:
        render.emit_json(answer.public())
        return
    if not answer.suggestions:
        render.message(nobody_message(need, answer))
        return
    render.table(ASK_COLUMNS, ask_rows(answer), title=f"Who can help: {need}")


@app.command()
def stale(
    limit: Annotated[Optional[int], typer.Option(min=0, help="How many at most.")] = None,
    tag: Annotated[
        Optional[str], typer.Option(help="Only people with this tag.", autocompletion=complete_tag)
    ] = None,
    dormant: Annotated[
        bool, typer.Option("--dormant", help="List the dormant people (imported, never contacted).")
    ] = False,
    json_: JsonOpt = False,
) -> None:
    """Ties going cold: people past the cadence you meant to keep."""
    from netjournal.clock import today
    from netjournal.services.stale import stale_report
    from netjournal.views.keeping import STALE_COLUMNS, stale_json, stale_rows

    now = today()
    with (
        journal() as store,
        closing(  # the ties are printed as they are read, in one read
            stale_report(store, now, limit=limit, tag=tag, hints=not json_, dormant=dormant)
        ) as people,
    ):
        if json_:
            render.emit_json_stream(stale_json(now, people))
            return
        if limit == 0:
            render.message("--limit 0: nothing shown (leave it out to see every tie going cold).")
            return
        render.table(
            STALE_COLUMNS,
            stale_rows(people),
            title="Dormant: imported, never contacted" if dormant else "Ties going cold",
            empty="Nobody is dormant."
            if dormant
            else f"No tie with the tag '{tag}' is past its cadence."
            if tag
            else "No tie is past its cadence. Well kept!",
        )


@app.command()
def cadence(
    tag: Annotated[
        Optional[str], typer.Argument(help="A tag, e.g. family.", autocompletion=complete_tag)
    ] = None,
    days: Annotated[Optional[int], typer.Argument(help="Days between contacts.")] = None,
    default: Annotated[
        Optional[int], typer.Option("--default", help="Set the journal default cadence.")
    ] = None,
    clear: Annotated[bool, typer.Option("--clear", help="Remove the tag's cadence.")] = False,
    json_: JsonOpt = False,
) -> None:
    """Show or set how often to keep in touch, per tag and by default."""
    from netjournal.services.stale import update_cadences
    from netjournal.views.keeping import cadence_rows, tag_cadence_line

    with journal() as store:
        current, per_tag = update_cadences(store, tag=tag, days=days, default=default, clear=clear)
        if tag is not None and days is not None:
            from netjournal.matching.text import fold as _fold
            from netjournal.services.tags import tag_counts

            if not any(_fold(t) == _fold(tag) for t, _n, _d in tag_counts(store)):
                render.message(
                    f"Warning: nobody has the tag '{tag}' yet; the cadence applies once someone"
                    " does ('net tags' lists the tags in use)."
                )
    if tag is not None and days is None and not clear:
        from netjournal.matching.text import fold

        days_for = per_tag.get(fold(tag))
        if json_:
            render.emit_json({"tag": fold(tag), "days": days_for, "default": current})
        else:
            render.lines([tag_cadence_line(fold(tag), days_for, current)])
        return
    if json_:
        render.emit_json({"default": current, "tags": per_tag})
        return
    render.table(["tag", "every (days)"], cadence_rows(current, per_tag))


@app.command("balance")
def balance_(
    person: Annotated[
        Optional[str],
        typer.Argument(
            help="Only this person.", autocompletion=_complete_person, metavar="[PERSON]"
        ),
    ] = None,
    json_: JsonOpt = False,
) -> None:
    """Reciprocity: help given and received, what you owe, who never gets help back."""
    from netjournal.services.balance import balance_report
    from netjournal.views import keeping as view

    with (
        journal() as store,
        balance_report(store, person) as result,  # printed as read
    ):
        if json_:
            render.emit_json_stream(view.balance_json(result))
            return
        render.lines([view.balance_summary(result)])
        render.table(
            view.BALANCE_COLUMNS,
            view.balance_rows(result),
            empty="No help recorded yet: 'net gave' and 'net got' record it.",
        )
        render.table(
            view.OWED_COLUMNS, view.owed_rows(result), empty=None, lead=["", view.owed_heading()]
        )
        render.table(
            view.ONE_WAY_COLUMNS,
            view.one_way_rows(result),
            empty=None,
            lead=["", view.one_way_heading()],
        )


@app.command()
def stats(json_: JsonOpt = False) -> None:
    """The health of your network: size, activity, warmth, reciprocity, diversity."""
    from netjournal.clock import today
    from netjournal.services.stats import stats_report
    from netjournal.views.keeping import stats_rows

    with journal() as store:
        result = stats_report(store, today())
    if json_:
        render.emit_json(result.public())
        return
    render.table(["figure", "value"], stats_rows(result), title="Your network")
    render.lines([result.reading])


@app.command()
def today(json_: JsonOpt = False) -> None:
    """A morning digest: cold ties, help owed, birthdays, needs you could meet; quiet if none."""
    from netjournal.clock import today as today_
    from netjournal.services.today import morning_digest
    from netjournal.views.keeping import today_lines

    with journal() as store:
        result = morning_digest(store, today_())
    for problem in result.circles.problems if result.circles else []:
        render.message(f"Note: {problem}.")
    if json_:
        render.emit_json(result.public())
        return
    if result.empty():
        return
    render.lines(today_lines(result))


# ------------------------------------------------------------------ safety


@app.command("backup")
def backup_(
    file: Annotated[Optional[Path], typer.Argument(help="Where to write the copy.")] = None,
    keep: Annotated[int, typer.Option(min=1, help="Dated backups to keep beside the journal.")] = 5,
) -> None:
    """Make a consistent copy of the journal (a dated file beside it by default)."""
    from netjournal.services.backups import backup

    with journal() as store:
        target = backup(store, file, keep)
    render.message(f"Backed up to {target}.")


@app.command()
def restore(
    file: Annotated[Path, typer.Argument(help="A backup made by 'net backup'.")],
    yes: Annotated[bool, typer.Option("--yes", "-y", help="Do not ask for confirmation.")] = False,
) -> None:
    """Replace the journal with a backup; the replaced journal is kept."""
    from netjournal.paths import journal_path
    from netjournal.services.backups import restore as restore_

    if not yes:
        if not sys.stdin.isatty():
            raise InvalidInput("restoring needs confirmation", hint="add --yes to confirm")
        if not typer.confirm(f"Replace the journal with {file}?", default=False):
            render.message("Nothing restored.")
            raise typer.Exit(1)
    kept = restore_(journal_path(_state["db"]), file)  # even a journal that no longer opens
    render.message(
        f"Restored from {file}; the replaced journal is kept at {kept}."
        if kept
        else f"Restored from {file}."
    )


@app.command()
def doctor(json_: JsonOpt = False) -> None:
    """Check the journal file: integrity, references, journal mode."""
    from netjournal.services.doctor import check_journal
    from netjournal.views.files import DOCTOR_COLUMNS, doctor_rows, doctor_title

    with journal() as store:
        report = check_journal(store)
    if json_:
        render.emit_json(report.model_dump(mode="json"))
    else:
        render.table(DOCTOR_COLUMNS, doctor_rows(report), title=doctor_title(report))
    if not report.ok:
        raise typer.Exit(1)


# ------------------------------------------------------------ interchange


@app.command("import")
def import_(
    file: Annotated[Path, typer.Argument(help="The file: JSON export, vCard, LinkedIn or CSV.")],
    format_: Annotated[
        Optional[str],
        typer.Option(
            "--format",
            help="json, vcard, linkedin, google, outlook, thunderbird or csv (else detected).",
            autocompletion=complete_format_in,
        ),
    ] = None,
    dry_run: Annotated[
        bool, typer.Option("--dry-run", help="Show what would change; write nothing.")
    ] = False,
    strict: Annotated[
        bool, typer.Option("--strict", help="Refuse a contacts file if any record is unusable.")
    ] = False,
    every: Annotated[
        Optional[int], typer.Option("--every", help="Keep in touch with them every DAYS.")
    ] = None,
    tag: Annotated[
        Optional[list[str]],
        typer.Option("--tag", help="Tag everyone in the file.", autocompletion=complete_tag),
    ] = None,
    json_: JsonOpt = False,
) -> None:
    """Import people and events from a file: a JSON export all or nothing, a contacts
    file every record it can (the others are reported)."""
    from netjournal.services.files import import_file
    from netjournal.views.files import import_summary

    with journal() as store, render.progress_bar() as progress:
        report = import_file(
            store,
            file,
            format_,
            dry_run=dry_run,
            strict=strict,
            every=every,
            tags=tag,
            progress=progress,
        )
    if json_:
        render.emit_json({"dry_run": dry_run, **report.public()})
        return
    render.message(import_summary(report, dry_run=dry_run))


@app.command()
def export(
    format_: Annotated[
        str,
        typer.Option("--format", help="json, csv or vcard.", autocompletion=complete_format_out),
    ] = "json",
    output: Annotated[
        Optional[Path], typer.Option("--output", "-o", help="Write to this file (else stdout).")
    ] = None,
    vcard_version: Annotated[
        str, typer.Option("--vcard-version", help="vCard version to write: 4.0 or 3.0.")
    ] = "4.0",
    force: Annotated[
        bool, typer.Option("--force", help="Replace an existing file (never a journal).")
    ] = False,
) -> None:
    """Export the journal: JSON (everything), vCard or CSV (people)."""
    from contextlib import closing

    from netjournal.services.files import export_chunks, write_private

    with (
        journal() as store,
        closing(export_chunks(store, format_, vcard_version=vcard_version)) as chunks,
    ):
        written = write_private(output, chunks, journal=store.path, force=force) if output else None
        if written is None:
            render.emit_text(chunks)
            return
    render.message(f"Exported to {output}.")


# ------------------------------------------------------------------ tour


@app.command()
def tour(
    keep: Annotated[
        Optional[Path],
        typer.Option(
            "--keep",
            help="Leave the sample journal in this folder, to try commands on it.",
            metavar="DIR",
        ),
    ] = None,
) -> None:
    """Try netjournal on the sample journal it ships with (your own journal is not touched)."""
    import tempfile

    from netjournal.services.sample import kept_journal, load_sample

    with tempfile.TemporaryDirectory() as folder:
        _state["db"] = kept_journal(keep) if keep is not None else Path(folder) / "sample.db"
        with journal(announce=keep is not None) as store:
            count = load_sample(store)
        render.message(f"A sample journal of {count} people, as of today.\n")
        for need in ("my sink is leaking", "cerco un commercialista", "need a lawyer"):
            render.lines([f'$ net ask "{need}"'])
            ask([need])
            render.lines([""])
        render.lines(["$ net stale --limit 5"])
        stale(limit=5)
        render.lines(["", "$ net needs"])
        cli_needs.needs(all_=False, json_=False)
        render.message(
            '\nStart your own: net add "Anna Rossi" --skill "family law" --tag university'
        )
        if keep is not None:
            from netjournal.views.files import kept_tour_lines

            render.message("\n".join(kept_tour_lines(_state["db"])))


from netjournal import (  # noqa: E402
    cli_circle,
    cli_find,
    cli_help,
    cli_merge,
    cli_needs,
    cli_safety,
    cli_tags,
    cli_undo,
)

app.add_typer(cli_find.app)
app.add_typer(cli_needs.app)
app.add_typer(cli_undo.app)
app.add_typer(cli_circle.app)
app.add_typer(cli_help.app)
app.add_typer(cli_safety.app)
app.add_typer(cli_tags.app)
app.add_typer(cli_merge.app)


def run(argv: list[str] | None = None) -> None:
    """The single exit point: run the app, turn what happened into one exit code.

    Known errors become ``Error:`` lines; Ctrl-C says nothing was changed and
    exits 130; a reader that goes away (``net list | head``) ends the command
    quietly with 141, as it would any Unix tool.  Once a write has committed
    the command exits 0, even when its message cannot be written any more: a
    script that retried it would do the change twice.
    """
    cli_common.argv[:] = sys.argv[1:] if argv is None else argv
    render.prepare_streams()
    before = _commits()
    try:
        code = _invoke(argv)
    except NetjournalError as exc:
        code = _report(exc, committed=_commits() > before)
    except KeyboardInterrupt:
        code = 130
    except Exception as exc:  # an unexpected crash: one line, traceback on request
        if os.environ.get("NETJOURNAL_DEBUG"):
            raise
        _tell(
            render.error,
            f"unexpected {type(exc).__name__}: {exc}",
            "run again with NETJOURNAL_DEBUG=1 to see the traceback, and please report it",
        )
        code = 1
    committed = _commits() > before
    if code == 130:  # Typer turns Ctrl-C into exit 130
        _tell(
            render.message,
            "Interrupted; " + ("the change was saved." if committed else "nothing was changed."),
        )
        code = 0 if committed else 130
    if render.replaced_characters():
        _tell(render.message, _ENCODING_NOTE)
    sys.exit(code)


_ENCODING_NOTE = (
    "Note: this terminal's encoding cannot show some characters, printed as '?'; "
    "set LANG=C.UTF-8 (or PYTHONIOENCODING=utf-8) to see them."
)
BROKEN_PIPE_EXIT = 141  # 128 + SIGPIPE: what a shell reports for any tool whose reader left


def _invoke(argv: list[str] | None) -> int:
    """Typer's run of the command, as an exit code (output flushed while errors can be told).

    Only the command being run is built (:mod:`netjournal.cli_lazy`).
    """
    from netjournal.cli_lazy import root_command

    try:
        root_command(app)(args=argv, prog_name="net")
        code = 0
    except SystemExit as exc:
        code = exc.code if isinstance(exc.code, int) else (0 if exc.code is None else 1)
    if type(sys.stdout).__name__ == "PacifyFlushWrapper":  # Typer met a broken pipe in help
        _silence_stdout()
        return BROKEN_PIPE_EXIT
    render.flush()
    return code


def _report(exc: NetjournalError, *, committed: bool) -> int:
    from netjournal.errors import OutputError

    if isinstance(exc, OutputError):
        if committed:
            return 0  # the change is saved; only its message was lost
        if exc.broken_pipe:
            _silence_stdout()
            return BROKEN_PIPE_EXIT
        _tell(render.error, exc.message, "check the disk or the file the output goes to")
        return exc.exit_code
    details = getattr(exc, "problems", [])
    if len(details) == 1 and details[0] in exc.message:
        details = []
    _tell(render.error, exc.message, exc.hint, details)
    return exc.exit_code


def _tell(say: Callable[..., None], *args: object) -> None:
    """Say something on stderr if stderr can still be written; never fail for it."""
    from netjournal.errors import OutputError

    try:
        say(*args)
        render.flush()
    except OutputError:
        pass


def _silence_stdout() -> None:
    """After a broken pipe, point stdout at /dev/null so the exit flush cannot fail."""
    try:
        fd = sys.stdout.fileno()
    except (AttributeError, OSError, ValueError):
        return
    devnull = os.open(os.devnull, os.O_WRONLY)
    os.dup2(devnull, fd)
    os.close(devnull)


def _commits() -> int:
    """How many write transactions this process committed (0 before the store is loaded)."""
    store = sys.modules.get("netjournal.store.journal")
    return int(getattr(getattr(store, "Journal", None), "commits", 0))
