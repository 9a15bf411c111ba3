"""The circle on the server: versioned migrations, one group role, row-level security.

Every circle lives in its own schema (``circle_<name>``) owned by the
organiser's role.  Members never own a table: each logs in as their own role
(``<member>.<circle>``), which holds no attribute (no superuser, no CREATEROLE,
no BYPASSRLS) and gets its privileges only from the circle's group role
(``circle_<name>``).  Row-level security lets every member read what was
published in the circle and insert, change or delete only their own rows: the
policies compare a row's ``owner`` with ``session_user``, which ``SET ROLE``
cannot change.  Another circle's schema is closed to them (no ``USAGE``).

Migrations are an append-only list of numbered steps in explicit SQL, each
recorded in the circle's ``schema_version`` table, like the journal's own.
"""

from __future__ import annotations

import secrets
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from netjournal.circle.connect import (
    CircleError,
    connect,
    group_role,
    member_role,
    refused,
    schema_name,
)

if TYPE_CHECKING:
    import psycopg


@dataclass(frozen=True)
class ServerMigration:
    version: int
    name: str
    sql: str  # {s}: the circle's schema, {g}: its group role (quoted identifiers)


# The tables hold only what members publish: never notes, interactions, help,
# e-mails or phones.  ``digest`` lets sync skip what did not change.
S001_CIRCLE = """
REVOKE ALL ON SCHEMA {s} FROM PUBLIC;
GRANT USAGE ON SCHEMA {s} TO {g};

CREATE TABLE {s}.schema_version (
    version integer PRIMARY KEY,
    name text NOT NULL,
    applied_at timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE {s}.member (
    key text PRIMARY KEY,
    role text NOT NULL UNIQUE,
    name text NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
    added timestamptz NOT NULL DEFAULT now(),
    last_sync timestamptz
);

CREATE TABLE {s}.person (
    owner text NOT NULL DEFAULT session_user REFERENCES {s}.member (role) ON DELETE CASCADE,
    ref text NOT NULL CHECK (length(ref) BETWEEN 1 AND 200),
    name text NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
    norm_name text NOT NULL,
    skills text[] NOT NULL DEFAULT ARRAY[]::text[],
    tags text[] NOT NULL DEFAULT ARRAY[]::text[],
    org text,
    title text,
    city text,
    digest text NOT NULL,
    updated timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (owner, ref)
);
CREATE INDEX person_norm_name ON {s}.person (norm_name);

CREATE TABLE {s}.person_concept (
    owner text NOT NULL DEFAULT session_user,
    ref text NOT NULL,
    concept_id text NOT NULL,
    source text NOT NULL CHECK (source IN ('skill', 'title', 'org')),
    weight real NOT NULL CHECK (weight > 0 AND weight <= 1),
    evidence text NOT NULL,
    PRIMARY KEY (owner, ref, concept_id, source),
    FOREIGN KEY (owner, ref) REFERENCES {s}.person (owner, ref) ON DELETE CASCADE
);
CREATE INDEX person_concept_concept ON {s}.person_concept (concept_id);

CREATE TABLE {s}.person_term (
    owner text NOT NULL DEFAULT session_user,
    ref text NOT NULL,
    term text NOT NULL,
    source text NOT NULL CHECK (source IN ('skill', 'title', 'org')),
    weight real NOT NULL CHECK (weight > 0 AND weight <= 1),
    evidence text NOT NULL,
    PRIMARY KEY (owner, ref, term, source),
    FOREIGN KEY (owner, ref) REFERENCES {s}.person (owner, ref) ON DELETE CASCADE
);
CREATE INDEX person_term_term ON {s}.person_term (term);

CREATE TABLE {s}.need (
    owner text NOT NULL DEFAULT session_user REFERENCES {s}.member (role) ON DELETE CASCADE,
    ref text NOT NULL CHECK (length(ref) BETWEEN 1 AND 100),
    need text NOT NULL CHECK (length(need) BETWEEN 1 AND 2000),
    posted date NOT NULL,
    status text NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'met', 'dropped')),
    PRIMARY KEY (owner, ref)
);
CREATE INDEX need_open ON {s}.need (posted) WHERE status = 'open';

GRANT SELECT ON {s}.schema_version, {s}.member TO {g};
GRANT UPDATE (name, last_sync) ON {s}.member TO {g};
GRANT SELECT, INSERT, UPDATE, DELETE
    ON {s}.person, {s}.person_concept, {s}.person_term, {s}.need TO {g};

ALTER TABLE {s}.member ENABLE ROW LEVEL SECURITY;
CREATE POLICY member_read ON {s}.member FOR SELECT TO {g} USING (true);
CREATE POLICY member_update_own ON {s}.member FOR UPDATE TO {g}
    USING (role = session_user) WITH CHECK (role = session_user);
"""

