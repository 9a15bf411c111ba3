"""Reading a JSON document fast: the shortcuts give what the models give, or step aside.

``read_json_file`` reads an event record without its pydantic model when the
record is plain (``interchange._plain_event``), and the streamed reader
looks for control characters with a cheaper scan than ``checks``
(``stream._could_hold_control``).  Both must agree with what they replace on
every input: these properties compare them.
"""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from conftest import Net
from netjournal.checks import has_control_chars, json_has_control_chars
from netjournal.codecs.document import HelpRecord, InteractionRecord, ReferralRecord, TieRecord
from netjournal.codecs.stream import _could_hold_control
from netjournal.services.interchange import _plain_event

MODELS: dict[str, Any] = {
    "interactions": InteractionRecord,
    "help": HelpRecord,
    "ties": TieRecord,
    "referrals": ReferralRecord,
}
FIELDS = {
    "interactions": ("person", "date", "kind", "note"),
    "help": ("person", "direction", "date", "what", "skill"),
    "ties": ("a", "b", "note"),
    "referrals": ("person", "to", "need", "date"),
}

# Values a file may hold for any field: texts with and without white space
# to strip, empty ones, dates real and not, numbers, nothing.
values = st.one_of(
    st.sampled_from(
        [
            "anna",
            " anna",
            "anna ",
            "",
            "  ",
            "\u00a0x",
            "x\u2028",
            "gave",
            "got",
            "Gave",
            "2026-01-31",
            "2026-02-30",
            "2026-1-05",
            "2026-01-01T00:00:00",
            "0001-01-01",
            "２０２６-01-01",
            "１",
        ]
    ),
    st.text(max_size=8),
    st.none(),
    st.integers(-3, 1_700_000_000),
    st.booleans(),
    st.lists(st.just("x"), max_size=1),
)


@st.composite
def records(draw: st.DrawFn) -> tuple[str, Any]:
    section = draw(st.sampled_from(sorted(MODELS)))
    names = draw(st.lists(st.sampled_from([*FIELDS[section], "extra"]), unique=True))
    return section, {name: draw(values) for name in names}


@settings(max_examples=600, deadline=None)
@given(records())
def test_a_plain_event_is_what_its_model_reads(drawn: tuple[str, Any]) -> None:
    section, value = drawn
    # The caller reads records this way only from a document without control characters.
    assume(not any(isinstance(v, str) and has_control_chars(v) for v in value.values()))
    plain = _plain_event(section, value, {})
    if plain is None:
        return  # the model reads it, as before
    record = MODELS[section].model_validate(value)  # a plain record is always valid
    assert plain == tuple(getattr(record, name) for name in FIELDS[section])
    assert [type(v) for v in plain] == [type(getattr(record, name)) for name in FIELDS[section]]


@pytest.mark.parametrize(
    ("section", "value"),
    [
        ("interactions", {"person": "a", "date": "2026-01-01", "kind": "call", "note": None}),
        ("interactions", {"person": "a", "date": "2026-01-01"}),
        ("help", {"person": "a", "direction": "got", "date": "2026-05-02", "what": "x"}),
        ("ties", {"a": "a", "b": "b"}),
        ("referrals", {"person": "a", "to": "b", "need": "a lawyer", "date": "2026-06-10"}),
    ],
)
def test_the_usual_records_take_the_short_path(section: str, value: dict[str, Any]) -> None:
    days: dict[str, date] = {}
    assert _plain_event(section, value, days) is not None
    assert all(type(day) is date for day in days.values())


@pytest.mark.parametrize(
    ("section", "value"),
    [
        ("interactions", {"person": " a", "date": "2026-01-01"}),  # the model strips it
        ("interactions", {"person": "a", "date": "2026-02-30"}),  # no such day
        ("interactions", {"person": "", "date": "2026-01-01"}),
        ("interactions", {"person": "a", "date": "2026-01-01", "when": "x"}),
        ("help", {"person": "a", "direction": "given", "date": "2026-05-02", "what": "x"}),
        ("ties", {"a": "a"}),
        ("referrals", {"person": "a", "to": "b", "need": 3, "date": "2026-06-10"}),
    ],
)
def test_other_records_go_through_their_model(section: str, value: dict[str, Any]) -> None:
    assert _plain_event(section, value, {}) is None


texts = st.text(
    alphabet=st.characters(codec="utf-8", exclude_categories=["Cs"])
    | st.sampled_from(["\x7f", "\x85", "\x9f", "\xa0", "\x01", "\t", "\n", "\u2028"]),
    max_size=20,
)


@settings(max_examples=400, deadline=None)
@given(st.lists(texts, max_size=4), st.booleans())
def test_the_streamed_control_scan_agrees_with_the_checks_on_valid_json(
    strings: list[str], ascii_only: bool
) -> None:
    text = json.dumps({"people": [{"name": s} for s in strings]}, ensure_ascii=ascii_only)
    assert _could_hold_control(text) == json_has_control_chars(text)


def test_a_lone_surrogate_is_named_as_before(net: Net, tmp_path: Path) -> None:
    """A ``\\ud800`` escape decodes to a string no model reads: the model says so."""
    file = tmp_path / "doc.json"
    file.write_text(
        '{"format": "netjournal", "version": 1, "people": [{"key": "a", "name": "A"}], '
        '"interactions": [{"person": "a", "date": "2026-01-01", "note": "x\\ud800y"}]}',
        encoding="utf-8",
    )
    result = net("import", str(file))
    assert result.code == 1
    assert "interactions[0].note: input should be a valid string" in result.err
    assert net("list", "--json").json() == {"people": []}


def test_records_on_both_paths_land_the_same(net: Net, tmp_path: Path) -> None:
    """Plain records and records the model must strip, in one file: one journal."""
    people = [{"key": "a", "name": "A"}, {"key": "b", "name": "B"}]
    plain = {"person": "a", "date": "2026-01-01", "kind": "call", "note": "n"}
    stripped = {"person": " a ", "date": "2026-01-02", "kind": " call", "note": "n "}
    doc = {
        "format": "netjournal",
        "version": 1,
        "people": people,
        "interactions": [plain, stripped, {**plain, "person": "a"}],
        "ties": [{"a": "a", "b": " b"}],
    }
    file = tmp_path / "doc.json"
    file.write_text(json.dumps(doc), encoding="utf-8")
    assert net("import", str(file)).code == 0
    shown = net("show", "a", "--json").json()
    assert [(i["date"], i["kind"], i["note"]) for i in shown["interactions"]] == [
        ("2026-01-02", "call", "n"),
        ("2026-01-01", "call", "n"),
    ]
    assert [(t["a"], t["b"]) for t in shown["ties"]] == [("a", "b")]
