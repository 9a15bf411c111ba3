"""Write the corpus of real-format contact files (synthetic people, real layouts).

Every file here is made up: names, e-mails and phones are invented, domains
are example.* ones.  The layouts and quirks are those of real exports (see
docs/interchange.md, "Each source's quirks").  Run from anywhere:
``python tests/data/real/make.py``; it rewrites the files and ``expected.json``.

``expected.json`` says, per file: whether ``net import`` accepts it, how many
people it adds, which records it skips (where), and every e-mail and phone
in it (each must be kept).  ``named`` counts the contacts with a name.
"""

from __future__ import annotations

import json
from pathlib import Path

HERE = Path(__file__).parent
FILES: dict[str, bytes] = {}
EXPECTED: dict[str, dict[str, object]] = {}

LINKEDIN_PREAMBLE = (
    "Notes:\r\n"
    '"When exporting your connection data, you may notice that some of the email addresses'
    " are missing. You will only see email addresses for connections who have allowed their"
    ' connections to see or download their email address using this setting."\r\n'
    "\r\n"
)


def add(
    name: str,
    data: str | bytes,
    *,
    added: int,
    named: int | None = None,
    skipped: tuple[str, ...] = (),
    emails: tuple[str, ...] = (),
    phones: tuple[str, ...] = (),
    accepted: bool = True,
    people: dict[str, dict[str, object]] | None = None,
    encoding: str = "utf-8",
) -> None:
    FILES[name] = data if isinstance(data, bytes) else data.encode(encoding)
    EXPECTED[name] = {
        "accepted": accepted,
        "added": added,
        "named": added if named is None else named,
        "skipped": list(skipped),
        "emails": list(emails),
        "phones": list(phones),
        "people": people or {},
    }


# ---------------------------------------------------------------- LinkedIn

add(
    "linkedin-2024-nameless.csv",
    "\ufeff"
    + LINKEDIN_PREAMBLE
    + "First Name,Last Name,URL,Email Address,Company,Position,Connected On\r\n"
    "Aiko,Tanaka,https://www.linkedin.com/in/aiko-tanaka-0a1b2c,,Example Labs,Researcher,"
    "21 Oct 2024\r\n"
    ",,,,,,21 Oct 2024\r\n"
    "Bruno,Costa,https://www.linkedin.com/in/brunocosta,bruno@example.com,Example Bank,"
    '"Head of Risk, EMEA",3 Sep 2024\r\n'
    ",,,,,,02 Aug 2024\r\n"
    ",,,hidden.member@example.net,,,15 Jul 2024\r\n"
    "Chiara,Ferri,https://www.linkedin.com/in/chiara-ferri,,,,1 Jul 2024\r\n",
    added=4,
    skipped=("line 6", "line 8"),
    emails=("bruno@example.com", "hidden.member@example.net"),
    people={
        "aiko-tanaka": {"org": "Example Labs", "added": "2024-10-21", "tags": ["linkedin"]},
        "bruno-costa": {"title": "Head of Risk, EMEA"},
        "hidden-member-example-net": {"name": "hidden.member@example.net"},
    },
)

add(
    "linkedin-excel-resaved.csv",
    "First Name,Last Name,URL,Email Address,Company,Position,Connected On\r\n"
    "Dario,Esposito,https://www.linkedin.com/in/dario-esposito,,Example Srl,CTO,5-Jan-26\r\n"
    "Eva,Novak,https://www.linkedin.com/in/eva-novak,,Example AS,Designer,23-Apr-23\r\n"
    "Femi,Adebayo,https://www.linkedin.com/in/femi-adebayo,,,,12/3/2021\r\n",
    added=3,
    people={
        "dario-esposito": {"added": "2026-01-05"},
        "eva-novak": {"added": "2023-04-23"},
        "femi-adebayo": {"added": "2021-12-03"},
    },
)

add(
    "linkedin-2018.csv",
    "First Name,Last Name,Email Address,Company,Position,Connected On\n"
    'Greta,Lund,greta.lund@example.se,Example AB,Engineer,"1/8/18, 6:14 PM"\n'
    'Hugo,Martin,,Example SA,Sales,"11/23/17, 9:02 AM"\n',
    added=2,
    emails=("greta.lund@example.se",),
    people={"greta-lund": {"added": "2018-01-08"}, "hugo-martin": {"added": "2017-11-23"}},
)

