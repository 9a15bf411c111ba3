"""The ask engine as a service, per kind of need, on a small real journal."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest

from netjournal.codecs.document import Document
from netjournal.services.ask import ask, understand
from netjournal.services.interchange import import_document
from netjournal.store import Journal, open_journal

TODAY = date(2026, 11, 27)

NETWORK = {
    "format": "netjournal",
    "version": 1,
    "people": [
        {"key": "anna", "name": "Anna Rossi", "skills": ["family law"], "title": "Avvocato"},
        {"key": "bea", "name": "Bea Conti", "skills": ["idraulico"], "city": "Torino"},
        {
            "key": "carl",
            "name": "Carl Berg",
            "skills": ["tax returns", "bookkeeping"],
            "title": "Accountant",
        },
        {"key": "dora", "name": "Dora Pinna", "title": "Bank clerk"},
        {
            "key": "ezio",
            "name": "Ezio Neri",
            "skills": ["React", "TypeScript"],
            "title": "Frontend developer",
        },
        {"key": "fede", "name": "Federica Sala", "skills": ["veterinaria"], "via": "ezio"},
        {"key": "max", "name": "Max Weber", "skills": ["Go", "gRPC"], "title": "Engineer"},
        {
            "key": "lia",
            "name": "Lia Gallo",
            "title": "Cashier",
            "notes": "Her flat needs a plumber before the winter.",
        },
        {
            "key": "gio",
            "name": "Giorgio Lawrence",
            "title": "Barista",
            "notes": "Loves Java coffee; keeps two pythons; his mother-in-law is a judge.",
        },
        {
            "key": "hana",
            "name": "Hana Kim",
            "title": "Research scientist",
            "notes": "PhD in chemistry, everyone calls her doctor.",
        },
        {"key": "ivo", "name": "Ivo Costa", "skills": ["dermatology"], "title": "Dermatologist"},
        {"key": "jan", "name": "Jan Moro", "skills": ["electrician"]},
        {
            "key": "kai",
            "name": "Kai Lund",
            "skills": ["electrical installations"],
            "title": "Electrician",
        },
    ],
    "interactions": [
        {"person": "jan", "date": "2026-11-20", "kind": "call", "note": "caught up"},
        {"person": "jan", "date": "2026-10-20", "kind": "call", "note": "caught up"},
    ],
    "help": [
        {
            "person": "dora",
            "direction": "got",
            "date": "2026-05-03",
            "what": "fixed my bike's gears and trued the wheel",
        },
        {"person": "carl", "direction": "gave", "date": "2026-03-01", "what": "helped him move"},
    ],
    "ties": [{"a": "anna", "b": "carl"}],
    "referrals": [],
}


@pytest.fixture(scope="module")
def journal(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Journal]:
    path: Path = tmp_path_factory.mktemp("ask") / "j.db"
    store = open_journal(path)
    import_document(store, Document.model_validate(NETWORK))
    yield store
    store.close()


def keys(journal: Journal, need: str, **kw: object) -> list[str]:
    with journal.read() as conn:
        return [s.key for s in ask(conn, need, today=TODAY, **kw).suggestions]  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("need", "first"),
    [
        # exact and synonym
        ("need a family lawyer", "anna"),
        ("I need an attorney", "anna"),
        ("looking for a CPA", "carl"),
        ("skin specialist", "ivo"),
        # a problem rather than a profession
        ("my sink is leaking", "bea"),
        ("I need help with my tax return", "carl"),
        # Italian
        ("cerco un avvocato", "anna"),
        ("mi serve un idraulico a Torino", "bea"),
        ("cerco uno sviluppatore React", "ezio"),
        # typos
        ("need a lawer", "anna"),
        ("idraulcio", "bea"),
        ("acountant", "carl"),
        # evidence beyond skills
        ("who can fix my bike?", "dora"),
    ],
)
def test_finds_the_right_person_first(journal: Journal, need: str, first: str) -> None:
    assert keys(journal, need)[:1] == [first]


@pytest.mark.parametrize(
    "need",
    [
        "need a dentist",  # a physician is not a dentist
        "need a criminal lawyer",  # a family lawyer is not one: the need names a specialty
        "looking for a roofer",
        "need a Java developer",  # a Java coffee lover is not one
        "need a Python developer",  # nor is a keeper of pythons
        "qualcosa di completamente diverso",
    ],
)
def test_no_answer_is_an_empty_list(journal: Journal, need: str) -> None:
    assert keys(journal, need) == []


def test_misleading_words_are_not_evidence(journal: Journal) -> None:
    assert "gio" not in keys(journal, "I need a lawyer")
    assert keys(journal, "need a plumber") == ["bea"]  # lia needs one, she is not one
    assert keys(journal, "need a doctor") == ["ivo"]  # not the PhD called doctor


def test_people_known_through_someone_name_the_introducer(journal: Journal) -> None:
    with journal.read() as conn:
        answer = ask(conn, "my dog is sick", today=TODAY)
    assert [(s.key, s.via) for s in answer.suggestions] == [("fede", "ezio")]
    assert "Ezio Neri can introduce you" in answer.suggestions[0].reasons


def test_a_warmer_tie_ranks_first_among_equals(journal: Journal) -> None:
    assert keys(journal, "need an electrician") == ["jan", "kai"]


def test_referral_never_suggests_the_person_and_says_who_knows_whom(journal: Journal) -> None:
    with journal.read() as conn:
        carl = conn.execute("SELECT id FROM person WHERE key = 'carl'").fetchone()[0]
        answer = ask(conn, "an accountant", today=TODAY, for_id=carl)
        assert answer.suggestions == []
        answer = ask(conn, "a lawyer for a friend", today=TODAY, for_id=carl)
    assert [s.key for s in answer.suggestions] == ["anna"]
    assert "Carl Berg already knows them" in answer.suggestions[0].reasons


def test_scores_are_in_range_and_best_first(journal: Journal) -> None:
    with journal.read() as conn:
        suggestions = ask(conn, "need an electrician", today=TODAY).suggestions
    scores = [s.score for s in suggestions]
    assert all(0 < s <= 1 for s in scores)
    assert scores == sorted(scores, reverse=True)


def test_limit(journal: Journal) -> None:
    assert len(keys(journal, "need an electrician", limit=1)) == 1


def test_understanding_finds_the_most_specific_concept(journal: Journal) -> None:
    with journal.read() as conn:
        found = understand(conn, "a React developer for our startup")
    assert {m.concept_id for m in found.mentions} == {"react_developer"}


def test_search_syntax_in_a_need_is_plain_text(journal: Journal) -> None:
    for need in ['"lawyer" OR *', "NEAR(lawyer", "'; DROP TABLE person; --", "((("]:
        with journal.read() as conn:
            ask(conn, need, today=TODAY)


def test_a_problem_no_specialist_covers_goes_one_trade_up(journal: Journal) -> None:
    # A rabbit that does not eat is an exotic-animal vet's problem; a vet will do.
    assert keys(journal, "my rabbit isn't eating") == ["fede"]


def test_a_common_word_is_not_a_skill_when_the_need_says_more(journal: Journal) -> None:
    assert keys(journal, "who knows Go?") == ["max"]
    assert "max" not in keys(journal, "I want to go surfing")
