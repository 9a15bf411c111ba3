"""Import and export at scale, on their own: time, CPU and peak memory.

``bench/run.py`` measures the same things beside every other command; this
script is for a quick look at one size, for example 100,000 people, without
the rest.  Each command runs once in a fresh process (peak memory is the
process's maximum resident set, from ``resource``):

- ``net import`` of a LinkedIn Connections.csv of N people (issue 12's target:
  30,000 people under 10 s and 200 MB);
- ``net import`` of the JSON document of ``bench/generate.py`` (N people,
  about 15 records each), beside its floor: ``json.load`` and plain
  ``sqlite3`` ``executemany`` of the same rows (``SQLITE_IMPORT`` of
  ``bench/run.py``; target at most 2x, under 200 MB);
- ``net export --format json -o FILE`` of that journal (target at 100,000
  people: under 30 s and 250 MB).

Run from the repository root::

    .venv/bin/python bench/imports.py                  # 30,000 people
    .venv/bin/python bench/imports.py --people 100000
    .venv/bin/python bench/imports.py --net "env PYTHONPATH=/old/src .venv/bin/net"

Each figure is printed with the load average (1 minute) just after it: on a
shared machine wall times follow the load, CPU times much less.
"""

from __future__ import annotations

import argparse
import os
import shlex
import subprocess
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from generate import write, write_linkedin  # noqa: E402
from run import SQLITE_IMPORT, TODAY, machine, net_command  # noqa: E402

PROBE = (
    "import resource, subprocess, sys, time\n"
    "t = time.perf_counter()\n"
    "code = subprocess.run(sys.argv[1:], stdout=subprocess.DEVNULL).returncode\n"
    "wall = time.perf_counter() - t\n"
    "use = resource.getrusage(resource.RUSAGE_CHILDREN)\n"
    "print(wall, use.ru_utime + use.ru_stime, use.ru_maxrss / 1024, code)\n"
)


def measure(argv: list[str], env: dict[str, str]) -> tuple[float, float, float, float]:
    """Wall seconds, CPU seconds, peak MB and the load average after one command."""
    out = subprocess.run(
        [sys.executable, "-I", "-c", PROBE, *argv],
        env=env,
        capture_output=True,
        text=True,
        check=True,
    )
    wall, cpu, peak, code = out.stdout.split()
    if code != "0":
        raise SystemExit(f"{' '.join(argv)} failed ({code})")
    return float(wall), float(cpu), float(peak), os.getloadavg()[0]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--people", type=int, default=30_000)
    parser.add_argument("--net", help="the command to measure (default: net beside python)")
    args = parser.parse_args()
    n = args.people
    net = shlex.split(args.net) if args.net else net_command()
    env = {**os.environ, "NETJOURNAL_TODAY": os.environ.get("NETJOURNAL_TODAY", TODAY)}
    rows: list[tuple[str, float, float, float, float]] = []
    with tempfile.TemporaryDirectory(prefix="netjournal-imports-") as folder:
        tmp = Path(folder)
        env["NETJOURNAL_CACHE_DIR"] = str(tmp / "cache")
        env["NETJOURNAL_DB"] = str(tmp / "unused.db")
        # The first command builds the lexicon into the cache: not part of an import.
        subprocess.run([*net, "--db", str(tmp / "warm.db"), "list"], env=env, capture_output=True)
        connections = tmp / "Connections.csv"
        write_linkedin(n, connections)
        li = measure([*net, "--db", str(tmp / "li.db"), "import", str(connections)], env)
        rows.append((f"net import LinkedIn, {n} people", *li))
        document = tmp / "journal.json"
        write(n, document)
        db = tmp / "journal.db"
        imported = measure([*net, "--db", str(db), "import", str(document)], env)
        rows.append((f"net import JSON, {n} people", *imported))
        floor = [sys.executable, "-c", SQLITE_IMPORT, str(document), str(tmp / "p.db")]
        plain = measure(floor, env)
        rows.append(("  floor: json.load + executemany", *plain))
        rows.append(
            (
                "  ratio to the floor",
                imported[0] / plain[0],
                imported[1] / plain[1],
                imported[2] / plain[2],
                plain[3],
            )
        )
        out = tmp / "export.json"
        export = [*net, "--db", str(db), "export", "--format", "json", "-o", str(out)]
        rows.append((f"net export JSON, {n} people", *measure(export, env)))
    print(f"Machine: {machine()}")
    print(f"{'what':<40} {'wall s':>8} {'cpu s':>8} {'peak MB':>8} {'load':>6}")
    for what, wall, cpu, peak, load in rows:
        print(f"{what:<40} {wall:>8.2f} {cpu:>8.2f} {peak:>8.0f} {load:>6.1f}")


if __name__ == "__main__":
    main()
