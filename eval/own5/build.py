"""Write eval/own5: a fifth hand-written set for ``net ask``, scored once before it was tuned on.

A retired teacher of Italian and Latin in Napoli (Vomero), with a summer flat in
Salerno: her neighbours, old pupils now grown up, her late husband Gennaro's
colleagues from the port, the parish choir, a daughter in Milano married to a
software engineer, a son who cooks in Dublin with his partner's circle.
Written on 2026-12-01 without reading the lexicon or the other sets' needs.
Run: ``python eval/own5/build.py`` (writes network.json and queries.json here).
"""

from __future__ import annotations

import sys
from pathlib import Path

HERE = Path(__file__).parent
sys.path.insert(0, str(HERE.parent))
from sets import EvalSet  # noqa: E402

SET = EvalSet("own5", added="2024-09-15")
person, q = SET.person, SET.q

# Family
person(
    "chiara-esposito",
    "Chiara Esposito",
    title="Architetta",
    org="Studio CE Architettura",
    city="Milano",
    skills=("ristrutturazioni", "interni"),
    notes="mia figlia, due bambini, Tommaso e Sofia",
)
person(
    "davide-ferri",
    "Davide Ferri",
    title="Senior software engineer",
    org="Lumen Srl",
    city="Milano",
    skills=("python", "cloud", "app mobile"),
    notes="il marito di Chiara, mi ha sistemato il wifi e il telefono nuovo",
)
person(
    "luca-esposito",
    "Luca Esposito",
    title="Head chef",
    org="The Dawson Brasserie",
    city="Dublin",
    skills=("pastry", "catering"),
    notes="mio figlio; his partner Aoife is a solicitor",
)
person(
    "aoife-byrne",
    "Aoife Byrne",
    title="Solicitor",
    org="Byrne & Keogh Solicitors",
    city="Dublin",
    skills=("conveyancing", "wills and probate"),
    notes="la compagna di Luca, very kind, speaks a bit of Italian",
    via="luca-esposito",
)
person(
    "ciaran-walsh",
    "Ciarán Walsh",
    title="Electrician",
    city="Dublin",
    skills=("rewiring", "storage heaters"),
    notes="sorted the wiring in Luca's flat in Phibsboro",
    via="luca-esposito",
)
person(
    "siobhan-byrne",
    "Siobhán Byrne",
    title="GP",
    org="Rathmines Family Practice",
    city="Dublin",
    notes="Aoife's sister, family doctor",
    via="luca-esposito",
)
person(
    "declan-oshea",
    "Declan O'Shea",
    title="Chartered accountant",
    city="Dublin",
    skills=("tax returns", "Revenue"),
    notes="does the books for Luca's restaurant",
    via="luca-esposito",
)
person(
    "paolo-brambilla",
    "Paolo Brambilla",
    title="Pediatra",
    city="Milano",
    notes="il pediatra dei bambini di Chiara",
    via="chiara-esposito",
)
person(
    "elena-colombo",
    "Elena Colombo",
    title="Agente immobiliare",
    org="Colombo Case",
    city="Milano",
    skills=("compravendite", "affitti"),
    notes="ha trovato la casa a Chiara e Davide",
    via="chiara-esposito",
)

# Neighbours in via Scarlatti, Vomero
person(
    "salvatore-russo",
    "Salvatore Russo",
    title="Idraulico",
    city="Napoli",
    skills=("caldaie", "scarichi", "perdite"),
    notes="abita al secondo piano, viene subito se c'è una perdita",
)
person(
    "carmela-de-luca",
    "Carmela De Luca",
    city="Napoli",
    notes=(
        "la signora del terzo piano, era infermiera al Cardarelli, fa le punture a tutto il palazzo"
    ),
)
person(
    "pasquale-iovine",
    "Pasquale Iovine",
    title="Portiere",
    city="Napoli",
    notes="ha le chiavi di tutti, conosce un fabbro bravo a Fuorigrotta",
)
person(
    "rosaria-amato",
    "Rosaria Amato",
    title="Commercialista",
    org="Studio Amato",
    city="Napoli",
    skills=("730", "successioni", "IMU"),
    notes="vicina di pianerottolo",
)
person(
    "oksana-melnyk",
    "Oksana Melnyk",
    title="Badante",
    city="Napoli",
    skills=("assistenza anziani",),
    notes="ha assistito Gennaro negli ultimi mesi, parla ucraino e russo, bravissima",
)

