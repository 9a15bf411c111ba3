"""Run the shell examples of README.md and docs/*.md, and compare their output.

Every fenced ``console`` block is a session: a line ``$ net …`` is a command,
the lines after it (to the next ``$`` or the end of the block) are what it
prints, stdout and stderr as a terminal shows them.  The commands run in
order, in-process, on the sample journal that ``net tour --keep`` leaves,
with ``NETJOURNAL_TODAY`` pinned to :data:`TODAY`, ``COLUMNS=100`` and no
colour, the way sqlite-utils and Typer check their docs.

A page's blocks share one journal, a fresh copy of the tour's at the top of
the page.  An HTML comment on the line before a block changes that:

- ``<!-- docs-test: new journal -->``: the block starts on an empty journal;
- ``<!-- docs-test: tour journal -->``: on a fresh copy of the tour's;
- ``<!-- docs-test: columns=80 -->``: the terminal width for the block;
- ``<!-- docs-test: env EDITOR=… -->``: an environment variable for the
  block (a scripted editor for ``net edit PERSON``);
- ``<!-- docs-test: one command -->``: the first ``$`` line is the only
  command, the others are its output (``net tour`` shows its commands so);
- ``<!-- docs-test: skip REASON -->``: not run (a server, a passphrase, …).

Several go in one comment, separated by ``;``.  In the expected output, a line
``[exit N]`` is the exit code (else 0), a line ``…`` stands for any lines, and
a JSON document is compared as data (a terminal indents it, a pipe does not).
``… | cat`` runs the command with its output piped.

    .venv/bin/python tools/docs_examples.py            # report what differs
    .venv/bin/python tools/docs_examples.py --update   # write the real output into the pages

``tests/test_docs_examples.py`` fails while a page and the program disagree.
"""

from __future__ import annotations

import contextlib
import io
import json
import os
import re
import shlex
import shutil
import sys
import tempfile
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
TODAY = "2026-11-27"
COLUMNS = "100"
PAGES = [ROOT / "README.md", *sorted((ROOT / "docs").glob("*.md"))]
SKIPPED_PAGES = {"commands.md"}  # generated from --help by tools/commands_doc.py

_FENCE = re.compile(r"^(\s*)```console\s*$")
_DIRECTIVE = re.compile(r"<!--\s*docs-test:\s*(.*?)\s*-->")
_EXIT = re.compile(r"^\[exit (\d+)\]$")
ELLIPSIS = ("…", "...")


@dataclass
class Step:
    command: str
    expected: list[str]
    first: int  # the line of the expected output in the page (0-based)
    last: int  # the line after it


@dataclass
class Block:
    page: Path
    line: int  # the fence's line, 1-based, for messages
    indent: str
    steps: list[Step] = field(default_factory=list)
    new: bool = False
    tour: bool = False
    columns: str = COLUMNS
    skip: str | None = None
    single: bool = False  # one command whose output shows "$ …" lines (net tour)
    env: dict[str, str] = field(default_factory=dict)  # "env NAME=VALUE" directives


def blocks(page: Path) -> list[Block]:
    """The console blocks of a page, with the directives before each.

    ``<!-- docs-test: skip page REASON -->`` anywhere in a page skips all of it.
    """
    lines = page.read_text(encoding="utf-8").splitlines()
    out: list[Block] = []
    whole = next(
        (m for m in map(_DIRECTIVE.search, lines) if m and "skip page" in m.group(1)), None
    )
    i = 0
    while i < len(lines):
        fence = _FENCE.match(lines[i])
        if not fence:
            i += 1
            continue
        block = Block(page, i + 1, fence.group(1))
        before = next((lines[j] for j in range(i - 1, -1, -1) if lines[j].strip()), "")
        directive = _DIRECTIVE.search(before)
        for part in directive.group(1).split(";") if directive else []:
            word = part.strip()
            if word == "new journal":
                block.new = True
            elif word == "tour journal":
                block.tour = True
            elif word.startswith("env ") and "=" in word:
                name, value = word[4:].strip().split("=", 1)
                block.env[name] = value
            elif word == "one command":
                block.single = True
            elif word.startswith("columns="):
                block.columns = word.split("=", 1)[1]
            elif word.startswith("skip"):
                block.skip = word[4:].strip() or "skipped"
        i += 1
        step: Step | None = None
        while i < len(lines) and lines[i].strip() != "```":
            text = lines[i][len(block.indent) :] if lines[i].startswith(block.indent) else lines[i]
            if text.startswith("$ ") and not (block.single and step is not None):
                step = Step(text[2:], [], i + 1, i + 1)
                block.steps.append(step)
            elif step is not None:
                step.expected.append(text)
                step.last = i + 1
            i += 1
        if whole is not None:
            block.skip = whole.group(1)
        out.append(block)
        i += 1
    return out


