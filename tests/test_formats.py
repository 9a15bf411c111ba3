"""Tests of the import and export file formats (vCard, CSV, detection)."""

from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from conftest import Net
from netjournal.codecs.charset import decode, decode_vcards
from netjournal.codecs.common import lenient_birthday, parse_any_date
from netjournal.codecs.csvfiles import (
    FIELDS,
    read_generic_csv,
    read_google_csv,
    read_linkedin,
    read_outlook_csv,
    write_csv,
)
from netjournal.codecs.detect import detect_format, read_any
from netjournal.codecs.document import Document, PersonRecord, TieRecord
from netjournal.codecs.vcard import looks_like_key, read_vcards, write_vcards
from netjournal.errors import InvalidFile, InvalidInput
from netjournal.matching.text import slug
from netjournal.services.interchange import profile_url

DATA = Path(__file__).parent / "data"


def load(name: str) -> str:
    # Bytes decoded as they are: line ends and any byte order mark are kept.
    return (DATA / name).read_bytes().decode("utf-8")


def doc_of(*people: PersonRecord, ties: tuple[TieRecord, ...] = ()) -> Document:
    return Document(format="netjournal", version=1, people=list(people), ties=list(ties))


def tie_set(doc: Document) -> set[tuple[frozenset[str], str | None]]:
    return {(frozenset((tie.a, tie.b)), tie.note) for tie in doc.ties}


def problems_of(excinfo: pytest.ExceptionInfo[InvalidFile]) -> list[str]:
    return excinfo.value.problems


# ---------------------------------------------------------------- vCard samples


def test_iphone_vcard_3_export() -> None:
    doc = read_vcards(load("contacts-iphone-3.0.vcf"))
    assert doc.people == [
        PersonRecord(
            name="Amélie Durand",
            aliases=["Amé", "Mimi"],
            org="Example Analytics",
            title="Data Scientist",
            emails=["amelie.durand@example.org", "amelie@example.com"],
            phone="+33 6 12 34 56 78",
            city="Lyon",
            notes=(
                "Met at the Lyon data meetup, March 2023.\n"
                "Ask about her thesis on graph embeddings; she offered to review our model card."
            ),
            birthday=date(1988, 3, 12),
            url="https://amelie.example.org/",
            tags=["Friends", "Data science"],
        ),
        PersonRecord(
            name="Jörg Müller",
            org="Beispiel GmbH",
            phone="+49 30 1234567",
            city="Berlin",
            birthday="--07-04",
            notes="Kennengelernt beim Stammtisch in München, spricht über Rust und"
            " verteilte Systeme.",
        ),
        PersonRecord(
            name="Chidi Emeka Okafor",
            title="Product Manager",
            emails=["chidi.okafor@example.com", "c.okafor@example.org"],
            birthday=date(1990, 1, 1),
            tags=["Work"],
        ),
        PersonRecord(
            name="Dr. Hana Nakamura",
            org="Example University",
            title="Associate Professor",
            email="hana.nakamura@example.org",
            phone="+81 90-1234-5678",
            birthday="--11-30",
            notes="Speaks Japanese, English and Portuguese. Introduced by Amélie at the 2023 ACL"
            " conference.",
        ),
    ]
    assert doc.ties == []


def test_vcard_4_export_with_journal_extensions_and_ties() -> None:
    doc = read_vcards(load("contacts-netjournal-4.0.vcf"))
    rosa, sam, lena = doc.people
    assert rosa == PersonRecord(
        key="rosa-chen",
        name="Rosa Chen",
        aliases=["Ro"],
        skills=["Kubernetes", "Incident response"],
        tags=["mentor", "cloud"],
        values=["candour"],
        org="Example Cloud",
        title="Staff SRE",
        city="Portland",
        email="rosa.chen@example.com",
        phone="+1-555-0100",
        met="SREcon 2022",
        notes="Runs the local SRE meetup.",
        cadence_days=45,
        added=date(2023, 4, 2),
        birthday=date(1987, 5, 21),
        url="https://rosa.example.com/",
    )
    assert sam == PersonRecord(
        key="sam-patel",
        name="Sam Patel",
        skills=["Hiring", "Team building"],
        values=["kindness", "rigour"],
        org="Example Health",
        title="Engineering Manager",
        email="sam.patel@example.org",
        phone="+1-555-0101",
        via="rosa-chen",
        birthday="--08-30",
    )
    assert lena == PersonRecord(
        name="Lena Novak",
        email="lena.novak@example.org",
        birthday=date(1992, 2, 29),
        notes="Photographer; shoots our conference talks and runs a small studio in Ljubljana."
        " Prefers messages to calls.",
    )
    # The tie is on both Rosa's and Sam's cards but read once; Sam's RELATED by
    # urn:uuid names Lena, who has no key; the web page relation is dropped.
    assert doc.ties == [
        TieRecord(a="rosa-chen", b="sam-patel", note="worked together at Example Cloud"),
        TieRecord(a="sam-patel", b="Lena Novak"),
    ]


def test_vcard_2_1_quoted_printable_and_charset() -> None:
    text = (
        "BEGIN:VCARD\r\nVERSION:2.1\r\n"
        "N;CHARSET=ISO-8859-1;ENCODING=QUOTED-PRINTABLE:Garc=EDa;Luc=EDa;;;\r\n"
        "TEL;CELL;PREF:+34 600 555 010\r\n"
        "NOTE;ENCODING=QUOTED-PRINTABLE;CHARSET=UTF-8:Primera l=C3=ADnea=0D=0A=\r\n"
        "Segunda l=C3=ADnea\r\n"
        "END:VCARD\r\n"
    )
    (person,) = read_vcards(text).people
    assert person.name == "Lucía García"
    assert person.phone == "+34 600 555 010"
    assert person.notes == "Primera línea\nSegunda línea"