add(
    "linkedin-2023-no-url.csv",
    LINKEDIN_PREAMBLE + "First Name,Last Name,Email Address,Company,Position,Connected On\r\n"
    "Ines,Moreau,,Example SAS,Analyst,14 Feb 2023\r\n"
    "Jon,Berg,jon.berg@example.no,,,9 Jan 2023\r\n",
    added=2,
    emails=("jon.berg@example.no",),
    people={"ines-moreau": {"org": "Example SAS", "added": "2023-02-14"}},
)

add(
    "linkedin-shared-urls-and-duplicates.csv",
    "First Name,Last Name,URL,Email Address,Company,Position,Connected On\n"
    # Two colleagues whose URL is their company's page: two people.
    "Karin,Vogel,https://www.linkedin.com/company/example-gmbh/,,Example GmbH,Buyer,2 Mar 2024\n"
    "Lukas,Weber,https://www.linkedin.com/company/example-gmbh/,,Example GmbH,Buyer,2 Mar 2024\n"
    # The same person twice (the export repeats a connection): one person.
    "Mina,Park,https://www.linkedin.com/in/mina-park/,,Example Co,PM,8 May 2024\n"
    "Mina,Park,https://www.linkedin.com/in/mina-park,,Example Co,PM,8 May 2024\n"
    # Same name, different profiles: two people.
    "Ana,Silva,https://www.linkedin.com/in/ana-silva-1,,Example Lda,Nurse,1 Jun 2024\n"
    "Ana,Silva,https://www.linkedin.com/in/ana-silva-2,,Example Lda,Nurse,1 Jun 2024\n",
    added=5,
    named=5,
    people={
        "karin-vogel": {"url": "https://www.linkedin.com/company/example-gmbh/"},
        "lukas-weber": {"url": "https://www.linkedin.com/company/example-gmbh/"},
        "ana-silva": {"url": "https://www.linkedin.com/in/ana-silva-1"},
        "ana-silva-2": {"url": "https://www.linkedin.com/in/ana-silva-2"},
    },
)

add(
    "linkedin-torn.csv",
    "First Name,Last Name,URL,Email Address,Company,Position,Connected On\n"
    "Nils,Holm,https://www.linkedin.com/in/nils-holm,,Example Oy,Founder,4 Apr 2024\n"
    "Olga,Ivanova,https://www.linkedin.com/in/olga-ivanova,,Growing Cont",
    added=1,
    named=1,  # a record cut short is no contact: it is skipped, never imported
    skipped=("line 3",),
)

add(
    "csv-backslash-quotes.csv",
    "name,org,notes\n"
    'Pia Roth,Example KG,"Says \\"hi\\" to everyone"\n'
    "Quentin Blanc,Example SARL,\n",
    added=2,
    people={"pia-roth": {"notes": 'Says "hi" to everyone'}},
)

# ---------------------------------------------------------------- Google

GOOGLE_HEADER = (
    "First Name,Middle Name,Last Name,Phonetic First Name,Phonetic Middle Name,"
    "Phonetic Last Name,Name Prefix,Name Suffix,Nickname,File As,Organization Name,"
    "Organization Title,Organization Department,Birthday,Notes,Photo,Labels,"
    "E-mail 1 - Label,E-mail 1 - Value,E-mail 2 - Label,E-mail 2 - Value,"
    "Phone 1 - Label,Phone 1 - Value,Phone 2 - Label,Phone 2 - Value,"
    "Address 1 - Label,Address 1 - City,Website 1 - Label,Website 1 - Value\n"
)


def google_row(*cells: str) -> str:
    row = list(cells) + [""] * (29 - len(cells))
    return ",".join(f'"{c}"' if "," in c or "\n" in c else c for c in row) + "\n"


