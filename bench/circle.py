"""Benchmark a circle at scale: 200 members × 500 shared people on a real PostgreSQL.

    python bench/circle.py                           # 200 members × 500 people, 5 runs
    python bench/circle.py --members 20 --people 100 --runs 2
    python bench/circle.py --keep /tmp/circle        # keep the cluster's folder and journals

It starts a PostgreSQL cluster of its own in a temporary folder (Debian's
binaries under ``/usr/lib/postgresql/*/bin``, or ``initdb`` on PATH; as root
it runs the server as ``postgres``), listening on a Unix socket only, with
the server's default durability (``fsync`` on).  It skips, exiting 0 with a
line that says why, when the server binaries or psycopg are missing.

1. The organiser creates the circle and adds every member (their own login
   roles) with ``netjournal.circle``; 199 members' published people (a
   generated journal of ``--people``, published as ``net circle sync`` would,
   named apart per member) are loaded with ``COPY``.
2. The last member has a journal of ``--people`` generated people, joins,
   shares all of them, and ``net circle sync`` publishes them: timed each run
   after the server's copy was withdrawn (a first sync), then once unchanged.
3. ``net ask NEED --circle bench`` is timed side by side with
   ``python -c "import sqlmodel"``, needs in turn, each in a fresh process.

Targets (issue 16): a sync of 500 people under 5 s; ``net ask --circle``
within 2× ``import sqlmodel``.  A missed target is reported, not an error.
"""

from __future__ import annotations

import argparse
import glob
import json
import os
import pwd
import secrets
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
from generate import write as write_journal  # noqa: E402

TODAY = "2026-11-27"
SYNC_SECONDS = 5.0
ASK_RATIO = 2.0
PORT = 5432
CIRCLE = "bench"
NEEDS = (
    "need a lawyer",
    "cerco un idraulico",
    "someone to fix my leaking sink",
    "a translator from French",
    "cerco un commercialista",
    "a personal trainer",
)


def server_bin() -> Path | None:
    found = sorted(
        glob.glob("/usr/lib/postgresql/*/bin/initdb"),
        key=lambda p: int(Path(p).parts[-3]) if Path(p).parts[-3].isdigit() else 0,
    )
    if found:
        return Path(found[-1]).parent
    initdb = shutil.which("initdb")
    return Path(initdb).parent if initdb else None


def net_command() -> list[str]:
    script = Path(sys.executable).with_name("net")
    return [str(script)] if script.exists() else [sys.executable, "-m", "netjournal"]


def timed(argv: list[str], env: dict[str, str]) -> tuple[float, bytes]:
    """Wall seconds of one process, and its stdout; stops the bench when it fails."""
    start = time.perf_counter()
    done = subprocess.run(argv, env=env, capture_output=True)
    wall = time.perf_counter() - start
    if done.returncode != 0:
        raise SystemExit(f"{' '.join(argv)} failed: {done.stderr.decode()[:800]}")
    return wall, done.stdout


class Cluster:
    """A throw-away PostgreSQL cluster on a Unix socket."""

    def __init__(self, root: Path, binaries: Path) -> None:
        self.root, self.binaries = root, binaries
        self.data, self.sockets = root / "data", root / "run"
        self.password = secrets.token_urlsafe(16)
        self.run_as: dict[str, Any] = {}
        if os.geteuid() == 0:
            entry = pwd.getpwnam("postgres")
            self.run_as = {"user": entry.pw_uid, "group": entry.pw_gid, "extra_groups": []}

    def start(self) -> None:
        self.sockets.mkdir(parents=True)
        (self.root / "pw").write_text(self.password + "\n")
        if self.run_as:
            for path in (self.root, self.sockets, self.root / "pw"):
                os.chmod(path, 0o755 if path.is_dir() else 0o600)
                os.chown(path, self.run_as["user"], self.run_as["group"])
        subprocess.run(
            [
                str(self.binaries / "initdb"),
                *("-D", str(self.data), "-U", "postgres", "--pwfile", str(self.root / "pw")),
                *("--auth", "scram-sha-256", "-E", "UTF8", "--no-locale"),
            ],
            check=True,
            capture_output=True,
            **self.run_as,
        )
        options = f"-k {self.sockets} -p {PORT} -c listen_addresses='' -c max_connections=40"
        started = subprocess.run(
            [
                *(str(self.binaries / "pg_ctl"), "-D", str(self.data), "-o", options),
                *("-l", str(self.root / "server.log"), "-w", "start"),
            ],
            capture_output=True,
            text=True,
            **self.run_as,
        )
        if started.returncode != 0:
            raise SystemExit(f"PostgreSQL did not start: {started.stderr}")

    def stop(self) -> None:
        subprocess.run(
            [str(self.binaries / "pg_ctl"), "-D", str(self.data), "-m", "fast", "-w", "stop"],
            capture_output=True,
            check=False,
            **self.run_as,
        )

    def conninfo(self, user: str, dbname: str = "postgres") -> str:
        return f"host={self.sockets} port={PORT} user={user} dbname={dbname}"

    def superuser(self, dbname: str = "postgres") -> Any:
        import psycopg

        return psycopg.connect(
            self.conninfo("postgres", dbname), password=self.password, autocommit=True
        )


