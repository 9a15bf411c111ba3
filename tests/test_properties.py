"""Properties: name resolution, dates, and the JSON interchange round trip."""

from __future__ import annotations

import json
import shutil
import sqlite3
import unicodedata
from datetime import date, timedelta
from itertools import count
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from conftest import Net
from netjournal.cli import run
from netjournal.clock import parse_date
from netjournal.errors import Ambiguous
from netjournal.matching.text import fold, slug
from netjournal.services.people import resolve

TODAY = date(2026, 11, 27)
SLOW = settings(
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)


def examples(n: int) -> settings:
    """Settings for a property that runs the command line: ``n`` examples, no deadline."""
    return settings(SLOW, max_examples=n)


@pytest.fixture(scope="module")
def empty_journal(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A journal with nobody in it but its matching index built (copied for each example)."""
    path = tmp_path_factory.mktemp("empty") / "netjournal.db"
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("NETJOURNAL_TODAY", TODAY.isoformat())
        for args in (["add", "Someone"], ["rm", "someone", "--yes"]):
            try:
                run(["--db", str(path), *args])
            except SystemExit as exc:
                assert not exc.code, args
    return path


def fresh(empty_journal: Path, path: Path) -> Path:
    """An empty journal at ``path`` (replacing what an earlier example left there)."""
    for extra in ("-wal", "-shm"):
        path.with_name(path.name + extra).unlink(missing_ok=True)
    path.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
    shutil.copyfile(empty_journal, path)
    return path


def write_json(path: Path, document: dict[str, Any]) -> Path:
    path.write_text(json.dumps(document, ensure_ascii=False), encoding="utf-8")
    return path


# ------------------------------------------------------------------ names

LETTERS = "abcdefghijklmnopqrstuvwxyzàáâäçèéêëìíîïñòóôöùúûüß"
word = st.text(alphabet=LETTERS, min_size=2, max_size=7).map(str.capitalize)
full_name = st.lists(word, min_size=1, max_size=3).map(" ".join)


@st.composite
def people_names(draw: st.DrawFn) -> tuple[list[str], str]:
    """Distinct names (after folding), two of them sharing a first word."""
    shared = draw(word)
    group = draw(st.lists(word, min_size=2, max_size=3, unique_by=fold))
    others = draw(st.lists(full_name, min_size=0, max_size=4))
    names = [f"{shared} {w}" for w in group] + others
    unique: dict[str, str] = {}
    for name in names:
        unique.setdefault(fold(name), name)
    # A name that is exactly the shared word would be found by its key, not as a prefix.
    assume(fold(shared) not in unique)
    return list(draw(st.permutations(list(unique.values())))), shared


def unique_prefix(name: str, others: list[str]) -> str | None:
    """The shortest start of ``name`` that starts no other name (compared folded)."""
    for end in range(1, len(name) + 1):
        prefix = fold(name[:end])
        if prefix and not any(fold(o).startswith(prefix) for o in others):
            return name[:end]
    return None


@examples(15)
@given(case=people_names())
def test_every_person_resolves_by_key_name_and_unique_prefix(
    net: Net, tmp_path: Path, empty_journal: Path, case: tuple[list[str], str]
) -> None:
    names, shared = case
    db = fresh(empty_journal, tmp_path / "names" / "netjournal.db")
    document = {"format": "netjournal", "version": 1, "people": [{"name": n} for n in names]}
    imported = net("--db", str(db), "import", str(write_json(tmp_path / "names.json", document)))
    assert imported.code == 0, imported.err
    keys = {name: slug(name) for name in names}
    listed = net("--db", str(db), "list", "--json").json()["people"]
    assert {p["key"]: p["name"] for p in listed} == {k: n for n, k in keys.items()}

    conn = sqlite3.connect(db)
    try:
        for name in names:
            others = [o for o in names if o != name]
            refs = [keys[name], keys[name].upper(), name, name.upper(), fold(name)]
            prefix = unique_prefix(name, others)
            if prefix is not None:
                refs += [prefix, prefix.upper(), fold(prefix)]
            for ref in refs:
                assert resolve(conn, ref)[1] == keys[name], (ref, name, names)
        # Through the command line, for the first person of the example.
        first = names[0]
        prefix = unique_prefix(first, names[1:])
        for ref in [keys[first], first] + ([prefix] if prefix else []):
            shown = net("--db", str(db), "show", ref, "--json")
            assert shown.code == 0, (ref, shown.err)
            assert shown.json()["key"] == keys[first]

        candidates = sorted(keys[n] for n in names if fold(n).startswith(fold(shared)))
        assert len(candidates) >= 2
        with pytest.raises(Ambiguous) as excinfo:
            resolve(conn, shared)
        if len(candidates) <= 10:
            for key in candidates:
                assert f"({key})" in excinfo.value.message
    finally:
        conn.close()
    result = net("--db", str(db), "show", shared.lower())
    assert result.code == 1 and result.err.startswith("Error:")
    for key in candidates[:10]:
        assert f"({key})" in result.err, (key, result.err)
    not_candidates = [keys[n] for n in names if keys[n] not in candidates]
    for key in not_candidates:
        assert f"({key})" not in result.err


# ------------------------------------------------------------------ dates


@settings(max_examples=300, deadline=None)
@given(day=st.dates(min_value=date(2000, 1, 1), max_value=TODAY))
def test_parse_date_reads_every_iso_date_up_to_today(day: date) -> None:
    assert parse_date(day.isoformat()) == day
    assert parse_date(f"  {day.isoformat()} ") == day


@settings(max_examples=150, deadline=None)
@given(n=st.integers(min_value=0, max_value=3000))
def test_parse_date_reads_days_ago(n: int) -> None:
    assert parse_date(f"{n} days ago") == TODAY - timedelta(days=n)


@settings(max_examples=100, deadline=None)
@given(day=st.dates(min_value=TODAY + timedelta(days=1), max_value=date(2100, 12, 31)))
def test_parse_date_refuses_every_future_date(day: date) -> None:
    from netjournal.errors import InvalidInput

    with pytest.raises(InvalidInput):
        parse_date(day.isoformat())
    assert parse_date(day.isoformat(), allow_future=True) == day


@pytest.fixture
def anna(net: Net, db_path: Path, empty_journal: Path) -> Net:
    fresh(empty_journal, db_path)
    assert net("add", "Anna Rossi").code == 0
    return net


NOTES = count()


@examples(20)
@given(day=st.dates(min_value=date(2000, 1, 1), max_value=TODAY))
def test_on_iso_date_stores_that_date(anna: Net, day: date) -> None:
    note = f"iso note {next(NOTES)}"
    assert anna("log", "anna-rossi", note, "--on", day.isoformat()).code == 0
    found = [
        i["date"]
        for i in anna("show", "anna-rossi", "--json").json()["interactions"]
        if i["note"] == note
    ]
    assert found == [day.isoformat()]


@examples(20)
@given(n=st.integers(min_value=0, max_value=3000))
def test_on_days_ago_stores_today_minus_n(anna: Net, n: int) -> None:
    note = f"ago note {next(NOTES)}"
    result = anna("gave", "anna-rossi", note, "--on", f"{n} days ago")
    assert result.code == 0, result.err
    expected = (TODAY - timedelta(days=n)).isoformat()
    assert expected in result.err
    found = [
        h["date"] for h in anna("show", "anna-rossi", "--json").json()["help"] if h["what"] == note
    ]
    assert found == [expected]


@examples(10)
@given(day=st.dates(min_value=date(2000, 1, 1), max_value=TODAY))
def test_add_on_sets_added(anna: Net, day: date) -> None:
    key = f"p-{next(NOTES)}"
    assert anna("add", "Dated Person", "--key", key, "--on", day.isoformat()).code == 0
    assert anna("show", key, "--json").json()["added"] == day.isoformat()


# ------------------------------------------------------------------ JSON round trip

_chars = st.characters(blacklist_categories=("Cc", "Cs", "Co", "Cn", "Zs", "Zl", "Zp"))
_text_chars = st.one_of(_chars, st.just(" "))


def text(max_size: int = 20, *, lines: bool = False) -> st.SearchStrategy[str]:
    alphabet = st.one_of(_text_chars, st.just("\n")) if lines else _text_chars
    return st.text(alphabet, min_size=1, max_size=max_size).map(str.strip).filter(bool)


def maybe(strategy: st.SearchStrategy[Any]) -> st.SearchStrategy[Any]:
    return st.one_of(st.none(), strategy)


labels = st.lists(text(12), max_size=3, unique_by=str.casefold)


def _contact_identity(value: str) -> str:
    """E-mails and phones that are the same: by their digits (phones), else by case."""
    return "".join(ch for ch in value if ch.isdigit()) or value.casefold()


keys_strategy = st.from_regex(r"[a-z0-9]{1,6}(-[a-z0-9]{1,4}){0,2}", fullmatch=True)
days = st.dates(min_value=date(2000, 1, 1), max_value=TODAY).map(date.isoformat)


@st.composite
def documents(draw: st.DrawFn) -> dict[str, Any]:
    keys = draw(st.lists(keys_strategy, min_size=1, max_size=4, unique=True))
    people = []
    for key in keys:
        person: dict[str, Any] = {
            "key": key,
            "name": draw(text(30)),
            "aliases": draw(labels),
            "skills": draw(labels),
            "tags": draw(labels),
            "values": draw(labels),
        }
        for field_name in ("org", "title", "city", "met"):
            person[field_name] = draw(maybe(text(20)))
        # Version 2: every e-mail and phone, the preferred (``email``, ``phone``) first.
        for one, many in (("email", "emails"), ("phone", "phones")):
            person[many] = draw(st.lists(text(20), max_size=3, unique_by=_contact_identity))
            person[one] = person[many][0] if person[many] else None
        person["notes"] = draw(maybe(text(60, lines=True)))
        person["cadence_days"] = draw(maybe(st.integers(min_value=1, max_value=3650)))
        person["via"] = draw(maybe(st.sampled_from([k for k in keys if k != key] or [None])))
        person["added"] = draw(days)
        birthday = draw(maybe(st.dates(min_value=date(1900, 1, 1), max_value=TODAY)))
        person["birthday"] = birthday.isoformat() if birthday is not None else None
        person["url"] = draw(maybe(text(30)))
        people.append(person)
    who = st.sampled_from(keys)
    interactions = draw(
        st.lists(
            st.fixed_dictionaries(
                {"person": who, "date": days, "kind": maybe(text(10)), "note": maybe(text(30))}
            ),
            max_size=4,
            unique_by=lambda r: (r["person"], r["date"], r["kind"], r["note"]),
        )
    )
    help_ = draw(
        st.lists(
            st.fixed_dictionaries(
                {
                    "person": who,
                    "direction": st.sampled_from(["gave", "got"]),
                    "date": days,
                    "what": text(30),
                    "skill": maybe(text(12)),
                }
            ),
            max_size=4,
            # By field, not by values(): a shrunk example may hold its keys in another order.
            unique_by=lambda r: (r["person"], r["direction"], r["date"], r["what"], r["skill"]),
        )
    )
    pairs = [(a, b) for a in keys for b in keys if a < b]
    ties = [
        {"a": a, "b": b, "note": draw(maybe(text(20)))}
        for a, b in (
            draw(st.lists(st.sampled_from(pairs), max_size=3, unique=True)) if pairs else []
        )
    ]
    needs = []
    for i in range(draw(st.integers(min_value=0, max_value=4))):
        status = draw(st.sampled_from(["open", "met", "dropped"]))
        for_ = draw(maybe(st.sampled_from(keys)))
        on = draw(st.dates(min_value=date(2000, 1, 1), max_value=TODAY))
        closed = None if status == "open" else draw(st.dates(min_value=on, max_value=TODAY))
        helpers = [k for k in keys if k != for_]
        met_by = draw(maybe(st.sampled_from(helpers))) if status == "met" and helpers else None
        needs.append(
            {
                "id": draw(st.from_regex(r"n-[0-9a-z]{4,6}", fullmatch=True)) + f"{i}",
                "for": for_,
                "need": draw(text(30)),
                "date": on.isoformat(),
                "status": status,
                "closed": closed.isoformat() if closed else None,
                "met_by": met_by,
            }
        )
    tag_cadences = draw(
        st.dictionaries(
            st.from_regex(r"[a-z]{1,8}", fullmatch=True), st.integers(1, 3650), max_size=3
        )
    )
    settings = {
        "default_cadence_days": draw(st.integers(min_value=1, max_value=3650)),
        "tag_cadences": dict(sorted(tag_cadences.items())),
    }
    referrals = []
    if len(keys) > 1:
        referrals = draw(
            st.lists(
                st.fixed_dictionaries(
                    {"person": who, "to": who, "need": text(20), "date": days}
                ).filter(lambda r: r["person"] != r["to"]),
                max_size=3,
                unique_by=lambda r: (r["person"], r["to"], r["need"], r["date"]),
            )
        )
    return {
        "format": "netjournal",
        "version": 2,
        "settings": settings,
        "people": people,
        "interactions": interactions,
        "help": help_,
        "ties": ties,
        "referrals": referrals,
        "needs": needs,
    }


def normalised(document: dict[str, Any]) -> dict[str, Any]:
    """Lists ordered by key, events by date then person (then the rest of the record)."""

    def event_order(record: dict[str, Any]) -> tuple[str, str, str]:
        return (record["date"], record["person"], json.dumps(record, sort_keys=True))

    return {
        "format": document["format"],
        "version": document["version"],
        # A journal keeps names composed (NFC): "é" typed two ways is one name.
        "people": sorted(
            ({**p, "name": unicodedata.normalize("NFC", p["name"])} for p in document["people"]),
            key=lambda p: p["key"],
        ),
        "interactions": sorted(document["interactions"], key=event_order),
        "help": sorted(document["help"], key=event_order),
        "ties": sorted(document["ties"], key=lambda t: (t["a"], t["b"])),
        "referrals": sorted(document["referrals"], key=event_order),
        "needs": sorted(
            document.get("needs", []), key=lambda n: (n["date"], n["for"] or "", n["id"])
        ),
        "settings": document.get("settings"),
    }


@examples(15)
@given(document=documents())
def test_json_export_import_export_is_stable(
    net: Net, tmp_path: Path, empty_journal: Path, document: dict[str, Any]
) -> None:
    first_db = fresh(empty_journal, tmp_path / "one" / "netjournal.db")
    second_db = fresh(empty_journal, tmp_path / "two" / "netjournal.db")
    source = write_json(tmp_path / "source.json", document)
    imported = net("--db", str(first_db), "import", str(source))
    assert imported.code == 0, imported.err

    first = net("--db", str(first_db), "export", "--format", "json")
    assert first.code == 0, first.err
    exported_document = json.loads(first.out)
    assert normalised(exported_document) == normalised(document)
    # The export itself is ordered: people and ties by key, events by date then person.
    assert [p["key"] for p in exported_document["people"]] == sorted(
        p["key"] for p in document["people"]
    )
    assert exported_document["ties"] == sorted(
        exported_document["ties"], key=lambda t: (t["a"], t["b"])
    )
    for section in ("interactions", "help", "referrals"):
        order = [(r["date"], r["person"]) for r in exported_document[section]]
        assert order == sorted(order), section
    order = [(n["date"], n["for"] or "", n["id"]) for n in exported_document["needs"]]
    assert order == sorted(order), "needs"
    assert exported_document["version"] == 2

    exported = tmp_path / "first.json"
    exported.write_text(first.out, encoding="utf-8")
    again = net("--db", str(second_db), "import", str(exported))
    assert again.code == 0, again.err
    second = net("--db", str(second_db), "export", "--format", "json")
    assert second.out == first.out


@examples(10)
@given(document=documents(), drop_ids=st.booleans())
def test_importing_a_document_twice_changes_nothing(
    net: Net, tmp_path: Path, empty_journal: Path, document: dict[str, Any], drop_ids: bool
) -> None:
    from conftest import snapshot

    if drop_ids:  # needs without ids are matched by person, text and day
        document["needs"] = [{k: v for k, v in n.items() if k != "id"} for n in document["needs"]]
    db = fresh(empty_journal, tmp_path / "twice" / "netjournal.db")
    source = write_json(tmp_path / "twice.json", document)
    first = net("--db", str(db), "import", str(source), "--json")
    assert first.code == 0, first.err
    before = snapshot(db)
    again = net("--db", str(db), "import", str(source), "--json")
    assert again.code == 0, again.err
    report = again.json()
    assert isinstance(report, dict)
    assert (report["added"], report["updated"], report["events_added"]) == ([], [], 0)
    assert snapshot(db) == before
    exported = json.loads(net("--db", str(db), "export").out)
    assert len(exported["needs"]) == len(document["needs"])


@examples(10)
@given(document=documents())
def test_a_version_1_document_reads_as_version_2_without_needs(
    net: Net, tmp_path: Path, empty_journal: Path, document: dict[str, Any]
) -> None:
    old = {k: v for k, v in document.items() if k not in ("needs", "settings")}
    old["version"] = 1
    db = fresh(empty_journal, tmp_path / "v1" / "netjournal.db")
    imported = net("--db", str(db), "import", str(write_json(tmp_path / "v1.json", old)))
    assert imported.code == 0, imported.err
    exported = json.loads(net("--db", str(db), "export").out)
    assert exported["version"] == 2 and exported["needs"] == []
    assert exported["settings"] == {"default_cadence_days": 90, "tag_cadences": {}}
    expected = normalised({**old, "version": 2, "needs": [], "settings": exported["settings"]})
    assert normalised(exported) == expected
