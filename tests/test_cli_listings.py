"""Long listings (``net list``, ``stale``, ``balance``) streamed: the same output as a whole.

The services give their rows as SQLite reads them and the views print them a
chunk at a time; these tests pin that the result is what printing everything
at once gave: ``--json`` exactly as ``json.dumps`` writes the document, piped
text with one row a line, a terminal's aligned lines with the same cells.
"""

from __future__ import annotations

import io
import json
import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from conftest import Net, copy_journal, seed_journal
from netjournal import render

PEOPLE = 620  # more than a terminal table (200), a stale chunk (256), a JSON chunk (500)
ODD_NAMES = ["Bob [/x] Smith", 'Zoë "Z" Ünal', "Back\\slash Person", "Tab\tName"]


def _document() -> dict[str, object]:
    people, help_, interactions = [], [], []
    for n in range(PEOPLE):
        name = ODD_NAMES[n] if n < len(ODD_NAMES) else f"Person {n:04d}"
        key = f"p{n:04d}"
        people.append(
            {
                "key": key,
                "name": name,
                "skills": ["plumbing", "tax law"][: n % 3],
                "tags": ["family"] if n % 5 == 0 else [],
                "city": "Milano" if n % 2 else None,
                "org": f"Org {n % 7}" if n % 4 else None,
                "cadence_days": 30 if n % 3 == 0 else None,
                "added": "2024-01-01",
            }
        )
        for i in range(n % 4):  # 0-3 helps each way, some given back, some not
            direction = "gave" if (n + i) % 3 == 0 or n % 8 == 7 else "got"
            help_.append(
                {
                    "person": key,
                    "direction": direction,
                    "date": f"2026-{1 + (n + i) % 11:02d}-{1 + i:02d}",
                    "what": f"help {i} [bold]",
                }
            )
        if n % 2:
            interactions.append(
                {"person": key, "date": f"2026-{1 + n % 11:02d}-15", "kind": "coffee"}
            )
    return {
        "format": "netjournal",
        "version": 1,
        "people": people,
        "help": help_,
        "interactions": interactions,
    }


@pytest.fixture(scope="module")
def template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("listings")
    source = folder / "many.json"
    source.write_text(json.dumps(_document()), encoding="utf-8")
    return seed_journal(folder, ("import", str(source)))


@pytest.fixture
def many(template: Path, db_path: Path, net: Net) -> Net:
    copy_journal(template, db_path)
    return net


def _as_json_dumps(out: str) -> str:
    """What ``json.dumps`` writes for the document ``out`` holds (as ``emit_json`` did)."""
    return json.dumps(json.loads(out), ensure_ascii=False) + "\n"


@pytest.mark.parametrize(
    "args", [("stale",), ("stale", "--limit", "3"), ("stale", "--tag", "family"), ("balance",)]
)
def test_streamed_json_is_the_document_json_dumps_writes(many: Net, args: tuple[str, ...]) -> None:
    result = many(*args, "--json")
    assert result.code == 0, result.err
    assert result.out == _as_json_dumps(result.out)


def test_balance_json_totals_and_listings_agree(many: Net) -> None:
    data = many("balance", "--json").json()
    assert isinstance(data, dict)
    people = data["people"]
    assert [p["key"] for p in people] == sorted(p["key"] for p in people)
    assert data["given"] == sum(p["gave"] for p in people) > 0
    assert data["received"] == sum(p["got"] for p in people) > 0
    assert all(p["balance"] == p["gave"] - p["got"] for p in people)
    one_way = [p for p in people if p["got"] == 0 and p["gave"] >= 2]
    assert len(one_way) > 50
    assert data["one_way"] == sorted(one_way, key=lambda p: (-p["gave"], p["key"]))
    assert len(data["owed"]) > 200
    assert [(o["since"], o["key"]) for o in data["owed"]] == sorted(
        (o["since"], o["key"]) for o in data["owed"]
    )
    zoe = next(p for p in people if p["key"] == "p0001")
    assert zoe["name"] == 'Zoë "Z" Ünal'
    assert all(o["what"].endswith(" [bold]") for o in data["owed"])


