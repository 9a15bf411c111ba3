"""TLS as libpq configures it: ``sslmode=require`` against a real server with a certificate.

The suite's second cluster listens on 127.0.0.1 with ``ssl = on`` and a
self-signed certificate made with ``openssl`` (skipped without it).  A member
connecting with ``sslmode=require`` works over TLS; once the server stops
offering TLS, the same settings are refused with a plain ``Error:`` line.
"""

from __future__ import annotations

import re
from pathlib import Path

import psycopg

from circle_server import PassFile, Server
from conftest import Net


def _tcp(server: Server, user: str, db: str, sslmode: str) -> str:
    return f"postgresql://{user}@127.0.0.1:{server.port}/{db}?sslmode={sslmode}"


def test_a_member_with_sslmode_require_works_over_tls_and_is_refused_without(
    pg_tls_server: Server, pgpass: PassFile, tmp_path: Path, net: Net
) -> None:
    server = pg_tls_server
    server.admin("CREATE ROLE tls_organiser LOGIN CREATEROLE PASSWORD 'organiser-pw'")
    server.admin("CREATE DATABASE tlsdb OWNER tls_organiser")
    pgpass.add("tls_organiser", "organiser-pw")
    anna, giulia = tmp_path / "anna.db", tmp_path / "giulia.db"

    def run(db: Path, *args: str) -> tuple[int, str, str]:
        result = net("--db", str(db), *args)
        return result.code, result.out, result.err

    code, _out, err = run(
        anna, "circle", "create", "club", _tcp(server, "tls_organiser", "tlsdb", "require")
    )
    assert code == 0, err
    added = net("--db", str(anna), "circle", "add-member", "giulia", "--name", "Giulia Neri")
    assert added.code == 0, added.err
    secret = re.search(r"the password of the role giulia\.club: (\S+)", added.out)
    join = re.search(r'net circle join club "([^"]+)"', added.out)
    assert secret and join, added.out
    assert "sslmode=require" in join.group(1) and "127.0.0.1" in join.group(1)
    pgpass.add("giulia.club", secret.group(1))
    code, _out, err = run(giulia, "circle", "join", "club", join.group(1))
    assert code == 0, err
    assert run(giulia, "add", "Luca Verdi", "--skill", "family law")[0] == 0
    assert run(giulia, "circle", "share", "Luca Verdi")[0] == 0
    code, _out, err = run(giulia, "circle", "sync")
    assert code == 0 and "1 person published" in err, err
    # The member's own connection with those settings is encrypted.
    with psycopg.connect(join.group(1)) as conn:
        row = conn.execute("SELECT ssl FROM pg_stat_ssl WHERE pid = pg_backend_pid()").fetchone()
        assert row == (True,)
        assert conn.info.pgconn.ssl_in_use

    # The server stops offering TLS: sslmode=require refuses to go on in clear text.
    server.admin("ALTER SYSTEM SET ssl = off")
    server.admin("SELECT pg_reload_conf()")
    try:
        with psycopg.connect(_tcp(server, "giulia.club", "tlsdb", "disable")) as conn:
            assert conn.execute("SHOW ssl").fetchone() == ("off",)
        code, out, err = run(giulia, "circle", "sync")
        assert code == 1 and out == ""
        assert err.startswith("Error: cannot reach the circle 'club'"), err
        assert "SSL" in err and "Traceback" not in err
        code, _out, err = run(giulia, "ask", "need a lawyer", "--circle", "club")
        assert code == 1 and err.startswith("Error: cannot reach the circle 'club'")
        # The journal itself keeps working, and says why the circle is left out.
        code, _out, err = run(giulia, "needs")
        assert code == 0 and "Note: cannot reach the circle 'club'" in err
        assert "Traceback" not in err
    finally:
        server.admin("ALTER SYSTEM RESET ssl")
        server.admin("SELECT pg_reload_conf()")
