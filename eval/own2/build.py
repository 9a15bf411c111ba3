"""Write eval/own2: a second hand-written set for ``net ask``, scored once, never tuned on.

A household in Bologna with family in Napoli and friends from a year in
Dublin. Profiles are filled the way people fill contacts: often only a title,
an employer, a note or a favour remembered, rarely a skills list. Run:
``python eval/own2/build.py`` (writes network.json and queries.json here).
"""

from __future__ import annotations

import sys
from pathlib import Path

HERE = Path(__file__).parent
sys.path.insert(0, str(HERE.parent))
from sets import EvalSet  # noqa: E402

SET = EvalSet("own2", added="2024-02-01")
person, q = SET.person, SET.q

person("bruna-zanetti", "Bruna Zanetti", title="Ostetrica", org="Ospedale Maggiore", city="Bologna")
person(
    "ciro-esposito",
    "Ciro Esposito",
    title="Meccanico",
    org="Officina Esposito",
    city="Napoli",
    notes="Mio cugino. Ripara soprattutto Fiat e moto.",
)
person(
    "aisling-byrne",
    "Aisling Byrne",
    title="Solicitor",
    org="Byrne & Co",
    city="Dublin",
    skills=("Irish property law", "wills"),
)
person(
    "tomas-novak",
    "Tomas Novak",
    title="Backend developer",
    org="Fintechly",
    city="Bologna",
    skills=("Go", "PostgreSQL", "Kubernetes"),
)
person("giada-ferri", "Giada Ferri", title="Logopedista", city="Bologna")
person(
    "rocco-amato",
    "Rocco Amato",
    title="Geometra",
    city="Napoli",
    notes="handled the land registry papers for nonna's house",
)
person(
    "sinead-kelly",
    "Sinéad Kelly",
    title="Primary school teacher",
    city="Dublin",
    notes="teaches Irish and English; tutors kids after school",
)
person("marta-colombo", "Marta Colombo", org="Comune di Bologna", title="Urbanista", city="Bologna")
person(
    "luigi-de-rosa",
    "Luigi De Rosa",
    title="Pasticcere",
    org="Pasticceria De Rosa",
    city="Napoli",
    notes="makes the best sfogliatelle; did our wedding cake",
)
person(
    "karim-benali",
    "Karim Benali",
    title="Tecnico caldaie",
    city="Bologna",
    skills=("caldaie", "condizionatori"),
)
person(
    "orla-walsh",
    "Orla Walsh",
    title="Accountant",
    org="Walsh Accounting",
    city="Dublin",
    skills=("Irish tax", "payroll"),
)
person("enrico-bassi", "Enrico Bassi", title="Notaio", city="Bologna")
person(
    "valeria-monti",
    "Valeria Monti",
    title="Dermatologa",
    org="Policlinico Sant'Orsola",
    city="Bologna",
)
person("pietro-lanza", "Pietro Lanza", title="Personal shopper", city="Milano")
person(
    "fionn-doyle",
    "Fionn Doyle",
    title="Sound engineer",
    org="Windmill Lane Studios",
    city="Dublin",
    notes="records bands; fixed my old amplifier once",
)
person("silvia-rinaldi", "Silvia Rinaldi", title="Psicologa dell'età evolutiva", city="Bologna")
person("nadia-greco", "Nadia Greco", title="Agente immobiliare", org="Casa Felsina", city="Bologna")
person(
    "alberto-fini",
    "Alberto Fini",
    title="Falegname",
    city="Bologna",
    notes="made the kids' bunk beds",
)
person(
    "hugo-martin",
    "Hugo Martin",
    title="Professeur de français",
    city="Bologna",
    skills=("French lessons", "DELF exam prep"),
)
person(
    "teresa-vitale",
    "Teresa Vitale",
    city="Napoli",
    notes="my aunt; sews curtains and hems for half the street",
)
person(
    "dario-pace",
    "Dario Pace",
    title="IT support",
    org="Unibo",
    city="Bologna",
    notes="set up our home network and NAS",
)
person("lina-moretti", "Lina Moretti", title="Wedding planner", city="Bologna", via="nadia-greco")
person(
    "sean-obrien",
    "Seán O'Brien",
    title="GP",
    org="Rathmines Medical Centre",
    city="Dublin",
    via="aisling-byrne",
)
person(
    "franco-ruggeri",
    "Franco Ruggeri",
    title="Avvocato penalista",
    city="Bologna",
    via="enrico-bassi",
)
person(
    "elisa-bruni",
    "Elisa Bruni",
    met="running club",
    city="Bologna",
    notes="runs marathons; physio student",
)
person(
    "matteo-sala",
    "Matteo Sala",
    title="Fotografo",
    org="Studio Sala",
    city="Bologna",
    skills=("ritratti", "foto di prodotto"),
)
person(
    "greta-lund",
    "Greta Lund",
    title="UX researcher",
    org="Spotify",
    city="Stockholm",
    met="Erasmus in Dublin",
)
person(
    "antonio-russo",
    "Antonio Russo",
    title="Elettrauto",
    city="Bologna",
    notes="car electrics and batteries",
)

