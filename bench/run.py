"""Benchmark ``net`` side by side with the floor of each command, on generated journals.

    python bench/run.py                     # 1000 and 30000 people, 5 runs each
    python bench/run.py --sizes 1000 --runs 3
    python bench/run.py --quick             # 1000 people, 2 runs
    python bench/run.py --terminal 100000   # also: list/stale/balance on a terminal at 100k
    python bench/run.py --terminal-journal DB   # only those, on a journal made before
    python bench/run.py --write-docs        # also write the tables into docs/performance.md
    python bench/run.py --circle            # also a circle on PostgreSQL (bench/circle.py)

Every command runs in a fresh process, as a user runs it, and so does its
*floor* (``bench/floors/``): the interpreter, ``import typer, rich, sqlite3``
and the one indexed query the command needs, or the same INSERTs for a write.
``net --help`` and shell completion are measured against ``python -c "import
typer"``.  Each round runs every command and its floor at every size in turn,
so that a machine getting busier or quieter shifts a whole round alike.  The
script reports the median wall and CPU time, the peak resident memory, the
ratio of each command to its floor, the growth of each read from the smallest
to the largest size, the import against a plain ``executemany``, and, with
``--terminal``, the time to the first screen of long listings on a
pseudo-terminal.  It exits 1 when a command fails; a missed target is
reported, not an error.  See ``bench/README.md``.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import shutil
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
FLOORS = HERE / "floors"
DOCS = ROOT / "docs" / "performance.md"
START_MARK = "<!-- bench:start -->"
END_MARK = "<!-- bench:end -->"
TODAY = "2026-11-27"

sys.path.insert(0, str(HERE))
from generate import write as write_journal  # noqa: E402
from generate import write_linkedin  # noqa: E402

# Targets (issue 17).
HELP_RATIO = 1.2  # net --help and completion against `import typer`
READ_RATIO = 1.5  # each read against its floor
WRITE_RATIO = 2.0  # each write against its floor
GROWTH = 1.2  # each read from the smallest to the largest size
MEMORY_MB = 150.0
IMPORT_RATIO = 2.0
IMPORT_MB = 200.0
FIRST_SCREEN_S = 1.0
LINKEDIN_S = 10.0  # a LinkedIn Connections.csv of up to 30,000 people (issue 12)
LINKEDIN_MB = 200.0
LINKEDIN_UP_TO = 30_000
EXPORT_S = 30.0  # net export --format json, up to 100,000 people
EXPORT_MB = 250.0
SCREEN_LINES = 40
SMALL_PEOPLE = 19  # a new journal this small, and its backup, under SMALL_KB each
SMALL_KB = 200.0

PY = sys.executable
BASELINES: dict[str, list[str]] = {
    "python -c pass": [PY, "-c", "pass"],
    "import typer": [PY, "-c", "import typer"],
}

SQLITE_IMPORT = r"""
import json, sqlite3, sys
with open(sys.argv[1], encoding="utf-8") as f:
    doc = json.load(f)
conn = sqlite3.connect(sys.argv[2])
conn.executescript('''
CREATE TABLE person (id INTEGER PRIMARY KEY, key TEXT NOT NULL UNIQUE, name TEXT NOT NULL,
    org TEXT, title TEXT, city TEXT, email TEXT, phone TEXT, met TEXT, notes TEXT,
    cadence_days INTEGER, via_id INTEGER, added DATE);
CREATE TABLE person_label (person_id INTEGER NOT NULL, kind TEXT NOT NULL,
    position INTEGER NOT NULL, name TEXT NOT NULL, PRIMARY KEY (person_id, kind, position));
CREATE TABLE interaction (id INTEGER PRIMARY KEY, person_id INTEGER NOT NULL,
    date DATE NOT NULL, kind TEXT, note TEXT);
CREATE TABLE help (id INTEGER PRIMARY KEY, person_id INTEGER NOT NULL, direction TEXT NOT NULL,
    date DATE NOT NULL, what TEXT NOT NULL, skill TEXT);
CREATE TABLE tie (a_id INTEGER NOT NULL, b_id INTEGER NOT NULL, note TEXT,
    PRIMARY KEY (a_id, b_id));
CREATE TABLE referral (id INTEGER PRIMARY KEY, person_id INTEGER NOT NULL,
    to_id INTEGER NOT NULL, need TEXT NOT NULL, date DATE NOT NULL);
''')
ids = {p["key"]: i for i, p in enumerate(doc["people"], 1)}
with conn:
    conn.executemany(
        "INSERT INTO person VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        [(ids[p["key"]], p["key"], p["name"], p["org"], p["title"], p["city"], p["email"],
          p["phone"], p["met"], p["notes"], p["cadence_days"],
          ids[p["via"]] if p["via"] else None, p["added"]) for p in doc["people"]])
    conn.executemany(
        "INSERT INTO person_label VALUES (?, ?, ?, ?)",
        [(ids[p["key"]], kind, n, name) for p in doc["people"]
         for kind, items in (("alias", p["aliases"]), ("skill", p["skills"]),
                             ("tag", p["tags"]), ("value", p["values"]))
         for n, name in enumerate(items)])
    conn.executemany(
        "INSERT INTO interaction (person_id, date, kind, note) VALUES (?, ?, ?, ?)",
        [(ids[r["person"]], r["date"], r["kind"], r["note"]) for r in doc["interactions"]])
    conn.executemany(
        "INSERT INTO help (person_id, direction, date, what, skill) VALUES (?, ?, ?, ?, ?)",
        [(ids[r["person"]], r["direction"], r["date"], r["what"], r["skill"])
         for r in doc["help"]])
    conn.executemany(
        "INSERT INTO tie VALUES (?, ?, ?)",
        [(*sorted((ids[r["a"]], ids[r["b"]])), r["note"]) for r in doc["ties"]])
    conn.executemany(
        "INSERT INTO referral (person_id, to_id, need, date) VALUES (?, ?, ?, ?)",
        [(ids[r["person"]], ids[r["to"]], r["need"], r["date"]) for r in doc["referrals"]])
