"""Output: Rich tables on a terminal, plain tab-separated lines when piped, JSON on request.

Data goes to stdout, messages to stderr.  Rich is imported only when a table
or a styled line is printed.

Safe by construction: every ``str`` given to :func:`table`, :func:`lines` and
:func:`message` is printed exactly as it is, never read as Rich markup, so a
name like ``Bob [/x] Smith`` prints as typed.  Style comes only from
:func:`styled`, which escapes the user's values it is given.
"""

from __future__ import annotations

import json
import os
import sys
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager
from functools import lru_cache
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from rich.console import Console
    from rich.text import Text


class Styled(str):
    """A line with Rich markup written by the program; only :func:`styled` makes one."""


def styled(template: str, *values: object) -> Styled:
    """Markup from the program, with the user's ``values`` escaped into its ``{}`` places.

    ``styled("[bold]{}[/bold] ({})", name, key)`` is bold on a terminal and plain
    when piped, whatever brackets the name holds.
    """
    from rich.markup import escape

    return Styled(template.format(*(escape(str(v)) for v in values)))


Line = str | Styled


def _text(line: Line) -> Text:
    """A line as a Rich Text: markup only for :class:`Styled` lines."""
    from rich.text import Text

    return Text.from_markup(line) if isinstance(line, Styled) else Text(line)


def plain(line: Line) -> str:
    """The characters of a line without its style."""
    return _text(line).plain if isinstance(line, Styled) else line


def emit_json(data: Any) -> None:
    """Print one JSON document on stdout (indented for a person at a terminal)."""
    indent = 2 if sys.stdout.isatty() else None
    sys.stdout.write(json.dumps(data, ensure_ascii=False, indent=indent, default=str) + "\n")


def emit_json_list(name: str, items: Iterable[str]) -> None:
    """Print ``{"name": [...]}`` from JSON texts, streaming: one document on stdout."""
    write = sys.stdout.write
    write(f'{{"{name}": [')
    for i, item in enumerate(items):
        write(("," if i else "") + "\n" + item)
    write("\n]}\n")


def is_terminal() -> bool:
    return sys.stdout.isatty() or bool(os.environ.get("NETJOURNAL_FORCE_TERMINAL"))


def console(stderr: bool = False) -> Console:
    """The Rich console for stdout (or stderr), as the environment asks for now."""
    width = int(os.environ["COLUMNS"]) if os.environ.get("COLUMNS", "").isdigit() else None
    return _console(
        stderr,
        bool(os.environ.get("NO_COLOR")),
        bool(os.environ.get("NETJOURNAL_FORCE_TERMINAL")),
        width,
    )


@lru_cache(maxsize=8)
def _console(stderr: bool, plain: bool, force: bool, width: int | None) -> Console:
    from rich.console import Console

    return Console(
        stderr=stderr,
        no_color=plain,
        color_system=None if plain else "auto",
        highlight=False,
        width=width,
        force_terminal=True if force else None,
    )


def message(text: str) -> None:
    """A short note for the person at the terminal (stderr)."""
    if sys.stderr.isatty() and not os.environ.get("NO_COLOR"):
        console(stderr=True).print(text, markup=False, style="green")
    else:
        sys.stderr.write(text + "\n")


def error(text: str, hint: str | None = None, details: Sequence[str] = ()) -> None:
    """An ``Error:`` line on stderr, with details and a hint to follow."""
    lines = [f"Error: {text}"]
    lines += [f"  {d}" for d in details[:50]]
    if len(details) > 50:
        lines.append(f"  … and {len(details) - 50} more")
    if hint:
        lines.append(f"Hint: {hint}")
    if sys.stderr.isatty() or os.environ.get("NETJOURNAL_FORCE_TERMINAL"):
        lines = _wrapped(lines, console(stderr=True).width)
        if not os.environ.get("NO_COLOR"):
            lines[0] = "\x1b[1;31mError:\x1b[0m" + lines[0][len("Error:") :]
    sys.stderr.write("\n".join(lines) + "\n")


def _wrapped(lines: list[str], width: int) -> list[str]:
    """Lines broken at word boundaries to fit the terminal, continuations indented."""
    import textwrap

    out = []
    for line in lines:
        indent = "  " if line.startswith("  ") else "      "
        out += textwrap.wrap(
            line,
            width=max(width, 40),
            subsequent_indent=indent,
            break_long_words=False,
            break_on_hyphens=False,
        ) or [line]
    return out


def table(
    columns: Sequence[Line],
    rows: Sequence[Sequence[Line]],
    *,
    title: Line | None = None,
    empty: str = "Nothing to show.",
) -> None:
    """A table: Rich on a terminal, tab-separated lines (with a header) when piped."""
    if not rows:
        message(empty)
        return
    if not is_terminal():
        out = ["\t".join(plain(c) for c in columns)]
        out += ["\t".join(_one_line(c) for c in row) for row in rows]
        sys.stdout.write("\n".join(out) + "\n")
        return
    from rich.table import Table

    grid = Table(
        title=_text(title) if title is not None else None,
        header_style="bold",
        title_justify="left",
        expand=False,
    )
    for column in columns:
        grid.add_column(_text(column), overflow="fold")
    for row in rows:
        grid.add_row(*(_text(cell) for cell in row))
    console().print(grid)


def lines(texts: Sequence[Line]) -> None:
    """Lines on stdout: plain text as it is; :class:`Styled` lines styled on a terminal."""
    if is_terminal():
        out = console()
        for text in texts:
            out.print(_text(text))
    else:
        sys.stdout.write("\n".join(plain(t) for t in texts) + "\n")


def _one_line(text: Line) -> str:
    return " ".join(plain(text).split())


@contextmanager
def progress_bar() -> Iterator[Callable[[str, int, int], None] | None]:
    """A Rich progress bar on a terminal (stderr); nothing when piped."""
    if not (sys.stderr.isatty() or os.environ.get("NETJOURNAL_FORCE_TERMINAL")):
        yield None
        return
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn

    bar = Progress(
        TextColumn("{task.description}"),
        BarColumn(),
        MofNCompleteColumn(),
        console=console(stderr=True),
        transient=True,
    )
    tasks: dict[str, Any] = {}

    def update(step: str, done: int, total: int) -> None:
        if step not in tasks:
            tasks[step] = bar.add_task(step, total=total)
        bar.update(tasks[step], completed=done, total=total)

    with bar:
        yield update