_OWN_ROWS = """
ALTER TABLE {{s}}.{t} ENABLE ROW LEVEL SECURITY;
CREATE POLICY {t}_read ON {{s}}.{t} FOR SELECT TO {{g}} USING (true);
CREATE POLICY {t}_insert_own ON {{s}}.{t} FOR INSERT TO {{g}} WITH CHECK (owner = session_user);
CREATE POLICY {t}_update_own ON {{s}}.{t} FOR UPDATE TO {{g}}
    USING (owner = session_user) WITH CHECK (owner = session_user);
CREATE POLICY {t}_delete_own ON {{s}}.{t} FOR DELETE TO {{g}} USING (owner = session_user);
"""

S001_CIRCLE += "".join(
    _OWN_ROWS.format(t=t) for t in ("person", "person_concept", "person_term", "need")
)

# Needs posted to the circle say whose need it is: the member's own (``for_name``
# NULL) or someone's in their network, by name only, so that a member who knows
# that person never offers them their own need.
S002_NEED_FOR = """
ALTER TABLE {s}.need ADD COLUMN for_name text
    CHECK (for_name IS NULL OR length(for_name) BETWEEN 1 AND 200);
"""

# ``net ask --circle`` keeps the strongest candidates with one aggregate over
# the evidence of the concepts (or words) asked: indexes that hold the owner,
# the person and the weight answer it from the index alone.
S003_EVIDENCE_COVER = """
CREATE INDEX person_concept_cover ON {s}.person_concept (concept_id) INCLUDE (owner, ref, weight);
DROP INDEX {s}.person_concept_concept;
CREATE INDEX person_term_cover ON {s}.person_term (term) INCLUDE (owner, ref, weight);
DROP INDEX {s}.person_term_term;
"""

SERVER_MIGRATIONS: tuple[ServerMigration, ...] = (
    ServerMigration(1, "s001_circle", S001_CIRCLE),
    ServerMigration(2, "s002_need_for", S002_NEED_FOR),
    ServerMigration(3, "s003_evidence_cover", S003_EVIDENCE_COVER),
)
SERVER_VERSION = SERVER_MIGRATIONS[-1].version


def _compose(text: str, circle: str) -> Any:
    from psycopg import sql

    return sql.SQL(text).format(
        s=sql.Identifier(schema_name(circle)), g=sql.Identifier(group_role(circle))
    )


# ------------------------------------------------------------------ organiser