conn.close()
"""


# ------------------------------------------------------------------ measuring


@dataclass
class Sample:
    seconds: float
    cpu: float
    peak_kib: int
    code: int
    out: bytes
    err: bytes


def _peak_kib(ru_maxrss: int) -> int:
    """ru_maxrss is KiB on Linux and the BSDs, bytes on macOS."""
    return ru_maxrss // 1024 if sys.platform == "darwin" else ru_maxrss


# Linux counts a child's peak RSS (ru_maxrss) from its parent's peak at fork and
# exec time, so children are started by this small helper process, never by
# the benchmark itself (which holds a whole generated journal in memory).  Its
# own peak, about 10 MB, is the floor of every figure.
SPAWNER = r"""
import json, os, sys, time
for line in sys.stdin:
    job = json.loads(line)
    flags = os.O_WRONLY | os.O_CREAT | os.O_TRUNC
    actions = [(os.POSIX_SPAWN_OPEN, 0, os.devnull, os.O_RDONLY, 0),
               (os.POSIX_SPAWN_OPEN, 1, job["out"], flags, 0o600),
               (os.POSIX_SPAWN_OPEN, 2, job["err"], flags, 0o600)]
    try:
        start = time.perf_counter()
        pid = os.posix_spawnp(job["argv"][0], job["argv"], job["env"], file_actions=actions)
        _pid, status, usage = os.wait4(pid, 0)
        seconds = time.perf_counter() - start
        cpu = usage.ru_utime + usage.ru_stime
        reply = [seconds, cpu, usage.ru_maxrss, os.waitstatus_to_exitcode(status), None]
    except OSError as exc:
        reply = [0.0, 0.0, 0, 127, str(exc)]
    sys.stdout.write(json.dumps(reply) + "\n")
    sys.stdout.flush()
