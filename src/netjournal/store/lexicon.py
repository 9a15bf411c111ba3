"""The lexicon's own read-only database, attached to every journal as ``lexicon``.

The concept lexicon (``matching/lexicon/*.json``) compiles into five tables,
``concept``, ``concept_closure``, ``lexicon_phrase``, ``problem_word`` and
``vocabulary``, the same for every journal.  They live in one file in the user
cache folder, built on first use (about half a second) and attached read-only
to each journal connection, so that a journal holds only the user's data and
its index.  SQL names them plainly (``FROM concept``): SQLite finds a name in
an attached schema when the journal has no table of that name.

The file is named after the lexicon's source files and the code that compiles
them (their sizes and modification times, and the package version), so a new
lexicon gets a new file and an old file is never changed; it is opened
``immutable``.  Inside, ``lexicon_meta`` holds the content fingerprint that the
journal's matching index was built against.  A cache folder that cannot be
written gets the lexicon built in memory instead, for that run only.

``vocabulary`` is the lexicon's words together with the words of people's
skills, titles and organisations (``person_word``, in the journal): a
temporary view joins the two under the plain name.
"""

from __future__ import annotations

import os
import sqlite3
import zlib
from pathlib import Path

import netjournal

SCHEMA = "lexicon"
ENV_CACHE = "NETJOURNAL_CACHE_DIR"
TABLES = ("concept", "concept_closure", "lexicon_phrase", "problem_word", "vocabulary")

_HERE = Path(__file__).resolve().parent.parent
# What the compiled tables depend on: the data and the code that compiles it.
_SOURCES = (
    _HERE / "matching" / "lexicon.py",
    _HERE / "matching" / "text.py",
    Path(__file__).resolve(),
)

LEXICON_SQL = """
CREATE TABLE concept (id TEXT PRIMARY KEY, domain TEXT NOT NULL, label TEXT NOT NULL);
CREATE TABLE concept_closure (
    ancestor TEXT NOT NULL,
    descendant TEXT NOT NULL,
    depth INTEGER NOT NULL,
    PRIMARY KEY (ancestor, descendant)
) WITHOUT ROWID;
CREATE INDEX ix_concept_closure_descendant ON concept_closure(descendant);
CREATE TABLE lexicon_phrase (
    key TEXT NOT NULL,
    concept_id TEXT NOT NULL,
    label TEXT NOT NULL,
    ambiguous BOOLEAN NOT NULL DEFAULT 0,
    ignore BOOLEAN NOT NULL DEFAULT 0,
    PRIMARY KEY (key, concept_id)
) WITHOUT ROWID;
CREATE TABLE problem_word (
    stem TEXT NOT NULL,
    problem_id INTEGER NOT NULL,
    position INTEGER NOT NULL,
    concept_id TEXT NOT NULL,
    size INTEGER NOT NULL,
    text TEXT NOT NULL,
    PRIMARY KEY (stem, problem_id, position)
) WITHOUT ROWID;
CREATE TABLE vocabulary (word TEXT PRIMARY KEY) WITHOUT ROWID;
CREATE TABLE lexicon_meta (name TEXT PRIMARY KEY, value TEXT NOT NULL);
"""

# Words of the lexicon and of the journal's people, under the name SQL uses.
VOCABULARY_VIEW = (
    "CREATE TEMP VIEW IF NOT EXISTS vocabulary AS "
    "SELECT word FROM lexicon.vocabulary UNION SELECT word FROM main.person_word"
)


def cache_dir() -> Path:
    """``$NETJOURNAL_CACHE_DIR``, else the user cache folder (platformdirs)."""
    env = os.environ.get(ENV_CACHE)
    if env:
        return Path(env).expanduser()
    from platformdirs import user_cache_dir

    return Path(user_cache_dir("netjournal"))


def source_key() -> str:
    """A name for the compiled lexicon: changes whenever its sources do (a few stats).

    Two checksums of the sources' names, sizes and times, not a cryptographic
    hash: nothing is to be kept secret, and ``hashlib`` costs every command
    2–3 ms of CPU to import.
    """
    folder = _HERE / "matching" / "lexicon"
    text = netjournal.__version__
    for path in sorted(folder.glob("*.json")) + list(_SOURCES):
        info = path.stat()
        text += f"\n{path.name} {info.st_size} {info.st_mtime_ns}"
    data = text.encode()
    return f"{zlib.crc32(data):08x}{zlib.adler32(data):08x}"


def lexicon_file() -> Path:
    return cache_dir() / f"lexicon-{source_key()}.db"


