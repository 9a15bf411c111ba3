"""A bare net edit PERSON: the person as a form in $EDITOR, applied in one transaction."""

from __future__ import annotations

import io
import sys
from pathlib import Path

import pytest
import tomllib
from hypothesis import given
from hypothesis import strategies as st

from conftest import Net, snapshot
from netjournal.codecs.person_form import read_form, write_form


def _editor(tmp_path: Path, body: str, name: str = "editor.sh") -> str:
    """A small editor: a shell script that changes the file it is given."""
    script = tmp_path / name
    script.write_text("#!/bin/sh\nset -e\n" + body + "\n", encoding="utf-8")
    script.chmod(0o755)
    return str(script)


@pytest.fixture
def anna(net: Net) -> Net:
    net("add", "Anna Rossi", "--skill", "family law", "--tag", "university", "--city", "Milano",
        "--note", "likes long walks\nand short meetings", "--every", "60")  # fmt: skip
    net("add", "Marco Bianchi")
    return net


@pytest.fixture(autouse=True)
def _no_editor(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("VISUAL", raising=False)
    monkeypatch.delenv("EDITOR", raising=False)


def test_the_editor_sees_a_readable_form_of_the_person(
    anna: Net, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    seen = tmp_path / "seen.toml"
    monkeypatch.setenv("EDITOR", _editor(tmp_path, f'cp "$1" "{seen}"'))
    result = anna("edit", "anna")
    assert result.code == 0
    assert result.err == "Nothing changed.\n"
    form = seen.read_text(encoding="utf-8")
    assert form.startswith("# Editing Anna Rossi (anna-rossi). Save and close the editor to apply.")
    assert 'city = "Milano"' in form
    assert 'skills = ["family law"]' in form
    assert "notes = '''\nlikes long walks\nand short meetings\n'''" in form
    assert all(len(line) <= 80 for line in form.splitlines())
    data = tomllib.loads(form)
    assert data["every"] == 60 and data["key"] == "anna-rossi"


def test_changes_are_applied_in_one_transaction_and_said(
    anna: Net, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv(
        "EDITOR",
        _editor(
            tmp_path,
            'sed -i \'s/^city = .*/city = "Torino"/; s/^skills = \\[/skills = ["mediation", /;'
            ' s/^tags = .*/tags = []/; s/^every = .*/every = 30/; s/^via = .*/via = "marco"/\''
            ' "$1"',
        ),
    )
    result = anna("edit", "Anna Rossi")
    assert result.code == 0, result.err
    assert result.err == (
        "Updated Anna Rossi (anna-rossi): city Torino (was Milano); skill added: mediation; "
        "tag removed: university; cadence every 30 days; via marco.\n"
    )
    shown = anna("show", "anna", "--json").json()
    assert isinstance(shown, dict)
    assert (shown["city"], shown["skills"], shown["tags"], shown["cadence_days"]) == (
        "Torino",
        ["family law", "mediation"],
        [],
        30,
    )
    assert shown["via"] == "marco-bianchi"
    assert shown["notes"] == "likes long walks\nand short meetings"
    undone = anna("undo")
    assert undone.code == 0
    assert undone.err.startswith("Undid net edit 'Anna Rossi' (")
    again = anna("show", "anna", "--json").json()
    assert isinstance(again, dict)
    assert again["city"] == "Milano" and again["tags"] == ["university"]


@pytest.mark.parametrize(
    ("body", "said"),
    [
        (': > "$1"', "Nothing changed: the form was empty.\n"),
        ("true", "Nothing changed.\n"),
        ("sed -i '/^#/!d' \"$1\"", "Nothing changed: the form was empty.\n"),
    ],
)
def test_an_empty_or_unchanged_form_changes_nothing(
    anna: Net,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    db_path: Path,
    body: str,
    said: str,
) -> None:
    rows = snapshot(db_path)
    monkeypatch.setenv("EDITOR", _editor(tmp_path, body))
    result = anna("edit", "anna")
    assert (result.code, result.err) == (0, said)
    assert snapshot(db_path) == rows


def test_a_form_that_cannot_be_read_is_an_error_and_changes_nothing(
    anna: Net, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, db_path: Path
) -> None:
    rows = snapshot(db_path)
    monkeypatch.setenv("EDITOR", _editor(tmp_path, "sed -i 's/^city = .*/city = Torino/' \"$1\""))
    result = anna("edit", "anna")
    assert result.code == 1
    first = result.err.splitlines()[0]
    assert first.startswith("Error: the form cannot be read: ")
    assert "line 15" in first
    assert snapshot(db_path) == rows
    monkeypatch.setenv("EDITOR", _editor(tmp_path, 'echo \'colour = "red"\' >> "$1"', "b.sh"))
    unknown = anna("edit", "anna")
    assert unknown.code == 1
    assert unknown.err.startswith("Error: the form has an unknown field 'colour'\n")
    monkeypatch.setenv(
        "EDITOR", _editor(tmp_path, 'sed -i \'s/^key = .*/key = "marco-bianchi"/\' "$1"', "c.sh")
    )
    taken = anna("edit", "anna")
    assert taken.code == 1
    assert taken.err.startswith("Error: the key 'marco-bianchi' is taken\n")
    assert snapshot(db_path) == rows


def test_on_a_terminal_a_mistake_reopens_the_editor_with_the_text_as_left(
    anna: Net, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The first run breaks the form; the second sees the error on top and fixes it."""
    count = tmp_path / "runs"
    monkeypatch.setenv(
        "EDITOR",
        _editor(
            tmp_path,
            f'echo x >> "{count}"\n'
            f'if [ "$(wc -l < "{count}")" -eq 1 ]; then\n'
            "  sed -i 's/^city = .*/city = Torino/' \"$1\"\n"
            "else\n"
            f'  head -1 "$1" > "{tmp_path}/top"\n'
            '  sed -i \'s/^city = .*/city = "Torino"/\' "$1"\n'
            "fi",
        ),
    )

    class Terminal(io.StringIO):
        def isatty(self) -> bool:
            return True

    monkeypatch.setattr(sys, "stdin", Terminal("y\n"))
    result = anna("edit", "anna")
    assert result.code == 0, result.err
    assert count.read_text().count("x") == 2
    assert (tmp_path / "top").read_text().startswith("# Error: the form cannot be read")
    assert (
        result.err.splitlines()[-1] == "Updated Anna Rossi (anna-rossi): city Torino (was Milano)."
    )


def test_no_editor_runs_without_a_terminal_unless_one_is_set(anna: Net, db_path: Path) -> None:
    rows = snapshot(db_path)
    result = anna("edit", "anna")
    assert result.code == 1
    assert result.err.splitlines() == [
        "Error: 'net edit PERSON' without options opens an editor, and there is no terminal",
        "Hint: set EDITOR (EDITOR=nano net edit …), or give fields: net edit anna --city Torino",
    ]
    assert snapshot(db_path) == rows


def test_an_editor_that_fails_changes_nothing(
    anna: Net, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, db_path: Path
) -> None:
    rows = snapshot(db_path)
    monkeypatch.setenv("VISUAL", _editor(tmp_path, "sed -i 's/Milano/Roma/' \"$1\"; exit 3"))
    result = anna("edit", "anna")
    assert result.code == 1
    assert result.err.startswith("Error: the editor exited with status 3; nothing changed\n")
    assert snapshot(db_path) == rows


def test_field_options_still_edit_without_an_editor(anna: Net) -> None:
    result = anna("edit", "anna", "--city", "Roma")
    assert (result.code, result.err) == (0, "Updated Anna Rossi (anna-rossi).\n")


_text = st.text(
    st.characters(blacklist_categories=("Cs", "Cc"), blacklist_characters="\u2028\u2029"),
    max_size=30,
)


@given(
    name=_text.filter(lambda s: s.strip() != ""),
    city=_text,
    skills=st.lists(_text.filter(lambda s: s.strip() != ""), max_size=3),
    notes=st.text(
        st.characters(blacklist_categories=("Cs",), blacklist_characters="\r\x7f"), max_size=60
    ),
)
def test_every_person_reads_back_from_their_form(
    name: str, city: str, skills: list[str], notes: str
) -> None:
    person = {"key": "k", "name": name, "city": city, "skills": skills, "notes": notes,
              "cadence_days": None}  # fmt: skip
    back = read_form(write_form(person))
    assert back["name"] == name and back["city"] == city
    assert back["skills"] == skills and back["notes"] == notes.strip("\n")