"""


class Spawner:
    """Run one process at a time to its end: wall time, its own peak RSS, exit code."""

    def __init__(self, folder: Path) -> None:
        self.out = folder / "stdout.txt"
        self.err = folder / "stderr.txt"
        self.proc = subprocess.Popen(
            [PY, "-I", "-S", "-c", SPAWNER],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            text=True,
            bufsize=1,
        )

    def measure(
        self, argv: Sequence[str], env: dict[str, str], *, keep_output: bool = False
    ) -> Sample:
        assert self.proc.stdin is not None and self.proc.stdout is not None
        job = {"argv": list(argv), "env": env, "out": str(self.out), "err": str(self.err)}
        self.proc.stdin.write(json.dumps(job) + "\n")
        self.proc.stdin.flush()
        reply = self.proc.stdout.readline()
        if not reply:
            raise RuntimeError("the benchmark's spawner process died")
        seconds, cpu, maxrss, code, problem = json.loads(reply)
        error = problem.encode() if problem else self.err.read_bytes()
        output = self.out.read_bytes() if keep_output or code != 0 else b""
        return Sample(seconds, cpu, _peak_kib(maxrss), code, output, error)

    def close(self) -> None:
        if self.proc.stdin:
            self.proc.stdin.close()
        self.proc.wait()


_spawner: Spawner | None = None


def measure(argv: Sequence[str], env: dict[str, str], *, keep_output: bool = False) -> Sample:
    assert _spawner is not None, "start the spawner first"
    return _spawner.measure(argv, env, keep_output=keep_output)


def net_command() -> list[str]:
    """``net`` as installed beside this interpreter, else ``python -m netjournal``."""
    script = Path(PY).parent / "net"
    if script.is_file() and os.access(script, os.X_OK):
        return [str(script)]
    found = shutil.which("net")
    if found and Path(found).resolve().parent == Path(PY).resolve().parent:
        return [found]
    return [PY, "-m", "netjournal"]


@dataclass
class Ctx:
    """What the argument lists of one size are made from."""

    db: str
    lexicon: str
    show_key: str
    keys: list[str]
    need_keys: dict[str, list[str]]
    today: str = TODAY
    turn: int = 0  # which run: writes use other people and names each time


Args = Callable[[Ctx], list[str]]


@dataclass
class Command:
    label: str
    kind: str  # "start", "read" or "write"
    args: Args  # after `net --db DB`
    floor: Args | None  # a floor script's arguments, or None: the `import typer` baseline
    needs: str | None = None  # a command other engineers add: skipped when `net CMD --help` fails
    # Its output grows with the journal (the growth target leaves such
    # commands aside): judged on its ratio to the floor, not on its growth.
    prints_more: bool = False

    @property
    def target(self) -> float:
        return {"start": HELP_RATIO, "read": READ_RATIO, "write": WRITE_RATIO}[self.kind]


def _floor(script: str, *rest: Callable[[Ctx], str]) -> Args:
    return lambda c: [PY, str(FLOORS / script), c.db, *(f(c) for f in rest)]


def _other(c: Ctx, offset: int) -> str:
    return c.keys[(7 + 2 * c.turn + offset) % len(c.keys)]


NEEDS = {"en": "need a lawyer", "it": "cerco un idraulico a Torino"}


def commands() -> list[Command]:
    """Every command measured, its floor and its kind (which target applies)."""
    complete = "show " + "ro"
    return [
        Command("net --help", "start", lambda c: ["--help"], None),
        Command("completion (net show ro<TAB>)", "start", lambda c: [complete], None),
        Command(
            "net ask (en)",
            "read",
            lambda c: ["ask", NEEDS["en"], "--json"],
            lambda c: [PY, str(FLOORS / "ask.py"), c.db, c.lexicon, *c.need_keys["en"]],
        ),
        Command(
            "net ask (it)",
            "read",
            lambda c: ["ask", NEEDS["it"], "--json"],
            lambda c: [PY, str(FLOORS / "ask.py"), c.db, c.lexicon, *c.need_keys["it"]],
        ),
        Command(
            "net stale",
            "read",
            lambda c: ["stale", "--json"],
            _floor("stale.py", lambda c: c.today),
            prints_more=True,  # everyone past their cadence: 270 people at 1,000, 8,000 at 30,000
        ),
        Command(
            "net show",
            "read",
            lambda c: ["show", c.show_key, "--json"],
            _floor("show.py", lambda c: c.show_key),
        ),
        Command(
            "net today",
            "read",
            lambda c: ["today", "--json"],
            _floor("today.py", lambda c: c.today),
        ),
        Command(
            "net stats",
            "read",
            lambda c: ["stats", "--json"],
            _floor("stats.py", lambda c: c.today),
        ),
        Command(
            "net balance",
            "read",
            lambda c: ["balance", "--json"],
            _floor("balance.py"),
            prints_more=True,  # a row per person helped: 712 people at 1,000, 21,000 at 30,000
        ),
        Command(
            "net needs",
            "read",
            lambda c: ["needs", "--json"],
            _floor("stale.py", lambda c: c.today, lambda c: "3"),
            needs="needs",
        ),
        Command(
            "net find",
            "read",
            lambda c: ["find", "Milano", "--json"],
            _floor("find.py", lambda c: "Milano"),
            needs="find",
        ),
        Command("net list", "list", lambda c: ["list", "--json"], _floor("listing.py")),
        Command(
            "net log",
            "write",
            lambda c: ["log", _other(c, 0), f"coffee {c.turn}"],
            lambda c: [PY, str(FLOORS / "write.py"), c.db, "log", _other(c, 1), f"coffee {c.turn}"],
        ),
        Command(
            "net gave",
            "write",
            lambda c: ["gave", _other(c, 0), f"a lift {c.turn}"],
            lambda c: [PY, str(FLOORS / "write.py"), c.db, "gave", _other(c, 1), "a lift"],
        ),
        Command(
            "net got",
            "write",
            lambda c: ["got", _other(c, 0), f"advice on a lease {c.turn}"],
            lambda c: [PY, str(FLOORS / "write.py"), c.db, "got", _other(c, 1), "advice"],
        ),
        Command(
            "net knows",
            "write",
            lambda c: ["knows", _other(c, 0), _other(c, 1)],
            lambda c: [PY, str(FLOORS / "write.py"), c.db, "knows", _other(c, 2), _other(c, 3)],
        ),
        Command(
            "net add",
            "write",
            lambda c: ["add", f"Bench Person {c.turn}", "--skill", "plumbing"],
            lambda c: [
                PY,
                str(FLOORS / "write.py"),
                c.db,
                "add",
                f"Floor Person {c.turn}",
                "plumbing",
            ],
        ),
    ]


@dataclass
class Result:
    samples: list[Sample] = field(default_factory=list)
    failure: str | None = None

    @property
    def median(self) -> float:
        return statistics.median(s.seconds for s in self.samples)

    @property
    def cpu(self) -> float:
        return statistics.median(s.cpu for s in self.samples)

    @property
    def peak_mb(self) -> float:
        return max(s.peak_kib for s in self.samples) / 1024

    @property
    def ok(self) -> bool:
        return bool(self.samples) and not self.failure


@dataclass
class SizeRun:
    people: int
    records: int
    generate_s: float
    import_s: float | None
    import_cpu: float | None
    import_mb: float | None
    sqlite_s: float | None
    sqlite_cpu: float | None
    sqlite_mb: float | None
    import_failure: str | None
    export: Sample | None = None  # net export --format json -o FILE of the imported journal
    linkedin: Sample | None = None  # net import of a Connections.csv of as many people
    ctx: Ctx | None = None
    env: dict[str, str] = field(default_factory=dict)
    results: dict[str, Result] = field(default_factory=dict)
    floors: dict[str, Result] = field(default_factory=dict)


@dataclass
class SmallJournal:
    """The files of a new journal of SMALL_PEOPLE people and of its backup, in bytes."""

    journal: int = 0
    backup: int = 0
    failure: str | None = None


def small_journal(net: list[str], env: dict[str, str], workdir: Path) -> SmallJournal:
    """Import a generated journal of SMALL_PEOPLE people, ask once, back it up: the sizes.

    The question builds the matching index, as a user's first ``net ask``
    does; the write-ahead log is folded into the file before it is measured.
    """
    folder = workdir / "small"
    folder.mkdir()
    source, db, copy = folder / "journal.json", folder / "netjournal.db", folder / "backup.db"
    write_journal(SMALL_PEOPLE, source)
    for argv in (["import", str(source)], ["ask", NEEDS["en"], "--json"], ["backup", str(copy)]):
        sample = measure([*net, "--db", str(db), *argv], env)
        if sample.code != 0:
            return SmallJournal(failure=f"net {argv[0]}: {_failure(sample)}")
    conn = sqlite3.connect(db)
    try:
        conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    finally:
        conn.close()
    return SmallJournal(db.stat().st_size, copy.stat().st_size)


def _failure(sample: Sample) -> str:
    text = (sample.err or sample.out).decode("utf-8", "replace").strip().splitlines()
    return f"exit {sample.code}: {text[0] if text else 'no output'}"[:200]


def available(net: list[str], env: dict[str, str], name: str) -> bool:
    return measure([*net, name, "--help"], env).code == 0


def _need_keys(need: str) -> list[str]:
    """The lexicon keys of a need's words and word pairs (what `net ask` looks up)."""
    from netjournal.matching.lexicon import phrase_keys
    from netjournal.matching.text import words

    toks = words(need)
    found: set[str] = set()
    for n in (1, 2, 3):
        for i in range(len(toks) - n + 1):
            found |= phrase_keys(toks[i : i + n])
    return sorted(found)


