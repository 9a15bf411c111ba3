"""Write eval/own4: a fourth hand-written set for ``net ask``, scored once before it was tuned on.

A nurse at the Sant'Orsola in Bologna: colleagues and tradespeople in Bologna,
an uncle in Ferrara, Erasmus friends in Lisbon, a sister in London with her
husband's circle. Written on 2026-12-01 without reading the lexicon or the
other sets' needs: the trades, phrasings and near misses are new.
Run: ``python eval/own4/build.py`` (writes network.json and queries.json here).
"""

from __future__ import annotations

import sys
from pathlib import Path

HERE = Path(__file__).parent
sys.path.insert(0, str(HERE.parent))
from sets import EvalSet  # noqa: E402

SET = EvalSet("own4", added="2024-03-01")
person, q = SET.person, SET.q

# Bologna and around
person(
    "ruggero-montanari",
    "Ruggero Montanari",
    title="Fabbro",
    org="Serramenti Montanari",
    city="Bologna",
    skills=("serrature", "inferriate"),
    notes="viene anche la domenica, ha cambiato il cilindro del portone",
)
person(
    "lorenza-bassi",
    "Lorenza Bassi",
    title="Avvocata",
    org="Studio Bassi & Neri",
    city="Bologna",
    skills=("diritto di famiglia", "separazioni"),
    notes="amica di Sofia, simpaticissima",
)
person(
    "davide-neri",
    "Davide Neri",
    title="Avvocato giuslavorista",
    org="Studio Bassi & Neri",
    city="Bologna",
    notes="segue diversi colleghi del Sant'Orsola nelle vertenze col policlinico",
)
person(
    "sofia-guidi",
    "Sofia Guidi",
    title="Infermiera di sala operatoria",
    org="Policlinico Sant'Orsola",
    city="Bologna",
    tags=("lavoro",),
    notes="collega di reparto; suo marito Enrico fa il notaio a Imola",
)
person(
    "enrico-fabbri",
    "Enrico Fabbri",
    title="Notaio",
    city="Imola",
    via="sofia-guidi",
    notes="marito di Sofia",
)
person(
    "mattia-zanetti",
    "Mattia Zanetti",
    title="Meccanico",
    org="Autofficina Zanetti",
    city="Casalecchio di Reno",
    skills=("revisioni", "freni", "tagliandi"),
    notes="onesto sui prezzi, ti dice se non vale la pena riparare",
)
person(
    "irene-cavazza",
    "Irene Cavazza",
    title="Commercialista",
    org="Studio Cavazza",
    city="Bologna",
    skills=("730", "partita IVA", "regime forfettario"),
    notes="fa la dichiarazione a me e alla mamma",
)
person(
    "tommaso-righi",
    "Tommaso Righi",
    title="Psicoterapeuta",
    city="Bologna",
    skills=("terapia cognitivo-comportamentale", "disturbi d'ansia"),
    met="corso di aggiornamento ECM 2023",
)
person(
    "chiara-venturi",
    "Chiara Venturi",
    title="Ostetrica",
    org="Consultorio Navile",
    city="Bologna",
    notes="tiene i corsi preparto e segue l'allattamento a domicilio. "
    "Il suo compagno Paolo è veterinario",
)
person(
    "paolo-tassinari",
    "Paolo Tassinari",
    title="Veterinario",
    org="Ambulatorio Veterinario Bolognina",
    city="Bologna",
    via="chiara-venturi",
    notes="cura cani e gatti, fa anche visite a domicilio",
)
person(
    "federico-lolli",
    "Federico Lolli",
    title="Web developer freelance",
    city="Bologna",
    skills=("WordPress", "Shopify"),
    tags=("liceo",),
    notes="ex compagno di liceo, fa siti per negozi e ristoranti",
)
person(
    "anna-pedrini",
    "Anna Pedrini",
    title="Insegnante di pianoforte",
    city="Bologna",
    notes="dà lezioni anche ai bambini, a casa sua in Bolognina",
)
person(
    "gianluca-serra",
    "Gianluca Serra",
    title="Idraulico",
    org="Serra Impianti",
    city="Bologna",
    skills=("caldaie", "impianti idraulici"),
)
person(
    "marta-bellini",
    "Marta Bellini",
    title="Dermatologa",
    org="Ospedale Maggiore",
    city="Bologna",
    met="tirocinio 2019",
)
person(
    "elisa-marchi",
    "Elisa Marchi",
    title="Infermiera",
    org="Policlinico Sant'Orsola",
    city="Bologna",
    tags=("lavoro",),
    notes="il sabato insegna yoga in una palestra di via Saragozza",
)
person(
    "lucio-barbieri",
    "Lucio Barbieri",
    title="Fotografo",
    city="Bologna",
    skills=("matrimoni", "ritratti"),
)
person(
    "nadia-ferri",
    "Nadia Ferri",
    org="Sartoria Ferri",
    city="Bologna",
    notes="sarta, mi ha stretto il vestito per il matrimonio di Cate",
)
person(
    "bruno-rossi",
    "Bruno Rossi",
    title="Pensionato",
    city="Ferrara",
    tags=("famiglia",),
    notes="zio Bruno; ha fatto l'elettricista per quarant'anni",
)
# Lisbon: Erasmus friends
person(
    "ines-carvalho",
    "Inês Carvalho",
    title="Arquiteta",
    org="Atelier Carvalho",
    city="Lisboa",
    skills=("architecture", "renovation of old buildings"),
    tags=("erasmus",),
    notes="Erasmus in Bologna 2014, speaks good Italian. Her cousin Beatriz sells flats",
)
person(
    "beatriz-almeida",
    "Beatriz Almeida",
    title="Real estate agent",
    city="Lisboa",
    via="ines-carvalho",
    notes="Inês's cousin, mostly flats in Alfama and Graça",
)
person(
    "joao-ferreira",
    "João Ferreira",
    title="Advogado",
    org="Ferreira Advogados",
    city="Lisboa",
    skills=("immigration", "residence permits", "property purchases"),
    tags=("erasmus",),
)
person(
    "rita-santos",
    "Rita Santos",
    title="Surf instructor",
    city="Ericeira",
    tags=("erasmus",),
    notes="runs a surf camp every summer",
)
person(
    "miguel-costa",
    "Miguel Costa",
    title="Tradutor",
    city="Lisboa",
    skills=("Portuguese-Italian translation", "sworn translations"),
    tags=("erasmus",),
)
# London: my sister and her circle
person(
    "caterina-rossi",
    "Caterina Rossi",
    title="Product manager",
    org="Monzo",
    city="London",
    tags=("famiglia",),
    notes="mia sorella Cate; sposata con James",
)
person(
    "james-okoro",
    "James Okoro",
    title="GP",
    org="NHS, Hackney surgery",
    city="London",
    tags=("famiglia",),
    notes="Cate's husband. His colleague Hannah is a paediatrician",
)
person(
    "hannah-wright",
    "Hannah Wright",
    title="Consultant paediatrician",
    org="Great Ormond Street Hospital",
    city="London",
    via="james-okoro",
)
person(
    "priya-shah",
    "Priya Shah",
    title="Chartered accountant",
    org="Shah & Co",
    city="London",
    skills=("self assessment", "UK tax returns"),
    notes="does Cate's taxes",
)
person(
    "liam-murphy",
    "Liam Murphy",
    title="Plumber",
    city="London",
    via="caterina-rossi",
    notes="Cate's plumber, fixed her boiler twice",
)

