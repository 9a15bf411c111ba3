"""The first hour: dates in everyday words, messages that tell the truth, help like gh's."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from conftest import Net, snapshot


@pytest.fixture
def two(net: Net) -> Net:
    net("add", "Anna Rossi", "--skill", "family law", "--tag", "university")
    net("add", "Marco Bianchi")
    return net


# ------------------------------------------------------------------ dates


@pytest.mark.parametrize(
    ("words", "expected"),
    [
        ("due settimane fa", "2026-11-13"),
        ("tre giorni fa", "2026-11-24"),
        ("two weeks ago", "2026-11-13"),
        ("a week ago", "2026-11-20"),
        ("una settimana fa", "2026-11-20"),
        ("lunedi scorso", "2026-11-23"),
        ("lunedì scorso", "2026-11-23"),
        ("ieri sera", "2026-11-26"),
        ("yesterday evening", "2026-11-26"),
        ("last night", "2026-11-26"),
        ("stamattina", "2026-11-27"),
        ("this morning", "2026-11-27"),
        ("l'altro ieri", "2026-11-25"),
        ("l’altro ieri", "2026-11-25"),
        ("the day before yesterday", "2026-11-25"),
        ("March 15", "2026-03-15"),
    ],
)
def test_everyday_dates_in_italian_and_english(two: Net, words: str, expected: str) -> None:
    assert two("log", "anna", "coffee", "--on", words).code == 0
    shown = two("show", "anna", "--json").json()
    assert isinstance(shown, dict) and shown["interactions"][0]["date"] == expected


@pytest.mark.parametrize(
    ("words", "message", "hint"),
    [
        ("-3", "a number of days needs words", "'3 days ago'"),
        ("+3", "a number of days needs words", "'3 days ago'"),
        ("3 days before yesterday", "count back from today", "'N days ago'"),
        ("in March", "is a month, not a day", "'March 15'"),
        ("marzo", "is a month, not a day", "'15 marzo'"),
    ],
)
def test_dates_that_would_be_read_wrong_are_refused(
    two: Net, db_path: Path, words: str, message: str, hint: str
) -> None:
    before = snapshot(db_path)
    result = two("log", "anna", "coffee", "--on", words)
    assert result.code == 1
    first, second = result.err.splitlines()[:2]
    assert first.startswith("Error: ") and message in first
    assert second.startswith("Hint: ") and hint in second
    assert snapshot(db_path) == before


# --------------------------------------------------------------- messages


def test_an_empty_filter_says_nobody_matches_not_that_the_journal_is_empty(two: Net) -> None:
    result = two("list", "--skill", "photography")
    assert result.code == 0 and result.out == ""
    assert result.err == "Nobody in the journal has skill 'photography'.\n"
    both = two("list", "--skill", "photography", "--tag", "family")
    assert both.err == "Nobody in the journal has skill 'photography' and tag 'family'.\n"


def test_stale_limit_zero_does_not_claim_all_is_well(two: Net) -> None:
    two("edit", "anna", "--added", "2026-01-01")
    result = two("stale", "--limit", "0")
    assert result.code == 0
    assert "Well kept" not in result.err and "--limit 0" in result.err


def test_balance_counts_in_singular_and_zero_is_unsigned(two: Net) -> None:
    two("got", "anna", "reviewed my contract")
    two("gave", "marco", "helped him move")
    two("got", "marco", "lent me a van")
    result = two("balance")
    assert result.out.splitlines()[0] == "You gave help 1 time and got it 2 times."
    table = result.out.split("\n\n")[0].splitlines()
    rows = {line.split("\t")[0]: line.split("\t") for line in table}
    assert rows["Marco Bianchi (marco-bianchi)"][-1] == "0"
    assert rows["Anna Rossi (anna-rossi)"][-1] == "-1"


def test_stats_does_not_say_help_flows_both_ways_when_it_flows_one_way(two: Net) -> None:
    two("got", "anna", "reviewed my contract")
    reading = two("stats").out.splitlines()[-1]
    assert "both ways" not in reading
    assert "received help and given none" in reading


def test_words_helpers() -> None:
    from netjournal.words import article, plural, signed

    assert [article(w) for w in ("accountant", "lawyer", "hour", "university friend")] == [
        "an accountant",
        "a lawyer",
        "an hour",
        "a university friend",
    ]
    assert (plural(1, "tie"), plural(2, "tie"), plural(1, "person", "people")) == (
        "1 tie",
        "2 ties",
        "1 person",
    )
    assert (signed(0), signed(2), signed(-1)) == ("0", "+2", "-1")


# ------------------------------------------------------------------- help


def test_version_short_and_long(net: Net) -> None:
    short, long = net("-v"), net("--version")
    assert short.code == long.code == 0
    assert re.fullmatch(r"netjournal \d+\.\d+\.\d+\n", short.out) and short.out == long.out


def test_net_help_command_is_the_command_help(net: Net) -> None:
    assert net("help", "log").out == net("log", "--help").out
    unknown = net("help", "nope")
    assert unknown.code == 1 and unknown.err.startswith("Error: 'net nope' is not a command")


def test_help_groups_commands_by_purpose_with_whole_summaries(net: Net) -> None:
    out = net("--help").out
    headings = [h for h in re.findall(r"^([A-Z][a-z ]+):$", out, re.MULTILINE)]
    assert headings[:2] == ["Options", "People"]
    for group in ("Contact and help", "Asking", "Keeping in touch", "Files and safety"):
        assert group in headings
    assert "..." not in out.split("People:")[1]  # summaries are wrapped, never cut


def test_every_command_has_words_for_metavars_and_examples(net: Net) -> None:
    import typer.main

    from netjournal.cli import app

    group = typer.main.get_command(app)
    names = list(group.commands)  # type: ignore[attr-defined]
    assert len(names) > 20
    for name in names:
        text = net(name, "--help").out
        assert "<str>" not in text and "<int>" not in text and "list[" not in text, name
        assert not re.search(r"\{[a-z_]+\}", text), name
        assert "Examples:" in text, f"'net {name} --help' shows no example"


# --------------------------------------------------------- unquoted words


@pytest.fixture
def friends(net: Net) -> Net:
    for name in ("Kenji Tanaka", "Sofia Conti", "Hadley Brown"):
        assert net("add", *name.split()).code == 0
    return net


def _notes(net: Net, who: str) -> list[str]:
    shown = net("show", who, "--json").json()
    assert isinstance(shown, dict)
    return [i["note"] for i in shown["interactions"]]


def test_free_text_takes_the_remaining_words(friends: Net) -> None:
    keys = [p["key"] for p in friends("list", "--json").json()["people"]]  # type: ignore[index]
    assert keys == ["hadley-brown", "kenji-tanaka", "sofia-conti"]
    assert friends("log", "kenji", "had", "lunch").err == (
        "Logged contact with Kenji Tanaka on 2026-11-27.\n"
    )
    assert friends("log", "Kenji", "Tanaka", "had", "dinner").code == 0
    assert _notes(friends, "kenji") == ["had dinner", "had lunch"]  # "had" is not Hadley
    assert friends("gave", "kenji", "helped", "him", "move").code == 0
    assert friends("got", "Sofia", "Conti", "lent", "me", "a", "van").code == 0
    shown = friends("show", "Kenji", "Tanaka", "--json").json()
    assert isinstance(shown, dict) and shown["help"][0]["what"] == "helped him move"
    asked = friends("ask", "need", "a", "translator", "--json").json()
    assert isinstance(asked, dict) and asked["need"] == "need a translator"


def test_log_of_several_people_with_the_text_last_or_with(friends: Net) -> None:
    result = friends("log", "sofia", "kenji", "dinner")
    assert result.err == "Logged contact with Sofia Conti and Kenji Tanaka on 2026-11-27.\n"
    both = friends("log", "sofia", "drinks with the team", "--with", "kenji", "--with", "hadley")
    assert both.err == (
        "Logged contact with Sofia Conti, Kenji Tanaka and Hadley Brown on 2026-11-27.\n"
    )
    assert _notes(friends, "kenji") == ["drinks with the team", "dinner"]
    assert _notes(friends, "hadley") == ["drinks with the team"]
    undone = friends("undo")
    assert undone.err.endswith("(removed 3 contacts).\n")


def test_a_log_without_text_or_person_says_what_is_missing(friends: Net, db_path: Path) -> None:
    before = snapshot(db_path)
    no_text = friends("log", "kenji")
    assert no_text.code == 1 and no_text.err.startswith("Error: give what happened\n")
    nobody = friends("log", "nobody", "had", "lunch")
    assert nobody.code == 1 and nobody.err.startswith("Error: nobody in the journal matches")
    assert snapshot(db_path) == before


def test_a_person_argument_of_one_word_hints_at_quotes(friends: Net) -> None:
    result = friends("edit", "Kenji", "Tanaka", "--city", "Rome")
    assert result.code == 2
    assert 'Hint: quote a name or a text of several words: "Anna Rossi"' in result.err


# ----------------------------------------------------------------- layout

SAMPLE = Path(__file__).resolve().parent.parent / "src" / "netjournal" / "data" / "sample.json"


@pytest.fixture
def sample(net: Net, monkeypatch: pytest.MonkeyPatch) -> Net:
    assert net("import", str(SAMPLE)).code == 0
    monkeypatch.setenv("NETJOURNAL_FORCE_TERMINAL", "1")
    monkeypatch.setenv("NO_COLOR", "1")
    return net


def _keys(net: Net) -> list[str]:
    people = net("list", "--json").json()["people"]  # type: ignore[index]
    return [p["key"] for p in people]


@pytest.mark.parametrize("columns", ["80", "120"])
def test_keys_and_names_never_wrap(
    sample: Net, monkeypatch: pytest.MonkeyPatch, columns: str
) -> None:
    monkeypatch.setenv("COLUMNS", columns)
    out = sample("list").out
    lines = out.splitlines()
    assert all(len(line) <= int(columns) for line in lines)
    for key in _keys(sample):
        assert any(f"│ {key} " in line for line in lines), key


def test_narrow_terminals_get_one_line_a_person_and_wide_gets_all(
    sample: Net, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("COLUMNS", "80")
    body = [line for line in sample("list").out.splitlines() if line.startswith("│")]
    assert len(body) == len(_keys(sample))  # one line each
    assert any("…" in line for line in body)
    wide = sample("list", "--wide").out
    assert "skills" in wide.splitlines()[1] and len(wide.splitlines()) > len(body) + 4


def test_piped_output_has_no_pager_no_colour_and_tabs(net: Net) -> None:
    net("add", "Anna Rossi", "--skill", "law")
    out = net("list").out
    assert "\x1b" not in out and out.splitlines()[1].startswith("anna-rossi\tAnna Rossi")


def test_the_pager_is_chosen_like_git(monkeypatch: pytest.MonkeyPatch) -> None:
    from netjournal.render import pager_command

    monkeypatch.delenv("PAGER", raising=False)
    monkeypatch.delenv("NETJOURNAL_PAGER", raising=False)
    assert pager_command() == "less -FRX"
    monkeypatch.setenv("PAGER", "more")
    assert pager_command() == "more"
    monkeypatch.setenv("NETJOURNAL_PAGER", "cat")
    assert pager_command() is None


def test_error_lines_wrap_at_word_boundaries_on_a_terminal(
    net: Net, monkeypatch: pytest.MonkeyPatch
) -> None:
    from netjournal.render import _wrapped

    text = "Error: " + "word " * 30
    wrapped = _wrapped([text.strip()], 40)
    assert all(len(line) <= 40 for line in wrapped)
    assert all(not line.endswith("wor") for line in wrapped)
    assert " ".join(w.strip() for w in wrapped).split() == text.split()


# ------------------------------------------------------------ small tools


def test_tags_with_counts_and_cadences(two: Net) -> None:
    two("add", "Luca Verdi", "--tag", "University", "--tag", "family")
    two("cadence", "family", "30")
    assert two("tags", "--json").json() == {
        "tags": [
            {"tag": "University", "people": 2, "cadence_days": None},
            {"tag": "family", "people": 1, "cadence_days": 30},
        ]
    }
    assert two("tags").out.splitlines()[1] == "University\t2\t-"


def test_a_second_add_of_a_name_warns(two: Net) -> None:
    result = two("add", "Anna", "Rossi")
    assert result.code == 0
    assert result.err == (
        "Added Anna Rossi (anna-rossi-2).\n"
        "Warning: Anna Rossi was in the journal already (anna-rossi). "
        "If they are the same person, 'net undo' takes this back.\n"
    )
    assert "Warning" not in two("add", "Luca Verdi").err


def test_cadence_for_a_tag_nobody_has_warns(two: Net) -> None:
    assert "Warning: nobody has the tag 'famly'" in two("cadence", "famly", "30").err
    assert "Warning" not in two("cadence", "university", "30").err


def test_the_first_write_to_a_new_journal_says_where_it_lives(net: Net, db_path: Path) -> None:
    first = net("add", "Anna Rossi")
    assert first.err.splitlines()[0].startswith(f"Started a new journal at {db_path}")
    assert "Started" not in net("add", "Luca Verdi").err