def _lexicon(env: dict[str, str]) -> str:
    """The compiled lexicon file `net` attaches, built now so no timing pays for it."""
    code = "from netjournal.store import lexicon as l; p = l.lexicon_file(); "
    code += "p.is_file() or l.build_file(p); print(p)"
    done = subprocess.run([PY, "-c", code], env=env, capture_output=True, text=True, check=False)
    return done.stdout.strip() if done.returncode == 0 else ""


def prepare(n: int, runs: int, net: list[str], base_env: dict[str, str], workdir: Path) -> SizeRun:
    """Generate a journal of ``n`` people and import it (timed, with its plain floor)."""
    log = _progress
    folder = workdir / f"n{n}"
    folder.mkdir()
    source = folder / "journal.json"
    db = folder / "netjournal.db"
    log(f"{n} people: generating")
    start = time.perf_counter()
    doc = write_journal(n, source)
    generate_s = time.perf_counter() - start
    records = sum(len(doc[s]) for s in ("people", "interactions", "help", "ties", "referrals"))
    busiest: dict[str, int] = {}
    for r in doc["interactions"]:
        busiest[r["person"]] = busiest.get(r["person"], 0) + 1
    keys = [p["key"] for p in doc["people"] if p["via"] is None] or ["nobody"]
    show_key = max(busiest, key=lambda k: (busiest[k], k)) if busiest else keys[0]
    del doc

    env = dict(base_env, NETJOURNAL_DB=str(db))
    _sync()
    log(f"{n} people: plain sqlite3 import")
    floors = []
    for i in range(min(3, runs)):
        _sync()
        plain = folder / f"plain-{i}.db"
        floors.append(measure([PY, "-c", SQLITE_IMPORT, str(source), str(plain)], env))
        plain.unlink(missing_ok=True)
    floor = next((f for f in floors if f.code != 0), floors[0])
    good = floor.code == 0
    log(f"{n} people: net import")
    # Compiled once per installed version (about 1 s), before the first import is timed.
    lexicon = _lexicon(env)
    _sync()
    imported = measure([*net, "--db", str(db), "import", str(source)], env)
    run = SizeRun(
        n,
        records,
        generate_s,
        imported.seconds if imported.code == 0 else None,
        imported.cpu if imported.code == 0 else None,
        imported.peak_kib / 1024,
        statistics.median(f.seconds for f in floors) if good else None,
        statistics.median(f.cpu for f in floors) if good else None,
        max(f.peak_kib for f in floors) / 1024 if good else None,
        None if imported.code == 0 else _failure(imported),
    )
    if not good:
        log(f"  plain sqlite3 import failed: {_failure(floor)}")
    if run.import_failure:
        log(f"  net import failed: {run.import_failure}")
    else:  # the first question builds the matching index: not what a user waits for each time
        measure([*net, "--db", str(db), "ask", "warm up", "--json"], env)
        log(f"{n} people: net export --format json")
        exported = folder / "export.json"
        _sync()
        run.export = measure(
            [*net, "--db", str(db), "export", "--format", "json", "-o", str(exported)], env
        )
        exported.unlink(missing_ok=True)
    log(f"{n} people: net import of a LinkedIn Connections.csv")
    connections = folder / "Connections.csv"
    write_linkedin(n, connections)
    linkedin_db = folder / "linkedin.db"
    _sync()
    run.linkedin = measure([*net, "--db", str(linkedin_db), "import", str(connections)], env)
    for leftover in folder.glob("linkedin.db*"):
        leftover.unlink()
    run.env = env
    run.ctx = Ctx(
        str(db),
        lexicon,
        show_key,
        keys,
        {lang: _need_keys(need) for lang, need in NEEDS.items()},
    )
    return run


def _argv(net: list[str], c: Command, ctx: Ctx) -> list[str]:
    if c.label.startswith("completion"):
        return [*net]
    return [*net, "--db", ctx.db, *c.args(ctx)]


def _env(c: Command, run: SizeRun) -> dict[str, str]:
    if not c.label.startswith("completion"):
        return run.env
    words = ["net", *c.args(run.ctx)[0].split()] if run.ctx else ["net"]
    return dict(
        run.env,
        _NET_COMPLETE="complete_bash",
        COMP_WORDS=" ".join(words),
        COMP_CWORD=str(len(words) - 1),
    )


def measure_all(
    sized: list[SizeRun], cmds: list[Command], runs: int, net: list[str], env: dict[str, str]
) -> dict[str, Result]:
    """Run every command and its floor at every size, and the baselines, interleaved."""
    baselines = {label: Result() for label in BASELINES}
    for run in sized:
        for c in cmds:
            run.results[c.label] = Result()
            run.floors[c.label] = Result()

    def jobs(turn: int) -> list[tuple[str, Result, list[str], dict[str, str]]]:
        out = []
        for c in cmds:
            for run in sized:
                if run.ctx is None:
                    continue
                run.ctx.turn = turn
                out.append(
                    (
                        f"{c.label} at {run.people}",
                        run.results[c.label],
                        _argv(net, c, run.ctx),
                        _env(c, run),
                    )
                )
                if c.floor is not None:
                    out.append(
                        (
                            f"floor of {c.label} at {run.people}",
                            run.floors[c.label],
                            c.floor(run.ctx),
                            run.env,
                        )
                    )
        out += [(label, baselines[label], argv, env) for label, argv in BASELINES.items()]
        return out

    _progress("warm-up")
    for name, result, argv, job_env in jobs(0):  # warm the caches and .pyc files; check outputs
        sample = measure(argv, job_env, keep_output=True)
        if sample.code != 0:
            result.failure = _failure(sample)
        elif "--json" in argv:
            try:
                json.loads(sample.out)
            except ValueError:
                result.failure = "the output is not JSON"
        if result.failure:
            _progress(f"  {name}: {result.failure}")
    for i in range(runs):
        _progress(f"run {i + 1}/{runs}")
        for _name, result, argv, job_env in jobs(i + 1):
            if result.failure:
                continue
            sample = measure(argv, job_env)
            if sample.code != 0:
                result.failure = _failure(sample)
                continue
            result.samples.append(sample)
    return baselines