TIES = [
    {"a": "sofia-guidi", "b": "enrico-fabbri", "note": "married"},
    {"a": "chiara-venturi", "b": "paolo-tassinari", "note": "partners"},
    {"a": "ines-carvalho", "b": "beatriz-almeida", "note": "cousins"},
    {"a": "james-okoro", "b": "hannah-wright", "note": "colleagues"},
    {"a": "caterina-rossi", "b": "liam-murphy", "note": "her plumber"},
    {"a": "caterina-rossi", "b": "james-okoro", "note": "married"},
    {"a": "lorenza-bassi", "b": "davide-neri", "note": "same firm"},
    {"a": "caterina-rossi", "b": "priya-shah", "note": "her accountant"},
]
HELP = [
    {
        "person": "irene-cavazza",
        "direction": "got",
        "date": "2026-05-20",
        "what": "fatto il 730 mio e della mamma",
        "skill": None,
    },
    {
        "person": "ruggero-montanari",
        "direction": "got",
        "date": "2025-12-07",
        "what": "aperto la porta quando ho lasciato le chiavi dentro",
        "skill": None,
    },
    {
        "person": "mattia-zanetti",
        "direction": "got",
        "date": "2026-03-14",
        "what": "cambiato pastiglie e dischi alla Panda",
        "skill": None,
    },
    {
        "person": "bruno-rossi",
        "direction": "got",
        "date": "2025-08-10",
        "what": "rifatto le prese e il quadro elettrico della cucina",
        "skill": None,
    },
    {
        "person": "gianluca-serra",
        "direction": "got",
        "date": "2025-11-03",
        "what": "sostituito la caldaia",
        "skill": None,
    },
    {
        "person": "nadia-ferri",
        "direction": "got",
        "date": "2025-06-01",
        "what": "stretto e accorciato il vestito da damigella",
        "skill": None,
    },
    {
        "person": "federico-lolli",
        "direction": "gave",
        "date": "2026-02-02",
        "what": "helped him move flat",
        "skill": None,
    },
    {
        "person": "elisa-marchi",
        "direction": "gave",
        "date": "2026-10-12",
        "what": "le ho coperto un turno di notte",
        "skill": None,
    },
    {
        "person": "miguel-costa",
        "direction": "got",
        "date": "2024-09-18",
        "what": "translated my nursing diploma into Portuguese",
        "skill": None,
    },
]
INTERACTIONS = [
    {"person": "sofia-guidi", "date": "2026-11-20", "kind": "coffee", "note": "dopo il turno"},
    {"person": "elisa-marchi", "date": "2026-11-18", "kind": "coffee", "note": None},
    {"person": "caterina-rossi", "date": "2026-11-22", "kind": "call", "note": "Natale a Bologna?"},
    {"person": "james-okoro", "date": "2026-08-15", "kind": "visit", "note": "London in August"},
    {"person": "ines-carvalho", "date": "2026-07-03", "kind": "visit", "note": "Lisbon trip"},
    {"person": "rita-santos", "date": "2026-07-06", "kind": "visit", "note": "surfed at Ericeira"},
    {"person": "joao-ferreira", "date": "2026-07-04", "kind": "dinner", "note": "Bairro Alto"},
    {"person": "chiara-venturi", "date": "2026-10-01", "kind": "coffee", "note": None},
    {"person": "federico-lolli", "date": "2026-09-12", "kind": "dinner", "note": "rimpatriata"},
    {"person": "bruno-rossi", "date": "2026-10-25", "kind": "visit", "note": "pranzo a Ferrara"},
    {"person": "lorenza-bassi", "date": "2026-06-10", "kind": "dinner", "note": "da Sofia"},
    {"person": "tommaso-righi", "date": "2025-04-02", "kind": "email", "note": None},
]

