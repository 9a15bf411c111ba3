"""net stats: its counts, read from indexes, against their definitions worked out by hand."""

from __future__ import annotations

import json
import tempfile
from datetime import date, timedelta
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from conftest import Net

START = date(2025, 6, 1)
DAYS = 400  # events and additions fall in START .. START + DAYS
# Cadences and days before "today" drawn so that the edges (contacted exactly a
# cadence ago, a day more, a day less) come up often.
EDGES = (7, 30, 90)
CADENCES = st.sampled_from(EDGES)
day = st.integers(0, DAYS).map(lambda n: START + timedelta(days=n)) | st.sampled_from(
    [DAYS - c + d for c in EDGES for d in (-1, 0, 1)]
).map(lambda n: START + timedelta(days=n))
person = st.fixed_dictionaries(
    {
        "added": day,
        "cadence": st.none() | CADENCES,
        "via": st.booleans(),
        "tag": st.sampled_from([None, "family", "work"]),
        "contacts": st.lists(day, max_size=4),
        "help": st.lists(st.tuples(st.sampled_from(["gave", "got"]), day), max_size=3),
    }
)


def _document(people: list[dict[str, object]], default: int, tags: dict[str, int]) -> object:
    rows, interactions, helps = [], [], []
    for n, p in enumerate(people):
        key = f"p{n}"
        rows.append(
            {
                "key": key,
                "name": f"Person {n}",
                "cadence_days": p["cadence"],
                "via": "p0" if p["via"] and n else None,
                "tags": [p["tag"]] if p["tag"] else [],
                "added": p["added"].isoformat(),  # type: ignore[attr-defined]
            }
        )
        for i, d in enumerate(p["contacts"]):  # type: ignore[attr-defined]
            interactions.append({"person": key, "date": d.isoformat(), "note": f"call {i}"})
        for i, (direction, d) in enumerate(p["help"]):  # type: ignore[attr-defined]
            helps.append(
                {"person": key, "direction": direction, "date": d.isoformat(), "what": f"h{i}"}
            )
    return {
        "format": "netjournal",
        "version": 2,
        "settings": {"default_cadence_days": default, "tag_cadences": tags},
        "people": rows,
        "interactions": interactions,
        "help": helps,
    }


def _expected(
    people: list[dict[str, object]], default: int, tags: dict[str, int], today: date
) -> dict[str, object]:
    warm = direct = 0
    start = today.replace(day=1)
    in_month = []
    for n, p in enumerate(people):
        contacts: list[date] = p["contacts"]  # type: ignore[assignment]
        in_month += [(n, d) for d in contacts if start <= d <= today]
        if p["via"] and n:
            continue
        direct += 1
        events = [*contacts, *(d for _dir, d in p["help"])]  # type: ignore[attr-defined]
        last = max(events) if events else p["added"]
        cadence = p["cadence"] or tags.get(p["tag"], default)  # type: ignore[call-overload]
        warm += (today - last).days <= cadence  # type: ignore[operator]
    helps = [d for p in people for d, _ in p["help"]]  # type: ignore[attr-defined]
    return {
        "direct": direct,
        "warm": warm,
        "contacts_this_month": len(in_month),
        "people_contacted_this_month": len({n for n, _d in in_month}),
        "help_given": helps.count("gave"),
        "help_received": helps.count("got"),
    }


@settings(max_examples=60, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    people=st.lists(person, min_size=1, max_size=12),
    default=CADENCES,
    tags=st.dictionaries(st.sampled_from(["family", "work"]), CADENCES),
    today=st.sampled_from([DAYS, DAYS - 20]).map(lambda n: START + timedelta(days=n)),
)
def test_stats_counts_are_their_definitions(
    net: Net,
    people: list[dict[str, object]],
    default: int,
    tags: dict[str, int],
    today: date,
) -> None:
    """Warm ties (own, tag and default cadences), this month's contacts, help each way.

    ``today`` may fall before some events, as with ``NETJOURNAL_TODAY`` set
    back for a "what if": those events count for nothing but the last contact.
    """
    with tempfile.TemporaryDirectory() as folder, pytest.MonkeyPatch.context() as mp:
        db = Path(folder) / "j.db"
        doc = Path(folder) / "j.json"
        doc.write_text(json.dumps(_document(people, default, tags)))
        mp.setenv("NETJOURNAL_TODAY", (START + timedelta(days=DAYS)).isoformat())
        assert net("--db", str(db), "import", str(doc)).code == 0
        mp.setenv("NETJOURNAL_TODAY", today.isoformat())
        got = net("--db", str(db), "stats", "--json").json()
    assert isinstance(got, dict)
    want = _expected(people, default, tags, today)
    assert {k: got[k] for k in want} == want