# A long listing on a terminal: `net` writes to a pseudo-terminal; the time to
# the first screen is when SCREEN_LINES lines have arrived.  Run by a small
# helper process, so that the peak memory is the command's own.
TERMINAL = r"""
import json, os, sys, time
argv, env, lines = json.loads(sys.argv[1]), json.loads(sys.argv[2]), int(sys.argv[3])
master, slave = os.openpty()
start = time.perf_counter()
pid = os.posix_spawnp(argv[0], argv, env, file_actions=[
    (os.POSIX_SPAWN_DUP2, slave, 0), (os.POSIX_SPAWN_DUP2, slave, 1),
    (os.POSIX_SPAWN_DUP2, slave, 2)])
os.close(slave)
def cpu():  # the command's CPU time so far (Linux), which a busy machine does not inflate
    try:
        with open(f"/proc/{pid}/stat") as stat:
            fields = stat.read().rsplit(")", 1)[1].split()
        return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")
    except (OSError, ValueError, IndexError):
        return None
seen, first, first_cpu = 0, None, None
while True:
    try:
        chunk = os.read(master, 65536)
    except OSError:
        break
    if not chunk:
        break
    seen += chunk.count(b"\n")
    if first is None and seen >= lines:
        first, first_cpu = time.perf_counter() - start, cpu()
_pid, status, usage = os.wait4(pid, 0)
total = time.perf_counter() - start
all_cpu = usage.ru_utime + usage.ru_stime
print(json.dumps([first if first is not None else total, total, usage.ru_maxrss,
                  os.waitstatus_to_exitcode(status), seen,
                  first_cpu if first is not None else all_cpu, all_cpu]))
"""


@dataclass
class Screen:
    label: str
    people: int
    first_s: float
    total_s: float
    peak_mb: float
    lines: int
    failure: str | None = None
    first_cpu_s: float | None = None  # CPU time of the command until its first screen
    cpu_s: float = 0.0


def terminal(n: int, net: list[str], env: dict[str, str], runs: int) -> list[Screen]:
    """``net list``, ``stale`` and ``balance`` on a terminal of 120×40, best of ``runs``."""
    db = env["NETJOURNAL_DB"]
    term_env = dict(env, COLUMNS="120", LINES=str(SCREEN_LINES), TERM="xterm-256color")
    term_env.update(NETJOURNAL_PAGER="cat", PAGER="cat")  # the command's own output, unpaged
    term_env.pop("NO_COLOR", None)
    out = []
    for label, args in (
        ("net list", ["list"]),
        ("net stale", ["stale"]),
        ("net balance", ["balance"]),
    ):
        best: Screen | None = None
        for _ in range(max(1, min(runs, 3))):
            argv = [*net, "--db", db, *args]
            done = subprocess.run(
                [
                    PY,
                    "-I",
                    "-S",
                    "-c",
                    TERMINAL,
                    json.dumps(argv),
                    json.dumps(term_env),
                    str(SCREEN_LINES),
                ],
                capture_output=True,
                text=True,
                check=False,
            )
            try:
                first, total, maxrss, code, lines, first_cpu, cpu = json.loads(done.stdout)
            except ValueError:
                best = Screen(label, n, 0, 0, 0, 0, f"helper failed: {done.stderr[-200:]}")
                break
            shot = Screen(
                label, n, first, total, _peak_kib(maxrss) / 1024, lines, None, first_cpu, cpu
            )
            if code != 0:
                shot.failure = f"exit {code}"
            if best is None or shot.first_s < best.first_s:
                best = shot
        assert best is not None
        out.append(best)
    return out


def terminal_only(db: Path, net: list[str], env: dict[str, str], runs: int) -> int:
    """``--terminal-journal``: the long listings on a terminal, on a journal made before.

    A 100,000-person journal takes minutes to generate and import; this
    measures it again in seconds (``--keep`` keeps the journals of a run).
    """
    import sqlite3

    if not db.is_file():
        print(f"no journal at {db}", file=sys.stderr)
        return 1
    conn = sqlite3.connect(f"file:{db}?mode=ro", uri=True)
    try:
        people = int(conn.execute("SELECT count(*) FROM person").fetchone()[0])
    finally:
        conn.close()
    run_env = dict(env, NETJOURNAL_DB=str(db.resolve()))
    with tempfile.TemporaryDirectory(prefix="netjournal-bench-") as tmp:
        run_env.setdefault("NETJOURNAL_CACHE_DIR", str(Path(tmp) / "cache"))
        _progress(f"terminal at {people} people")
        screens = terminal(people, net, run_env, runs)
    lines, missed, failed = screen_lines(screens)
    header = [
        f"- Machine: {machine()}",
        f"- Date: {datetime.now().astimezone().strftime('%Y-%m-%d %H:%M %Z')}",
        f"- `net` is `{' '.join(_relative(part) for part in net)}`; "
        f"NETJOURNAL_TODAY={env['NETJOURNAL_TODAY']}; journal {db} ({people} people)",
        "",
    ]
    tail = ["", "Targets missed:", "", *[f"- {m}" for m in missed]] if missed else []
    print("\n".join([*header, *lines, *tail]))
    return 1 if failed else 0


def _sync() -> None:
    if hasattr(os, "sync"):
        os.sync()


def _progress(text: str) -> None:
    print(f"[bench] {text}", file=sys.stderr, flush=True)


# ------------------------------------------------------------------ reporting


def _mark(ok: bool) -> str:
    return "✓" if ok else "✗"


@dataclass
class Report:
    lines: list[str]
    missed: list[str]
    failed: bool


def _ms(seconds: float) -> str:
    return f"{seconds * 1000:.0f}"


TABLE_HEADER = (
    "| command | people | net ms | floor ms | ratio | target | net cpu ms | floor cpu ms | "
    "cpu ratio | peak MB |"
)