add(
    "google-current.csv",
    GOOGLE_HEADER
    + google_row(
        "Rafael",
        "",
        "Gomez",
        "",
        "",
        "",
        "",
        "",
        "Rafa",
        "",
        "Example SL",
        "Chef",
        "",
        "1985-07-14",
        "",
        "",
        "* myContacts ::: Friends",
        "Home",
        "rafa@example.es",
        "* Work",
        "rafael.gomez@example.com",
        "Mobile",
        "+34 600 000 001 ::: +34 600 000 002",
        "* Work",
        "+34 910 000 003",
    )
    + google_row(
        "",
        "",
        "",
        "",
        "",
        "",
        "",
        "",
        "",
        "",
        "",
        "",
        "",
        "",
        "",
        "",
        "* myContacts",
        "",
        "",
        "",
        "",
        "Mobile",
        "+44 7700 900123",
    )
    + google_row(
        "",
        "",
        "",
        "",
        "",
        "",
        "",
        "",
        "",
        "",
        "",
        "",
        "",
        "--04-16",
        "",
        "",
        "* myContacts",
    )
    + google_row("Sara", "", "Lind", "", "", "", "", "", "", "", "", "", "", "--04-16"),
    added=3,
    skipped=("line 4",),
    emails=("rafa@example.es", "rafael.gomez@example.com"),
    phones=("+34 600 000 001", "+34 600 000 002", "+34 910 000 003", "+44 7700 900123"),
    people={
        "rafael-gomez": {
            "email": "rafael.gomez@example.com",
            "emails": ["rafael.gomez@example.com", "rafa@example.es"],
            "phone": "+34 910 000 003",
            "birthday": "1985-07-14",
            "tags": ["Friends"],
        },
        "sara-lind": {"birthday": "--04-16"},
    },
)

add(
    "google-cp1252-even.csv",
    (
        "Name,Given Name,Family Name,Group Membership,E-mail 1 - Type,E-mail 1 - Value,Notes\r\n"
        "Renée Müller,Renée,Müller,* My Contacts,Home,renee@example.de,“Great” – café owner\r\n"
        "Zoë O’Neil,Zoë,O’Neil,* My Contacts,Work,zoe@example.ie,.\r\n"
    ).encode("cp1252")
    + b"",
    added=2,
    emails=("renee@example.de", "zoe@example.ie"),
    people={
        "renee-muller": {"name": "Renée Müller", "notes": "“Great” – café owner"},
        "zoe-o-neil": {"name": "Zoë O’Neil"},
    },
)
assert len(FILES["google-cp1252-even.csv"]) % 2 == 0, len(FILES["google-cp1252-even.csv"])

add(
    "google-legacy-utf16.csv",
    (
        "Name,Given Name,Family Name,Group Membership,E-mail 1 - Type,E-mail 1 - Value,"
        "Phone 1 - Type,Phone 1 - Value\r\n"
        "Tomás Ruiz,Tomás,Ruiz,* My Contacts,* Home,tomas@example.mx,Mobile,+52 55 0000 0001\r\n"
    ).encode("utf-16"),
    added=1,
    emails=("tomas@example.mx",),
    phones=("+52 55 0000 0001",),
    people={"tomas-ruiz": {"name": "Tomás Ruiz"}},
)

# ---------------------------------------------------------------- Outlook

OUTLOOK_HEADER = (
    "Title,First Name,Middle Name,Last Name,Suffix,Company,Department,Job Title,"
    "Business Street,Business City,Business Phone,Business Phone 2,Home Phone,Mobile Phone,"
    "E-mail Address,E-mail Type,E-mail Display Name,E-mail 2 Address,E-mail 3 Address,"
    "Birthday,Categories,Notes,Web Page\r\n"
)