@pytest.mark.parametrize(
    ("bday", "expected"),
    [
        ("19850312", date(1985, 3, 12)),
        ("1985-03-12", date(1985, 3, 12)),
        ("1985-03-12T08:30:00Z", date(1985, 3, 12)),
        ("--0312", "--03-12"),
        ("--03-12", "--03-12"),
        ("1604-04-16", "--04-16"),
        ("16040416", "--04-16"),
        ("1985", None),
        ("sometime in spring", None),
        ("1985-02-30", None),
    ],
)
def test_vcard_birthday_forms(bday: str, expected: date | str | None) -> None:
    if isinstance(expected, date):
        expected = expected.isoformat()
    text = f"BEGIN:VCARD\nVERSION:4.0\nFN:Ana Silva\nBDAY:{bday}\nEND:VCARD\n"
    assert read_vcards(text).people[0].birthday == expected


def test_vcard_name_from_n_and_text_escapes() -> None:
    text = (
        "\ufeffBEGIN:VCARD\nVERSION:3.0\nN:van Dijk;Pieter\\, Jr.;;;\n"
        "NOTE:a\\\\b\\, c\\; d\\ne\nCATEGORIES:one\\,two,three\nEND:VCARD\n"
    )
    (person,) = read_vcards(text).people
    assert person.name == "Pieter, Jr. van Dijk"
    assert person.notes == "a\\b, c; d\ne"
    assert person.tags == ["one,two", "three"]


def test_vcard_tel_uri_only_stripped_when_a_uri() -> None:
    text = (
        "BEGIN:VCARD\nVERSION:4.0\nFN:A\nTEL;VALUE=uri:tel:+1-555-0100\nEND:VCARD\n"
        "BEGIN:VCARD\nVERSION:3.0\nFN:B\nTEL:tel:0100\nEND:VCARD\n"
    )
    assert [p.phone for p in read_vcards(text).people] == ["+1-555-0100", "tel:0100"]


@pytest.mark.parametrize(
    ("uid", "is_key"),
    [
        ("ada-lovelace", True),
        ("ada-lovelace-2", True),
        ("50-cent", True),
        ("Ada-Lovelace", False),
        ("ada lovelace", False),
        ("1337", False),
        ("f81d4fae-7dec-11d0-a765-00a0c91e6bf6", False),
        ("urn:uuid:f81d4fae-7dec-11d0-a765-00a0c91e6bf6", False),
        ("4b9e1c2a7f3d4e8b9a1c2d3e", False),
        ("", False),
    ],
)
def test_uid_is_a_key_only_when_a_slug(uid: str, is_key: bool) -> None:
    assert looks_like_key(uid) is is_key


# ---------------------------------------------------------------- malformed vCards


def test_bad_unterminated_vcard_skips_only_the_open_card() -> None:
    found = read_vcards(load("bad-unterminated.vcf"))
    assert [str(s) for s in found.skipped] == [
        "card 2 (line 6): BEGIN:VCARD without END:VCARD (is the file cut short?)"
    ]
    assert len(found.people) == 1


def test_nameless_vcard_is_named_from_its_email() -> None:
    found = read_vcards(load("contacts-nameless.vcf"))
    assert found.skipped == []
    assert [(p.name, p.phones) for p in found.people] == [
        ("Tomasz Zieliński", []),
        ("no-name@example.com", ["+48 22 555 0100"]),
    ]


def test_vcard_reports_every_problem_at_once() -> None:
    text = "\n".join(
        [
            "this is not a vCard",  # 1
            "BEGIN:VCARD",  # 2
            "FN:Good Person",  # 3
            "END:VCARD",  # 4
            "BEGIN:VCARD",  # 5
            "FN:Bad Cadence",  # 6
            "X-NETJOURNAL-CADENCE:often",  # 7
            "X-NETJOURNAL-ADDED:last week",  # 8
            "END:VCARD",  # 9
            "BEGIN:VCARD",  # 10
            "garbage without a colon",  # 11
            "EMAIL:x@example.org",  # 12
            "END:VCARD",  # 13
            "END:VCARD",  # 14
            "BEGIN:VCARD",  # 15
            "FN:Never Ended",  # 16
            "BEGIN:VCARD",  # 17
            "FN:Last One",  # 18
            "END:VCARD",  # 19
        ]
    )
    found = read_vcards(text)
    assert [str(s) for s in found.skipped] == [
        "line 1: text outside any card: 'this is not a vCard'",
        "card 2 (line 5): line 7: X-NETJOURNAL-CADENCE is not a whole number of days above"
        " zero: 'often'; line 8: X-NETJOURNAL-ADDED is not a YYYY-MM-DD date: 'last week'",
        "line 14: END:VCARD without BEGIN:VCARD",
        "card 4 (line 15): BEGIN:VCARD without END:VCARD",
    ]
    assert found.notes == [
        "card 3 (line 11): not a vCard line, left out: 'garbage without a colon'"
    ]
    # The card with only an e-mail is named from it; the good ones are kept.
    assert [p.name for p in found.people] == ["Good Person", "x@example.org", "Last One"]


def test_vcard_empty_file() -> None:
    with pytest.raises(InvalidFile, match="no complete card"):
        read_vcards("\n\n")


# ---------------------------------------------------------------- vCard writing