def report(
    runs: list[SizeRun],
    baselines: dict[str, Result],
    cmds: list[Command],
    n_runs: int,
    screens: list[Screen],
    tiny: SmallJournal | None = None,
) -> Report:
    lines: list[str] = []
    missed: list[str] = []
    failed = False
    lines += [
        f"Median of {n_runs} run(s) per command, each a fresh process, measured in the same "
        "rounds as its floor (`bench/floors/`: the interpreter, `import typer, rich, sqlite3` "
        "and the one query, or the same INSERTs). The floor of `net --help` and of completion "
        'is `python -c "import typer"`. Targets are judged on wall time; cpu ms (user + '
        "system) is far less disturbed by other work on the machine. Peak MB is the largest "
        "resident set of the process (MiB).",
        "",
        TABLE_HEADER,
        "|---|---:|---:|---:|---:|---|---:|---:|---:|---:|",
    ]
    blank = "| | | | | | | |"
    for c in cmds:
        for run in runs:
            res = run.results.get(c.label)
            if res is None or (c.needs and not res.samples and not res.failure):
                continue
            if not res.ok:
                lines.append(f"| {c.label} | {run.people} | FAILED: {res.failure} {blank}")
                failed = True
                continue
            floor = run.floors[c.label] if c.floor is not None else baselines["import typer"]
            if not floor.ok:
                lines.append(
                    f"| {c.label} | {run.people} | {_ms(res.median)} | floor FAILED: "
                    f"{floor.failure} | | | | | | |"
                )
                failed = True
                continue
            ratio = res.median / floor.median
            cpu_ratio = res.cpu / floor.cpu if floor.cpu else float("nan")
            judged = c.kind != "list"
            ok = ratio <= c.target if judged else True
            target = f"≤{c.target}× {_mark(ok)}" if judged else "(output grows)"
            lines.append(
                f"| {c.label} | {run.people} | {_ms(res.median)} | {_ms(floor.median)} | "
                f"{ratio:.2f}× | {target} | {_ms(res.cpu)} | {_ms(floor.cpu)} | "
                f"{cpu_ratio:.2f}× | {res.peak_mb:.0f} |"
            )
            if not ok:
                missed.append(
                    f"{c.label} at {run.people}: {ratio:.2f}× its floor "
                    f"(target ≤{c.target}×; cpu time {cpu_ratio:.2f}×)"
                )
            if res.peak_mb > MEMORY_MB:
                missed.append(f"{c.label} at {run.people}: {res.peak_mb:.0f} MB peak")
    lines += [
        "",
        "Baselines (the same interpreter, measured in the same rounds):",
        "",
        "| baseline | median ms | cpu ms | peak MB |",
        "|---|---:|---:|---:|",
    ]
    for label, res in baselines.items():
        if res.ok:
            lines.append(f"| `{label}` | {_ms(res.median)} | {_ms(res.cpu)} | {res.peak_mb:.0f} |")
        else:
            lines.append(f"| `{label}` | FAILED: {res.failure or 'no sample'} | | |")
            failed = True

    if len(runs) >= 2:
        small, large = runs[0], runs[-1]
        lines += [
            "",
            f"Growth of each read from {small.people} to {large.people} people "
            f"(ratio of medians, target ≤{GROWTH}×; the floor's growth beside it):",
            "",
            f"| command | ms at {small.people} | ms at {large.people} | growth | ≤{GROWTH}× "
            "| cpu growth | floor growth |",
            "|---|---:|---:|---:|---|---:|---:|",
        ]
        for c in cmds:
            if c.kind not in ("read", "list"):
                continue
            a, b = small.results.get(c.label), large.results.get(c.label)
            if not (a and b and a.ok and b.ok):
                continue
            growth = b.median / a.median
            cpu_growth = b.cpu / a.cpu if a.cpu else float("nan")
            fa, fb = small.floors.get(c.label), large.floors.get(c.label)
            floor_growth = f"{fb.median / fa.median:.2f}×" if fa and fb and fa.ok and fb.ok else ""
            judged = c.kind == "read" and not c.prints_more
            lines.append(
                f"| {c.label} | {_ms(a.median)} | {_ms(b.median)} | {growth:.2f}× | "
                f"{_mark(growth <= GROWTH) if judged else '(output grows)'} | {cpu_growth:.2f}× "
                f"| {floor_growth} |"
            )
            if judged and growth > GROWTH:
                missed.append(
                    f"{c.label} grows {growth:.2f}× from {small.people} to "
                    f"{large.people} people (target ≤{GROWTH}×; cpu time {cpu_growth:.2f}×)"
                )

    lines += [
        "",
        f"Import (`net import` of the generated file, once, vs plain sqlite3 executemany of "
        f"the same rows, median of up to 3 runs; targets ≤{IMPORT_RATIO:.0f}×, "
        f"≤{IMPORT_MB:.0f} MB):",
        "",
        "| people | records | net import s | sqlite3 s | ratio | target | cpu ratio | peak MB "
        "| sqlite3 peak MB |",
        "|---:|---:|---:|---:|---:|---|---:|---:|---:|",
    ]
    ratio_lines = []
    for run in runs:
        if run.import_s is None or run.sqlite_s is None:
            lines.append(
                f"| {run.people} | {run.records} | FAILED: {run.import_failure or ''} | | | | | | |"
            )
            ratio_lines.append(f"import ratio at {run.people} people: FAILED")
            failed = True
            continue
        ratio = run.import_s / run.sqlite_s
        cpu_ratio = (run.import_cpu or 0) / run.sqlite_cpu if run.sqlite_cpu else float("nan")
        ok = ratio <= IMPORT_RATIO
        lines.append(
            f"| {run.people} | {run.records} | {run.import_s:.2f} | {run.sqlite_s:.2f} "
            f"| {ratio:.2f}× | ≤{IMPORT_RATIO:.0f}× {_mark(ok)} | {cpu_ratio:.2f}× | "
            f"{run.import_mb or 0:.0f} | {run.sqlite_mb or 0:.0f} |"
        )
        ratio_lines.append(
            f"import ratio at {run.people} people: {ratio:.2f}× "
            f"(target ≤{IMPORT_RATIO:.0f}×) {_mark(ok)}"
        )
        if not ok:
            missed.append(
                f"net import at {run.people}: {ratio:.2f}× plain sqlite3 "
                f"(target ≤{IMPORT_RATIO:.0f}×; cpu time {cpu_ratio:.2f}×)"
            )
        if (run.import_mb or 0) > IMPORT_MB:
            missed.append(f"net import at {run.people}: {run.import_mb:.0f} MB peak")
    lines += ["", *ratio_lines]
    lines += [
        "",
        f"Import of a LinkedIn Connections.csv of as many people (target up to "
        f"{LINKEDIN_UP_TO:,} people: < {LINKEDIN_S:.0f} s, < {LINKEDIN_MB:.0f} MB) and "
        f"`net export --format json -o FILE` of the imported journal (target < "
        f"{EXPORT_S:.0f} s, < {EXPORT_MB:.0f} MB), once each:",
        "",
        "| people | what | s | cpu s | peak MB | target |",
        "|---:|---|---:|---:|---:|---|",
    ]
    for run in runs:
        small = run.people <= LINKEDIN_UP_TO
        for what, sample, limit_s, limit_mb, judged in (
            ("LinkedIn import", run.linkedin, LINKEDIN_S, LINKEDIN_MB, small),
            ("JSON export", run.export, EXPORT_S, EXPORT_MB, True),
        ):
            if sample is None:
                continue
            if sample.code != 0:
                lines.append(f"| {run.people} | {what} | FAILED: {_failure(sample)} | | | |")
                failed = True
                continue
            mb = sample.peak_kib / 1024
            ok = sample.seconds < limit_s and mb < limit_mb
            mark = _mark(ok) if judged else "(over 30,000: not judged)"
            lines.append(
                f"| {run.people} | {what} | {sample.seconds:.2f} | {sample.cpu:.2f} | {mb:.0f} "
                f"| {mark} |"
            )
            if judged and not ok:
                missed.append(
                    f"{what} at {run.people}: {sample.seconds:.2f} s (cpu {sample.cpu:.2f} s), "
                    f"{mb:.0f} MB"
                )
    if tiny is not None:
        lines += [
            "",
            f"A new journal of {SMALL_PEOPLE} people (a generated document imported, one "
            f"question asked, then `net backup`; target < {SMALL_KB:.0f} KB each):",
            "",
        ]
        if tiny.failure:
            lines.append(f"FAILED: {tiny.failure}")
            failed = True
        else:
            lines += ["| file | KB | target |", "|---|---:|---|"]
            for what, size in (("the journal", tiny.journal), ("its backup", tiny.backup)):
                kb = size / 1024
                lines.append(f"| {what} | {kb:.0f} | {_mark(kb < SMALL_KB)} |")
                if kb >= SMALL_KB:
                    missed.append(f"a new journal of {SMALL_PEOPLE} people: {what} is {kb:.0f} KB")
    if screens:
        shown, screen_missed, screen_failed = screen_lines(screens)
        lines += ["", *shown]
        missed += screen_missed
        failed = failed or screen_failed
    lines.append("")
    if failed:
        lines += ["Some measurements FAILED (see above): their targets cannot be judged.", ""]
    if missed:
        lines += ["Targets missed:", "", *[f"- {m}" for m in missed]]
    elif not failed:
        lines.append("Every target is met.")
    return Report(lines, missed, failed)


