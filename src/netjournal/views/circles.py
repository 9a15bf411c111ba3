"""Views of ``net circle``: the invitation a new member needs, lists, status, sync."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from netjournal.circle.local import CircleInfo, ShareChange
    from netjournal.circle.membership import Invitation, Status
    from netjournal.circle.needs import CircleNeed, NeedPosting, Publishing
    from netjournal.circle.publish import SyncReport

CIRCLE_COLUMNS = ("circle", "you are", "shared", "last sync", "connection")
MEMBER_COLUMNS = ("member", "name", "people", "last sync")


def invitation_lines(inv: Invitation) -> list[str]:
    """Everything the new member needs, to hand over privately."""
    role = inv.member.role
    out = [
        f"Added {inv.member.name} to the circle {inv.circle} as the role {role}.",
        "",
        "Send them, privately:",
        "",
        f"  1. the password of the role {role}: {inv.member.password}"
        if inv.member.password
        else f"  1. how to authenticate as {role} (no password was set)",
        "     to keep in their ~/.pgpass (mode 0600), one line:",
        f"     {_pgpass(inv.host)}:{inv.port}:{inv.dbname}:{_pgpass(role)}:"
        f"{_pgpass(inv.member.password or 'PASSWORD')}",
        "  2. the command that joins the circle from their own journal:",
        f'     net circle join {inv.circle} "{inv.conninfo}"',
        "",
        "The password is shown only now; netjournal does not keep it.",
    ]
    return out


def people(n: int) -> str:
    return "1 person" if n == 1 else f"{n} people"


def _pgpass(text: str) -> str:
    return text.replace("\\", "\\\\").replace(":", "\\:")


def circle_rows(circles: list[CircleInfo]) -> list[list[str]]:
    rows = []
    for c in circles:
        who = []
        if c.member:
            who.append(f"member {c.member}")
        if c.admin_conninfo:
            who.append("organiser")
        shared = people(c.people) + (f" (tags: {', '.join(c.tags)})" if c.tags else "")
        rows.append(
            [
                c.name,
                ", ".join(who),
                shared if c.member else "-",
                c.last_sync or "never",
                c.conninfo or c.admin_conninfo or "",
            ]
        )
    return rows


def status_lines(status: Status) -> list[str]:
    info = status.info
    out = [f"Circle {info.name}"]
    if info.member:
        out.append(f"  you are the member {info.member}; connection: {info.conninfo}")
        tags = f", and everyone tagged {', '.join(info.tags)}" if info.tags else ""
        out.append(f"  you share {people(info.people)}{tags}")
        out.append(f"  last sync: {info.last_sync or 'never'}")
    if info.admin_conninfo:
        out.append(f"  you organise it; connection: {info.admin_conninfo}")
    if status.members is None:
        out.append(f"  the server does not answer now: {status.problem}")
    return out


def member_rows(status: Status) -> list[list[str]]:
    return [[m.key, m.name, str(m.people), m.last_sync or "never"] for m in status.members or []]


def share_message(change: ShareChange, *, share: bool) -> str:
    what = [*change.people, *(f"everyone tagged {t}" for t in change.tags)]
    verb = "Sharing" if share else "No longer sharing"
    lines = [f"{verb} {', '.join(what)} with {change.circle}."]
    if change.still_by_tag:
        lines.append(f"Still shared through a tag: {', '.join(change.still_by_tag)}.")
    lines.append(f"{change.circle} gets {people(change.shared)} at the next 'net circle sync'.")
    return "\n".join(lines)


def needs(n: int) -> str:
    return "1 need" if n == 1 else f"{n} needs"


def sync_message(report: SyncReport) -> str:
    text = (
        f"Synced {report.circle} as {report.member}: {people(report.published)} published, "
        f"{report.updated} updated, {report.withdrawn} withdrawn, "
        f"{report.unchanged} unchanged."
    )
    if report.needs_posted or report.needs_withdrawn:
        text += f" Needs: {report.needs_posted} posted, {report.needs_withdrawn} withdrawn."
    return text


# ------------------------------------------------------------------ needs

CIRCLE_NEEDS_COLUMNS = ("circle", "since", "need", "who of yours could help")


def circle_need_sentence(need: CircleNeed) -> str:
    """'Giulia Neri needs a lawyer', 'Paolo Blu needs a lawyer (posted by Giulia Neri)'."""
    if need.for_name is None:
        return f"{need.member_name} needs {need.need}"
    return f"{need.for_name} needs {need.need} (posted by {need.member_name})"


def _helpers(need: CircleNeed, *, key: bool) -> str:
    out = []
    for m in need.matches:
        through = f", through {m.via_name}" if m.via_name else ""
        out.append(f"{m.name} ({m.key}){through}" if key else f"{m.name}{through}")
    return "; ".join(out)


def circle_needs_rows(found: list[CircleNeed]) -> list[list[str]]:
    return [
        [n.circle, n.date.isoformat(), circle_need_sentence(n), _helpers(n, key=True)]
        for n in found
    ]


def circle_today_line(need: CircleNeed) -> str:
    """'In club, Giulia Neri needs a lawyer: Luca Verdi could help (tell Giulia Neri)'."""
    return (
        f"In {need.circle}, {circle_need_sentence(need)}: "
        f"{_helpers(need, key=False).split('; ')[0]} could help (tell {need.member_name})"
    )


def publishing_line(done: Publishing, *, withdrawing: bool = False, need: str = "") -> str:
    """What became of publishing needs at once: 'The need is posted to the circle club.'"""
    subject = need or "The need"
    verb = "withdrawn from" if withdrawing else "posted to"
    if done.problem is None:
        return f"{subject} is {verb} the circle {done.circle}."
    hint = f" ({done.hint})" if done.hint else ""
    return (
        f"{subject} is not {verb} the circle {done.circle} yet: {done.problem}{hint}. "
        f"'net circle sync --circle {done.circle}' does it when the server answers."
    )


def posting_message(change: NeedPosting) -> str:
    return publishing_line(change.publishing, withdrawing=not change.posted, need=change.need_id)
