"""Output: Rich tables on a terminal, plain tab-separated lines when piped, JSON on request.

Data goes to stdout, messages to stderr.  Rich is imported only when a table
or a styled line is printed.

Safe by construction: every ``str`` given to :func:`table`, :func:`lines` and
:func:`message` is printed exactly as it is, never read as Rich markup, so a
name like ``Bob [/x] Smith`` prints as typed.  Style comes only from
:func:`styled`, which escapes the user's values it is given.
"""

from __future__ import annotations

import codecs
import errno
import os
import sys
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from contextlib import contextmanager, suppress
from functools import lru_cache
from itertools import islice
from typing import TYPE_CHECKING, Any, TextIO

from netjournal.errors import OutputError

if TYPE_CHECKING:
    from rich.console import Console
    from rich.text import Text

# Characters a terminal's encoding cannot show are printed as "?" (and counted,
# so that one note can say so); data on stdout stays exact (see emit_json).
_REPLACED = [0]


def _replace(exc: UnicodeError) -> tuple[str, int]:
    if not isinstance(exc, UnicodeEncodeError):
        raise exc
    _REPLACED[0] += 1
    return "?" * (exc.end - exc.start), exc.end


codecs.register_error("netjournal-replace", _replace)


def _is_utf(stream: TextIO | None) -> bool:
    encoding = (getattr(stream, "encoding", None) or "utf-8").lower().replace("_", "-")
    return encoding.startswith("utf")


def prepare_streams() -> None:
    """On a terminal whose encoding is not UTF-8 (ASCII, Latin-1), show "?" for what it lacks."""
    _REPLACED[0] = 0
    for stream in (sys.stdout, sys.stderr):
        if stream is not None and not _is_utf(stream) and hasattr(stream, "reconfigure"):
            stream.reconfigure(errors="netjournal-replace")


def replaced_characters() -> int:
    """How many characters this run could not show in the terminal's encoding."""
    return _REPLACED[0]


def _write(stream: TextIO | None, text: str, *, flush: bool = False) -> None:
    """Write to stdout or stderr; a stream that is closed, full or gone is one OutputError."""
    try:
        if stream is None:  # started with the stream closed (2>&-)
            raise OSError(errno.EBADF, "the stream is closed")
        stream.write(text)
        if flush:
            stream.flush()
    except ValueError as exc:  # "I/O operation on closed file"
        raise OutputError("the output is closed", reason=str(exc)) from None
    except OSError as exc:
        raise OutputError(
            f"cannot write the output: {exc.strerror or exc}",
            broken_pipe=exc.errno in (errno.EPIPE, errno.ECONNRESET),
            reason=exc.strerror or str(exc),
        ) from None


def out(text: str) -> None:
    """Data on stdout, as it is."""
    _write(sys.stdout, text)


def emit_text(text: str | Iterable[str]) -> None:
    """A file's text on stdout (an export), whole or in pieces: UTF-8 whatever the terminal's."""
    stream = sys.stdout
    buffer = getattr(stream, "buffer", None)
    pieces = [text] if isinstance(text, str) else text
    if _is_utf(stream) or buffer is None:
        for piece in pieces:
            _write(stream, piece)
        return
    _write(stream, "", flush=True)
    try:
        for piece in pieces:
            buffer.write(piece.encode("utf-8"))
    except OSError as exc:
        raise OutputError(
            f"cannot write the output: {exc.strerror or exc}",
            broken_pipe=exc.errno == errno.EPIPE,
        ) from None


def flush() -> None:
    """Push what is buffered on stdout and stderr out now, while errors can still be told."""
    for stream in (sys.stdout, sys.stderr):
        if stream is not None:
            _write(stream, "", flush=True)


class Styled(str):
    """A line with Rich markup written by the program; only :func:`styled` makes one."""

    bare: str | None = None  # its characters without the style, when known


def styled(template: str, *values: object) -> Styled:
    """Markup from the program, with the user's ``values`` escaped into its ``{}`` places.

    ``styled("[bold]{}[/bold] ({})", name, key)`` is bold on a terminal and plain
    when piped, whatever brackets the name holds.
    """
    from rich.markup import escape

    texts = [str(v) for v in values]
    line = Styled(template.format(*(escape(t) for t in texts)))
    bare = _bare_template(template)
    if bare is not None and not any("[" in t or "\\" in t for t in texts):
        # What Rich would read out of the markup, without reading it: a long
        # listing has a styled cell in every row.
        line.bare = bare.format(*texts)
    return line