add(
    "outlook-english-cp1252.csv",
    (
        OUTLOOK_HEADER + "Mr.,Ulrich,,Krämer,,Example AG,Sales,Key Account Manager,,München,"
        "+49 89 000001,,,+49 170 000002,ulrich.kraemer@example.de,SMTP,Ulrich Krämer,"
        "u.kraemer@example.com,,4/16/1975,Customers;VIP,“Call mornings”,\r\n"
        ",Vera,,Lopes,,,,,,,,,,+351 910 000 003,,,,,,0/0/00,,,\r\n"
        ",,,,,Example Catering,,,,,+39 02 000 0004,,,,,,,,,,,,\r\n"
        ",Walter,,Hahn,,Example GmbH,,,,,,,,,/o=ExchangeLabs/ou=Exchange/cn=Recipients/cn=hahn,"
        "EX,Walter Hahn,,,,,,\r\n"
    ).encode("cp1252"),
    added=4,
    emails=("ulrich.kraemer@example.de", "u.kraemer@example.com"),
    phones=("+49 89 000001", "+49 170 000002", "+351 910 000 003", "+39 02 000 0004"),
    people={
        "ulrich-kramer": {
            "name": "Ulrich Krämer",
            "birthday": "1975-04-16",
            "tags": ["Customers", "VIP"],
            "notes": "“Call mornings”",
        },
        "example-catering": {"phone": "+39 02 000 0004"},
    },
)

# ---------------------------------------------------------------- Thunderbird

THUNDERBIRD_HEADER = (
    "First Name,Last Name,Display Name,Nickname,Primary Email,Secondary Email,Screen Name,"
    "Work Phone,Home Phone,Fax Number,Pager Number,Mobile Number,Home Address,Home Address 2,"
    "Home City,Home State,Home ZipCode,Home Country,Work Address,Work Address 2,Work City,"
    "Work State,Work ZipCode,Work Country,Job Title,Department,Organization,Web Page 1,"
    "Web Page 2,Birth Year,Birth Month,Birth Day,Custom 1,Custom 2,Custom 3,Custom 4,Notes,\r\n"
)


def thunderbird_row(values: dict[int, str]) -> str:
    cells = [values.get(i, "") for i in range(37)]
    return ",".join(cells) + ",\r\n"


add(
    "thunderbird.csv",
    THUNDERBIRD_HEADER
    + thunderbird_row(
        {
            0: "Xavier",
            1: "Dupont",
            2: "Xavier Dupont",
            4: "xavier@example.fr",
            5: "x.dupont@example.org",
            7: "+33 1 00 00 00 01",
            11: "+33 6 00 00 00 02",
            20: "Lyon",
            24: "Architect",
            26: "Example Atelier",
            30: "4",
            31: "16",
            36: "Met at the fair\rLikes jazz",
        }
    )
    + thunderbird_row({2: "Yuki Sato", 4: "yuki@example.jp", 29: "1990", 30: "12", 31: "1"})
    + thunderbird_row({4: "only.mail@example.com"}),
    added=3,
    emails=(
        "xavier@example.fr",
        "x.dupont@example.org",
        "yuki@example.jp",
        "only.mail@example.com",
    ),
    phones=("+33 1 00 00 00 01", "+33 6 00 00 00 02"),
    people={
        "xavier-dupont": {"city": "Lyon", "birthday": "--04-16", "org": "Example Atelier"},
        "yuki-sato": {"birthday": "1990-12-01"},
    },
)

# ---------------------------------------------------------------- vCards

add(
    "iphone-crcrlf.vcf",
    "BEGIN:VCARD\r\r\nVERSION:3.0\r\r\nN:Abara;Zainab;;;\r\r\nFN:Zainab Abara\r\r\n"
    "NOTE:A long note that the phone folded onto a second\r\r\n  line of the card\r\r\n"
    "item1.EMAIL;type=INTERNET;type=pref:zainab@example.ng\r\r\n"
    "TEL;type=CELL;type=VOICE;type=pref:+234 800 000 0001\r\r\n"
    "BDAY;X-APPLE-OMIT-YEAR=1604:1604-04-16\r\r\n"
    "END:VCARD\r\r\n",
    added=1,
    emails=("zainab@example.ng",),
    phones=("+234 800 000 0001",),
    people={
        "zainab-abara": {
            "notes": "A long note that the phone folded onto a second line of the card",
            "birthday": "--04-16",
        }
    },
)

