"""A JSON document written as it is read gives what the same document held whole gives.

``net import file.json`` writes people a batch at a time while it reads, and
interactions and help records as soon as their people are written; records
whose person comes later (or never) wait for the end.  The document held
whole (``import_document``, as ``net tour`` and contacts files use it) is
written after every check.  Both must leave the same journal, say the same
report, and refuse the same files with the same problems, numbered by
their place in the file.  Batches and drains are made tiny here, so that
every example crosses many of them.
"""

from __future__ import annotations

import json
import sqlite3
from collections import Counter
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from conftest import Net
from netjournal.errors import InvalidFile
from netjournal.services import interchange
from netjournal.services.files import import_file
from netjournal.services.interchange import export_document, import_document, parse_json
from netjournal.store import open_journal

KEYS = ["ada", "bo", "cy", "dee", "old-1", "old-2"]  # old-*: already in the journal
# Mostly files that import; now and then one with a problem: nobody is
# "ghost", 2099 is in the future, "Not A Key" is no key.
WHO = st.sampled_from([*KEYS * 6, "ghost"])
DAYS = st.sampled_from(["2026-01-05", "2026-03-01"] * 6 + ["2099-01-01"])
NOTES = st.sampled_from([None, "coffee", "a plumber for the kitchen"])

person = st.fixed_dictionaries(
    {"name": st.sampled_from(["Ada Byron", "Bo Li", "Old Person 1"])},
    optional={
        "key": st.sampled_from([*KEYS * 3, "Not A Key"]),
        "skills": st.lists(st.sampled_from(["tax advice", "plumbing"]), max_size=2),
        "via": WHO,
        "added": DAYS,
    },
)
interaction = st.fixed_dictionaries(
    {"person": WHO, "date": DAYS}, optional={"kind": st.just("call"), "note": NOTES}
)
help_record = st.fixed_dictionaries(
    {
        "person": WHO,
        "direction": st.sampled_from(["gave", "got"]),
        "date": DAYS,
        "what": st.sampled_from(["a lift", "fixed the boiler"]),
    }
)
tie = st.fixed_dictionaries({"a": WHO, "b": WHO}, optional={"note": NOTES})
documents = st.fixed_dictionaries(
    {
        "people": st.lists(person, max_size=8, unique_by=lambda p: p.get("key")),
        "interactions": st.lists(interaction, max_size=12).map(lambda x: x + x[:2]),  # repeats
        "help": st.lists(help_record, max_size=6),
        "ties": st.lists(tie, max_size=3),
    }
)


def _seeded(path: Path) -> Any:
    """A journal with two people, one of them with events the file may repeat."""
    journal = open_journal(path)
    seed = {
        "format": "netjournal",
        "version": 1,
        "people": [
            {"key": "old-1", "name": "Old Person 1", "skills": ["plumbing"]},
            {"key": "old-2", "name": "Old Person 2"},
        ],
        "interactions": [{"person": "old-1", "date": "2026-03-01", "kind": "call"}],
        "help": [{"person": "old-1", "direction": "got", "date": "2026-01-05", "what": "a lift"}],
    }
    import_document(journal, parse_json(json.dumps(seed)))
    return journal


def _outcome(journal: Any, write: Any) -> tuple[Any, Any]:
    """The report or the problems, and the journal after."""
    try:
        said: Any = write().public()
    except InvalidFile as exc:
        said = (str(exc), exc.problems)
    return said, export_document(journal)