TIES = [
    {"a": "nadia-greco", "b": "lina-moretti", "note": "sisters"},
    {"a": "aisling-byrne", "b": "sean-obrien", "note": "neighbours"},
    {"a": "enrico-bassi", "b": "franco-ruggeri", "note": "studied together"},
    {"a": "tomas-novak", "b": "dario-pace", "note": None},
]
HELP = [
    {
        "person": "orla-walsh",
        "direction": "got",
        "date": "2025-04-10",
        "what": "sorted my Irish tax refund when I left Dublin",
        "skill": None,
    },
    {
        "person": "dario-pace",
        "direction": "got",
        "date": "2026-05-02",
        "what": "recovered the photos from a dead hard drive",
        "skill": None,
    },
    {
        "person": "giada-ferri",
        "direction": "got",
        "date": "2026-01-20",
        "what": "assessed Leo's speech delay",
        "skill": None,
    },
    {
        "person": "tomas-novak",
        "direction": "gave",
        "date": "2026-03-03",
        "what": "lent him our car for a week",
        "skill": None,
    },
]
INTERACTIONS = [
    {
        "person": "elisa-bruni",
        "date": "2026-10-12",
        "kind": "run",
        "note": "long run along the Reno",
    },
    {
        "person": "greta-lund",
        "date": "2026-09-01",
        "kind": "call",
        "note": "talked about her move to Stockholm",
    },
    {
        "person": "ciro-esposito",
        "date": "2026-08-15",
        "kind": "visit",
        "note": "Ferragosto in Napoli",
    },
]
q("exact", "I need a notary", ["enrico-bassi"])
q("exact", "looking for a dermatologist", ["valeria-monti"])
q("synonym", "a midwife for my sister", ["bruna-zanetti"])
q("synonym", "someone to teach my daughter French", ["hugo-martin"])
q("synonym", "need a carpenter to build a wardrobe", ["alberto-fini"])
q("synonym", "a real estate agent to sell our flat", ["nadia-greco"])
q("slang", "know a good mechanic for my Fiat?", ["ciro-esposito"])
q("slang", "I need a computer guy for the home wifi", ["dario-pace"])
q("slang", "anyone who does headshots?", ["matteo-sala"])
# Problems.
q("problem", "my son is four and barely talks", ["giada-ferri"])
q("problem", "the boiler makes a banging noise", ["karim-benali"])
q("problem", "the car battery keeps dying", ["antonio-russo", "ciro-esposito"])
q("problem", "a rash that won't go away", ["valeria-monti"])
q("problem", "my hard disk died and the photos are on it", ["dario-pace"])
q("problem", "the air conditioning drips water", ["karim-benali"])
q("problem", "curtains need hemming", ["teresa-vitale"])
q("problem", "our teenager is struggling with anxiety", ["silvia-rinaldi"])
q("problem", "we want a cake for a christening", ["luigi-de-rosa"])
# Italian.
q("italian", "mi serve un notaio per il rogito", ["enrico-bassi"])
q("italian", "la caldaia non parte", ["karim-benali"])
q("italian", "cerco un fotografo per dei ritratti", ["matteo-sala"])
q("italian", "chi mi aiuta con l'accatastamento della casa?", ["rocco-amato"])
q("italian", "la macchina fa un rumore strano", ["ciro-esposito"])
q("italian", "mio figlio non pronuncia la erre", ["giada-ferri"])
# Typos.
q("typo", "need a dermatolgist", ["valeria-monti"])
q("typo", "cerco un falegame", ["alberto-fini"])
q("typo", "my nephew needs a speach therapist", ["giada-ferri"])
# Words that stand in the journal.
q("evidence", "who did I meet on Erasmus?", ["greta-lund"])
q("evidence", "who runs marathons?", ["elisa-bruni"])
q("evidence", "someone who records bands", ["fionn-doyle"])
q("evidence", "who makes sfogliatelle", ["luigi-de-rosa"])
# Through someone.
q("second_degree", "a criminal lawyer", ["franco-ruggeri"], via="enrico-bassi")
q("second_degree", "a wedding planner for next June", ["lina-moretti"], via="nadia-greco")
q("second_degree", "a family doctor in Dublin", ["sean-obrien"], via="aisling-byrne")
# Whom to refer someone to.
q("referral", "he needs a Go developer for his startup", ["tomas-novak"], for_="hugo-martin")
q("referral", "she needs help with payroll for her shop", ["orla-walsh"], for_="sinead-kelly")
q("referral", "needs a will drawn up in Ireland", ["aisling-byrne"], for_="fionn-doyle")
# Places.
q("location", "un meccanico a Napoli", ["ciro-esposito"])
q("location", "an accountant in Dublin", ["orla-walsh"])
# Long.
q(
    "long",
    "We are finally buying the flat in via Saragozza! The agency says we need someone "
    "to do the deed and check the papers before we sign. Who do we know?",
    ["enrico-bassi"],
)
q(
    "long",
    "Leo started school and the teacher thinks his speech is behind. The paediatrician "
    "said it is nothing medical. Who could assess him?",
    ["giada-ferri"],
)
# Nobody fits: near misses on purpose.
q("no_answer", "a German teacher", [])
q("no_answer", "a divorce lawyer in Bologna", [])
q("no_answer", "someone to fix a dishwasher", [])
q("no_answer", "a vet for our rabbit", [])
q("no_answer", "a tax adviser for Italian taxes", [])
q("no_answer", "a photographer in Dublin", [])
q("no_answer", "cerco un idraulico", [])
q("no_answer", "a cardiologist", [])
q("no_answer", "a Swedish translator", [])

if __name__ == "__main__":
    SET.write(HERE, interactions=INTERACTIONS, help=HELP, ties=TIES)
