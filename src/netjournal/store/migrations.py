"""The schema's history: an append-only list of named steps in explicit SQL.

Each step runs in one transaction together with its row in
``schema_migration``.  Never edit a step that has shipped; add a new one.
"""

from __future__ import annotations


class Migration:
    """One named step; never edited once shipped.

    A plain class, not a dataclass: every command opens the journal, and
    making a dataclass costs more than the check of the applied steps.
    """

    __slots__ = ("name", "sql", "vacuum")

    def __init__(self, name: str, sql: str, vacuum: bool = False) -> None:
        self.name = name
        self.sql = sql
        self.vacuum = vacuum  # the step frees much space: VACUUM once all steps are done

    def __repr__(self) -> str:
        return f"Migration({self.name!r})"


M001_JOURNAL = """
CREATE TABLE person (
    id INTEGER PRIMARY KEY,
    key TEXT NOT NULL UNIQUE,
    name TEXT NOT NULL,
    norm_name TEXT NOT NULL,
    org TEXT, title TEXT, city TEXT, email TEXT, phone TEXT, met TEXT, notes TEXT,
    cadence_days INTEGER CHECK (cadence_days IS NULL OR cadence_days > 0),
    via_id INTEGER REFERENCES person(id) ON DELETE SET NULL,
    added DATE NOT NULL,
    CHECK (via_id IS NULL OR via_id <> id)
);
CREATE INDEX ix_person_norm_name ON person(norm_name);
CREATE INDEX ix_person_via_id ON person(via_id);
CREATE INDEX ix_person_email ON person(email);

CREATE TABLE person_label (
    person_id INTEGER NOT NULL REFERENCES person(id) ON DELETE CASCADE,
    kind TEXT NOT NULL CHECK (kind IN ('alias', 'skill', 'tag', 'value')),
    position INTEGER NOT NULL,
    name TEXT NOT NULL,
    norm TEXT NOT NULL,
    PRIMARY KEY (person_id, kind, position)
);
CREATE INDEX ix_person_label_kind_norm ON person_label(kind, norm);

CREATE TABLE interaction (
    id INTEGER PRIMARY KEY,
    person_id INTEGER NOT NULL REFERENCES person(id) ON DELETE CASCADE,
    date DATE NOT NULL,
    kind TEXT,
    note TEXT
);
CREATE INDEX ix_interaction_person_date ON interaction(person_id, date);
CREATE INDEX ix_interaction_date ON interaction(date);

CREATE TABLE help (
    id INTEGER PRIMARY KEY,
    person_id INTEGER NOT NULL REFERENCES person(id) ON DELETE CASCADE,
    direction TEXT NOT NULL CHECK (direction IN ('gave', 'got')),
    date DATE NOT NULL,
    what TEXT NOT NULL,
    skill TEXT
);
CREATE INDEX ix_help_person_date ON help(person_id, date);
CREATE INDEX ix_help_date ON help(date);

CREATE TABLE tie (
    a_id INTEGER NOT NULL REFERENCES person(id) ON DELETE CASCADE,
    b_id INTEGER NOT NULL REFERENCES person(id) ON DELETE CASCADE,
    note TEXT,
    PRIMARY KEY (a_id, b_id),
    CHECK (a_id < b_id)
);
CREATE INDEX ix_tie_b_id ON tie(b_id);

CREATE TABLE referral (
    id INTEGER PRIMARY KEY,
    person_id INTEGER NOT NULL REFERENCES person(id) ON DELETE CASCADE,
    to_id INTEGER NOT NULL REFERENCES person(id) ON DELETE CASCADE,
    need TEXT NOT NULL,
    date DATE NOT NULL,
    CHECK (person_id <> to_id)
);
CREATE INDEX ix_referral_person_id ON referral(person_id);
CREATE INDEX ix_referral_to_id ON referral(to_id);

CREATE TABLE setting (name TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE tag_cadence (tag TEXT PRIMARY KEY, days INTEGER NOT NULL CHECK (days > 0));
"""