def test_stale_json_is_most_neglected_first(many: Net) -> None:
    data = many("stale", "--json").json()
    assert isinstance(data, dict)
    ties = data["people"]
    assert len(ties) > 256
    ratios = [t["overdue_days"] / t["cadence_days"] for t in ties]
    assert ratios == sorted(ratios, reverse=True)
    assert all(t["days_since"] > t["cadence_days"] for t in ties)
    assert many("stale", "--limit", "5", "--json").json() == {**data, "people": ties[:5]}


def _piped_rows(out: str) -> list[list[str]]:
    return [line.split("\t") for line in out.splitlines()]


def test_piped_listings_are_one_row_a_line(many: Net) -> None:
    listed = _piped_rows(many("list").out)
    assert listed[0] == ["key", "name", "work", "city", "skills", "tags"]
    assert [r[0] for r in listed[1:]] == [f"p{n:04d}" for n in range(PEOPLE)]
    assert listed[4][:2] == ["p0003", "Tab Name"]  # whitespace of a cell folded, as before
    assert listed[3][4:] == ["plumbing, tax law", ""]
    assert listed[11][4:] == ["plumbing", "family"]
    assert len(_piped_rows(many("list", "--limit", "250").out)) == 251

    data = many("balance", "--json").json()
    assert isinstance(data, dict)
    text = many("balance").out.splitlines()
    assert text[0] == f"You gave help {data['given']} times and got it {data['received']} times."
    people = data["people"]
    assert text[1] == "who\tyou gave\tyou got\tbalance"
    assert len(people) > LONG
    for line, p in zip(text[2:], people, strict=False):
        sign = f"+{p['balance']}" if p["balance"] > 0 else str(p["balance"])
        name = " ".join(p["name"].split())  # a cell keeps to one line: whitespace folded
        assert line == f"{name} ({p['key']})\t{p['gave']}\t{p['got']}\t{sign}"
    owed_at = 2 + len(people)
    assert text[owed_at : owed_at + 3] == [
        "",
        "They helped you; you have not helped back yet",
        "who\tsince\twhat",
    ]
    first = data["owed"][0]
    assert (
        text[owed_at + 3] == f"{first['name']} ({first['key']})\t{first['since']}\t{first['what']}"
    )
    assert "You keep helping, nothing comes back" in text

    ties = many("stale", "--json").json()
    assert isinstance(ties, dict)
    stale = _piped_rows(many("stale").out)
    assert stale[0] == ["who", "last contact", "days", "every", "talk about"]
    who = [f"{' '.join(t['name'].split())} ({t['key']})" for t in ties["people"]]
    assert [r[0] for r in stale[1:]] == who
    assert (
        stale[1][2]
        == f"{ties['people'][0]['days_since']} ({ties['people'][0]['overdue_days']} over)"
    )


LONG = render.LONG_TABLE


@pytest.mark.parametrize("columns", ["120", "80"])
@pytest.mark.parametrize("command", ["list", "stale", "balance"])
def test_a_terminal_gets_the_piped_cells_aligned(
    many: Net, monkeypatch: pytest.MonkeyPatch, columns: str, command: str
) -> None:
    piped = _piped_rows(many(command).out)
    monkeypatch.setenv("NETJOURNAL_FORCE_TERMINAL", "1")
    monkeypatch.setenv("NO_COLOR", "1")
    monkeypatch.setenv("COLUMNS", columns)
    shown = many(command).out.splitlines()
    assert all(len(line) <= int(columns) for line in shown)
    if command != "list":  # a summary line, or a title, first
        shown = shown[1:]
    if command == "balance":  # the first table: who gave and got what
        piped = piped[1 : piped.index([""])]
    header, rows = shown[0], shown[1 : len(piped)]
    assert len(rows) == len(piped) - 1
    heads = piped[0]
    if command == "list" and columns == "80":  # one line a person: key, name, about
        heads, piped = ["key", "name", "about"], [[r[0], r[1], "…"] for r in piped]
    # Each column starts where its heading does (headings are apart by 2 spaces or more).
    starts = [m.start() for m in re.finditer(r"\S+(?: \S+)*", header)]
    assert len(starts) == len(heads)
    for line, cells in zip(rows, piped[1:], strict=True):
        for at, cell, nxt in zip(starts, cells, [*starts[1:], None], strict=True):
            part = line[at:nxt].rstrip()
            fits = part == cell or (part.endswith("…") and cell.startswith(part[:-1]))
            assert fits or cell == "…", (line, cell)


