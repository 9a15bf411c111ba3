import json
P = []
def person(key, name, skills=(), tags=(), org=None, title=None, city=None, notes=None, via=None, met=None, aliases=()):
    P.append({"key": key, "name": name, "aliases": list(aliases), "skills": list(skills), "tags": list(tags),
              "values": [], "org": org, "title": title, "city": city, "email": None, "phone": None,
              "met": met, "notes": notes, "cadence_days": None, "via": via, "added": "2023-05-01"})
person("giorgio-conti", "Giorgio Conti", ["idraulica", "caldaie"], ["vicini"], title="idraulico", city="Torino")
person("martina-sala", "Martina Sala", ["diritto del lavoro"], ["università"], org="Studio Sala", title="avvocata giuslavorista", city="Milano")
person("owen-price", "Owen Price", ["conveyancing", "property law"], ["work"], title="solicitor", city="London")
person("keiko-mori", "Keiko Mori", ["japanese translation", "interpreting"], ["friends"], title="translator", city="Milano", notes="translates Japanese to Italian and English")
person("luca-ferri", "Luca Ferri", ["electrical installations"], ["vicini"], title="elettricista", city="Torino")
person("sara-bianco", "Sara Bianco", ["tax returns", "bookkeeping"], ["work"], title="commercialista", city="Torino")
person("dev-patel", "Dev Patel", ["react", "typescript", "frontend"], ["work"], org="Bitworks", title="software engineer", city="London")
person("chiara-russo", "Chiara Russo", ["physiotherapy", "sports injuries"], ["gym"], title="fisioterapista", city="Bologna")
person("tom-walsh", "Tom Walsh", ["carpentry", "kitchen fitting"], ["neighbours"], title="carpenter", city="Manchester")
person("elena-gatti", "Elena Gatti", ["wedding photography", "portraits"], ["friends"], title="fotografa", city="Milano")
person("paolo-marino", "Paolo Marino", ["cardiology"], ["family"], title="cardiologo", org="Ospedale Molinette", city="Torino")
person("anna-kowalski", "Anna Kowalski", ["dentistry"], ["friends"], title="dentist", city="Milano")
person("marco-longo", "Marco Longo", ["dentistry", "orthodontics"], ["friends"], title="dentista", city="Torino")
person("rachel-green", "Rachel Green", ["fundraising", "charity events"], ["volunteering"], org="Hope Trust", title="fundraising manager", city="London")
person("ben-carter", "Ben Carter", ["product analytics", "user onboarding", "growth"], ["work"], title="product manager", org="Appify", city="London")
person("lucia-fontana", "Lucia Fontana", ["sartoria", "alterations", "dressmaking"], ["vicini"], title="sarta", city="Torino")
person("ahmed-haddad", "Ahmed Haddad", ["phone repair", "screen replacement"], ["neighbours"], org="FixIt Phones", title="technician", city="Milano")
person("giulia-ricci", "Giulia Ricci", ["allergology", "immunology"], ["family"], title="allergologa", city="Milano")
person("franco-deluca", "Franco De Luca", ["cooking", "neapolitan cuisine"], ["friends"], title="chef", org="Trattoria Da Franco", city="Napoli")
person("nina-berg", "Nina Berg", ["psychotherapy", "anxiety"], ["friends"], title="psychotherapist", city="Milano")
person("peter-schmidt", "Peter Schmidt", ["german lessons", "german language"], ["friends"], title="German teacher", city="Milano")
person("valentina-costa", "Valentina Costa", ["veterinary medicine"], ["friends"], title="veterinaria", city="Torino")
person("omar-sy", "Omar Sy", ["mortgages", "financial advice"], ["work"], title="mortgage broker", city="London")
person("irene-villa", "Irene Villa", ["yoga", "pilates"], ["gym"], title="insegnante di yoga", city="Torino")
person("sam-okafor", "Sam Okafor", ["plumbing", "boilers", "gas safe"], ["neighbours"], title="plumber", city="Manchester")
person("carla-neri", "Carla Neri", [], ["university"], title="marketing manager", org="Lavazza", city="Torino",
       notes="we met at Erasmus in Lisbon; she goes climbing every weekend")
