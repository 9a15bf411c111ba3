"""net stale, cadence, balance, stats and today: the rules, pinned with NETJOURNAL_TODAY."""

from __future__ import annotations

import pytest

from conftest import Net


def keys(result_json: object) -> list[str]:
    assert isinstance(result_json, dict)
    return [p["key"] for p in result_json["people"]]


def test_exactly_at_cadence_is_not_stale_one_day_past_is(net: Net) -> None:
    net("add", "Anna Rossi", "--every", "30", "--on", "2026-01-01")
    net("log", "anna", "coffee", "--on", "2026-10-28")  # 30 days before today
    assert net("stale", "--json").json() == {"today": "2026-11-27", "people": []}
    net("edit", "anna", "--every", "29")
    assert net("stale", "--json").json() == {
        "today": "2026-11-27",
        "people": [
            {
                "key": "anna-rossi",
                "name": "Anna Rossi",
                "last_contact": "2026-10-28",
                "days_since": 30,
                "cadence_days": 29,
                "overdue_days": 1,
            }
        ],
    }


def test_never_contacted_counts_from_added_and_default_is_90(net: Net) -> None:
    net("add", "Old Friend", "--on", "2026-08-28")  # 91 days
    net("add", "New Friend", "--on", "2026-08-29")  # 90 days
    doc = net("stale", "--json").json()
    assert doc["people"] == [
        {
            "key": "old-friend",
            "name": "Old Friend",
            "last_contact": None,
            "days_since": 91,
            "cadence_days": 90,
            "overdue_days": 1,
        }
    ]


def test_help_counts_as_contact(net: Net) -> None:
    net("add", "Anna Rossi", "--on", "2025-01-01")
    net("log", "anna", "coffee", "--on", "2025-02-01")
    net("got", "anna", "fixed my bike", "--on", "2026-11-01")
    assert keys(net("stale", "--json").json()) == []
    net("add", "Bruno", "--on", "2025-01-01")
    net("gave", "bruno", "helped him move", "--on", "2026-06-01")
    assert net("stale", "--json").json()["people"][0]["last_contact"] == "2026-06-01"


def test_tag_cadence_shortest_wins_and_person_cadence_beats_tags(net: Net) -> None:
    net("add", "Anna", "--tag", "family", "--tag", "work", "--on", "2026-10-20")  # 38 days
    net("add", "Bruno", "--tag", "work", "--on", "2026-10-20")
    net("add", "Carla", "--tag", "family", "--every", "60", "--on", "2026-10-20")
    assert keys(net("stale", "--json").json()) == []
    assert net("cadence", "family", "30").code == 0
    assert net("cadence", "work", "90").code == 0
    assert keys(net("stale", "--json").json()) == ["anna"]
    assert net("cadence", "--default", "20").code == 0
    assert keys(net("stale", "--json").json()) == ["anna"]  # bruno's tag says 90
    assert net("cadence", "work", "--clear").code == 0
    assert keys(net("stale", "--json").json()) == ["bruno", "anna"]  # 18/20 over, 8/30
    assert net("cadence", "--json").json() == {"default": 20, "tags": {"family": 30}}


def test_via_people_are_left_out_and_order_is_relative_to_cadence(net: Net) -> None:
    net("add", "Marco", "--every", "10", "--on", "2026-11-07")  # 20 days: 100% over
    net("add", "Luca", "--via", "marco", "--on", "2020-01-01")
    net("add", "Anna", "--every", "100", "--on", "2026-01-01")  # 330 days: 230% over
    net("add", "Zed", "--every", "100", "--on", "2026-05-01")  # 210 days: 110% over
    assert keys(net("stale", "--json").json()) == ["anna", "zed", "marco"]
    assert keys(net("stale", "--limit", "1", "--json").json()) == ["anna"]


def test_stale_tag_filter_and_human_hint(net: Net) -> None:
    net("add", "Anna", "--tag", "family", "--on", "2025-01-01")
    net("add", "Bruno", "--on", "2025-01-01")
    net("log", "anna", "talked about her trip to Japan", "--on", "2025-02-01")
    assert keys(net("stale", "--tag", "family", "--json").json()) == ["anna"]
    out = net("stale").out
    assert "last time: talked about her trip to Japan" in out


@pytest.mark.parametrize(
    "bad",
    [["cadence", "family", "0"], ["cadence", "--default", "-1"], ["cadence", "--default", "0"]],
)
def test_bad_cadences(net: Net, bad: list[str]) -> None:
    result = net(*bad)
    assert result.code == 1 and result.err.startswith("Error:")


