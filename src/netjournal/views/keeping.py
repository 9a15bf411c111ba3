"""Views of keeping in touch: ``stale``, ``cadence``, ``balance``, ``stats`` and ``today``."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from datetime import date
from typing import TYPE_CHECKING, Any

from netjournal.render import JsonTexts, Line, styled
from netjournal.views import needs as needs_view
from netjournal.words import plural, signed

if TYPE_CHECKING:
    from netjournal.services.balance import Balance, PersonBalance
    from netjournal.services.stale import StaleTie
    from netjournal.services.stats import Stats
    from netjournal.services.today import MorningDigest

STALE_COLUMNS = ("who", "last contact", "days", "every", "talk about")
BALANCE_COLUMNS = ("who", "you gave", "you got", "balance")
OWED_COLUMNS = ("who", "since", "what")
ONE_WAY_COLUMNS = ("who", "you gave")
SPARKS = "▁▂▃▄▅▆▇█"


# What colour means, the same in every view: red is overdue, yellow is help you owe.
OVERDUE = "[red]{}[/red]"
OWED = "[yellow]{}[/yellow]"


def stale_rows(people: Iterable[StaleTie]) -> Iterator[list[Line]]:
    """The rows of ``net stale``, one a tie as the service gives them."""
    for p in people:
        yield [
            f"{p.name} ({p.key})",
            p.last_contact.isoformat() if p.last_contact else "never",
            styled("{} (" + OVERDUE + ")", p.days_since, f"{p.overdue_days} over"),
            str(p.cadence_days),
            p.hint or "",
        ]


# A record of ``net stale --json`` (``StaleTie.public``), written as json.dumps writes it.
_STALE = (
    '{"key": %s, "name": %s, "last_contact": %s, '
    '"days_since": %d, "cadence_days": %d, "overdue_days": %d}'
)


def stale_json(today: date, people: Iterable[StaleTie]) -> dict[str, object]:
    """The document of ``net stale --json``, its ties streamed."""
    from json.encoder import encode_basestring as quote

    return {
        "today": today.isoformat(),
        "people": JsonTexts(
            _STALE
            % (
                quote(p.key),
                quote(p.name),
                quote(p.last_contact.isoformat()) if p.last_contact else "null",
                p.days_since,
                p.cadence_days,
                p.overdue_days,
            )
            for p in people
        ),
    }


def cadence_rows(default: int, per_tag: dict[str, int]) -> list[list[str]]:
    return [["(default)", str(default)], *[[t, str(d)] for t, d in per_tag.items()]]


def tag_cadence_line(tag: str, days: int | None, default: int) -> str:
    every = f"every {days} days" if days else f"the default, every {default} days"
    return f"{tag}: {every}"


def balance_summary(result: Balance) -> str:
    return (
        f"You gave help {plural(result.given, 'time')} "
        f"and got it {plural(result.received, 'time')}."
    )


def balance_rows(result: Balance) -> Iterator[list[Line]]:
    """A negative balance (they helped you more than you helped them) is help you owe."""
    for key, name, gave, got, balance in result.people:
        yield [
            f"{name} ({key})",
            str(gave),
            str(got),
            styled(OWED, signed(balance)) if balance < 0 else signed(balance),
        ]


def owed_heading() -> Line:
    return styled("[bold]They helped you; you have not helped back yet[/bold]")


def owed_rows(result: Balance) -> Iterator[list[Line]]:
    for key, name, since, what, _times in result.owed:
        yield [styled(OWED, f"{name} ({key})"), since, what]


def one_way_heading() -> Line:
    return styled("[bold]You keep helping, nothing comes back[/bold]")


def one_way_rows(result: Balance) -> Iterator[list[Line]]:
    for key, name, gave, _got, _balance in result.one_way:
        yield [f"{name} ({key})", str(gave)]


# The records of ``net balance --json``, written as json.dumps writes them.
_PERSON_BALANCE = '{"key": %s, "name": %s, "gave": %d, "got": %d, "balance": %d}'
_OWED = '{"key": %s, "name": %s, "since": %s, "what": %s, "times": %d}'


def balance_json(result: Balance) -> dict[str, object]:
    """The document of ``net balance --json``, its listings streamed.

    Rows are written a few hundred at a time by a list comprehension (a
    generator expression costs a third more a row, at 30,000 rows).
    """
    from itertools import chain, islice
    from json.encoder import encode_basestring as quote

    def chunks(rows: Iterator[Any]) -> Iterator[list[Any]]:
        while chunk := list(islice(rows, 512)):
            yield chunk

    def people(rows: Iterator[PersonBalance]) -> JsonTexts:
        return JsonTexts(
            chain.from_iterable(
                [
                    _PERSON_BALANCE % (quote(key), quote(name), gave, got, balance)
                    for key, name, gave, got, balance in chunk
                ]
                for chunk in chunks(rows)
            )
        )

    owed = chain.from_iterable(
        [
            _OWED % (quote(key), quote(name), quote(since), quote(what), times)
            for key, name, since, what, times in chunk
        ]
        for chunk in chunks(result.owed)
    )
    return {
        "given": result.given,
        "received": result.received,
        "people": people(result.people),
        "owed": JsonTexts(owed),
        "one_way": people(result.one_way),
    }


def spark(values: list[int]) -> str:
    """A sparkline of counts."""
    top = max(values) if values else 0
    if not top:
        return SPARKS[0] * len(values)
    return "".join(SPARKS[min(7, round(7 * v / top))] for v in values)


def stats_rows(result: Stats) -> list[list[str]]:
    def even(value: float | None) -> str:
        return "n/a" if value is None else f"{value:.2f}"

    def top(items: list[tuple[str, int]]) -> str:
        return ", ".join(f"{k} {n}" for k, n in items[:3]) or "-"

    counts = [n for _m, n in result.months]
    warm = "n/a" if result.warm_share is None else f"{round(100 * result.warm_share)}%"
    return [
        ["people", f"{result.people} ({result.direct} direct, {result.via} through someone)"],
        [
            "contacts this month",
            f"{result.contacts_this_month} with {result.people_contacted_this_month} people",
        ],
        ["last 12 months", f"{spark(counts)}  {result.months[0][0]} … {result.months[-1][0]}"],
        ["warm ties", f"{result.warm} of {result.direct} direct ({warm})"],
        ["help", f"given {result.help_given}, received {result.help_received}"],
        ["needs", needs_view.stats_text(result.needs)],
        ["fields", f"evenness {even(result.domains.evenness)}: {top(result.domains.top)}"],
        ["organisations", f"evenness {even(result.orgs.evenness)}: {top(result.orgs.top)}"],
        ["cities", f"evenness {even(result.cities.evenness)}: {top(result.cities.top)}"],
    ]


def today_lines(result: MorningDigest) -> list[Line]:
    """The morning digest, one line a thing to do: overdue days in red, help owed in yellow."""
    out: list[Line] = []
    for s in result.stale:
        out.append(
            styled(
                "Get in touch with {} ({}): last contact " + OVERDUE + " ago",
                s.name,
                s.key,
                plural(s.days_since, "day"),
            )
            if s.last_contact
            else styled("Get in touch with {} ({}): " + OVERDUE, s.name, s.key, "never contacted")
        )
    for o in result.owed:
        out.append(
            styled(
                OWED.format("Help back {} ({})") + ": they helped you on {}",
                o.name,
                o.key,
                o.since.isoformat(),
            )
        )
    for b in result.birthdays:
        when = {0: "today", 1: "tomorrow"}.get(b.in_days, f"in {b.in_days} days")
        out.append(f"Birthday of {b.name} ({b.key}) {when}, {b.date.isoformat()}")
    out += [needs_view.today_line(n) for n in result.needs]
    if result.circles:
        from netjournal.views.circles import circle_today_line

        out += [circle_today_line(n) for n in result.circles.needs]
    return out