def test_write_vcard_4_layout() -> None:
    doc = doc_of(
        PersonRecord(
            key="ana-silva",
            name="Ana Silva",
            birthday=date(1990, 7, 1),
            phone="+351 21 555 0100",
            email="ana@example.org",
            notes="x" * 200,
        ),
        PersonRecord(name="Bo Li"),
        ties=(TieRecord(a="ana-silva", b="Bo Li", note='said "hi"\nonce'),),
    )
    text = write_vcards(doc)
    assert all(len(line.encode()) <= 75 for line in text.split("\r\n"))
    lines = text.replace("\r\n ", "").split("\r\n")
    assert lines[:3] == ["BEGIN:VCARD", "VERSION:4.0", "PRODID:-//netjournal//netjournal//EN"]
    assert "UID:ana-silva" in lines
    assert "BDAY:19900701" in lines
    assert "TEL;VALUE=text:+351 21 555 0100" in lines
    note = "X-NETJOURNAL-NOTE=said ^'hi^'^nonce"
    assert f"RELATED;TYPE=contact;VALUE=text;{note}:Bo Li" in lines
    assert f"RELATED;TYPE=contact;VALUE=text;{note}:ana-silva" in lines
    assert "NOTE:" + "x" * 200 in lines
    assert text.endswith("END:VCARD\r\n")
    assert "\n" not in text.replace("\r\n", "")


def test_write_vcard_3_layout_and_vobject_can_read_it() -> None:
    import vobject

    doc = doc_of(
        PersonRecord(name="Ana Silva", birthday=date(1990, 7, 1), email="ana@example.org"),
    )
    text = write_vcards(doc, version="3.0")
    assert "VERSION:3.0\r\n" in text
    assert "BDAY:1990-07-01\r\n" in text
    assert "EMAIL;TYPE=INTERNET:ana@example.org\r\n" in text
    assert "N:Silva;Ana;;;\r\n" in text
    (card,) = list(vobject.readComponents(text))
    assert card.fn.value == "Ana Silva"


def test_write_vcard_rejects_other_versions() -> None:
    with pytest.raises(ValueError, match=r"3\.0, 4\.0"):
        write_vcards(doc_of(), version="2.1")


def test_tie_to_someone_outside_the_document_is_kept_on_one_card() -> None:
    doc = doc_of(
        PersonRecord(key="ana", name="Ana"),
        ties=(TieRecord(a="ana", b="carol-ng"), TieRecord(a="x-y", b="z")),
    )
    back = read_vcards(write_vcards(doc))
    assert back.ties == [TieRecord(a="ana", b="carol-ng")]


# ---------------------------------------------------------------- vCard round trip

# Control characters are left out but for newline and tab: the document model
# strips names by Unicode's rule and other fields by Python's, which differ
# only on a few of them.
_TEXT_CHARS = st.characters(blacklist_categories=("Cs", "Cc"), whitelist_characters="\n\t")
_texts = st.text(_TEXT_CHARS, max_size=30)
_tricky = st.sampled_from(["", ",", ";", "\\", "\\n", "a,b;c", " x ", "\n", "é", "=", ":", "^"])
_words = st.one_of(_texts, _tricky, st.from_regex(r"[A-Za-z ,;:\\\n]{0,12}", fullmatch=True))
_optional = st.one_of(st.none(), _words)
_names = _words.filter(lambda name: bool(name.strip()))
_keys = st.from_regex(r"[a-z]{1,8}(-[a-z0-9]{1,5}){0,2}", fullmatch=True)
_dates = st.dates(min_value=date(1, 1, 1), max_value=date(9999, 12, 31))
# A birthday: a date (but in 1604, the stand-in year for none) or a day without a year.
_birthdays = st.one_of(
    _dates.filter(lambda d: d.year != 1604).map(date.isoformat),
    st.dates(min_value=date(2000, 1, 1), max_value=date(2000, 12, 31)).map(
        lambda d: f"--{d.month:02d}-{d.day:02d}"
    ),
)


@st.composite
def people(draw: st.DrawFn, keys: st.SearchStrategy[str] = _keys) -> PersonRecord:
    return PersonRecord(
        key=draw(st.one_of(st.none(), keys)),
        name=draw(_names),
        aliases=draw(st.lists(_words, max_size=3)),
        skills=draw(st.lists(_words, max_size=3)),
        tags=draw(st.lists(_words, max_size=3)),
        values=draw(st.lists(_words, max_size=3)),
        org=draw(_optional),
        title=draw(_optional),
        city=draw(_optional),
        email=draw(_optional),
        emails=draw(st.lists(_words, max_size=3)),
        phone=draw(_optional),
        phones=draw(st.lists(_words, max_size=3)),
        met=draw(_optional),
        notes=draw(st.one_of(st.none(), st.text(_TEXT_CHARS, max_size=300), _words)),
        cadence_days=draw(st.one_of(st.none(), st.integers(min_value=1, max_value=10_000))),
        via=draw(_optional),
        added=draw(st.one_of(st.none(), _dates)),
        birthday=draw(st.one_of(st.none(), _birthdays)),
        url=draw(_optional),
    )


def _identity(person: PersonRecord) -> str:
    return person.key or person.name


@st.composite
def documents(draw: st.DrawFn) -> Document:
    found = draw(st.lists(people(), min_size=1, max_size=4))
    identities = [_identity(person) for person in found]
    assume(len(set(identities)) == len(identities))
    pairs = draw(
        st.lists(
            st.tuples(
                st.integers(0, len(found) - 1),
                st.integers(0, len(found) - 1),
                st.one_of(st.none(), _names.map(str.strip)),
            ).filter(lambda t: t[0] != t[1]),
            max_size=4,
            unique_by=lambda t: frozenset(t[:2]),
        )
    )
    ties = tuple(TieRecord(a=identities[a], b=identities[b], note=note) for a, b, note in pairs)
    return doc_of(*found, ties=ties)


