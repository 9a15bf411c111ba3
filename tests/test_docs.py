"""The user guide keeps up with the command line.

Every command that ``net --help`` lists must have help text and its own
section in ``docs/guide.md`` (a ``## net COMMAND`` or ``### net COMMAND``
heading), and every long option of every command (``--json``, ``--on``, …)
must appear in the guide.  A new command or option without documentation
fails here, so the docs cannot fall behind the code.  Links between the user
pages (guide, interchange, data safety, staleness) must point at files and
headings that exist.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest
import typer.main

from netjournal.cli import app

ROOT = Path(__file__).resolve().parents[1]
DOCS = ROOT / "docs"
GUIDE = DOCS / "guide.md"

# The options Typer generates for every app; documented, but not per command.
GENERATED = {"--help", "--install-completion", "--show-completion"}


def _group() -> Any:
    return typer.main.get_command(app)


def _commands() -> dict[str, Any]:
    return dict(_group().commands)


def _long_options(command: Any) -> list[str]:
    """The primary ``--long`` names of a command's options (not ``--no-…`` twins)."""
    names: list[str] = []
    for param in command.params:
        if getattr(param, "param_type_name", "") != "option":
            continue
        names += [o for o in param.opts if o.startswith("--") and o not in GENERATED]
    return names


def _guide() -> str:
    return GUIDE.read_text(encoding="utf-8")


def _headings(text: str) -> set[str]:
    """Commands that have a ``## net X`` or ``### net X`` heading (backticks allowed)."""
    found = set()
    for match in re.finditer(r"^#{2,3}[ \t]+`?net[ \t]+([a-z][a-z-]*)", text, re.MULTILINE):
        found.add(match.group(1))
    return found


COMMANDS = sorted(_commands())


def test_the_app_has_commands() -> None:
    # Guards the parametrised tests below against silently testing nothing.
    assert len(COMMANDS) >= 20, COMMANDS


@pytest.mark.parametrize("name", COMMANDS)
def test_every_command_has_help_text(name: str) -> None:
    command = _commands()[name]
    text = (command.help or command.short_help or "").strip()
    assert text, f"'net {name}' has no help text (give the command a docstring)"


@pytest.mark.parametrize("name", COMMANDS)
def test_every_command_has_a_section_in_the_guide(name: str) -> None:
    assert name in _headings(_guide()), (
        f"docs/guide.md has no '## net {name}' (or '### net {name}') heading"
    )


@pytest.mark.parametrize("name", COMMANDS)
def test_every_option_is_in_the_guide(name: str) -> None:
    guide = _guide()
    missing = [
        option
        for option in _long_options(_commands()[name])
        if not re.search(re.escape(option) + r"(?![a-z0-9-])", guide)
    ]
    assert not missing, f"docs/guide.md does not mention {missing} of 'net {name}'"


def test_root_options_are_in_the_guide() -> None:
    guide = _guide()
    root = [
        o for param in _group().params for o in param.opts if o.startswith("--") and o != "--help"
    ]
    assert "--db" in root
    missing = [o for o in root if o not in guide]
    assert not missing, f"docs/guide.md does not mention the root options {missing}"


def test_the_guide_has_no_section_for_a_command_that_is_gone() -> None:
    stale = _headings(_guide()) - set(COMMANDS)
    assert not stale, f"docs/guide.md documents commands 'net' does not have: {sorted(stale)}"


PAGES = ["guide.md", "interchange.md", "data-safety.md", "staleness.md"]


def _anchors(text: str) -> set[str]:
    """The anchors GitHub gives a page's headings (code blocks skipped)."""
    text = re.sub(r"^```.*?^```", "", text, flags=re.MULTILINE | re.DOTALL)
    anchors = set()
    for heading in re.findall(r"^#{1,6}[ \t]+(.+?)[ \t]*$", text, re.MULTILINE):
        slug = re.sub(r"[^\w\- ]", "", heading.strip().lower()).replace(" ", "-")
        anchors.add(slug)
    return anchors


@pytest.mark.parametrize("page", PAGES)
def test_links_between_the_user_pages_resolve(page: str) -> None:
    text = (DOCS / page).read_text(encoding="utf-8")
    for target, anchor in re.findall(r"\]\(([a-z0-9-]+\.md)?(?:#([^)]*))?\)", text):
        target = target or page
        assert (DOCS / target).is_file(), f"{page} links to missing docs/{target}"
        if anchor and target in PAGES:  # other pages' headings are their authors' to change
            found = _anchors((DOCS / target).read_text(encoding="utf-8"))
            assert anchor in found, f"{page} links to {target}#{anchor}, which has no such heading"
