"""Human views of plain models (text lines with Rich markup)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from rich.markup import escape

if TYPE_CHECKING:
    from netjournal.services.people import PersonProfile

RECENT = 5


def profile_lines(p: PersonProfile) -> list[str]:
    """A readable profile: who, skills, how you know them, contacts, help, ties."""
    e = escape
    out = [f"[bold]{e(p.name)}[/bold] ({e(p.key or '')})"]
    work = " at ".join(x for x in (p.title, p.org) if x)
    if work or p.city:
        out.append("  " + " · ".join(e(x) for x in (work, p.city or "") if x))
    for label, items in (
        ("aka", p.aliases),
        ("skills", p.skills),
        ("tags", p.tags),
        ("values", p.values),
    ):
        if items:
            out.append(f"  {label}: {e(', '.join(items))}")
    for label, value in (
        ("email", p.email),
        ("phone", p.phone),
        ("web", p.url),
        ("birthday", p.birthday.isoformat() if p.birthday else None),
    ):
        if value:
            out.append(f"  {label}: {e(value)}")
    how = []
    if p.via:
        how.append(f"through {p.via}")
    if p.met:
        how.append(f"met: {p.met}")
    how.append(f"in the journal since {p.added.isoformat() if p.added else '?'}")
    if p.cadence_days:
        how.append(f"in touch every {p.cadence_days} days")
    out.append("  " + "; ".join(e(h) for h in how))
    if p.notes:
        out.append(f"  notes: {e(p.notes)}")
    out.append("")
    if p.interactions:
        out.append(f"[bold]Last contacts[/bold] ({len(p.interactions)} in all)")
        for i in p.interactions[:RECENT]:
            kind = f"{i.kind}: " if i.kind else ""
            out.append(f"  {i.date.isoformat()}  {e(kind + (i.note or ''))}")
    else:
        out.append("[bold]Last contacts[/bold]: none yet")
    gave = [h for h in p.help if h.direction == "gave"]
    got = [h for h in p.help if h.direction == "got"]
    out.append(f"[bold]Help[/bold]: you gave {len(gave)}, you got {len(got)}")
    for h in p.help[:RECENT]:
        arrow = "you → them" if h.direction == "gave" else "them → you"
        out.append(f"  {h.date.isoformat()}  {arrow}: {e(h.what)}")
    if p.ties:
        out.append("[bold]Knows[/bold]")
        for t in p.ties:
            other = t.b if t.a == p.key else t.a
            out.append(f"  {e(other)}" + (f" ({e(t.note)})" if t.note else ""))
    if p.referrals:
        out.append("[bold]Referrals[/bold]")
        for r in p.referrals:
            out.append(f"  {r.date.isoformat()}  {e(r.person)} → {e(r.to)} for {e(r.need)}")
    return out