@pytest.mark.parametrize("version", ["4.0", "3.0"])
@settings(
    max_examples=150, suppress_health_check=[HealthCheck.filter_too_much, HealthCheck.too_slow]
)
@given(doc=documents())
def test_vcard_round_trip(version: str, doc: Document) -> None:
    back = read_vcards(write_vcards(doc, version=version))
    assert back.people == doc.people
    assert tie_set(back) == tie_set(doc)


# ---------------------------------------------------------------- LinkedIn


def test_linkedin_with_bom_crlf_and_preamble() -> None:
    text = load("linkedin-connections.csv")
    assert text.startswith("\ufeffNotes:\r\n")
    doc = read_linkedin(text)
    assert doc.people == [
        PersonRecord(
            name="Priya Raman",
            org="Acme Widgets, Inc.",
            title="Staff Software Engineer",
            added=date(2024, 3, 15),
            url="https://www.linkedin.example.com/in/priya-raman-0a1b2c",
            tags=["linkedin"],
        ),
        PersonRecord(
            name="Diego Fernández",
            org="Example Logistics",
            title="VP, Engineering",
            email="diego.fernandez@example.com",
            added=date(2023, 1, 2),
            url="https://www.linkedin.example.com/in/diegofernandez",
            tags=["linkedin"],
        ),
        PersonRecord(
            name="Aisha Bello",
            added=date(2019, 11, 28),
            url="https://www.linkedin.example.com/in/aisha-bello",
            tags=["linkedin"],
        ),
        PersonRecord(
            name="Wei Zhang",
            org="Zhang & Partners, LLP",
            title="Partner, Tax Advisory",
            added=date(2021, 8, 7),
            url="https://www.linkedin.example.com/in/wei-zhang-88",
            tags=["linkedin"],
        ),
    ]
    assert all(person.key is None for person in doc.people)


def test_linkedin_without_preamble_and_iso_dates() -> None:
    doc = read_linkedin(load("linkedin-nopreamble.csv"))
    assert [(p.name, p.org, p.title, p.email, p.added) for p in doc.people] == [
        (
            "Olu Adeyemi",
            "Example Bank",
            "Risk Analyst",
            "olu.adeyemi@example.org",
            date(2024, 3, 15),
        ),
        ("Sofia Rossi", "Rossi, Bianchi & Co.", "Designer", None, date(2022, 10, 1)),
    ]


def test_linkedin_short_preamble_and_other_date_forms() -> None:
    text = (
        "Notes:\n\nFirst Name,Last Name,Email Address,Company,Position,Connected On\n"
        'Ann,Lee,,,,"Mar 5, 2020"\nBo,,,,,5 September 2021\n'
    )
    doc = read_linkedin(text)
    assert [(p.name, p.added) for p in doc.people] == [
        ("Ann Lee", date(2020, 3, 5)),
        ("Bo", date(2021, 9, 5)),
    ]


def test_bad_truncated_linkedin_skips_the_torn_last_row() -> None:
    found = read_linkedin(load("bad-truncated-linkedin.csv"))
    assert [str(s) for s in found.skipped] == ["line 6: cut short: the file ends inside it"]
    assert found.people


def test_linkedin_row_problems_all_at_once() -> None:
    text = (
        "First Name,Last Name,URL,Email Address,Company,Position,Connected On\n"
        ",,,x@example.org,Acme,,15 Mar 2024\n"
        ",,,,,,21 Oct 2024\n"
        "Ann,Lee,,,,,yesterday\n"
        "Bo,Chen,,,Acme,Boss,1 Jan 2020,extra\n"
    )
    found = read_linkedin(text)
    assert [str(s) for s in found.skipped] == [
        "line 3: no name, e-mail or phone",
        "line 5: 8 cells, but the header (line 1) has 7",
    ]
    # A nameless row with an e-mail is named from it; a date not understood is left out.
    assert [(p.name, p.added) for p in found.people] == [
        ("x@example.org", date(2024, 3, 15)),
        ("Ann Lee", None),
    ]
    assert found.wheres == ["line 2", "line 4"]


def test_linkedin_without_header() -> None:
    with pytest.raises(InvalidFile, match="no header row with the columns First Name"):
        read_linkedin("Notes:\nnothing here\n")


# ---------------------------------------------------------------- Google


def test_google_current_export() -> None:
    doc = read_google_csv(load("google-contacts.csv"))
    assert doc.people == [
        PersonRecord(
            name="Marta Kowalska",
            aliases=["Martusia"],
            org="Example Robotics",
            title="Mechanical Engineer",
            birthday=date(1991, 6, 23),
            notes="Met at the robotics fair.\nWants intros to hardware investors.",
            tags=["Friends", "Robotics club"],
            emails=["marta.kowalska@example.com", "marta@example.org"],
            phone="+48 600 100 200",
            city="Kraków",
            url="https://marta.example.com",
        ),
        PersonRecord(
            name="Ben J. Carter",
            email="ben.carter@example.org",
            phones=["+1 555-0142", "+1 555-0143"],
            birthday="--12-25",
        ),
        PersonRecord(
            name="Example Plumbing",
            org="Example Plumbing",
            phone="+44 161 555 0123",
            tags=["Home repairs"],
        ),
    ]


def test_google_legacy_export() -> None:
    doc = read_google_csv(load("google-legacy.csv"))
    assert doc.people == [
        PersonRecord(
            name="Grace Okoye",
            aliases=["Gee"],
            birthday=date(1979, 9, 14),
            notes="Edits the quarterly; knows every printer in town.",
            tags=["Coworkers", "Book club"],
            email="grace.okoye@example.org",
            phone="+234 802 555 0101",
            city="Lagos",
            org="Example Press",
            title="Managing Editor",
            url="https://grace.example.org",
        ),
        PersonRecord(name="Lars Eriksson", email="lars.eriksson@example.com"),
    ]


