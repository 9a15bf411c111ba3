"""Write eval/own3: a third hand-written set for ``net ask``, scored once before it was tuned on.

A couple in Torino, her family in the Langhe, his old colleagues in
Manchester. Written on 2026-12-01 after the semantic and lexicon work of that
session, before scoring it: the trades, phrasings and near misses are new.
Run: ``python eval/own3/build.py`` (writes network.json and queries.json here).
"""

from __future__ import annotations

import sys
from pathlib import Path

HERE = Path(__file__).parent
sys.path.insert(0, str(HERE.parent))
from sets import EvalSet  # noqa: E402

SET = EvalSet("own3", added="2024-06-01")
person, q = SET.person, SET.q

person(
    "paola-gallo",
    "Paola Gallo",
    title="Veterinaria",
    org="Clinica Veterinaria Crocetta",
    city="Torino",
)
person(
    "marco-rinaldi",
    "Marco Rinaldi",
    title="Idraulico",
    city="Torino",
    notes="Fixed the shower in 2024, fair prices.",
)
person(
    "dave-hughes",
    "Dave Hughes",
    title="Electrician",
    city="Manchester",
    notes="Old mate from the Salford years; rewired his mum's house.",
)
person("chiara-bosio", "Chiara Bosio", title="Commercialista", org="Studio Bosio", city="Alba")
person(
    "sam-okafor",
    "Sam Okafor",
    title="Data engineer",
    org="Autotrader",
    city="Manchester",
    skills=("Python", "Airflow", "dbt"),
)
person(
    "lucia-ferrero",
    "Lucia Ferrero",
    title="Insegnante di inglese",
    city="Torino",
    notes="Gives private lessons in the evenings.",
)
person(
    "gianni-cravero",
    "Gianni Cravero",
    title="Viticoltore",
    org="Cascina Cravero",
    city="Barolo",
    notes="Her uncle. Makes Barolo and Dolcetto, knows everyone in the Langhe.",
)
person(
    "elena-marchetti",
    "Elena Marchetti",
    title="Fisioterapista",
    city="Torino",
    skills=("riabilitazione sportiva",),
)
person(
    "rachel-green",
    "Rachel Green",
    title="Employment solicitor",
    org="Green & Partners",
    city="Manchester",
)
person(
    "stefano-perino",
    "Stefano Perino",
    title="Architetto",
    city="Torino",
    notes="Did the renovation of the Crocetta flat.",
)
person("amira-haddad", "Amira Haddad", title="Pediatra", city="Torino")
person("tom-walsh", "Tom Walsh", title="UX researcher", org="BBC", city="Manchester")
person(
    "giorgia-rosso",
    "Giorgia Rosso",
    title="Sarta",
    city="Torino",
    notes="Tiny atelier in San Salvario; did the wedding dress.",
)
person("franco-demaria", "Franco Demaria", title="Carrozziere", city="Torino")
person(
    "ilaria-conti",
    "Ilaria Conti",
    title="Psicologa",
    city="Milano",
    notes="Friend from university; works with teenagers.",
)
person("ben-taylor", "Ben Taylor", title="Mortgage adviser", org="Nationwide", city="Manchester")
person("sara-bianco", "Sara Bianco", title="Wedding planner", city="Torino")
person(
    "luca-gatti",
    "Luca Gatti",
    title="Personal trainer",
    org="McFit",
    city="Torino",
    skills=("kettlebell", "postural training"),
)
person(
    "nadia-russo",
    "Nadia Russo",
    org="Comune di Torino",
    title="Funzionaria anagrafe",
    city="Torino",
)
person(
    "oliver-price",
    "Oliver Price",
    title="Head chef",
    org="The Kitchen",
    city="Manchester",
    notes="Cooks a mean Sunday roast.",
)
person("marta-gili", "Marta Gili", title="Dentista", city="Alba")
person(
    "kevin-brooks",
    "Kevin Brooks",
    title="IT support",
    org="Salford Uni",
    city="Manchester",
    notes="Fixes everyone's laptops.",
)
person(
    "pietro-sacco",
    "Pietro Sacco",
    city="Torino",
    notes="Neighbour; retired, keeps bees on the roof terrace.",
)
person("anna-costa", "Anna Costa", title="Notaio", city="Torino", via="chiara-bosio")
person("hannah-lee", "Hannah Lee", title="Dermatologist", city="Manchester", via="rachel-green")
person(
    "fabio-allasia",
    "Fabio Allasia",
    title="Avvocato penalista",
    city="Torino",
    via="stefano-perino",
)

