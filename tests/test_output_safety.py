"""User text is printed as typed on every output path: terminal, piped and --json.

Names, notes and tags that look like Rich markup (``[/x]``, ``[bold]…[/bold]``,
``[link=…]``) must never be read as markup: not hidden, not styled, never a
crash.  And a person's object is the same in ``list --json``, ``show --json``
and ``export``.
"""

from __future__ import annotations

import json

import pytest

from conftest import Net

HOSTILE = ["Bob [/x] Smith", "[bold]Ann[/bold] Lee", "Eve [link=https://x.example]Ray", "Zed ["]
TAG = "[red]uni[/red]"


@pytest.fixture
def hostile(net: Net) -> list[str]:
    """A journal whose every text looks like markup; returns the names."""
    for i, name in enumerate(HOSTILE):
        assert (
            net(
                "add",
                name,
                "--skill",
                "plumbing [/skill]",
                "--tag",
                TAG,
                "--org",
                "[i]Acme[/i]",
                "--city",
                "[b]Rome",
                "--note",
                "likes [b]bold[/b] claims",
                "--on",
                "2024-01-0" + str(i + 1),
            ).code
            == 0
        )
    bob = "bob-x-smith"
    assert net("log", bob, "fixed the [/x] sink", "--on", "2024-02-01").code == 0
    assert net("got", bob, "lent me [bold]tools[/bold]", "--on", "2024-02-02").code == 0
    return HOSTILE


COMMANDS = [
    ["list"],
    ["show", "bob-x-smith"],
    ["ask", "my sink is leaking"],
    ["stale"],
    ["today"],
    ["balance"],
    ["cadence", TAG],
    ["stats"],
]


def _expected(command: list[str]) -> list[str]:
    if command[0] == "show":
        return ["Bob [/x] Smith", "fixed the [/x] sink", "lent me [bold]tools[/bold]"]
    if command[0] == "cadence":
        return ["[red]uni[/red]"]
    if command[0] == "stats":
        return ["[i]Acme[/i]"]
    if command[0] in ("balance", "today"):
        return ["Bob [/x] Smith"]
    return ["Bob [/x] Smith", "[bold]Ann[/bold] Lee"]


@pytest.mark.parametrize("terminal", [True, False], ids=["terminal", "piped"])
@pytest.mark.parametrize("command", COMMANDS, ids=lambda c: c[0])
def test_markup_like_text_prints_as_typed(
    net: Net,
    hostile: list[str],
    monkeypatch: pytest.MonkeyPatch,
    command: list[str],
    terminal: bool,
) -> None:
    if terminal:
        monkeypatch.setenv("NETJOURNAL_FORCE_TERMINAL", "1")
        monkeypatch.setenv("COLUMNS", "400")  # one line a row: texts are not folded
    monkeypatch.setenv("NO_COLOR", "1")  # no escape codes between the characters
    result = net(*command)
    assert result.code == 0, result.err
    assert "Traceback" not in result.err and "unexpected" not in result.err
    shown = result.out + result.err
    for text in _expected(command):
        assert text in shown, (text, shown)


@pytest.mark.parametrize(
    "command", [c for c in COMMANDS if c[0] not in ("cadence",)], ids=lambda c: c[0]
)
def test_markup_like_text_survives_json(net: Net, hostile: list[str], command: list[str]) -> None:
    result = net(*command, "--json")
    assert result.code == 0, result.err
    text = json.dumps(result.json(), ensure_ascii=False)
    if command[0] in ("list", "show", "ask", "stale"):
        assert "Bob [/x] Smith" in text


def test_a_markup_tag_is_stored_and_shown_as_typed(net: Net, hostile: list[str]) -> None:
    shown = net("cadence", TAG, "--json").json()
    assert shown["tag"] == TAG


def test_list_show_and_export_print_the_same_person_object(net: Net) -> None:
    assert (
        net(
            "add",
            "Anna Rossi",
            "--skill",
            "family law",
            "--alias",
            "Annie",
            "--tag",
            "university",
            "--value",
            "honesty",
            "--org",
            "Studio Legale Rossi",
            "--title",
            "Partner",
            "--city",
            "Milano",
            "--email",
            "anna@example.org",
            "--phone",
            "+39 02 0000000",
            "--met",
            "startup weekend",
            "--note",
            "notes",
            "--every",
            "60",
            "--on",
            "2024-03-01",
        ).code
        == 0
    )
    assert net("add", "Marco Bianchi", "--via", "anna").code == 0
    assert (
        net("edit", "anna", "--birthday", "1990-04-16", "--url", "https://anna.example").code == 0
    )
    for key in ("anna-rossi", "marco-bianchi"):
        listed = next(p for p in net("list", "--json").json()["people"] if p["key"] == key)
        shown = net("show", key, "--json").json()
        for events in ("interactions", "help", "ties", "referrals"):
            shown.pop(events)
        exported = next(p for p in net("export").json()["people"] if p["key"] == key)
        assert listed == shown == exported
    assert listed["via"] == "anna-rossi"
    anna = net("show", "anna", "--json").json()
    assert anna["birthday"] == "1990-04-16" and anna["url"] == "https://anna.example"
