"""``net today``'s birthdays come from a range of the birthday index: the same as reading everyone.

The index holds month and day; the window of the next days can wrap the end
of the year, and a 29 February birthday falls on 1 March in a common year.
A reference reads every person and places each birthday as the digest
always did; hypothesis draws the birthdays, the day and the window.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date, timedelta
from pathlib import Path

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from conftest import Net
from netjournal.services.today import Birthday, upcoming_birthdays
from netjournal.store import Journal, open_journal


def reference(journal: Journal, today: date, days: int) -> list[Birthday]:
    out = []
    for key, name, raw in journal.conn.execute(
        "SELECT key, name, birthday FROM person WHERE birthday IS NOT NULL"
    ):
        born = date.fromisoformat("2000" + raw[1:] if raw.startswith("--") else raw)
        for year in (today.year, today.year + 1):
            try:
                next_one = born.replace(year=year)
            except ValueError:
                next_one = date(year, 3, 1)
            if today <= next_one <= today + timedelta(days=days):
                out.append(Birthday(key, name, next_one, (next_one - today).days))
                break
    return sorted(out, key=lambda b: (b.in_days, b.key))


@pytest.fixture(scope="module")
def journal(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Journal]:
    j = open_journal(tmp_path_factory.mktemp("birthdays") / "j.db")
    try:
        yield j
    finally:
        j.close()


birthdays = st.lists(
    st.one_of(
        st.dates(date(1930, 1, 1), date(2024, 12, 31)).map(date.isoformat),
        st.dates(date(2000, 1, 1), date(2000, 12, 31)).map(lambda d: "--" + d.isoformat()[5:]),
        st.sampled_from(["1992-02-29", "--02-29", "2000-03-01", "1980-12-31", "--01-01"]),
    ),
    max_size=25,
)


@settings(
    max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    born=birthdays,
    today=st.dates(date(2023, 1, 1), date(2030, 12, 31)),
    days=st.one_of(st.integers(0, 40), st.sampled_from([364, 365, 366, 400])),
)
@example(born=["1992-02-29", "--02-29"], today=date(2026, 2, 20), days=14)  # a common year
@example(born=["1992-02-29"], today=date(2028, 2, 27), days=3)  # a leap year
@example(born=["1992-02-29", "--02-29"], today=date(2026, 3, 1), days=0)  # only 1 March
@example(born=["1980-12-31", "--01-01", "1990-01-05"], today=date(2026, 12, 25), days=14)
def test_birthdays_in_the_window_are_those_reading_everyone_finds(
    journal: Journal, born: list[str], today: date, days: int
) -> None:
    with journal.write() as conn:
        conn.execute("DELETE FROM person")
        conn.executemany(
            "INSERT INTO person (key, name, norm_name, added, birthday) "
            "VALUES (?, ?, ?, '2020-01-01', ?)",
            [(f"p{i}", f"P {i}", f"p {i}", b) for i, b in enumerate(born)],
        )
    with journal.read() as conn:
        assert upcoming_birthdays(conn, today, days) == reference(journal, today, days)


def test_the_birthday_query_reads_the_index(net: Net, db_path: Path) -> None:
    """Not every person: a range of the index of those who have a birthday."""
    assert net("add", "Anna").code == 0
    assert net("edit", "anna", "--birthday", "1990-12-03").code == 0
    j = open_journal(db_path)
    try:
        plan = j.conn.execute(
            "EXPLAIN QUERY PLAN SELECT key, name, birthday FROM person WHERE birthday IS NOT NULL "
            "AND substr(birthday, -5) BETWEEN ? AND ?",
            ("11-27", "12-11"),
        ).fetchall()
    finally:
        j.close()
    assert any("USING INDEX ix_person_birthday" in row[-1] and "SEARCH" in row[-1] for row in plan)
