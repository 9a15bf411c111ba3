"""net import / net export through the command line: idempotence, updates, samples."""

from __future__ import annotations

import json
import shutil
from pathlib import Path
from typing import Any

import pytest

from conftest import Net, snapshot
from netjournal.cli import run

DATA = Path(__file__).parent / "data"


@pytest.fixture(scope="module")
def empty_journal(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A journal with nobody in it and its matching index built."""
    path = tmp_path_factory.mktemp("empty") / "netjournal.db"
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("NETJOURNAL_TODAY", "2026-11-27")
        for args in (["add", "Someone"], ["rm", "someone", "--yes"]):
            try:
                run(["--db", str(path), *args])
            except SystemExit as exc:
                assert not exc.code, args
    return path


@pytest.fixture
def fresh(empty_journal: Path, tmp_path: Path, db_path: Path) -> Any:
    """Make empty journals: the default one (``db_path``) and any other."""

    def make(path: Path = db_path) -> Path:
        path.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
        shutil.copyfile(empty_journal, path)
        return path

    make()
    return make


def write_json(path: Path, document: dict[str, Any]) -> Path:
    path.write_text(json.dumps(document, ensure_ascii=False, indent=1), encoding="utf-8")
    return path


#: The contacts-file part of an import report, when nothing was skipped or merged.
NOTHING_SKIPPED: dict[str, Any] = {"skipped": [], "merged": [], "dormant": 0, "notes": []}


def people(net: Net, *db: str) -> dict[str, dict[str, Any]]:
    listed = net(*db, "list", "--json")
    assert listed.code == 0, listed.err
    return {p["key"]: p for p in listed.json()["people"]}


DOCUMENT: dict[str, Any] = {
    "format": "netjournal",
    "version": 1,
    "people": [
        {
            "key": "anna-rossi",
            "name": "Anna Rossi",
            "aliases": ["Annie"],
            "skills": ["family law", "contracts"],
            "tags": ["university"],
            "values": ["honesty"],
            "org": "Studio Legale Rossi",
            "title": "Partner",
            "city": "Milano",
            "email": "anna@example.org",
            "phone": "+39 02 0000000",
            "met": "startup weekend 2019",
            "notes": "free text",
            "cadence_days": 60,
            "via": None,
            "added": "2024-03-01",
        },
        {"key": "marco-bianchi", "name": "Marco Bianchi", "skills": ["plumbing"]},
        {"name": "Luca Verdi", "via": "marco-bianchi", "added": "2025-01-05"},
    ],
    "interactions": [
        {"person": "anna-rossi", "date": "2026-10-02", "kind": "coffee", "note": "new firm"},
        {"person": "marco-bianchi", "date": "2026-09-01", "kind": None, "note": None},
    ],
    "help": [
        {
            "person": "anna-rossi",
            "direction": "got",
            "date": "2026-05-02",
            "what": "reviewed my rental contract",
            "skill": "contracts",
        }
    ],
    "ties": [{"a": "anna-rossi", "b": "marco-bianchi", "note": "former colleagues"}],
    "referrals": [
        {
            "person": "marco-bianchi",
            "to": "anna-rossi",
            "need": "divorce lawyer",
            "date": "2026-06-10",
        }
    ],
}
EVENTS = 5  # two interactions, one help, one tie, one referral


# ------------------------------------------------------------------ JSON


def test_importing_the_same_file_twice_changes_nothing(
    net: Net, fresh: Any, db_path: Path, tmp_path: Path
) -> None:
    source = write_json(tmp_path / "doc.json", DOCUMENT)
    first = net("import", str(source), "--json")
    assert first.code == 0, first.err
    assert first.json() == {
        "dry_run": False,
        "added": ["anna-rossi", "marco-bianchi", "luca-verdi"],
        "updated": [],
        "unchanged": [],
        "events_added": EVENTS,
        "events_skipped": 0,
        **NOTHING_SKIPPED,
    }
    before = snapshot(db_path)
    second = net("import", str(source), "--json")
    assert second.code == 0, second.err
    assert second.json() == {
        "dry_run": False,
        "added": [],
        "updated": [],
        "unchanged": ["anna-rossi", "marco-bianchi", "luca-verdi"],
        "events_added": 0,
        "events_skipped": EVENTS,
        **NOTHING_SKIPPED,
    }
    assert snapshot(db_path) == before
    luca = net("show", "luca", "--json").json()
    assert (luca["key"], luca["via"], luca["added"]) == (
        "luca-verdi",
        "marco-bianchi",
        "2025-01-05",
    )
    marco = net("show", "marco", "--json").json()
    assert marco["added"] == "2026-11-27"  # no date in the file: the day of the import


def test_an_export_imported_back_changes_nothing(
    net: Net, fresh: Any, db_path: Path, tmp_path: Path
) -> None:
    assert net("import", str(write_json(tmp_path / "doc.json", DOCUMENT))).code == 0
    exported = tmp_path / "export.json"
    assert net("export", "--output", str(exported)).code == 0
    before = snapshot(db_path)
    again = net("import", str(exported), "--json")
    assert again.code == 0, again.err
    assert (again.json()["added"], again.json()["updated"]) == ([], [])
    assert snapshot(db_path) == before


def test_an_edited_export_updates_people_by_key(
    net: Net, fresh: Any, db_path: Path, tmp_path: Path
) -> None:
    assert net("import", str(write_json(tmp_path / "doc.json", DOCUMENT))).code == 0
    document = json.loads(net("export").out)
    marco = next(p for p in document["people"] if p["key"] == "marco-bianchi")
    marco["name"] = "Marco A. Bianchi"
    marco["org"] = "Idraulica Bianchi"
    marco["skills"] = ["plumbing", "heating"]
    marco["cadence_days"] = 30
    document["interactions"].append(
        {"person": "marco-bianchi", "date": "2026-11-20", "kind": "call", "note": "boiler"}
    )
    result = net("import", str(write_json(tmp_path / "edited.json", document)), "--json")
    assert result.code == 0, result.err
    report = result.json()
    assert report["updated"] == ["marco-bianchi"]
    assert sorted(report["unchanged"]) == ["anna-rossi", "luca-verdi"]
    assert (report["added"], report["events_added"], report["events_skipped"]) == ([], 1, EVENTS)
    shown = net("show", "marco-bianchi", "--json").json()
    assert (shown["name"], shown["org"], shown["skills"], shown["cadence_days"]) == (
        "Marco A. Bianchi",
        "Idraulica Bianchi",
        ["plumbing", "heating"],
        30,
    )
    assert [i["note"] for i in shown["interactions"]] == ["boiler", None]
    assert sorted(people(net)) == ["anna-rossi", "luca-verdi", "marco-bianchi"]
    assert people(net)["luca-verdi"]["via"] == "marco-bianchi"


def test_dry_run_reports_and_writes_nothing(
    net: Net, fresh: Any, db_path: Path, tmp_path: Path
) -> None:
    assert net("add", "Marco Bianchi").code == 0
    assert net("add", "Anna Rossi", "--org", "Studio Legale Rossi").code == 0
    source = write_json(tmp_path / "doc.json", DOCUMENT)
    before = snapshot(db_path)

    plain = net("import", str(source), "--dry-run")
    assert plain.code == 0, plain.err
    assert plain.err == (
        "Would import: 1 added, 2 updated, 0 unchanged; 5 events added, 0 already there.\n"
    )
    report = net("import", str(source), "--dry-run", "--json")
    assert report.code == 0, report.err
    assert report.json() == {
        "dry_run": True,
        "added": ["luca-verdi"],
        "updated": ["anna-rossi", "marco-bianchi"],
        "unchanged": [],
        "events_added": EVENTS,
        "events_skipped": 0,
        **NOTHING_SKIPPED,
    }
    assert snapshot(db_path) == before

    real = net("import", str(source), "--json")
    assert real.json() == {**report.json(), "dry_run": False}
    assert net("import", str(source), "--dry-run", "--json").json() == {
        "dry_run": True,
        "added": [],
        "updated": [],
        "unchanged": ["anna-rossi", "marco-bianchi", "luca-verdi"],
        "events_added": 0,
        "events_skipped": EVENTS,
        **NOTHING_SKIPPED,
    }


def test_dry_run_of_a_bad_file_fails_like_the_import(
    net: Net, fresh: Any, db_path: Path, tmp_path: Path
) -> None:
    bad = dict(DOCUMENT, ties=[{"a": "anna-rossi", "b": "ghost"}])
    source = write_json(tmp_path / "bad.json", bad)
    before = snapshot(db_path)
    result = net("import", str(source), "--dry-run", "--json")
    assert result.code == 1 and result.err.startswith("Error:")
    assert "ties[0].b" in result.err
    assert result.out == ""
    assert snapshot(db_path) == before


# ------------------------------------------------------------------ samples

SAMPLES: dict[str, dict[str, dict[str, Any]]] = {
    "contacts-iphone-3.0.vcf": {
        "amelie-durand": {
            "name": "Amélie Durand",
            "aliases": ["Amé", "Mimi"],
            "org": "Example Analytics",
            "city": "Lyon",
            "tags": ["Friends", "Data science"],
        },
        "jorg-muller": {"name": "Jörg Müller", "org": "Beispiel GmbH", "city": "Berlin"},
        "chidi-emeka-okafor": {"name": "Chidi Emeka Okafor", "title": "Product Manager"},
        "dr-hana-nakamura": {"name": "Dr. Hana Nakamura", "email": "hana.nakamura@example.org"},
    },
    "contacts-netjournal-4.0.vcf": {
        "rosa-chen": {
            "name": "Rosa Chen",
            "skills": ["Kubernetes", "Incident response"],
            "values": ["candour"],
            "cadence_days": 45,
            "added": "2023-04-02",
            "met": "SREcon 2022",
        },
        "sam-patel": {"name": "Sam Patel", "via": "rosa-chen", "values": ["kindness", "rigour"]},
        "lena-novak": {"name": "Lena Novak", "email": "lena.novak@example.org"},
    },
    "linkedin-connections.csv": {
        "priya-raman": {
            "name": "Priya Raman",
            "org": "Acme Widgets, Inc.",
            "title": "Staff Software Engineer",
            "added": "2024-03-15",
            "tags": ["linkedin"],
        },
        "diego-fernandez": {"name": "Diego Fernández", "email": "diego.fernandez@example.com"},
        "aisha-bello": {"name": "Aisha Bello", "org": None, "added": "2019-11-28"},
        "wei-zhang": {"name": "Wei Zhang", "title": "Partner, Tax Advisory"},
    },
    "linkedin-nopreamble.csv": {
        "olu-adeyemi": {"name": "Olu Adeyemi", "org": "Example Bank", "added": "2024-03-15"},
        "sofia-rossi": {"name": "Sofia Rossi", "org": "Rossi, Bianchi & Co."},
    },
    "google-contacts.csv": {
        "marta-kowalska": {
            "name": "Marta Kowalska",
            "aliases": ["Martusia"],
            "city": "Kraków",
            "tags": ["Friends", "Robotics club"],
            "notes": "Met at the robotics fair.\nWants intros to hardware investors.",
        },
        "ben-j-carter": {
            "name": "Ben J. Carter",
            "phone": "+1 555-0142",
            "phones": ["+1 555-0142", "+1 555-0143"],
        },
        "example-plumbing": {"name": "Example Plumbing", "tags": ["Home repairs"]},
    },
    "google-legacy.csv": {
        "grace-okoye": {"name": "Grace Okoye", "org": "Example Press", "city": "Lagos"},
        "lars-eriksson": {"name": "Lars Eriksson", "email": "lars.eriksson@example.com"},
    },
    "outlook-contacts.csv": {
        "nadia-haddad": {
            "name": "Nadia Haddad",
            "city": "Montréal",
            "tags": ["Clients", "Mentors"],
            "phone": "+1 514 555 0110",
        },
        "kenji-t-watanabe": {"name": "Kenji T. Watanabe", "city": "Osaka"},
        "sven-larsen": {"name": "Sven Larsen", "org": "Example Shipping A/S"},
    },
    "generic-people.csv": {
        "ada-byron-king": {
            "name": "Ada Byron-King",
            "aliases": ["Ada", "The Countess"],
            "cadence_days": 30,
            "via": "charles-babbage",
            "added": "2024-01-10",
            "notes": "Wrote the first published program.\nAsk about the Notes, especially G.",
        },
        "charles-babbage": {"name": "Charles Babbage", "skills": ["engineering", "cryptanalysis"]},
        "mary-somerville": {"name": "Mary Somerville", "aliases": ["Polly"], "added": "2026-11-27"},
    },
    "contacts-nameless.vcf": {
        "tomasz-zielinski": {"name": "Tomasz Zieliński"},
        "no-name-example-com": {"name": "no-name@example.com", "phone": "+48 22 555 0100"},
    },
    "google-nameless.csv": {
        "nora-quinn": {"name": "Nora Quinn", "email": "nora.quinn@example.org"},
        "someone-example-com": {"name": "someone@example.com", "phones": ["+1 555-0199"]},
    },
    "generic-other-columns.csv": {
        "ivo-petrov": {"name": "Ivo Petrov", "org": "Example Co", "email": "ivo@example.org"},
    },
}


def test_every_sample_is_covered() -> None:
    samples = {p.name for p in DATA.iterdir() if p.suffix in (".vcf", ".csv")}
    assert {s for s in samples if not s.startswith("bad-")} == set(SAMPLES)


@pytest.mark.parametrize("sample", SAMPLES, ids=SAMPLES.keys())
def test_sample_imports_with_the_expected_people(net: Net, fresh: Any, sample: str) -> None:
    result = net("import", str(DATA / sample), "--json")
    assert result.code == 0, result.err
    expected = SAMPLES[sample]
    assert sorted(result.json()["added"]) == sorted(expected)
    found = people(net)
    assert sorted(found) == sorted(expected)
    for key, fields in expected.items():
        for field_name, value in fields.items():
            assert found[key][field_name] == value, (key, field_name)


def test_vcard_4_ties_are_imported(net: Net, fresh: Any) -> None:
    assert net("import", str(DATA / "contacts-netjournal-4.0.vcf")).code == 0
    ties = net("show", "sam-patel", "--json").json()["ties"]
    assert {(frozenset((t["a"], t["b"])), t["note"]) for t in ties} == {
        (frozenset(("rosa-chen", "sam-patel")), "worked together at Example Cloud"),
        (frozenset(("sam-patel", "lena-novak")), None),
    }
    assert len(ties) == 2


BAD = {
    "bad-truncated-linkedin.csv": "line 6: cut short: the file ends inside it",
    "bad-unterminated.vcf": "card 2 (line 6): BEGIN:VCARD without END:VCARD (is the file"
    " cut short?)",
}


def test_every_bad_sample_is_covered() -> None:
    assert {p.name for p in DATA.glob("bad-*")} == set(BAD)


@pytest.mark.parametrize("sample", sorted(BAD))
def test_bad_samples_import_the_rest_and_report_what_was_skipped(
    net: Net, fresh: Any, db_path: Path, sample: str
) -> None:
    assert net("add", "Anna Rossi").code == 0
    before = snapshot(db_path)
    strict = net("import", str(DATA / sample), "--strict")
    assert strict.code == 1, strict.err
    assert strict.err.startswith("Error: 1 record of ")
    assert BAD[sample] in strict.err and "nothing was imported (--strict)" in strict.err
    assert "Traceback" not in strict.err
    assert snapshot(db_path) == before

    result = net("import", str(DATA / sample), "--json")
    assert result.code == 0, result.err
    report = result.json()
    where, why = BAD[sample].split(": ", 1)
    assert report["skipped"] == [{"where": where, "why": why}]
    assert len(report["added"]) == 1
    plain = net("import", str(DATA / sample), "--dry-run")
    assert f"1 record skipped:\n  {BAD[sample]}\n" in plain.err


def test_linkedin_twice_does_not_double_people(net: Net, fresh: Any, db_path: Path) -> None:
    source = str(DATA / "linkedin-connections.csv")
    assert net("import", source).code == 0
    before = snapshot(db_path)
    again = net("import", source, "--json")
    assert again.code == 0, again.err
    assert again.json()["added"] == [] and again.json()["updated"] == []
    assert sorted(again.json()["unchanged"]) == [
        "aisha-bello",
        "diego-fernandez",
        "priya-raman",
        "wei-zhang",
    ]
    assert snapshot(db_path) == before


def test_linkedin_contact_matching_name_and_company_is_merged(net: Net, fresh: Any) -> None:
    assert net("add", "Priya Raman", "--org", "Acme Widgets, Inc.", "--skill", "python").code == 0
    assert net("log", "priya", "coffee", "--on", "2026-11-01").code == 0
    result = net("import", str(DATA / "linkedin-connections.csv"), "--json")
    assert result.code == 0, result.err
    report = result.json()
    assert report["updated"] == ["priya-raman"]
    assert sorted(report["added"]) == ["aisha-bello", "diego-fernandez", "wei-zhang"]
    assert sorted(people(net)) == ["aisha-bello", "diego-fernandez", "priya-raman", "wei-zhang"]
    priya = net("show", "priya-raman", "--json").json()
    assert (priya["title"], priya["url"], priya["skills"]) == (
        "Staff Software Engineer",
        "https://www.linkedin.example.com/in/priya-raman-0a1b2c",
        ["python"],
    )
    assert "linkedin" in priya["tags"]
    assert [i["note"] for i in priya["interactions"]] == ["coffee"]


def test_linkedin_contact_with_a_known_email_is_merged(net: Net, fresh: Any) -> None:
    assert net("add", "Diego Fernandez", "--email", "diego.fernandez@example.com").code == 0
    result = net("import", str(DATA / "linkedin-connections.csv"), "--json")
    assert result.code == 0, result.err
    assert result.json()["updated"] == ["diego-fernandez"]
    assert len(people(net)) == 4


def test_contacts_via_a_person_in_the_journal(net: Net, fresh: Any) -> None:
    assert net("import", str(DATA / "contacts-iphone-3.0.vcf")).code == 0
    assert net("import", str(DATA / "outlook-contacts.csv")).code == 0
    assert net("show", "nadia", "--json").json()["via"] == "amelie-durand"


# ------------------------------------------------------------------ vCard and CSV


@pytest.fixture
def rich_journal(net: Net, fresh: Any, tmp_path: Path) -> Net:
    assert net("import", str(write_json(tmp_path / "doc.json", DOCUMENT))).code == 0
    assert net("add", "Élodie Dupré", "--skill", "ceramics", "--alias", "Lolo").code == 0
    assert net("knows", "elodie", "luca-verdi", "--note", "neighbours").code == 0
    return net


def test_vcard_export_then_import_keeps_names_skills_and_ties(
    rich_journal: Net, fresh: Any, tmp_path: Path
) -> None:
    net = rich_journal
    vcards = tmp_path / "people.vcf"
    assert net("export", "--format", "vcard", "--output", str(vcards)).code == 0
    other = fresh(tmp_path / "other" / "netjournal.db")
    result = net("--db", str(other), "import", str(vcards))
    assert result.code == 0, result.err
    original = people(net)
    copied = people(net, "--db", str(other))
    assert {k: (p["name"], p["skills"]) for k, p in copied.items()} == {
        k: (p["name"], p["skills"]) for k, p in original.items()
    }
    original_ties = json.loads(net("export").out)["ties"]
    copied_ties = json.loads(net("--db", str(other), "export").out)["ties"]
    assert copied_ties == original_ties
    assert len(copied_ties) == 2


def test_csv_export_then_import_gives_the_same_people(
    rich_journal: Net, fresh: Any, tmp_path: Path
) -> None:
    net = rich_journal
    table = tmp_path / "people.csv"
    assert net("export", "--format", "csv", "--output", str(table)).code == 0
    other = fresh(tmp_path / "other" / "netjournal.db")
    result = net("--db", str(other), "import", str(table), "--json")
    assert result.code == 0, result.err
    assert sorted(result.json()["added"]) == sorted(people(net))
    original = json.loads(net("export").out)["people"]
    copied = json.loads(net("--db", str(other), "export").out)["people"]
    assert copied == original
    # Importing the same table again changes nothing.
    again = net("--db", str(other), "import", str(table), "--json")
    assert again.json()["added"] == [] and again.json()["updated"] == []


def test_vcard_3_export_round_trips_people(net: Net, tmp_path: Path) -> None:
    net("add", "Anna Rossi", "--skill", "family law", "--org", "Studio Rossi")
    out = tmp_path / "people.vcf"
    assert net("export", "--format", "vcard", "--vcard-version", "3.0", "-o", str(out)).code == 0
    text = out.read_text(encoding="utf-8")
    assert "VERSION:3.0" in text and "EXPERTISE" in text
    other = tmp_path / "other.db"
    assert net("--db", str(other), "import", str(out)).code == 0
    person = net("--db", str(other), "show", "anna-rossi", "--json").json()
    assert (person["skills"], person["org"]) == (["family law"], "Studio Rossi")
    assert net("export", "--format", "vcard", "--vcard-version", "2.1").code == 1


# ------------------------------------------------------------------ real-format corpus

REAL = DATA / "real"
REAL_EXPECTED: dict[str, dict[str, Any]] = json.loads(
    (REAL / "expected.json").read_text(encoding="utf-8")
)


def test_every_real_format_file_has_its_expectations() -> None:
    files = {p.name for p in REAL.iterdir() if p.suffix in (".csv", ".vcf")}
    assert files == set(REAL_EXPECTED)


def test_the_real_format_corpus_meets_the_targets() -> None:
    """At least 95 % of the files accepted, 97 % of the named contacts imported."""
    accepted = sum(1 for spec in REAL_EXPECTED.values() if spec["accepted"])
    named = sum(spec["named"] for spec in REAL_EXPECTED.values())
    imported = sum(spec["added"] for spec in REAL_EXPECTED.values())
    assert accepted / len(REAL_EXPECTED) >= 0.95
    assert imported / named >= 0.97


@pytest.mark.parametrize("name", sorted(REAL_EXPECTED))
def test_real_format_file(net: Net, fresh: Any, db_path: Path, name: str) -> None:
    spec = REAL_EXPECTED[name]
    result = net("import", str(REAL / name), "--json")
    assert "Traceback" not in result.err and "unexpected" not in result.err
    if not spec["accepted"]:
        assert result.code == 1
        assert result.err.startswith("Error:")
        assert "the layouts it reads: LinkedIn (First Name, Last Name, Connected On)" in result.err
        return
    assert result.code == 0, result.err
    report = result.json()
    assert [s["where"] for s in report["skipped"]] == spec["skipped"], report["skipped"]
    assert len(report["added"]) == spec["added"], report["added"]
    found = people(net)
    emails = {e.casefold() for p in found.values() for e in p["emails"]}
    phones = {t for p in found.values() for t in p["phones"]}
    assert {e.casefold() for e in spec["emails"]} <= emails
    assert set(spec["phones"]) <= phones
    for key, fields in spec["people"].items():
        assert key in found, (key, sorted(found))
        for field_name, value in fields.items():
            assert found[key][field_name] == value, (key, field_name)
    # Importing the same file again changes nothing.
    again = net("import", str(REAL / name), "--json").json()
    assert (again["added"], again["updated"]) == ([], [])


# ------------------------------------------------------------------ dormant people

LINKEDIN_OLD = (
    "First Name,Last Name,URL,Email Address,Company,Position,Connected On\n"
    "Old,Friend,https://www.linkedin.com/in/old-friend,,Acme,,1 Jan 2020\n"
    "New,Stranger,https://www.linkedin.com/in/new-stranger,,Acme,,2 Feb 2021\n"
)


def stale_keys(net: Net, *options: str) -> list[str]:
    result = net("stale", "--json", *options)
    assert result.code == 0, result.err
    return [p["key"] for p in result.json()["people"]]


def test_imported_contacts_are_dormant_until_contacted(
    net: Net, fresh: Any, tmp_path: Path
) -> None:
    source = tmp_path / "Connections.csv"
    source.write_text(LINKEDIN_OLD, encoding="utf-8")
    assert net("add", "Known Person", "--on", "2020-01-01").code == 0
    result = net("import", str(source))
    assert result.code == 0, result.err
    assert "2 people imported as dormant" in result.err
    assert stale_keys(net) == ["known-person"]
    assert stale_keys(net, "--dormant") == ["old-friend", "new-stranger"]
    today = net("today", "--json")
    assert "old-friend" not in today.out and "new-stranger" not in today.out
    # A contact wakes them: they are then a tie like any other.
    assert net("log", "old-friend", "coffee", "--on", "2026-01-02").code == 0
    assert stale_keys(net) == ["known-person", "old-friend"]
    assert stale_keys(net, "--dormant") == ["new-stranger"]
    # So does a cadence of their own, or of one of their tags.
    assert net("edit", "new-stranger", "--every", "30").code == 0
    assert "new-stranger" in stale_keys(net)
    assert stale_keys(net, "--dormant") == []


def test_import_every_and_tag_give_a_cadence(net: Net, fresh: Any, tmp_path: Path) -> None:
    source = tmp_path / "Connections.csv"
    source.write_text(LINKEDIN_OLD, encoding="utf-8")
    report = net("import", str(source), "--every", "60", "--tag", "work", "--json")
    assert report.code == 0, report.err
    assert report.json()["dormant"] == 0
    found = people(net)
    assert {(k, p["cadence_days"]) for k, p in found.items()} == {
        ("old-friend", 60),
        ("new-stranger", 60),
    }
    assert all(p["tags"] == ["linkedin", "work"] for p in found.values())
    assert stale_keys(net) == ["old-friend", "new-stranger"]
    assert net("import", str(source), "--every", "0").code == 1


def test_a_tag_cadence_wakes_dormant_people(net: Net, fresh: Any, tmp_path: Path) -> None:
    source = tmp_path / "Connections.csv"
    source.write_text(LINKEDIN_OLD, encoding="utf-8")
    assert net("import", str(source), "--tag", "alumni").code == 0
    assert stale_keys(net) == []
    assert net("cadence", "alumni", "90").code == 0
    assert stale_keys(net) == ["old-friend", "new-stranger"]


def test_people_from_a_json_document_are_never_dormant(
    net: Net, fresh: Any, tmp_path: Path
) -> None:
    source = write_json(
        tmp_path / "doc.json",
        {
            "format": "netjournal",
            "version": 1,
            "people": [{"name": "Ann Lee", "added": "2020-01-01"}],
        },
    )
    result = net("import", str(source), "--json")
    assert result.json()["dormant"] == 0
    assert stale_keys(net) == ["ann-lee"]


# ------------------------------------------------------------------ identity


def test_a_company_url_never_merges_two_people(net: Net, fresh: Any, tmp_path: Path) -> None:
    source = tmp_path / "Connections.csv"
    source.write_text(
        "First Name,Last Name,URL,Email Address,Company,Position,Connected On\n"
        "Karin,Vogel,https://example.com/,,Example GmbH,,2 Mar 2024\n",
        encoding="utf-8",
    )
    assert net("add", "Lukas Weber", "--org", "Example GmbH").code == 0
    assert net("edit", "lukas", "--url", "https://example.com/").code in (0, 2)
    assert net("import", str(source)).code == 0
    assert sorted(people(net)) == ["karin-vogel", "lukas-weber"]


def test_duplicates_in_one_file_are_merged_once_and_reimports_change_nothing(
    net: Net, fresh: Any, tmp_path: Path
) -> None:
    source = tmp_path / "contacts.vcf"
    source.write_text(
        "BEGIN:VCARD\nVERSION:3.0\nFN:Ana Silva\nEMAIL:ana@example.org\nEND:VCARD\n"
        "BEGIN:VCARD\nVERSION:3.0\nFN:Ana Silva\nEMAIL:ANA@example.org\nTEL:+351 1\n"
        "EMAIL:ana.silva@example.com\nEND:VCARD\n"
        "BEGIN:VCARD\nVERSION:3.0\nFN:Ana Silva\nEMAIL:other.ana@example.net\nEND:VCARD\n",
        encoding="utf-8",
    )
    first = net("import", str(source), "--json")
    assert first.code == 0, first.err
    report = first.json()
    assert report["added"] == ["ana-silva", "ana-silva-2"]
    assert report["merged"] == [{"where": "card 2 (line 6)", "into": "card 1 (line 1)"}]
    found = people(net)
    assert found["ana-silva"]["emails"] == ["ana@example.org", "ana.silva@example.com"]
    assert found["ana-silva"]["phones"] == ["+351 1"]
    assert found["ana-silva-2"]["emails"] == ["other.ana@example.net"]
    again = net("import", str(source), "--json").json()
    assert (again["added"], again["updated"]) == ([], [])


def test_a_tie_to_someone_absent_is_left_out_with_a_note(
    net: Net, fresh: Any, tmp_path: Path
) -> None:
    source = tmp_path / "contacts.vcf"
    source.write_text(
        "BEGIN:VCARD\nVERSION:4.0\nFN:Ana Silva\nRELATED;VALUE=text:Nobody Known\nEND:VCARD\n",
        encoding="utf-8",
    )
    result = net("import", str(source))
    assert result.code == 0, result.err
    assert "Note: a tie to 'Nobody Known' was left out" in result.err


def test_a_transliterated_key_finds_the_person(net: Net, fresh: Any) -> None:
    assert net("add", "Søren Kierkegaard").code == 0
    shown = net("show", "soren", "--json")
    assert shown.code == 0, shown.err
    assert shown.json()["key"] == "soren-kierkegaard"


def test_show_and_export_carry_every_email_and_phone(net: Net, fresh: Any, tmp_path: Path) -> None:
    source = tmp_path / "contacts.vcf"
    source.write_text(
        "BEGIN:VCARD\nVERSION:4.0\nFN:Ana Silva\nEMAIL:a@example.org\n"
        "EMAIL;PREF=1:b@example.org\nTEL:+1 555 0100\nTEL:+1 555 0101\nEND:VCARD\n",
        encoding="utf-8",
    )
    assert net("import", str(source)).code == 0
    shown = net("show", "ana", "--json").json()
    assert (shown["email"], shown["emails"]) == (
        "b@example.org",
        ["b@example.org", "a@example.org"],
    )
    assert shown["phones"] == ["+1 555 0100", "+1 555 0101"]
    assert "b@example.org, a@example.org" in net("show", "ana").out
    exported = json.loads(net("export").out)["people"][0]
    assert exported["emails"] == shown["emails"] and exported["phones"] == shown["phones"]
    vcard = net("export", "--format", "vcard").out
    assert vcard.count("EMAIL") == 2 and vcard.count("TEL") == 2


def test_a_birthday_without_a_year_shows_in_today(net: Net, fresh: Any, tmp_path: Path) -> None:
    source = tmp_path / "contacts.vcf"
    source.write_text(
        "BEGIN:VCARD\nVERSION:3.0\nFN:Ana Silva\nBDAY:--1201\nEND:VCARD\n", encoding="utf-8"
    )
    assert net("import", str(source)).code == 0
    assert net("show", "ana", "--json").json()["birthday"] == "--12-01"
    today = net("today", "--json")
    assert today.code == 0, today.err
    assert [b["key"] for b in today.json()["birthdays"]] == ["ana-silva"]
