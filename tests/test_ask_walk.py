"""The walk that weighs only the ties that may make the top gives the answer of weighing all.

``ask`` reads the last contact of candidates a batch at a time, best
relevance first, and weighs the ties of the best bounds a batch at a time,
stopping when nobody left can reach the top.  Batches of one candidate and
one batch of everyone must give the same suggestions, scores and reasons.
"""

from __future__ import annotations

import itertools
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from netjournal.codecs.document import Document
from netjournal.services import ask as engine
from netjournal.services.interchange import import_document
from netjournal.store import open_journal

TODAY = date(2026, 11, 27)
WHERE = ("skills", "title", "notes")

person = st.tuples(
    st.sampled_from(WHERE),  # where they say they are a lawyer
    st.lists(st.integers(0, 400), max_size=7, unique=True),  # days ago of each contact
    st.integers(0, 3),  # help they gave you
    st.integers(0, 2),  # help you gave them
    st.booleans(),  # known through the first person
)


def _document(people: list[tuple[str, list[int], int, int, bool]]) -> dict[str, Any]:
    doc: dict[str, Any] = {"format": "netjournal", "version": 1, "people": [], "interactions": []}
    doc["help"] = []
    for n, (where, contacts, got, gave, via) in enumerate(people):
        key = f"p{n:02d}"
        record: dict[str, Any] = {"key": key, "name": f"Person {n:02d}"}
        record[where] = (
            ["lawyer"]
            if where == "skills"
            else ("Lawyer" if where == "title" else "A lawyer in town.")
        )
        if via and n:
            record["via"] = "p00"
        doc["people"].append(record)
        for days in contacts:
            day = (TODAY - timedelta(days=days)).isoformat()
            doc["interactions"].append({"person": key, "date": day, "kind": "call"})
        for i, direction in itertools.chain(
            ((i, "got") for i in range(got)), ((i, "gave") for i in range(gave))
        ):
            day = (TODAY - timedelta(days=30 * (i + 1))).isoformat()
            doc["help"].append(
                {"person": key, "direction": direction, "date": day, "what": f"help {i}"}
            )
    return doc


def _answers(
    tmp: Path, doc: dict[str, Any], batches: int
) -> list[list[tuple[str, float, list[str]]]]:
    journal = open_journal(tmp / f"j{batches}.db")
    try:
        import_document(journal, Document.model_validate(doc))
        out = []
        with journal.read() as conn:
            for limit in (1, 3, 5):
                answer = engine.ask(conn, "need a lawyer", today=TODAY, limit=limit)
                out.append([(s.key, s.score, s.reasons) for s in answer.suggestions])
        return out
    finally:
        journal.close()


@settings(
    max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(people=st.lists(person, min_size=1, max_size=30))
# A warm tie first; then one whose old contact bounds it below the first; then
# the warmest, which only a walk in the order of the bounds still reaches.
@example(
    people=[
        ("skills", [0, 1, 2, 3, 4, 5], 0, 0, False),
        ("skills", [400], 0, 0, False),
        ("skills", [0, 1, 2, 3, 4, 5], 3, 0, False),
    ]
)
def test_walking_in_small_batches_is_weighing_everyone(
    people: list[tuple[str, list[int], int, int, bool]],
    tmp_path_factory: pytest.TempPathFactory,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    doc = _document(people)
    tmp = tmp_path_factory.mktemp("walk")
    with monkeypatch.context() as patch:
        patch.setattr(engine, "TIE_BATCH", 1)
        patch.setattr(engine, "REACH_BATCH", 1)
        small = _answers(tmp, doc, 1)
    with monkeypatch.context() as patch:
        patch.setattr(engine, "TIE_BATCH", 10_000)
        patch.setattr(engine, "REACH_BATCH", 10_000)
        whole = _answers(tmp, doc, 10_000)
    assert small == whole
    assert [len(a) for a in whole] == [min(limit, len(people)) for limit in (1, 3, 5)]


def test_a_city_only_the_journal_knows_is_found_in_any_case(tmp_path: Path) -> None:
    doc = {
        "format": "netjournal",
        "version": 1,
        "people": [
            {"key": "ada", "name": "Ada Bo", "title": "Plumber", "city": "Castelvecchio"},
            {"key": "bo", "name": "Bo Da", "title": "Plumber", "city": "VILLAFRANCA"},
            {"key": "cy", "name": "Cy Ra", "title": "Plumber", "city": "Montalto"},
        ],
    }
    journal = open_journal(tmp_path / "j.db")
    try:
        import_document(journal, Document.model_validate(doc))
        with journal.read() as conn:
            for need, expected in (
                ("a plumber in castelvecchio", ["ada"]),
                ("a plumber in Villafranca", ["bo"]),
                ("un idraulico a Montalto", ["cy"]),
                ("a plumber", ["ada", "bo", "cy"]),
            ):
                found = engine.ask(conn, need, today=TODAY).suggestions
                assert sorted(s.key for s in found) == expected, need
    finally:
        journal.close()
