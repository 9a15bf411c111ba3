"""Benchmark ``net`` on generated journals: wall time, peak memory, growth, import.

    python bench/run.py                     # 1000, 10000 and 30000 people, 5 runs each
    python bench/run.py --sizes 1000 --runs 3
    python bench/run.py --quick             # 1000 people, 2 runs
    python bench/run.py --write-docs        # also write the tables into docs/performance.md

Every command runs in a fresh process, as a user runs it.  For each size the
script generates a journal (``bench/generate.py``) and imports it once with
``net import`` (timed, and compared with a plain ``sqlite3`` ``executemany`` of
the same rows).  Then it runs every command once at every size to warm the
caches and check the output, and ``--runs`` rounds in which each command runs
at every size in turn, followed by the baselines.  It reports the median wall
time and CPU time, the peak resident memory of the process (``os.wait4``), the
ratio to the baseline (``net --help`` against ``python -c "import typer"``,
every other command against ``python -c "import sqlmodel"``) and the growth of
each median from the smallest to the largest size.  It exits 1 when a command
fails; a missed target is reported, not an error.  See ``bench/README.md``.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
DOCS = ROOT / "docs" / "performance.md"
START_MARK = "<!-- bench:start -->"
END_MARK = "<!-- bench:end -->"
TODAY = "2026-11-27"

sys.path.insert(0, str(HERE))
from generate import write as write_journal  # noqa: E402

# Targets.
HELP_RATIO = 1.5
COMMAND_RATIO = 1.25
GROWTH = 1.3
MEMORY_MB = 150.0
IMPORT_RATIO = 3.0

PY = sys.executable
BASELINES: dict[str, list[str]] = {
    "python -c pass": [PY, "-c", "pass"],
    "import typer": [PY, "-c", "import typer"],
    "import sqlmodel": [PY, "-c", "import sqlmodel"],
}

TABLE_HEADER = (
    "| command | people | median ms | baseline | ratio | target | cpu ms | cpu ratio | "
    "peak MB | ≤150 MB |"
)

# The plain-sqlite3 floor for an import: read the same JSON file and insert the
# same rows with executemany into simple equivalent tables, in one transaction.
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
class Command:
    label: str
    args: list[str]
    baseline: str
    ratio_target: float
    needs_db: bool = True


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
    import_failure: str | None
    env: dict[str, str] = field(default_factory=dict)
    argv: dict[str, list[str]] = field(default_factory=dict)
    results: dict[str, Result] = field(default_factory=dict)


def _failure(sample: Sample) -> str:
    text = (sample.err or sample.out).decode("utf-8", "replace").strip().splitlines()
    return f"exit {sample.code}: {text[0] if text else 'no output'}"[:200]


def commands(show_key: str, with_stats: bool) -> list[Command]:
    cmds = [
        Command("net --help", ["--help"], "import typer", HELP_RATIO, needs_db=False),
        Command(
            "net ask (en)", ["ask", "need a lawyer", "--json"], "import sqlmodel", COMMAND_RATIO
        ),
        Command(
            "net ask (it)",
            ["ask", "cerco un idraulico a Torino", "--json"],
            "import sqlmodel",
            COMMAND_RATIO,
        ),
        Command("net stale", ["stale", "--json"], "import sqlmodel", COMMAND_RATIO),
        Command("net stats", ["stats", "--json"], "import sqlmodel", COMMAND_RATIO),
        Command("net list", ["list", "--json"], "import sqlmodel", COMMAND_RATIO),
        Command("net show", ["show", show_key, "--json"], "import sqlmodel", COMMAND_RATIO),
    ]
    return [c for c in cmds if with_stats or c.label != "net stats"]


def stats_available(net: list[str], env: dict[str, str]) -> bool:
    return measure([*net, "stats", "--help"], env).code == 0


def prepare(
    n: int, runs: int, net: list[str], base_env: dict[str, str], with_stats: bool, workdir: Path
) -> SizeRun:
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
    show_key = (
        max(busiest, key=lambda k: (busiest[k], k))
        if busiest
        else (doc["people"][0]["key"] if doc["people"] else "nobody")
    )
    del doc

    env = dict(base_env, NETJOURNAL_DB=str(db))
    # Flush the freshly written file first: pending write-back would otherwise
    # land on whichever import commits (fsyncs) first.
    _sync()
    log(f"{n} people: plain sqlite3 import")
    floors = []
    for i in range(min(3, runs)):
        _sync()
        plain = folder / f"plain-{i}.db"
        floors.append(measure([PY, "-c", SQLITE_IMPORT, str(source), str(plain)], env))
        plain.unlink(missing_ok=True)
    floor = next((f for f in floors if f.code != 0), floors[0])
    sqlite_s = statistics.median(f.seconds for f in floors) if floor.code == 0 else None
    sqlite_cpu = statistics.median(f.cpu for f in floors) if floor.code == 0 else None
    log(f"{n} people: net import")
    _sync()
    imported = measure([*net, "--db", str(db), "import", str(source)], env)
    run = SizeRun(
        n,
        records,
        generate_s,
        imported.seconds if imported.code == 0 else None,
        imported.cpu if imported.code == 0 else None,
        imported.peak_kib / 1024,
        sqlite_s,
        sqlite_cpu,
        None if imported.code == 0 else _failure(imported),
    )
    if floor.code != 0:
        log(f"  plain sqlite3 import failed: {_failure(floor)}")
    if run.import_failure:
        log(f"  net import failed: {run.import_failure}")
    run.env = env
    for c in commands(show_key, with_stats):
        run.results[c.label] = Result()
        if c.needs_db and run.import_failure:
            continue  # reported as "import failed"
        run.argv[c.label] = [*net, *(["--db", str(db)] if c.needs_db else []), *c.args]
    return run


def measure_all(sized: list[SizeRun], runs: int, env: dict[str, str]) -> dict[str, Result]:
    """Run every command at every size, and the baselines, interleaved; return the baselines.

    Each round runs one command at every size in turn, then the next command,
    then the baselines: a machine that gets busier or quieter during the run
    shifts every figure of a round alike, not one size or one command.
    """
    baselines = {label: Result() for label in BASELINES}
    jobs: list[tuple[str, Result, list[str], dict[str, str]]] = []
    labels = list(dict.fromkeys(label for run in sized for label in run.argv))
    for label in labels:
        for run in sized:
            if label in run.argv:
                jobs.append(
                    (f"{label} at {run.people}", run.results[label], run.argv[label], run.env)
                )
    jobs += [(label, baselines[label], argv, env) for label, argv in BASELINES.items()]

    _progress("warm-up")
    for name, result, argv, job_env in jobs:  # warm the caches and .pyc files; check outputs
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
        for _name, result, argv, job_env in jobs:
            if result.failure:
                continue
            sample = measure(argv, job_env)
            if sample.code != 0:
                result.failure = _failure(sample)
                continue
            result.samples.append(sample)
    return baselines


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


def report(
    runs: list[SizeRun],
    baselines: dict[str, Result],
    cmds: list[Command],
    with_stats: bool,
    n_runs: int,
) -> Report:
    lines: list[str] = []
    missed: list[str] = []
    failed = False
    blank = "| | | | | | |"
    lines += [
        f"Median of {n_runs} run(s) per command, each a fresh process. The targets are judged "
        "on wall time; cpu ms (user + system time of the process) is shown beside it because "
        "it is far less disturbed by other work on the machine. Peak MB is the largest "
        "resident set of the process (MiB).",
        "",
        TABLE_HEADER,
        "|---|---:|---:|---|---:|---|---:|---:|---:|---|",
    ]
    for c in cmds:
        for run in runs:
            res = run.results.get(c.label)
            if run.import_failure and c.needs_db:
                lines.append(f"| {c.label} | {run.people} | import failed | {blank}")
                failed = True
                continue
            if res is None or res.failure or not res.samples:
                why = res.failure if res and res.failure else "no sample"
                lines.append(f"| {c.label} | {run.people} | FAILED: {why} | {blank}")
                failed = True
                continue
            base = baselines[c.baseline]
            if not base.samples:
                lines.append(
                    f"| {c.label} | {run.people} | {_ms(res.median)} | baseline FAILED {blank}"
                )
                failed = True
                continue
            ratio = res.median / base.median
            cpu_ratio = res.cpu / base.cpu if base.cpu else float("nan")
            ok_ratio = ratio <= c.ratio_target
            ok_mem = res.peak_mb <= MEMORY_MB
            lines.append(
                f"| {c.label} | {run.people} | {_ms(res.median)} | {c.baseline} | "
                f"{ratio:.2f}× | ≤{c.ratio_target}× {_mark(ok_ratio)} | {_ms(res.cpu)} | "
                f"{cpu_ratio:.2f}× | {res.peak_mb:.0f} | {_mark(ok_mem)} |"
            )
            if not ok_ratio:
                missed.append(
                    f"{c.label} at {run.people}: {ratio:.2f}× {c.baseline} "
                    f"(target ≤{c.ratio_target}×; cpu time {cpu_ratio:.2f}×)"
                )
            if not ok_mem:
                missed.append(
                    f"{c.label} at {run.people}: {res.peak_mb:.0f} MB peak "
                    f"(target ≤{MEMORY_MB:.0f} MB)"
                )
    if not with_stats:
        lines.append(f"| net stats | | missing (`net stats --help` fails) | {blank}")

    lines += [
        "",
        "Baselines (the same interpreter, measured in the same rounds):",
        "",
        "| baseline | median ms | cpu ms | peak MB |",
        "|---|---:|---:|---:|",
    ]
    for label, res in baselines.items():
        if res.samples:
            lines.append(f"| `{label}` | {_ms(res.median)} | {_ms(res.cpu)} | {res.peak_mb:.0f} |")
        else:
            lines.append(f"| `{label}` | FAILED: {res.failure or 'no sample'} | | |")
            failed = True

    if len(runs) >= 2:
        small, large = runs[0], runs[-1]
        lines += [
            "",
            f"Growth from {small.people} to {large.people} people "
            f"(ratio of medians, target ≤{GROWTH}×):",
            "",
            f"| command | ms at {small.people} | ms at {large.people} | growth | ≤{GROWTH}× "
            "| cpu growth |",
            "|---|---:|---:|---:|---|---:|",
        ]
        for c in cmds:
            a, b = small.results.get(c.label), large.results.get(c.label)
            if not (a and b and a.samples and b.samples and not a.failure and not b.failure):
                lines.append(f"| {c.label} | | | n/a | | |")
                continue
            growth = b.median / a.median
            cpu_growth = b.cpu / a.cpu if a.cpu else float("nan")
            lines.append(
                f"| {c.label} | {_ms(a.median)} | {_ms(b.median)} | {growth:.2f}× | "
                f"{_mark(growth <= GROWTH)} | {cpu_growth:.2f}× |"
            )
            if growth > GROWTH:
                missed.append(
                    f"{c.label} grows {growth:.2f}× from {small.people} to "
                    f"{large.people} people (target ≤{GROWTH}×; cpu time {cpu_growth:.2f}×)"
                )

    lines += [
        "",
        f"Import (`net import` of the generated file, once, vs plain sqlite3 executemany of "
        f"the same rows, median of up to 3 runs; target ≤{IMPORT_RATIO:.0f}×):",
        "",
        "| people | records | net import s | sqlite3 s | ratio | target | cpu ratio | peak MB |",
        "|---:|---:|---:|---:|---:|---|---:|---:|",
    ]
    ratio_lines = []
    for run in runs:
        if run.import_s is None or run.sqlite_s is None:
            lines.append(
                f"| {run.people} | {run.records} | FAILED: {run.import_failure or ''} | | | | | |"
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
            f"{run.import_mb or 0:.0f} |"
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
    lines += ["", *ratio_lines, ""]
    if failed:
        lines += ["Some measurements FAILED (see above): their targets cannot be judged.", ""]
    if missed:
        lines += ["Targets missed:", "", *[f"- {m}" for m in missed]]
    elif not failed:
        lines.append("Every target is met.")
    if not with_stats:
        lines += ["", "`net stats` is missing: `net stats --help` exits non-zero."]
    return Report(lines, missed, failed)


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
        default=["1000", "10000", "30000"],
        help="journal sizes in people (default: 1000 10000 30000)",
    )
    parser.add_argument("--runs", type=int, default=5, help="timed runs per command (default 5)")
    parser.add_argument("--quick", action="store_true", help="1000 people, 2 runs")
    parser.add_argument(
        "--write-docs", action="store_true", help=f"write the tables into {DOCS.relative_to(ROOT)}"
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

    net = net_command()
    env = dict(os.environ)
    env.setdefault("NETJOURNAL_TODAY", TODAY)
    env.pop("NETJOURNAL_FORCE_TERMINAL", None)
    began = time.perf_counter()
    stamp = datetime.now().astimezone().strftime("%Y-%m-%d %H:%M %Z")
    global _spawner
    with tempfile.TemporaryDirectory(prefix="netjournal-bench-") as tmp:
        workdir = Path(tmp)
        if args.keep:
            args.keep.mkdir(parents=True, exist_ok=True)
            workdir = Path(tempfile.mkdtemp(prefix="run-", dir=args.keep))
        env["NETJOURNAL_DB"] = str(workdir / "unused.db")
        _spawner = Spawner(workdir)
        try:
            with_stats = stats_available(net, env)
            if not with_stats:
                _progress("net stats is missing (net stats --help exits non-zero)")
            results = [prepare(n, runs, net, env, with_stats, workdir) for n in sizes]
            baselines = measure_all(results, runs, env)
        finally:
            _spawner.close()
            _spawner = None
    elapsed = time.perf_counter() - began

    cmds = commands("KEY", with_stats)
    rep = report(results, baselines, cmds, with_stats, runs)
    shown = " ".join(_relative(part) for part in net)
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
        "",
    ]
    print("\n".join([*header, *rep.lines]))
    if args.write_docs:
        write_docs(args.docs, [*header, *rep.lines])
        _progress(f"wrote {args.docs}")
    return 1 if rep.failed else 0


if __name__ == "__main__":
    sys.exit(main())