def screen_lines(screens: list[Screen]) -> tuple[list[str], list[str], bool]:
    """The table of long listings on a terminal: its lines, the targets missed, any failure."""
    lines = [
        f"On a terminal (a pseudo-terminal of 120×{SCREEN_LINES}, pager off): time to the "
        f"first screen ({SCREEN_LINES} lines), to the end, and peak memory; targets "
        f"first screen < {FIRST_SCREEN_S:.0f} s, memory < {MEMORY_MB:.0f} MB. The CPU time "
        "the command had used by then (and in all) is beside it: on a busy machine the "
        "wall times are a multiple of it.",
        "",
        "| command | people | first screen s | its cpu s | total s | total cpu s | lines "
        "| peak MB | target |",
        "|---|---:|---:|---:|---:|---:|---:|---:|---|",
    ]
    missed: list[str] = []
    failed = False
    for shot in screens:
        if shot.failure:
            lines.append(f"| {shot.label} | {shot.people} | FAILED: {shot.failure} | | | | | | |")
            failed = True
            continue
        ok = shot.first_s < FIRST_SCREEN_S and shot.peak_mb < MEMORY_MB
        first_cpu = "" if shot.first_cpu_s is None else f"{shot.first_cpu_s:.2f}"
        lines.append(
            f"| {shot.label} | {shot.people} | {shot.first_s:.2f} | {first_cpu} | "
            f"{shot.total_s:.2f} | {shot.cpu_s:.2f} | {shot.lines} | {shot.peak_mb:.0f} "
            f"| {_mark(ok)} |"
        )
        if not ok:
            missed.append(
                f"{shot.label} on a terminal at {shot.people}: first screen "
                f"{shot.first_s:.2f} s, {shot.peak_mb:.0f} MB"
            )
    return lines, missed, failed


def machine() -> str:
    load = ""
    if hasattr(os, "getloadavg"):
        load = ", load average {:.2f} {:.2f} {:.2f} at the end".format(*os.getloadavg())
    return (
        f"{platform.platform()}, {os.cpu_count()} CPUs, Python "
        f"{platform.python_version()} ({platform.python_implementation()}){load}"
    )


