"""``net tour``: the quick start's main job, on the sample journal the package ships."""

from __future__ import annotations

import json
import os
from pathlib import Path

from conftest import Net
from netjournal.services.sample import sample_text


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


def test_tour_leaves_your_journal_alone(net: Net) -> None:
    own = Path(os.environ["NETJOURNAL_DB"])
    assert net("tour").code == 0
    assert not own.exists()


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
