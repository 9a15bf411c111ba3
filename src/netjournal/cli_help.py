"""Help like gh's: commands grouped by purpose, metavars in words, examples, ``net help``.

:class:`HelpGroup` is the root command's class.  It shapes every command's
help as it is looked up, so a command that another module adds gets words
for metavars (``SKILL``, ``N``, ``PERSON``) instead of Python types, and its
examples from :data:`EXAMPLES`, without repeating anything per command.
"""

from __future__ import annotations

from typing import Annotated, Any, Optional

import typer
import typer.core

from netjournal.errors import InvalidInput

app = typer.Typer()

#: ``net --help`` lists commands under these headings, in this order.
GROUPS: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("People", ("add", "edit", "show", "list", "find", "tags", "merge", "rm")),
    ("Contact and help", ("log", "gave", "got", "knows", "refer")),
    ("Asking", ("ask", "need", "needs", "circle")),
    ("Keeping in touch", ("today", "stale", "cadence", "balance", "stats")),
    (
        "Files and safety",
        ("import", "export", "backup", "restore", "doctor", "encrypt", "decrypt"),
    ),
    ("Mistakes", ("undo", "forget", "fix")),
    ("Getting started", ("tour", "help")),
)

#: One or two examples per command, shown at the end of its help.
EXAMPLES: dict[str, tuple[str, ...]] = {
    "add": ('net add Anna Rossi --skill "family law" --tag university', "net add Kenji --org Acme"),
    "edit": ("net edit anna --city Torino --add-skill mediation", "net edit anna   # in $EDITOR"),
    "show": ("net show anna", "net show Kenji Tanaka --json"),
    "list": ("net list --tag university", "net list --skill law --wide"),
    "rm": ("net rm anna-rossi",),
    "log": ("net log kenji had lunch near the office", 'net log sofia kenji "dinner" --on ieri'),
    "gave": ("net gave marco helped him move --on 'last friday'",),
    "got": ("net got anna reviewed my rental contract --skill contracts",),
    "knows": ("net knows anna marco --note 'former colleagues'",),
    "refer": ('net refer marco --to anna --for "divorce lawyer"',),
    "ask": ("net ask need a lawyer", "net ask cerco un commercialista --for marco"),
    "stale": ("net stale --limit 5", "net stale --tag family"),
    "cadence": ("net cadence family 30", "net cadence --default 60"),
    "balance": ("net balance", "net balance anna"),
    "stats": ("net stats",),
    "today": ("net today",),
    "backup": ("net backup", "net backup ~/safe/journal.db"),
    "restore": ("net restore ~/safe/journal.db",),
    "doctor": ("net doctor",),
    "encrypt": ("NETJOURNAL_KEY=… net encrypt", "net encrypt --keyring"),
    "decrypt": ("NETJOURNAL_KEY=… net decrypt",),
    "import": ("net import contacts.vcf", "net import Connections.csv --dry-run"),
    "export": ("net export -o journal.json", "net export --format vcard -o people.vcf"),
    "tour": ("net tour", "net tour --keep /tmp/tour"),
    "need": ("net need a divorce lawyer --for marco", "net need done n-4kx2 --by anna"),
    "needs": ("net needs", "net needs --all --json"),
    "circle": (
        'net circle join club "host=db.example.org dbname=circles user=giulia.club"',
        "net circle share anna --tag lawyers; net circle sync",
        'net ask "need a notary" --circle club',
    ),
    "forget": ("net show kenji      # lists events with their ids", "net forget i-12"),
    "fix": ("net fix i-12 --on yesterday", 'net fix h-3 --text "reviewed my lease"'),
    "undo": ("net undo",),
    "help": ("net help log",),
    "tags": ("net tags",),
    "merge": ("net merge anna-rossi anna-rossi-2 --dry-run", "net merge anna-rossi anna-rossi-2"),
    "find": ("net find Erasmus",),
}

#: Metavars for options whose name alone does not say what they take.
METAVARS = {
    "for": "PERSON", "to": "PERSON", "via": "PERSON", "with": "PERSON", "by": "PERSON",
    "every": "DAYS", "default": "DAYS", "output": "FILE", "limit": "N", "keep": "N",
    "format": "FORMAT", "note": "TEXT", "met": "TEXT", "name": "NAME", "on": "DATE",
    "added": "DATE", "birthday": "DATE",
}  # fmt: skip