def test_google_columns_read_by_name_not_position() -> None:
    text = "E-mail 1 - Value,Labels,Last Name,First Name\nann@example.org,Team,Lee,Ann\n"
    (person,) = read_google_csv(text).people
    assert (person.name, person.email, person.tags) == ("Ann Lee", "ann@example.org", ["Team"])


def test_bad_google_noname_is_skipped_and_the_rest_read() -> None:
    found = read_google_csv(load("google-nameless.csv") + ",,,,,,,,,,,,,,,,* myContacts\n")
    assert [str(s) for s in found.skipped] == ["line 4: no name, e-mail or phone"]
    # A contact with only an e-mail and a phone is named from the e-mail.
    assert [(p.name, p.phones) for p in found.people] == [
        ("Nora Quinn", []),
        ("someone@example.com", ["+1 555-0199"]),
    ]


def test_google_header_without_names() -> None:
    with pytest.raises(InvalidFile, match="the header has no name column"):
        read_google_csv("E-mail 1 - Value\nx@example.org\n")


# ---------------------------------------------------------------- Outlook


def test_outlook_export() -> None:
    doc = read_outlook_csv(load("outlook-contacts.csv"))
    assert doc.people == [
        PersonRecord(
            name="Nadia Haddad",
            org="Example Consulting",
            title="Principal Consultant",
            city="Montréal",
            phones=["+1 514 555 0110", "+1 514 555 0111"],
            birthday=date(1984, 4, 23),
            tags=["Clients", "Mentors"],
            email="nadia.haddad@example.com",
            notes="Prefers calls after 4pm.\nFrench or English, both fine.",
            via="Amélie Durand",
            url="https://nadia.example.com",
        ),
        PersonRecord(
            name="Kenji T. Watanabe",
            title="Freelance Translator",
            city="Osaka",
            phone="+81 6 5555 0123",
            email="kenji.watanabe@example.org",
        ),
        PersonRecord(
            name="Sven Larsen",
            org="Example Shipping A/S",
            title="Logistics Lead",
            birthday=date(1980, 4, 23),
            tags=["Work"],
            via="Kenji Watanabe",
            email="sven.larsen@example.com",
        ),
    ]


def test_outlook_row_without_name_is_named_from_the_email() -> None:
    text = "First Name,Last Name,Job Title,E-mail Address\n,,Boss,boss@example.com\n,,Boss,\n"
    found = read_outlook_csv(text)
    assert [p.name for p in found.people] == ["boss@example.com"]
    assert [str(s) for s in found.skipped] == ["line 3: no name, e-mail or phone"]


def test_generic_csv() -> None:
    doc = read_generic_csv(load("generic-people.csv"))
    assert doc.people == [
        PersonRecord(
            key="ada-byron-king",
            name="Ada Byron-King",
            aliases=["Ada", "The Countess"],
            skills=["mathematics", "analytical engines"],
            tags=["mentor", "history"],
            values=["curiosity"],
            org="Example Engines",
            title="Analyst",
            city="London",
            email="ada@example.org",
            phone="+44 20 5550 0100",
            met="Babbage's salon, 1833",
            notes="Wrote the first published program.\nAsk about the Notes, especially G.",
            cadence_days=30,
            via="charles-babbage",
            added=date(2024, 1, 10),
            birthday=date(1815, 12, 10),
            url="https://ada.example.org",
        ),
        PersonRecord(
            key="charles-babbage",
            name="Charles Babbage",
            skills=["engineering", "cryptanalysis"],
            tags=["history"],
            org="Example Engines",
            title="Inventor",
            city="London",
            email="charles@example.org",
            cadence_days=90,
            added=date(2024, 1, 9),
        ),
        PersonRecord(name="Mary Somerville", aliases=["Polly"], birthday="--12-26"),
    ]


def test_generic_csv_any_column_order_and_case() -> None:
    text = "Tags, NAME ,Skills\r\nx;\\;y; z\\\\,Ann Lee,\n"
    (person,) = read_generic_csv(text).people
    assert person == PersonRecord(name="Ann Lee", tags=["x", ";y", "z\\"])


def test_generic_csv_reads_common_column_names_and_notes_the_others() -> None:
    found = read_generic_csv(load("generic-other-columns.csv"))
    assert found.people
    assert all(p.org for p in found.people)
    assert all(p.email for p in found.people)


def test_outlook_in_german_is_read_by_its_column_names() -> None:
    text = "Vorname;Nachname;Firma;E-Mail-Adresse\nAnna;Schmidt;Acme;anna@example.de\n"
    (person,) = read_generic_csv(text).people
    assert (person.name, person.org, person.email) == ("Anna Schmidt", "Acme", "anna@example.de")


def test_generic_csv_unknown_layout_names_the_layouts() -> None:
    with pytest.raises(InvalidFile) as excinfo:
        read_generic_csv("Produkt;Preis;Menge\nWidget;3;2\n")
    assert problems_of(excinfo) == [
        "line 1: the header ('Produkt', 'Preis', 'Menge') is not a layout netjournal"
        " reads: it has no name column"
    ]
    assert excinfo.value.hint is not None
    for layout in ("LinkedIn (First Name, Last Name, Connected On)", "Thunderbird", "Outlook"):
        assert layout in excinfo.value.hint