class Unrunnable(Exception):
    """A command line the checker cannot run: mark its block with a skip directive."""


_HEAD = re.compile(r"\s*\|\s*head -(?:n )?(\d+)\s*$")


@dataclass
class Line:
    """One command line of an example, as the checker runs it."""

    env: dict[str, str]
    argv: list[str]
    piped: bool = False
    head: int | None = None  # ``| head -N``
    cat: str | None = None  # ``cat FILE``: the example shows a file it then uses


def _argv(command: str) -> Line:
    """``NAME=value net … | cat`` → what to run; ``cat FILE`` shows a file."""
    command = command.strip()
    words = shlex.split(command, comments=True)
    if len(words) == 2 and words[0] == "cat":
        return Line({}, [], cat=words[1])
    piped, head = False, None
    if (match := _HEAD.search(command)) is not None:
        command, piped, head = command[: match.start()], True, int(match.group(1))
    if command.endswith("| cat"):
        command, piped = command[: -len("| cat")], True
    command = command.removesuffix("< /dev/null").strip()
    words = shlex.split(command, comments=True)
    env: dict[str, str] = {}
    while words and re.match(r"^[A-Z_][A-Z0-9_]*=", words[0]):
        name, value = words.pop(0).split("=", 1)
        env[name] = value
    if not words or words[0] != "net" or any(w in ("|", ">", "<", "&&", ";") for w in words):
        raise Unrunnable(command)
    return Line(env, words[1:], piped, head)


@contextlib.contextmanager
def _environment(values: dict[str, str | None]) -> Iterator[None]:
    saved = {k: os.environ.get(k) for k in values}
    try:
        for key, value in values.items():
            if value is None:
                os.environ.pop(key, None)
            else:
                os.environ[key] = value
        yield
    finally:
        for key, value in saved.items():
            if value is None:
                os.environ.pop(key, None)
            else:
                os.environ[key] = value


_ESCAPE = re.compile(r"\x1b\[[0-9;?]*[A-Za-z]")
_PROGRESS = re.compile(r"(━+|\s{2,})\s*\d+/\d+\s*$")  # a line of the transient progress bar


def run(argv: list[str], env: dict[str, str | None], cwd: Path | None = None) -> tuple[int, str]:
    """One ``net`` command in-process: its exit code and what it printed, as one text.

    A progress bar's escape codes and redrawn lines are left out: a terminal
    shows only its last state, and the bar is gone when the command ends.
    """
    from netjournal.cli import run as net

    buffer = io.StringIO()
    code = 0
    here = Path.cwd()
    with (
        _environment(env),
        contextlib.redirect_stdout(buffer),
        contextlib.redirect_stderr(buffer),
    ):
        try:
            os.chdir(cwd or here)
            net(argv)
        except SystemExit as exc:
            code = exc.code if isinstance(exc.code, int) else (0 if exc.code is None else 1)
        finally:
            os.chdir(here)
    text = _ESCAPE.sub("", buffer.getvalue())
    lines = (line.rsplit("\r", 1)[-1] for line in text.split("\n"))
    return code, "\n".join(line for line in lines if not _PROGRESS.search(line))


