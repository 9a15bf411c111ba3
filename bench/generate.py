"""Generate a realistic netjournal journal of N people, deterministically.

    python bench/generate.py N OUT.json [--seed S]

or, from Python, ``generate(n, seed=1)``, which returns the JSON interchange
document (format ``netjournal``, version 1) as plain data.  The same ``n`` and
``seed`` always give the same document.  Everything is dated in the three years
before 2026-11-27 (the day the benchmarks fix with ``NETJOURNAL_TODAY``).

Per person, on average: 1–4 skills (English and Italian, trades, professions,
tech, creative work, health, law, money), 0–2 tags, about 10 interactions,
1 help record and 3 ties; about 5% of people are known through another person
who is known directly; a few referrals.
"""

from __future__ import annotations

import json
import random
import re
import sys
import unicodedata
from datetime import date, timedelta
from pathlib import Path
from typing import Any

TODAY = date(2026, 11, 27)
START = TODAY - timedelta(days=3 * 365)
SPAN = (TODAY - START).days

# ------------------------------------------------------------------ vocabulary
# (title, skills, organisations) per profession; a person draws 1–4 skills
# from their profession's list, sometimes one from another profession.
PROFESSIONS: list[tuple[str, list[str], list[str]]] = [
    # law
    (
        "Avvocato",
        ["avvocato", "family law", "diritto di famiglia", "divorce", "separazione", "custody"],
        ["Studio Legale Bassi", "Studio Legale Ferri & Associati"],
    ),
    (
        "Lawyer",
        ["employment law", "diritto del lavoro", "contracts", "contratti", "lawyer"],
        ["Baker & Partners", "Studio Legale Moretti"],
    ),
    (
        "Notaio",
        ["notaio", "property deeds", "rogito", "successioni", "wills"],
        ["Studio Notarile Galli"],
    ),
    (
        "Immigration lawyer",
        ["immigration law", "permesso di soggiorno", "visas", "citizenship"],
        ["Legal Aid Milano"],
    ),
    ("Avvocata penalista", ["criminal law", "diritto penale", "avvocata"], ["Studio Penale Ricci"]),
    # money
    (
        "Commercialista",
        [
            "commercialista",
            "tax returns",
            "dichiarazione dei redditi",
            "partita IVA",
            "bookkeeping",
            "contabilità",
        ],
        ["Studio Rinaldi Commercialisti", "CAF Lombardia"],
    ),
    (
        "Financial advisor",
        [
            "financial planning",
            "consulente finanziario",
            "investments",
            "pension planning",
            "mutui",
        ],
        ["Banca Sella", "Fineco"],
    ),
    ("Accountant", ["accounting", "payroll", "buste paga", "audit"], ["Deloitte", "PwC", "KPMG"]),
    ("Insurance broker", ["insurance", "assicurazioni", "claims"], ["Generali", "UnipolSai"]),
    # trades
    (
        "Idraulico",
        ["idraulico", "plumbing", "boiler repair", "caldaia", "leaks"],
        ["Idraulica Colombo", "Termoidraulica Bruni"],
    ),
    (
        "Elettricista",
        ["elettricista", "electrical work", "impianti elettrici", "wiring"],
        ["Elettro Service Torino"],
    ),
    (
        "Carpenter",
        ["carpentry", "falegname", "furniture repair", "restauro mobili"],
        ["Falegnameria Vitale"],
    ),
    (
        "Muratore",
        ["muratore", "renovations", "ristrutturazioni", "tiling", "piastrelle"],
        ["Edilizia Marini"],
    ),
    ("Imbianchino", ["imbianchino", "painting walls", "tinteggiatura"], ["Colori Ferrara"]),
    ("Locksmith", ["locksmith", "fabbro", "serrature"], ["Fabbro Express"]),
    ("Mechanic", ["car repair", "meccanico", "tyres", "gommista"], ["Officina Gatti"]),
    ("Gardener", ["gardening", "giardiniere", "pruning", "potatura"], ["Verde Urbano"]),
    (
        "Tecnico caldaie",
        ["heating", "riscaldamento", "air conditioning", "condizionatori"],
        ["Clima Service"],
    ),
    ("Traslocatore", ["moving house", "traslochi"], ["Traslochi Veloci"]),
    # tech
    (
        "Frontend developer",
        ["React", "TypeScript", "JavaScript", "CSS", "web design"],
        ["Satispay", "Bending Spoons", "Spotify"],
    ),
    (
        "Backend developer",
        ["Python", "Django", "PostgreSQL", "Go", "APIs", "Java"],
        ["Bending Spoons", "Zalando", "Booking.com"],
    ),
    (
        "Data scientist",
        ["machine learning", "data analysis", "statistics", "SQL", "pandas"],
        ["Prima Assicurazioni", "Yoox", "Amazon"],
    ),
    ("DevOps engineer", ["Kubernetes", "AWS", "Linux", "sistemista", "cloud"], ["Aruba", "Google"]),
    (
        "Mobile developer",
        ["iOS", "Android", "Swift", "Kotlin", "app mobile"],
        ["Subito.it", "Glovo"],
    ),
    (
        "Security engineer",
        ["cybersecurity", "sicurezza informatica", "penetration testing"],
        ["Leonardo", "Yarix"],
    ),
    (
        "IT support",
        ["computer repair", "riparazione computer", "networking", "reti", "Wi-Fi"],
        ["PC Doctor"],
    ),
    (
        "SEO consultant",
        ["SEO", "Google Ads", "digital marketing", "marketing digitale", "social media"],
        ["Web Agency Nord"],
    ),
    ("Product manager", ["product management", "UX research", "agile"], ["Satispay", "N26"]),
    # creative
    (
        "Fotografa",
        ["photography", "fotografa", "wedding photography", "ritratti", "Lightroom"],
        ["Studio Luce"],
    ),
    (
        "Graphic designer",
        ["graphic design", "grafica", "logo design", "Illustrator", "branding"],
        ["Pentagram", "Studio Grafico Ventura"],
    ),
    (
        "Video maker",
        ["video editing", "montaggio video", "filmmaking", "drone"],
        ["Frame Productions"],
    ),
    (
        "Translator",
        ["translation", "traduzioni", "traduzione giurata", "interpreting", "German", "Spanish"],
        ["Translated"],
    ),
    (
        "Copywriter",
        ["copywriting", "proofreading", "correzione bozze", "editing"],
        ["Mondadori", "Feltrinelli"],
    ),
    (
        "Musician",
        ["piano lessons", "lezioni di chitarra", "music production", "singing", "canto"],
        ["Civica Scuola di Musica"],
    ),
    (
        "Architect",
        ["architecture", "architetto", "interior design", "arredamento", "permessi edilizi"],
        ["Studio Boeri", "Atelier Moretti"],
    ),
    ("Illustratrice", ["illustration", "illustrazione", "comics", "fumetti"], ["Edizioni BD"]),
    ("Tailor", ["tailoring", "sarta", "alterations", "orli"], ["Sartoria Ruggeri"]),
    # health
    (
        "Dermatologa",
        ["dermatology", "dermatologa", "skin care", "moles"],
        ["Ospedale Niguarda", "Centro Medico Santagostino"],
    ),
    ("Dentist", ["dentist", "dentista", "orthodontics", "ortodonzia"], ["Studio Dentistico Conte"]),
    ("Pediatra", ["pediatra", "paediatrics", "vaccinations"], ["Ospedale Buzzi"]),
    (
        "Physiotherapist",
        ["physiotherapy", "fisioterapista", "back pain", "mal di schiena", "sports injuries"],
        ["Fisiocenter", "Isokinetic"],
    ),
    (
        "Psicologa",
        ["psychotherapy", "psicologa", "anxiety", "counselling"],
        ["Centro Psicologia Milano"],
    ),
    ("Nutritionist", ["nutrition", "nutrizionista", "diets", "dietologo"], ["Humanitas"]),
    (
        "Veterinaria",
        ["veterinary", "veterinaria", "dogs", "cats", "pets"],
        ["Clinica Veterinaria Città Studi"],
    ),
    (
        "Ophthalmologist",
        ["ophthalmology", "oculista", "glasses", "occhiali"],
        ["Ospedale San Raffaele"],
    ),
    (
        "Personal trainer",
        ["personal training", "allenamento funzionale", "yoga", "running", "pilates"],
        ["Virgin Active", "McFit"],
    ),
    ("Cardiologo", ["cardiology", "cardiologo", "blood pressure"], ["Policlinico di Milano"]),
    ("Infermiera", ["nursing", "infermiera", "elderly care", "badante"], ["ASST Santi Paolo"]),
    ("Osteopath", ["osteopathy", "osteopata", "massage", "massaggi"], ["Studio Osteo"]),
    # teaching and more
    (
        "Insegnante",
        ["tutoring", "ripetizioni", "mathematics", "matematica", "Latin", "latino"],
        ["Liceo Parini", "Liceo Berchet"],
    ),
    (
        "English teacher",
        ["English lessons", "lezioni di inglese", "IELTS", "Cambridge exams"],
        ["British Council", "Wall Street English"],
    ),
    (
        "Real estate agent",
        ["real estate", "agente immobiliare", "affitti", "flat hunting", "property valuation"],
        ["Tecnocasa", "Immobiliare.it"],
    ),
    (
        "Chef",
        ["cooking", "cuoco", "catering", "pasticceria", "baking"],
        ["Trattoria Milanese", "Eataly"],
    ),
    (
        "Recruiter",
        ["recruiting", "selezione del personale", "CV review", "career coaching", "job interviews"],
        ["Adecco", "Randstad", "Michael Page"],
    ),
    (
        "Wedding planner",
        ["event planning", "organizzazione eventi", "wedding planning"],
        ["Eventi Speciali"],
    ),
    (
        "Journalist",
        ["journalism", "giornalista", "press office", "ufficio stampa"],
        ["Corriere della Sera", "Il Post"],
    ),
    ("Travel agent", ["travel planning", "agenzia viaggi", "flights"], ["Alpitour"]),
    ("Sommelier", ["wine", "sommelier", "vino"], ["Enoteca Cotti"]),
]

