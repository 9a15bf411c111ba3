"""net tour: the quick start's main job on the sample journal the package ships; --keep DIR."""

from __future__ import annotations

import json
from pathlib import Path

from conftest import Net, snapshot
from netjournal.services.sample import sample_text


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


def test_tour_answers_asks_lists_stale_ties_and_needs(net: Net) -> None:
    result = net("tour")
    assert result.code == 0, result.err
    out = result.out
    # Each ask of the tour has its right first answer.
    for need, first in (
        ("my sink is leaking", "Franco Colombo"),
        ("cerco un commercialista", "Paola Galli"),
        ("need a lawyer", "Giulia Ferraro"),
    ):
        section = out.split(f'$ net ask "{need}"', 1)[1].split("$ net", 1)[0]
        rows = [line for line in section.splitlines() if line[:1].isdigit()]
        assert rows and first in rows[0], section
    stale = out.split("$ net stale --limit 5", 1)[1].split("$ net", 1)[0]
    assert len([line for line in stale.splitlines() if "(" in line and "over)" in line]) == 5
    needs = out.split("$ net needs", 1)[1]
    for need, helper in (
        ("Priya Raman needs a physiotherapist", "Tom Gallagher"),
        ("Laura Fabbri needs an accountant", "Paola Galli"),
        ("Your need: someone to fix the brakes", "Nico Russo"),
    ):
        line = next(line for line in needs.splitlines() if need in line)
        assert helper in line, line


def test_the_sample_is_a_version_2_document_whose_needs_are_dated_near_today(net: Net) -> None:
    doc = json.loads(sample_text())
    assert doc["version"] == 2 and doc["needs"]
    out = net("tour").out
    # NETJOURNAL_TODAY is 2026-11-27, three days after the sample's anchor: every date moves by 3.
    rows = [line.split("\t") for line in out.split("$ net needs", 1)[1].splitlines()]
    assert [r[1] for r in rows if r[0].startswith("n-")] == [
        "2026-11-13",
        "2026-11-21",
        "2026-11-24",
    ]