def published_rows(folder: Path, people: int, env: dict[str, str]) -> Any:
    """What a member with a generated journal of ``people`` publishes (as a sync would)."""
    from netjournal.circle.publish import collect
    from netjournal.services.evidence import ensure_index
    from netjournal.store import open_journal

    db = folder / "others.db"
    source = folder / "others.json"
    write_journal(people, source, seed=2)
    timed([*net_command(), "--db", str(db), "import", str(source)], env)
    journal = open_journal(db)
    ensure_index(journal)
    with journal.write() as conn:
        conn.execute("INSERT INTO circle (name, conninfo, member) VALUES ('x', 'x', 'x')")
        conn.execute("INSERT INTO circle_person SELECT 'x', id FROM person")
    with journal.read() as conn:
        rows = collect(conn, "x")
    journal.close()
    return rows


def _copy(cur: Any, table: str, columns: str, rows: list[tuple[Any, ...]]) -> None:
    with cur.copy(f"COPY circle_{CIRCLE}.{table} ({columns}) FROM STDIN") as copy:
        for row in rows:
            copy.write_row(row)


def _need_row(member: str, n: int) -> tuple[str, str, str, str]:
    """Another member's open need: one of the bench's needs, on a day of November."""
    return (f"{member}.{CIRCLE}", f"n-{n:04d}", NEEDS[n % len(NEEDS)], f"2026-11-{1 + n % 27:02d}")