person("davide-serra", "Davide Serra", ["espresso machines", "coffee machine repair"], ["vicini"], title="tecnico", city="Torino")
person("hannah-lee", "Hannah Lee", ["web design", "wordpress"], ["work"], title="web designer", city="London")
person("roberto-greco", "Roberto Greco", ["architecture", "home renovation"], ["family"], title="architetto", city="Torino")
person("jack-murphy", "Jack Murphy", ["personal training"], ["gym"], title="personal trainer", city="Manchester")
person("federica-leone", "Federica Leone", ["immigration law", "visas"], ["work"], title="avvocata", city="Roma",
       notes="her husband is an accountant")
person("ivan-petrov", "Ivan Petrov", ["sign language interpreting", "LIS"], ["volunteering"], title="interprete LIS", city="Milano")
person("lorenzo-galli", "Lorenzo Galli", ["ophthalmology", "cataract surgery"], ["family"], title="oculista", city="Milano", via="paolo-marino")
person("mia-jones", "Mia Jones", ["spanish lessons"], ["friends"], title="Spanish tutor", city="London", via="dev-patel")
person("stefano-bruno", "Stefano Bruno", ["locksmith", "locks"], ["vicini"], title="fabbro", city="Torino", via="giorgio-conti")
person("alice-moretti", "Alice Moretti", ["recruiting", "tech hiring"], ["work"], title="recruiter", city="Milano")
person("gianni-rizzo", "Gianni Rizzo", [], ["friends"], title="pensionato", city="Torino", notes="loves cycling; needs a lawyer for his landlord dispute")
person("emma-wilson", "Emma Wilson", ["family law", "divorce"], ["university"], title="family solicitor", city="London", via="owen-price")
ties=[{"a":"giorgio-conti","b":"stefano-bruno","note":None},{"a":"lorenzo-galli","b":"paolo-marino","note":None},
      {"a":"dev-patel","b":"mia-jones","note":None},{"a":"emma-wilson","b":"owen-price","note":None},
      {"a":"martina-sala","b":"sara-bianco","note":"colleghe"}]
help_=[{"person":"sara-bianco","direction":"got","date":"2026-03-10","what":"sorted out my VAT registration","skill":None},
       {"person":"tom-walsh","direction":"got","date":"2026-06-01","what":"built shelves in my study","skill":None},
       {"person":"ahmed-haddad","direction":"got","date":"2026-09-12","what":"replaced my cracked iPhone screen","skill":None},
       {"person":"carla-neri","direction":"got","date":"2026-02-02","what":"reviewed my CV and LinkedIn profile","skill":None},
       {"person":"franco-deluca","direction":"gave","date":"2026-01-05","what":"helped him with his website","skill":None}]
inter=[{"person":"carla-neri","date":"2026-10-01","kind":"coffee","note":"talked about her bouldering trip"},
       {"person":"giorgio-conti","date":"2026-11-01","kind":"call","note":"fixed the boiler"}]
doc={"format":"netjournal","version":1,"people":P,"interactions":inter,"help":help_,"ties":ties,"referrals":[]}
json.dump(doc, open("network.json","w"), indent=1, ensure_ascii=False)
Q=[]
def q(cat, need, rel, for_=None, via=None):
    Q.append({"id": f"own-{cat}-{len(Q)+1:02d}", "need": need, "for": for_, "relevant": rel, "category": cat, "expect_via": via})