M002_MATCHING_INDEX = """
CREATE TABLE concept (id TEXT PRIMARY KEY, domain TEXT NOT NULL, label TEXT NOT NULL);
CREATE TABLE concept_closure (
    ancestor TEXT NOT NULL,
    descendant TEXT NOT NULL,
    depth INTEGER NOT NULL,
    PRIMARY KEY (ancestor, descendant)
);
CREATE INDEX ix_concept_closure_descendant ON concept_closure(descendant);
CREATE TABLE lexicon_phrase (
    key TEXT NOT NULL,
    concept_id TEXT NOT NULL,
    label TEXT NOT NULL,
    ambiguous BOOLEAN NOT NULL DEFAULT 0,
    ignore BOOLEAN NOT NULL DEFAULT 0,
    PRIMARY KEY (key, concept_id)
);
CREATE TABLE problem_word (
    stem TEXT NOT NULL,
    problem_id INTEGER NOT NULL,
    position INTEGER NOT NULL,
    concept_id TEXT NOT NULL,
    size INTEGER NOT NULL,
    text TEXT NOT NULL,
    PRIMARY KEY (stem, problem_id, position)
);
CREATE TABLE vocabulary (word TEXT PRIMARY KEY);
CREATE TABLE person_concept (
    person_id INTEGER NOT NULL REFERENCES person(id) ON DELETE CASCADE,
    concept_id TEXT NOT NULL,
    source TEXT NOT NULL,
    weight FLOAT NOT NULL,
    evidence TEXT NOT NULL,
    PRIMARY KEY (person_id, concept_id, source)
);
CREATE INDEX ix_person_concept_concept_id ON person_concept(concept_id);
CREATE TABLE person_term (
    person_id INTEGER NOT NULL REFERENCES person(id) ON DELETE CASCADE,
    term TEXT NOT NULL,
    source TEXT NOT NULL,
    weight FLOAT NOT NULL,
    evidence TEXT NOT NULL,
    PRIMARY KEY (person_id, term, source)
);
CREATE INDEX ix_person_term_term ON person_term(term);
"""

M003_BIRTHDAY_URL = """
ALTER TABLE person ADD COLUMN birthday DATE;
ALTER TABLE person ADD COLUMN url TEXT;
CREATE INDEX ix_person_url ON person(url);
"""

_LAST = (
    "(SELECT max(d) FROM (SELECT max(date) AS d FROM interaction WHERE person_id = {who} "
    "UNION ALL SELECT max(date) FROM help WHERE person_id = {who}))"
)


def _last_contact_triggers(table: str) -> str:
    """Keep person.last_contact equal to the latest interaction or help, on every write."""
    old, new = _LAST.format(who="OLD.person_id"), _LAST.format(who="NEW.person_id")
    return f"""
CREATE TRIGGER {table}_last_contact_insert AFTER INSERT ON {table} BEGIN
    UPDATE person SET last_contact = NEW.date
    WHERE id = NEW.person_id AND (last_contact IS NULL OR last_contact < NEW.date);
END;
CREATE TRIGGER {table}_last_contact_delete AFTER DELETE ON {table} BEGIN
    UPDATE person SET last_contact = {old} WHERE id = OLD.person_id;
END;
CREATE TRIGGER {table}_last_contact_update AFTER UPDATE OF date, person_id ON {table} BEGIN
    UPDATE person SET last_contact = {old} WHERE id = OLD.person_id;
    UPDATE person SET last_contact = {new} WHERE id = NEW.person_id;
END;
"""


M004_LAST_CONTACT = (
    "ALTER TABLE person ADD COLUMN last_contact DATE;\n"
    + _last_contact_triggers("interaction")
    + _last_contact_triggers("help")
    + f"UPDATE person SET last_contact = {_LAST.format(who='person.id')};\n"
)

M005_PERSON_DOMAIN = """
ALTER TABLE person ADD COLUMN domain TEXT;
CREATE INDEX ix_person_domain ON person(domain);
DELETE FROM setting WHERE name = 'lexicon';
"""

