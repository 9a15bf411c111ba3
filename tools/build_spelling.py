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
import subprocess
import sys
import tempfile
import unicodedata
import zipfile
from pathlib import Path

VERSION = "0.9.1"
LANGUAGES = ("en", "it")
ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "src" / "netjournal" / "matching" / "spelling"


def fold(text: str) -> str:
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def fetch(version: str, folder: Path) -> Path:
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
            f"pyspellchecker=={version}",
        ],
        check=True,
    )
    return next(folder.glob("pyspellchecker-*.whl"))


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


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--wheel", type=Path, help="a pyspellchecker wheel already downloaded")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        wheel = args.wheel or fetch(VERSION, Path(tmp))
        found = ranks(wheel)
        name = wheel.name
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
        "`round(4 × log10(count))` as a rank in each language (`word, en, it`). "
        f"{len(lines)} words.\n",
        encoding="utf-8",
    )
    print(f"{len(lines)} words → {OUT / 'words.tsv'}")


if __name__ == "__main__":
    main()
