"""Bad files: imports that must write nothing, and journal files that cannot be used."""

from __future__ import annotations

import json
import os
import sqlite3
from pathlib import Path
from typing import Any

import pytest

from conftest import Net, Result, copy_journal, journal_rows, seed_journal, snapshot


def assert_refused(result: Result) -> None:
    assert result.code == 1, f"exit {result.code}; stderr: {result.err!r}"
    assert result.err.startswith("Error: "), result.err
    assert "Traceback" not in result.err + result.out
    assert "Error: unexpected" not in result.err, result.err


def doc(**sections: Any) -> dict[str, Any]:
    return {"format": "netjournal", "version": 1, **sections}


@pytest.fixture(scope="module")
def template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return seed_journal(
        tmp_path_factory.mktemp("template"),
        ("add", "Anna Rossi", "--skill", "contracts"),
        ("add", "Marco Bianchi"),
        ("log", "anna-rossi", "coffee", "--on", "2026-10-02"),
    )


@pytest.fixture
def journal(template: Path, db_path: Path) -> Path:
    """A journal with two people and a contact, to check that nothing is added."""
    return copy_journal(template, db_path)


def import_refused(net: Net, db_path: Path, path: Path, *more: str, full: bool = False) -> Result:
    """The import fails cleanly and the journal is as it was (``full``: lexicon included)."""
    before = snapshot(db_path) if full else journal_rows(db_path)
    result = net("import", str(path), *more)
    assert_refused(result)
    assert (snapshot(db_path) if full else journal_rows(db_path)) == before
    return result


# ------------------------------------------------------------------ import

BAD_DOCUMENTS: dict[str, tuple[str, list[str]]] = {
    # name: (file text, words the error must contain)
    "not-json": ('{"format": "netjournal", "version": 1,', ["JSON"]),
    "empty-object": ("{}", ["format"]),
    "list": ("[]", ["JSON object"]),
    "string": ('"netjournal"', ["JSON object"]),
    "wrong-format": (json.dumps({"format": "vcard", "version": 1}), ["format", "vcard"]),
    "no-format": (json.dumps({"version": 1, "people": []}), ["format"]),
    "wrong-version": (json.dumps(doc(version=3)), ["version", "3", "reads versions 1 and 2"]),
    "needs-in-version-1": (
        json.dumps(doc(needs=[{"need": "a lawyer", "date": "2026-01-01"}])),
        ["needs: a version 1 document has no needs"],
    ),
    "version-string": (json.dumps(doc(version="1")), ["version"]),
    "missing-name": (json.dumps(doc(people=[{"key": "x"}])), ["people[0].name"]),
    "empty-name": (
        json.dumps(doc(people=[{"name": "Ok"}, {"name": "  "}])),
        ["people[1].name", "empty"],
    ),
    "name-not-text": (json.dumps(doc(people=[{"name": 42}])), ["people[0].name"]),
    "duplicate-keys": (
        json.dumps(doc(people=[{"name": "A", "key": "dup"}, {"name": "B", "key": "dup"}])),
        ["people[1].key", "dup"],
    ),
    "bad-key": (json.dumps(doc(people=[{"name": "A", "key": "Not A Key"}])), ["people[0].key"]),
    "unknown-person-field": (
        json.dumps(doc(people=[{"name": "A", "nickname": "a"}])),
        ["people[0].nickname"],
    ),
    "unknown-help-person": (
        json.dumps(
            doc(help=[{"person": "x", "direction": "got", "date": "2026-01-01", "what": "w"}])
        ),
        ["help[0].person", "unknown key 'x'"],
    ),
    "unknown-interaction-person": (
        json.dumps(doc(interactions=[{"person": "nobody", "date": "2026-01-01", "note": "x"}])),
        ["interactions[0].person", "'nobody'"],
    ),
    "unknown-tie-end": (
        json.dumps(doc(ties=[{"a": "anna-rossi", "b": "zz"}])),
        ["ties[0].b", "'zz'"],
    ),
    "unknown-referral-to": (
        json.dumps(
            doc(referrals=[{"person": "anna-rossi", "to": "q", "need": "x", "date": "2026-01-01"}])
        ),
        ["referrals[0].to", "'q'"],
    ),
    "unknown-via": (json.dumps(doc(people=[{"name": "B", "via": "nobody"}])), ["people[0].via"]),
    "self-via": (
        json.dumps(doc(people=[{"name": "B", "key": "b", "via": "b"}])),
        ["people[0].via"],
    ),
    "self-tie": (json.dumps(doc(ties=[{"a": "anna-rossi", "b": "anna-rossi"}])), ["ties[0]"]),
    "self-referral": (
        json.dumps(
            doc(
                referrals=[
                    {"person": "anna-rossi", "to": "anna-rossi", "need": "x", "date": "2026-01-01"}
                ]
            )
        ),
        ["referrals[0]"],
    ),
    "bad-direction": (
        json.dumps(
            doc(
                help=[
                    {"person": "anna-rossi", "direction": "took", "date": "2026-01-01", "what": "w"}
                ]
            )
        ),
        ["help[0].direction"],
    ),
    "impossible-date": (
        json.dumps(doc(interactions=[{"person": "anna-rossi", "date": "2026-02-30"}])),
        ["interactions[0].date"],
    ),
    "zero-cadence": (
        json.dumps(doc(people=[{"name": "Q", "cadence_days": 0}])),
        ["people[0].cadence_days"],
    ),
    "unknown-section": (json.dumps(doc(friends=[])), ["friends"]),
    "people-not-a-list": (json.dumps(doc(people={"name": "A"})), ["people"]),
}


