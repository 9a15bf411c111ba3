"""Attacks on a circle from a member's own role, with raw SQL: the server refuses them.

Every test here runs against the suite's real PostgreSQL server (no mocks):
an organiser role that may create roles (not a superuser) makes two circles in
one database; members log in with passwords from a PGPASSFILE.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

import psycopg
import pytest

from circle_server import PassFile, Server
from netjournal.circle.connect import member_role
from netjournal.circle.schema import add_member, create_circle, remove_member


@dataclass
class Circles:
    server: Server
    db: str
    organiser: str

    def uri(self, user: str) -> str:
        return self.server.uri(user, self.db)

    def as_member(self, circle: str, key: str) -> psycopg.Connection:  # type: ignore[type-arg]
        return psycopg.connect(self.uri(member_role(circle, key)), autocommit=True)


@pytest.fixture
def circles(pg_database: tuple[Server, str, str], pgpass: PassFile) -> Iterator[Circles]:
    server, db, password = pg_database
    organiser = f"{db}_organiser"
    pgpass.add(organiser, password)
    setup = Circles(server, db, server.uri(organiser, db))
    create_circle(setup.organiser, "alumni")
    create_circle(setup.organiser, "other")
    for circle, key in (("alumni", "giulia"), ("alumni", "marco"), ("other", "paolo")):
        new = add_member(setup.organiser, circle, key, key.title())
        assert new.password
        pgpass.add(new.role, new.password)
    with setup.as_member("alumni", "giulia") as giulia:
        _publish(giulia, "circle_alumni", "luca-verdi", "Luca Verdi")
    with setup.as_member("other", "paolo") as paolo:
        _publish(paolo, "circle_other", "secret-person", "Secret Person")
    yield setup


def _publish(conn: psycopg.Connection, schema: str, ref: str, name: str) -> None:  # type: ignore[type-arg]
    conn.execute(
        f"INSERT INTO {schema}.person (ref, name, norm_name, skills, digest) "
        "VALUES (%s, %s, lower(%s), ARRAY['family law'], 'd1')",
        (ref, name, name),
    )
    conn.execute(
        f"INSERT INTO {schema}.person_concept (ref, concept_id, source, weight, evidence) "
        "VALUES (%s, 'family_lawyer', 'skill', 1.0, 'skill ''family law''')",
        (ref,),
    )


def _people(circles: Circles) -> list[tuple[str, str, str]]:
    with psycopg.connect(circles.organiser) as conn:
        rows = conn.execute("SELECT owner, ref, name FROM circle_alumni.person ORDER BY ref")
        return [tuple(r) for r in rows]  # type: ignore[misc]


def test_a_member_reads_what_others_published(circles: Circles) -> None:
    with circles.as_member("alumni", "marco") as marco:
        rows = marco.execute("SELECT owner, ref, name FROM circle_alumni.person").fetchall()
        concepts = marco.execute("SELECT ref FROM circle_alumni.person_concept").fetchall()
    assert rows == [("giulia.alumni", "luca-verdi", "Luca Verdi")]
    assert concepts == [("luca-verdi",)]


def test_a_member_cannot_update_or_delete_another_members_rows(circles: Circles) -> None:
    before = _people(circles)
    with circles.as_member("alumni", "marco") as marco:
        updated = marco.execute(
            "UPDATE circle_alumni.person SET name = 'Hacked' WHERE ref = 'luca-verdi'"
        )
        assert updated.rowcount == 0
        concept = marco.execute(
            "UPDATE circle_alumni.person_concept SET weight = 0.1 WHERE ref = 'luca-verdi'"
        )
        assert concept.rowcount == 0
        deleted = marco.execute("DELETE FROM circle_alumni.person")
        assert deleted.rowcount == 0
        assert marco.execute("DELETE FROM circle_alumni.person_concept").rowcount == 0
        renamed = marco.execute(
            "UPDATE circle_alumni.member SET name = 'Hacked' WHERE key = 'giulia'"
        )
        assert renamed.rowcount == 0
    assert _people(circles) == before


def test_a_member_cannot_write_rows_in_another_members_name(circles: Circles) -> None:
    with circles.as_member("alumni", "marco") as marco:
        with pytest.raises(psycopg.errors.InsufficientPrivilege, match="row-level security"):
            marco.execute(
                "INSERT INTO circle_alumni.person (owner, ref, name, norm_name, digest) "
                "VALUES ('giulia.alumni', 'fake', 'Fake', 'fake', 'x')"
            )
        _publish(marco, "circle_alumni", "anna-rossi", "Anna Rossi")
        with pytest.raises(psycopg.errors.InsufficientPrivilege, match="row-level security"):
            marco.execute(
                "UPDATE circle_alumni.person SET owner = 'giulia.alumni' WHERE ref = 'anna-rossi'"
            )
        # SET ROLE to the group does not change session_user, which the policies check.
        marco.execute("SET ROLE circle_alumni")
        with pytest.raises(psycopg.errors.InsufficientPrivilege, match="row-level security"):
            marco.execute(
                "INSERT INTO circle_alumni.person (owner, ref, name, norm_name, digest) "
                "VALUES ('circle_alumni', 'x', 'X', 'x', 'x')"
            )
        marco.execute("RESET ROLE")
        assert marco.execute("DELETE FROM circle_alumni.person").rowcount == 1  # their own only
    assert _people(circles) == [("giulia.alumni", "luca-verdi", "Luca Verdi")]


def test_a_member_cannot_drop_policies_or_change_the_schema(circles: Circles) -> None:
    attacks = [
        "DROP POLICY person_update_own ON circle_alumni.person",
        "ALTER TABLE circle_alumni.person DISABLE ROW LEVEL SECURITY",
        "ALTER TABLE circle_alumni.person NO FORCE ROW LEVEL SECURITY",
        "CREATE POLICY mine ON circle_alumni.person FOR ALL USING (true)",
        "CREATE TABLE circle_alumni.stash (x text)",
        "DROP TABLE circle_alumni.person_concept",
        "TRUNCATE circle_alumni.person",
        'GRANT circle_other TO "marco.alumni"',
        'ALTER ROLE "marco.alumni" BYPASSRLS',
        "CREATE ROLE sneaky LOGIN",
        'SET SESSION AUTHORIZATION "giulia.alumni"',
    ]
    with circles.as_member("alumni", "marco") as marco:
        for attack in attacks:
            with pytest.raises(psycopg.errors.InsufficientPrivilege):
                marco.execute(attack)
    with psycopg.connect(circles.organiser) as conn:
        policies = conn.execute(
            "SELECT count(*) FROM pg_policies WHERE schemaname = 'circle_alumni'"
        ).fetchone()
        assert policies == (18,)
    assert _people(circles) == [("giulia.alumni", "luca-verdi", "Luca Verdi")]


def test_a_member_cannot_read_another_circle(circles: Circles) -> None:
    with circles.as_member("alumni", "marco") as marco:
        for query in (
            "SELECT * FROM circle_other.person",
            "SELECT * FROM circle_other.member",
            "SELECT * FROM circle_other.person_concept",
        ):
            with pytest.raises(psycopg.errors.InsufficientPrivilege, match="schema circle_other"):
                marco.execute(query)
    with (
        circles.as_member("other", "paolo") as paolo,
        pytest.raises(psycopg.errors.InsufficientPrivilege),
    ):
        paolo.execute("SELECT * FROM circle_alumni.person")


def test_a_member_cannot_read_what_is_not_published_yet(circles: Circles) -> None:
    """Rows of a sync still in progress are nobody else's to read."""
    giulia = psycopg.connect(circles.uri("giulia.alumni"))
    try:
        _publish(giulia, "circle_alumni", "draft-person", "Draft Person")  # not committed
        with circles.as_member("alumni", "marco") as marco:
            refs = marco.execute("SELECT ref FROM circle_alumni.person").fetchall()
            concepts = marco.execute("SELECT ref FROM circle_alumni.person_concept").fetchall()
        assert refs == [("luca-verdi",)]
        assert concepts == [("luca-verdi",)]
    finally:
        giulia.rollback()
        giulia.close()


