"""The sample journal shipped with the package, for ``net tour``."""

from __future__ import annotations

from datetime import date, timedelta
from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING

from netjournal.clock import today
from netjournal.errors import InvalidInput

if TYPE_CHECKING:
    from netjournal.store import Journal

# The sample's events end near this date; they are moved so that they end near today.
SAMPLE_ANCHOR = date(2026, 11, 24)


#: The file ``net tour --keep DIR`` leaves in DIR.
KEPT_NAME = "tour.db"


def kept_journal(folder: Path) -> Path:
    """Where ``net tour --keep`` puts the sample: a new journal in ``folder``."""
    if folder.exists() and not folder.is_dir():
        raise InvalidInput(f"{folder} is a file, not a folder", hint="give a folder: --keep DIR")
    path = folder / KEPT_NAME
    if path.exists():
        raise InvalidInput(
            f"{path} exists already: a tour kept there before",
            hint="use it (net --db PATH …), remove it, or give another folder",
        )
    return path.absolute()


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
    for section in (doc.interactions, doc.help, doc.referrals, doc.needs):
        for record in section:
            record.date = min(record.date + shift, today())
    import_document(journal, doc)
    return len(doc.people)