@pytest.mark.parametrize("name", BAD_DOCUMENTS, ids=BAD_DOCUMENTS.keys())
def test_bad_json_documents_write_nothing(
    net: Net, journal: Path, tmp_path: Path, name: str
) -> None:
    text, words = BAD_DOCUMENTS[name]
    path = tmp_path / f"{name}.json"
    path.write_text(text, encoding="utf-8")
    result = import_refused(net, journal, path)
    for word in words:
        assert word in result.err, (word, result.err)


def test_every_problem_is_listed_at_once(net: Net, journal: Path, tmp_path: Path) -> None:
    path = tmp_path / "many.json"
    path.write_text(
        json.dumps(
            doc(
                people=[{"name": "New Person", "via": "ghost"}],
                interactions=[{"person": "q", "date": "2026-01-01"}],
                ties=[{"a": "anna-rossi", "b": "zz"}],
            )
        )
    )
    result = import_refused(net, journal, path, full=True)
    for where in ("people[0].via", "interactions[0].person", "ties[0].b"):
        assert where in result.err, (where, result.err)


def test_a_control_character_in_an_imported_name_is_refused(
    net: Net, journal: Path, tmp_path: Path
) -> None:
    """What `net add` refuses cannot come in through a file either."""
    path = tmp_path / "control.json"
    path.write_text(json.dumps(doc(people=[{"name": "Bad\u0001Name"}])))
    result = import_refused(net, journal, path)
    assert "people[0].name" in result.err


def test_a_future_event_in_an_imported_file_is_refused(
    net: Net, journal: Path, tmp_path: Path
) -> None:
    """Past events cannot be dated after today, whether typed or imported."""
    path = tmp_path / "future.json"
    path.write_text(
        json.dumps(doc(interactions=[{"person": "anna-rossi", "date": "2099-01-01", "note": "x"}]))
    )
    result = import_refused(net, journal, path)
    assert "interactions[0].date" in result.err


def long_document(size: int = 2000) -> dict[str, Any]:
    people = [
        {"key": f"person-{i:04d}", "name": f"Person {i:04d}", "skills": ["plumbing"]}
        for i in range(size)
    ]
    interactions = [
        {"person": f"person-{i:04d}", "date": "2026-03-01", "kind": "call", "note": f"call {i}"}
        for i in range(size)
    ]
    return doc(people=people, interactions=interactions)