@lru_cache(maxsize=256)
def _bare_template(template: str) -> str | None:
    """The program's template without its tags; None when only Rich can tell."""
    if "\\" in template:
        return None
    from rich.markup import RE_TAGS

    return str(RE_TAGS.sub("", template))


Line = str | Styled


def _text(line: Line) -> Text:
    """A line as a Rich Text: markup only for :class:`Styled` lines."""
    from rich.text import Text

    return Text.from_markup(line) if isinstance(line, Styled) else Text(line)


def plain(line: Line) -> str:
    """The characters of a line without its style."""
    if isinstance(line, Styled):
        return line.bare if line.bare is not None else _text(line).plain
    return line


def emit_json(data: Any) -> None:
    """Print one JSON document on stdout (indented for a person at a terminal)."""
    import json  # here, not at the top: help and completion never load it

    indent = 2 if sys.stdout.isatty() else None
    ascii_only = not _is_utf(sys.stdout)  # \u escapes keep the document exact there
    out(json.dumps(data, ensure_ascii=ascii_only, indent=indent, default=str) + "\n")


class JsonTexts:
    """Values already written as JSON texts (as ``json.dumps`` writes them), for a listing.

    :func:`emit_json_stream` joins them as they are; encoding a row with a
    template costs a third of building a dict for ``json.dumps``.
    """

    def __init__(self, texts: Iterable[str]) -> None:
        self.texts = iter(texts)


def emit_json_stream(document: Mapping[str, Any]) -> None:
    """:func:`emit_json` of ``document``, byte for byte, its iterators written as they come.

    A value that is an iterator (a service's rows) or :class:`JsonTexts` is
    printed as a JSON list, ``JSON_CHUNK`` items at a time: the whole list is
    never held.
    """
    import json  # here, not at the top: help and completion never load it

    indent = 2 if sys.stdout.isatty() else None
    ascii_only = not _is_utf(sys.stdout)

    def dumps(value: Any) -> str:
        return json.dumps(value, ensure_ascii=ascii_only, indent=indent, default=str)

    if not document:
        out(dumps({}) + "\n")
        return
    # How json.dumps lays out the members of the document and of its lists.
    start, between, end = ("{\n  ", ",\n  ", "\n}\n") if indent else ("{", ", ", "}\n")
    for i, (name, value) in enumerate(document.items()):
        out((between if i else start) + dumps(name) + ": ")
        if isinstance(value, JsonTexts):
            if not indent and not ascii_only:
                _json_texts(value.texts)
                continue
            value = map(json.loads, value.texts)  # indented, or \u escapes: as json.dumps does
        if not isinstance(value, Iterator):
            out(dumps(value).replace("\n", "\n  ") if indent else dumps(value))
            continue
        opened = False
        while chunk := list(islice(value, JSON_CHUNK)):
            items = dumps(chunk)
            if indent:  # "[\n  a,\n  b\n]": one level deeper, without its brackets
                items = items.replace("\n", "\n  ")[2:-4]
                out((",\n" if opened else "[\n") + items)
            else:
                out((", " if opened else "[") + items[1:-1])
            opened = True
        out(("\n  ]" if indent else "]") if opened else "[]")
    out(end)


JSON_CHUNK = 500


def _json_texts(texts: Iterator[str]) -> None:
    opened = False
    while chunk := list(islice(texts, JSON_CHUNK)):
        out((", " if opened else "[") + ", ".join(chunk))
        opened = True
    out("]" if opened else "[]")


def emit_json_list(name: str, items: Iterable[str]) -> None:
    """Print ``{"name": [...]}`` from JSON texts, streaming: one document on stdout."""
    import json

    ascii_only = not _is_utf(sys.stdout)
    out(f'{{"{name}": [')
    for i, item in enumerate(items):
        if ascii_only:
            item = json.dumps(json.loads(item))
        out(("," if i else "") + "\n" + item)
    out("\n]}\n")