# The lexicon lives in its own read-only file, attached as schema ``lexicon``
# (store/lexicon.py): drop the copies every journal held.  The words of people's
# profiles that the copied vocabulary also held move to ``person_word``.  The
# evidence tables lose their rowid: the primary key was a second copy of each row.
# Every text the journal holds about a person, for ``net find`` and the
# full-text evidence of ``net ask``.  ``person_text`` has one row per text
# (a field of the person, a label, an interaction note, a help record), kept by
# triggers on the tables it copies, so every write path keeps it in step in
# the same transaction; ``person_fts`` is its FTS5 index (external content).
_PERSON_FIELDS = ("name", "org", "title", "city", "met", "notes")


def _person_rows(who: str) -> str:
    return " UNION ALL ".join(
        f"SELECT {who}.id, '{f}', NULL, {who}.{f} WHERE coalesce({who}.{f}, '') <> ''"
        for f in _PERSON_FIELDS
    )


M006_FULLTEXT = f"""
CREATE TABLE person_text (
    id INTEGER PRIMARY KEY,
    person_id INTEGER NOT NULL REFERENCES person(id) ON DELETE CASCADE,
    field TEXT NOT NULL,
    ref INTEGER,
    text TEXT NOT NULL
);
CREATE INDEX ix_person_text_person_id ON person_text(person_id);
CREATE VIRTUAL TABLE person_fts USING fts5(
    text, content='person_text', content_rowid='id', columnsize=0,
    tokenize='unicode61 remove_diacritics 2'
);
CREATE TRIGGER person_text_insert AFTER INSERT ON person_text BEGIN
    INSERT INTO person_fts(rowid, text) VALUES (NEW.id, NEW.text);
END;
CREATE TRIGGER person_text_delete AFTER DELETE ON person_text BEGIN
    INSERT INTO person_fts(person_fts, rowid, text) VALUES ('delete', OLD.id, OLD.text);
END;
CREATE TRIGGER person_text_update AFTER UPDATE ON person_text BEGIN
    INSERT INTO person_fts(person_fts, rowid, text) VALUES ('delete', OLD.id, OLD.text);
    INSERT INTO person_fts(rowid, text) VALUES (NEW.id, NEW.text);
END;

CREATE TRIGGER person_fulltext_insert AFTER INSERT ON person BEGIN
    INSERT INTO person_text (person_id, field, ref, text) {_person_rows("NEW")};
END;
CREATE TRIGGER person_fulltext_update AFTER UPDATE OF {", ".join(_PERSON_FIELDS)} ON person BEGIN
    DELETE FROM person_text WHERE person_id = OLD.id AND ref IS NULL;
    INSERT INTO person_text (person_id, field, ref, text) {_person_rows("NEW")};
END;

CREATE TRIGGER person_label_fulltext_insert AFTER INSERT ON person_label BEGIN
    INSERT INTO person_text (person_id, field, ref, text)
    VALUES (NEW.person_id, NEW.kind, NEW.position, NEW.name);
END;
CREATE TRIGGER person_label_fulltext_delete AFTER DELETE ON person_label BEGIN
    DELETE FROM person_text
    WHERE person_id = OLD.person_id AND field = OLD.kind AND ref = OLD.position;
END;
CREATE TRIGGER person_label_fulltext_update AFTER UPDATE ON person_label BEGIN
    DELETE FROM person_text
    WHERE person_id = OLD.person_id AND field = OLD.kind AND ref = OLD.position;
    INSERT INTO person_text (person_id, field, ref, text)
    VALUES (NEW.person_id, NEW.kind, NEW.position, NEW.name);
END;

CREATE TRIGGER interaction_fulltext_insert AFTER INSERT ON interaction
WHEN coalesce(NEW.note, '') <> '' BEGIN
    INSERT INTO person_text (person_id, field, ref, text)
    VALUES (NEW.person_id, 'interaction', NEW.id, NEW.note);
END;
CREATE TRIGGER interaction_fulltext_delete AFTER DELETE ON interaction BEGIN
    DELETE FROM person_text
    WHERE person_id = OLD.person_id AND field = 'interaction' AND ref = OLD.id;
END;
CREATE TRIGGER interaction_fulltext_update AFTER UPDATE ON interaction BEGIN
    DELETE FROM person_text
    WHERE person_id = OLD.person_id AND field = 'interaction' AND ref = OLD.id;
    INSERT INTO person_text (person_id, field, ref, text)
    SELECT NEW.person_id, 'interaction', NEW.id, NEW.note WHERE coalesce(NEW.note, '') <> '';
END;

CREATE TRIGGER help_fulltext_insert AFTER INSERT ON help BEGIN
    INSERT INTO person_text (person_id, field, ref, text)
    VALUES (NEW.person_id, 'help_' || NEW.direction, NEW.id,
            NEW.what || coalesce(' (' || NEW.skill || ')', ''));
END;
CREATE TRIGGER help_fulltext_delete AFTER DELETE ON help BEGIN
    DELETE FROM person_text
    WHERE person_id = OLD.person_id AND field = 'help_' || OLD.direction AND ref = OLD.id;
END;
CREATE TRIGGER help_fulltext_update AFTER UPDATE ON help BEGIN
    DELETE FROM person_text
    WHERE person_id = OLD.person_id AND field = 'help_' || OLD.direction AND ref = OLD.id;
    INSERT INTO person_text (person_id, field, ref, text)
    VALUES (NEW.person_id, 'help_' || NEW.direction, NEW.id,
            NEW.what || coalesce(' (' || NEW.skill || ')', ''));
END;

INSERT INTO person_text (person_id, field, ref, text)
    {
    " UNION ALL ".join(
        f"SELECT id, '{f}', NULL, {f} FROM person WHERE coalesce({f}, '') <> ''"
        for f in _PERSON_FIELDS
    )
};
INSERT INTO person_text (person_id, field, ref, text)
    SELECT person_id, kind, position, name FROM person_label;
INSERT INTO person_text (person_id, field, ref, text)
    SELECT person_id, 'interaction', id, note FROM interaction WHERE coalesce(note, '') <> '';
INSERT INTO person_text (person_id, field, ref, text)
    SELECT person_id, 'help_' || direction, id, what || coalesce(' (' || skill || ')', '')
    FROM help;
"""

