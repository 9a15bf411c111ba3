"""Views of files and safety: the import summary and ``net doctor``."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from netjournal.services.doctor import Report
    from netjournal.services.interchange import ImportReport

DOCTOR_COLUMNS = ("check", "result", "detail")


def count(n: int, noun: str) -> str:
    """``1 event``, ``2 events``."""
    return f"{n} {noun}" + ("" if n == 1 else "s")


def import_summary(report: ImportReport, *, dry_run: bool) -> str:
    verb = "Would import" if dry_run else "Imported"
    return (
        f"{verb}: {len(report.added)} added, {len(report.updated)} updated, "
        f"{len(report.unchanged)} unchanged; {count(report.events_added, 'event')} added, "
        f"{report.events_skipped} already there."
    )


def doctor_title(report: Report) -> str:
    return f"{report.journal}: {report.people} people, schema {report.migrations[-1]}"


def doctor_rows(report: Report) -> list[list[str]]:
    return [[c.name, "ok" if c.ok else "PROBLEM", c.detail] for c in report.checks]
