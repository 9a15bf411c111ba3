"""Help and completion stay fast: they never import SQLAlchemy or SQLModel."""

from __future__ import annotations

import subprocess
import sys

HEAVY = ("sqlalchemy", "sqlmodel", "netjournal.store", "dateparser")


def _modules_after(code: str) -> set[str]:
    probe = code + "\nimport sys\nprint('\\n'.join(sorted(sys.modules)))"
    out = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=False)
    return set(out.stdout.split())


def test_importing_the_cli_loads_nothing_heavy() -> None:
    loaded = _modules_after("import netjournal.cli")
    assert not {m for m in loaded if m.split(".")[0] in HEAVY or m in HEAVY}


def test_help_loads_nothing_heavy() -> None:
    for args in ([" --help"], ["ask", "--help"], ["add", "--help"]):
        code = (
            "import sys\nfrom netjournal.cli import run\n"
            f"try:\n    run({[a.strip() for a in args]!r})\nexcept SystemExit:\n    pass\n"
            "sys.stdout = sys.__stdout__"
        )
        loaded = _modules_after(code)
        heavy = {m for m in loaded if m.split(".")[0] in HEAVY or m in HEAVY}
        assert not heavy, (args, sorted(heavy)[:5])


def test_completion_loads_nothing_heavy(tmp_path: object) -> None:
    import os

    env = dict(os.environ, _NET_COMPLETE="complete_bash", COMP_WORDS="net show an", COMP_CWORD="2")
    probe = (
        "import sys\nfrom netjournal.cli import app\n"
        "try:\n    app(prog_name='net')\nexcept SystemExit:\n    pass\n"
        "print('MODULES');print('\\n'.join(sorted(sys.modules)))"
    )
    out = subprocess.run(
        [sys.executable, "-c", probe], capture_output=True, text=True, env=env, check=False
    )
    loaded = set(out.stdout.split("MODULES")[-1].split())
    assert "netjournal.cli" in loaded
    assert not {m for m in loaded if m.split(".")[0] in ("sqlalchemy", "sqlmodel")}


def test_the_lazy_root_lists_what_typer_builds() -> None:
    """The table `net` runs from has Typer's commands, in its order, with the same summaries."""
    import typer.main

    from netjournal.cli import app
    from netjournal.cli_help import _summary
    from netjournal.cli_lazy import LazyCommands, root_command

    eager = typer.main.get_command(app)
    lazy = root_command(app)
    table = lazy.commands  # type: ignore[attr-defined]
    assert isinstance(table, LazyCommands)
    built = eager.commands  # type: ignore[attr-defined]
    assert list(table) == list(built) and len(table) > 30
    for name, command in built.items():
        seen = table.peek(name)
        assert (seen.hidden, _summary(seen)) == (command.hidden, _summary(command)), name
    assert table.built() == []
    assert [p.name for p in lazy.params] == [p.name for p in eager.params]


def test_a_command_builds_only_itself() -> None:
    from netjournal.cli import app
    from netjournal.cli_lazy import root_command

    for args, wanted in ((["--help"], []), (["log", "--help"], ["log"])):
        root = root_command(app)
        try:
            root.main(args, prog_name="net")
        except SystemExit as exc:
            assert exc.code == 0
        assert root.commands.built() == wanted  # type: ignore[attr-defined]


def test_the_entry_point_collects_garbage_again_once_imported() -> None:
    """`net` starts with the cyclic collector off, and turns it back on before the command."""
    probe = (
        "import gc, sys\nimport netjournal.cli\n"
        "seen = []\nnetjournal.cli.run = lambda: seen.append(gc.isenabled())\n"
        "from netjournal.__main__ import main\nmain()\n"
        "print(seen, gc.isenabled(), gc.get_freeze_count() > 0)"
    )
    out = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True)
    assert out.stdout.split() == ["[True]", "True", "True"]