@pytest.mark.parametrize(
    ("spoil", "where"),
    [
        (lambda d: d["people"].append({"name": ""}), "people[2000].name"),
        (lambda d: d["people"][-1].update(key="person-0000"), "people[1999].key"),
        (lambda d: d["people"][-1].update(via="ghost"), "people[1999].via"),
        (
            lambda d: d["interactions"].append({"person": "ghost", "date": "2026-01-01"}),
            "interactions[2000].person",
        ),
        (
            lambda d: d.setdefault("help", []).append(
                {"person": "person-1999", "direction": "got", "date": "2026-13-01", "what": "x"}
            ),
            "help[0].date",
        ),
    ],
    ids=["empty-name", "duplicate-key", "unknown-via", "unknown-person", "bad-date"],
)
def test_a_bad_record_at_the_end_of_a_long_file_writes_nothing(
    net: Net, journal: Path, tmp_path: Path, spoil: Any, where: str
) -> None:
    document = long_document()
    spoil(document)
    path = tmp_path / "long.json"
    path.write_text(json.dumps(document))
    result = import_refused(net, journal, path, full=where == "people[2000].name")
    assert where in result.err, result.err
    assert [p["key"] for p in net("list", "--json").json()["people"]] == [
        "anna-rossi",
        "marco-bianchi",
    ]


def test_the_long_file_itself_imports(net: Net, journal: Path, tmp_path: Path) -> None:
    path = tmp_path / "long.json"
    path.write_text(json.dumps(long_document()))
    result = net("import", str(path), "--json")
    assert result.code == 0, result.err
    report = result.json()
    assert (len(report["added"]), report["events_added"]) == (2000, 2000)
    assert len(net("list", "--json").json()["people"]) == 2002


@pytest.mark.parametrize(
    "make",
    [
        lambda tmp: tmp / "missing.json",
        lambda tmp: tmp / "no-folder" / "missing.json",
        lambda tmp: tmp,
        lambda tmp: Path(tmp / "empty.json"),
        lambda tmp: Path(tmp / "blank.json"),
        lambda tmp: Path(tmp / "binary.json"),
    ],
    ids=["missing", "missing-folder", "directory", "empty", "blank", "binary"],
)
def test_unreadable_import_paths_write_nothing(
    net: Net, journal: Path, tmp_path: Path, make: Any
) -> None:
    (tmp_path / "empty.json").write_bytes(b"")
    (tmp_path / "blank.json").write_bytes(b"  \n\t\n")
    (tmp_path / "binary.json").write_bytes(bytes(range(256)) * 8)
    path = make(tmp_path)
    result = import_refused(net, journal, path)
    if path.name != "binary.json":
        assert str(path) in result.err, result.err


def test_unknown_import_format_is_refused(net: Net, journal: Path, tmp_path: Path) -> None:
    path = tmp_path / "people.json"
    path.write_text(json.dumps(doc(people=[{"name": "New Person"}])))
    result = import_refused(net, journal, path, "--format", "excel")
    assert "excel" in result.err


def test_a_json_file_forced_as_vcard_is_refused(net: Net, journal: Path, tmp_path: Path) -> None:
    path = tmp_path / "people.json"
    path.write_text(json.dumps(doc(people=[{"name": "New Person"}])))
    import_refused(net, journal, path, "--format", "vcard")


def test_an_unreadable_file_is_refused(net: Net, journal: Path, tmp_path: Path) -> None:
    if os.geteuid() == 0:
        pytest.skip("root reads every file")
    path = tmp_path / "locked.json"
    path.write_text(json.dumps(doc()))
    path.chmod(0)
    import_refused(net, journal, path)


# ------------------------------------------------------------------ bad stores