def test_balance_owed_and_one_way(net: Net) -> None:
    net("add", "Anna")
    net("add", "Bruno")
    net("got", "anna", "reviewed my contract", "--on", "2026-01-05")
    net("got", "anna", "lent me a drill", "--on", "2026-03-05")
    net("gave", "bruno", "helped him move", "--on", "2026-02-01")
    net("gave", "bruno", "proofread his thesis", "--on", "2026-04-01")
    doc = net("balance", "--json").json()
    assert (doc["given"], doc["received"]) == (2, 2)
    assert doc["owed"] == [
        {
            "key": "anna",
            "name": "Anna",
            "since": "2026-01-05",
            "what": "reviewed my contract",
            "times": 2,
        }
    ]
    assert [p["key"] for p in doc["one_way"]] == ["bruno"]
    net("gave", "anna", "cooked dinner", "--on", "2026-05-01")
    assert net("balance", "--json").json()["owed"] == []
    assert net("balance", "anna", "--json").json()["people"] == [
        {"key": "anna", "name": "Anna", "gave": 1, "got": 2, "balance": -1}
    ]


def test_stats_figures(net: Net) -> None:
    net(
        "add",
        "Anna",
        "--city",
        "Milano",
        "--org",
        "Acme",
        "--skill",
        "plumbing",
        "--on",
        "2026-01-01",
    )
    net(
        "add",
        "Bruno",
        "--city",
        "Milano",
        "--org",
        "Beta",
        "--skill",
        "React",
        "--on",
        "2026-01-01",
    )
    net("add", "Carla", "--city", "Roma", "--via", "anna", "--on", "2026-01-01")
    net("log", "anna", "coffee", "--on", "2026-11-02")
    net("log", "anna", "call", "--on", "2026-11-20")
    net("log", "bruno", "call", "--on", "2026-06-20")
    net("got", "anna", "fixed a leak", "--on", "2026-10-01")
    s = net("stats", "--json").json()
    assert (s["people"], s["direct"], s["via"]) == (3, 2, 1)
    assert (s["contacts_this_month"], s["people_contacted_this_month"]) == (2, 1)
    assert s["months"][-1] == ["2026-11", 2] and s["months"][0] == ["2025-12", 0]
    assert s["months"][6] == ["2026-06", 1]
    assert (s["warm"], s["warm_share"]) == (1, 0.5)
    assert (s["help_given"], s["help_received"]) == (0, 1)
    assert s["cities"]["top"][0] == ["Milano", 2]
    assert 0 < s["cities"]["evenness"] < 1
    assert s["orgs"]["evenness"] == 1.0
    assert sorted(s["domains"]["top"]) == [["home", 1], ["tech", 1]]
    assert "Milano" in s["reading"]


def test_today_is_quiet_when_all_is_well_and_speaks_otherwise(net: Net) -> None:
    net("add", "Anna", "--on", "2026-11-01")
    quiet = net("today")
    assert quiet.code == 0 and quiet.out == ""
    net("add", "Bruno", "--on", "2025-01-01")
    net("got", "anna", "fixed a leak", "--on", "2026-11-10")
    net("edit", "anna", "--birthday", "1990-12-03")
    doc = net("today", "--json").json()
    assert [s["key"] for s in doc["stale"]] == ["bruno"]
    assert [o["key"] for o in doc["owed"]] == ["anna"]
    assert doc["birthdays"] == [{"key": "anna", "name": "Anna", "date": "2026-12-03", "in_days": 6}]
    out = net("today").out
    assert "Bruno" in out and "Help back Anna" in out and "Birthday of Anna" in out


def test_cadence_of_one_tag(net: Net) -> None:
    assert net("cadence", "family", "--json").json() == {
        "tag": "family",
        "days": None,
        "default": 90,
    }
    net("cadence", "Family", "30")
    assert net("cadence", "family", "--json").json() == {"tag": "family", "days": 30, "default": 90}
    assert net("cadence", "family").out.strip() == "family: every 30 days"


def test_owed_names_the_help_not_yet_returned(net: Net) -> None:
    net("add", "Olga")
    net("got", "olga", "helped me move flat", "--on", "2024-05-01")
    net("gave", "olga", "cooked dinner", "--on", "2025-01-01")
    net("got", "olga", "lent me her car", "--on", "2026-10-01")
    owed = net("balance", "--json").json()["owed"]
    assert owed == [
        {
            "key": "olga",
            "name": "Olga",
            "since": "2026-10-01",
            "what": "lent me her car",
            "times": 1,
        }
    ]