# Salerno, the summer flat
person(
    "vincenzo-gallo",
    "Vincenzo Gallo",
    title="Elettricista",
    city="Salerno",
    skills=("impianti elettrici", "citofoni", "condizionatori"),
    notes="ha rifatto l'impianto della casa al mare",
)

# Old pupils, now grown up
person(
    "francesca-palumbo",
    "Francesca Palumbo",
    title="Avvocato",
    org="Studio Legale Palumbo",
    city="Napoli",
    skills=("diritto civile", "condominio", "locazioni"),
    notes="mia alunna al Sannazaro, maturità 1998",
)
person(
    "gennaro-caputo",
    "Gennaro Caputo",
    title="Cardiologo",
    org="Ospedale Monaldi",
    city="Napoli",
    notes="ex alunno, mi misura la pressione quando lo incontro in chiesa",
)
person(
    "marco-santoro",
    "Marco Santoro",
    title="Medico veterinario",
    org="Clinica Veterinaria Santoro",
    city="Salerno",
    skills=("cani", "gatti"),
    notes="ex alunno, ha curato la gatta di Chiara d'estate",
)
person(
    "ilaria-vitale",
    "Ilaria Vitale",
    title="Notaio",
    city="Salerno",
    skills=("compravendite", "successioni", "donazioni"),
    notes="ex alunna, bravissima in latino",
)
person(
    "antonio-marino",
    "Antonio Marino",
    title="Meccanico",
    org="Autofficina Marino",
    city="Napoli",
    skills=("tagliandi", "freni", "revisioni"),
    notes="ex alunno, officina a Fuorigrotta, onesto",
)
person(
    "giulia-ferraro",
    "Giulia Ferraro",
    title="Psicologa psicoterapeuta",
    city="Milano",
    skills=("ansia", "lutto", "adolescenti"),
    notes="ex alunna, ora vive a Milano, fa anche sedute online",
)

# Gennaro's colleagues from the port
person(
    "ciro-sorrentino",
    "Ciro Sorrentino",
    title="Spedizioniere doganale",
    org="Sorrentino Spedizioni",
    city="Napoli",
    skills=("dogana", "container"),
    notes="collega di Gennaro al porto per trent'anni; sua figlia fa la farmacista a Pozzuoli",
)
person(
    "raffaele-cuomo",
    "Raffaele Cuomo",
    title="Capitano di lungo corso (in pensione)",
    city="Napoli",
    notes="collega di Gennaro; suo figlio fa il fabbro a Torre del Greco",
)
person(
    "enzo-langella",
    "Enzo Langella",
    title="Broker assicurativo",
    city="Napoli",
    skills=("polizze casa", "RC auto"),
    notes="l'assicuratore di Ciro",
    via="ciro-sorrentino",
)
person(
    "teresa-buonocore",
    "Teresa Buonocore",
    title="Operatrice di patronato",
    org="Patronato ACLI Napoli",
    city="Napoli",
    skills=("pensioni", "reversibilità", "ISEE"),
    notes="vedova di Peppe, collega di Gennaro al porto",
)

# The parish and its choir
person(
    "michele-de-rosa",
    "Michele De Rosa",
    title="Parroco",
    org="Parrocchia di San Gennaro al Vomero",
    city="Napoli",
    notes="don Michele",
)
person(
    "lucia-carotenuto",
    "Lucia Carotenuto",
    title="Maestra di pianoforte",
    city="Napoli",
    skills=("pianoforte", "canto corale", "solfeggio"),
    notes="dirige il coro, suona l'organo alla messa della domenica",
)
person(
    "nunzia-riccio",
    "Nunzia Riccio",
    city="Napoli",
    notes="contralto nel coro, fa i dolci per tutte le comunioni e le feste della parrocchia",
)
person(
    "bruno-terracciano",
    "Bruno Terracciano",
    title="Restauratore",
    city="Napoli",
    skills=("mobili antichi", "lucidatura a gommalacca"),
    notes="basso nel coro, bottega ai Vergini",
)


def ix(who: str, date: str, kind: str, note: str | None = None) -> dict[str, object]:
    return {"person": who, "date": date, "kind": kind, "note": note}