# exact: the trade in the person's own words
q("exact", "commercialista", ["irene-cavazza"])
q("exact", "cerco una sarta", ["nadia-ferri"])
q("exact", "a surf instructor", ["rita-santos"])
q("exact", "need a photographer", ["lucio-barbieri"])
# synonym and slang: another word for the same trade
q("synonym", "a midwife", ["chiara-venturi"])
q("synonym", "a skin doctor", ["marta-bellini"])
q("synonym", "un legale per la separazione", ["lorenza-bassi"])
q("synonym", "family doctor in London", ["james-okoro"])
q("slang", "honestly I think I need a shrink", ["tommaso-righi"])
q("slang", "a web guy for my friend's shop", ["federico-lolli"])
q("synonym", "someone who does sworn translations from Italian", ["miguel-costa"])
# problem: a situation, no trade named
q("problem", "la caldaia fa un rumore strano e non scalda più", ["gianluca-serra"])
q("problem", "I locked myself out, keys are inside", ["ruggero-montanari"])
q("problem", "la macchina fischia quando freno", ["mattia-zanetti"])
q("problem", "there's a mole on my shoulder that's getting bigger", ["marta-bellini"])
q("problem", "devo aprire la partita iva e non so che regime scegliere", ["irene-cavazza"])
q("problem", "mio nipote vuole imparare a suonare il piano", ["anna-pedrini"])
q(
    "problem",
    "my manager keeps changing my shifts last minute and won't pay the overtime",
    ["davide-neri"],
)
q("problem", "the dress is too long and the wedding is on saturday", ["nadia-ferri"])
q("problem", "the baby won't latch and feeding hurts", ["chiara-venturi"])
q("problem", "non dormo più, ho l'ansia prima di ogni turno di notte", ["tommaso-righi"])
# evidence: the expertise shows only in notes or help records
q(
    "evidence",
    "chi mi guarda l'impianto elettrico della casa in campagna a Ferrara?",
    ["bruno-rossi"],
)
q("evidence", "dove posso fare yoga il sabato?", ["elisa-marchi"])
# typo
q("typo", "a dermatolgist", ["marta-bellini"])
q("typo", "cerco un fabro", ["ruggero-montanari"])
# location: the city decides
q("location", "un idraulico a Bologna", ["gianluca-serra"])
q("location", "an accountant in London", ["priya-shah"])
q("location", "an architect in Lisbon", ["ines-carvalho"])
q("location", "un avvocato a Lisbona", ["joao-ferreira"])
q("location", "a plumber in London", ["liam-murphy"], via="caterina-rossi")
q("location", "a plumber in Lisbon", [])
q("location", "un elettricista a Londra", [])
# long needs, with what was already tried
q(
    "long",
    "Il rubinetto della cucina perde da una settimana. Ho già provato a cambiare la "
    "guarnizione seguendo un video su YouTube ma gocciola ancora, e adesso è bagnato "
    "anche il sifone sotto il lavello. Chi chiamo?",
    ["gianluca-serra"],
)
q(
    "long",
    "My sister is moving back to Italy in spring and has to sort out the Italian side of "
    "her taxes. Her accountant in London only does UK returns. We already asked at the "
    "CAF and they had no idea. Who can help?",
    ["irene-cavazza"],
)
q(
    "long",
    "Da quando faccio le notti ho la faccia piena di chiazze rosse che prudono. Ho già "
    "cambiato crema e detergente, niente. Il medico di base dice di aspettare ma vorrei "
    "un parere di uno specialista.",
    ["marta-bellini"],
)
q(
    "long",
    "We're thinking of buying a small flat in Lisbon to rent out. I don't speak Portuguese, "
    "I have no idea how buying works there, and we already got burnt once by an agency. "
    "Who should I talk to first?",
    ["beatriz-almeida", "joao-ferreira"],
)
# mixed languages
q("mixed", "mi serve un lawyer per il permesso di residenza in Portogallo", ["joao-ferreira"])
q("mixed", "need someone for il 730 di mia mamma", ["irene-cavazza"])
q("mixed", "who can translate il mio certificato di nascita in portoghese?", ["miguel-costa"])
q(
    "mixed",
    "a Londra la doccia di Cate non scarica, serve un plumber",
    ["liam-murphy"],
    via="caterina-rossi",
)
# second degree: only someone known through a friend fits
q("second_degree", "un notaio per il rogito", ["enrico-fabbri"], via="sofia-guidi")
q("second_degree", "il gatto non mangia da due giorni", ["paolo-tassinari"], via="chiara-venturi")
q("second_degree", "a paediatrician in London", ["hannah-wright"], via="james-okoro")
q(
    "second_degree",
    "someone to help us find a flat in Lisbon",
    ["beatriz-almeida"],
    via="ines-carvalho",
)
# referral: whom to send someone to (never the person themselves)
q(
    "referral",
    "she needs an employment lawyer for her own case",
    ["davide-neri"],
    for_="lorenza-bassi",
)
q(
    "referral",
    "gli serve un commercialista per la partita IVA",
    ["irene-cavazza"],
    for_="federico-lolli",
)
q(
    "referral",
    "she has gone freelance and needs her UK tax return done",
    ["priya-shah"],
    for_="caterina-rossi",
)
q(
    "referral",
    "his wife is pregnant and they're moving to Bologna",
    ["chiara-venturi"],
    for_="miguel-costa",
)
q("referral", "her shop needs a new website", ["federico-lolli"], for_="irene-cavazza")
# no answer: near misses that must answer nobody
q("no_answer", "un dentista", [])
q("no_answer", "an orthopaedic surgeon for my knee", [])
q("no_answer", "a criminal lawyer", [])
q("no_answer", "guitar lessons for my son", [])
q("no_answer", "un wedding planner", [])
q("no_answer", "chi mi ripara il tetto? piove in soffitta", [])

if __name__ == "__main__":
    SET.write(HERE, interactions=INTERACTIONS, help=HELP, ties=TIES)
