"""The sample journal shipped with the package, for ``net tour``."""

from __future__ import annotations

from datetime import date, timedelta
from importlib import resources
from typing import TYPE_CHECKING

from netjournal.clock import today

if TYPE_CHECKING:
    from netjournal.store import Journal

# The sample's events end near this date; they are moved so that they end near today.
SAMPLE_ANCHOR = date(2026, 11, 24)


def sample_text() -> str:
    return (resources.files("netjournal") / "data" / "sample.json").read_text(encoding="utf-8")


def load_sample(journal: Journal) -> int:
    """Import the sample, its dates shifted to end near today; returns its size."""
    from netjournal.services.interchange import import_document, parse_json

    doc = parse_json(sample_text())
    shift = timedelta(days=(today() - SAMPLE_ANCHOR).days)
    for person in doc.people:
        if person.added:
            person.added = min(person.added + shift, today())
    for section in (doc.interactions, doc.help, doc.referrals):
        for record in section:
            record.date = min(record.date + shift, today())
    import_document(journal, doc)
    return len(doc.people)