SKILLS = sorted({s for _t, skills, _o in PROFESSIONS for s in skills}, key=str.casefold)

FIRST = [
    "Alessandro",
    "Andrea",
    "Anna",
    "Antonio",
    "Beatrice",
    "Camilla",
    "Carlo",
    "Caterina",
    "Chiara",
    "Claudia",
    "Cristina",
    "Daniele",
    "Davide",
    "Elena",
    "Elisa",
    "Emanuele",
    "Enrico",
    "Fabio",
    "Federica",
    "Federico",
    "Filippo",
    "Francesca",
    "Francesco",
    "Gabriele",
    "Giacomo",
    "Giada",
    "Giorgia",
    "Giorgio",
    "Giovanni",
    "Giulia",
    "Giuseppe",
    "Ilaria",
    "Irene",
    "Laura",
    "Leonardo",
    "Lorenzo",
    "Luca",
    "Lucia",
    "Marco",
    "Maria",
    "Marta",
    "Martina",
    "Matteo",
    "Michele",
    "Monica",
    "Nicola",
    "Paola",
    "Paolo",
    "Pietro",
    "Riccardo",
    "Roberta",
    "Roberto",
    "Sara",
    "Silvia",
    "Simone",
    "Sofia",
    "Stefano",
    "Tommaso",
    "Valentina",
    "Valerio",
    "Veronica",
    "Vittoria",
    "Niccolò",
    "Mattia",
    "Noemi",
    "Aurora",
    "Emily",
    "James",
    "Oliver",
    "Charlotte",
    "Camille",
    "Louis",
    "Chloé",
    "Jonas",
    "Lena",
    "Lukas",
    "Sophie",
    "Pablo",
    "Lucía",
    "Javier",
    "Inês",
    "João",
    "Piotr",
    "Agnieszka",
    "Priya",
    "Omar",
    "Yasmin",
    "Hana",
    "Erik",
    "Ingrid",
    "Zoë",
    "Björn",
    "Sean",
    "Aoife",
    "Mehmet",
    "Elif",
    "Dimitri",
    "Katarina",
    "Tomás",
    "Noor",
]
LAST = [
    "Rossi",
    "Russo",
    "Ferrari",
    "Esposito",
    "Bianchi",
    "Romano",
    "Colombo",
    "Ricci",
    "Marino",
    "Greco",
    "Bruno",
    "Gallo",
    "Conti",
    "De Luca",
    "Mancini",
    "Costa",
    "Giordano",
    "Rizzo",
    "Lombardi",
    "Moretti",
    "Barbieri",
    "Fontana",
    "Santoro",
    "Mariani",
    "Rinaldi",
    "Caruso",
    "Ferrara",
    "Galli",
    "Martini",
    "Leone",
    "Longo",
    "Gentile",
    "Martinelli",
    "Vitale",
    "Lombardo",
    "Serra",
    "Coppola",
    "De Santis",
    "D'Angelo",
    "Marchetti",
    "Parisi",
    "Villa",
    "Conte",
    "Ferraro",
    "Ferri",
    "Fabbri",
    "Bianco",
    "Marini",
    "Grasso",
    "Valentini",
    "Messina",
    "Sala",
    "De Angelis",
    "Gatti",
    "Pellegrini",
    "Palumbo",
    "Sanna",
    "Farina",
    "Rizzi",
    "Monti",
    "Cattaneo",
    "Morelli",
    "Amato",
    "Silvestri",
    "Mazza",
    "Testa",
    "Grassi",
    "Pellegrino",
    "Carbone",
    "Giuliani",
    "Benedetti",
    "Barone",
    "Rossetti",
    "Caputo",
    "Montanari",
    "Guerra",
    "Palmieri",
    "Bernardi",
    "Martino",
    "Fiore",
    "Orlando",
    "Smith",
    "Clarke",
    "Murphy",
    "O'Brien",
    "Dubois",
    "Lefèvre",
    "Müller",
    "Schmidt",
    "Weber",
    "García",
    "Fernández",
    "López",
    "Silva",
    "Pereira",
    "Kowalski",
    "Nowak",
    "Raman",
    "Haddad",
    "Yılmaz",
    "Novák",
    "Andersson",
    "Nielsen",
    "Jansen",
    "de Vries",
    "Papadopoulos",
    "Horvat",
    "Popescu",
    "Ivanova",
    "Bauer",
    "Hoffmann",
    "Kelly",
]
CITIES = (
    ["Milano"] * 14
    + ["Torino"] * 5
    + ["Roma"] * 5
    + ["Bologna"] * 3
    + [
        "Firenze",
        "Napoli",
        "Genova",
        "Bergamo",
        "Monza",
        "Brescia",
        "Padova",
        "Verona",
        "Venezia",
        "Bari",
        "Palermo",
        "Cagliari",
        "Trento",
        "Como",
        "Lecco",
        "Pavia",
        "Lyon",
        "Paris",
        "Berlin",
        "München",
        "Zürich",
        "Lugano",
        "Barcelona",
        "Madrid",
        "Lisboa",
        "London",
        "Dublin",
        "Amsterdam",
        "Wien",
        "Kraków",
        "Praha",
        "Bruxelles",
        "Stockholm",
        "København",
        "Athína",
        "Ljubljana",
    ]
)
TAGS = [
    "family",
    "work",
    "university",
    "neighbours",
    "sport",
    "school",
    "clients",
    "friends",
    "volunteering",
    "music",
    "lavoro",
    "famiglia",
    "mentor",
    "expat",
]
VALUES = [
    "honesty",
    "generosity",
    "patience",
    "curiosity",
    "discipline",
    "humour",
    "loyalty",
    "kindness",
    "gentilezza",
    "precisione",
]
KINDS = [
    "call",
    "coffee",
    "message",
    "meeting",
    "lunch",
    "dinner",
    "email",
    "video call",
    "aperitivo",
    "walk",
]
MET = [
    "university",
    "a friend's wedding",
    "the gym",
    "a conference in Berlin",
    "work, years ago",
    "the neighbourhood",
    "a meetup",
    "school",
    "Erasmus",
    "the football team",
    "a dinner party",
    "LinkedIn",
    "the kids' school",
    "a hackathon",
]
NOTES = [
    "Always happy to help with {skill}.",
    "Knows everyone in {city}.",
    "Moved to {city} last year; misses the old neighbourhood.",
    "Two kids; the eldest just started university.",
    "Runs marathons; ask about the next race.",
    "Very good with {skill}, a bit slow to answer e-mails.",
    "Ottimo per {skill}, risponde sempre.",
    "Has a dog called Briciola.",
    "Plays the guitar in a band in {city}.",
    "Great cook, loves hosting dinners.",
    "Sta cercando casa a {city}.",
    "Looking for a new job in {skill}.",
    "Vegetarian; allergic to nuts.",
    "Fan of the Inter; don't mention the derby.",
]
INTERACTION_NOTES = [
    "talked about work",
    "caught up after the summer",
    "birthday wishes",
    "asked about the kids",
    "planned a trip",
    "parlato del nuovo lavoro",
    "auguri di Natale",
    "a quick hello",
    "discussed {skill}",
    "coffee near the office",
    "congratulations on the new job",
    "chiacchierata lunga",
    "sent photos of the holiday",
]
HELP_GAVE = [
    "introduced them to a recruiter",
    "reviewed their CV",
    "lent them my drill",
    "helped them move house",
    "gave advice on {skill}",
    "watered their plants",
    "presentato a un amico",
    "drove them to the airport",
]
HELP_GOT = [
    "fixed my {skill} problem",
    "advice on {skill}",
    "helped with {skill}",
    "consiglio su {skill}",
    "sorted out the {skill} issue",
    "a quick check on {skill}",
]
TIE_NOTES = [
    "work together",
    "old friends",
    "siblings",
    "neighbours",
    "same gym",
    "university friends",
    "colleghi",
    "married",
    "play football together",
]
NEEDS = [
    "a flat to rent",
    "a good plumber",
    "help with taxes",
    "a React developer",
    "a divorce lawyer",
    "un commercialista",
    "a dermatologist",
    "wedding photos",
]


