"""The root ``net`` command with its sub-commands built on demand.

Typer turns every command function into a Click command (reading its
signature, making each option) before it runs any one of them: about 25 ms
of CPU for netjournal's commands, at every start.  :func:`root_command` makes
the same root group from the same :class:`typer.Typer` app, but its
``commands`` are a :class:`LazyCommands` table: the names, in Typer's order,
and what ``net --help`` lists of each (its summary, whether it is hidden),
read from the registrations without building anything.  A command is built
by Typer's own code the first time it is looked up, so ``net log`` builds
``log`` only, ``net --help`` builds none, and what every command parses and
prints is what Typer makes of it.

``typer.main.get_command(app)`` still builds the whole tree eagerly (tests
and tools that walk every command use it).
"""

import copy
import inspect
from collections.abc import Iterator, MutableMapping
from typing import Any, Union

import click
import typer
import typer.main
from typer.models import CommandInfo, TyperInfo

Entry = Union[CommandInfo, TyperInfo]


class Peek:
    """What a group's help lists of a command it has not built."""

    __slots__ = ("help", "hidden", "short_help")

    def __init__(self, help: str | None, short_help: str | None, hidden: bool) -> None:
        self.help = help
        self.short_help = short_help
        self.hidden = hidden


class LazyCommands(MutableMapping[str, click.Command]):
    """A group's commands by name: each built by Typer when first looked up."""

    def __init__(self, entries: dict[str, Entry], settings: dict[str, Any], suggest: bool) -> None:
        self._entries = entries
        self._settings = settings  # pretty_exceptions_short, rich_markup_mode
        self._suggest = suggest
        self._built: dict[str, click.Command] = {}

    def __getitem__(self, name: str) -> click.Command:
        built = self._built.get(name)
        if built is None:
            built = self._built[name] = self._build(self._entries[name])
        return built

    def __setitem__(self, name: str, command: click.Command) -> None:
        self._entries.setdefault(name, CommandInfo())
        self._built[name] = command

    def __delitem__(self, name: str) -> None:
        del self._entries[name]
        self._built.pop(name, None)

    def __iter__(self) -> Iterator[str]:
        return iter(self._entries)

    def __len__(self) -> int:
        return len(self._entries)

    def __contains__(self, name: object) -> bool:
        return name in self._entries

    def built(self) -> list[str]:
        """The names of the commands built so far."""
        return list(self._built)

    def peek(self, name: str) -> Union[click.Command, Peek]:
        """The command if built, else what its help says of it (building nothing)."""
        if name in self._built:
            return self._built[name]
        entry = self._entries[name]
        if isinstance(entry, CommandInfo):
            assert entry.callback is not None
            text = entry.help
            doc = inspect.getdoc(entry.callback) if text is None else inspect.cleandoc(text)
            return Peek(doc, entry.short_help, bool(entry.hidden))
        solved = typer.main.solve_typer_info_defaults(entry)
        return Peek(solved.help, solved.short_help, bool(solved.hidden))

    def _build(self, entry: Entry) -> click.Command:
        if isinstance(entry, CommandInfo):
            return typer.main.get_command_from_info(entry, **self._settings)
        return typer.main.get_group_from_info(
            entry, suggest_commands=self._suggest, **self._settings
        )


def _entries(app: typer.Typer) -> dict[str, Entry]:
    """The commands Typer would give the group of ``app``, by name and in its order."""
    found: dict[str, Entry] = {}
    for info in app.registered_commands:
        assert info.callback is not None, "a command needs a callback"
        found[info.name or typer.main.get_command_name(info.callback.__name__)] = info
    for group in app.registered_groups:
        name = typer.main.solve_typer_info_defaults(group).name
        if name:
            found[name] = group
        elif group.typer_instance is not None:  # its commands join this group's
            found.update(_entries(group.typer_instance))
    return found


def root_command(app: typer.Typer) -> click.Command:
    """The group ``app`` would run, with no sub-command built yet."""
    bare = copy.copy(app)
    bare.registered_commands = []
    bare.registered_groups = []
    settings: dict[str, Any] = {
        "pretty_exceptions_short": app.pretty_exceptions_short,
        "rich_markup_mode": app.rich_markup_mode,
    }
    group = typer.main.get_group_from_info(
        TyperInfo(bare), suggest_commands=app.suggest_commands, **settings
    )
    group.commands = LazyCommands(_entries(app), settings, app.suggest_commands)
    if app._add_completion:
        group.params += typer.main.get_install_completion_arguments()
    return group
