"""``net today`` reads the oldest help owed without the whole balance, and gives the same rows."""

from __future__ import annotations

from datetime import date, timedelta

from hypothesis import example, given, settings
from hypothesis import strategies as st

from conftest import Net
from netjournal.services.balance import owed_help
from netjournal.services.today import oldest_owed
from netjournal.store.journal import scratch_journal

# (person, direction, days after the first day, what): few people and days, so
# that ties of date, help on the day of the last help given back, and people
# paid back all occur.
HELP = st.tuples(
    st.integers(min_value=0, max_value=5),
    st.sampled_from(["gave", "got"]),
    st.integers(min_value=0, max_value=12),
    st.sampled_from(["a lift", "advice", "a loan"]),
)


@settings(max_examples=300)
@example(rows=[(1, "got", 0, "a lift"), (0, "got", 0, "advice")], limit=1)  # a tie of dates
@given(rows=st.lists(HELP, max_size=30), limit=st.integers(min_value=0, max_value=7))
def test_the_oldest_owed_are_the_first_rows_of_the_balance(
    rows: list[tuple[int, str, int, str]], limit: int
) -> None:
    conn = scratch_journal()
    for n in range(6):  # keys out of id order: the tie-break is the key
        conn.execute(
            "INSERT INTO person (id, key, name, norm_name, added) VALUES (?, ?, ?, ?, ?)",
            (n + 1, f"p{(n * 5) % 6}", f"P {n}", f"p {n}", "2026-01-01"),
        )
    start = date(2026, 1, 1)
    for who, direction, day, what in rows:
        conn.execute(
            "INSERT INTO help (person_id, direction, date, what) VALUES (?, ?, ?, ?)",
            (who + 1, direction, (start + timedelta(days=day)).isoformat(), what),
        )
    assert oldest_owed(conn, limit) == owed_help(conn, limit=limit)


def test_today_shows_the_help_owed_of_the_balance(net: Net) -> None:
    for name in ("Anna", "Bruno", "Carla", "Dario"):
        assert net("add", name, "--on", "2026-01-01").code == 0
    net("got", "anna", "a lift", "--on", "2026-03-01")
    net("gave", "anna", "dinner", "--on", "2026-04-01")  # paid back
    net("got", "bruno", "advice", "--on", "2026-05-01")
    net("got", "bruno", "a loan", "--on", "2026-06-01")
    net("got", "carla", "a ladder", "--on", "2026-05-01")
    net("got", "dario", "a book", "--on", "2026-07-01")
    net("got", "anna", "a plant", "--on", "2026-08-01")
    owed = net("today", "--json").json()["owed"]  # type: ignore[index]
    assert [(o["key"], o["since"], o["times"], o["what"]) for o in owed] == [
        ("bruno", "2026-05-01", 2, "advice"),
        ("carla", "2026-05-01", 1, "a ladder"),
        ("dario", "2026-07-01", 1, "a book"),
    ]
    assert owed == net("balance", "--json").json()["owed"][:3]  # type: ignore[index]
