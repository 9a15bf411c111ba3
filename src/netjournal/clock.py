"""Today, and dates written in everyday words (English and Italian).

``NETJOURNAL_TODAY=YYYY-MM-DD`` fixes today for every computation.  Dates are
read as ISO first; everyday words ("yesterday", "3 days ago", "last friday",
"ieri", "3 giorni fa", "venerdì scorso", "due settimane fa", "ieri sera",
"stamattina", "the day before yesterday") go through dateparser, which is
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


_NUMBERS = {
    "a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6,
    "seven": 7, "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12,
    "fifteen": 15, "twenty": 20, "thirty": 30, "un": 1, "uno": 1, "una": 1, "due": 2,
    "tre": 3, "quattro": 4, "cinque": 5, "sei": 6, "sette": 7, "otto": 8, "nove": 9,
    "dieci": 10, "undici": 11, "dodici": 12, "quindici": 15, "venti": 20, "trenta": 30,
}  # fmt: skip
_UNITS = r"(days?|weeks?|months?|years?|giorn[oi]|settiman[ae]|mes[ei]|ann[oi])"
_NUMBER_WORD = re.compile(
    r"\b(" + "|".join(sorted(_NUMBERS, key=len, reverse=True)) + r")\s+" + _UNITS + r"\b"
)
_WEEKDAYS_IT = ("lunedi", "martedi", "mercoledi", "giovedi", "venerdi")
_PARTS_OF_DAY = re.compile(
    r"^(ieri|yesterday|oggi|today)\s+(sera|mattina|pomeriggio|notte|morning|afternoon|"
    r"evening|night)$"
)
_TODAY_WORDS = frozenset(
    {"today", "oggi", "stamattina", "stamani", "stasera", "stanotte", "oggi pomeriggio",
     "this morning", "this afternoon", "this evening", "tonight"}
)  # fmt: skip
_YESTERDAY_WORDS = frozenset({"last night", "ieri notte", "ieri sera"})
_MONTHS = (
    "january|february|march|april|may|june|july|august|september|october|november|december|"
    "jan|feb|mar|apr|jun|jul|aug|sep|sept|oct|nov|dec|gennaio|febbraio|marzo|aprile|maggio|"
    "giugno|luglio|agosto|settembre|ottobre|novembre|dicembre"
)
_MONTH_ALONE = re.compile(
    r"^(?:(?:in|a|di|during|last|this|lo\s+scorso|lo)\s+)?(?:" + _MONTHS + r")(?:\s+\d{4})?"
    r"(?:\s+(?:scorso|passato))?$"
)
_SIGNED = re.compile(r"^[-+]\s*\d+$")
_RELATIVE_TO = re.compile(r"\b(before|after|prima di|dopo)\b")
_HINT = "write it as YYYY-MM-DD or in words like 'yesterday', '3 days ago', 'ieri', 'lunedì scorso'"


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


def latest_today() -> date:
    """The last day that is "today" for the user, wherever they are: the bound of the past.

    Today is the user's local date.  A date written in UTC+14 is already
    today there while it is still yesterday in UTC-12, and both are the same
    user on a journey or two machines sharing a journal; so what is refused
    as "in the future" is a date after today in every time zone (UTC+14).
    With ``NETJOURNAL_TODAY`` set, that date is the bound, exactly.
    """
    fixed = os.environ.get(ENV_TODAY)
    if fixed is not None and fixed.strip():
        return today()
    from datetime import timedelta, timezone

    east = (datetime.now(timezone.utc) + timedelta(hours=14)).date()
    return max(date.today(), east)


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
            hint=_HINT,
        )
    if value > base and not allow_future and value > latest_today():
        raise InvalidInput(
            f"the {what} {value.isoformat()} is in the future",
            hint=f"today is {base.isoformat()}; past events need a past date",
        )
    return value


def _refuse_misreadings(raw: str, words: str) -> None:
    """Refuse what dateparser would read as some other day, without a word."""
    if _SIGNED.match(words):
        n = words.lstrip("+-").strip()
        raise InvalidInput(
            f"cannot read the date {raw!r}: a number of days needs words",
            hint=f"write '{n} days ago' (or '{n} giorni fa'), or YYYY-MM-DD",
        )
    if _RELATIVE_TO.search(words):
        raise InvalidInput(
            f"cannot read the date {raw!r}: count back from today",
            hint="write it as 'N days ago' (or 'N giorni fa'), or YYYY-MM-DD",
        )
    if _MONTH_ALONE.match(words):
        raise InvalidInput(
            f"the date {raw!r} is a month, not a day",
            hint="give the day too: 'March 15', '15 marzo' or YYYY-MM-DD",
        )


def _parse(raw: str, base: date) -> date | None:
    if _ISO.match(raw):
        try:
            return date.fromisoformat(raw)
        except ValueError:
            return None
    words = " ".join(raw.lower().replace("’", "'").split())
    if words.isdigit():
        return None
    if words in ("the day before yesterday", "day before yesterday"):
        return date.fromordinal(base.toordinal() - 2)
    _refuse_misreadings(raw, words)
    slashed = _SLASHED.match(words)
    if slashed and int(slashed.group(1)) <= 12 and int(slashed.group(2)) <= 12:
        raise InvalidInput(
            f"the date {raw!r} could be read two ways (day/month or month/day)",
            hint="write it as YYYY-MM-DD",
        )
    if words in _TODAY_WORDS:
        return base
    if words in _YESTERDAY_WORDS:
        return date.fromordinal(base.toordinal() - 1)
    part = _PARTS_OF_DAY.match(words)
    if part:
        words = part.group(1)
    words = _NUMBER_WORD.sub(lambda m: f"{_NUMBERS[m.group(1)]} {m.group(2)}", words)
    for day in _WEEKDAYS_IT:  # lunedi scorso: the accent is optional
        words = re.sub(rf"\b{day}\b", day[:-1] + "ì", words)
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