add(
    "android-21-quoted-printable.vcf",
    b"BEGIN:VCARD\r\nVERSION:2.1\r\n"
    b"N;CHARSET=UTF-8;ENCODING=QUOTED-PRINTABLE:=C3=85str=C3=B6m;Bj=C3=B6rn;;;\r\n"
    b"FN;CHARSET=UTF-8;ENCODING=QUOTED-PRINTABLE:Bj=C3=B6rn =C3=85str=C3=B6m\r\n"
    b"TEL;CELL;PREF:+46700000001\r\nTEL;HOME:+46800000002\r\n"
    b"EMAIL;HOME:bjorn@example.se\r\n"
    b"END:VCARD\r\n"
    b"BEGIN:VCARD\r\nVERSION:2.1\r\n"
    b"N;ENCODING=QUOTED-PRINTABLE:Garc=EDa;Luc=EDa;;;\r\n"
    b"NOTE;ENCODING=QUOTED-PRINTABLE:=93Hola=94 =E2=80=93 line one=0D=0A=\r\nline two\r\n"
    b"TEL;WORK:+34 910 000 005\r\n"
    b"END:VCARD\r\n"
    b"BEGIN:VCARD\r\nVERSION:2.1\r\n"
    b"N;CHARSET=ISO-8859-1;ENCODING=QUOTED-PRINTABLE:M=FCller;J=FCrgen;;;\r\n"
    b"EMAIL;INTERNET:juergen@example.at\r\n"
    b"END:VCARD\r\n",
    added=3,
    emails=("bjorn@example.se", "juergen@example.at"),
    phones=("+46700000001", "+46800000002", "+34 910 000 005"),
    people={
        "bjorn-astrom": {"name": "Björn Åström", "phones": ["+46700000001", "+46800000002"]},
        "lucia-garcia": {"name": "Lucía García"},
        "jurgen-muller": {"name": "Jürgen Müller"},
    },
)

add(
    "outlook-21-agent.vcf",
    # Outlook and old phones write vCard 2.1; an AGENT (a secretary, say) is a whole
    # card nested inside the property, and an organisation may have no N at all.
    b"BEGIN:VCARD\r\nVERSION:2.1\r\nN:Bianchi;Marco\r\n"
    b"TEL;WORK;VOICE:+39 011 555 1234\r\nTEL;CELL:+39 347 000 0000\r\n"
    b"EMAIL;PREF;INTERNET:marco@example.it\r\n"
    b"ADR;WORK:;;Via Roma 1;Torino;;10100;Italia\r\n"
    b"AGENT:\r\nBEGIN:VCARD\r\nVERSION:2.1\r\nN:Verdi;Luca\r\nTEL:+39 011 555 9999\r\n"
    b"END:VCARD\r\n"
    b"X-MS-OL-DEFAULT-POSTAL-ADDRESS:2\r\nEND:VCARD\r\n\r\n"
    b"BEGIN:VCARD\r\nVERSION:2.1\r\nN:;;;;\r\nORG:Comune di Torino\r\nTEL:+39 011 011 011\r\n"
    b"END:VCARD\r\n",
    added=2,
    skipped=("line 9",),
    emails=("marco@example.it",),
    phones=("+39 011 555 1234", "+39 347 000 0000", "+39 011 011 011"),
    people={
        "marco-bianchi": {"city": "Torino", "phones": ["+39 011 555 1234", "+39 347 000 0000"]},
        "comune-di-torino": {"name": "Comune di Torino"},
    },
)

