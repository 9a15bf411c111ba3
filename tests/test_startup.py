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