def test_members_hold_no_attribute_and_own_nothing(circles: Circles) -> None:
    with psycopg.connect(circles.organiser) as conn:
        roles = conn.execute(
            "SELECT rolname, rolsuper, rolcreaterole, rolcreatedb, rolbypassrls, rolreplication "
            "FROM pg_roles WHERE rolname LIKE '%%.alumni' OR rolname LIKE 'circle_%%' "
            "ORDER BY rolname"
        ).fetchall()
        owners = conn.execute(
            "SELECT DISTINCT tableowner FROM pg_tables WHERE schemaname = 'circle_alumni'"
        ).fetchall()
        rls = conn.execute(
            "SELECT relname, relrowsecurity FROM pg_class c JOIN pg_namespace n "
            "ON n.oid = c.relnamespace WHERE nspname = 'circle_alumni' AND relkind = 'r' "
            "ORDER BY relname"
        ).fetchall()
    assert [r[0] for r in roles] == [
        "circle_alumni",
        "circle_other",
        "giulia.alumni",
        "marco.alumni",
    ]
    assert all(not any(r[1:]) for r in roles)
    assert owners == [(f"{circles.db}_organiser",)]
    assert dict(rls) == {
        "member": True,
        "need": True,
        "person": True,
        "person_concept": True,
        "person_term": True,
        "schema_version": False,  # read-only to members: no write grant at all
    }


