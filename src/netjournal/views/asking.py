"""Views of ``net ask``: the table of suggestions, or why nobody fits."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from netjournal.services.ask import Answer

ASK_COLUMNS = ("#", "who", "why", "reach")


def ask_rows(answer: Answer) -> list[list[str]]:
    """One row a suggestion: rank, who, the reasons, and how to reach them."""
    return [
        [
            str(i),
            f"{s.name} ({s.key})",
            "; ".join(s.reasons),
            f"through {s.via_name}" if s.via_name else "directly",
        ]
        for i, s in enumerate(answer.suggestions, 1)
    ]


def nobody_message(need: str, answer: Answer) -> str:
    """What to say when nobody in the journal fits the need."""
    understood = f" (understood: {', '.join(answer.understood)})" if answer.understood else ""
    if answer.city and answer.elsewhere:
        others = ", ".join(f"{name} ({city})" for name, city in answer.elsewhere)
        return f"Nobody in {answer.city.title()} fits '{need}'{understood}; elsewhere: {others}."
    return f"Nobody in the journal fits '{need}'{understood}."
