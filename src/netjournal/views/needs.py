"""Views of needs: the table of ``net needs``, the lines of ``net today``, the messages."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from netjournal.services.ask import Suggestion
    from netjournal.services.needs import Closing, Need
    from netjournal.services.stats import NeedStats

NEEDS_COLUMNS = ("id", "since", "need", "who could help")
# A need written as a sentence already ("needs a lawyer", "cerca casa") reads after a colon.
_SENTENCE_STARTS = (
    "need",
    "needs",
    "looking",
    "wants",
    "want",
    "would",
    "cerca",
    "cerco",
    "vuole",
    "ha bisogno",
    "serve",
)


def need_sentence(need: Need) -> str:
    """'Anna Rossi needs a divorce lawyer', 'Your need: a plumber'."""
    text = need.need
    starts_as_sentence = text.lower().startswith(_SENTENCE_STARTS)
    if need.for_name is None:
        return f"Your need: {text}"
    return f"{need.for_name}: {text}" if starts_as_sentence else f"{need.for_name} needs {text}"


def match_text(match: Suggestion, *, key: bool = False) -> str:
    """'Luca Verdi, through Marco Bianchi' (with ``key``: 'Luca Verdi (luca-verdi), …')."""
    through = f", through {match.via_name}" if match.via_name else ""
    return f"{match.name} ({match.key}){through}" if key else f"{match.name}{through}"


def status_text(need: Need) -> str:
    if need.status == "open":
        return ""
    closed = need.closed.isoformat() if need.closed else "?"
    if need.status == "met":
        by = f" by {need.met_by_name}" if need.met_by_name else ""
        return f"met{by} on {closed}"
    return f"dropped on {closed}"


def needs_rows(needs: list[Need]) -> list[list[str]]:
    """One row a need: its id, since when, who needs what, and who could help (or how it ended)."""
    rows = []
    for n in needs:
        if n.status == "open":
            helpers = "; ".join(match_text(m, key=True) for m in n.matches) or "nobody yet"
        else:
            helpers = status_text(n)
        rows.append([n.id, n.date.isoformat(), need_sentence(n), helpers])
    return rows


def empty_message(include_closed: bool) -> str:
    if include_closed:
        return "No needs recorded: 'net need NEED --for PERSON' records one."
    return "No open needs. 'net need NEED --for PERSON' records what someone is looking for."


def stats_text(s: NeedStats) -> str:
    """'5 recorded: 2 open, 3 met (2 through an introduction, in 6 days), 0 dropped'."""
    if not s.recorded:
        return "none recorded"
    met = f"{s.met} met"
    details = []
    if s.met_by_introduction:
        details.append(f"{s.met_by_introduction} through an introduction")
    if s.median_days_to_meet is not None:
        details.append(f"median {s.median_days_to_meet:g} days to meet")
    if details:
        met += f" ({', '.join(details)})"
    return f"{s.recorded} recorded: {s.open} open, {met}, {s.dropped} dropped"


def today_line(need: Need) -> str:
    """'Anna Rossi needs a divorce lawyer: Luca Verdi, through Marco Bianchi (n-4kx2)'."""
    return f"{need_sentence(need)}: {match_text(need.matches[0])} ({need.id})"


def recorded_lines(need: Need, is_new: bool) -> list[str]:
    """What ``net need`` says: the id, and who could help already."""
    verb = "Recorded" if is_new else "Already open"
    out = [f"{verb}: {need_sentence(need)} ({need.id})."]
    if need.matches:
        out.append("Who could help: " + "; ".join(match_text(m) for m in need.matches) + ".")
        best = need.matches[0]
        if need.for_key is not None:
            refer = f"net refer {need.for_key} --to {best.key} --need {need.id}"
            out.append(f"When you introduce them: {refer}")
        else:
            out.append(f"When it is met: net need done {need.id} --by {best.key}")
    else:
        out.append("Nobody in the journal fits it yet.")
    return out


def closed_message(closing: Closing) -> str:
    need = closing.need
    parts = [f"Met: {need_sentence(need)} ({need.id})"]
    if need.met_by_name:
        parts[0] += f", through {need.met_by_name}"
    recorded = []
    if closing.help_gave:
        recorded.append(f"help you gave {need.for_name}")
    if closing.referral:
        recorded.append(f"your introduction of {need.for_name} to {need.met_by_name}")
    if closing.help_got:
        recorded.append(f"help {need.met_by_name} gave you")
    if recorded:
        parts.append("recorded as " + " and ".join(recorded))
    return "; ".join(parts) + "."


def suggestion_lines(key: str, needs: list[str]) -> list[str]:
    """Needs found in notes, offered as commands to run (never recorded by themselves)."""
    if not needs:
        return []
    out = ["", "Needs in the notes (record them if they are still true):"]
    for text in needs:
        quoted = text.replace("'", "'\\''")
        out.append(f"  net need '{quoted}' --for {key}")
    return out


def dropped_message(need: Need) -> str:
    return f"Dropped: {need_sentence(need)} ({need.id})."