M010_LEXICON_APART = """
CREATE TABLE person_word (word TEXT PRIMARY KEY) WITHOUT ROWID;
INSERT OR IGNORE INTO person_word
    SELECT word FROM main.vocabulary WHERE word NOT IN (SELECT word FROM lexicon.vocabulary);
DROP TABLE main.concept;
DROP TABLE main.concept_closure;
DROP TABLE main.lexicon_phrase;
DROP TABLE main.problem_word;
DROP TABLE main.vocabulary;

CREATE TABLE person_concept_new (
    person_id INTEGER NOT NULL REFERENCES person(id) ON DELETE CASCADE,
    concept_id TEXT NOT NULL,
    source TEXT NOT NULL,
    weight FLOAT NOT NULL,
    evidence TEXT NOT NULL,
    PRIMARY KEY (person_id, concept_id, source)
) WITHOUT ROWID;
INSERT INTO person_concept_new SELECT person_id, concept_id, source, weight, evidence
    FROM person_concept;
DROP TABLE person_concept;
ALTER TABLE person_concept_new RENAME TO person_concept;
CREATE INDEX ix_person_concept_concept_id ON person_concept(concept_id);

CREATE TABLE person_term_new (
    person_id INTEGER NOT NULL REFERENCES person(id) ON DELETE CASCADE,
    term TEXT NOT NULL,
    source TEXT NOT NULL,
    weight FLOAT NOT NULL,
    evidence TEXT NOT NULL,
    PRIMARY KEY (person_id, term, source)
) WITHOUT ROWID;
INSERT INTO person_term_new SELECT person_id, term, source, weight, evidence FROM person_term;
DROP TABLE person_term;
ALTER TABLE person_term_new RENAME TO person_term;
CREATE INDEX ix_person_term_term ON person_term(term);
"""