def is_terminal() -> bool:
    stdout = sys.stdout
    return (stdout is not None and stdout.isatty()) or bool(
        os.environ.get("NETJOURNAL_FORCE_TERMINAL")
    )


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
    stderr = sys.stderr
    if stderr is not None and stderr.isatty() and not os.environ.get("NO_COLOR"):
        try:
            console(stderr=True).print(text, markup=False, style="green")
        except OSError as exc:
            raise OutputError(f"cannot write the output: {exc.strerror}") from None
    else:
        _write(stderr, text + "\n")


def error(text: str, hint: str | None = None, details: Sequence[str] = ()) -> None:
    """An ``Error:`` line on stderr, with details and a hint to follow."""
    lines = [f"Error: {text}"]
    lines += [f"  {d}" for d in details[:50]]
    if len(details) > 50:
        lines.append(f"  … and {len(details) - 50} more")
    if hint:
        lines.append(f"Hint: {hint}")
    if (sys.stderr is not None and sys.stderr.isatty()) or os.environ.get(
        "NETJOURNAL_FORCE_TERMINAL"
    ):
        term = console(stderr=True)
        lines = _wrapped(lines, term.width)
        if not os.environ.get("NO_COLOR"):
            first = styled("[bold red]Error:[/bold red]{}", lines[0][len("Error:") :])
            with term.capture() as captured:
                term.print(_text(first), soft_wrap=True, end="")
            lines[0] = captured.get()
    _write(sys.stderr, "\n".join(lines) + "\n")


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
    rows: Iterable[Sequence[Line]],
    *,
    title: Line | None = None,
    empty: str | None = "Nothing to show.",
    whole: Sequence[int] = (),
    one_line: bool = False,
    lead: Sequence[Line] = (),
) -> None:
    """A table: Rich on a terminal, tab-separated lines (with a header) when piped.

    Columns numbered in ``whole`` (keys, names) never wrap nor break; with
    ``one_line`` every row keeps to one line, the last columns cut with an
    ellipsis.  A table taller than the terminal goes through the pager.

    ``rows`` may be any iterable (a service's rows as they come): a long
    listing is written a chunk at a time, its first screen before the rest of
    it is read.  Without rows, the ``empty`` message is shown (None: nothing);
    with rows, the ``lead`` lines come first (a heading).
    """
    stream = iter(rows)
    first = list(islice(stream, LONG_TABLE + 1))
    if not first:
        if empty is not None:
            message(empty)
        return
    if lead:
        lines(lead)
    if not is_terminal():
        head = "\t".join(plain(c) for c in columns) + "\n"
        for chunk in _chunks(first, stream):
            out(head + "\n".join("\t".join(_one_line(c) for c in row) for row in chunk) + "\n")
            head = ""
        return
    if len(first) > LONG_TABLE:
        _long_table(columns, first, stream, title)
        return
    from rich.table import Table

    rows = first
    grid = Table(
        title=_text(title) if title is not None else None,
        header_style="bold",
        title_justify="left",
        expand=False,
    )
    term = console()
    widths = {i: max(len(plain(columns[i])), *(len(_one_line(r[i])) for r in rows)) for i in whole}
    free = term.width - sum(widths.values()) - 3 * len(columns) - 1
    cut = max(8, free // max(1, len(columns) - len(widths)))
    for i, column in enumerate(columns):
        if i in widths:
            grid.add_column(_text(column), no_wrap=True, min_width=widths[i])
        elif one_line:
            grid.add_column(_text(column), no_wrap=True, overflow="ellipsis", max_width=cut)
        else:
            grid.add_column(_text(column), overflow="fold")
    for row in rows:
        grid.add_row(*(_text(cell) for cell in row))
    if len(rows) + 4 > term.height and sys.stdout.isatty():
        _paged(term, grid)
    else:
        _print(grid)


def _chunks(
    first: list[Sequence[Line]], rest: Iterator[Sequence[Line]]
) -> Iterator[list[Sequence[Line]]]:
    """The rows read already, then the others ``LONG_TABLE`` at a time."""
    yield first
    while chunk := list(islice(rest, LONG_TABLE)):
        yield chunk


def _print(renderable: Any) -> None:
    try:
        console().print(renderable)
    except OSError as exc:
        raise OutputError(
            f"cannot write the output: {exc.strerror}", broken_pipe=exc.errno == errno.EPIPE
        ) from None


# Rows past which a terminal gets aligned lines written as they are made: one Rich
# table of 100,000 rows renders for a minute and holds every cell before printing.
LONG_TABLE = 200


def _long_table(
    columns: Sequence[Line],
    first: list[Sequence[Line]],
    rest: Iterator[Sequence[Line]],
    title: Line | None,
) -> None:
    """Columns as wide as the first rows need (cut with … to fit), a chunk at a time.

    Each chunk is written and flushed as it comes: the first screen shows
    before the rest of the rows is read (the pager is for tables of a few
    screens, which Rich lays out whole).
    """
    term = console()
    heads = [plain(c) for c in columns]
    sample = [[_one_line(c) for c in row] for row in first[:LONG_TABLE]]
    widths = [max(len(h), *(len(r[i]) for r in sample)) for i, h in enumerate(heads)]
    while sum(widths) + 2 * (len(widths) - 1) > term.width and max(widths) > 8:
        widths[widths.index(max(widths))] -= 1

    def line(cells: Sequence[str]) -> str:
        fitted = (
            c if len(c) <= w else c[: w - 1] + "…" for c, w in zip(cells, widths, strict=True)
        )
        return "  ".join(c.ljust(w) for c, w in zip(fitted, widths)).rstrip()  # noqa: B905

    def pieces() -> Iterator[str]:
        with term.capture() as captured:
            if title is not None:
                term.print(_text(title))
            term.print(_text(styled("[bold]{}[/bold]", line(heads))))
        yield captured.get()
        for chunk in _chunks(first, rest):
            yield "\n".join(line([_one_line(c) for c in row]) for row in chunk) + "\n"

    for piece in pieces():
        _write(sys.stdout, piece, flush=True)


def _pager_argv() -> list[str] | None:
    """The pager's command line, when there is one to run."""
    import shlex
    import shutil

    command = pager_command()
    argv = shlex.split(command) if command else []
    return argv if argv and shutil.which(argv[0]) is not None else None


def _pager_env() -> dict[str, str]:
    return dict(os.environ, LESS=os.environ.get("LESS", "FRX"))


def pager_command() -> str | None:
    """The pager, as git finds one: ``NETJOURNAL_PAGER``, ``PAGER``, else ``less -FRX``.

    An empty value or ``cat`` means no pager.
    """
    for name in ("NETJOURNAL_PAGER", "PAGER"):
        value = os.environ.get(name)
        if value is not None:
            return value.strip() if value.strip() not in ("", "cat") else None
    return "less -FRX"


def _paged(out: Console, renderable: Any) -> None:
    import subprocess

    argv = _pager_argv()
    if argv is None:
        out.print(renderable)
        return
    with out.capture() as captured:
        out.print(renderable)
    with suppress(OSError, KeyboardInterrupt):
        subprocess.run(argv, input=captured.get(), text=True, env=_pager_env(), check=False)


def lines(texts: Sequence[Line]) -> None:
    """Lines on stdout: plain text as it is; :class:`Styled` lines styled on a terminal."""
    if is_terminal():
        term = console()
        for text in texts:
            bare = plain(text)
            if bare.startswith("  ") and len(bare) > term.width:
                _print(_hanging(_text(text), len(bare) - len(bare.lstrip()) + 2, term))
            else:
                _print(_text(text))
    else:
        out("\n".join(plain(t) for t in texts) + "\n")


def _hanging(text: Text, indent: int, term: Console) -> Text:
    """An indented line too long for the terminal, its continuations under its text."""
    from rich.text import Text

    first, *rest = text.wrap(term, term.width)
    if not rest:
        return first
    more = Text(" ").join(part.copy() for part in rest)
    lines = more.wrap(term, max(20, term.width - indent))
    return Text("\n").join([first, *(Text(" " * indent) + line for line in lines)])


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
    task = bar.add_task("", total=None)

    def update(step: str, done: int, total: int) -> None:
        # One bar for the whole command: each step names itself on it as it comes.
        bar.update(task, description=step, completed=done, total=total)

    with bar:
        yield update
