"""Benchmark ``net needs`` and ``net today`` with many open needs on a large journal.

    python bench/needs.py                           # 30000 people, 500 open needs, 5 runs
    python bench/needs.py --people 1000 --needs 50 --runs 2
    python bench/needs.py --journal /tmp/nj.db      # reuse (or keep) the journal there

A journal of ``--people`` people is generated (``bench/generate.py``) and
imported, then ``--needs`` open needs (English and Italian, for people drawn
with a fixed seed, one in ten your own) are imported as a version 2 document.
Each command runs in a fresh process, as a user runs it; the figures are the
median wall and CPU time of ``--runs`` runs against the median of
``python -c "import sqlmodel"``.

Reported:

- ``net needs --json``, **cold**: the first listing after the needs arrive, or
  after any change to the journal: every open need is asked of the ask
  engine once and its matches are kept (one run: it is what a change costs);
- ``net needs --json``, **warm**: the matches kept for today are read
  (target: 2x ``import sqlmodel``);
- ``net today --json``, **warm** (target: 1x ``import sqlmodel``), and
  **after a write**, when it asks again only until three needs have a match.

The targets are judged on wall time; on a busy machine trust the CPU figures.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
from generate import write as write_journal  # noqa: E402

TODAY = "2026-11-27"
NEEDS_RATIO = 2.0
TODAY_RATIO = 1.0
NEEDS = (
    "a divorce lawyer",
    "need a lawyer",
    "someone to fix my leaking sink",
    "cerco un idraulico",
    "cerco un commercialista",
    "help with the tax return",
    "a good dentist",
    "piano lessons for my daughter",
    "a wedding photographer",
    "someone to build a website for a shop",
    "a physiotherapist for back pain",
    "an electrician to redo the wiring",
    "un falegname per una libreria",
    "a vet for an old cat",
    "a translator from French",
    "English lessons for an exam",
    "a flat to rent in Milano",
    "someone who knows SEO",
    "a personal trainer",
    "a bike mechanic",
    "a UX designer for an app",
    "un medico di base",
    "someone to plan a wedding",
    "a data scientist for a small project",
    "help with a visa application",
)


def net_command() -> list[str]:
    script = Path(sys.executable).with_name("net")
    return [str(script)] if script.exists() else [sys.executable, "-m", "netjournal"]


def run(argv: list[str], env: dict[str, str]) -> tuple[float, float]:
    """Wall and CPU seconds of one process; fails loudly when it fails."""
    with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err:
        start = time.perf_counter()
        proc = subprocess.Popen(argv, env=env, stdout=out, stderr=err)
        _pid, status, usage = os.wait4(proc.pid, 0)
        wall = time.perf_counter() - start
        proc.returncode = os.waitstatus_to_exitcode(status)
        if proc.returncode != 0:
            err.seek(0)
            raise SystemExit(f"{' '.join(argv)} failed: {err.read().decode()[:500]}")
    return wall, usage.ru_utime + usage.ru_stime


def median(samples: list[tuple[float, float]]) -> tuple[float, float]:
    return statistics.median(s[0] for s in samples), statistics.median(s[1] for s in samples)


def needs_document(keys: list[str], count: int, seed: int = 7) -> dict[str, object]:
    rng = random.Random(seed)
    needs = []
    for i in range(count):
        day = f"2026-{rng.randint(5, 11):02d}-{rng.randint(1, 27):02d}"
        needs.append(
            {
                "for": None if i % 10 == 0 else rng.choice(keys),
                "need": rng.choice(NEEDS),
                "date": day,
            }
        )
    return {"format": "netjournal", "version": 2, "needs": needs}


def prepare(people: int, needs: int, db: Path, env: dict[str, str]) -> None:
    net = net_command()
    if not db.exists():
        source = db.with_suffix(".json")
        print(f"generating {people} people …", file=sys.stderr)
        write_journal(people, source)
        print("importing …", file=sys.stderr)
        run([*net, "--db", str(db), "import", str(source)], env)
    listed = subprocess.run(
        [*net, "--db", str(db), "needs", "--json"], env=env, capture_output=True, check=True
    )
    have = len(json.loads(listed.stdout)["needs"])
    if have < needs:
        keys = json.loads(
            subprocess.run(
                [*net, "--db", str(db), "list", "--json"], env=env, capture_output=True, check=True
            ).stdout
        )["people"]
        document = needs_document([p["key"] for p in keys], needs - have)
        path = db.with_name("needs.json")
        path.write_text(json.dumps(document), encoding="utf-8")
        run([*net, "--db", str(db), "import", str(path)], env)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--people", type=int, default=30_000)
    parser.add_argument("--needs", type=int, default=500)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--journal", type=Path, help="journal to reuse or create (kept)")
    args = parser.parse_args(argv)
    env = {**os.environ, "NETJOURNAL_TODAY": TODAY}
    folder = tempfile.TemporaryDirectory()
    db = args.journal or Path(folder.name) / "netjournal.db"
    db.parent.mkdir(parents=True, exist_ok=True)
    prepare(args.people, args.needs, db, env)
    net = [*net_command(), "--db", str(db)]
    # Any write makes the kept matches stale: log a contact, then measure the cold listing.
    touch = [*net, "log", "--on", "2026-01-01", "--kind", "note"]
    people = subprocess.run([*net, "list", "--json"], env=env, capture_output=True, check=True)
    first = json.loads(people.stdout)["people"][0]["key"]
    run([*touch, first, "bench: a write"], env)
    cold = run([*net, "needs", "--json"], env)
    listed = json.loads(
        subprocess.run([*net, "needs", "--json"], env=env, capture_output=True, check=True).stdout
    )["needs"]
    matched = sum(1 for n in listed if n["matches"])
    baseline, warm_needs, warm_today, after_write = [], [], [], []
    for i in range(args.runs):
        baseline.append(run([sys.executable, "-c", "import sqlmodel"], env))
        warm_needs.append(run([*net, "needs", "--json"], env))
        warm_today.append(run([*net, "today", "--json"], env))
        run([*touch, first, f"bench: write {i}"], env)
        after_write.append(run([*net, "today", "--json"], env))
        run([*net, "needs", "--json"], env)  # warm the kept matches again
    base_wall, base_cpu = median(baseline)
    rows = [
        ("import sqlmodel", (base_wall, base_cpu), None),
        ("net needs, cold (one run)", cold, None),
        ("net needs, warm", median(warm_needs), NEEDS_RATIO),
        ("net today, warm", median(warm_today), TODAY_RATIO),
        ("net today, after a write", median(after_write), TODAY_RATIO),
    ]
    print(
        f"{args.people} people, {len(listed)} open needs ({matched} with a match), "
        f"{args.runs} runs, load {os.getloadavg()[0]:.2f}"
    )
    print("| command | wall ms | ratio | target | cpu ms | cpu ratio |")
    print("|---|---|---|---|---|---|")
    for label, (wall, cpu), target in rows:
        mark = "" if target is None else (" ✓" if wall / base_wall <= target else " ✗")
        print(
            f"| {label} | {wall * 1000:.0f} | {wall / base_wall:.2f}{mark} | "
            f"{'' if target is None else f'≤ {target:g}×'} | {cpu * 1000:.0f} | "
            f"{cpu / base_cpu:.2f} |"
        )
    folder.cleanup()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
