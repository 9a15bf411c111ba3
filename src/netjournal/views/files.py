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
    """What an import did (or would do), with every skipped record and why."""
    verb = "Would import" if dry_run else "Imported"
    lines = [
        f"{verb}: {len(report.added)} added, {len(report.updated)} updated, "
        f"{len(report.unchanged)} unchanged; {count(report.events_added, 'event')} added, "
        f"{report.events_skipped} already there."
    ]
    if report.merged:
        lines.append(
            f"{count(len(report.merged), 'duplicate')} in the file merged into one person."
        )
    if report.skipped:
        lines.append(f"{count(len(report.skipped), 'record')} skipped:")
        lines += [f"  {item.where}: {item.why}" for item in report.skipped]
    lines += [f"Note: {note}" for note in report.notes]
    if report.dormant:
        lines.append(
            f"{report.dormant} {'person' if report.dormant == 1 else 'people'} imported as"
            " dormant: left out of 'net stale' and 'net today' until you log a contact or give"
            " a cadence ('net stale --dormant' lists them; 'net import --every DAYS' or"
            " 'net cadence TAG DAYS' wakes them)."
        )
    return "\n".join(lines)


def doctor_title(report: Report) -> str:
    return f"{report.journal}: {report.people} people, schema {report.migrations[-1]}"


def doctor_rows(report: Report) -> list[list[str]]:
    return [[c.name, "ok" if c.ok else "PROBLEM", c.detail] for c in report.checks]


def kept_tour_lines(path: object) -> list[str]:
    """How to use the journal ``net tour --keep`` left."""
    from shlex import quote

    where = quote(str(path))
    return [
        "",
        f"The sample journal is kept at {path}. Try commands on it:",
        f"  export NETJOURNAL_DB={where}",
        "  net list; net show marco; net ask need a lawyer; net stale",
        f"or one at a time: net --db {where} show marco",
        "Its dates end today; the docs' examples ran on a tour kept with "
        "NETJOURNAL_TODAY=2026-11-27.",
    ]