# -------------------------------------------------------------- the renderer


def _document_strategy() -> st.SearchStrategy[dict[str, object]]:
    value = st.recursive(
        st.none() | st.booleans() | st.integers() | st.text(max_size=5),
        lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=3), inner),
        max_leaves=6,
    )
    records = st.lists(st.dictionaries(st.text(max_size=4), value, max_size=3), max_size=1200)
    return st.dictionaries(st.text(max_size=6), records | value, max_size=4)


class _Out(io.StringIO):
    def __init__(self, tty: bool) -> None:
        super().__init__()
        self.tty = tty

    def isatty(self) -> bool:
        return self.tty


@given(document=_document_strategy(), tty=st.booleans(), data=st.data())
def test_a_streamed_document_is_byte_for_byte_emit_json(
    document: dict[str, object], tty: bool, data: st.DataObject
) -> None:
    import sys

    streamed: dict[str, object] = {}
    for name, value in document.items():
        how = data.draw(st.sampled_from(["as is", "iterator", "texts"]))
        if isinstance(value, list) and how == "iterator":
            streamed[name] = iter(value)
        elif isinstance(value, list) and how == "texts":
            streamed[name] = render.JsonTexts(json.dumps(v, ensure_ascii=False) for v in value)
        else:
            streamed[name] = value
    real = sys.stdout
    try:
        sys.stdout = _Out(tty)
        render.emit_json(document)
        whole = sys.stdout.getvalue()
        sys.stdout = _Out(tty)
        render.emit_json_stream(streamed)
        assert sys.stdout.getvalue() == whole
    finally:
        sys.stdout = real


@pytest.mark.parametrize("terminal", [False, True])
def test_the_first_rows_are_written_before_the_rest_is_read(
    monkeypatch: pytest.MonkeyPatch, terminal: bool
) -> None:
    import sys

    monkeypatch.setenv("NETJOURNAL_PAGER", "cat")
    if terminal:
        monkeypatch.setenv("NETJOURNAL_FORCE_TERMINAL", "1")
    read = [0]
    seen_at_first_write: list[int] = []

    class Watch(_Out):
        def write(self, text: str) -> int:
            if not seen_at_first_write and "row 0" in text:
                seen_at_first_write.append(read[0])
            return super().write(text)

    def rows() -> Iterator[list[str]]:
        for n in range(10 * LONG):
            read[0] += 1
            yield [f"row {n}", "x" * (n % 30)]

    monkeypatch.setattr(sys, "stdout", Watch(False))
    render.table(["what", "more"], rows())
    assert seen_at_first_write and seen_at_first_write[0] <= LONG + 1
    assert read[0] == 10 * LONG
    assert sys.stdout.getvalue().count("row ") == 10 * LONG


@pytest.mark.parametrize(
    "args", [("list",), ("list", "--json"), ("stale",), ("stale", "--json"), ("balance",)]
)
def test_a_listing_cut_short_by_its_reader_ends_quietly(
    template: Path, db_path: Path, args: tuple[str, ...]
) -> None:
    import os
    import subprocess
    import sys

    copy_journal(template, db_path)
    env = {**os.environ, "NETJOURNAL_DB": str(db_path)}
    command = [sys.executable, "-m", "netjournal", *args]
    done = subprocess.run(
        ["sh", "-c", '"$@" | head -c 10', "sh", *command],
        capture_output=True,
        text=True,
        env=env,
        timeout=60,
        check=False,
    )
    assert len(done.stdout) == 10
    assert done.stderr == ""  # no "Exception ignored", no traceback
