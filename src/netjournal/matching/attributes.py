"""Attributes that must match: a language, a country or jurisdiction.

"A Japanese translator" is not answered by a German–Italian one, "a French
notary" not by an Italian notaio, "my US tax return" not by a UK accountant.
A need names such an attribute when a language or a country stands inside,
just before or just after (through "of", "for", "di" …) what it asks for, or
next to "speaks", "speaking", "parla" ("a dentist who speaks German").  Only
people whose own texts (or, for a jurisdiction, their city) say the same are
answers; otherwise nobody fits.

Which attributes a trade takes follows from its domain: laws, taxes and
paperwork have a jurisdiction; translation, interpreting and teaching have a
language; cooking has a country (its cuisine).  A German car does not make a mechanic's need German.

This module is pure: words in, values out.  :mod:`netjournal.services.ask`
asks the journal which people hold a value.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

LANGUAGE = "language"
JURISDICTION = "jurisdiction"
INSTITUTION = "institution"  # only while reading: becomes a jurisdiction
TITLE = "title"  # only while reading: a jurisdiction, firm in a profile, soft in a need

# Language code → the words naming it (English and Italian, folded).
LANGUAGES: dict[str, tuple[str, ...]] = {
    "en": ("english", "inglese"),
    "it": ("italian", "italiano", "italiana"),
    "fr": ("french", "francese"),
    "de": ("german", "tedesco", "tedesca"),
    "es": ("spanish", "spagnolo", "spagnola", "castilian"),
    "pt": ("portuguese", "portoghese"),
    "nl": ("dutch", "olandese", "flemish"),
    "ja": ("japanese", "giapponese"),
    "zh": ("chinese", "mandarin", "cantonese", "cinese"),
    "ko": ("korean", "coreano"),
    "ru": ("russian", "russo", "russa"),
    "ukr": ("ukrainian", "ucraino"),
    "pl": ("polish", "polacco"),
    "ro": ("romanian", "rumeno", "romeno"),
    "el": ("greek", "greco"),
    "tr": ("turkish", "turco"),
    "ar": ("arabic", "arabo"),
    "he": ("hebrew", "ebraico"),
    "hi": ("hindi",),
    "sv": ("swedish", "svedese"),
    "no": ("norwegian", "norvegese"),
    "da": ("danish", "danese"),
    "fi": ("finnish", "finlandese"),
    "hu": ("hungarian", "ungherese"),
    "cs": ("czech", "ceco"),
    "hr": ("croatian", "croato"),
    "sq": ("albanian", "albanese"),
    "ga": ("irish gaelic", "gaelic"),
    "la": ("latin", "latino"),
    # Sign languages are languages: LIS is not BSL.
    "bsl": ("bsl", "british sign language"),
    "asl": ("asl", "american sign language"),
    "lis": ("lis", "lingua dei segni", "lingua italiana dei segni", "italian sign language"),
}
SIGN = frozenset({"bsl", "asl", "lis"})
# Codes written in pairs in profiles: "EN-IT", "DE>IT", "it/en".
PAIR = re.compile(r"\b([a-z]{2})\s*(?:-|>|/|–|→|<>)\s*([a-z]{2})\b", re.IGNORECASE)

# Country (or part of one) → the words naming it: names, adjectives, and the
# institutions and titles that belong to one system of law or tax.
COUNTRIES: dict[str, tuple[str, ...]] = {
    "it": (
        "italy", "italia", "italian", "italiano", "italiana", "italiane", "italiani",
    ),
    "gb": (
        "uk", "u.k", "united kingdom", "britain", "great britain", "british", "regno unito",
        "inghilterra",
    ),
    "gb-eng": ("england", "english", "wales", "welsh"),
    "gb-sct": ("scotland", "scottish", "scots", "scozia", "scozzese"),
    "gb-nir": ("northern ireland",),
    "ie": ("ireland", "irish", "irlanda", "irlandese", "revenue ie"),
    "us": ("usa", "u.s", "u.s.a", "united states", "america", "american", "stati uniti",
           "americano", "americana"),
    "fr": ("france", "french", "francia", "francese", "brittany", "bretagne", "bretagna",
           "normandy", "normandia", "provence", "provenza"),
    "de": ("germany", "german", "germania", "tedesco", "tedesca", "bavaria", "baviera",
           "rechtsanwalt", "rechtsanwaltin", "steuerberater", "patentanwalt", "patentanwaltin"),
    "es": ("spain", "spanish", "spagna", "spagnolo", "spagnola", "catalonia", "catalogna"),
    "pt": ("portugal", "portuguese", "portogallo", "portoghese"),
    "ch": ("switzerland", "swiss", "svizzera", "svizzero"),
    "at": ("austria", "austrian", "austriaco"),
    "nl": ("netherlands", "holland", "dutch", "olanda", "olandese", "paesi bassi"),
    "be": ("belgium", "belgian", "belgio"),
    "jp": ("japan", "japanese", "giappone", "giapponese"),
    "cn": ("china", "chinese", "cina", "cinese"),
    "ca": ("canada", "canadian", "canadese"),
    "au": ("australia", "australian", "australiano"),
    "gr": ("greece", "greek", "grecia", "greco"),
    "pl": ("poland", "polish", "polonia", "polacco"),
    "br": ("brazil", "brazilian", "brasile", "brasiliano"),
    # Further countries, for their law, tax and cuisine (names that are also
    # common words, such as "turkey", left out).
    "mx": ("mexico", "mexican", "messico", "messicano", "messicana"),
    "in": ("india", "indian", "indiano", "indiana"),
    "th": ("thailand", "thai", "tailandia", "thailandia", "tailandese", "thailandese"),
    "vn": ("vietnam", "vietnamese", "vietnamita"),
    "kr": ("south korea", "korea", "korean", "corea", "coreano", "coreana"),
    "tr": ("turkish", "turchia", "turco", "turca"),
    "lb": ("lebanon", "lebanese", "libano", "libanese"),
    "ma": ("morocco", "moroccan", "marocco", "marocchino", "marocchina"),
    "eg": ("egypt", "egyptian", "egitto", "egiziano", "egiziana"),
    "il": ("israel", "israeli", "israele", "israeliano", "israeliana"),
    "ar": ("argentina", "argentinian", "argentine", "argentino"),
    "pe": ("peru", "peruvian", "peruviano", "peruviana"),
    "ru": ("russia", "russian", "russo", "russa"),
    "ua": ("ukraine", "ukrainian", "ucraina", "ucraino"),
    "ro": ("romania", "romanian", "rumeno", "rumena", "romeno", "romena"),
    "al": ("albania", "albanian", "albanese"),
    "se": ("sweden", "swedish", "svezia", "svedese"),
    "no": ("norway", "norwegian", "norvegia", "norvegese"),
    "dk": ("denmark", "danimarca", "danese"),
    "fi": ("finland", "finnish", "finlandia", "finlandese"),
    "hu": ("hungary", "hungarian", "ungheria", "ungherese"),
    "cz": ("czech republic", "czechia", "czech", "repubblica ceca", "ceco", "ceca"),
    "hr": ("croatia", "croatian", "croazia", "croato", "croata"),
}  # fmt: skip
# Institutions and terms of one system of law or tax: named anywhere in a need
# ("HMRC has sent me a letter", "over the forfettario threshold"), they say
# which system it is under.
INSTITUTIONS: dict[str, tuple[str, ...]] = {
    "it": (
        "partita iva", "agenzia delle entrate", "inps", "caf", "imu", "codice fiscale",
        "forfettario", "regime forfettario", "dichiarazione dei redditi", "modello 730",
    ),
    "gb": (
        "hmrc", "self assessment", "companies house", "land registry", "council tax",
        "stamp duty", "national insurance",
    ),
    "us": ("irs", "form 1040", "social security number"),
}  # fmt: skip
# Titles of one system of law or tax: in a profile they say where someone
# practises; in a need they name the trade itself ("cerco un commercialista").
TITLES: dict[str, tuple[str, ...]] = {
    "it": ("commercialista", "notaio", "avvocato", "avvocata", "avv", "geometra"),
    "gb": ("solicitor", "solicitors", "barrister", "chartered accountant"),
    "de": ("rechtsanwalt", "rechtsanwaltin", "steuerberater", "patentanwalt", "patentanwaltin"),
}
# A part of a country is also in the country ("UK tax" covers Edinburgh).
PART_OF = {"gb-eng": "gb", "gb-sct": "gb", "gb-nir": "gb"}

# Cities (folded, canonical as the word list spells them, and common others).
CITY_COUNTRY: dict[str, str] = {
    **dict.fromkeys(
        [
            "milano",
            "torino",
            "roma",
            "firenze",
            "genova",
            "napoli",
            "venezia",
            "padova",
            "mantova",
            "siracusa",
            "bari",
            "palermo",
            "bologna",
            "verona",
            "trieste",
            "catania",
            "cagliari",
            "pisa",
            "bergamo",
            "brescia",
            "como",
            "monza",
            "lecce",
            "perugia",
            "ancona",
            "trento",
            "bolzano",
            "rimini",
            "parma",
            "modena",
            "ferrara",
            "ravenna",
            "livorno",
            "lucca",
            "siena",
            "pescara",
            "salerno",
            "messina",
            "sassari",
            "udine",
            "vicenza",
            "treviso",
            "novara",
            "alessandria",
            "asti",
            "cuneo",
            "aosta",
            "savona",
            "sanremo",
            "imperia",
            "taranto",
            "la spezia",
            "reggio emilia",
            "reggio calabria",
            "brindisi",
            "foggia",
            "matera",
            "cosenza",
            "pavia",
            "varese",
            "lecco",
            "piacenza",
            "arezzo",
        ],
        "it",
    ),
    **dict.fromkeys(
        [
            "london",
            "leeds",
            "manchester",
            "bristol",
            "birmingham",
            "liverpool",
            "sheffield",
            "newcastle",
            "nottingham",
            "leicester",
            "oxford",
            "cambridge",
            "brighton",
            "york",
            "cardiff",
            "swansea",
        ],
        "gb-eng",
    ),
    **dict.fromkeys(["edinburgh", "glasgow", "aberdeen", "dundee", "inverness"], "gb-sct"),
    **dict.fromkeys(["belfast", "derry"], "gb-nir"),
    **dict.fromkeys(["dublin", "cork", "galway", "limerick", "waterford"], "ie"),
    **dict.fromkeys(
        [
            "munich",
            "berlin",
            "hamburg",
            "cologne",
            "frankfurt",
            "stuttgart",
            "dusseldorf",
            "leipzig",
        ],
        "de",
    ),
    **dict.fromkeys(
        ["paris", "lyon", "marseille", "toulouse", "bordeaux", "lille", "nantes", "rennes"],
        "fr",
    ),
    **dict.fromkeys(
        ["madrid", "barcelona", "seville", "sevilla", "valencia", "bilbao", "malaga"], "es"
    ),
    **dict.fromkeys(["lisbon", "porto"], "pt"),
    **dict.fromkeys(["zurich", "geneva", "basel", "bern", "lugano"], "ch"),
    "vienna": "at",
    "brussels": "be",
    "amsterdam": "nl",
    "rotterdam": "nl",
    "athens": "gr",
    "prague": "cz",
    "praha": "cz",
    "warsaw": "pl",
    "copenhagen": "dk",
    "stockholm": "se",
    "oslo": "no",
    "helsinki": "fi",
    "new york": "us",
    "boston": "us",
    "chicago": "us",
    "san francisco": "us",
    "los angeles": "us",
    "tokyo": "jp",
    "toronto": "ca",
    "vancouver": "ca",
    "sydney": "au",
}

# Words that tie a following (or preceding) attribute to what is asked for.
LINKS = frozenset(
    [
        "of",
        "for",
        "in",
        "from",
        "into",
        "to",
        "with",
        "about",
        "under",
        "di",
        "da",
        "del",
        "della",
        "dello",
        "dei",
        "degli",
        "delle",
        "dal",
        "dalla",
        "per",
        "in",
        "nel",
        "nella",
        "con",
        "sul",
        "sulla",
    ]
)
SPEAK = frozenset(
    [
        "speaks",
        "speak",
        "speaking",
        "spoken",
        "fluent",
        "native",
        "parla",
        "parlano",
        "parlante",
        "madrelingua",
    ]
)
# A need's attribute binds to what is asked within this many words after it.
AFTER = 3


@dataclass(frozen=True)
class Value:
    """One attribute a need names: its kind, its code, the words that named it."""

    kind: str
    code: str
    start: int
    end: int
    spoken: bool = False  # next to "speaks", "madrelingua": a language for any trade
    institution: bool = False  # "HMRC", "partita IVA": the system the whole need is under
    soft: bool = False  # a title ("commercialista"): only who practises elsewhere is out


@lru_cache(maxsize=1)
def _phrases() -> dict[tuple[str, ...], list[tuple[str, str]]]:
    """Every naming phrase, as a tuple of words → the (kind, code) it names.

    An institution's kind is ``institution`` (a jurisdiction named anywhere).
    """
    out: dict[tuple[str, ...], list[tuple[str, str]]] = {}
    for code, names in TITLES.items():
        for name in names:
            out.setdefault(tuple(name.split()), []).append((TITLE, code))
    for code, names in INSTITUTIONS.items():
        for name in names:
            out.setdefault(tuple(name.split()), []).append((INSTITUTION, code))
    for code, names in LANGUAGES.items():
        for name in names:
            out.setdefault(tuple(name.split()), []).append((LANGUAGE, code))
    for code, names in COUNTRIES.items():
        for name in names:
            out.setdefault(tuple(name.replace(".", " ").split()), []).append((JURISDICTION, code))
    for city, code in CITY_COUNTRY.items():
        out.setdefault(tuple(city.split()), []).append((JURISDICTION, code))
    return out


@lru_cache(maxsize=1)
def _longest() -> int:
    """The most words a language, country, title or institution name has."""
    return max(len(k) for k in _phrases())


def values_in(tokens: list[str], raw: str = "", *, titles: bool = False) -> list[Value]:
    """Every language and country ``tokens`` name, longest phrase first at each place.

    A title of one system ("commercialista", "solicitor") is a firm value in a
    profile (``titles``) and a soft one in a need, which names the trade by it.

    ``us`` counts only when the text wrote it in capitals ("my US tax return";
    "help us" is a pronoun), and a two-letter code only in a pair ("EN-IT").
    """
    table = _phrases()
    longest = _longest()
    out: list[Value] = []
    i = 0
    us_written = bool(re.search(r"\bU\.?S\.?(?:A\.?)?\b", raw))
    while i < len(tokens):
        for size in range(min(longest, len(tokens) - i), 0, -1):
            run = tuple(tokens[i : i + size])
            found = table.get(run)
            if not found:
                continue
            spoken = bool(SPEAK.intersection(tokens[max(0, i - 2) : i + size + 2]))
            out.extend(
                Value(
                    JURISDICTION if kind in (INSTITUTION, TITLE) else kind,
                    code,
                    i,
                    i + size,
                    spoken,
                    institution=kind == INSTITUTION,
                    soft=kind == TITLE and not titles,
                )
                for kind, code in found
            )
            i += size - 1
            break
        else:
            if tokens[i] == "us" and us_written:
                out.append(Value(JURISDICTION, "us", i, i + 1))
        i += 1
    for a, b in PAIR.findall(raw):
        for code in (a.lower(), b.lower()):
            if code in LANGUAGES:
                out.append(Value(LANGUAGE, code, -1, -1))
    return out


def bound(
    values: list[Value], tokens: list[str], spans: list[tuple[int, int]]
) -> list[tuple[Value, list[int]]]:
    """The values that qualify what the need asks for, with the spans they qualify.

    Inside a span ("learn portuguese"), just before it ("a *French* notary",
    "a *Japanese* business translator"), just after it ("un notaio
    *francese*"), or a few words after it through a
    link ("a question *of Scottish* law", "insegnante *di tedesco*").  A value
    next to "speaks", and an institution, qualify every span.
    """
    out = []
    for v in values:
        if v.start < 0:
            continue
        which = []
        for n, (start, end) in enumerate(spans):
            inside = start <= v.start < end
            before = v.end <= start and start - v.end <= 1
            gap = tokens[end : v.start]
            after = end <= v.start and len(gap) <= AFTER and bool(LINKS.intersection(gap))
            # Italian puts the adjective after the noun: "un notaio francese".
            right_after = v.start == end
            if inside or before or after or right_after or v.spoken or v.institution:
                which.append(n)
        if which:
            out.append((v, which))
    return out


def codes_of(tokens: list[str], raw: str, city: str | None = None) -> dict[str, set[str]]:
    """The languages and countries a profile text names (with its parts' countries)."""
    found: dict[str, set[str]] = {LANGUAGE: set(), JURISDICTION: set()}
    for v in values_in(tokens, raw, titles=True):
        found[v.kind].add(v.code)
    if city is not None and city in CITY_COUNTRY:
        found[JURISDICTION].add(CITY_COUNTRY[city])
    found[JURISDICTION] |= {PART_OF[c] for c in found[JURISDICTION] if c in PART_OF}
    if found[LANGUAGE] & SIGN:
        found[LANGUAGE].add("sign")
    return found


def satisfied(wanted: str, held: set[str]) -> bool:
    """Whether a person holding ``held`` codes answers a need naming ``wanted``."""
    return wanted in held


# Words that give a trade its kinds of attribute, in the ids of it or a broader concept.
LANGUAGE_TRADES = ("translat", "interpret", "language", "lingu", "sign_language")
# Food: a country is a cuisine ("a chef for Japanese food", "un cuoco giapponese"),
# held by whose texts or city say it, like a jurisdiction.
JURISDICTION_DOMAINS = frozenset({"law", "money", "food"})
LANGUAGE_DOMAINS = frozenset({"education"})
BOTH_DOMAINS = frozenset({"public"})


def kinds_of(domain: str, ids: set[str]) -> set[str]:
    """The kinds of attribute a trade takes, from its domain and the ids above it."""
    kinds: set[str] = set()
    if domain in JURISDICTION_DOMAINS or domain in BOTH_DOMAINS:
        kinds.add(JURISDICTION)
    if domain in LANGUAGE_DOMAINS or domain in BOTH_DOMAINS:
        kinds.add(LANGUAGE)
    if any(word in cid for cid in ids for word in LANGUAGE_TRADES):
        kinds.add(LANGUAGE)
    return kinds
