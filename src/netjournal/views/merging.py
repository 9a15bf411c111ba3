"""What ``net merge`` says it did, or would do."""

from __future__ import annotations

from typing import TYPE_CHECKING

from netjournal.words import plural

if TYPE_CHECKING:
    from netjournal.services.merge import MergeReport

_MOVED = {
    "contacts": ("contact", "contacts"),
    "help": ("help record", "help records"),
    "ties": ("tie", "ties"),
    "referrals": ("referral", "referrals"),
    "needs": ("need", "needs"),
}
_KINDS = {"alias": "aliases", "skill": "skills", "tag": "tags", "value": "values"}


def merge_lines(report: MergeReport, *, dry_run: bool) -> list[str]:
    """``Merged Anna R. (anna-r) into Anna Rossi (anna-rossi).`` and what moved."""
    verb = "Would merge" if dry_run else "Merged"
    out = [
        f"{verb} {report.gone_name} ({report.gone_key}) into {report.name} ({report.key})"
        + (":" if dry_run else ".")
    ]
    moved = [plural(n, *_MOVED[k]) for k, n in report.moved.items() if n]
    out.append(f"  {'moves' if dry_run else 'moved'}: {', '.join(moved) if moved else 'no events'}")
    for kind, names in report.added.items():
        out.append(f"  {_KINDS.get(kind, kind)} added: {', '.join(names)}")
    out += [f"  {line}" for line in report.fields]
    out += [f"  dropped: {what}" for what in report.dropped]
    if dry_run:
        out.append("Nothing changed (--dry-run).")
    else:
        out.append(f"'{report.gone_key}' now finds {report.name}; 'net undo' takes the merge back.")
    return out