def make_tour(folder: Path) -> Path:
    """The journal ``net tour --keep`` leaves, as of :data:`TODAY`."""
    keep = folder / "tour"
    code, text = run(["tour", "--keep", str(keep)], _base_env(folder / "unused.db", COLUMNS))
    if code != 0:
        raise RuntimeError(f"net tour --keep failed: {text}")
    return keep / "tour.db"


def _base_env(db: Path, columns: str) -> dict[str, str | None]:
    return {
        "NETJOURNAL_DB": str(db),
        "NETJOURNAL_TODAY": TODAY,
        "COLUMNS": columns,
        "LINES": "1000",
        "NO_COLOR": "1",
        "NETJOURNAL_FORCE_TERMINAL": "1",
        "NETJOURNAL_PAGER": "",
        "VISUAL": None,
        "EDITOR": None,
    }


@dataclass
class Outcome:
    block: Block
    step: Step
    code: int
    actual: list[str]
    ok: bool


def _clean(lines: list[str]) -> list[str]:
    out = [line.rstrip() for line in lines]
    while out and not out[-1]:
        out.pop()
    while out and not out[0]:
        out.pop(0)
    return out


def _matches(expected: list[str], actual: list[str]) -> bool:
    if not expected:
        return not actual
    if expected[0].strip() in ELLIPSIS:
        return any(_matches(expected[1:], actual[i:]) for i in range(len(actual) + 1))
    return bool(actual) and _same(expected[0], actual[0]) and _matches(expected[1:], actual[1:])


def _same(expected: str, actual: str) -> bool:
    """Equal lines; ``…`` inside a line stands for any text (a time, a random password)."""
    if "…" not in expected or expected.strip() == "…":
        return expected == actual
    pattern = ".*".join(re.escape(part) for part in expected.split("…"))
    return re.fullmatch(pattern, actual) is not None


def _as_json(lines: list[str]) -> object:
    """The JSON document in these lines (messages around it aside), or None."""
    text = "\n".join(lines)
    start = min((text.find(c) for c in "{[" if text.find(c) >= 0), default=-1)
    if start < 0:
        return None
    try:
        value, _end = json.JSONDecoder().raw_decode(text[start:])
    except ValueError:
        return None
    return value


def check(step: Step, code: int, printed: str) -> tuple[bool, list[str]]:
    expected = _clean(step.expected)
    want_code = 0
    if expected and _EXIT.match(expected[-1].strip()):
        want_code = int(_EXIT.match(expected[-1].strip()).group(1))  # type: ignore[union-attr]
        expected = _clean(expected[:-1])
    actual = _clean(printed.splitlines())
    if code != want_code:
        return False, actual
    if _matches(expected, actual):
        return True, actual
    want, got = _as_json(expected), _as_json(actual)
    if want is not None and want == got:
        outside = [x for x in expected if not x.startswith((" ", "{", "}", "[", "]"))]
        return all(x in actual for x in outside), actual
    return False, actual


#: The folder the examples run in, as the pages name it (each page gets its own).
FOLDER = "/tmp/docs-journal"


def run_page(page: Path, tour: Path, work: Path) -> list[Outcome]:
    """Every runnable block of a page, in order, on the page's journal.

    The page runs in a folder of its own, named :data:`FOLDER` in the page;
    its journal is ``FOLDER/j.db`` (``j-2.db``, … for the blocks that start
    another one).
    """
    outcomes: list[Outcome] = []
    folder = _folder(work)
    try:
        return _run_blocks(page, tour, folder, outcomes)
    finally:
        shutil.rmtree(folder, ignore_errors=True)


def _folder(work: Path) -> Path:
    """A private folder whose path is as long as :data:`FOLDER`, so lines wrap as shown."""
    base = Path("/tmp") if Path("/tmp").is_dir() else work
    folder = Path(tempfile.mkdtemp(prefix="doc-", dir=base))  # /tmp/doc-XXXXXXXX
    if len(str(folder)) != len(FOLDER):
        folder = work / "docs-journal"
        folder.mkdir(parents=True)
    folder.chmod(0o700)  # as net makes a journal's folder: doctor finds nothing to say
    return folder


