"""The matching index: each person's evidence, against the attached lexicon.

``person_concept`` says which concepts a person covers and from which field
(skills, title, org, notes, help they gave you, referrals to them);
``person_term`` holds the stemmed words of their profile for needs the
lexicon does not know.  Every write that changes a person's profile calls
:func:`refresh_people` in the same transaction, so the index never lags.
"""

from __future__ import annotations

import math
import sqlite3
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import ExitStack
from typing import TYPE_CHECKING

from netjournal.matching.analyze import Analysis, analyze, someone_else
from netjournal.matching.lexicon import load_words
from netjournal.matching.text import stem_en, stem_it
from netjournal.services.batch import CHUNK
from netjournal.services.batch import chunks as chunks  # also imported from here
from netjournal.store.bulk import indexes_deferred
from netjournal.store.lexicon import index_is_current as index_is_current  # kept here too

if TYPE_CHECKING:
    from netjournal.store import Journal

# How much a field of a profile says about what someone can do.
SOURCE_WEIGHTS = {
    "skill": 1.0,
    "title": 0.95,
    "help": 0.85,
    "org": 0.7,
    "notes": 0.7,
    "interaction": 0.7,
    "referral": 0.7,
}
# Fields whose words go into person_term as they are; notes and help records
# are free text, found through the full-text index (person_fts), which knows
# when a word is about someone else.
TERM_KINDS = ("skill", "title", "org", "referral")


class SqlPhraseSource:
    """Phrase and problem look-ups straight from the index tables."""

    def __init__(self, conn: sqlite3.Connection) -> None:
        self.conn = conn

    def phrases(self, keys: Iterable[str]) -> list[tuple[str, str, str, bool, bool]]:
        out = []
        for part in chunks(list(keys)):
            out += self.conn.execute(
                "SELECT key, concept_id, label, ambiguous, ignore FROM lexicon_phrase "
                f"WHERE key IN ({','.join('?' * len(part))})",
                part,
            ).fetchall()
        return out

    def problems(self, stems: Iterable[str]) -> list[tuple[str, int, int, str, int, str]]:
        out = []
        for part in chunks(list(stems)):
            out += self.conn.execute(
                "SELECT stem, problem_id, position, concept_id, size, text FROM problem_word "
                f"WHERE stem IN ({','.join('?' * len(part))})",
                part,
            ).fetchall()
        return out


class MemoryPhraseSource:
    """The index tables held in memory, for indexing many people at once."""

    def __init__(self, conn: sqlite3.Connection) -> None:
        self._phrases: dict[str, list[tuple[str, str, str, bool, bool]]] = {}
        for row in conn.execute(
            "SELECT key, concept_id, label, ambiguous, ignore FROM lexicon_phrase"
        ):
            self._phrases.setdefault(row[0], []).append(row)
        # Every leading run of words of every phrase, so texts are cut short early.
        self.prefixes = frozenset(
            " ".join(words[:n])
            for words in (key.split(" ") for key in self._phrases)
            for n in range(1, len(words) + 1)
        )
        self._problems: dict[str, list[tuple[str, int, int, str, int, str]]] = {}
        for row in conn.execute(
            "SELECT stem, problem_id, position, concept_id, size, text FROM problem_word"
        ):
            self._problems.setdefault(row[0], []).append(row)

    def phrases(self, keys: Iterable[str]) -> list[tuple[str, str, str, bool, bool]]:
        return [row for key in keys for row in self._phrases.get(key, ())]

    def problems(self, stems: Iterable[str]) -> list[tuple[str, int, int, str, int, str]]:
        return [row for stem in stems for row in self._problems.get(stem, ())]


# ----------------------------------------------------------- the lexicon part


def ensure_index(journal: Journal) -> None:
    """Index every person again when the lexicon changed (or they were never indexed)."""
    if index_is_current(journal.conn):
        return
    with journal.write() as conn:
        if not index_is_current(conn):
            rebuild_index(conn)