def slug(text: str) -> str:
    """The same slug netjournal makes: folded, ASCII letters and digits joined by '-'."""
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    folded = "".join(c for c in decomposed if not unicodedata.combining(c))
    return "-".join(re.findall(r"[a-z0-9]+", folded))


def _day(rng: random.Random, lo: int = 0, hi: int = SPAN) -> str:
    return (START + timedelta(days=rng.randint(lo, hi))).isoformat()


def generate(n: int, seed: int = 1) -> dict[str, Any]:
    """A journal of ``n`` people as a JSON interchange document (plain data)."""
    rng = random.Random(seed)
    people: list[dict[str, Any]] = []
    interactions: list[dict[str, Any]] = []
    helps: list[dict[str, Any]] = []
    used: set[str] = set()
    next_suffix: dict[str, int] = {}
    added_days: list[int] = []
    skills_of: list[list[str]] = []

    for _ in range(n):
        name = f"{rng.choice(FIRST)} {rng.choice(LAST)}"
        base = slug(name)
        count = next_suffix.get(base, 1)
        key = base if count == 1 else f"{base}-{count}"
        while key in used:
            count += 1
            key = f"{base}-{count}"
        next_suffix[base] = count + 1
        used.add(key)
        title, pool, orgs = rng.choice(PROFESSIONS)
        skills = rng.sample(pool, min(len(pool), rng.randint(1, 4)))
        if rng.random() < 0.1:  # a hobby or side skill from elsewhere
            extra = rng.choice(SKILLS)
            if extra not in skills and len(skills) < 4:
                skills.append(extra)
        city = rng.choice(CITIES)
        added = rng.randint(0, SPAN - 120)
        first = name.split(" ", 1)[0]
        person: dict[str, Any] = {
            "key": key,
            "name": name,
            "aliases": [first[:3]] if rng.random() < 0.04 else [],
            "skills": skills,
            "tags": rng.sample(TAGS, rng.choice((0, 0, 1, 1, 1, 2))),
            "values": rng.sample(VALUES, rng.choice((0, 0, 0, 1, 2))),
            "org": rng.choice(orgs) if rng.random() < 0.75 else None,
            "title": title if rng.random() < 0.8 else None,
            "city": city if rng.random() < 0.9 else None,
            "email": f"{key}@example.org" if rng.random() < 0.7 else None,
            "phone": f"+39 3{rng.randint(10, 99)} {rng.randint(100, 999)} {rng.randint(1000, 9999)}"
            if rng.random() < 0.5
            else None,
            "met": rng.choice(MET) if rng.random() < 0.5 else None,
            "notes": rng.choice(NOTES).format(skill=rng.choice(skills), city=city)
            if rng.random() < 0.4
            else None,
            "cadence_days": rng.choice((14, 30, 60, 90, 180)) if rng.random() < 0.15 else None,
            "via": None,
            "added": (START + timedelta(days=added)).isoformat(),
        }
        people.append(person)
        added_days.append(added)
        skills_of.append(skills)

        days = range(added, SPAN + 1)  # one interaction a day at most: no duplicates
        for day in sorted(rng.sample(days, rng.randint(0, 20))):  # about 10
            note = None
            if rng.random() < 0.3:
                note = rng.choice(INTERACTION_NOTES).format(skill=rng.choice(skills))
            interactions.append(
                {
                    "person": key,
                    "date": (START + timedelta(days=day)).isoformat(),
                    "kind": rng.choice(KINDS) if rng.random() < 0.9 else None,
                    "note": note,
                }
            )
        for day in rng.sample(days, rng.choice((0, 0, 0, 1, 1, 1, 1, 2, 2, 2))):  # about 1
            when = (START + timedelta(days=day)).isoformat()
            skill = rng.choice(skills)
            if rng.random() < 0.55:
                helps.append(
                    {
                        "person": key,
                        "direction": "got",
                        "date": when,
                        "what": rng.choice(HELP_GOT).format(skill=skill),
                        "skill": skill,
                    }
                )
            else:
                helps.append(
                    {
                        "person": key,
                        "direction": "gave",
                        "date": when,
                        "what": rng.choice(HELP_GAVE).format(skill=skill),
                        "skill": None,
                    }
                )

    keys = [p["key"] for p in people]
    interactions.sort(key=lambda r: r["date"])
    helps.sort(key=lambda r: r["date"])

    # About 5% are known through someone known directly.
    if n >= 2:
        indirect = [i for i in range(n) if rng.random() < 0.05]
        chosen = set(indirect)
        direct = [i for i in range(n) if i not in chosen]
        for i in indirect:
            people[i]["via"] = keys[rng.choice(direct)]

    # About 3 ties a person, unique pairs: half among neighbours in the list
    # (small circles of people who know each other), half at random.
    ties: list[dict[str, Any]] = []
    pairs: set[tuple[int, int]] = set()
    wanted = min(3 * n, n * (n - 1) // 2)
    while len(pairs) < wanted:
        a = rng.randrange(n)
        b = (a + rng.randint(1, 40)) % n if rng.random() < 0.5 else rng.randrange(n)
        pair = (min(a, b), max(a, b))
        if a == b or pair in pairs:
            continue
        pairs.add(pair)
        ties.append(
            {
                "a": keys[pair[0]],
                "b": keys[pair[1]],
                "note": rng.choice(TIE_NOTES) if rng.random() < 0.3 else None,
            }
        )

    # A few referrals: one person introduced to another for a need.
    referrals: list[dict[str, Any]] = []
    if n >= 2:
        for _i in range(n // 20):
            a, b = rng.sample(range(n), 2)
            referrals.append(
                {
                    "person": keys[a],
                    "to": keys[b],
                    "need": rng.choice(NEEDS),
                    "date": _day(rng, max(added_days[a], added_days[b])),
                }
            )

    return {
        "format": "netjournal",
        "version": 1,
        "people": people,
        "interactions": interactions,
        "help": helps,
        "ties": ties,
        "referrals": referrals,
    }


def write(n: int, out: Path, seed: int = 1) -> dict[str, Any]:
    doc = generate(n, seed)
    with out.open("w", encoding="utf-8") as handle:
        json.dump(doc, handle, ensure_ascii=False)
    return doc


_LI_FIRST = ["Anna", "Marco", "Giulia", "Luca", "Sofia", "Søren", "Zoë", "Jörg", "Aiko", "Bruno"]
_LI_LAST = ["Rossi", "Bianchi", "Müller", "O’Neil", "Tanaka", "Costa", "Novak", "Lund", "Berg"]
_LI_MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]


def write_linkedin(n: int, out: Path, seed: int = 1) -> None:
    """A LinkedIn Connections.csv of ``n`` rows as LinkedIn writes it (preamble, CRLF).

    About 2 % of the rows are nameless (members who hide their name) and 10 %
    have an e-mail; names come from a short list, so that many people share
    one (the keys ``anna-rossi``, ``anna-rossi-2``, … of a real big export).
    """
    rng = random.Random(seed)
    lines = [
        "Notes:",
        '"When exporting your connection data, you may notice that some of the email'
        ' addresses are missing."',
        "",
        "First Name,Last Name,URL,Email Address,Company,Position,Connected On",
    ]
    for i in range(n):
        day = f"{rng.randint(1, 28)} {rng.choice(_LI_MONTHS)} {rng.randint(2010, 2025)}"
        if rng.random() < 0.02:
            lines.append(f",,,,,,{day}")
            continue
        first, last = rng.choice(_LI_FIRST), rng.choice(_LI_LAST)
        email = f"p{i}@example.org" if rng.random() < 0.1 else ""
        lines.append(
            f"{first},{last},https://www.linkedin.com/in/{first.lower()}-{last.lower()}-{i},"
            f'{email},Example {i % 500},"Engineer, team {i % 7}",{day}'
        )
    out.write_text("\r\n".join(lines) + "\r\n", encoding="utf-8")


def main(argv: list[str]) -> int:
    import argparse

    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("n", type=int, help="how many people")
    parser.add_argument("out", type=Path, help="the JSON file to write")
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args(argv)
    if args.n < 0:
        parser.error("n must be 0 or more")
    doc = write(args.n, args.out, args.seed)
    print(
        f"{args.out}: {len(doc['people'])} people, {len(doc['interactions'])} interactions, "
        f"{len(doc['help'])} help, {len(doc['ties'])} ties, {len(doc['referrals'])} referrals"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