TIES = [
    {"a": "chiara-bosio", "b": "anna-costa", "note": "same building in Alba"},
    {"a": "rachel-green", "b": "hannah-lee", "note": "sisters-in-law"},
    {"a": "stefano-perino", "b": "fabio-allasia", "note": "school friends"},
]
HELP = [
    {
        "person": "kevin-brooks",
        "direction": "got",
        "date": "2025-11-02",
        "what": "recovered the files from my dead laptop",
        "skill": None,
    },
    {
        "person": "lucia-ferrero",
        "direction": "got",
        "date": "2026-02-10",
        "what": "proofread my cover letter in English",
        "skill": None,
    },
    {
        "person": "marco-rinaldi",
        "direction": "gave",
        "date": "2026-05-05",
        "what": "lent him the van",
        "skill": None,
    },
]
INTERACTIONS = [
    {
        "person": "pietro-sacco",
        "date": "2026-09-20",
        "kind": "visit",
        "note": "gave us a jar of his acacia honey",
    },
    {
        "person": "sam-okafor",
        "date": "2026-10-01",
        "kind": "call",
        "note": "he plays bass in a pub band on Fridays",
    },
    {"person": "gianni-cravero", "date": "2026-10-10", "kind": "visit", "note": "vendemmia"},
]
q("exact", "an architect", ["stefano-perino"])
q("exact", "I need a wedding planner", ["sara-bianco"])
q("synonym", "someone to do our books for the partita IVA", ["chiara-bosio"])
q("synonym", "a seamstress for a suit alteration", ["giorgia-rosso"])
q("synonym", "a children's doctor", ["amira-haddad"])
q("slang", "know a sparky in Manchester?", ["dave-hughes"])
q("slang", "need a techie, my laptop won't boot", ["kevin-brooks"])
q("slang", "a PT to get me back in shape", ["luca-gatti"])
q("problem", "my back hurts after football", ["elena-marchetti"])
q("problem", "the shower drain is blocked", ["marco-rinaldi"])
q("problem", "someone scratched the car door", ["franco-demaria"])
q("problem", "the dog keeps scratching its ears", ["paola-gallo"])
q("problem", "a sore tooth since Sunday", ["marta-gili"])
q("problem", "the fuse box keeps tripping", ["dave-hughes"])
q("problem", "my boss wants to fire me without notice", ["rachel-green"])
q("problem", "how much mortgage can we get for a first home", ["ben-taylor"])
q("problem", "our daughter has panic attacks before exams", ["ilaria-conti"])
q("italian", "mi serve un certificato di residenza", ["nadia-russo"])
q("italian", "il gatto vomita da ieri", ["paola-gallo"])
q("italian", "cerco lezioni di inglese per mio figlio", ["lucia-ferrero"])
q("italian", "mi hanno tamponato, la portiera è da rifare", ["franco-demaria"])
q("italian", "vorrei ristrutturare il bagno", ["stefano-perino"])
q("typo", "need a phisiotherapist", ["elena-marchetti"])
q("typo", "cerco un comercialista", ["chiara-bosio"])
q("typo", "a pediatricain for my son", ["amira-haddad"])
q("evidence", "who keeps bees?", ["pietro-sacco"])
q("evidence", "who plays bass?", ["sam-okafor"])
q("evidence", "who makes Barolo", ["gianni-cravero"])
q("second_degree", "a notary for the house in Alba", ["anna-costa"], via="chiara-bosio")
q("second_degree", "a dermatologist", ["hannah-lee"], via="rachel-green")
q("second_degree", "un avvocato penalista", ["fabio-allasia"], via="stefano-perino")
q("referral", "he wants to set up data pipelines at his company", ["sam-okafor"], for_="tom-walsh")
q("referral", "she needs a vet for her puppy", ["paola-gallo"], for_="sara-bianco")
q("location", "un idraulico a Torino", ["marco-rinaldi"])
q("location", "a dentist in Alba", ["marta-gili"])
q(
    "long",
    "I'm applying for a job in London and the cover letter has to be in English. "
    "My English is fine for talking but my writing is clumsy. Who could go through it?",
    ["lucia-ferrero"],
)
q(
    "long",
    "Work has been brutal and I haven't slept properly in a month. I keep snapping at "
    "everyone. I think I need to talk to someone about it.",
    ["ilaria-conti"],
)
q("no_answer", "a Spanish teacher", [])
q("no_answer", "an electrician in Torino", [])
q("no_answer", "a vet for horses", [])
q("no_answer", "a criminal lawyer in Manchester", [])
q("no_answer", "someone to fix the washing machine", [])
q("no_answer", "a German-speaking accountant", [])
q("no_answer", "an orthodontist for braces", [])
q("no_answer", "a chef for Japanese food", [])

if __name__ == "__main__":
    SET.write(HERE, interactions=INTERACTIONS, help=HELP, ties=TIES)