def create_circle(conninfo: str, circle: str) -> None:
    """Make the circle's schema, group role, tables and policies, in one transaction."""
    import psycopg

    with connect(conninfo, what="the circle's database") as conn:
        try:
            with conn.transaction():
                exists = conn.execute(
                    "SELECT 1 FROM pg_namespace WHERE nspname = %s", (schema_name(circle),)
                ).fetchone()
                if exists:
                    raise CircleError(
                        f"the circle {circle!r} exists already in this database",
                        hint=f"join it with 'net circle join {circle} …', or choose another name",
                    )
                conn.execute(_compose("CREATE ROLE {g} NOLOGIN", circle))
                conn.execute(_compose("CREATE SCHEMA {s}", circle))
                _apply(conn, circle, 0)
                _grant_connect(conn, circle)
        except psycopg.errors.DuplicateObject as exc:
            raise CircleError(
                f"a role named {group_role(circle)!r} exists already on this server",
                hint="circle names are unique on a server: choose another name",
            ) from exc
        except psycopg.errors.InsufficientPrivilege as exc:
            raise CircleError(
                f"the role {conn.info.user!r} may not create a circle: {exc}",
                hint="the organiser's role needs CREATEROLE and CREATE on the database "
                "(see docs/circles.md)",
            ) from exc


def _grant_connect(conn: psycopg.Connection, circle: str) -> None:
    """Let the group connect, for databases that revoke CONNECT from PUBLIC (when allowed)."""
    import psycopg
    from psycopg import sql

    try:
        with conn.transaction():
            conn.execute(
                sql.SQL("GRANT CONNECT ON DATABASE {d} TO {g}").format(
                    d=sql.Identifier(conn.info.dbname), g=sql.Identifier(group_role(circle))
                )
            )
    except psycopg.errors.InsufficientPrivilege:
        pass  # not the database's owner: PUBLIC's CONNECT (the default) lets members in


def _apply(conn: psycopg.Connection, circle: str, current: int) -> None:
    for step in SERVER_MIGRATIONS:
        if step.version <= current:
            continue
        conn.execute(_compose(step.sql, circle))
        conn.execute(
            _compose("INSERT INTO {s}.schema_version (version, name) VALUES (%s, %s)", circle),
            (step.version, step.name),
        )


def server_version(conn: psycopg.Connection, circle: str) -> int:
    """The circle's schema version; an error if the circle is not there or too new."""
    import psycopg

    try:
        row = conn.execute(
            _compose("SELECT max(version) FROM {s}.schema_version", circle)
        ).fetchone()
    except psycopg.errors.UndefinedTable as exc:
        raise CircleError(
            f"there is no circle {circle!r} in this database",
            hint="check the circle's name and the connection settings with the organiser",
        ) from exc
    except psycopg.errors.InsufficientPrivilege as exc:
        raise CircleError(
            f"this role is not a member of the circle {circle!r}",
            hint="ask the organiser to add you ('net circle add-member')",
        ) from exc
    version = int(row[0]) if row and row[0] is not None else 0
    if version > SERVER_VERSION:
        raise CircleError(
            f"the circle {circle!r} was upgraded by a newer netjournal (version {version})",
            hint="upgrade netjournal to use it",
        )
    return version


def upgrade_circle(conninfo: str, circle: str) -> int:
    """Apply the circle's pending migrations (organiser); the version reached."""
    with connect(conninfo, what="the circle's database") as conn, conn.transaction():
        conn.execute("SELECT pg_advisory_xact_lock(hashtext(%s))", (schema_name(circle),))
        _apply(conn, circle, server_version(conn, circle))
    return SERVER_VERSION


def member_key(pg: psycopg.Connection, circle: str) -> str:
    """This login's member key in the circle; an error if it is not (or no longer) one."""
    server_version(pg, circle)
    row = pg.execute(
        _compose("SELECT key FROM {s}.member WHERE role = session_user", circle)
    ).fetchone()
    if row is None:
        raise CircleError(
            f"the role {pg.info.user!r} is not a member of the circle {circle!r}",
            hint="ask the organiser to add you ('net circle add-member')",
        )
    return str(row[0])


@dataclass(frozen=True)
class NewMember:
    key: str
    name: str
    role: str
    password: str | None