add(
    "iphone-grouped-items.vcf",
    # Apple groups a property with its label (item1.EMAIL + item1.X-ABLabel), folds
    # base64 photos, writes company cards with an empty N; vCard 4.0 may be lower case.
    "\ufeffBEGIN:VCARD\r\nVERSION:3.0\r\nPRODID:-//Apple Inc.//iPhone OS 17.1//EN\r\n"
    "N:Rossi;Anna;;;\r\nFN:Anna Rossi\r\nORG:Studio Rossi;\r\n"
    "item1.EMAIL;type=INTERNET;type=pref:anna@example.org\r\n"
    "item1.X-ABLabel:_$!<Other>!$_\r\n"
    "TEL;type=HOME;type=VOICE:+39 02 1234567\r\n"
    "TEL;type=CELL;type=VOICE;type=pref:+39 333 111 2222\r\n"
    "PHOTO;ENCODING=b;TYPE=JPEG:/9j/4AAQSkZJRgABAQAAAQABAAD/2wBDAAgGBgcGBQgHBwcJCQgKDBQNDAsLDBkSEw8U\r\n"
    " HRofHh0aHBwgJC4nICIsIxwcKDcpLDAxNDQ0Hyc5PTgyPC4zNDL/2wBDAQkJCQwLDBgNDQ\r\n"
    "END:VCARD\r\n"
    "BEGIN:VCARD\r\nVERSION:3.0\r\nN:;;;;\r\nFN:Acme Plumbing\r\nORG:Acme Plumbing;\r\n"
    "X-ABShowAs:COMPANY\r\nTEL;type=WORK:+39 02 999 0000\r\nEND:VCARD\r\n"
    "begin:vcard\r\nversion:4.0\r\nfn:Kenji Tanaka\r\n"
    "tel;value=uri;type=cell:tel:+81-90-1234-5678\r\nemail;type=work:kenji@example.jp\r\n"
    "bday:--0416\r\nend:vcard\r\n",
    added=3,
    emails=("anna@example.org", "kenji@example.jp"),
    phones=("+39 02 1234567", "+39 333 111 2222", "+39 02 999 0000", "+81-90-1234-5678"),
    people={
        "anna-rossi": {"org": "Studio Rossi", "phones": ["+39 333 111 2222", "+39 02 1234567"]},
        "kenji-tanaka": {"birthday": "--04-16"},
        "acme-plumbing": {"name": "Acme Plumbing"},
    },
)

add(
    "carddav-groups.vcf",
    # A CardDAV address book (Nextcloud, iCloud) keeps its groups as cards of their own:
    # Apple's 3.0 form X-ADDRESSBOOKSERVER-KIND:group and vCard 4.0's KIND:group.
    b"BEGIN:VCARD\r\nVERSION:3.0\r\nPRODID:-//Sabre//Sabre VObject 4.4.1//EN\r\n"
    b"UID:0d3c5e4a-1b2c-4d5e-8f90-a1b2c3d4e5f6\r\nFN:Sara Conti\r\nN:Conti;Sara;;;\r\n"
    b"EMAIL;TYPE=HOME:sara@example.org\r\nREV:20240101T000000Z\r\nEND:VCARD\r\n"
    b"BEGIN:VCARD\r\nVERSION:3.0\r\nUID:7f1e2d3c-4b5a-4968-8776-655443322110\r\n"
    b"FN:Famiglia\r\nN:Famiglia;;;;\r\nX-ADDRESSBOOKSERVER-KIND:group\r\n"
    b"X-ADDRESSBOOKSERVER-MEMBER:urn:uuid:0d3c5e4a-1b2c-4d5e-8f90-a1b2c3d4e5f6\r\n"
    b"END:VCARD\r\n"
    b"BEGIN:VCARD\r\nVERSION:4.0\r\nKIND:group\r\nFN:Colleghi\r\n"
    b"MEMBER:urn:uuid:0D3C5E4A-1B2C-4D5E-8F90-A1B2C3D4E5F6\r\n"
    b"MEMBER:urn:uuid:9a8b7c6d-5e4f-4a3b-9c2d-1e0f9a8b7c6d\r\nEND:VCARD\r\n"
    b"BEGIN:VCARD\r\nVERSION:4.0\r\nUID:urn:uuid:9a8b7c6d-5e4f-4a3b-9c2d-1e0f9a8b7c6d\r\n"
    b"FN:Paolo Ferri\r\nEMAIL;TYPE=work:paolo@example.it\r\n"
    b"EMAIL;TYPE=home;PREF=1:paolo.home@example.it\r\nEND:VCARD\r\n",
    added=2,
    skipped=("card 2 (line 10)", "card 3 (line 18)"),
    emails=("sara@example.org", "paolo@example.it", "paolo.home@example.it"),
    people={
        "sara-conti": {"tags": ["Famiglia", "Colleghi"]},
        "paolo-ferri": {
            "tags": ["Colleghi"],
            "emails": ["paolo.home@example.it", "paolo@example.it"],
        },
    },
)