def test_a_removed_member_loses_access_and_their_rows(circles: Circles) -> None:
    open_session = circles.as_member("alumni", "giulia")
    try:
        deleted = remove_member(circles.organiser, "alumni", "giulia")
        assert deleted == 1
        assert _people(circles) == []
        with pytest.raises(psycopg.Error):
            open_session.execute("SELECT * FROM circle_alumni.person")
    finally:
        open_session.close()
    with pytest.raises(psycopg.OperationalError, match="password authentication failed"):
        circles.as_member("alumni", "giulia")
    with circles.as_member("alumni", "marco") as marco:
        keys = marco.execute("SELECT key FROM circle_alumni.member").fetchall()
        concepts = marco.execute("SELECT count(*) FROM circle_alumni.person_concept").fetchone()
    assert keys == [("marco",)]
    assert concepts == (0,)


def _post_need(conn: psycopg.Connection, schema: str, ref: str, need: str) -> None:  # type: ignore[type-arg]
    conn.execute(
        f"INSERT INTO {schema}.need (ref, need, posted, for_name) "
        "VALUES (%s, %s, '2026-11-27', 'Paolo Blu')",
        (ref, need),
    )


def _needs(circles: Circles, schema: str = "circle_alumni") -> list[tuple[str, str, str, str]]:
    with psycopg.connect(circles.organiser) as conn:
        rows = conn.execute(f"SELECT owner, ref, need, status FROM {schema}.need ORDER BY ref")
        return [tuple(r) for r in rows]  # type: ignore[misc]


def test_a_member_cannot_change_or_withdraw_another_members_need(circles: Circles) -> None:
    with circles.as_member("alumni", "giulia") as giulia:
        _post_need(giulia, "circle_alumni", "n-abcd", "a family lawyer")
    before = _needs(circles)
    assert before == [("giulia.alumni", "n-abcd", "a family lawyer", "open")]
    with circles.as_member("alumni", "marco") as marco:
        # Marco reads it: posted needs are for every member to see.
        assert marco.execute("SELECT ref FROM circle_alumni.need").fetchall() == [("n-abcd",)]
        for change in (
            "UPDATE circle_alumni.need SET need = 'something else'",
            "UPDATE circle_alumni.need SET status = 'met'",
            "UPDATE circle_alumni.need SET for_name = NULL WHERE ref = 'n-abcd'",
            "DELETE FROM circle_alumni.need",
            "DELETE FROM circle_alumni.need WHERE owner = 'giulia.alumni'",
        ):
            assert marco.execute(change).rowcount == 0, change
        with pytest.raises(psycopg.errors.InsufficientPrivilege, match="row-level security"):
            marco.execute(
                "INSERT INTO circle_alumni.need (owner, ref, need, posted) "
                "VALUES ('giulia.alumni', 'n-fake', 'a fake need', '2026-11-27')"
            )
    with circles.as_member("alumni", "marco") as marco:
        _post_need(marco, "circle_alumni", "n-mine", "a plumber")
        with pytest.raises(psycopg.errors.InsufficientPrivilege, match="row-level security"):
            marco.execute("UPDATE circle_alumni.need SET owner = 'giulia.alumni'")
        marco.execute("SET ROLE circle_alumni")
        assert marco.execute("DELETE FROM circle_alumni.need WHERE ref = 'n-abcd'").rowcount == 0
        marco.execute("RESET ROLE")
        assert marco.execute("UPDATE circle_alumni.need SET status = 'met'").rowcount == 1
        assert marco.execute("DELETE FROM circle_alumni.need").rowcount == 1  # their own only
    assert _needs(circles) == before


def test_a_member_cannot_read_another_circles_needs(circles: Circles) -> None:
    with circles.as_member("other", "paolo") as paolo:
        _post_need(paolo, "circle_other", "n-secret", "a secret need")
    with circles.as_member("alumni", "marco") as marco:
        for query in (
            "SELECT * FROM circle_other.need",
            "UPDATE circle_other.need SET status = 'dropped'",
            "DELETE FROM circle_other.need",
        ):
            with pytest.raises(psycopg.errors.InsufficientPrivilege, match="schema circle_other"):
                marco.execute(query)
    with circles.as_member("alumni", "giulia") as giulia:
        _post_need(giulia, "circle_alumni", "n-abcd", "a family lawyer")
    with (
        circles.as_member("other", "paolo") as paolo,
        pytest.raises(psycopg.errors.InsufficientPrivilege),
    ):
        paolo.execute("SELECT * FROM circle_alumni.need")
    assert _needs(circles, "circle_other") == [("paolo.other", "n-secret", "a secret need", "open")]


def test_a_removed_members_needs_go_with_them(circles: Circles) -> None:
    with circles.as_member("alumni", "giulia") as giulia:
        _post_need(giulia, "circle_alumni", "n-abcd", "a family lawyer")
    with circles.as_member("alumni", "marco") as marco:
        _post_need(marco, "circle_alumni", "n-mine", "a plumber")
    remove_member(circles.organiser, "alumni", "giulia")
    assert _needs(circles) == [("marco.alumni", "n-mine", "a plumber", "open")]
