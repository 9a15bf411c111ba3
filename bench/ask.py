"""``net ask`` against ``import sqlmodel``, at two sizes, with and without the semantic extra.

    python bench/ask.py                                   # 1000 and 30000 people, 5 runs
    python bench/ask.py --plain /venv-without/bin/net     # also: what the extra costs
    python bench/ask.py --sizes 1000 10000 --runs 3

The issue's speed targets for ``net ask``, measured side by side in the same
rounds, each command a fresh process:

- at the largest size, ``net ask`` within **1.0×** ``python -c "import sqlmodel"``
  (English and Italian needs the lexicon understands);
- from the smallest size to the largest it grows **≤ 1.3×**;
- with ``--plain`` (a ``net`` installed without the extra; the ``net`` beside
  this interpreter must have it): a need the lexicon understands costs
  **nothing** more with the extra, and a need in words it does not know
  ("my son is four and barely talks", routed by meaning with the extra,
  "nobody fits" without) at most **0.25 s** more, the model's loading included.

The targets are judged on CPU time (user + system), which a busy machine
disturbs far less than wall time; both are printed.  Exits 1 when one is missed.
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
from generate import write as write_journal  # noqa: E402
from needs import TODAY, median, net_command, run  # noqa: E402

# The needs of bench/run.py: "need a lawyer" has 2,675 candidates at 30,000 people.
NEEDS = {"en": "need a lawyer", "it": "cerco un idraulico a Torino"}
BY_MEANING = "my son is four and barely talks"
SQLMODEL_RATIO = 1.0
GROWTH = 1.3
EXTRA_BUDGET = 0.25  # seconds of CPU
NOISE = 0.010  # what "nothing" may cost on a shared machine


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[1000, 30000])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--plain", help="a net installed without the semantic extra")
    args = parser.parse_args(argv)
    nets = {"net": net_command()}
    if args.plain:
        nets["without the extra"] = [args.plain]
    baseline = [sys.executable, "-c", "import sqlmodel"]
    cpu: dict[tuple[int, str, str], float] = {}
    wall: dict[tuple[int, str, str], float] = {}
    with tempfile.TemporaryDirectory() as tmp:
        envs: dict[tuple[int, str], dict[str, str]] = {}
        for size in args.sizes:
            folder = Path(tmp) / str(size)
            folder.mkdir()
            document = folder / "journal.json"
            write_journal(size, document)
            for name, net in nets.items():
                place = folder / name.replace(" ", "-")
                place.mkdir()
                env = dict(
                    os.environ,
                    NETJOURNAL_DB=str(place / "j.db"),
                    NETJOURNAL_CACHE_DIR=str(place / "cache"),
                    NETJOURNAL_TODAY=TODAY,
                    NO_COLOR="1",
                )
                run([*net, "import", str(document)], env)
                run([*net, "ask", NEEDS["en"]], env)  # the index and the lexicon cache
                envs[(size, name)] = env
        # Every size in the same rounds: a machine that slows down between the sizes
        # would otherwise show as growth.
        needs = [*NEEDS.values(), BY_MEANING]
        samples: dict[tuple[int, str, str], list[tuple[float, float]]] = {}
        for _ in range(args.runs):
            for size in args.sizes:
                samples.setdefault((size, "sqlmodel", ""), []).append(
                    run(baseline, dict(os.environ))
                )
                for need in needs:
                    for name, net in nets.items():
                        samples.setdefault((size, name, need), []).append(
                            run([*net, "ask", need], envs[(size, name)])
                        )
        for key, values in samples.items():
            wall[key], cpu[key] = median(values)
    largest, smallest = max(args.sizes), min(args.sizes)
    print(f"net ask, median of {args.runs} runs, load average {os.getloadavg()[0]:.1f}")
    print()
    print("| need | people | wall ms | cpu ms | cpu ratio to import sqlmodel | target |")
    print("|---|---:|---:|---:|---:|---|")
    ok = True
    for size in args.sizes:
        base = cpu[(size, "sqlmodel", "")]
        base_wall = wall[(size, "sqlmodel", "")]
        print(
            f'| `python -c "import sqlmodel"` | {size} | {base_wall * 1000:.0f}'
            f" | {base * 1000:.0f} | 1.00 | |"
        )
        for lang, need in NEEDS.items():
            mine = cpu[(size, "net", need)]
            ratio = mine / base
            target = ""
            if size == largest:
                met = ratio <= SQLMODEL_RATIO
                ok = ok and met
                target = f"≤ {SQLMODEL_RATIO:.1f}× {'✓' if met else '✗'}"
            print(
                f"| {need} ({lang}) | {size} | {wall[(size, 'net', need)] * 1000:.0f} | "
                f"{mine * 1000:.0f} | {ratio:.2f} | {target} |"
            )
    if smallest != largest:
        print()
        print(f"Growth from {smallest} to {largest} people (cpu, target ≤ {GROWTH}×):")
        print()
        for lang, need in NEEDS.items():
            growth = cpu[(largest, "net", need)] / cpu[(smallest, "net", need)]
            met = growth <= GROWTH
            ok = ok and met
            print(f"- {lang}: {growth:.2f}× {'✓' if met else '✗'}")
    if args.plain:
        print()
        print(f"The semantic extra at {largest} people (cpu ms):")
        print()
        print("| need | without the extra | with it | difference | target |")
        print("|---|---:|---:|---:|---|")
        for need, budget in ((NEEDS["en"], 0.0), (BY_MEANING, EXTRA_BUDGET)):
            plain = cpu[(largest, "without the extra", need)]
            extra = cpu[(largest, "net", need)]
            diff = extra - plain
            met = diff <= max(budget, NOISE)
            ok = ok and met
            target = "nothing" if budget == 0.0 else f"≤ {budget * 1000:.0f} ms"
            print(
                f"| {need} | {plain * 1000:.0f} | {extra * 1000:.0f} | {diff * 1000:+.0f} | "
                f"{target} {'✓' if met else '✗'} |"
            )
    return 0 if ok else 1


if __name__ == "__main__":
    raise SystemExit(main())