def rebuild_index(
    conn: sqlite3.Connection, progress: Callable[[str, int, int], None] | None = None
) -> None:
    """Index every person against the attached lexicon, and note which lexicon it was."""
    conn.execute("DELETE FROM person_word")
    conn.execute(
        "INSERT INTO setting (name, value) "
        "SELECT 'lexicon', value FROM lexicon_meta WHERE name = 'fingerprint' "
        "ON CONFLICT(name) DO UPDATE SET value = excluded.value"
    )
    ids = [r[0] for r in conn.execute("SELECT id FROM person")]
    refresh_people(conn, ids, rebuilding=True, progress=progress)


# ------------------------------------------------------------ the people part


def refresh_people(
    conn: sqlite3.Connection,
    ids: Sequence[int],
    *,
    rebuilding: bool = False,
    progress: Callable[[str, int, int], None] | None = None,
) -> None:
    """Recompute the evidence rows of these people (inside the caller's transaction)."""
    if not ids:
        return
    if not rebuilding and not index_is_current(conn):
        rebuild_index(conn, progress=progress)
        return
    source: SqlPhraseSource | MemoryPhraseSource = (
        MemoryPhraseSource(conn) if len(ids) > 20 else SqlPhraseSource(conn)
    )
    shared = load_words()
    stop = shared.stopwords
    # What each text says, by kind: skills, titles and organisations repeat
    # across people, and so do many notes and help records; analyse each once.
    seen: dict[tuple[str, str], _Found] = {}
    concept_domains = dict(conn.execute("SELECT id, domain FROM concept").fetchall())
    cues = {
        "notes": shared.third_party_cues,
        "interaction": shared.third_party_cues,
    }
    wants = {kind: shared.referral_cues for kind in ("notes", "interaction", "help")}
    # A refresh of many people: the index tables' own indexes are made once, at
    # the end (nothing below reads these tables through them).  On a failure the
    # caller's transaction is rolled back, indexes and all.
    deferred = ExitStack()
    if len(ids) >= CHUNK:
        for table, per_person in (("person_concept", 3), ("person_term", 8)):
            deferred.enter_context(indexes_deferred(conn, table, per_person * len(ids)))
    done = 0
    for part in chunks(list(ids)):
        if progress:
            progress("indexing skills", done, len(ids))
        done += len(part)
        marks = ",".join("?" * len(part))
        conn.execute(f"DELETE FROM person_concept WHERE person_id IN ({marks})", part)
        conn.execute(f"DELETE FROM person_term WHERE person_id IN ({marks})", part)
        concept_rows: dict[tuple[int, str, str], tuple[int, str, str, float, str]] = {}
        term_rows: dict[tuple[int, str, str], tuple[int, str, str, float, str]] = {}
        vocabulary: set[str] = set()
        for pid, kind, text, cited in _texts(conn, part, marks):
            found = seen.get((kind, text))
            if found is None:
                analysis = analyze(
                    text,
                    source,
                    stop,
                    problems=kind in ("help", "referral"),
                    free_text=kind in ("notes", "help", "org", "interaction"),
                    heads=kind in ("skill", "title"),
                    third_party=cues.get(kind, frozenset()),
                    wanted=wants.get(kind, frozenset()),
                )
                found = _found(analysis, kind, stop)
                if kind in _REPEATED or len(seen) < MEMO_TEXTS:
                    seen[(kind, text)] = found
            concepts, words, terms = found
            if not concepts and not terms:
                continue  # most notes name nothing: no row, and no citation to write
            weight = SOURCE_WEIGHTS[kind]
            evidence = _evidence(kind, text, cited)
            for concept_id in concepts:
                key = (pid, concept_id, kind)
                if key not in concept_rows:
                    concept_rows[key] = (pid, concept_id, kind, weight, evidence)
            vocabulary.update(words)
            for term in terms:
                key = (pid, term, kind)
                if key not in term_rows:
                    term_rows[key] = (pid, term, kind, weight, evidence)
        domains = _main_domains(concept_rows.values(), concept_domains)
        conn.executemany(
            "INSERT INTO person_concept VALUES (?, ?, ?, ?, ?)", list(concept_rows.values())
        )
        conn.executemany(
            "UPDATE person SET domain = ? WHERE id = ?",
            [(domains.get(pid), pid) for pid in part],
        )
        conn.executemany("INSERT INTO person_term VALUES (?, ?, ?, ?, ?)", list(term_rows.values()))
        conn.executemany(
            "INSERT OR IGNORE INTO person_word VALUES (?)",
            [(w,) for w in sorted(vocabulary) if len(w) >= 4],
        )
    deferred.close()
    if progress:
        progress("indexing skills", len(ids), len(ids))


