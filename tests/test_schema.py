"""Models and migrations cannot drift: tables, columns, types, NOT NULL, defaults, indexes.

``models.py`` declares the schema and ``store/migrations.py`` creates it in
explicit SQL.  A blank journal migrated to the end must be, column by column
and index by index, what the models say.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from netjournal.store import open_journal


def _affinity(declared: str) -> str:
    """SQLite's type affinity of a declared column type (section 3.1 of its docs)."""
    kind = declared.upper()
    if "INT" in kind:
        return "INTEGER"
    if any(word in kind for word in ("CHAR", "CLOB", "TEXT")):
        return "TEXT"
    if not kind or "BLOB" in kind:
        return "BLOB"
    if any(word in kind for word in ("REAL", "FLOA", "DOUB")):
        return "REAL"
    return "NUMERIC"


@pytest.fixture(scope="module")
def migrated(tmp_path_factory: pytest.TempPathFactory) -> Iterator[sqlite3.Connection]:
    path: Path = tmp_path_factory.mktemp("schema") / "j.db"
    open_journal(path).close()
    conn = sqlite3.connect(path)
    yield conn
    conn.close()


def _tables() -> list[Any]:
    from netjournal.models import SQLModel

    return list(SQLModel.metadata.sorted_tables)


def _model_type(column: Any) -> str:
    from sqlalchemy.dialects import sqlite

    return str(column.type.compile(dialect=sqlite.dialect()))


def test_the_same_tables(migrated: sqlite3.Connection) -> None:
    in_file = {
        r[0]
        for r in migrated.execute(
            "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'"
        )
    }
    declared = {t.name for t in _tables()}
    # FTS5 keeps shadow tables of its own (name_data, name_idx, …): not the models' business.
    shadows = {
        name
        for name in in_file
        for base in in_file
        if name != base
        and name.startswith(base + "_")
        and migrated.execute(
            "SELECT 1 FROM sqlite_master WHERE name = ? AND sql LIKE '%VIRTUAL TABLE%'", (base,)
        ).fetchone()
    }
    assert in_file - shadows == declared


@pytest.mark.parametrize("table", [t.name for t in _tables()])
def test_the_same_columns_types_nulls_and_defaults(
    migrated: sqlite3.Connection, table: str
) -> None:
    model = next(t for t in _tables() if t.name == table)
    rows = migrated.execute(f"PRAGMA table_info({table})").fetchall()
    in_file = {
        name: (kind, bool(notnull or pk), default) for _i, name, kind, notnull, default, pk in rows
    }
    assert set(in_file) == {c.name for c in model.columns}, "column names"
    for column in model.columns:
        kind, not_null, default = in_file[column.name]
        assert _affinity(kind) == _affinity(_model_type(column)), f"{table}.{column.name} type"
        assert not_null == (not column.nullable or column.primary_key), (
            f"{table}.{column.name} NULL"
        )
        server_default = column.server_default.arg if column.server_default is not None else None
        assert (default is None) == (server_default is None), f"{table}.{column.name} default"
        if default is not None:
            assert str(default).strip("'") == str(server_default).strip("'"), (
                f"{table}.{column.name} default"
            )


@pytest.mark.parametrize("table", [t.name for t in _tables()])
def test_the_same_indexes(migrated: sqlite3.Connection, table: str) -> None:
    model = next(t for t in _tables() if t.name == table)
    in_file = {
        name: [r[2] for r in migrated.execute(f"PRAGMA index_info({name})")]
        for (name,) in migrated.execute(
            "SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name = ? "
            "AND name NOT LIKE 'sqlite_autoindex_%'",
            (table,),
        )
    }
    # An expression (``lower(org)``) has no column name, in the file as in the model.
    declared = {
        index.name: [getattr(e, "name", None) for e in index.expressions] for index in model.indexes
    }
    assert in_file == declared