def write_docs(path: Path, body: list[str]) -> None:
    block = "\n".join([START_MARK, *body, END_MARK])
    if path.exists():
        text = path.read_text(encoding="utf-8")
    else:
        text = (
            "# Performance\n\n"
            "How fast `net` answers on journals of growing size, measured by "
            "`bench/run.py` (see `bench/README.md`). The block below is rewritten by "
            "`python bench/run.py --write-docs`; edit outside it.\n\n"
            f"{START_MARK}\n{END_MARK}\n"
        )
    if START_MARK in text and END_MARK in text.split(START_MARK, 1)[1]:
        head, rest = text.split(START_MARK, 1)
        tail = rest.split(END_MARK, 1)[1]
        text = head + block + tail
    else:
        text = text.rstrip("\n") + "\n\n" + block + "\n"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")


def _relative(part: str) -> str:
    path = Path(part)
    if path.is_absolute() and path.is_relative_to(ROOT):
        return str(path.relative_to(ROOT))
    return part


def _sizes(values: list[str]) -> list[int]:
    out = []
    for value in values:
        for part in value.replace(",", " ").split():
            n = int(part)
            if n < 2:
                raise argparse.ArgumentTypeError("sizes must be 2 or more")
            out.append(n)
    return sorted(set(out))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "--sizes",
        nargs="+",
        default=["1000", "30000"],
        help="journal sizes in people (default: 1000 30000)",
    )
    parser.add_argument("--runs", type=int, default=5, help="timed runs per command (default 5)")
    parser.add_argument("--quick", action="store_true", help="1000 people, 2 runs")
    parser.add_argument(
        "--terminal",
        type=int,
        default=None,
        metavar="N",
        help="also time list, stale and balance on a terminal at N people",
    )
    parser.add_argument(
        "--terminal-journal",
        type=Path,
        default=None,
        metavar="DB",
        help="only time list, stale and balance on a terminal, on this journal (kept as it is)",
    )
    parser.add_argument(
        "--net", default=None, help="the net command to measure (default: beside this Python)"
    )
    parser.add_argument(
        "--write-docs", action="store_true", help=f"write the tables into {DOCS.relative_to(ROOT)}"
    )
    parser.add_argument(
        "--circle",
        action="store_true",
        help="also bench/circle.py: 200 members x 500 people on PostgreSQL (skipped without it)",
    )
    parser.add_argument("--docs", type=Path, default=DOCS, help=argparse.SUPPRESS)
    parser.add_argument(
        "--keep",
        type=Path,
        default=None,
        help="keep the generated files and journals in this folder",
    )
    args = parser.parse_args(argv)
    try:
        sizes = [1000] if args.quick else _sizes(args.sizes)
    except (ValueError, argparse.ArgumentTypeError) as exc:
        parser.error(f"--sizes: {exc}")
    runs = 2 if args.quick else args.runs
    if runs < 1:
        parser.error("--runs must be 1 or more")

    net = args.net.split() if args.net else net_command()
    env = dict(os.environ)
    env.setdefault("NETJOURNAL_TODAY", TODAY)
    env.pop("NETJOURNAL_FORCE_TERMINAL", None)
    # A user's install keeps compiled bytecode; without it every run compiles netjournal.
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    if args.terminal_journal:
        return terminal_only(args.terminal_journal, net, env, runs)
    began = time.perf_counter()
    stamp = datetime.now().astimezone().strftime("%Y-%m-%d %H:%M %Z")
    global _spawner
    screens: list[Screen] = []
    small: SmallJournal | None = None
    with tempfile.TemporaryDirectory(prefix="netjournal-bench-") as tmp:
        workdir = Path(tmp)
        if args.keep:
            args.keep.mkdir(parents=True, exist_ok=True)
            workdir = Path(tempfile.mkdtemp(prefix="run-", dir=args.keep))
        env["NETJOURNAL_DB"] = str(workdir / "unused.db")
        env.setdefault("NETJOURNAL_CACHE_DIR", str(workdir / "cache"))
        _spawner = Spawner(workdir)
        try:
            cmds = [c for c in commands() if c.needs is None or available(net, env, c.needs)]
            results = [prepare(n, runs, net, env, workdir) for n in sizes]
            baselines = measure_all(results, cmds, runs, net, env)
            _progress(f"a new journal of {SMALL_PEOPLE} people")
            small = small_journal(net, env, workdir)
            if args.terminal:
                big = next((r for r in results if r.people == args.terminal), None)
                if big is None:
                    big = prepare(args.terminal, 1, net, env, workdir)
                _progress(f"terminal at {args.terminal} people")
                screens = terminal(args.terminal, net, big.env, runs)
        finally:
            _spawner.close()
            _spawner = None
    elapsed = time.perf_counter() - began

    rep = report(results, baselines, cmds, runs, screens, small)
    shown = " ".join(_relative(part) for part in net)
    measured = {c.label for c in cmds}
    missing = [c.label for c in commands() if c.label not in measured]
    header = [
        f"- Machine: {machine()}",
        f"- Date: {stamp}",
        f"- `net` is `{shown}`; NETJOURNAL_TODAY={env['NETJOURNAL_TODAY']}; "
        f"the whole benchmark took {elapsed:.0f} s",
        "- Generated journals: "
        + "; ".join(
            f"{r.people} people = {r.records} records ({r.generate_s:.1f} s to generate)"
            for r in results
        ),
        *([f"- Not measured (not in this `net` yet): {', '.join(missing)}"] if missing else []),
        "",
    ]
    print("\n".join([*header, *rep.lines]))
    if args.circle:  # a server of its own; prints "skipped: …" without PostgreSQL's binaries
        circle = subprocess.run([sys.executable, str(HERE / "circle.py"), "--runs", str(runs)])
        rep.failed = rep.failed or circle.returncode != 0
    if args.write_docs:
        write_docs(args.docs, [*header, *rep.lines])
        _progress(f"wrote {args.docs}")
    return 1 if rep.failed else 0


if __name__ == "__main__":
    sys.exit(main())
