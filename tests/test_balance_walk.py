"""net balance: its one pass over the help index against the definitions of its three lists."""

from __future__ import annotations

import json
import tempfile
from datetime import date, timedelta
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from conftest import Net

START = date(2026, 1, 1)
# Few days and few people, so that help given and received share days and people.
helps = st.lists(
    st.tuples(st.integers(0, 7), st.sampled_from(["gave", "got"]), st.integers(0, 6)),
    max_size=40,
)


def _expected(
    records: list[tuple[int, str, int]], people: int, person: int | None
) -> dict[str, object]:
    rows = []
    owed = []
    for n in range(people) if person is None else [person]:
        mine = [(i, d, day) for i, (p, d, day) in enumerate(records) if p == n]
        if not mine:
            continue
        gave = sum(d == "gave" for _i, d, _day in mine)
        got = len(mine) - gave
        key = f"p{n}"
        rows.append({"key": key, "name": f"P {n}", "gave": gave, "got": got, "balance": gave - got})
        last = max((day for _i, d, day in mine if d == "gave"), default=-1)
        waiting = sorted((day, i) for i, d, day in mine if d == "got" and day >= last)
        if waiting:
            day, i = waiting[0]
            since = (START + timedelta(days=day)).isoformat()
            owed.append(
                {
                    "key": key,
                    "name": f"P {n}",
                    "since": since,
                    "what": f"help {i}",
                    "times": len(waiting),
                }
            )
    one_way = sorted(
        (r for r in rows if r["got"] == 0 and r["gave"] >= 2),  # type: ignore[operator]
        key=lambda r: (-r["gave"], r["key"]),  # type: ignore[operator]
    )
    return {
        "given": sum(r["gave"] for r in rows),  # type: ignore[misc]
        "received": sum(r["got"] for r in rows),  # type: ignore[misc]
        "people": rows,
        "owed": sorted(owed, key=lambda o: (o["since"], o["key"])),
        "one_way": one_way,
    }


@settings(max_examples=40, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(records=helps, person=st.none() | st.integers(0, 7))
def test_balance_lists_are_their_definitions(
    net: Net, records: list[tuple[int, str, int]], person: int | None
) -> None:
    """Counts, help owed (received on or after the last help given back, the oldest
    first, the first recorded of a day) and the one-way list, for everyone or one person."""
    people = 8
    doc = {
        "format": "netjournal",
        "version": 1,
        "people": [{"key": f"p{n}", "name": f"P {n}"} for n in range(people)],
        "help": [
            {
                "person": f"p{p}",
                "direction": d,
                "date": (START + timedelta(days=day)).isoformat(),
                "what": f"help {i}",
            }
            for i, (p, d, day) in enumerate(records)
        ],
    }
    with tempfile.TemporaryDirectory() as folder:
        db, path = Path(folder) / "j.db", Path(folder) / "j.json"
        path.write_text(json.dumps(doc))
        assert net("--db", str(db), "import", str(path)).code == 0
        args = ["--db", str(db), "balance", *([f"p{person}"] if person is not None else [])]
        got = net(*args, "--json").json()
        text = net(*args).out
    want = _expected(records, people, person)
    assert got == want
    if want["owed"]:  # the human listing shows the same owed list, in the same order
        first = want["owed"][0]  # type: ignore[index]
        assert f"P {first['key'][1:]} ({first['key']})\t{first['since']}\t{first['what']}" in text