@pytest.mark.parametrize(
    ("text", "skipped"),
    [
        ("name,org,Name\nAnn,Acme,Ann\n", []),
        (
            "name,cadence_days,added,birthday\nAnn,0,2024-13-01,soon\nBo,,,\n",
            [
                "line 2: cadence_days is not a whole number above zero: '0'; added is not a"
                " YYYY-MM-DD date: '2024-13-01'; birthday is not a YYYY-MM-DD date: 'soon'"
            ],
        ),
        ('name,notes\nBo,\nAnn,"unfinished\n', ["line 3: cut short: the file ends inside it"]),
        ('name,notes\nAnn,"a"b\nBo,\n', ["line 2: unreadable quotes (',' expected after '\"')"]),
        ("name,org\n,Acme\nBo,\n", ["line 2: no name, e-mail or phone"]),
        ("name,org,city\nBo,Acme,Roma\nAnn,Ac", ["line 3: cut short: the file ends inside it"]),
    ],
)
def test_generic_csv_skips_what_it_cannot_read(text: str, skipped: list[str]) -> None:
    found = read_generic_csv(text)
    assert [str(s) for s in found.skipped] == skipped
    assert [p.name for p in found.people][:1] in (["Ann"], ["Bo"])


@pytest.mark.parametrize(
    ("text", "problem"),
    [
        ("key,org\nann,Acme\n", "line 1: the header ('key', 'org') is not a layout"),
        ("\n\n", "the file is empty"),
    ],
)
def test_generic_csv_problems(text: str, problem: str) -> None:
    with pytest.raises(InvalidFile) as excinfo:
        read_generic_csv(text)
    assert problems_of(excinfo)[0].startswith(problem)


def test_write_csv_header_and_lists() -> None:
    doc = doc_of(PersonRecord(name="Ann", tags=["a;b", "c\\"], added=date(2024, 1, 2)))
    text = write_csv(doc)
    header, row, end = text.split("\n")
    assert header == ",".join(FIELDS)
    assert row == "Ann,,,,a\\;b; c\\\\,,,,,,,,,,,,,2024-01-02,,"
    assert end == ""


@settings(max_examples=200, suppress_health_check=[HealthCheck.too_slow])
@given(found=st.lists(people(keys=_names.map(str.strip)), max_size=5))
def test_generic_csv_round_trip(found: list[PersonRecord]) -> None:
    doc = doc_of(*found)
    assert read_generic_csv(write_csv(doc)).people == doc.people


# ---------------------------------------------------------------- detection


SAMPLES = {
    "contacts-iphone-3.0.vcf": "vcard",
    "contacts-netjournal-4.0.vcf": "vcard",
    "bad-unterminated.vcf": "vcard",
    "contacts-nameless.vcf": "vcard",
    "linkedin-connections.csv": "linkedin",
    "linkedin-nopreamble.csv": "linkedin",
    "bad-truncated-linkedin.csv": "linkedin",
    "google-contacts.csv": "google",
    "google-legacy.csv": "google",
    "google-nameless.csv": "google",
    "outlook-contacts.csv": "outlook",
    "generic-people.csv": "csv",
    "generic-other-columns.csv": "csv",
}


@pytest.mark.parametrize(("name", "expected"), sorted(SAMPLES.items()))
def test_detect_every_sample(name: str, expected: str) -> None:
    assert detect_format(load(name), name) == expected
    assert detect_format(load(name)) == expected


def test_every_sample_is_covered_by_detection_tests() -> None:
    pattern = re.compile(r"(contacts|linkedin|google|outlook|generic|bad)-.*\.(vcf|csv)")
    names = {path.name for path in DATA.iterdir() if pattern.fullmatch(path.name)}
    assert names == set(SAMPLES)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ('\ufeff  {"format": "netjournal", "version": 1}', "json"),
        ("\n[]", "json"),
        ("\n\nbegin:vcard\nFN:A\nend:vcard\n", "vcard"),
    ],
)
def test_detect_json_and_vcard_by_content(text: str, expected: str) -> None:
    assert detect_format(text) == expected


def test_detect_unknown_format() -> None:
    with pytest.raises(InvalidFile) as excinfo:
        detect_format("just some notes\nabout people\n", "notes.txt")
    assert excinfo.value.message == "cannot tell the format of notes.txt"
    assert excinfo.value.hint == "give --format json|vcard|linkedin|google|outlook|thunderbird|csv"


def test_detect_falls_back_on_the_extension() -> None:
    assert detect_format("garbage\nBEGIN:VCARD\n", "phone.VCF") == "vcard"
    assert detect_format("who,what\n", "people.csv") == "csv"


def test_read_any_dispatches() -> None:
    assert read_any(load("outlook-contacts.csv"), "csv").people[0].name == "Nadia Haddad"
    assert read_any(load("linkedin-connections.csv"), "csv").people[0].name == "Priya Raman"
    assert read_any(load("google-legacy.csv"), "csv").people[0].name == "Grace Okoye"
    assert read_any(load("generic-people.csv"), "csv").people[2].name == "Mary Somerville"
    assert read_any(load("contacts-netjournal-4.0.vcf"), "vcard").people[0].key == "rosa-chen"
    assert read_any(load("linkedin-nopreamble.csv"), "linkedin").people[0].name == "Olu Adeyemi"
    with pytest.raises(InvalidFile, match=r"the header \('who', 'what'\) is not a layout"):
        read_any("who,what\n", "csv")
    with pytest.raises(InvalidInput, match="unknown import format 'xml'"):
        read_any("", "xml")
    with pytest.raises(ValueError, match="document loader"):
        read_any("{}", "json")


def test_package_exports_the_public_functions() -> None:
    import netjournal.codecs as formats

    assert formats.read_any is read_any
    assert formats.write_vcards is write_vcards
    assert sorted(formats.__all__) == [
        "EXPORT_FORMATS",
        "EXTENSIONS",
        "FORMATS",
        "Format",
        "IMPORT_FORMATS",
        "detect_format",
        "format_named",
        "read_any",
        "read_generic_csv",
        "read_google_csv",
        "read_linkedin",
        "read_outlook_csv",
        "read_thunderbird_csv",
        "read_vcards",
        "write_csv",
        "write_vcards",
    ]


