"""The benchmark scripts keep working: a tiny run end to end, and a sound generator."""

from __future__ import annotations

import importlib.util
import os
import subprocess
import sys
from pathlib import Path
from types import ModuleType

BENCH = Path(__file__).resolve().parent.parent / "bench"


def _load(name: str) -> ModuleType:
    """A script of bench/ as a module (registered, as dataclasses need)."""
    spec = importlib.util.spec_from_file_location(f"bench_{name}", BENCH / f"{name}.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    return module


def _generate_module() -> ModuleType:
    return _load("generate")


def test_a_tiny_benchmark_runs_and_prints_its_tables(tmp_path: Path) -> None:
    env = dict(
        os.environ,
        NETJOURNAL_TODAY="2026-11-27",
        NETJOURNAL_DB=str(tmp_path / "unused.db"),
        HOME=str(tmp_path),
    )
    done = subprocess.run(
        [
            sys.executable,
            str(BENCH / "run.py"),
            "--sizes",
            "200",
            "--runs",
            "1",
            "--terminal",
            "200",
        ],
        capture_output=True,
        text=True,
        env=env,
        timeout=300,
        check=False,
    )
    assert done.returncode == 0, done.stdout[-3000:] + done.stderr[-3000:]
    assert "| command | people | net ms | floor ms | ratio |" in done.stdout
    for command in ("net ask (en)", "net stale", "net today", "net log", "net add", "completion"):
        assert f"| {command}" in done.stdout, command
    assert "import ratio at 200 people: " in done.stdout
    assert "| net list | 200 |" in done.stdout.split("On a terminal")[1]
    assert "A new journal of 19 people" in done.stdout
    assert "| the journal |" in done.stdout and "| its backup |" in done.stdout
    assert "FAILED" not in done.stdout


def test_the_generator_is_deterministic_and_consistent() -> None:
    generate = _generate_module().generate
    doc = generate(300)
    assert doc == generate(300)
    assert doc != generate(300, seed=2)
    assert doc["format"] == "netjournal" and doc["version"] == 1

    people = doc["people"]
    keys = [p["key"] for p in people]
    assert len(people) == 300 and len(set(keys)) == 300
    known = set(keys)
    direct = {p["key"] for p in people if p["via"] is None}
    for p in people:
        assert 1 <= len(p["skills"]) <= 4 and len(p["tags"]) <= 2
        if p["via"] is not None:
            assert p["via"] in direct and p["via"] != p["key"]
    assert 0 < sum(p["via"] is not None for p in people) < 300 * 0.12
    for section, fields in (
        ("interactions", ("person",)),
        ("help", ("person",)),
        ("ties", ("a", "b")),
        ("referrals", ("person", "to")),
    ):
        for record in doc[section]:
            for name in fields:
                assert record[name] in known, (section, record)
    pairs = [tuple(sorted((t["a"], t["b"]))) for t in doc["ties"]]
    assert all(a != b for a, b in pairs)
    assert len(pairs) == len(set(pairs)) == 900
    assert all(r["person"] != r["to"] for r in doc["referrals"])
    assert 7 * 300 <= len(doc["interactions"]) <= 13 * 300
    assert all("2023-11-28" <= r["date"] <= "2026-11-27" for r in doc["interactions"])


def test_the_generator_covers_a_broad_vocabulary() -> None:
    module = _generate_module()
    assert len(module.SKILLS) >= 120
    for skill in (
        "family law",
        "avvocato",
        "idraulico",
        "plumbing",
        "React",
        "commercialista",
        "tax returns",
        "dermatology",
        "SEO",
    ):
        assert skill in module.SKILLS
    skills = {s for p in module.generate(2000)["people"] for s in p["skills"]}
    assert len(skills) >= 120


def test_keys_are_unique_slugs_even_when_names_repeat() -> None:
    module = _generate_module()
    people = module.generate(5000, seed=3)["people"]
    keys = [p["key"] for p in people]
    assert len(set(keys)) == len(keys)
    assert all(module.slug(k) == k for k in keys)
    assert any(k.endswith("-2") for k in keys)


def test_write_docs_replaces_only_the_marked_block(tmp_path: Path) -> None:
    run = _load("run")

    fresh = tmp_path / "docs" / "performance.md"
    run.write_docs(fresh, ["first"])
    text = fresh.read_text(encoding="utf-8")
    assert text.startswith("# Performance") and f"{run.START_MARK}\nfirst\n{run.END_MARK}" in text

    kept = tmp_path / "kept.md"
    kept.write_text(f"intro\n{run.START_MARK}\nold\n{run.END_MARK}\noutro\n", encoding="utf-8")
    run.write_docs(kept, ["new", "lines"])
    assert kept.read_text(encoding="utf-8") == (
        f"intro\n{run.START_MARK}\nnew\nlines\n{run.END_MARK}\noutro\n"
    )

    unmarked = tmp_path / "unmarked.md"
    unmarked.write_text("# Notes\n", encoding="utf-8")
    run.write_docs(unmarked, ["x"])
    assert unmarked.read_text(encoding="utf-8") == (
        f"# Notes\n\n{run.START_MARK}\nx\n{run.END_MARK}\n"
    )


def test_the_ask_benchmark_runs_and_prints_its_tables(tmp_path: Path) -> None:
    env = dict(os.environ, NETJOURNAL_TODAY="2026-11-27", HOME=str(tmp_path))
    done = subprocess.run(
        [sys.executable, str(BENCH / "ask.py"), "--sizes", "100", "200", "--runs", "1"],
        capture_output=True,
        text=True,
        env=env,
        timeout=300,
        check=False,
    )
    # Exit 1 is a missed target, which a busy machine can cause; anything else is a failure.
    assert done.returncode in (0, 1), done.stdout[-3000:] + done.stderr[-3000:]
    assert "| need | people | wall ms | cpu ms | cpu ratio to import sqlmodel | target |" in (
        done.stdout
    )
    assert "Growth from 100 to 200 people" in done.stdout
