"""Views of people: the rows of ``net list`` and the profile of ``net show``."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import TYPE_CHECKING

from netjournal.render import Line, styled

if TYPE_CHECKING:
    from netjournal.services.people import ListedPerson
    from netjournal.services.records import Profile

RECENT = 5


def profile_lines(p: Profile) -> list[Line]:
    """A readable profile: who, skills, how you know them, contacts, help, ties."""
    out: list[Line] = [styled("[bold]{}[/bold] ({})", p.name, p.key or "")]
    work = " at ".join(x for x in (p.title, p.org) if x)
    if work or p.city:
        out.append("  " + " · ".join(x for x in (work, p.city or "") if x))
    for label, items in (
        ("aka", p.aliases),
        ("skills", p.skills),
        ("tags", p.tags),
        ("values", p.values),
    ):
        if items:
            out.append(f"  {label}: {', '.join(items)}")
    for label, value in (
        ("email", ", ".join(p.emails) or p.email),
        ("phone", ", ".join(p.phones) or p.phone),
        ("web", p.url),
        ("birthday", p.birthday),
    ):
        if value:
            out.append(f"  {label}: {value}")
    how = []
    if p.via:
        how.append(f"through {p.via}")
    if p.met:
        how.append(f"met: {p.met}")
    how.append(f"in the journal since {p.added.isoformat() if p.added else '?'}")
    if p.cadence_days:
        how.append(f"in touch every {p.cadence_days} days")
    out.append("  " + "; ".join(how))
    if p.notes:
        out.append(f"  notes: {p.notes}")
    out.append("")
    width = max((len(_id(e)) for e in [*p.interactions, *p.help, *p.ties, *p.referrals]), default=0)

    def event(record: object, text: str) -> Line:
        return styled("  [dim]{}[/dim]  {}", _id(record).ljust(width), text)

    if p.interactions:
        out.append(styled("[bold]Last contacts[/bold] ({} in all)", len(p.interactions)))
        for i in p.interactions[:RECENT]:
            what = ": ".join(x for x in (i.kind, i.note) if x)
            out.append(event(i, f"{i.date.isoformat()}  {what}"))
    else:
        out.append(styled("[bold]Last contacts[/bold]: none yet"))
    gave = [h for h in p.help if h.direction == "gave"]
    got = [h for h in p.help if h.direction == "got"]
    out.append(styled("[bold]Help[/bold]: you gave {}, you got {}", len(gave), len(got)))
    for h in p.help[:RECENT]:
        arrow = "you → them" if h.direction == "gave" else "them → you"
        out.append(event(h, f"{h.date.isoformat()}  {arrow}: {h.what}"))
    if p.ties:
        out.append(styled("[bold]Knows[/bold]"))
        for t in p.ties:
            other = t.b if t.a == p.key else t.a
            out.append(event(t, other + (f" ({t.note})" if t.note else "")))
    if p.referrals:
        out.append(styled("[bold]Referrals[/bold]"))
        for r in p.referrals:
            out.append(event(r, f"{r.date.isoformat()}  {r.person} → {r.to} for {r.need}"))
    return out


def _id(record: object) -> str:
    """An event's short id (``i-12``), when the service gave one."""
    return str(getattr(record, "id", "") or "")


COMPACT_COLUMNS = ("key", "name", "about")
#: Below this terminal width ``net list`` shows one line a person unless --wide.
COMPACT_BELOW = 100


def compact_rows(people: Iterable[ListedPerson]) -> Iterator[list[str]]:
    """One line a person: key, name, then work, city, skills and tags (cut to fit)."""
    for p in people:
        work = " · ".join(x for x in (p.title, p.org) if x)
        about = "; ".join(
            x
            for x in (work, p.city or "", ", ".join(p.skills), " ".join(f"#{t}" for t in p.tags))
            if x
        )
        yield [p.key or "", p.name, about]


PEOPLE_COLUMNS = ("key", "name", "work", "city", "skills", "tags")


def people_rows(people: Iterable[ListedPerson]) -> Iterator[list[str]]:
    """The rows of ``net list``, as the service gives them."""
    for p in people:
        yield [
            p.key or "",
            p.name,
            " · ".join(x for x in (p.title, p.org) if x),
            p.city or "",
            ", ".join(p.skills),
            ", ".join(p.tags),
        ]
