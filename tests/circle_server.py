"""A real PostgreSQL server of the suite's own, for the circle tests.

One fresh cluster per test session: ``initdb`` in a temporary folder, run as an
unprivileged user (the server refuses root; as root we run it as ``postgres``),
listening on a Unix socket only (``listen_addresses = ''``), password (SCRAM)
authentication for every role, stopped and removed at the end.

Without server binaries the circle tests skip on a developer's machine and
*fail* in CI (``CI`` set): ``.ci/run`` installs the ``postgresql`` package.
"""

from __future__ import annotations

import glob
import os
import pwd
import secrets
import shutil
import subprocess
import tempfile
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

PORT = 5432


def server_bin() -> Path | None:
    """The newest Debian PostgreSQL ``bin`` folder, or a ``pg_ctl`` on PATH."""
    found = sorted(
        glob.glob("/usr/lib/postgresql/*/bin/initdb"),
        key=lambda p: (
            int(Path(p).parent.parent.name) if Path(p).parent.parent.name.isdigit() else 0
        ),
    )
    if found:
        return Path(found[-1]).parent
    initdb = shutil.which("initdb")
    return Path(initdb).parent if initdb else None


@dataclass
class Server:
    """A running cluster: its socket folder and the superuser's password."""

    socket_dir: Path
    password: str
    root: Path
    port: int = PORT
    tcp_host: str | None = None  # also listening there (e.g. 127.0.0.1), else a socket only

    def conninfo(self, user: str = "postgres", dbname: str = "postgres") -> str:
        return f"host={self.socket_dir} port={self.port} user={user} dbname={dbname}"

    def uri(self, user: str, dbname: str) -> str:
        from urllib.parse import quote

        return (
            f"postgresql://{quote(user)}@/{dbname}?host={quote(str(self.socket_dir))}"
            f"&port={self.port}"
        )

    def admin(self, sql: str, dbname: str = "postgres") -> None:
        """Run SQL as the superuser (autocommit), e.g. CREATE DATABASE."""
        import psycopg

        with psycopg.connect(
            self.conninfo(dbname=dbname), password=self.password, autocommit=True
        ) as conn:
            conn.execute(sql)  # type: ignore[arg-type]

    def roles(self) -> set[str]:
        import psycopg

        with psycopg.connect(self.conninfo(), password=self.password) as conn:
            return {r[0] for r in conn.execute("SELECT rolname FROM pg_roles")}


def _as_server_user() -> dict[str, object]:
    """Popen arguments that run a command as ``postgres`` when we are root."""
    if os.geteuid() != 0:
        return {}
    entry = pwd.getpwnam("postgres")
    return {"user": entry.pw_uid, "group": entry.pw_gid, "extra_groups": []}