# Every event gets a short stable id (``i-12``, ``h-3``, ``t-4``, ``r-2``; needs
# use ``n-…``), made from an INTEGER PRIMARY KEY: ties get one here.  The undo
# log's tables; its (TEMP) triggers are made from the schema by ``store/undo.py``.
M008_EVENTS = """
CREATE TABLE tie_new (
    id INTEGER PRIMARY KEY,
    a_id INTEGER NOT NULL REFERENCES person(id) ON DELETE CASCADE,
    b_id INTEGER NOT NULL REFERENCES person(id) ON DELETE CASCADE,
    note TEXT,
    UNIQUE (a_id, b_id),
    CHECK (a_id < b_id)
);
INSERT INTO tie_new (a_id, b_id, note) SELECT a_id, b_id, note FROM tie ORDER BY rowid;
DROP TABLE tie;
ALTER TABLE tie_new RENAME TO tie;
CREATE INDEX ix_tie_b_id ON tie(b_id);

CREATE TABLE undo_command (
    id INTEGER PRIMARY KEY,
    label TEXT NOT NULL,
    at TEXT NOT NULL
);
CREATE TABLE undo_step (
    id INTEGER PRIMARY KEY,
    command_id INTEGER NOT NULL REFERENCES undo_command(id) ON DELETE CASCADE,
    tbl TEXT NOT NULL,
    op TEXT NOT NULL CHECK (op IN ('insert', 'delete', 'update')),
    rid INTEGER,
    people TEXT,
    sql TEXT
);
CREATE INDEX ix_undo_step_command_id ON undo_step(command_id, tbl, rid);
"""

# Needs: what the people in your network (or you) are looking for, and how it
# ended.  ``id`` is the public ``n-…`` id; ``person_id`` is null for your own
# needs.  ``need_match`` keeps the suggestions of the ask engine for each open
# need, with the stamp (day, network version, engine) they were computed for.
M009_NEEDS = """
CREATE TABLE need (
    id TEXT PRIMARY KEY CHECK (id GLOB 'n-?*'),
    person_id INTEGER REFERENCES person(id) ON DELETE CASCADE,
    text TEXT NOT NULL,
    date DATE NOT NULL,
    status TEXT NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'met', 'dropped')),
    closed DATE,
    met_by_id INTEGER REFERENCES person(id) ON DELETE SET NULL,
    CHECK ((status = 'open') = (closed IS NULL)),
    CHECK (met_by_id IS NULL OR status = 'met'),
    CHECK (met_by_id IS NULL OR person_id IS NULL OR met_by_id <> person_id)
);
CREATE INDEX ix_need_status_date ON need(status, date);
CREATE INDEX ix_need_person_id ON need(person_id);
CREATE INDEX ix_need_met_by_id ON need(met_by_id);
CREATE TABLE need_match (
    need_id TEXT PRIMARY KEY REFERENCES need(id) ON DELETE CASCADE,
    stamp TEXT NOT NULL,
    matches TEXT NOT NULL
);
"""

# Several e-mails and phones per person: ``person.email`` and ``person.phone`` keep
# the preferred one (every query that knew them still works); the others follow
# here in order.  ``dormant`` marks people who came from a contacts file (vCard,
# CSV): left out of stale and today until contacted or given a cadence.
M007_CONTACTS = """
CREATE TABLE person_contact (
    person_id INTEGER NOT NULL REFERENCES person(id) ON DELETE CASCADE,
    kind TEXT NOT NULL CHECK (kind IN ('email', 'phone')),
    position INTEGER NOT NULL,
    value TEXT NOT NULL,
    norm TEXT NOT NULL,
    PRIMARY KEY (person_id, kind, position)
) WITHOUT ROWID;
ALTER TABLE person ADD COLUMN dormant BOOLEAN NOT NULL DEFAULT 0;
"""