def _run_blocks(page: Path, tour: Path, folder: Path, outcomes: list[Outcome]) -> list[Outcome]:
    db = folder / "j.db"
    shutil.copy(tour, db)
    count = 1
    for block in blocks(page):
        if block.skip is not None:
            continue
        if block.new or block.tour:
            count += 1
            db = folder / f"j-{count}.db"
            if block.tour:
                shutil.copy(tour, db)
            else:  # made by a command that reads, so no "Started a new journal" is said
                run(["tags", "--json"], _base_env(db, block.columns))
        for step in block.steps:
            try:
                line = _argv(step.command.replace(FOLDER, str(folder)))
            except Unrunnable:
                note = "[cannot run this line: mark the block <!-- docs-test: skip REASON -->]"
                outcomes.append(Outcome(block, step, -1, [note], False))
                continue
            if line.cat is not None:  # the example shows a file: make it from the page
                (folder / line.cat).write_text("\n".join(step.expected) + "\n", encoding="utf-8")
                outcomes.append(Outcome(block, step, 0, _clean(step.expected), True))
                continue
            values = {**_base_env(db, block.columns), **block.env, **line.env}
            if line.piped:
                values["NETJOURNAL_FORCE_TERMINAL"] = None
            code, printed = run(line.argv, values, folder)
            printed = printed.replace(str(folder), FOLDER)
            if line.head is not None:
                printed = "\n".join(printed.splitlines()[: line.head])
            ok, actual = check(step, code, printed)
            if code != 0:
                actual = [*actual, f"[exit {code}]"]
            outcomes.append(Outcome(block, step, code, actual, ok))
    return outcomes


def update(page: Path, outcomes: list[Outcome]) -> int:
    """Write the real output of the steps that differ into the page; how many changed."""
    lines = page.read_text(encoding="utf-8").splitlines()
    changed = 0
    for outcome in sorted(outcomes, key=lambda o: o.step.first, reverse=True):
        if outcome.ok:
            continue
        step, indent = outcome.step, outcome.block.indent
        trailing = len(step.expected) - len(_clean_end(step.expected))
        new = [f"{indent}{line}".rstrip() for line in outcome.actual]
        as_json = _as_json(outcome.actual)
        if as_json is not None and _as_json(step.expected) is not None:
            text = json.dumps(as_json, ensure_ascii=False, indent=2).splitlines()
            others = [line for line in outcome.actual if not line.startswith(("{", "["))]
            new = [f"{indent}{line}" for line in text] + [f"{indent}{x}" for x in others]
        lines[step.first : step.first + len(step.expected) - trailing] = new
        changed += 1
    page.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return changed


def _clean_end(lines: list[str]) -> list[str]:
    out = list(lines)
    while out and not out[-1].strip():
        out.pop()
    return out


def report(outcomes: list[Outcome]) -> list[str]:
    out = []
    for o in outcomes:
        if o.ok:
            continue
        name = o.block.page.relative_to(ROOT)
        out.append(f"{name}:{o.step.first}: $ {o.step.command}")
        out += [f"  - {x}" for x in _clean(o.step.expected)]
        out += [f"  + {x}" for x in o.actual]
    return out


def main() -> int:
    wanted = [a for a in sys.argv[1:] if not a.startswith("--")]
    pages = [p for p in PAGES if p.name not in SKIPPED_PAGES]
    if wanted:
        pages = [p for p in pages if p.name in wanted or str(p) in wanted]
    failed = 0
    with tempfile.TemporaryDirectory() as folder:
        tour = make_tour(Path(folder))
        for page in pages:
            outcomes = run_page(page, tour, Path(folder))
            bad = [o for o in outcomes if not o.ok]
            failed += len(bad)
            print(f"{page.relative_to(ROOT)}: {len(outcomes) - len(bad)}/{len(outcomes)} agree")
            if "--update" in sys.argv and bad:
                print(f"  updated {update(page, outcomes)} examples")
            elif bad:
                print("\n".join(report(outcomes)))
    return 1 if failed and "--update" not in sys.argv else 0


if __name__ == "__main__":
    sys.exit(main())