def free_port() -> int:
    """A TCP port on 127.0.0.1 that nothing listens on now."""
    import socket

    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def self_signed_certificate(folder: Path) -> tuple[Path, Path]:
    """A throw-away certificate and key made with ``openssl``; skips without it."""
    openssl = shutil.which("openssl")
    if openssl is None:
        pytest.skip("no openssl on PATH to make a self-signed certificate")
    cert, key = folder / "server.crt", folder / "server.key"
    subprocess.run(
        [
            *(openssl, "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "2"),
            *("-subj", "/CN=localhost", "-keyout", str(key), "-out", str(cert)),
        ],
        check=True,
        capture_output=True,
    )
    key.chmod(0o600)
    return cert, key


def start_server(*, tcp: bool = False, tls: bool = False) -> Iterator[Server]:
    """Start a fresh cluster; yield it; stop it and remove its folder.

    ``tcp``: also listen on 127.0.0.1 (a free port); ``tls``: with a
    self-signed certificate (``ssl = on``), made with openssl.
    """
    binaries = server_bin()
    if binaries is None:
        message = (
            "no PostgreSQL server binaries (initdb, pg_ctl) found under "
            "/usr/lib/postgresql/*/bin or on PATH: install the 'postgresql' package"
        )
        if os.environ.get("CI"):
            pytest.fail(message, pytrace=False)
        pytest.skip(message)
    if tls and shutil.which("openssl") is None:
        pytest.skip("no openssl on PATH to make a self-signed certificate")
    root = Path(tempfile.mkdtemp(prefix="netjournal-pg-"))
    data, sockets = root / "data", root / "run"
    sockets.mkdir()
    password = secrets.token_urlsafe(16)
    (root / "pw").write_text(password + "\n")
    run_as = _as_server_user()
    owned = [root, sockets, root / "pw"]
    extra, settings = "", ""
    if tls:  # in postgresql.conf, so that ALTER SYSTEM (a test) may turn it off
        cert, key = self_signed_certificate(root)
        owned += [cert, key]
        settings = f"ssl = on\nssl_cert_file = '{cert}'\nssl_key_file = '{key}'\n"
    port = free_port() if tcp or tls else PORT
    if tcp or tls:
        extra += " -c listen_addresses=127.0.0.1"
    if run_as:
        os.chmod(root, 0o755)
        os.chmod(sockets, 0o755)
        for path in owned:
            os.chown(path, int(run_as["user"]), int(run_as["group"]))  # type: ignore[call-overload]
    subprocess.run(
        [
            str(binaries / "initdb"),
            "-D",
            str(data),
            "-U",
            "postgres",
            "--pwfile",
            str(root / "pw"),
            "--auth",
            "scram-sha-256",
            "-E",
            "UTF8",
            "--no-locale",
            "--no-sync",
        ],
        check=True,
        capture_output=True,
        **run_as,  # type: ignore[arg-type]
    )
    if settings:
        with (data / "postgresql.conf").open("a") as conf:
            conf.write(settings)
    options = (
        f"-k {sockets} -p {port} -c listen_addresses='' -c fsync=off "
        "-c synchronous_commit=off -c full_page_writes=off -c max_connections=60" + extra
    )
    started = subprocess.run(
        [
            str(binaries / "pg_ctl"),
            "-D",
            str(data),
            "-o",
            options,
            "-l",
            str(root / "server.log"),
            "-w",
            "start",
        ],
        capture_output=True,
        text=True,
        **run_as,  # type: ignore[arg-type]
    )
    if started.returncode != 0:
        log = (root / "server.log").read_text() if (root / "server.log").exists() else ""
        shutil.rmtree(root, ignore_errors=True)
        pytest.fail(f"PostgreSQL did not start: {started.stderr}\n{log}", pytrace=False)
    try:
        yield Server(sockets, password, root, port, "127.0.0.1" if tcp or tls else None)
    finally:
        subprocess.run(
            [str(binaries / "pg_ctl"), "-D", str(data), "-m", "fast", "-w", "stop"],
            capture_output=True,
            check=False,
            **run_as,  # type: ignore[arg-type]
        )
        shutil.rmtree(root, ignore_errors=True)


@pytest.fixture(scope="session")
def pg_server() -> Iterator[Server]:
    """One PostgreSQL cluster for the whole session (see the module docstring)."""
    yield from start_server()


@pytest.fixture(scope="session")
def pg_tls_server() -> Iterator[Server]:
    """A second cluster, on 127.0.0.1 with TLS (a self-signed certificate), for the session."""
    yield from start_server(tls=True)


@pytest.fixture
def pg_database(pg_server: Server) -> Iterator[tuple[Server, str, str]]:
    """A fresh database with an organiser role that may create roles (not a superuser).

    Yields the server, the database name and the organiser's password.
    """
    name = "db_" + secrets.token_hex(4)
    password = secrets.token_urlsafe(12)
    before = pg_server.roles()
    pg_server.admin(f"CREATE ROLE {name}_organiser LOGIN CREATEROLE PASSWORD '{password}'")
    pg_server.admin(f"CREATE DATABASE {name} OWNER {name}_organiser")
    yield pg_server, name, password
    pg_server.admin(f"DROP DATABASE {name} WITH (FORCE)")
    for role in sorted(pg_server.roles() - before, key=len, reverse=True):
        pg_server.admin(f'DROP ROLE "{role}"')


class PassFile:
    """A ``PGPASSFILE`` of the test's own: libpq reads passwords from it, as in real use."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.path.write_text("")
        self.path.chmod(0o600)

    def add(self, user: str, password: str) -> None:
        escaped = user.replace("\\", "\\\\").replace(":", "\\:")
        with self.path.open("a") as handle:
            handle.write(f"*:*:*:{escaped}:{password}\n")


@pytest.fixture
def pgpass(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> PassFile:
    """An empty password file that libpq uses for this test (PGPASSFILE)."""
    for name in ("PGPASSWORD", "PGSERVICE", "PGUSER", "PGHOST", "PGDATABASE"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("PGPASSFILE", str(tmp_path / "pgpass"))
    return PassFile(tmp_path / "pgpass")