def load_others(cluster: Cluster, db: str, roles: list[str], people: Any) -> int:
    """Every other member's published people, named apart per member, with COPY."""
    total = 0
    with cluster.superuser(db) as conn, conn.cursor() as cur, conn.transaction():
        for n, role in enumerate(roles, 1):
            suffix = f" {n}"
            _copy(
                cur,
                "person",
                "owner, ref, name, norm_name, skills, tags, org, title, city, digest",
                [
                    (
                        *(role, p.ref, p.name + suffix, p.norm_name + suffix, p.skills, p.tags),
                        *(p.org, p.title, p.city, p.digest()),
                    )
                    for p in people
                ],
            )
            _copy(
                cur,
                "person_concept",
                "owner, ref, concept_id, source, weight, evidence",
                [(role, p.ref, *c) for p in people for c in p.concepts],
            )
            _copy(
                cur,
                "person_term",
                "owner, ref, term, source, weight, evidence",
                [(role, p.ref, *t) for p in people for t in p.terms],
            )
            total += len(people)
    with cluster.superuser(db) as conn:  # as autovacuum would, soon after
        for table in ("person", "person_concept", "person_term"):
            conn.execute(f"VACUUM ANALYZE circle_{CIRCLE}.{table}")
    return total


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--members", type=int, default=200)
    parser.add_argument("--people", type=int, default=500, help="shared people per member")
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--keep", type=Path, help="folder to keep (cluster, journals)")
    args = parser.parse_args(argv)
    binaries = server_bin()
    if binaries is None:
        print("skipped: no PostgreSQL server binaries (initdb, pg_ctl); install 'postgresql'")
        return 0
    try:
        import psycopg  # noqa: F401
    except ImportError:
        print("skipped: psycopg is not installed (pip install 'netjournal[circle]')")
        return 0
    from netjournal.circle.schema import add_member, create_circle

    folder = args.keep or Path(tempfile.mkdtemp(prefix="netjournal-circle-bench-"))
    folder.mkdir(parents=True, exist_ok=True)
    if os.geteuid() == 0:
        os.chmod(folder, 0o755)
    cluster = Cluster(folder / "pg", binaries)
    passfile = folder / "pgpass"
    env = {
        **os.environ,
        "NETJOURNAL_TODAY": TODAY,
        "PGPASSFILE": str(passfile),
        "NETJOURNAL_CACHE_DIR": str(folder / "cache"),
    }
    for name in ("PGPASSWORD", "PGSERVICE", "PGUSER", "PGHOST", "PGDATABASE"):
        env.pop(name, None)
    os.environ.update({k: env[k] for k in ("PGPASSFILE", "NETJOURNAL_CACHE_DIR")})
    cluster.start()
    try:
        db, organiser, secret = "circles", "organiser", secrets.token_urlsafe(12)
        with cluster.superuser() as conn:
            conn.execute(f"CREATE ROLE {organiser} LOGIN CREATEROLE PASSWORD '{secret}'")
            conn.execute(f"CREATE DATABASE {db} OWNER {organiser}")
        lines = [f"*:*:*:{organiser}:{secret}"]
        passfile.write_text("\n".join(lines) + "\n")
        passfile.chmod(0o600)
        admin = cluster.conninfo(organiser, db)
        started = time.perf_counter()
        create_circle(admin, CIRCLE)
        keys = [f"m{n:03d}" for n in range(1, args.members + 1)]
        for key in keys:
            new = add_member(admin, CIRCLE, key, f"Member {key}")
            lines.append(f"*:*:*:{new.role}:{new.password}")
        passfile.write_text("\n".join(lines) + "\n")
        setup = time.perf_counter() - started
        print(f"circle and {args.members} members: {setup:.1f} s", file=sys.stderr)
        others = published_rows(folder, args.people, env)
        started = time.perf_counter()
        loaded = load_others(cluster, db, [f"{k}.{CIRCLE}" for k in keys[:-1]], others)
        print(f"COPY of {loaded} people: {time.perf_counter() - started:.1f} s", file=sys.stderr)

        # The measured member: a journal of their own, all of it shared.
        me = keys[-1]
        journal = folder / "member.db"
        source = folder / "member.json"
        write_journal(args.people, source, seed=3)
        net = [*net_command(), "--db", str(journal)]
        timed([*net, "import", str(source)], env)
        timed([*net, "circle", "join", CIRCLE, cluster.conninfo(f"{me}.{CIRCLE}", db)], env)
        everyone = [p["key"] for p in json.loads(timed([*net, "list", "--json"], env)[1])["people"]]
        timed([*net, "circle", "share", *everyone], env)
        syncs = []
        report: dict[str, Any] = {}
        for _ in range(args.runs):
            with cluster.superuser(db) as conn:
                conn.execute(
                    f"DELETE FROM circle_{CIRCLE}.person WHERE owner = %s", (f"{me}.{CIRCLE}",)
                )
            wall, out = timed([*net, "circle", "sync", "--json"], env)
            report = json.loads(out)
            syncs.append(wall)
        unchanged, out = timed([*net, "circle", "sync", "--json"], env)
        again = json.loads(out)

        baseline, asks, plain, found = [], [], [], 0
        for n in range(max(1, args.runs * len(NEEDS) // 2)):
            need = NEEDS[n % len(NEEDS)]
            baseline.append(timed([sys.executable, "-c", "import sqlmodel"], env)[0])
            wall, out = timed([*net, "ask", need, "--circle", CIRCLE, "--json"], env)
            asks.append(wall)
            found += sum(1 for s in json.loads(out)["suggestions"] if s["via"])
            plain.append(timed([*net, "ask", need, "--json"], env)[0])
        # Other members' open needs, as many as `net needs` weighs at most.
        from netjournal.circle.needs import MAX_CIRCLE_NEEDS

        posted = min(MAX_CIRCLE_NEEDS, 2 * (len(keys) - 1) or 1)
        with cluster.superuser(db) as conn, conn.cursor() as cur, conn.transaction():
            _copy(
                cur,
                "need",
                "owner, ref, need, posted",
                [_need_row(keys[n % (len(keys) - 1)], n) for n in range(posted)],
            )
        cold, needs_out = timed([*net, "needs", "--json"], env)  # asks the engine for each
        listing, today = [], []
        for _ in range(args.runs):
            wall, needs_out = timed([*net, "needs", "--json"], env)
            listing.append(wall)
            today.append(timed([*net, "today", "--json"], env)[0])
        helped = len(json.loads(needs_out)["circle_needs"])
        with cluster.superuser(db) as conn:
            held = conn.execute(f"SELECT count(*) FROM circle_{CIRCLE}.person").fetchone()[0]
    finally:
        cluster.stop()
        if args.keep is None:
            shutil.rmtree(folder, ignore_errors=True)

    sync_wall = statistics.median(syncs)
    base, ask = statistics.median(baseline), statistics.median(asks)
    print(
        f"{args.members} members × {args.people} people ({held} in the circle), "
        f"{args.runs} runs, load {os.getloadavg()[0]:.2f}"
    )
    print("| command | wall ms | target | met |")
    print("|---|---|---|---|")
    rows = [
        (f"net circle sync, {report['published']} people published", sync_wall, SYNC_SECONDS),
        (f"net circle sync, {again['unchanged']} unchanged", unchanged, None),
        ('python -c "import sqlmodel"', base, None),
        ("net ask NEED (the journal only)", statistics.median(plain), None),
        (f"net ask NEED --circle ({found} circle suggestions)", ask, ASK_RATIO * base),
        (f"net needs, {posted} circle needs ({helped} you could help with), cold", cold, None),
        ("net needs, the same, answers kept", statistics.median(listing), None),
        ("net today, the same", statistics.median(today), None),
    ]
    for label, wall, target in rows:
        met = "" if target is None else ("✓" if wall <= target else "✗")
        limit = "" if target is None else f"≤ {target * 1000:.0f}"
        print(f"| {label} | {wall * 1000:.0f} | {limit} | {met} |")
    print(f"ask / import sqlmodel: {ask / base:.2f}× (target ≤ {ASK_RATIO:g}×)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
