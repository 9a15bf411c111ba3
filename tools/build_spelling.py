"""Build ``src/netjournal/matching/spelling/words.tsv``: the words of English and Italian.

``net ask`` corrects a typo only in a word that is neither English, nor
Italian, nor in the journal: "sister" is not *mister*, "fabbro" is not a
surname.  This script makes the word list from the dictionaries that ship
inside the ``pyspellchecker`` wheel (MIT licence; word frequencies counted by
its author from the OpenSubtitles 2018 corpus of OPUS, then cleaned).  The
wheel is fetched with ``pip download --no-deps`` and read as a zip file; it is
never installed.

Run by developers, not at install time::

    python tools/build_spelling.py            # fetches pyspellchecker==VERSION
    python tools/build_spelling.py --wheel path/to/pyspellchecker-….whl

Two more sources fill what subtitles miss, both as words that are never
corrected (rank 8, "common"): the single-word lemmas of **WordNet 3.0**
(Princeton University, WordNet 3.0 licence; Debian package ``wordnet-base``)
for English, and the words of ISTAT's **ATECO 2025** titles and explanatory
notes (CC BY 4.0; the ``ateco`` wheel, fetched and read like the other) for
Italian ("elettrodomestici", "piastrelle", "apparecchiature")::

    python tools/build_spelling.py --wordnet /usr/share/wordnet --ateco-wheel path/to/ateco-….whl

Output: one line per word, sorted, ``word<TAB>en<TAB>it``, where the word is
folded (lowercase, no accents, letters only, at least four of them) and each
language's rank is ``round(4 × log10(count))``, empty when the word is not of
that language.  A ``SOURCE.md``
beside it records the source, version and licence.
"""

from __future__ import annotations

import argparse
import gzip
import json
import math
import re
import subprocess
import sys
import tempfile
import unicodedata
import zipfile
from pathlib import Path

VERSION = "0.9.1"
ATECO_VERSION = "1.0.0"
COMMON = 8  # spelling.COMMON: a word this common is never corrected
LANGUAGES = ("en", "it")
ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "src" / "netjournal" / "matching" / "spelling"


def fold(text: str) -> str:
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def fetch(version: str, folder: Path, package: str = "pyspellchecker") -> Path:
    subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "download",
            "--no-deps",
            "-q",
            "-d",
            str(folder),
            f"{package}=={version}",
        ],
        check=True,
    )
    return next(folder.glob(f"{package}-*.whl"))


def ranks(wheel: Path) -> dict[str, dict[str, int]]:
    out: dict[str, dict[str, int]] = {}
    with zipfile.ZipFile(wheel) as archive:
        for lang in LANGUAGES:
            raw = archive.read(f"spellchecker/resources/{lang}.json.gz")
            for word, count in json.loads(gzip.decompress(raw)).items():
                folded = fold(word)
                if len(folded) < 4 or not (folded.isascii() and folded.isalpha()):
                    continue
                rank = round(4 * math.log10(max(1, count)))
                per = out.setdefault(folded, {})
                per[lang] = max(rank, per.get(lang, 0))
    return out


def wordnet_words(folder: Path) -> set[str]:
    """English single-word lemmas of WordNet, every part of speech, no proper names.

    Read from the data files, where a name keeps its capital ("Aachen").
    """
    found: set[str] = set()
    for pos in ("noun", "verb", "adj", "adv"):
        with open(folder / f"data.{pos}", encoding="latin-1") as handle:
            for line in handle:
                if line.startswith("  "):
                    continue
                fields = line.split()
                for i in range(int(fields[3], 16)):
                    word = re.sub(r"\(.*\)$", "", fields[4 + 2 * i])
                    if len(word) >= 4 and word.isascii() and word.isalpha() and word.islower():
                        found.add(word)
    return found


def ateco_words(wheel: Path) -> set[str]:
    """Italian words used at least twice in ATECO's titles and explanatory notes."""
    counts: dict[str, int] = {}
    with zipfile.ZipFile(wheel) as archive:
        for edition in ("2007", "2022", "2025"):
            nodes = json.loads(archive.read(f"ateco/data/{edition}/nodes.json"))["nodes"]
            for node in nodes:
                notes = node.get("notes") or {}
                text = " ".join([node["title"], *map(str, notes.values())])
                for word in re.findall(r"[a-z]+", fold(text)):
                    if len(word) >= 4:
                        counts[word] = counts.get(word, 0) + 1
    return {w for w, n in counts.items() if n >= 2}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--wheel", type=Path, help="a pyspellchecker wheel already downloaded")
    parser.add_argument("--wordnet", type=Path, default=Path("/usr/share/wordnet"))
    parser.add_argument("--ateco-wheel", type=Path, help="an ateco wheel already downloaded")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        wheel = args.wheel or fetch(VERSION, Path(tmp))
        found = ranks(wheel)
        name = wheel.name
        ateco = args.ateco_wheel or fetch(ATECO_VERSION, Path(tmp), "ateco")
        ateco_name = ateco.name
        extra = {"en": wordnet_words(args.wordnet), "it": ateco_words(ateco)}
    added = {}
    for lang, more in extra.items():
        added[lang] = 0
        for word in more:
            per = found.setdefault(word, {})
            if per.get(lang, 0) < COMMON:
                per[lang] = COMMON
                added[lang] += 1
    OUT.mkdir(parents=True, exist_ok=True)
    lines = [
        "\t".join([w, *(str(r[lang]) if lang in r else "" for lang in LANGUAGES)]) + "\n"
        for w, r in sorted(found.items())
    ]
    (OUT / "words.tsv").write_text("".join(lines), encoding="ascii")
    (OUT / "SOURCE.md").write_text(
        "# words.tsv\n\n"
        f"Made by `tools/build_spelling.py` from `{name}` (pyspellchecker {VERSION},\n"
        "MIT licence, Copyright (c) 2018-2021 Tyler Barrus): its English and Italian\n"
        "word-frequency dictionaries, built by its author from the OpenSubtitles 2018\n"
        "corpus (OPUS). Only folded words of four letters or more are kept, with\n"
        "`round(4 × log10(count))` as a rank in each language (`word, en, it`).\n\n"
        f"Added as common words (rank {COMMON}): {added['en']} English single-word lemmas of\n"
        "WordNet 3.0 (WordNet 3.0 Copyright 2006 by Princeton University, WordNet 3.0\n"
        f"licence) and {added['it']} Italian words of the ATECO 2025 titles and notes\n"
        f"(ISTAT, CC BY 4.0) as shipped in `{ateco_name}`. {len(lines)} words.\n",
        encoding="utf-8",
    )
    print(f"{len(lines)} words → {OUT / 'words.tsv'}")


if __name__ == "__main__":
    main()