def _option_metavar(option: Any) -> str:
    long = next((o for o in option.opts if o.startswith("--")), option.opts[0]).lstrip("-")
    for prefix in ("add-", "rm-"):
        long = long.removeprefix(prefix)
    if long in METAVARS:
        return METAVARS[long]
    if getattr(getattr(option, "type", None), "name", "") == "integer":
        return "N"
    return str(long.replace("-", "_").upper())


def shape(command: Any) -> Any:
    """Words for metavars and the examples epilog, once per command."""
    if getattr(command, "_shaped", False):
        return command
    command._shaped = True
    for param in command.params:
        if isinstance(param, typer.core.TyperArgument):
            if param.metavar is None:
                param.metavar = (param.name or "value").upper()
        elif (
            isinstance(param, typer.core.TyperOption)
            and param.metavar is None
            and not param.is_flag
            and not param.count
        ):
            param.metavar = _option_metavar(param)
    _hint_quotes(command)
    examples = EXAMPLES.get(command.name or "")
    if examples and not command.epilog and "Examples:" not in (command.help or ""):
        command.epilog = "Examples:\n\n\b\n" + "\n".join(f"  {e}" for e in examples)
    return command


def _hint_quotes(command: Any) -> None:
    """ "Got unexpected extra argument" says what to do: quote a name of several words."""
    parse = command.parse_args

    def parse_args(ctx: Any, args: list[str]) -> Any:
        import click

        try:
            return parse(ctx, args)
        except click.UsageError as exc:
            if "unexpected extra argument" in exc.message:
                hint = '\nHint: quote a name or a text of several words: "Anna Rossi"'
                exc.message += hint  # type: ignore[misc]
            raise

    command.parse_args = parse_args


class HelpGroup(typer.core.TyperGroup):
    """The root ``net`` command: shaped sub-commands, grouped in ``net --help``."""

    def main(self, *args: Any, **kwargs: Any) -> Any:
        from netjournal.cli_completion import register

        register()  # completion that offers files only where a file is asked
        return super().main(*args, **kwargs)

    def get_command(self, ctx: Any, cmd_name: str) -> Any:
        command = super().get_command(ctx, cmd_name)
        return shape(command) if command is not None else None

    def list_commands(self, ctx: Any) -> list[str]:
        return list(self.commands)  # in Typer's order, without building them

    def format_commands(self, ctx: Any, formatter: Any) -> None:
        # Commands built on demand (netjournal.cli_lazy) are listed unbuilt.
        peek = getattr(self.commands, "peek", self.commands.__getitem__)
        names = [n for n in self.list_commands(ctx) if not peek(n).hidden]
        placed: set[str] = set()
        for heading, members in (*GROUPS, ("Other", tuple(names))):
            rows = []
            for name in members:
                if name in names and name not in placed:
                    placed.add(name)
                    rows.append((name, _summary(peek(name))))
            if rows:
                with formatter.section(heading):
                    formatter.write_dl(rows)


def _summary(command: Any) -> str:
    """A command's first sentence, whole (``net --help`` wraps it instead of cutting it)."""
    text = (command.short_help or command.help or "").strip().split("\n\n")[0]
    return " ".join(text.split())


@app.command("help")
def help_(
    ctx: typer.Context,
    command: Annotated[
        Optional[list[str]],
        typer.Argument(help="The command (and sub-command) to explain.", metavar="[COMMAND]..."),
    ] = None,
) -> None:
    """Explain a command: what it does, its options, examples."""
    root = ctx.find_root()
    target = root.command
    info = root
    for name in command or []:
        if not isinstance(target, typer.core.TyperGroup):
            break  # the rest are the command's own words ("net help need done")
        sub = target.get_command(info, name)
        if sub is None:
            raise InvalidInput(
                f"'net {' '.join(command or [])}' is not a command",
                hint="'net --help' lists the commands",
            )
        info = sub.make_context(name, [], parent=info, resilient_parsing=True)
        target = sub
    typer.echo(target.get_help(info))