# Circles the journal joined (connection settings only: never a password) and
# what it shares with each: people one by one, and everyone with a tag.
M011_CIRCLES = """
CREATE TABLE circle (
    name TEXT PRIMARY KEY,
    conninfo TEXT,
    member TEXT,
    admin_conninfo TEXT,
    joined DATE,
    last_sync TEXT,
    CHECK (conninfo IS NOT NULL OR admin_conninfo IS NOT NULL)
) WITHOUT ROWID;
CREATE TABLE circle_person (
    circle TEXT NOT NULL REFERENCES circle(name) ON DELETE CASCADE,
    person_id INTEGER NOT NULL REFERENCES person(id) ON DELETE CASCADE,
    PRIMARY KEY (circle, person_id)
) WITHOUT ROWID;
CREATE TABLE circle_tag (
    circle TEXT NOT NULL REFERENCES circle(name) ON DELETE CASCADE,
    tag TEXT NOT NULL,
    PRIMARY KEY (circle, tag)
) WITHOUT ROWID;
"""

# Needs this journal posts to a circle; a sync publishes the open ones and
# withdraws the others (met, dropped, or no longer posted).
M013_CIRCLE_NEEDS = """
CREATE TABLE circle_need (
    circle TEXT NOT NULL REFERENCES circle(name) ON DELETE CASCADE,
    need_id TEXT NOT NULL REFERENCES need(id) ON DELETE CASCADE,
    PRIMARY KEY (circle, need_id)
) WITHOUT ROWID;
CREATE INDEX ix_circle_need_need_id ON circle_need(need_id);
"""

# What this journal's engine answered to other members' circle needs, with the
# stamp it was computed for (as ``need_match``): a listing asks only the new.
M014_CIRCLE_NEED_MATCHES = """
CREATE TABLE circle_need_match (
    circle TEXT NOT NULL REFERENCES circle(name) ON DELETE CASCADE,
    member TEXT NOT NULL,
    ref TEXT NOT NULL,
    question TEXT NOT NULL,
    stamp TEXT NOT NULL,
    matches TEXT NOT NULL,
    PRIMARY KEY (circle, member, ref)
) WITHOUT ROWID;
"""

# Indexes the read commands scan instead of the tables: the help owed (``today``,
# ``balance``) reads direction and date from the index alone; ``stats`` counts
# the people contacted in a month from the dates' index and groups
# organisations and cities in the order of their index, without sorting.  The
# two new help and interaction indexes hold the old ones' columns: they
# replace them.
M015_READ_INDEXES = """
CREATE INDEX ix_help_person_direction_date ON help(person_id, direction, date);
DROP INDEX ix_help_person_date;
CREATE INDEX ix_interaction_date_person ON interaction(date, person_id);
DROP INDEX ix_interaction_date;
CREATE INDEX ix_person_org_lower ON person(lower(org), org) WHERE org IS NOT NULL;
CREATE INDEX ix_person_city_lower ON person(lower(city), city) WHERE city IS NOT NULL;
"""

# ``ask`` reads each person's relevance from the concept index alone (the
# weight beside the concept, instead of one table lookup per piece of
# evidence) and the reach of each candidate (a friend's introduction, the last
# contact) without a visit to the person's row: at 30,000 people, 7,393 pieces
# of evidence and 2,675 rows spread over as many pages for "need a lawyer".
# The concept index replaces the one it extends, so a write updates no more
# concept indexes than before.
M016_ASK_INDEXES = """
CREATE INDEX ix_person_concept_concept_weight ON person_concept(concept_id, weight);
DROP INDEX ix_person_concept_concept_id;
CREATE INDEX ix_person_reach ON person(id, via_id, last_contact);
"""

# ``net stats`` counts the warm direct ties from this index alone: people on
# the journal's default cadence are one range of it (their last contact, or
# the day they were added, on or after one date), people with a cadence of
# their own the next.  (An index on help's direction alone was tried for the
# help counts: SQLite then chose it for the help owed, which ``net today``
# reads in date order, and sorted.)
#
# ``net balance`` lists people by key with their names from the second alone.
M017_STATS_INDEXES = """
CREATE INDEX ix_person_warmth ON person(via_id, cadence_days, coalesce(last_contact, added));
CREATE INDEX ix_person_key_name ON person(key, name);
"""