add(
    "yahoo-export.csv",
    # Yahoo's layout: First/Middle/Last, an e-mail and two alternates, a phone column
    # per kind; an empty alternate must not wipe the e-mail before it.
    "First,Middle,Last,Nickname,Email,Category,Distribution Lists,Messenger ID,Home,Work,"
    "Pager,Fax,Mobile,Other,Yahoo Phone,Primary,Alternate Email 1,Alternate Email 2,"
    "Personal Website,Business Website,Title,Company\r\n"
    "Ada,,Ferrante,Adi,ada@example.org,,,,,,,,+39 333 000 0101,,,,,,,,Architect,Studio AF\r\n"
    "Bruno,,Galli,,,,,,,,,,,,,,bruno.galli@example.net,,,,,\r\n"
    ",,,,,,,,,,,,+39 340 000 0102,,,,,,,,,\r\n",
    added=3,
    named=2,
    emails=("ada@example.org", "bruno.galli@example.net"),
    phones=("+39 333 000 0101", "+39 340 000 0102"),
    people={
        "ada-ferrante": {
            "emails": ["ada@example.org"],
            "aliases": ["Adi"],
            "org": "Studio AF",
            "title": "Architect",
        },
        "bruno-galli": {"emails": ["bruno.galli@example.net"]},
    },
)

add(
    "feature-phone-shift-jis.vcf",
    b"BEGIN:VCARD\r\nVERSION:2.1\r\n"
    + "N;CHARSET=SHIFT_JIS:山田;太郎;;;\r\n".encode("shift_jis")
    + b"TEL;CELL:090-0000-0001\r\nEND:VCARD\r\n"
    b"BEGIN:VCARD\r\nVERSION:2.1\r\n"
    + "N;CHARSET=SHIFT_JIS:佐藤;花子;;;\r\n".encode("shift_jis")
    + "SOUND;X-IRMC-N;CHARSET=SHIFT_JIS:ｻﾄｳ;ﾊﾅｺ;;;\r\n".encode("shift_jis")
    + b"EMAIL;INTERNET:hanako@example.jp\r\nEND:VCARD\r\n",
    added=2,
    emails=("hanako@example.jp",),
    phones=("090-0000-0001",),
    people={"shantian-tailang": {"name": "山田 太郎"}, "zuoteng-huazi": {"name": "佐藤 花子"}},
)

add(
    "carddav-server.vcf",
    "BEGIN:VCARD\r\nVERSION:3.0\r\nUID:2b3f6c1e-aaaa-4bbb-8ccc-000000000001\r\n"
    "EMAIL;TYPE=INTERNET:no.name@example.org\r\nEND:VCARD\r\n"
    "BEGIN:VCARD\r\nVERSION:3.0\r\nUID:2b3f6c1e-aaaa-4bbb-8ccc-000000000002\r\n"
    "PHOTO;ENCODING=b;TYPE=JPEG:/9j/4AAQSkZJRgABAQAAAQABAAD/2wBDAAgGBgcGBQgHBwcJCQgKDBQN\r\n"
    "END:VCARD\r\n"
    "BEGIN:VCARD\r\nVERSION:4.0\r\nUID:urn:uuid:2b3f6c1e-aaaa-4bbb-8ccc-000000000003\r\n"
    "FN:Дмитрий Соколов\r\nEMAIL:dmitry@example.ru\r\n"
    "EMAIL;PREF=1:d.sokolov@example.com\r\n"
    "RELATED;TYPE=friend:urn:uuid:2b3f6c1e-aaaa-4bbb-8ccc-00000000ffff\r\n"
    "RELATED;TYPE=contact;VALUE=text:Someone Not Here\r\n"
    "BDAY:--0416\r\n"
    'NOTE:He said \\"call me\\"\\, then left\r\n'
    "END:VCARD\r\n"
    "BEGIN:VCARD\r\nVERSION:4.0\r\nFN:Γιώργος Παπαδόπουλος\r\n"
    "TEL;VALUE=uri:tel:+30-210-000-0001\r\n"
    "END:VCARD\r\n"
    "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Søren Kierkegaard\r\nEMAIL:soren@example.dk\r\nEND:VCARD\r\n"
    "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Søren Kierkegaard\r\nEMAIL:SOREN@example.dk\r\n"
    "TEL:+45 00 00 00 01\r\nEND:VCARD\r\n",
    added=4,
    named=5,
    skipped=("card 2 (line 6)",),
    emails=(
        "no.name@example.org",
        "dmitry@example.ru",
        "d.sokolov@example.com",
        "soren@example.dk",
    ),
    phones=("+30-210-000-0001", "+45 00 00 00 01"),
    people={
        "dmitriy-sokolov": {
            "email": "d.sokolov@example.com",
            "emails": ["d.sokolov@example.com", "dmitry@example.ru"],
            "birthday": "--04-16",
            "notes": 'He said "call me", then left',
        },
        "giorgos-papadopoylos": {"phone": "+30-210-000-0001"},
        "soren-kierkegaard": {"phones": ["+45 00 00 00 01"]},
        "no-name-example-org": {"name": "no.name@example.org"},
    },
)

