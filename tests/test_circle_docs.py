"""docs/circles.md runs as written: every ``[member]$ net …`` of its walk-through.

The page's server setup (its SQL) runs as the superuser of the suite's TLS
cluster on 127.0.0.1; then every command of its console blocks runs, in
order, through the real ``net`` entry point, each member with their own
journal, passwords in the test's PGPASSFILE as the page tells members to keep
them.  Only the server's port is the test's own.  Each command must end as
the page shows (an ``Error:`` line: exit 1; else 0), and what the page shows
it print must be there: messages line by line (``…`` stands for anything),
JSON as a whole, Rich tables cell by cell.
"""

from __future__ import annotations

import json
import re
import shlex
from dataclasses import dataclass, field
from pathlib import Path

from circle_server import PassFile, Server
from conftest import Net

PAGE = Path(__file__).resolve().parent.parent / "docs" / "circles.md"
PROMPT = re.compile(r"^\[(\w+)\]\$ (net .*)$")
BOX = set("┏┃┡│└┳╇┓┩┘━┗")


@dataclass
class Step:
    who: str
    argv: list[str]
    shown: list[str] = field(default_factory=list)


def steps() -> list[Step]:
    """The page's console blocks, as commands and what each shows."""
    out: list[Step] = []
    blocks = re.findall(r"```console\n(.*?)```", PAGE.read_text(encoding="utf-8"), re.S)
    for block in blocks:
        for line in block.splitlines():
            found = PROMPT.match(line)
            if found:
                command = found.group(2).removesuffix(" | cat")
                out.append(Step(found.group(1), shlex.split(command)[1:]))
            elif out and line.strip():
                out[-1].shown.append(line)
    return out


def setup_sql() -> list[str]:
    text = PAGE.read_text(encoding="utf-8")
    sql = re.search(r"psql <<'SQL'\n(.*?)\nSQL\n", text, re.S)
    assert sql, "the page's server setup"
    lines = [line for line in sql.group(1).splitlines() if not line.startswith("--")]
    return [s.strip() for s in " ".join(lines).split(";") if s.strip()]


def _on_port(arg: str, port: int) -> str:
    return arg.replace("@localhost/", f"@localhost:{port}/").replace("port=5432", f"port={port}")


def _check_shown(step: Step, out: str, err: str, port: int) -> None:
    said = out + err
    if any(BOX & set(line) for line in step.shown):
        titles = {i for i, line in enumerate(step.shown[1:]) if line.startswith("┏")}
        for n, line in enumerate(step.shown):
            if n in titles:
                continue  # a table's title, printed on a terminal only
            for cell in line.strip("┃│ ").split("│"):
                if cell.strip() and not BOX & set(cell):
                    assert cell.strip() in said, (step.argv, cell)
        return
    if step.shown and step.shown[0].startswith("{"):
        assert json.loads(out) == json.loads(" ".join(step.shown)), step.argv
        return
    for line in step.shown:
        if "password" in line or "localhost:5432" in line:
            continue  # a fresh password each run
        parts = _on_port(line, port).split("…")
        pattern = ".*".join(re.escape(part.strip()) for part in parts)
        assert re.search(pattern, said), (step.argv, line, said)


def test_the_circles_walk_through_runs_as_written(
    pg_tls_server: Server, pgpass: PassFile, tmp_path: Path, net: Net
) -> None:
    server = pg_tls_server
    statements = setup_sql()
    assert statements[0].startswith("CREATE ROLE organiser")
    for statement in statements:
        server.admin(statement)
    try:
        password = re.search(r"PASSWORD '([^']+)'", statements[0])
        assert password
        pgpass.add("organiser", password.group(1))
        ran = 0
        for step in steps():
            argv = [_on_port(a, server.port) for a in step.argv]
            result = net("--db", str(tmp_path / f"{step.who}.db"), *argv)
            expected = 1 if step.shown and step.shown[0].startswith("Error:") else 0
            assert result.code == expected, (step.argv, result.err)
            assert "Traceback" not in result.err
            _check_shown(step, result.out, result.err, server.port)
            if argv[:2] == ["circle", "add-member"]:  # the member keeps the line, and joins
                key = argv[2]
                secret = re.search(rf"the password of the role {key}\.club: (\S+)", result.out)
                join = re.search(r'net circle join club "([^"]+)"', result.out)
                assert secret and join, result.out
                pgpass.add(f"{key}.club", secret.group(1))
                joined = net(
                    "--db", str(tmp_path / f"{key}.db"), "circle", "join", "club", join.group(1)
                )
                assert joined.code == 0, joined.err
            ran += 1
        assert ran >= 20
    finally:
        server.admin("DROP DATABASE IF EXISTS circles WITH (FORCE)")
        for role in ("anna.club", "giulia.club", "marco.club", "circle_club", "organiser"):
            server.admin(f'DROP ROLE IF EXISTS "{role}"')