# exact / synonym / slang
q("exact","I need a plumber",["giorgio-conti","sam-okafor"])
q("exact","looking for a wedding photographer",["elena-gatti"])
q("synonym","who can do my taxes",["sara-bianco"])
q("synonym","I need an electrician",["luca-ferri"])
q("synonym","someone to build a bookcase",["tom-walsh"])
q("slang","I need a shrink",["nina-berg"])
q("slang","know a sparky?",["luca-ferri"])
q("slang","need a chippy for the kitchen",["tom-walsh"])
q("slang","anyone know a techie who does react?",["dev-patel"])
q("slang","a vet for my cat",["valentina-costa"])
# problems
q("problem","my phone screen is shattered",["ahmed-haddad"])
q("problem","the boiler stopped working",["giorgio-conti","sam-okafor"])
q("problem","my dress needs taking in",["lucia-fontana"])
q("problem","I twisted my knee running",["chiara-russo"])
q("problem","pollen allergy is killing me",["giulia-ricci"])
q("problem","users drop off during sign-up in our app",["ben-carter"])
q("problem","we want to raise money for a charity",["rachel-green"])
q("problem","I'm locked out of my flat",["stefano-bruno"],via="giorgio-conti")
q("problem","my espresso machine leaks",["davide-serra"])
q("problem","need a recipe for a proper ragù",["franco-deluca"])
q("problem","I feel anxious all the time",["nina-berg"])
# italian
q("italian","cerco un idraulico",["giorgio-conti","sam-okafor"])
q("italian","mi serve un commercialista",["sara-bianco"])
q("italian","ho bisogno di un avvocato del lavoro",["martina-sala"])
q("italian","il cane sta male, chi chiamo?",["valentina-costa"])
q("italian","devo ristrutturare casa",["roberto-greco"])
q("italian","mi fa male il ginocchio",["chiara-russo"])
q("italian","cerco una sarta per un orlo",["lucia-fontana"])
# typo
q("typo","need a phisiotherapist",["chiara-russo"])
q("typo","looking for a photografer",["elena-gatti"])
q("typo","cerco un elettricsta",["luca-ferri"])
q("typo","my sister needs a dentst",["anna-kowalski","marco-longo"])
# evidence (words in notes/help/met)
q("evidence","who did I meet at Erasmus?",["carla-neri"])
q("evidence","who goes climbing",["carla-neri"])
q("evidence","someone to look at my CV",["carla-neri"])
q("evidence","VAT registration help",["sara-bianco"])
# second degree
q("second_degree","I need an eye surgeon for cataracts",["lorenzo-galli"],via="paolo-marino")
q("second_degree","looking for a divorce lawyer in London",["emma-wilson"],via="owen-price")
q("second_degree","spanish lessons for my son",["mia-jones"],via="dev-patel")
# referral
q("referral","he needs a lawyer for a landlord dispute",["martina-sala","owen-price","federica-leone","emma-wilson"],for_="gianni-rizzo")
q("referral","needs help with bookkeeping",["sara-bianco"],for_="franco-deluca")
q("referral","she wants to learn German",["peter-schmidt"],for_="carla-neri")
# location
q("location","a dentist in Torino",["marco-longo"])
q("location","un idraulico a Manchester",["sam-okafor"])
q("location","an electrician in Turin",["luca-ferri"])
# long
q("long","Hi! We just bought an old flat in Torino and the wiring is ancient. We need someone to redo the electrics before we move in. Any ideas?",["luca-ferri"])
q("long","My GP already did the blood tests and says it's my heart. I'd like to see a specialist soon.",["paolo-marino"])
q("long","Our startup's onboarding funnel is leaking users at the sign-up step and we don't know why. Who could look at our analytics?",["ben-carter"])
# no answer / near misses
q("no_answer","need a notary",[])
q("no_answer","looking for a Portuguese translator",[])
q("no_answer","an Italian lawyer for a question of Scottish law",[])
q("no_answer","my laptop is broken",[])
q("no_answer","I need a beekeeper",[])
q("no_answer","a dentist in Napoli",[])
q("no_answer","someone to fix my car gearbox",[])
q("no_answer","cerco un notaio a Torino",[])
q("no_answer","need a French interpreter",[])
q("no_answer","tree surgeon for an old oak",[])
json.dump(Q, open("queries.json","w"), indent=1, ensure_ascii=False)
print(len(P), len(Q))