@pytest.fixture(autouse=True)
def _tiny_batches(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(interchange._StreamedImport, "BATCH", 2)
    monkeypatch.setattr(interchange, "DRAIN_MASK", 1)  # offered every second record


@settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@example(  # interactions first: those of the people after the first batch wait for them
    body={
        "people": [{"key": k, "name": k.title()} for k in ("ada", "bo", "cy", "dee")],
        "interactions": [{"person": k, "date": "2026-01-05"} for k in ("dee", "cy", "dee")],
        "help": [],
        "ties": [],
    },
    order=["interactions", "people", "help", "ties"],
)
@given(
    body=documents,
    order=st.permutations(["people", "interactions", "help", "ties"]),
)
def test_a_streamed_import_is_the_document_held_whole(
    tmp_path_factory: pytest.TempPathFactory, body: dict[str, Any], order: list[str]
) -> None:
    folder = tmp_path_factory.mktemp("stream")
    text = json.dumps({"format": "netjournal", "version": 2, **{k: body[k] for k in order}})
    file = folder / "doc.json"
    file.write_text(text, encoding="utf-8")
    streamed, held = _seeded(folder / "s.db"), _seeded(folder / "h.db")
    try:
        got = _outcome(streamed, lambda: import_file(streamed, file, None))
        want = _outcome(held, lambda: import_document(held, parse_json(text)))
    finally:
        streamed.close()
        held.close()
    assert got == want
    said, after = got
    if isinstance(said, dict):  # imported: each interaction once, the journal's and the file's

        def seen(r: dict[str, Any]) -> tuple[Any, ...]:
            return r["person"], r["date"], r.get("kind"), r.get("note")

        expected = {seen(r) for r in body["interactions"]} | {("old-1", "2026-03-01", "call", None)}
        assert Counter(map(seen, after["interactions"])) == Counter(expected)


def test_events_before_their_people_wait_for_them(net: Net, tmp_path: Path) -> None:
    """Sections in any order: the events read first are written once their people are."""
    people = [{"key": f"p-{i}", "name": f"Person {i}"} for i in range(30)]
    seen = [{"person": f"p-{i}", "date": "2026-03-01", "note": "coffee"} for i in range(30)]
    file = tmp_path / "late.json"
    file.write_text(
        json.dumps({"format": "netjournal", "version": 1, "interactions": seen, "people": people})
    )
    db = tmp_path / "j.db"
    result = net("--db", str(db), "import", str(file), "--json")
    assert result.code == 0, result.err
    assert json.loads(result.out)["events_added"] == 30
    shown = net("--db", str(db), "show", "p-29", "--json")
    assert [i["note"] for i in json.loads(shown.out)["interactions"]] == ["coffee"]


def test_a_problem_past_many_batches_is_named_by_its_place_and_nothing_is_written(
    net: Net, tmp_path: Path
) -> None:
    people = [{"key": f"p-{i}", "name": f"Person {i}"} for i in range(1200)]
    seen = [{"person": f"p-{i % 1200}", "date": "2026-03-01"} for i in range(20_000)]
    seen[17_001] = {"person": "nobody", "date": "2026-03-01"}
    seen[19_999] = {"person": "p-3", "date": "2099-03-01"}
    file = tmp_path / "bad.json"
    file.write_text(
        json.dumps({"format": "netjournal", "version": 1, "people": people, "interactions": seen})
    )
    db = tmp_path / "j.db"
    assert net("--db", str(db), "add", "Already Here").code == 0
    result = net("--db", str(db), "import", str(file))
    assert result.code != 0
    assert "interactions[17001].person: unknown key 'nobody'" in result.err
    assert "interactions[19999].date: 2099-03-01 is in the future" in result.err
    listed = net("--db", str(db), "list", "--json")
    assert [p["key"] for p in json.loads(listed.out)["people"]] == ["already-here"]


def test_census_counts_people_and_events(tmp_path: Path) -> None:
    from netjournal.services.files import _census

    file = tmp_path / "doc.json"
    body = {
        "people": [{"key": "a", "name": "A"}, {"key": "b", "name": "B", "notes": 'say "name"'}],
        "interactions": [{"person": "a", "date": "2026-01-01"}],
        "ties": [{"a": "a", "b": "b"}],
    }
    file.write_text(json.dumps(body, indent=2))
    assert _census(file) == (2, 1)  # an escaped quote in a note is not a field


def _big(tmp_path: Path, *, bad: bool = False) -> Path:
    people = [{"key": f"p-{i}", "name": f"Person {i}"} for i in range(50)]
    seen = [{"person": f"p-{i % 50}", "date": "2026-03-01"} for i in range(200)]
    if bad:
        seen[-1] = {"person": "nobody", "date": "2026-03-01"}
    file = tmp_path / ("bad.json" if bad else "big.json")
    file.write_text(
        json.dumps({"format": "netjournal", "version": 1, "people": people, "interactions": seen})
    )
    return file


def _import_traced(db: Path, file: Path) -> tuple[list[str], str | None]:
    """The statements an in-process import ran, and its problem (None: it imported)."""
    journal = open_journal(db)
    statements: list[str] = []
    journal.conn.set_trace_callback(statements.append)
    try:
        import_file(journal, file, None)
        return statements, None
    except InvalidFile as exc:
        return statements, str(exc)
    finally:
        journal.close()


def _mode_and_people(db: Path) -> tuple[str, int]:
    conn = sqlite3.connect(db)
    try:
        mode = conn.execute("PRAGMA journal_mode").fetchone()[0]
        return mode, conn.execute("SELECT count(*) FROM person").fetchone()[0]
    finally:
        conn.close()


@pytest.mark.parametrize("bad", [False, True])
def test_a_first_large_import_skips_the_wal_and_gives_it_back(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, bad: bool
) -> None:
    monkeypatch.setattr(interchange, "FILLING_ROWS", 100)
    db = tmp_path / "j.db"
    open_journal(db).close()
    statements, problem = _import_traced(db, _big(tmp_path, bad=bad))
    assert "PRAGMA main.journal_mode = DELETE" in statements
    assert "PRAGMA main.synchronous = FULL" in statements
    assert (problem is not None) == bad
    assert _mode_and_people(db) == ("wal", 0 if bad else 50)


def test_a_journal_someone_has_open_keeps_its_wal_without_waiting(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import time

    monkeypatch.setattr(interchange, "FILLING_ROWS", 100)
    db = tmp_path / "j.db"
    open_journal(db).close()
    other = sqlite3.connect(db)
    try:
        assert other.execute("SELECT count(*) FROM person").fetchone() == (0,)
        start = time.monotonic()
        statements, problem = _import_traced(db, _big(tmp_path))
        waited = time.monotonic() - start
        assert other.execute("SELECT count(*) FROM person").fetchone() == (50,)
    finally:
        other.close()
    assert problem is None
    assert "PRAGMA main.synchronous = FULL" not in statements
    assert waited < 10  # the busy timeout is 15 s: it did not wait for the other
    assert _mode_and_people(db) == ("wal", 50)


def test_a_journal_with_people_keeps_its_wal(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(interchange, "FILLING_ROWS", 100)
    db = tmp_path / "j.db"
    journal = open_journal(db)
    import_document(
        journal,
        parse_json(
            json.dumps({"format": "netjournal", "version": 1, "people": [{"name": "Someone"}]})
        ),
    )
    journal.close()
    statements, problem = _import_traced(db, _big(tmp_path))
    assert problem is None
    assert not any("journal_mode" in s for s in statements)
    assert _mode_and_people(db) == ("wal", 51)
