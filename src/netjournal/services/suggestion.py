"""One person a need could go to, as ``net ask`` and the kept matches of needs give it.

Apart from the engine (:mod:`netjournal.services.ask`) so that reading kept
matches (``net today``, ``net needs``) does not load it.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(slots=True)
class Suggestion:
    key: str
    name: str
    score: float
    via: str | None
    reasons: list[str]
    via_name: str | None = None

    def public(self) -> dict[str, object]:
        return {
            "key": self.key,
            "name": self.name,
            "score": self.score,
            "via": self.via,
            "reasons": list(self.reasons),
        }
