"""Colour that means something on a terminal: errors, overdue days, owed help; none otherwise."""

from __future__ import annotations

import re

import pytest

from conftest import Net

COLOUR = re.compile(r"\x1b\[[0-9;]*(3[0-7]|9[0-7]|38;[0-9;]+)m")  # a foreground colour
RED = "\x1b[31m"
YELLOW = "\x1b[33m"


@pytest.fixture
def network(net: Net) -> Net:
    net("add", "Roberta Villa", "--on", "2025-01-10")
    net("log", "roberta", "visited the flat", "--on", "2025-09-18")
    net("add", "Emily Clarke", "--on", "2025-01-10")
    net("got", "emily", "proofread my CV", "--on", "2026-11-20")
    net("add", "Laura Fabbri", "--on", "2026-11-01")
    net("gave", "laura", "lent her a drill", "--on", "2026-11-25")
    return net


@pytest.fixture
def terminal(monkeypatch: pytest.MonkeyPatch) -> pytest.MonkeyPatch:
    monkeypatch.setenv("NETJOURNAL_FORCE_TERMINAL", "1")
    monkeypatch.setenv("TERM", "xterm-256color")
    monkeypatch.delenv("NO_COLOR", raising=False)
    monkeypatch.setenv("NETJOURNAL_PAGER", "")
    return monkeypatch


@pytest.mark.parametrize("width", ["80", "120"])
def test_overdue_days_are_red_on_a_terminal(
    network: Net, terminal: pytest.MonkeyPatch, width: str
) -> None:
    terminal.setenv("COLUMNS", width)
    stale = network("stale")
    assert stale.code == 0
    assert re.search(re.escape(RED) + r"\d+ over", stale.out)
    today = network("today")
    assert f"last contact {RED}435 days\x1b[0m ago" in today.out
    assert f"{YELLOW}Help back Emily Clarke (emily-clarke)\x1b[0m" in today.out


@pytest.mark.parametrize("width", ["80", "120"])
def test_owed_help_is_yellow_in_balance(
    network: Net, terminal: pytest.MonkeyPatch, width: str
) -> None:
    terminal.setenv("COLUMNS", width)
    balance = network("balance")
    assert balance.code == 0
    assert f"{YELLOW}-1" in balance.out  # Emily helped you, you have not helped back
    assert f"{YELLOW}+1" not in balance.out and f"{YELLOW}Laura" not in balance.out
    assert f"{YELLOW}Emily Clarke (emily-clarke)" in balance.out  # the "help back" table


def test_errors_start_with_a_red_error_on_a_terminal(network: Net, terminal: object) -> None:
    result = network("show", "nobody")
    assert result.code == 1
    assert result.err.startswith("\x1b[1;31mError:\x1b[0m nobody in the journal matches 'nobody'")


def test_no_colour_under_no_color(network: Net, terminal: pytest.MonkeyPatch) -> None:
    terminal.setenv("NO_COLOR", "1")
    for args in (("stale",), ("today",), ("balance",), ("show", "nobody")):
        result = network(*args)
        assert not COLOUR.search(result.out + result.err), args
        assert "\x1b[" not in result.out + result.err, args  # no bold either
    assert "435 days ago" in network("today").out


def test_no_escape_codes_at_all_when_piped(network: Net) -> None:
    for args in (("stale",), ("today",), ("balance",), ("show", "nobody")):
        result = network(*args)
        assert "\x1b[" not in result.out + result.err, args
    assert "435 (345 over)" in network("stale").out
    assert network("show", "nobody").err.startswith("Error: nobody in the journal")