def add_member(
    conninfo: str, circle: str, key: str, name: str, *, password: bool = True
) -> NewMember:
    """Create a member's login role in the group and their row; a fresh password once."""
    import psycopg
    from psycopg import sql

    role = member_role(circle, key)
    secret = secrets.token_urlsafe(18) if password else None
    with connect(conninfo, what="the circle's database") as conn:
        try:
            with conn.transaction():
                server_version(conn, circle)
                conn.execute(
                    sql.SQL(
                        "CREATE ROLE {r} LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE "
                        "NOREPLICATION NOBYPASSRLS INHERIT {pw} IN ROLE {g}"
                    ).format(
                        r=sql.Identifier(role),
                        g=sql.Identifier(group_role(circle)),
                        pw=sql.SQL("PASSWORD {}").format(sql.Literal(secret))
                        if secret
                        else sql.SQL(""),
                    )
                )
                conn.execute(
                    _compose(
                        "INSERT INTO {s}.member (key, role, name) VALUES (%s, %s, %s)", circle
                    ),
                    (key, role, name),
                )
        except psycopg.errors.DuplicateObject as exc:
            raise CircleError(
                f"the role {role!r} exists already: {key!r} is a member of {circle!r}",
                hint="choose another member name, or remove the member first",
            ) from exc
        except psycopg.Error as exc:
            raise refused(exc, f"adding {key!r}") from exc
    return NewMember(key, name, role, secret)


def remove_member(conninfo: str, circle: str, key: str) -> int:
    """Delete what a member published, revoke and drop their role; rows deleted."""
    import psycopg
    from psycopg import sql

    with connect(conninfo, what="the circle's database") as conn:
        try:
            with conn.transaction():
                server_version(conn, circle)
                row = conn.execute(
                    _compose("SELECT role FROM {s}.member WHERE key = %s", circle), (key,)
                ).fetchone()
                if row is None:
                    raise CircleError(
                        f"{key!r} is not a member of {circle!r}",
                        hint=f"'net circle status --circle {circle}' lists the members",
                    )
                role = str(row[0])
                published = conn.execute(
                    _compose("SELECT count(*) FROM {s}.person WHERE owner = %s", circle), (role,)
                ).fetchone()
                conn.execute(_compose("DELETE FROM {s}.need WHERE owner = %s", circle), (role,))
                conn.execute(_compose("DELETE FROM {s}.person WHERE owner = %s", circle), (role,))
                conn.execute(_compose("DELETE FROM {s}.member WHERE key = %s", circle), (key,))
                conn.execute(
                    sql.SQL("REVOKE {g} FROM {r}").format(
                        g=sql.Identifier(group_role(circle)), r=sql.Identifier(role)
                    )
                )
                _end_sessions(conn, role)
                conn.execute(sql.SQL("DROP ROLE {r}").format(r=sql.Identifier(role)))
        except psycopg.Error as exc:
            raise refused(exc, f"removing {key!r}") from exc
    return int(published[0]) if published else 0


def _end_sessions(conn: psycopg.Connection, role: str) -> None:
    """Close the removed member's open sessions, where the organiser may (best effort)."""
    import psycopg

    try:
        with conn.transaction():
            conn.execute(
                "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE usename = %s",
                (role,),
            )
    except psycopg.Error:
        pass  # without pg_signal_backend: the revoked role can do nothing anyway


@dataclass(frozen=True)
class Member:
    key: str
    name: str
    role: str
    people: int
    last_sync: str | None


def members(conn: psycopg.Connection, circle: str) -> list[Member]:
    rows = conn.execute(
        _compose(
            "SELECT m.key, m.name, m.role, "
            "(SELECT count(*) FROM {s}.person p WHERE p.owner = m.role), m.last_sync "
            "FROM {s}.member m ORDER BY m.key",
            circle,
        )
    ).fetchall()
    return [
        Member(k, n, r, int(c), s.isoformat(timespec="seconds") if s else None)
        for k, n, r, c, s in rows
    ]


def compose(text: str, circle: str) -> Any:
    """SQL with ``{s}`` (schema) and ``{g}`` (group role) filled in as identifiers."""
    return _compose(text, circle)
