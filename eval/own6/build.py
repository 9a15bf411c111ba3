"""Build eval/own6: the journal of Rosalia, who runs a small trattoria in Firenze.

She grew up in Palermo; her cousins are in Palermo and Catania, her brother
Davide is a software engineer in Amsterdam with Dutch colleagues, and her
friends from the hotel school are spread over Italy and London. Staff,
suppliers, the accountant and the lawyer of the business, the landlord and
the regulars make up the rest. Run: ``python eval/own6/build.py``.
"""

from __future__ import annotations

import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))

from sets import EvalSet  # noqa: E402

s = EvalSet("own6", added="2025-09-01")
p = s.person

# Staff
p(
    "salvo-lombardo",
    "Salvo Lombardo",
    title="Secondo chef",
    org="Trattoria Da Rosalia",
    city="Firenze",
    skills=("cucina siciliana", "pasta fresca", "gestione della cucina"),
    tags=("staff",),
    notes="Con me dal 2021, viene da Trapani. Fa gli ordini del pesce con Beppe.",
)
p(
    "ilaria-conti",
    "Ilaria Conti",
    title="Cameriera",
    org="Trattoria Da Rosalia",
    city="Firenze",
    skills=("servizio in sala",),
    tags=("staff",),
    notes="Studia lingue all'università, ha tradotto il nostro menu in inglese e tedesco. "
    "Dopo la laurea vorrebbe lavorare negli alberghi.",
)
p(
    "kofi-mensah",
    "Kofi Mensah",
    title="Lavapiatti e aiuto cuoco",
    org="Trattoria Da Rosalia",
    city="Firenze",
    tags=("staff",),
    notes="Vive a Prato. Suo fratello fa l'elettricista, ci ha già sistemato il quadro una volta. "
    "Gli piacerebbe imparare la pasticceria.",
)
# Suppliers
p(
    "beppe-nocentini",
    "Beppe Nocentini",
    title="Pescivendolo",
    org="Pescheria Nocentini, Mercato Centrale",
    city="Firenze",
    skills=("pesce fresco", "crostacei", "frutti di mare"),
    tags=("fornitori",),
    notes="Mi tiene da parte i gamberi rossi il venerdì.",
)
p(
    "marta-frescobaldi",
    "Marta Frescobaldi",
    title="Enotecaria",
    org="Enoteca Sant'Ambrogio",
    city="Firenze",
    skills=("vini toscani", "vini siciliani", "sommelier"),
    tags=("fornitori",),
)
p(
    "tonino-baldi",
    "Tonino Baldi",
    title="Fornaio",
    org="Forno Baldi",
    city="Firenze",
    skills=("pane", "lievito madre", "schiacciata"),
    tags=("fornitori",),
    notes="Ci porta il pane alle sei, il pane sciapo toscano e quello di semola per me.",
)
p(
    "nino-russo",
    "Nino Russo",
    title="Agronomo",
    city="Catania",
    skills=("pistacchi", "olio d'oliva", "agricoltura"),
    tags=("famiglia", "fornitori"),
    notes="Cugino, ha i terreni a Bronte. Mi manda il pistacchio e l'olio.",
)
# Business
p(
    "chiara-landi",
    "Chiara Landi",
    title="Commercialista",
    org="Studio Landi",
    city="Firenze",
    skills=("contabilità", "IVA", "buste paga", "dichiarazione dei redditi"),
    tags=("lavoro",),
)
p(
    "paolo-guidi",
    "Paolo Guidi",
    title="Avvocato",
    org="Studio Legale Guidi",
    city="Firenze",
    skills=("diritto commerciale", "contratti di locazione", "diritto del lavoro"),
    tags=("lavoro",),
    notes="Ha seguito l'apertura della trattoria e il contratto d'affitto del locale.",
)
p(
    "renzo-martelli",
    "Renzo Martelli",
    title="Proprietario dei locali",
    city="Firenze",
    skills=("immobili",),
    tags=("lavoro",),
    notes="Il padrone di casa del locale in via dei Macci. Simpatico ma tirchio sulle riparazioni.",
)
p(
    "lorenzo-pieri",
    "Lorenzo Pieri",
    title="Idraulico",
    city="Firenze",
    skills=("impianti idraulici", "caldaie"),
    via="renzo-martelli",
    notes="Il genero di Renzo, viene anche la domenica se glielo chiede lui.",
)
p(
    "gianni-bartoli",
    "Gianni Bartoli",
    title="Tecnico assistenza attrezzature per la ristorazione",
    city="Firenze",
    skills=("celle frigorifere", "frigoriferi", "forni professionali", "lavastoviglie"),
    via="beppe-nocentini",
    notes="Quello che segue i banchi frigo della pescheria di Beppe.",
)
# Regulars
p(
    "giulia-berti",
    "Giulia Berti",
    title="Food writer",
    city="Firenze",
    skills=("social media", "food writing", "Instagram"),
    tags=("clienti",),
    notes="Viene il giovedì a pranzo. Ha un blog di cucina molto seguito.",
)
p(
    "franco-rinaldi",
    "Franco Rinaldi",
    title="Medico di base",
    city="Firenze",
    skills=("medicina generale",),
    tags=("clienti",),
    notes="Sempre al tavolo sei, ordina la pasta con le sarde.",
)
p(
    "elena-vannucci",
    "Elena Vannucci",
    title="Architetta d'interni",
    city="Firenze",
    skills=("progettazione d'interni", "ristrutturazioni"),
    tags=("clienti",),
)
p(
    "mario-cecchi",
    "Mario Cecchi",
    title="In pensione",
    city="Firenze",
    tags=("clienti",),
    notes="Per trent'anni ispettore dell'ASL, conosce l'HACCP a memoria e ride delle "
    "nostre etichette sugli allergeni.",
)
p(
    "marisa-fontana",
    "Marisa Fontana",
    title="Agente assicurativa",
    org="Fontana Assicurazioni",
    city="Firenze",
    skills=("polizze", "assicurazioni per attività commerciali"),
    tags=("clienti",),
)
# Family in Sicily
p(
    "rosario-cusumano",
    "Rosario Cusumano",
    title="Meccanico",
    org="Officina Cusumano",
    city="Palermo",
    skills=("riparazione auto", "carrozzeria"),
    tags=("famiglia",),
    notes="Cugino di primo grado.",
)
p(
    "concetta-cusumano",
    "Concetta Cusumano",
    title="Maestra elementare",
    city="Palermo",
    skills=("insegnamento",),
    tags=("famiglia",),
    notes="Sorella di Rosario. Fa in casa cassate e cannoli per le feste di tutto il quartiere.",
)
p(
    "santina-russo",
    "Santina Russo",
    title="Infermiera",
    org="Ospedale Garibaldi",
    city="Catania",
    skills=("assistenza infermieristica",),
    tags=("famiglia",),
    notes="Sorella di Nino. Ha problemi con il padrone di casa per il deposito.",
)
# Brother and his colleagues in Amsterdam
p(
    "davide-lombardi",
    "Davide Lombardi",
    title="Senior Software Engineer",
    org="Kanaal Software",
    city="Amsterdam",
    skills=("Python", "backend", "web development"),
    tags=("famiglia",),
    notes="Mio fratello. Sogna di fare una cena siciliana pop-up ad Amsterdam.",
)
p(
    "sanne-de-vries",
    "Sanne de Vries",
    title="UX-ontwerper",
    org="Kanaal Software",
    city="Amsterdam",
    skills=("UX design", "branding", "logo"),
    via="davide-lombardi",
)
p(
    "joost-bakker",
    "Joost Bakker",
    title="Belastingadviseur",
    city="Amsterdam",
    skills=("Nederlandse belastingen", "expat tax"),
    via="davide-lombardi",
    notes="Ha fatto la dichiarazione olandese di Davide il primo anno.",
)
p(
    "pieter-jansen",
    "Pieter Jansen",
    title="Data engineer",
    org="Kanaal Software",
    city="Amsterdam",
    skills=("SQL", "data analysis", "dashboards"),
    via="davide-lombardi",
)
# Hotel school friends
p(
    "federica-marino",
    "Federica Marino",
    title="Direttrice d'albergo",
    org="Hotel Quirinale Palace",
    city="Roma",
    skills=("hotel management", "revenue management", "selezione del personale"),
    tags=("scuola alberghiera",),
)
p(
    "luca-ferrante",
    "Luca Ferrante",
    title="Pastry chef",
    org="Pasticceria Ferrante",
    city="Milano",
    skills=("pasticceria", "dolci da ristorazione", "lievitati"),
    tags=("scuola alberghiera",),
)
p(
    "alessia-pellegrino",
    "Alessia Pellegrino",
    title="Consulente per la ristorazione",
    city="Bologna",
    skills=("food cost", "menu engineering", "apertura ristoranti"),
    tags=("scuola alberghiera",),
)
p(
    "giorgio-mancuso",
    "Giorgio Mancuso",
    title="Head bartender",
    org="The Lantern Bar",
    city="London",
    skills=("cocktails", "mixology"),
    tags=("scuola alberghiera",),
)

