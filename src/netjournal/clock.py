"""Today, and dates written in everyday words (English and Italian).

``NETJOURNAL_TODAY=YYYY-MM-DD`` fixes today for every computation.  Dates are
read as ISO first; everyday words ("yesterday", "3 days ago", "last friday",
"ieri", "3 giorni fa", "venerdì scorso") go through dateparser, which is
imported only when such words are given.
"""

from __future__ import annotations

import os
import re
from datetime import date, datetime

from netjournal.errors import InvalidInput

ENV_TODAY = "NETJOURNAL_TODAY"

_ISO = re.compile(r"^\d{4}-\d{2}-\d{2}$")
_SLASHED = re.compile(r"^(\d{1,2})[/.-](\d{1,2})[/.-]\d{2,4}$")
# Italian forms dateparser does not read, rewritten to ones it does.
_IT_REWRITES: tuple[tuple[re.Pattern[str], str], ...] = (
    (re.compile(r"\bl'?altro\s*ieri\b"), "2 giorni fa"),
    (re.compile(r"\b(un|una|uno)\s+(giorno|settimana|mese|anno)\s+fa\b"), r"1 \2 fa"),
    (
        re.compile(r"^(lunedì|martedì|mercoledì|giovedì|venerdì|sabato|domenica)\s+scors[oa]$"),
        r"\1",
    ),
    (re.compile(r"^(?:la\s+)?settimana\s+scorsa$"), "1 settimana fa"),
    (re.compile(r"^(?:il\s+)?mese\s+scorso$"), "1 mese fa"),
    (re.compile(r"^(?:l')?anno\s+scorso$"), "1 anno fa"),
)


def today() -> date:
    """Today, or the date fixed by ``NETJOURNAL_TODAY``."""
    fixed = os.environ.get(ENV_TODAY)
    if fixed is None or not fixed.strip():
        return date.today()
    try:
        return date.fromisoformat(fixed.strip())
    except ValueError:
        raise InvalidInput(
            f"{ENV_TODAY} is {fixed!r}, not a date",
            hint="set it as YYYY-MM-DD, e.g. 2026-11-27, or unset it",
        ) from None


def parse_date(text: str, *, allow_future: bool = False, what: str = "date") -> date:
    """Read a date typed by a person; refuse what cannot be read.

    Never falls back to today: an unreadable date is an error.  Dates after
    today are refused unless ``allow_future``.
    """
    raw = text.strip()
    if not raw or "\x00" in raw:
        raise InvalidInput(f"the {what} is empty" if not raw else f"the {what} is not readable")
    base = today()
    value = _parse(raw, base)
    if value is None:
        raise InvalidInput(
            f"cannot read the {what} {raw!r}",
            hint="write it as YYYY-MM-DD or in words like 'yesterday', '3 days ago', 'ieri'",
        )
    if value > base and not allow_future:
        raise InvalidInput(
            f"the {what} {value.isoformat()} is in the future",
            hint=f"today is {base.isoformat()}; past events need a past date",
        )
    return value


def _parse(raw: str, base: date) -> date | None:
    if _ISO.match(raw):
        try:
            return date.fromisoformat(raw)
        except ValueError:
            return None
    words = raw.lower()
    if words.isdigit():
        return None
    slashed = _SLASHED.match(words)
    if slashed and int(slashed.group(1)) <= 12 and int(slashed.group(2)) <= 12:
        raise InvalidInput(
            f"the date {raw!r} could be read two ways (day/month or month/day)",
            hint="write it as YYYY-MM-DD",
        )
    if words in ("today", "oggi"):
        return base
    if len(words) > 60:
        return None
    for pattern, replacement in _IT_REWRITES:
        words = pattern.sub(replacement, words)
    import dateparser

    parsed = dateparser.parse(
        words,
        languages=["en", "it"],
        settings={
            "RELATIVE_BASE": datetime(base.year, base.month, base.day),
            "PREFER_DATES_FROM": "past",
            "STRICT_PARSING": False,
            "REQUIRE_PARTS": [],
        },
    )
    return parsed.date() if parsed else None