# ---------------------------------------------------------------- dates of every shape


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2024-10-21", date(2024, 10, 21)),  # ISO, Google, the journal's own
        ("20241021", date(2024, 10, 21)),  # vCard 4.0
        ("2024-10-21T10:00:00Z", date(2024, 10, 21)),  # with a time
        ("2024/10/21", date(2024, 10, 21)),
        ("21 Oct 2024", date(2024, 10, 21)),  # LinkedIn
        ("21 October 2024", date(2024, 10, 21)),
        ("5-Jan-26", date(2026, 1, 5)),  # LinkedIn re-saved by Excel
        ("23-Apr-23", date(2023, 4, 23)),
        ("Oct 21, 2024", date(2024, 10, 21)),
        ("October 3rd, 2019", date(2019, 10, 3)),
        ("1/8/18, 6:14 PM", date(2018, 1, 8)),  # LinkedIn in 2018
        ("11/23/17, 9:02 AM", date(2017, 11, 23)),
        ("4/16/1975", date(1975, 4, 16)),  # Outlook
        ("16/4/1975", date(1975, 4, 16)),  # day first, as the number shows
        ("21.10.2024", date(2024, 10, 21)),  # German Excel
    ],
)
def test_every_date_shape_of_real_exports(text: str, expected: date) -> None:
    assert parse_any_date(text) == expected


def test_numeric_dates_follow_the_column() -> None:
    assert parse_any_date("3/4/2024", day_first=True) == date(2024, 4, 3)
    assert parse_any_date("3/4/2024") == date(2024, 3, 4)
    with pytest.raises(ValueError):
        parse_any_date("yesterday")


def test_linkedin_numeric_dates_are_day_first_when_one_row_says_so() -> None:
    text = "First Name,Last Name,Connected On\nAnn,Lee,3/4/2024\nBo,Chen,23/4/2024\n"
    assert [p.added for p in read_linkedin(text).people] == [date(2024, 4, 3), date(2024, 4, 23)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("--0416", "--04-16"),
        ("--04-16", "--04-16"),
        ("1604-04-16", "--04-16"),
        ("16040416", "--04-16"),
        ("0000-04-16", "--04-16"),
        ("1975-04-16", "1975-04-16"),
        ("--02-30", None),
        ("someday", None),
    ],
)
def test_birthdays_without_a_year(text: str, expected: str | None) -> None:
    assert lenient_birthday(text) == expected


# ---------------------------------------------------------------- bytes, charsets, line ends


def test_windows_1252_of_even_length_is_not_utf16() -> None:
    raw = "Name\r\nZoë O’Neil – “Zo”\r\n".encode("cp1252")
    raw += b"x" * (len(raw) % 2)
    assert len(raw) % 2 == 0
    assert decode(raw).startswith("Name\r\nZoë O’Neil – “Zo”")


def test_utf16_with_and_without_a_byte_order_mark() -> None:
    text = "Name\nAnna Rossi\n"
    assert decode(text.encode("utf-16")) == text
    assert decode(text.encode("utf-16-le")) == text
    assert decode(text.encode("utf-16-be")) == text


def test_utf8_with_a_stray_byte_stays_utf8() -> None:
    raw = "FN:Beatrix König\nNOTE:café ".encode() + b"\xff" + " José".encode()
    assert decode(raw) == "FN:Beatrix König\nNOTE:café \ufffd José"


def test_vcard_charset_parameter_decodes_its_line() -> None:
    raw = (
        b"BEGIN:VCARD\r\nVERSION:2.1\r\n"
        + "N;CHARSET=SHIFT_JIS:山田;太郎;;;\r\n".encode("shift_jis")
        + "NOTE;CHARSET=ISO-8859-1:Grüße\r\n".encode("latin-1")
        + "TITLE:Ingénieur\r\n".encode()
        + b"END:VCARD\r\n"
    )
    (person,) = read_vcards(decode_vcards(raw)).people
    assert person.name == "山田 太郎"  # family name first, as Japanese names are written
    assert person.notes == "Grüße"
    assert person.title == "Ingénieur"


def test_quoted_printable_without_charset_falls_back_to_windows_1252() -> None:
    text = "BEGIN:VCARD\nVERSION:2.1\nN;ENCODING=QUOTED-PRINTABLE:Garc=EDa;Luc=EDa;;;\nEND:VCARD\n"
    assert read_vcards(text).people[0].name == "Lucía García"


@pytest.mark.parametrize("end", ["\r\n", "\n", "\r\r\n", "\r"])
def test_vcard_every_line_end(end: str) -> None:
    text = end.join(
        [
            "BEGIN:VCARD",
            "VERSION:3.0",
            "FN:Ana",
            "NOTE:one",
            " two",
            "EMAIL:a@example.org",
            "END:VCARD",
            "",
        ]
    )
    (person,) = read_vcards(text).people
    assert (person.name, person.notes, person.email) == ("Ana", "onetwo", "a@example.org")


def test_a_bare_cr_inside_a_csv_record_does_not_split_it() -> None:
    text = "name,notes,email\r\nAna,line one\rline two,a@example.org\r\nBo,,\r\n"
    found = read_generic_csv(text)
    assert [(p.name, p.notes, p.email) for p in found.people] == [
        ("Ana", "line one line two", "a@example.org"),
        ("Bo", None, None),
    ]
    assert found.skipped == []


def test_several_emails_and_phones_preferred_first() -> None:
    text = (
        "BEGIN:VCARD\nVERSION:4.0\nFN:Ana\nEMAIL:home@example.org\n"
        "EMAIL;PREF=1:work@example.org\nTEL;TYPE=home:+1 555 0100\n"
        "TEL;TYPE=cell,pref:+1 555 0101\nEND:VCARD\n"
    )
    (person,) = read_vcards(text).people
    assert person.emails == ["work@example.org", "home@example.org"]
    assert person.email == "work@example.org"
    assert person.phones == ["+1 555 0101", "+1 555 0100"]
    back = read_vcards(write_vcards(doc_of(person))).people[0]
    assert (back.emails, back.phones) == (person.emails, person.phones)