interactions = [
    {"person": "salvo-lombardo", "date": "2026-11-20", "kind": "work", "note": "menu d'inverno"},
    {"person": "beppe-nocentini", "date": "2026-11-25", "kind": "visit", "note": "ordine"},
    {"person": "chiara-landi", "date": "2026-10-15", "kind": "meeting", "note": "IVA trimestre"},
    {"person": "paolo-guidi", "date": "2026-03-02", "kind": "meeting", "note": "rinnovo affitto"},
    {"person": "davide-lombardi", "date": "2026-11-22", "kind": "call", "note": "videochiamata"},
    {"person": "davide-lombardi", "date": "2026-08-10", "kind": "visit", "note": "in Sicilia"},
    {"person": "giulia-berti", "date": "2026-11-19", "kind": "lunch", "note": "al tavolo"},
    {"person": "federica-marino", "date": "2026-06-01", "kind": "call", "note": "cena di classe"},
    {"person": "alessia-pellegrino", "date": "2025-12-12", "kind": "coffee", "note": "a Bologna"},
    {"person": "nino-russo", "date": "2026-09-01", "kind": "call", "note": "pistacchio"},
    {"person": "rosario-cusumano", "date": "2026-08-14", "kind": "dinner", "note": "Ferragosto"},
    {"person": "mario-cecchi", "date": "2026-11-10", "kind": "lunch", "note": "allergeni"},
    {"person": "renzo-martelli", "date": "2026-07-01", "kind": "meeting", "note": "affitto"},
]
help = [
    {
        "person": "chiara-landi",
        "direction": "got",
        "date": "2026-04-10",
        "what": "sistemato la dichiarazione IVA",
        "skill": "IVA",
    },
    {
        "person": "gianni-bartoli",
        "direction": "got",
        "date": "2026-07-28",
        "what": "riparato la macchina del ghiaccio in pieno agosto",
        "skill": "refrigerazione",
    },
    {
        "person": "giulia-berti",
        "direction": "got",
        "date": "2026-02-14",
        "what": "fatto le foto dei piatti per il menu nuovo",
        "skill": "fotografia",
    },
    {
        "person": "davide-lombardi",
        "direction": "got",
        "date": "2025-11-01",
        "what": "made the restaurant's website",
        "skill": "websites",
    },
    {
        "person": "ilaria-conti",
        "direction": "gave",
        "date": "2026-01-20",
        "what": "lettera di referenze per l'Erasmus",
    },
    {
        "person": "mario-cecchi",
        "direction": "got",
        "date": "2025-10-05",
        "what": "checked our HACCP records before the inspection",
        "skill": "food safety",
    },
    {
        "person": "federica-marino",
        "direction": "got",
        "date": "2026-03-20",
        "what": "found me a maître from her hotel staff",
        "skill": "recruiting",
    },
    {
        "person": "elena-vannucci",
        "direction": "got",
        "date": "2025-04-15",
        "what": "disegnato il dehors e seguito la pratica del suolo pubblico col Comune",
        "skill": "permessi",
    },
    {
        "person": "nino-russo",
        "direction": "got",
        "date": "2026-09-01",
        "what": "pistacchio di Bronte a prezzo di produttore",
    },
]
ties = [
    {"a": "renzo-martelli", "b": "lorenzo-pieri", "note": "suocero e genero"},
    {"a": "beppe-nocentini", "b": "gianni-bartoli", "note": "Gianni gli segue i frigoriferi"},
    {"a": "davide-lombardi", "b": "sanne-de-vries", "note": "colleghi"},
    {"a": "davide-lombardi", "b": "pieter-jansen", "note": "colleghi"},
    {"a": "davide-lombardi", "b": "joost-bakker", "note": "il suo consulente fiscale"},
    {"a": "rosario-cusumano", "b": "concetta-cusumano", "note": "fratelli"},
    {"a": "nino-russo", "b": "santina-russo", "note": "fratelli"},
]