add(
    "mac-classic-cr.vcf",
    "BEGIN:VCARD\rVERSION:3.0\rFN:Ada Quinn\rEMAIL:ada.quinn@example.ie\rEND:VCARD\r",
    added=1,
    emails=("ada.quinn@example.ie",),
)

add(
    "vcard-stray-byte.vcf",
    b"BEGIN:VCARD\nVERSION:3.0\nFN:Beatrix K\xc3\xb6nig\nNOTE:caf\xc3\xa9 \xff broken\n"
    b"EMAIL:beatrix@example.de\nEND:VCARD\n"
    b"BEGIN:VCARD\nVERSION:3.0\nFN:C\xc3\xa9line Roux\nEND:VCARD\n"
    b"BEGIN:VCARD\nVERSION:3.0\nFN:Jos\xc3\xa9 Pe\xc3\xb1a\nEND:VCARD\n",
    added=3,
    emails=("beatrix@example.de",),
    people={"beatrix-konig": {"name": "Beatrix König"}, "celine-roux": {"name": "Céline Roux"}},
)

add(
    "vcard-unterminated.vcf",
    "BEGIN:VCARD\nVERSION:3.0\nFN:Dora Kim\nTEL:+82 10 0000 0001\nEND:VCARD\n"
    "BEGIN:VCARD\nVERSION:3.0\nFN:Eli Cohen\nTEL:+972 50 000 0002\n",
    added=1,
    named=1,  # a card cut short is no contact: it is skipped, never imported
    skipped=("card 2 (line 6)",),
    phones=("+82 10 0000 0001",),
)

# ---------------------------------------------------------------- other CSV

add(
    "excel-semicolons.csv",
    "Name;Email;Phone;Company\r\nFabio Conti;fabio@example.it;+39 333 000 0001;Example Spa\r\n"
    "Giulia Neri;giulia@example.it;;\r\n",
    added=2,
    emails=("fabio@example.it", "giulia@example.it"),
    phones=("+39 333 000 0001",),
    people={"fabio-conti": {"org": "Example Spa"}},
)

add(
    "netjournal-own.csv",
    "name,key,emails,phones,tags,cadence_days\n"
    "Hana Ito,hana-ito,hana@example.jp; h.ito@example.com,+81 3 0000 0001,work,30\n",
    added=1,
    emails=("hana@example.jp", "h.ito@example.com"),
    phones=("+81 3 0000 0001",),
    people={"hana-ito": {"cadence_days": 30, "emails": ["hana@example.jp", "h.ito@example.com"]}},
)

add(
    "outlook-german.csv",
    "Anrede,Vorname,Weitere Vornamen,Nachname,Firma,Position,E-Mail-Adresse,Mobiltelefon\r\n"
    "Frau,Ilse,,Becker,Example GmbH,Leiterin,ilse.becker@example.de,+49 151 0000001\r\n",
    added=1,
    emails=("ilse.becker@example.de",),
    phones=("+49 151 0000001",),
    people={"ilse-becker": {"org": "Example GmbH", "title": "Leiterin"}},
)

add(
    "unknown-layout.csv",
    "Product,Price,Quantity\nWidget,3.50,2\n",
    added=0,
    named=0,
    accepted=False,
)


def main() -> None:
    for name, data in FILES.items():
        (HERE / name).write_bytes(data)
    (HERE / "expected.json").write_text(
        json.dumps(EXPECTED, ensure_ascii=False, indent=1) + "\n", encoding="utf-8"
    )


if __name__ == "__main__":
    main()