def _main_domains(
    rows: Iterable[tuple[int, str, str, float, str]], concept_domains: dict[str, str]
) -> dict[int, str]:
    """Each person's main field: the domain most of their skills and title name."""
    counts: dict[int, dict[str, int]] = {}
    for pid, concept_id, kind, _weight, _evidence in rows:
        if kind in ("skill", "title") and concept_id in concept_domains:
            per = counts.setdefault(pid, {})
            domain = concept_domains[concept_id]
            per[domain] = per.get(domain, 0) + 1
    return {pid: max(sorted(per), key=lambda d: per[d]) for pid, per in counts.items()}


# The concepts a text names, its words for the vocabulary, and its stemmed terms.
_Found = tuple[tuple[str, ...], tuple[str, ...], tuple[str, ...]]
#: Kinds whose texts are always remembered (few distinct ones in any journal).
_REPEATED = frozenset({"skill", "title", "org"})
#: How many texts of other kinds one refresh remembers (notes, help records, contact notes).
MEMO_TEXTS = 50_000


def _found(analysis: Analysis, kind: str, stop: frozenset[str]) -> _Found:
    """What the index keeps of one text's analysis, in the order it is used."""
    concepts = tuple(dict.fromkeys(m.concept_id for m in analysis.mentions))
    if kind not in TERM_KINDS:
        return concepts, (), ()  # free text is searched through the full-text index
    tokens = _content(analysis, stop)
    words = tuple(tokens) if kind in _REPEATED else ()
    terms = tuple(dict.fromkeys(term for tok in tokens for term in (stem_en(tok), stem_it(tok))))
    return concepts, words, terms


def _content(analysis: Analysis, stop: frozenset[str]) -> list[str]:
    return [t for t in dict.fromkeys(analysis.tokens) if t not in stop and len(t) >= 2]


MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")


def _short(text: str) -> str:
    return text if len(text) <= 60 else text[:57].rstrip() + "…"


def _texts(
    conn: sqlite3.Connection, ids: list[int], marks: str
) -> Iterator[tuple[int, str, str, tuple[str, str] | None]]:
    """Every text of these people that says what they can do: kind, text, and what
    :func:`_evidence` cites beside the text (the record's own words and date).

    The citation is made only for a text that names something (most notes do
    not): at 30,000 people that is a fraction of the 240,000 texts.
    """
    for pid, title, org, notes in conn.execute(
        f"SELECT id, title, org, notes FROM person WHERE id IN ({marks})", ids
    ):
        if title:
            yield pid, "title", title, None
        if org:
            yield pid, "org", org, None
        if notes:
            yield pid, "notes", notes, None
    for pid, name in conn.execute(
        f"SELECT person_id, name FROM person_label WHERE kind = 'skill' AND person_id IN ({marks})",
        ids,
    ):
        yield pid, "skill", name, None
    for pid, what, skill, day in conn.execute(
        f"SELECT person_id, what, skill, date FROM help WHERE direction = 'got' "
        f"AND person_id IN ({marks})",
        ids,
    ):
        yield pid, "help", f"{skill}: {what}" if skill else what, (what, day)
    for pid, note, day in conn.execute(
        f"SELECT person_id, note, date FROM interaction WHERE note IS NOT NULL AND note <> '' "
        f"AND person_id IN ({marks})",
        ids,
    ):
        yield pid, "interaction", note, (note, day)
    for pid, need in conn.execute(
        f"SELECT to_id, need FROM referral WHERE to_id IN ({marks})", ids
    ):
        yield pid, "referral", need, None


_CITES = {
    "title": "title '{}'",
    "org": "works at '{}'",
    "notes": "notes: '{}'",
    "skill": "skill '{}'",
    "referral": "you referred someone to them for '{}'",
}