def test_a_version_1_email_becomes_a_one_element_list() -> None:
    person = PersonRecord(name="Ana", email="a@example.org", phone="+1 555 0100")
    assert (person.emails, person.phones) == (["a@example.org"], ["+1 555 0100"])
    merged = PersonRecord(name="Ana", email="b@example.org", emails=["a@example.org"])
    assert (merged.email, merged.emails) == ("b@example.org", ["b@example.org", "a@example.org"])


# ---------------------------------------------------------------- keys and identity


@pytest.mark.parametrize(
    ("name", "key"),
    [
        ("Søren Kierkegaard", "soren-kierkegaard"),
        ("Иван Петров", "ivan-petrov"),
        ("Γιώργος Παπαδόπουλος", "giorgos-papadopoylos"),
        ("やまだ たろう", "yamada-tarou"),
        ("山田 太郎", "shantian-tailang"),
        ("Łukasz Żółć", "lukasz-zolc"),
        ("Anna Rossi", "anna-rossi"),
    ],
)
def test_keys_for_every_script(name: str, key: str) -> None:
    assert slug(name) == key


@pytest.mark.parametrize(
    ("url", "identity"),
    [
        ("https://www.linkedin.com/in/ana-silva/", "linkedin/in/ana-silva"),
        ("http://linkedin.com/in/Ana-Silva?trk=x", "linkedin/in/ana-silva"),
        ("https://it.linkedin.com/in/mario%20rossi", "linkedin/in/mario rossi"),
        ("https://www.linkedin.com/company/example-gmbh/", None),
        ("https://example.com/", None),
        ("https://anna.example.org", None),
    ],
)
def test_only_a_personal_profile_url_identifies(url: str, identity: str | None) -> None:
    assert profile_url(url) == identity


# ---------------------------------------------------------------- the JSON document, streamed


@pytest.mark.parametrize("chunk", [1, 7, 64, 1 << 20])
def test_the_document_is_walked_record_by_record_across_any_chunk(
    chunk: int, monkeypatch: pytest.MonkeyPatch
) -> None:
    import io
    import json

    from netjournal.codecs import stream

    monkeypatch.setattr(stream, "CHUNK", chunk)
    doc = {
        "format": "netjournal",
        "version": 2,
        "settings": {"default_cadence_days": 90, "tag_cadences": {}},
        "people": [{"name": 'Ané "Q"', "cadence_days": 12345}, {"name": "B"}],
        "ties": [],
        "n": 3.25,
    }
    found = list(stream.walk(io.StringIO(json.dumps(doc, indent=1, ensure_ascii=False))))
    assert found == [
        ("format", None, "netjournal"),
        ("version", None, 2),
        ("settings", None, {"default_cadence_days": 90, "tag_cadences": {}}),
        ("people", 0, {"name": 'Ané "Q"', "cadence_days": 12345}),
        ("people", 1, {"name": "B"}),
        ("ties", None, []),
        ("n", None, 3.25),
    ]


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ('{"people": [{"name": "x"}', "not valid JSON"),
        ('{"people": [{"name": "x",}]}', "not valid JSON (line 1, column 26"),
        ('{"format": "netjournal"} extra', "extra data after the document"),
        ("[1, 2]", 'the file must hold a JSON object with "format": "netjournal"'),
    ],
)
def test_a_broken_document_is_refused_with_where(text: str, message: str) -> None:
    import io

    from netjournal.codecs.stream import walk

    with pytest.raises(InvalidFile) as excinfo:
        list(walk(io.StringIO(text)))
    assert message in excinfo.value.message


@pytest.mark.parametrize("escaped", [False, True])
def test_a_control_character_far_into_a_streamed_document_is_refused(
    net: Net, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, escaped: bool
) -> None:
    import json

    from netjournal.codecs import stream

    monkeypatch.setattr(stream, "CHUNK", 16)  # the bad record comes many chunks after the first
    people = [{"key": f"p{i}", "name": f"Person {i}"} for i in range(40)]
    people[37]["notes"] = "bad\x01note"
    text = json.dumps({"format": "netjournal", "version": 1, "people": people}, indent=1)
    if not escaped:
        text = text.replace("\\u0001", "\x01")
    file = tmp_path / "doc.json"
    file.write_text(text, encoding="utf-8")
    result = net("import", str(file))
    assert result.code == 1
    if escaped:
        assert "people[37].notes: contains control characters" in result.err
    else:  # a raw control character is not JSON at all
        assert "not valid JSON (line 156, column 17: Invalid control character" in result.err
    assert net("list", "--json").json() == {"people": []}


def test_a_streamed_export_that_fails_leaves_no_file(
    net: Net, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from netjournal.services import interchange

    assert net("add", "Anna Rossi").code == 0
    real = interchange.document_parts

    def broken(conn: object) -> list[tuple[str, object]]:
        parts = real(conn)  # type: ignore[arg-type]

        def people() -> Iterator[object]:
            yield {"name": "first"}
            raise OSError(28, "No space left on device")

        return [*parts[:3], ("people", people()), *parts[4:]]

    monkeypatch.setattr(interchange, "document_parts", broken)
    out = tmp_path / "out.json"
    result = net("export", "-o", str(out))
    assert result.code == 1
    assert "No space left on device" in result.err
    assert sorted(p.name for p in tmp_path.iterdir() if p.name.startswith((".out", "out"))) == []
