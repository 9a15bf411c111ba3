"""Find the concepts a text speaks of, and the words left over.

A text is split into words; every run of up to five words is looked up as a
lexicon phrase (by its English and Italian stems), and problems (sets of stems
that must all appear) are matched order-free.  The longest matches win and
each word is used once, so "family law" beats "law", "medico veterinario"
beats "medico", and "mother in law" (an ignore phrase) hides "law".
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Protocol

from netjournal.matching import spelling
from netjournal.matching.lexicon import load_words
from netjournal.matching.text import stem_en, stem_it, words

MAX_PHRASE = 5


class PhraseSource(Protocol):
    """Where phrases and problems are looked up (the journal's matching index)."""

    def phrases(self, keys: Iterable[str]) -> list[tuple[str, str, str, bool, bool]]:
        """Rows ``(key, concept_id, label, ambiguous, ignore)`` for the keys."""
        ...

    def problems(self, stems: Iterable[str]) -> list[tuple[str, int, int, str, int, str]]:
        """Rows ``(stem, problem_id, position, concept_id, size, text)`` for the stems."""
        ...


@dataclass
class Mention:
    concept_id: str
    text: str
    label: str
    kind: str  # "label", "problem", or "meaning" (semantic routing)
    positions: frozenset[int]
    ambiguous: bool = False


@dataclass
class Analysis:
    tokens: list[str]
    mentions: list[Mention] = field(default_factory=list)
    residual: list[str] = field(default_factory=list)
    ruled_out: set[str] = field(default_factory=set)  # concepts tried already or refused
    lead: str | None = None  # the concept the need asks for first, when it says

    def concepts(self) -> set[str]:
        return {m.concept_id for m in self.mentions}


def analyze(
    text: str | list[str],
    source: PhraseSource,
    stopwords: frozenset[str],
    *,
    problems: bool = False,
    free_text: bool = False,
    heads: bool = False,
    third_party: frozenset[str] = frozenset(),
    wanted: frozenset[str] = frozenset(),
) -> Analysis:
    """The mentions of concepts in ``text`` and its content words left over.

    ``problems`` also matches problem sets (needs and help records).
    ``free_text`` drops ambiguous labels ("java", "python", "doctor") unless
    the same concept is named unambiguously in the same text.  ``third_party``
    words just before a mention ("her husband is a lawyer") show that it is
    about someone else, and drop it; so do ``wanted`` words a little further
    before it ("looking for a good acupuncturist", "needs a lawyer").
    """
    tokens = words(text) if isinstance(text, str) else text
    tokens = load_words().canonical(tokens)
    result = Analysis(tokens)
    if not tokens:
        return result
    grams = _grams(tokens, getattr(source, "prefixes", None))
    candidates: list[tuple[int, int, int, Mention | None]] = []
    for key, concept_id, label, ambiguous, ignore in source.phrases(grams):
        for start, end in grams[key]:
            if not _same_words(tokens[start:end], label, exact=bool(ignore)):
                continue
            if _stop_word_stem(tokens[start:end], label, stopwords):
                continue
            positions = frozenset(range(start, end))
            mention = (
                None
                if ignore
                else Mention(
                    concept_id, " ".join(tokens[start:end]), label, "label", positions, ambiguous
                )
            )
            candidates.append((end - start, 1, start, mention))
    if problems:
        candidates.extend(_problem_candidates(tokens, source))
    used: set[int] = set()
    taken: set[frozenset[int]] = set()
    for size, _rank, start, mention in sorted(candidates, key=lambda c: (-c[0], -c[1], c[2])):
        span = mention.positions if mention else frozenset(range(start, start + size))
        # A span already taken may carry several concepts; otherwise words are used once.
        if span & used and (mention is None or span not in taken):
            continue
        used |= span
        if mention is not None:
            taken.add(span)
            result.mentions.append(mention)
    if third_party or wanted:
        result.mentions = [
            m
            for m in result.mentions
            if not someone_else(tokens, min(m.positions), third_party, wanted, max(m.positions) + 1)
        ]
    if heads:
        result.mentions = _heads_only(tokens, result.mentions, stopwords)
    if free_text:
        clear = {m.concept_id for m in result.mentions if not m.ambiguous}
        result.mentions = [m for m in result.mentions if not m.ambiguous or m.concept_id in clear]
    seen: set[str] = set()
    for i, tok in enumerate(tokens):
        if i in used or tok in stopwords or len(tok) < 2 or tok in seen:
            continue
        seen.add(tok)
        result.residual.append(tok)
    return result


# Last words that say how a trade is offered, not another thing: "plumbing
# services", "English lessons", "IT support", "tax advice".
GENERIC_HEADS = frozenset(
    [
        "skill",
        "skills",
        "service",
        "services",
        "work",
        "works",
        "job",
        "jobs",
        "repair",
        "repairs",
        "expert",
        "expertise",
        "specialist",
        "help",
        "advice",
        "consulting",
        "consultancy",
        "support",
        "lessons",
        "lesson",
        "classes",
        "class",
        "courses",
        "course",
        "training",
        "tuition",
        "projects",
        "project",
        "solutions",
        "stuff",
        "things",
    ]
)


# Who offers it: "phone repair technician", "sales manager".
GENERIC_HEADS |= frozenset(
    [
        "technician",
        "engineer",
        "specialist",
        "consultant",
        "expert",
        "professional",
        "worker",
        "assistant",
        "officer",
        "manager",
        "advisor",
        "adviser",
        "coordinator",
        "lead",
        "head",
        "director",
        "owner",
        "operator",
        "installer",
        "fitter",
        "provider",
        "practitioner",
        "instructor",
        "teacher",
        "tutor",
        "coach",
        "partner",
        "executive",
        "associate",
        "analyst",
        "agent",
        "maker",
    ]
)


def _heads_only(tokens: list[str], mentions: list[Mention], stop: frozenset[str]) -> list[Mention]:
    """In an English label of a few words, a trade that only qualifies the last one is not it.

    "tech hiring" is hiring, "legal documents" documents, "pharma sales"
    sales: the head of an English noun phrase is its last word.  Italian puts
    it first ("avvocato civilista"), so a phrase ending in a word that is not
    English keeps its mentions.
    """
    content = [i for i, t in enumerate(tokens) if t not in stop and len(t) >= 2]
    if len(content) < 2 or len(content) > 4:
        return mentions
    last = content[-1]
    if any(last in m.positions for m in mentions) or tokens[last] in GENERIC_HEADS:
        return mentions
    return mentions if not spelling.english_only(tokens[last]) else []


OWN = frozenset({"own", "proprio", "propria"})
ARTICLES = frozenset({"the", "il", "lo", "la", "l", "i", "gli", "le"})
# "her accountant" is someone else's; "his workshop: he restores watches" is his own.
POSSESSIVES = frozenset({"his", "her", "their", "suo", "sua", "suoi", "sue"})
FOR_A = frozenset({"for", "per"})  # "hunting for an acupuncturist", "cerca per un"
A = frozenset({"a", "an", "un", "una", "uno"})
# Endings of a noun for a person ("the orthodontist", "il dentista"), not a thing.
PERSON_ENDINGS = (
    "ist", "er", "or", "ian", "ant", "ent", "eon", "ic", "man", "ista", "iere", "iera",
    "tore", "trice", "ologo", "ologa", "aio", "aia", "ante", "ente",
)  # fmt: skip
THIRD_PARTY_WINDOW = 3  # words before a mention where "her husband", "the" tell
WANTED_WINDOW = 5  # words before a mention where "looking for a good" tells


def someone_else(
    tokens: list[str],
    start: int,
    third_party: frozenset[str],
    wanted: frozenset[str],
    end: int | None = None,
) -> bool:
    """Whether the words before ``tokens[start:end]`` make it about someone else.

    "her husband is a lawyer", "they see the orthodontist" and "looking for
    a good acupuncturist" are; "her own dermatology practice" and "showed me
    the drone footage" (an article before a thing, not a person) are not.
    """
    near = tokens[max(0, start - THIRD_PARTY_WINDOW) : start]
    if OWN.intersection(near):
        return False
    cues = third_party.intersection(near)
    if cues - ARTICLES - POSSESSIVES:
        return True
    last = tokens[(end or start + 1) - 1]
    if cues and near[-1] in ARTICLES | POSSESSIVES and last.endswith(PERSON_ENDINGS):
        return True
    if wanted and len(near) >= 2 and near[-2] in FOR_A and near[-1] in A:
        return True  # "for a notary": one is wanted
    return bool(wanted.intersection(tokens[max(0, start - WANTED_WINDOW) : start]))


def _grams(tokens: list[str], prefixes: frozenset[str] | None) -> dict[str, list[tuple[int, int]]]:
    """Runs of up to five words as look-up keys (English and Italian stems).

    With ``prefixes`` (every leading part of every phrase key), a run grows
    only while it can still become a phrase.
    """
    stems = [(stem_en(t), _stem_it(t)) for t in tokens]
    grams: dict[str, list[tuple[int, int]]] = {}
    for start in range(len(tokens)):
        for lang in (0, 1):
            key = ""
            for end in range(start + 1, min(start + MAX_PHRASE, len(tokens)) + 1):
                key = stems[end - 1][lang] if not key else f"{key} {stems[end - 1][lang]}"
                if prefixes is not None and key not in prefixes:
                    break
                spans = grams.setdefault(key, [])
                if (start, end) not in spans:
                    spans.append((start, end))
    return grams


@lru_cache(maxsize=32768)
def _stem_it(word: str) -> str:
    """The Italian stem, except of an English word that is no Italian one.

    "dented" is not *dente* and "car" is not *carie*: an English text does not
    match Italian problems through the Italian stemmer.
    """
    return stem_en(word) if spelling.english_only(word) else stem_it(word)


@lru_cache(maxsize=32768)
def _label_words(label: str) -> tuple[str, ...]:
    return tuple(load_words().canonical(words(label)))


def _same_words(run: list[str], label: str, *, exact: bool = False) -> bool:
    """Stems matched; are the words alike too? ("commercial" is not "commercialista").

    Phrases to ignore must match word for word ("vetted" does not hide "vet").
    """
    target = _label_words(label)
    if exact:
        return tuple(run) == target
    if len(target) != len(run):
        return True
    return all(_alike_word(a, b) for a, b in zip(run, target, strict=True))


# Three more letters are an inflection or a trade's ending ("gardening",
# "plumbers", "pianist"), not a word of its own ("hospitality" is not "hospital").
THREE_LETTER_ENDINGS = ("ing", "ers", "ies", "ist", "ian", "ess")


def _alike_word(a: str, b: str) -> bool:
    short, long = sorted((a, b), key=len)
    extra = len(long) - len(short)
    if a != b and _person_and_activity(a, b):
        return False
    return a == b or extra <= 2 or (extra == 3 and long.endswith(THREE_LETTER_ENDINGS))


# Who does something is not the doing of it: a manager is not management, an
# employer not employment, an investor not an investment.
AGENT_ENDINGS = ("er", "ers", "or", "ors")
ACTIVITY_ENDINGS = ("ment", "ments", "tion", "tions", "sion", "sions")


def _person_and_activity(a: str, b: str) -> bool:
    """One word names a person by what they do, the other the activity (same stem)."""
    return (a.endswith(AGENT_ENDINGS) and b.endswith(ACTIVITY_ENDINGS)) or (
        b.endswith(AGENT_ENDINGS) and a.endswith(ACTIVITY_ENDINGS)
    )


def _stop_word_stem(run: list[str], label: str, stopwords: frozenset[str]) -> bool:
    """A common word that only shares its stem with a label is not that label.

    "sopra" (above) is not *soprano*, "quanto" (how much) not *quant*, "let"
    not *lettings*; "go" still names the language Go when it is the label itself.
    """
    return len(run) == 1 and run[0] in stopwords and (run[0],) != _label_words(label)


@lru_cache(maxsize=32768)
def _problem_words(text: str) -> tuple[str, ...]:
    """A problem's words as the lexicon compiled them (fillers left out)."""
    shared = load_words()
    return tuple(t for t in shared.canonical(words(text)) if t not in shared.fillers)


def _alike(token: str, word: str) -> bool:
    """A short word matches only itself: "car" is not "carie", "tv" is not "tvb".

    Nor does a person match an activity: "my manager" is not change management.
    """
    if token == word:
        return True
    return len(token) > 3 and len(word) > 3 and not _person_and_activity(token, word)


# Italian endings of one class: masculine "o"/"i", feminine "a"/"e".
MASCULINE, FEMININE = frozenset("oi"), frozenset("ae")


def _same_class(token: str, word: str, stem: str) -> bool:
    """On a short stem, another ending class is another word: "posta" is not "posto".

    Four letters leave little of a word ("lettere" and "letto" are both *lett*);
    past them, a stem is a word's own.
    """
    if token == word or len(stem) > 4:
        return True
    a, b = token[-1:], word[-1:]
    return not ((a in MASCULINE and b in FEMININE) or (a in FEMININE and b in MASCULINE))


def _problem_candidates(
    tokens: list[str], source: PhraseSource
) -> list[tuple[int, int, int, Mention | None]]:
    by_stem: dict[str, set[int]] = {}
    for i, tok in enumerate(tokens):
        for stem in (stem_en(tok), _stem_it(tok)):
            by_stem.setdefault(stem, set()).add(i)
    if not by_stem:
        return []
    found: dict[int, dict[int, set[int]]] = {}
    meta: dict[int, tuple[str, int, str]] = {}
    rows = source.problems(by_stem)
    # A problem needs a word at each of its positions: one whose positions are
    # not all among the stems found cannot match, whatever its words (most
    # rows are one common word of a longer problem), and is not looked at.
    present: dict[int, set[int]] = {}
    for row in rows:
        present.setdefault(row[1], set()).add(row[2])
    for stem, problem_id, position, concept_id, size, text in rows:
        if len(present[problem_id]) < size:
            continue
        wanted = _problem_words(text)
        word = wanted[position] if position < len(wanted) else ""
        alike = {
            i
            for i in by_stem[stem]
            if _alike(tokens[i], word) and _same_class(tokens[i], word, stem)
        }
        if alike:
            found.setdefault(problem_id, {}).setdefault(position, set()).update(alike)
            meta[problem_id] = (concept_id, size, text)
    out: list[tuple[int, int, int, Mention | None]] = []
    for problem_id, matched in found.items():
        concept_id, size, text = meta[problem_id]
        if len(matched) < size:
            continue
        positions = frozenset(min(p) for p in matched.values())
        mention = Mention(concept_id, text, text, "problem", positions)
        # Of problems with as many words, the one whose words stand closest wins:
        # "our cold room …, I called" is a cold room, not cold calling.
        out.append((len(positions), min(positions) - max(positions), min(positions), mention))
    return out


# ------------------------------------------------------------ long needs

DETERMINERS = frozenset(
    [
        "a",
        "an",
        "the",
        "my",
        "our",
        "your",
        "his",
        "her",
        "their",
        "un",
        "una",
        "uno",
        "il",
        "lo",
        "la",
        "l",
        "mio",
        "mia",
        "nostro",
        "nostra",
        "suo",
        "sua",
    ]
)
# "I've been freelancing as a designer", "sono un grafico": who I am, not what I need.
SELF_CUES = frozenset(["as", "am", "m", "been", "sono", "siamo", "come", "faccio", "lavoro"])
AS = frozenset({"as", "come"})
FIRST_PERSON = frozenset(["i", "we", "io", "noi", "sono", "siamo", "lavoro", "faccio"])
OTHERS = frozenset(["who", "someone", "somebody", "anyone", "chi", "qualcuno", "che"])
# Before a trade: "not a notary", "instead of", "went to the GP", "tried an osteopath".
RULED_OUT_BEFORE = frozenset(
    [
        "not",
        "no",
        "non",
        "nor",
        "without",
        "senza",
        "instead",
        "invece",
        "rather",
        "than",
        "tried",
        "seen",
        "saw",
        "visited",
        "consulted",
        "provato",
        "visto",
    ]
)
BEEN_TO = frozenset(["been", "went", "gone", "stato", "stata", "andato", "andata"])
# After a trade: "my GP already did the blood tests", "the paediatrician told us to wait".
ALREADY = frozenset({"already", "gia"})
DID = frozenset(
    [
        "told",
        "said",
        "says",
        "did",
        "tried",
        "checked",
        "suggested",
        "prescribed",
        "referred",
        "sent",
        "detto",
        "dice",
        "dicono",
        "consiglia",
        "fatto",
        "visto",
        "provato",
        "consigliato",
        "mandato",
    ]
)
AUXILIARY = frozenset(["has", "have", "had", "ha", "hanno", "ci", "mi", "us", "me"])
DID_NOT = frozenset(["did", "could", "would", "was", "has", "can"])
NOT = frozenset({"not", "never", "non"})
AFTER_WINDOW = 3
# A trade already in the story: "the paediatrician", "my GP", "il medico".
DEFINITE = DETERMINERS - A


def _before(tokens: list[str], start: int) -> list[str]:
    """The words before ``start``, determiners skipped ("tried *an* osteopath")."""
    i = start - 1
    while i >= 0 and tokens[i] in DETERMINERS:
        i -= 1
    return tokens[max(0, i - 4) : i + 1]


def is_self(tokens: list[str], start: int, cues: frozenset[str] = SELF_CUES) -> bool:
    """Whether a trade names who the writer is ("as a designer", "I'm a nurse")."""
    before = _before(tokens, start)
    if not before or before[-1] not in cues:
        return False
    window = tokens[max(0, start - 6) : start]
    return bool(FIRST_PERSON.intersection(window)) and not OTHERS.intersection(window)


def is_ruled_out(tokens: list[str], start: int, end: int, request: frozenset[str]) -> bool:
    """Whether a trade is what the writer does not want, or already tried.

    "not a notary", "rather than a lawyer", "I don't need a plumber",
    "we went to the GP", "my GP already did the blood tests", "the
    paediatrician told us to wait".
    """
    before = _before(tokens, start)
    if before:
        last = before[-1]
        if last in RULED_OUT_BEFORE:
            return True
        if last == "to" and len(before) > 1 and before[-2] in BEEN_TO:
            return True
        if last in request and len(before) > 1 and before[-2] in ("not", "non"):
            return True
    after = tokens[end : end + AFTER_WINDOW]
    if ALREADY.intersection(after):
        return True
    while after and after[0] in AUXILIARY:
        after = after[1:]
    if after and after[0] in DID:
        return True
    return len(after) > 1 and after[0] in DID_NOT and after[1] in NOT


def read_need(
    tokens: list[str],
    sentence_of: list[int],
    mentions: list[Mention],
    request: frozenset[str],
    questions: frozenset[int] = frozenset(),
) -> tuple[list[Mention], set[str], str | None]:
    """What a need of several sentences asks for: mentions kept, concepts ruled out, the lead.

    Who the writer is and what they already tried or do not want is not the
    need.  The need leads with what the first sentence that asks (a request
    word, or a question) names; in a story of several sentences, a trade
    named with "the", "my" … elsewhere is a character of it ("the
    paediatrician", "my GP") when the asking sentence names one itself.
    """
    ruled: set[str] = set()
    kept: list[Mention] = []
    for m in mentions:
        start, end = min(m.positions), max(m.positions) + 1
        # "I'm a nurse" is who I am; "I'm locked out" is my problem ("as a" is who I am).
        if (m.kind == "label" and is_self(tokens, start)) or any(
            is_self(tokens, p, cues=AS) for p in m.positions
        ):
            continue
        if m.kind == "label" and is_ruled_out(tokens, start, end, request):
            ruled.add(m.concept_id)
            continue
        kept.append(m)
    kept = [m for m in kept if m.concept_id not in ruled]
    # "we don't know why" does not ask; "who could look at it?" does.
    asking = sorted(
        {
            s
            for i, s in enumerate(sentence_of)
            if tokens[i] in request and not NOT.intersection(tokens[max(0, i - 2) : i])
        }
        | set(questions)
    )
    lead: str | None = None
    if len(set(sentence_of)) > 1:
        for first in asking:
            in_first = [m for m in kept if sentence_of[min(m.positions)] == first]
            if not in_first:
                continue
            lead = min(in_first, key=lambda m: min(m.positions)).concept_id
            kept = [
                m
                for m in kept
                if sentence_of[min(m.positions)] == first
                or m.kind != "label"
                or min(m.positions) == 0
                or tokens[min(m.positions) - 1] not in DEFINITE
            ]
            break
    return kept, ruled, lead