def _evidence(kind: str, text: str, cited: tuple[str, str] | None) -> str:
    """How the index cites a text of :func:`_texts`."""
    if cited is None:
        return _CITES[kind].format(_short(text))
    words, day = cited
    when = f"{MONTHS[int(day[5:7]) - 1]} {day[:4]}"
    if kind == "help":
        return f"helped you in {when}: '{_short(words)}'"
    return f"you noted in {when}: '{_short(words)}'"


# ------------------------------------------------------------ the full text

# Texts that say what someone can do.  Not their name or nicknames (a
# Carpenter, "Sparky"), not help you gave them.
FULLTEXT_FIELDS = {
    "skill": ("skill", 1.0),
    "title": ("title", 0.95),
    "help_got": ("helped you:", 0.85),
    "org": ("works at", 0.7),
    "notes": ("notes:", 0.7),
    "interaction": ("you noted:", 0.7),
    "met": ("met:", 0.6),
    "tag": ("tag", 0.6),
    "city": ("lives in", 0.5),
}


def fulltext_scores(
    conn: sqlite3.Connection, tokens: Sequence[str], *, needed: float = 0.0
) -> dict[int, tuple[float, float, list[str]]]:
    """How much of ``tokens`` each person's texts hold, how telling the fields, and where.

    Coverage (0..1) counts each word by its rarity in the journal; a word
    nobody has counts against everyone.  The weight (0..1) is that of the
    fields the words stand in (a skill says more than a tag).  A word just after a
    third-party or referral cue ("her husband is a sailor", "looking for a
    sailor") is about someone else, and does not count.

    ``needed``: only people whose texts could reach this coverage are read
    (the others hold too few of the words to count), so a common word ("lawyer"
    in thousands of titles) costs an index lookup, not a walk through every text.
    """
    from netjournal.matching.text import words
    from netjournal.services.find import Term, people_matching, query_terms

    terms: list[Term] = query_terms(" ".join(tokens)) if tokens else []
    if not terms:
        return {}
    shared = load_words()
    total = max(1, conn.execute("SELECT count(*) FROM person").fetchone()[0])
    idf: dict[str, float] = {}
    holders: list[dict[int, list[int]]] = []
    for term in terms:
        people = people_matching(conn, term)
        idf[term.word] = math.log(1 + total / (1 + len(people)))
        holders.append(people)
    norm = sum(idf.values())
    reach: dict[int, float] = {}
    for term, people in zip(terms, holders, strict=True):
        for pid in people:
            reach[pid] = reach.get(pid, 0.0) + idf[term.word]
    # The third-party check below can only lower a person's coverage.
    within = {pid for pid, most in reach.items() if most >= needed * norm - 1e-9}
    best: dict[int, dict[str, tuple[float, str]]] = {}
    for term, people in zip(terms, holders, strict=True):
        ids = [tid for pid, tids in people.items() if pid in within for tid in tids]
        for part in chunks(ids):
            marks = ",".join("?" * len(part))
            for pid, field, text in conn.execute(
                f"SELECT person_id, field, text FROM person_text WHERE id IN ({marks})", part
            ):
                if field not in FULLTEXT_FIELDS:
                    continue
                toks = words(text)
                prefix = term.fts.strip('"*')
                at = [i for i, t in enumerate(toks) if t.startswith(prefix)]
                if at and all(
                    someone_else(toks, i, shared.third_party_cues, shared.referral_cues) for i in at
                ):
                    continue
                label, weight = FULLTEXT_FIELDS[field]
                seen = best.setdefault(pid, {}).get(term.word)
                if seen is None or weight > seen[0]:
                    best[pid][term.word] = (weight, f"{label} '{_short(text)}'")
    out = {}
    for pid, found in best.items():
        coverage = sum(idf[w] for w in found) / norm
        weight = sum(idf[w] * weight for w, (weight, _e) in found.items()) / sum(
            idf[w] for w in found
        )
        evidence = [e for _w, e in sorted(found.values(), key=lambda x: -x[0])]
        out[pid] = (coverage, weight, list(dict.fromkeys(evidence)))
    return out