# ``net today`` finds the birthdays of the next two weeks as a range of this
# index (month and day: ``YYYY-MM-DD`` and ``--MM-DD`` end alike), not by
# reading every person: only people with a birthday are in it.
M018_BIRTHDAY_INDEX = """
CREATE INDEX ix_person_birthday ON person(substr(birthday, -5)) WHERE birthday IS NOT NULL;
"""

# ``net stats`` shows twelve months of contact: a count a month, kept by
# triggers on every write (and by ``store/bulk.py`` once per bulk insert),
# instead of counting the dates' index over the year (197,000 entries at
# 30,000 people).  The table is always what grouping the dates would give:
# a month goes with its last interaction.
INTERACTION_MONTH_INSERT = (
    "CREATE TRIGGER interaction_month_insert AFTER INSERT ON interaction BEGIN "
    "INSERT INTO interaction_month VALUES (substr(NEW.date, 1, 7), 1) "
    "ON CONFLICT(month) DO UPDATE SET n = n + 1; END"
)
M019_INTERACTION_MONTHS = f"""
CREATE TABLE interaction_month (
    month TEXT PRIMARY KEY,
    n INTEGER NOT NULL
) WITHOUT ROWID;
INSERT INTO interaction_month SELECT substr(date, 1, 7), count(*) FROM interaction GROUP BY 1;
{INTERACTION_MONTH_INSERT};
CREATE TRIGGER interaction_month_delete AFTER DELETE ON interaction BEGIN
    UPDATE interaction_month SET n = n - 1 WHERE month = substr(OLD.date, 1, 7);
    DELETE FROM interaction_month WHERE month = substr(OLD.date, 1, 7) AND n = 0;
END;
CREATE TRIGGER interaction_month_update AFTER UPDATE OF date ON interaction BEGIN
    UPDATE interaction_month SET n = n - 1 WHERE month = substr(OLD.date, 1, 7);
    DELETE FROM interaction_month WHERE month = substr(OLD.date, 1, 7) AND n = 0;
    INSERT INTO interaction_month VALUES (substr(NEW.date, 1, 7), 1)
    ON CONFLICT(month) DO UPDATE SET n = n + 1;
END;
"""

# ``ix_person_warmth`` (m017) begins with ``via_id``: every look-up of the
# people known through someone (and the foreign key's, when a person is
# removed) reads it as well as the index on ``via_id`` alone, which is one
# more B-tree for each write of a person to keep, and a page of every journal.
M020_DROP_VIA_INDEX = """
DROP INDEX ix_person_via_id;
"""

MIGRATIONS: tuple[Migration, ...] = (
    Migration("m001_journal", M001_JOURNAL),
    Migration("m002_matching_index", M002_MATCHING_INDEX),
    Migration("m003_birthday_url", M003_BIRTHDAY_URL),
    Migration("m004_last_contact", M004_LAST_CONTACT),
    Migration("m005_person_domain", M005_PERSON_DOMAIN),
    Migration("m006_fulltext", M006_FULLTEXT),
    Migration("m007_contacts", M007_CONTACTS),
    Migration("m008_events", M008_EVENTS),
    Migration("m009_needs", M009_NEEDS),
    Migration("m010_lexicon_apart", M010_LEXICON_APART, vacuum=True),
    Migration("m011_circles", M011_CIRCLES),
    Migration("m013_circle_needs", M013_CIRCLE_NEEDS),
    Migration("m014_circle_need_matches", M014_CIRCLE_NEED_MATCHES),
    Migration("m015_read_indexes", M015_READ_INDEXES),
    Migration("m016_ask_indexes", M016_ASK_INDEXES),
    Migration("m017_stats_indexes", M017_STATS_INDEXES),
    Migration("m018_birthday_index", M018_BIRTHDAY_INDEX),
    Migration("m019_interaction_months", M019_INTERACTION_MONTHS),
    Migration("m020_drop_via_index", M020_DROP_VIA_INDEX),
)