def hp(who: str, direction: str, date: str, what: str) -> dict[str, object]:
    return {"person": who, "direction": direction, "date": date, "what": what, "skill": None}


INTERACTIONS = [
    ix("chiara-esposito", "2026-11-24", "call"),
    ix("luca-esposito", "2026-11-22", "call", "videochiamata con Aoife"),
    ix("davide-ferri", "2026-10-30", "visit", "ponte dei morti a Napoli"),
    ix("salvatore-russo", "2026-11-10", "visit", "caldaia"),
    ix("carmela-de-luca", "2026-11-25", "coffee"),
    ix("rosaria-amato", "2026-06-12", "visit", "730"),
    ix("francesca-palumbo", "2026-03-02", "coffee"),
    ix("gennaro-caputo", "2026-11-15", "visit", "controllo pressione"),
    ix("lucia-carotenuto", "2026-11-26", "visit", "prove del coro"),
    ix("nunzia-riccio", "2026-11-26", "visit", "prove del coro"),
    ix("teresa-buonocore", "2026-09-05", "call"),
    ix("ciro-sorrentino", "2026-04-20", "dinner", "anniversario di Gennaro"),
    ix("antonio-marino", "2025-11-02", "visit", "tagliando"),
]

HELP = [
    hp("salvatore-russo", "got", "2026-01-18", "riparato la perdita sotto il lavandino"),
    hp("carmela-de-luca", "got", "2026-02-10", "fatto le punture di eparina dopo l'operazione"),
    hp("davide-ferri", "got", "2026-08-14", "recuperato le foto di Gennaro dal vecchio computer"),
    hp("nunzia-riccio", "got", "2025-04-19", "fatto la pastiera e le sfogliatelle per la cresima"),
    hp("teresa-buonocore", "got", "2025-12-03", "seguito la domanda di pensione di reversibilità"),
    hp("francesca-palumbo", "gave", "2025-05-30", "ripetizioni di latino al figlio"),
    hp("bruno-terracciano", "got", "2024-10-11", "restaurato il comò della nonna"),
]

TIES = [
    {"a": "chiara-esposito", "b": "davide-ferri", "note": "married"},
    {"a": "luca-esposito", "b": "aoife-byrne", "note": "partners"},
    {"a": "aoife-byrne", "b": "siobhan-byrne", "note": "sisters"},
    {"a": "lucia-carotenuto", "b": "nunzia-riccio", "note": "choir"},
    {"a": "ciro-sorrentino", "b": "raffaele-cuomo", "note": "port colleagues"},
]