def attach(conn: sqlite3.Connection) -> None:
    """Attach the compiled lexicon to a journal connection (building it when missing)."""
    if conn.execute("SELECT 1 FROM pragma_database_list WHERE name = ?", (SCHEMA,)).fetchone():
        return
    path = lexicon_file()
    if not path.is_file():
        try:
            build_file(path)
        except OSError:
            plain = " KEY ''" if type(conn).__module__.startswith("sqlcipher3") else ""
            conn.execute(f"ATTACH DATABASE ':memory:' AS {SCHEMA}{plain}")
            fill(conn, SCHEMA)
            _view(conn)
            return
    plain = " KEY ''" if type(conn).__module__.startswith("sqlcipher3") else ""  # not encrypted
    conn.execute(f"ATTACH DATABASE ? AS {SCHEMA}{plain}", (path.as_uri() + "?mode=ro&immutable=1",))
    _view(conn)


def index_is_current(conn: sqlite3.Connection) -> bool:
    """Whether the journal's matching index was built against the attached lexicon.

    One row compared with one row: a command that only reads the index (``net
    stats``) checks it without loading the matching code, which only a rebuild
    (``services.evidence.ensure_index``) needs.
    """
    row = conn.execute(
        "SELECT (SELECT value FROM setting WHERE name = 'lexicon') = "
        "(SELECT value FROM lexicon_meta WHERE name = 'fingerprint')"
    ).fetchone()
    return bool(row[0])


def _view(conn: sqlite3.Connection) -> None:
    has_words = conn.execute(
        "SELECT 1 FROM main.sqlite_master WHERE type = 'table' AND name = 'person_word'"
    ).fetchone()
    if has_words:  # a journal before m010 keeps its own copy of the lexicon until migrated
        conn.execute(VOCABULARY_VIEW)


def ensure_view(conn: sqlite3.Connection) -> None:
    """Create the vocabulary view once the journal has ``person_word`` (after migrating)."""
    _view(conn)


def build_file(path: Path) -> None:
    """Compile the lexicon into ``path``, atomically (another run may build it too)."""
    import tempfile

    path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
    fd, tmp = tempfile.mkstemp(prefix=path.name + ".", suffix=".tmp", dir=path.parent)
    os.close(fd)
    try:
        conn = sqlite3.connect(tmp, isolation_level=None)
        try:
            conn.execute("PRAGMA journal_mode = OFF")
            conn.execute("PRAGMA synchronous = OFF")
            fill(conn, "main")
            conn.execute("VACUUM")
        finally:
            conn.close()
        with open(tmp, "rb") as handle:
            os.fsync(handle.fileno())
        os.chmod(tmp, 0o644)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    _prune(path)


KEEP_BUILDS = 3


def _prune(newest: Path) -> None:
    """Remove all but the newest few compiled lexicons: each upgrade leaves one behind.

    A few are kept, not one, so that two installed versions sharing the cache do
    not rebuild each other's on every run.
    """
    builds = sorted(
        (p for p in newest.parent.glob("lexicon-*.db") if p != newest),
        key=lambda p: p.stat().st_mtime,
        reverse=True,
    )
    for old in builds[KEEP_BUILDS - 1 :]:
        old.unlink(missing_ok=True)


def fill(conn: sqlite3.Connection, schema: str) -> None:
    """Create the lexicon tables in ``schema`` and load the compiled lexicon into them."""
    from netjournal.matching.lexicon import compile_lexicon, fingerprint, load

    compiled = compile_lexicon(load())
    conn.execute("BEGIN")
    for statement in LEXICON_SQL.split(";"):
        if statement.strip():
            conn.execute(_qualify(statement, schema))
    conn.executemany(f"INSERT INTO {schema}.concept VALUES (?, ?, ?)", compiled.concepts)
    conn.executemany(f"INSERT INTO {schema}.concept_closure VALUES (?, ?, ?)", compiled.closure)
    conn.executemany(
        f"INSERT INTO {schema}.lexicon_phrase VALUES (?, ?, ?, ?, ?)", compiled.phrases
    )
    conn.executemany(
        f"INSERT INTO {schema}.problem_word VALUES (?, ?, ?, ?, ?, ?)", compiled.problem_words
    )
    conn.executemany(
        f"INSERT INTO {schema}.vocabulary VALUES (?)", [(w,) for w in sorted(compiled.vocabulary)]
    )
    conn.execute(f"INSERT INTO {schema}.lexicon_meta VALUES ('fingerprint', ?)", (fingerprint(),))
    conn.execute("COMMIT")


def _qualify(statement: str, schema: str) -> str:
    """Put the tables (and indexes) of a CREATE statement in ``schema``."""
    for word in ("CREATE TABLE ", "CREATE INDEX "):
        if statement.strip().startswith(word):
            return statement.replace(word, f"{word}{schema}.", 1)
    return statement
