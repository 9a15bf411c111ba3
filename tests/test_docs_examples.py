"""Every shell example of README.md and docs/*.md reproduces (tools/docs_examples.py).

The examples run in order, in-process, on the journal that ``net tour --keep``
leaves, with ``NETJOURNAL_TODAY`` pinned; a page whose examples drifted from
the program fails here.  ``.venv/bin/python tools/docs_examples.py --update``
writes the real output into the pages, to review in the diff.
"""

from __future__ import annotations

import shutil
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tools"))

import captures  # noqa: E402
import docs_examples  # noqa: E402

PAGES = [p for p in docs_examples.PAGES if p.name not in docs_examples.SKIPPED_PAGES]


@pytest.fixture(scope="module")
def tour(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return docs_examples.make_tour(tmp_path_factory.mktemp("tour"))


@pytest.mark.parametrize("page", PAGES, ids=lambda p: p.name)
def test_the_examples_of_the_page_reproduce(page: Path, tour: Path, tmp_path: Path) -> None:
    outcomes = docs_examples.run_page(page, tour, tmp_path)
    differ = docs_examples.report(outcomes)
    assert not differ, (
        f"{page.name}: examples differ from the program "
        "(run tools/docs_examples.py --update and review the diff):\n" + "\n".join(differ[:80])
    )


@pytest.mark.parametrize("page", PAGES, ids=lambda p: p.name)
def test_a_page_with_examples_says_which_day_they_ran_on(page: Path) -> None:
    runnable = [b for b in docs_examples.blocks(page) if b.skip is None and b.steps]
    if runnable:
        assert f"NETJOURNAL_TODAY={docs_examples.TODAY}" in page.read_text(encoding="utf-8")


def test_the_checker_can_fail(tour: Path, tmp_path: Path) -> None:
    page = tmp_path / "page.md"
    page.write_text(
        "```console\n$ net list --tag work | cat\nkey\tname\n$ net show nobody\n[exit 1]\n```\n",
        encoding="utf-8",
    )
    outcomes = docs_examples.run_page(page, tour, tmp_path)
    assert [o.ok for o in outcomes] == [False, False]
    docs_examples.update(page, outcomes)
    assert all(o.ok for o in docs_examples.run_page(page, tour, tmp_path / "again"))


@pytest.mark.skipif(shutil.which("tmux") is None, reason="needs tmux")
@pytest.mark.parametrize("name", sorted(captures.CAPTURES))
def test_the_80_column_captures_are_current_and_fit(name: str, tour: Path) -> None:
    text = captures.capture(tour, captures.CAPTURES[name])
    assert all(len(line) <= 80 for line in text.splitlines())
    assert (ROOT / "docs" / "captures" / f"{name}.txt").read_text(encoding="utf-8") == text, (
        "run tools/captures.py"
    )