# exact
q("exact", "cerco un idraulico", ["salvatore-russo"])
q("exact", "need a notary", ["ilaria-vitale"])
q("exact", "a good mechanic for the car", ["antonio-marino"])
q("exact", "mi serve una commercialista", ["rosaria-amato"])
# synonym
q("synonym", "customs broker for a shipment", ["ciro-sorrentino"])
q("synonym", "a heart doctor for mum", ["gennaro-caputo"])
q("synonym", "a therapist, someone to talk to", ["giulia-ferraro"])
q("synonym", "a vet for the cat", ["marco-santoro"])
# slang: Neapolitan-flavoured Italian and Irish English
q("slang", "chi è bravo cu 'e machine? 'a macchina fa nu rumore strano", ["antonio-marino"])
q("slang", "a sparky for the flat in Dublin", ["ciaran-walsh"], via="luca-esposito")
q(
    "slang",
    "the immersion is banjaxed again, who can sort it",
    ["ciaran-walsh"],
    via="luca-esposito",
)
q("slang", "uno strizzacervelli per mia nipote", ["giulia-ferraro"])
# problem described without the trade
q("problem", "mi gocciola il soffitto del bagno", ["salvatore-russo"])
q("problem", "il citofono della casa al mare non suona più", ["vincenzo-gallo"])
q(
    "problem",
    "mi hanno lasciato la casa di mia zia, come si fa con l'eredità?",
    ["ilaria-vitale", "rosaria-amato"],
)
q(
    "problem",
    "my mother can't be on her own during the day anymore",
    ["oksana-melnyk"],
)
q(
    "problem",
    "grandma's old wardrobe has woodworm and the varnish is all cracked",
    ["bruno-terracciano"],
)
q("problem", "il cane zoppica da due giorni", ["marco-santoro"])
q("problem", "devo fare la domanda per la pensione di mio marito", ["teresa-buonocore"])
# evidence only in notes or help records
q("evidence", "chi mi può fare le punture a casa", ["carmela-de-luca"])
q("evidence", "qualcuno che faccia i dolci per la comunione di mia nipote", ["nunzia-riccio"])
q("evidence", "get the photos off the old computer", ["davide-ferri"])
q("evidence", "chi può suonare l'organo alla messa per Gennaro", ["lucia-carotenuto"])
q(
    "evidence",
    "mi serve un fabbro, la serratura del portone è bloccata",
    ["pasquale-iovine", "raffaele-cuomo"],
)
# typo
q("typo", "idrualico urgente", ["salvatore-russo"])
q("typo", "need a solictor", ["aoife-byrne"], via="luca-esposito")
q("typo", "un cardiolgo bravo", ["gennaro-caputo"])
q("typo", "pschologist for my son", ["giulia-ferraro"])
# location (two answer nobody)
q("location", "an electrician in Salerno", ["vincenzo-gallo"])
q("location", "a vet in Salerno", ["marco-santoro"])
q("location", "un notaio a Milano", [])
q("location", "psychologist in Milan", ["giulia-ferraro"])
q("location", "plumber in Dublin", [])
# long needs, with what was already tried
q(
    "long",
    "Mum's flat in Napoli has had damp on the bedroom wall for months. We painted over it "
    "twice and it came back, and the neighbour upstairs says it isn't his pipes. Who could "
    "come and find where the water is coming from?",
    ["salvatore-russo"],
)
q(
    "long",
    "Da quando è morto Gennaro mi arrivano lettere dell'INPS che non capisco. Sono andata "
    "alla posta ma non mi hanno saputo dire niente. Chi mi può aiutare con la pratica?",
    ["teresa-buonocore"],
)
q(
    "long",
    "La macchina di Gennaro è ferma in garage da un anno, la batteria è scarica e non so se "
    "conviene venderla o rimetterla a posto. Luca dice di portarla da qualcuno di fiducia.",
    ["antonio-marino"],
)
q(
    "long",
    "My brother in Dublin wants to buy a house with his girlfriend. The bank already approved "
    "the mortgage, now they need someone for the legal side and the contracts.",
    ["aoife-byrne"],
    via="luca-esposito",
)
# mixed languages
q("mixed", "un solicitor a Dublino per il testamento di Luca", ["aoife-byrne"], via="luca-esposito")
q("mixed", "serve un software developer per l'app del coro", ["davide-ferri"])
q("mixed", "chi conosce un buon GP a Dublino?", ["siobhan-byrne"], via="luca-esposito")
# second degree, through a friend
q("second_degree", "un pediatra a Milano per i bambini", ["paolo-brambilla"], via="chiara-esposito")
q("second_degree", "home insurance for the flat", ["enzo-langella"], via="ciro-sorrentino")
q(
    "second_degree",
    "un'agenzia per vendere la casa di Milano",
    ["elena-colombo"],
    via="chiara-esposito",
)
q("second_degree", "a family doctor in Dublin", ["siobhan-byrne"], via="luca-esposito")
# referral: whom to send someone to
q("referral", "le serve un notaio per la successione", ["ilaria-vitale"], for_="chiara-esposito")
q("referral", "her husband needs his heart checked", ["gennaro-caputo"], for_="nunzia-riccio")
q(
    "referral",
    "il nipote si è laureato e vuole lavorare nell'informatica",
    ["davide-ferri"],
    for_="carmela-de-luca",
)
q(
    "referral",
    "sta cercando casa a Milano",
    ["elena-colombo"],
    for_="giulia-ferraro",
)
# no answer: near misses that must answer nobody
q("no_answer", "un dentista", [])
q("no_answer", "a criminal lawyer", [])
q("no_answer", "un imbianchino per il salone", [])
q("no_answer", "a dog groomer", [])
q("no_answer", "un elettricista a Milano", [])
q("no_answer", "an immigration lawyer in London", [])
q("no_answer", "a driving instructor for my grandson", [])

if __name__ == "__main__":
    SET.write(HERE, interactions=INTERACTIONS, help=HELP, ties=TIES)
