"""net tour --keep DIR: the sample journal stays, and the output says how to use it."""

from __future__ import annotations

from pathlib import Path

from conftest import Net, snapshot


def test_tour_keep_leaves_the_sample_journal_and_says_how_to_use_it(
    net: Net, tmp_path: Path, db_path: Path
) -> None:
    folder = tmp_path / "tour"
    result = net("tour", "--keep", str(folder))
    assert result.code == 0, result.err
    kept = folder / "tour.db"
    assert kept.is_file()
    assert not db_path.exists()  # the user's own journal is not touched
    lines = result.err.splitlines()
    assert f"The sample journal is kept at {kept}. Try commands on it:" in lines
    assert f"  export NETJOURNAL_DB={kept}" in lines
    assert f"or one at a time: net --db {kept} show marco" in lines
    listed = net("--db", str(kept), "list", "--json").json()
    assert isinstance(listed, dict)
    assert len(listed["people"]) == 24
    asked = net("--db", str(kept), "ask", "need", "a", "lawyer", "--json").json()
    assert isinstance(asked, dict)
    assert asked["suggestions"]


def test_tour_keep_never_replaces_a_journal(net: Net, tmp_path: Path) -> None:
    folder = tmp_path / "tour"
    assert net("tour", "--keep", str(folder)).code == 0
    net("--db", str(folder / "tour.db"), "log", "marco", "a call")
    rows = snapshot(folder / "tour.db")
    again = net("tour", "--keep", str(folder))
    assert again.code == 1
    assert again.err.splitlines() == [
        f"Error: {folder / 'tour.db'} exists already: a tour kept there before",
        "Hint: use it (net --db PATH …), remove it, or give another folder",
    ]
    assert snapshot(folder / "tour.db") == rows
    afile = tmp_path / "a-file"
    afile.write_text("x")
    assert net("tour", "--keep", str(afile)).err.startswith(f"Error: {afile} is a file")


def test_tour_without_keep_leaves_nothing(net: Net, tmp_path: Path, db_path: Path) -> None:
    before = sorted(tmp_path.rglob("*"))
    result = net("tour")
    assert result.code == 0
    assert "kept" not in result.err
    assert sorted(tmp_path.rglob("*")) == before