q = s.q
# exact
q("exact", "mi serve un avvocato", ["paolo-guidi"])
q("exact", "commercialista", ["chiara-landi"])
q("exact", "pastry chef", ["luca-ferrante"])
q("exact", "un fornaio per il pane di semola", ["tonino-baldi"])
# synonym
q("synonym", "someone who knows wine to redo our wine list", ["marta-frescobaldi"])
q("synonym", "a tax advisor for the restaurant", ["chiara-landi"])
q("synonym", "fishmonger with good prawns", ["beppe-nocentini"])
q("synonym", "interior designer to redo the dining room", ["elena-vannucci"])
q("synonym", "qualcuno che si intende di assicurazioni per il locale", ["marisa-fontana"])
# italian: colloquial, Sicilian, restaurant jargon
q("italian", "mi servi unu ca m'aggiusta a machina a Palermo", ["rosario-cusumano"])
q("italian", "cu mi porta u pisci friscu stamatina?", ["beppe-nocentini"])
q("italian", "qualcuno che mi sistema le buste paga dei ragazzi", ["chiara-landi"])
q(
    "italian",
    "chi mi fa una cassata per la festa di domenica",
    ["concetta-cusumano", "luca-ferrante"],
)
q("italian", "mi serve una mano col food cost, i piatti non rendono", ["alessia-pellegrino"])
q("italian", "la lavapiatti perde acqua da sotto, chi me la guarda?", ["gianni-bartoli"])
# problem described without the trade
q("problem", "the walk-in fridge isn't cooling and I have fish for the weekend", ["gianni-bartoli"])
q(
    "problem",
    "tra due settimane abbiamo l'ispezione dell'ASL e non so se siamo in regola",
    ["mario-cecchi"],
)
q("problem", "a pipe burst under the kitchen sink, water everywhere", ["lorenzo-pieri"])
q(
    "problem",
    "ci hanno lasciato una recensione cattiva su TripAdvisor, come rispondo?",
    ["giulia-berti"],
)
q(
    "problem",
    "I want to put a seasonal waiter on a proper contract, which kind?",
    ["paolo-guidi", "chiara-landi"],
)
q("problem", "il padrone di casa vuole aumentarmi l'affitto del locale del 30%", ["paolo-guidi"])
q(
    "problem",
    "our website looks like 2005 and nobody can book a table online",
    ["davide-lombardi", "sanne-de-vries"],
)
# evidence in notes and help
q(
    "evidence",
    "un elettricista, salta la corrente quando vanno forno e lavastoviglie",
    ["kofi-mensah"],
)
q("evidence", "chi mi fa delle belle foto dei piatti per Instagram", ["giulia-berti"])
q("evidence", "il permesso del Comune per mettere i tavolini fuori", ["elena-vannucci"])
q("evidence", "the ice machine broke again", ["gianni-bartoli"])
q("evidence", "I need to hire a good maître for the dining room", ["federica-marino"])
q("evidence", "someone to translate the menu into German", ["ilaria-conti"])
# typo
q("typo", "comercialista", ["chiara-landi"])
q("typo", "avvocatto del lavoro", ["paolo-guidi"])
q("typo", "idraulicco urgente", ["lorenzo-pieri"])
# location
q("location", "a bartender in London", ["giorgio-mancuso"])
q("location", "qualcuno a Catania per pistacchi e olio", ["nino-russo"])
q("location", "un'infermiera a Catania per la nonna", ["santina-russo"])
q("location", "a lawyer in Milano", [])
q("location", "idraulico a Palermo", [])
# long
q(
    "long",
    "Our cold room has been making a rattling noise for a week. I called the brand's "
    "service line twice and they say a technician can come in 20 days. I can't wait that "
    "long with the fish in there. Who can come sooner?",
    ["gianni-bartoli"],
)
q(
    "long",
    "Ho una cameriera che lavora da noi a chiamata da due anni. Adesso vuole essere assunta "
    "e io vorrei farlo, ma non so se conviene il part-time o il tempo indeterminato e ho "
    "paura dei costi. In banca non mi hanno saputo rispondere.",
    ["chiara-landi", "paolo-guidi"],
)
q(
    "long",
    "My brother says I should stop using the paper book for reservations. I tried one of "
    "those apps but it charges per cover and the old waiters hate it. Is there someone "
    "who could set up something simple for us?",
    ["davide-lombardi", "sanne-de-vries"],
)
# mixed language
q("mixed", "un belastingadviseur per la dichiarazione di mio fratello", ["joost-bakker"])
q("mixed", "qualcuno per il nuovo logo, something modern", ["sanne-de-vries"])
# second degree
q(
    "second_degree",
    "mi si è rotto un tubo in cucina, serve un idraulico subito",
    ["lorenzo-pieri"],
    via="renzo-martelli",
)
q(
    "second_degree",
    "Dutch tax return help for an expat",
    ["joost-bakker"],
    via="davide-lombardi",
)
q("second_degree", "a UX designer", ["sanne-de-vries"], via="davide-lombardi")
q(
    "second_degree",
    "chi mi aiuta ad analizzare i dati delle vendite della cassa",
    ["pieter-jansen"],
    via="davide-lombardi",
)
# referral (--for)
q("referral", "vuole lavorare in albergo dopo la laurea", ["federica-marino"], for_="ilaria-conti")
q(
    "referral",
    "ha problemi col padrone di casa per il deposito",
    ["paolo-guidi"],
    for_="santina-russo",
)
q(
    "referral",
    "he wants to run a Sicilian pop-up dinner and needs help with food cost",
    ["alessia-pellegrino"],
    for_="davide-lombardi",
)
q("referral", "vuole imparare la pasticceria", ["luca-ferrante"], for_="kofi-mensah")
# near misses: nobody fits
q("no_answer", "a vet for my cat", [])
q("no_answer", "notaio per comprare casa", [])
q("no_answer", "someone to fix my cracked iPhone screen", [])
q("no_answer", "a babysitter for Saturday night", [])
q("no_answer", "a piano tuner", [])
q("no_answer", "a roofer in Amsterdam", [])

s.write(HERE, interactions=interactions, help=help, ties=ties)