def store_refused(net: Net, path: Path) -> Result:
    """Every way of opening the store is refused; the file is left byte for byte."""
    before = path.read_bytes() if path.is_file() else None
    results = [
        net("--db", str(path), "list", "--json"),
        net("--db", str(path), "add", "Zoe Adams"),
        net("--db", str(path), "doctor"),
    ]
    for result in results:
        assert_refused(result)
        assert result.out == ""
    if before is not None:
        assert path.read_bytes() == before
    return results[0]


def test_a_directory_as_the_store_is_refused(net: Net, tmp_path: Path) -> None:
    folder = tmp_path / "a-folder"
    folder.mkdir()
    result = store_refused(net, folder)
    assert "folder" in result.err
    assert list(folder.iterdir()) == []


def test_a_text_file_as_the_store_is_refused(net: Net, tmp_path: Path) -> None:
    path = tmp_path / "notes.txt"
    path.write_text("my shopping list\nmilk\n")
    result = store_refused(net, path)
    assert "not a netjournal journal" in result.err


def test_random_bytes_as_the_store_are_refused(net: Net, tmp_path: Path) -> None:
    path = tmp_path / "random.db"
    path.write_bytes(os.urandom(8192))
    store_refused(net, path)


def test_another_sqlite_database_is_refused(net: Net, tmp_path: Path) -> None:
    path = tmp_path / "other.db"
    conn = sqlite3.connect(path)
    conn.execute("CREATE TABLE things (id INTEGER PRIMARY KEY, name TEXT)")
    conn.execute("INSERT INTO things (name) VALUES ('x')")
    conn.commit()
    conn.close()
    result = store_refused(net, path)
    assert "not a netjournal journal" in result.err


def test_a_truncated_journal_is_refused(net: Net, tmp_path: Path) -> None:
    path = tmp_path / "full.db"
    big = tmp_path / "big.json"
    big.write_text(json.dumps(long_document(400)))
    assert net("--db", str(path), "import", str(big)).code == 0
    assert not path.with_name(path.name + "-wal").exists()
    data = path.read_bytes()
    cut = tmp_path / "cut.db"
    cut.write_bytes(data[: len(data) // 2])
    result = store_refused(net, cut)
    assert "damaged" in result.err or "malformed" in result.err


def test_a_header_only_journal_is_refused(net: Net, tmp_path: Path) -> None:
    path = tmp_path / "header.db"
    path.write_bytes(b"SQLite format 3\x00" + b"\x00" * 84)
    store_refused(net, path)


def test_a_store_in_missing_folders_is_created_private(net: Net, tmp_path: Path) -> None:
    path = tmp_path / "new" / "deeper" / "still" / "journal.db"
    assert net("--db", str(path), "add", "Anna Rossi").code == 0
    assert net("--db", str(path), "log", "anna", "coffee").code == 0
    people = net("--db", str(path), "list", "--json").json()["people"]
    assert [p["key"] for p in people] == ["anna-rossi"]
    assert path.stat().st_mode & 0o777 == 0o600
    for folder in (path.parent, path.parent.parent, path.parent.parent.parent):
        assert folder.stat().st_mode & 0o777 == 0o700, folder


def test_a_store_under_a_file_is_refused(net: Net, tmp_path: Path) -> None:
    blocker = tmp_path / "plain-file"
    blocker.write_text("x")
    result = net("--db", str(blocker / "journal.db"), "list", "--json")
    assert_refused(result)
    assert blocker.read_text() == "x"


def test_doctor_on_a_sound_journal(net: Net, journal: Path) -> None:
    result = net("doctor")
    assert result.code == 0, result.err
    assert "integrity" in result.out
    report = net("doctor", "--json").json()
    assert report["ok"] is True
    assert report["people"] == 2
    checks = {c["name"]: c["ok"] for c in report["checks"]}
    assert checks["integrity"] is True
    assert all(checks.values()), checks
    assert Path(report["journal"]) == journal
