"""vCard import and export (reads 2.1, 3.0 and 4.0; writes 3.0 and 4.0).

A file holds any number of cards; each card becomes one person.  The
properties map to a person's fields as follows, in both directions:

============================  ==============================================
vCard property                person field
============================  ==============================================
FN (else N)                   name
NICKNAME (comma list)         aliases
ORG (first component)         org
TITLE                         title
EMAIL (every one)             emails (the preferred first: PREF, TYPE=pref)
TEL (every one)               phones (likewise)
ADR (first locality)          city
NOTE                          notes
CATEGORIES                    tags
BDAY                          birthday (``--MM-DD`` without a year)
URL                           url
UID                           key, only when it looks like a journal key
EXPERTISE (RFC 6715)          skills, one property per skill
X-NETJOURNAL-VALUE            values, one property per value
X-NETJOURNAL-MET              met
X-NETJOURNAL-CADENCE          cadence_days
X-NETJOURNAL-VIA              via
X-NETJOURNAL-ADDED            added
RELATED                       ties
============================  ==============================================

Ties are symmetric.  A tie between two people is written on both cards as
``RELATED;TYPE=contact;VALUE=text:<other>``, where ``<other>`` is the other
person's key (their name when they have no key); the tie's note travels in
the parameter ``X-NETJOURNAL-NOTE``, caret-encoded as RFC 6868 says.  When
reading, a RELATED value that is the UID of another card in the file (also as
``urn:uuid:…``) becomes a tie with that card's person, named by key or else
by name; a text value, or one that looks like a key, is kept as written (the
importer resolves it); any other URI, such as a web page, is dropped.  The
same property names are written in vCard 3.0, whose readers ignore what they
do not know.

Lines are parsed by vobject (parameters); unfolding, card boundaries,
quoted-printable values (in their CHARSET, else UTF-8, else Windows-1252)
and value escapes are handled here so that every problem can name its card
and line, and so that a comma inside a note is never taken for a list
separator.  Every line-end variant is read (CRLF, LF, CR CR LF, CR).

A card that cannot be used (no name, e-mail or phone, as a photo-only card;
unterminated) is skipped and reported with its number and line; the other
cards are read.  A card without FN or N is named from its organisation, else
its first e-mail or phone.
"""

from __future__ import annotations

import quopri
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date

from vobject.base import ContentLine, VObjectError, textLineToContentLine

from netjournal.codecs.common import (
    NEWLINE,
    Contacts,
    Skipped,
    clean,
    excerpt,
    fail,
    lenient_birthday,
    name_from_contacts,
    new_document,
    parse_cadence,
    parse_iso_date,
    record_person,
    strip_bom,
    unify_line_ends,
)
from netjournal.codecs.document import Document, PersonRecord, TieRecord

WHAT = "vCard file"
VERSIONS = ("3.0", "4.0")
PRODID = "-//netjournal//netjournal//EN"

_SLUG = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")
_UUID = re.compile(r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}")
_HEX_ID = re.compile(r"[0-9a-f]{16,}")
_URI = re.compile(r"[a-zA-Z][a-zA-Z0-9+.-]*:")
_URN_UUID = "urn:uuid:"


def looks_like_key(value: str) -> bool:
    """Tell whether a UID can be a journal key: a lowercase slug with a letter.

    Identifiers made by other programs (UUIDs, long hexadecimal or numeric
    ids) are not keys; the journal makes keys from names for those people.
    """
    return (
        _SLUG.fullmatch(value) is not None
        and any(char.isalpha() for char in value)
        and _UUID.fullmatch(value) is None
        and _HEX_ID.fullmatch(value) is None
    )


# ---------------------------------------------------------------- values


def _split_raw(value: str, separator: str) -> list[str]:
    """Split on unescaped ``separator``, leaving escapes in the parts."""
    parts: list[str] = []
    current: list[str] = []
    chars = iter(value)
    for char in chars:
        if char == "\\":
            current.append(char + next(chars, ""))
        elif char == separator:
            parts.append("".join(current))
            current = []
        else:
            current.append(char)
    parts.append("".join(current))
    return parts


_ESCAPE = re.compile(r"\\(.?)", re.DOTALL)
_ESCAPED = {"n": "\n", "N": "\n", "\\": "\\", ",": ",", ";": ";", ":": ":", '"': '"'}


def _unescape(value: str) -> str:
    """Undo vCard text escapes; an unknown escape is kept as written."""
    return _ESCAPE.sub(lambda m: _ESCAPED.get(m.group(1), m.group(0)), value)


def _split(value: str, separator: str) -> list[str]:
    """Split on unescaped ``separator`` and undo the escapes of each part."""
    return [_unescape(part) for part in _split_raw(value, separator)]


def _escape_text(value: str) -> str:
    """Escape a text value: backslash, newline, comma and semicolon."""
    value = NEWLINE.sub("\n", value)
    for char, escaped in (("\\", "\\\\"), ("\n", "\\n"), (",", "\\,"), (";", "\\;")):
        value = value.replace(char, escaped)
    return value


def _escape_uri(value: str) -> str:
    """Escape a URI value: only what the reader would otherwise change."""
    return NEWLINE.sub("\n", value).replace("\\", "\\\\").replace("\n", "\\n")


def _caret_encode(value: str) -> str:
    """Encode a parameter value as RFC 6868 says."""
    value = NEWLINE.sub("\n", value)
    return value.replace("^", "^^").replace("\n", "^n").replace('"', "^'")


def _caret_decode(value: str) -> str:
    return re.sub(r"\^(.)", _caret_char, value, flags=re.DOTALL)


def _caret_char(match: re.Match[str]) -> str:
    char = match.group(1)
    return {"n": "\n", "^": "^", "'": '"'}.get(char, "^" + char)


# ---------------------------------------------------------------- lines and cards


@dataclass(frozen=True)
class _Line:
    number: int  # the physical line where this logical line starts
    text: str


@dataclass(frozen=True)
class _Prop:
    name: str
    params: dict[str, list[str]]
    value: str
    line: int

    def param(self, name: str) -> list[str]:
        return self.params.get(name, [])

    def has_value_type(self, kind: str) -> bool:
        return kind in (value.lower() for value in self.param("VALUE"))


@dataclass
class _Card:
    number: int
    line: int  # the BEGIN:VCARD line
    lines: list[_Line] = field(default_factory=list)
    props: list[_Prop] = field(default_factory=list)

    @property
    def where(self) -> str:
        return self.at(self.line)

    def at(self, line: int) -> str:
        return f"card {self.number} (line {line})"

    def all(self, name: str) -> list[_Prop]:
        return [prop for prop in self.props if prop.name == name]

    def texts(self, name: str) -> list[str]:
        found = (clean(_unescape(prop.value)) for prop in self.all(name))
        return [text for text in found if text]

    def text(self, name: str) -> str | None:
        texts = self.texts(name)
        return texts[0] if texts else None

    def items(self, name: str) -> list[str]:
        """The items of comma-list properties such as NICKNAME and CATEGORIES."""
        found = (clean(item) for prop in self.all(name) for item in _split(prop.value, ","))
        return [item for item in found if item]


def _is_quoted_printable(text: str) -> bool:
    return "QUOTED-PRINTABLE" in text.split(":", 1)[0].upper()


def _logical_lines(text: str) -> list[_Line]:
    """Unfold the text into logical lines, remembering where each starts.

    A line starting with a space or tab continues the previous one (RFC 6350
    folding); a quoted-printable value ending in ``=`` continues on the next
    line (vCard 2.1).  Blank lines separate nothing and are dropped.
    """
    lines: list[_Line] = []
    joinable = False
    soft_break = False
    for number, raw in enumerate(NEWLINE.split(text), start=1):
        if soft_break:
            lines[-1] = _Line(lines[-1].number, lines[-1].text + "\n" + raw)
        elif joinable and raw.startswith((" ", "\t")):
            lines[-1] = _Line(lines[-1].number, lines[-1].text + raw[1:])
        elif not raw.strip():
            joinable = False
            continue
        else:
            lines.append(_Line(number, raw.lstrip()))
        joinable = True
        last = lines[-1].text
        soft_break = last.endswith("=") and _is_quoted_printable(last)
    return lines


def _split_cards(lines: Iterable[_Line], skipped: list[Skipped]) -> list[_Card]:
    """Group logical lines into complete cards; skip (and say why) broken ones."""
    complete: list[_Card] = []
    current: _Card | None = None
    count = 0
    outside = False  # inside a run of lines that belong to no card
    nested = 0  # depth inside a vCard 2.1 AGENT card embedded in the current card
    for line in lines:
        word = line.text.strip().upper()
        if nested:
            if word == "BEGIN:VCARD":
                nested += 1
            elif word == "END:VCARD":
                nested -= 1
            continue
        if word == "BEGIN:VCARD" and current is not None and _opens_agent(current):
            # vCard 2.1 writes an agent (a secretary, say) as a whole card inside the property.
            current.lines.pop()
            nested = 1
            skipped.append(
                Skipped(
                    f"line {line.number}", f"an AGENT card inside {current.where} is not imported"
                )
            )
            continue
        if word == "BEGIN:VCARD":
            if current is not None:
                skipped.append(Skipped(current.where, "BEGIN:VCARD without END:VCARD"))
            count += 1
            current = _Card(count, line.number)
            outside = False
        elif word == "END:VCARD":
            if current is None:
                skipped.append(Skipped(f"line {line.number}", "END:VCARD without BEGIN:VCARD"))
            else:
                complete.append(current)
            current = None
        elif current is not None:
            current.lines.append(line)
        elif not outside:
            skipped.append(
                Skipped(f"line {line.number}", f"text outside any card: {excerpt(line.text)}")
            )
            outside = True
    if current is not None:
        skipped.append(
            Skipped(current.where, "BEGIN:VCARD without END:VCARD (is the file cut short?)")
        )
    return complete


def _opens_agent(card: _Card) -> bool:
    """The card's last line is an AGENT property whose value is the card that follows."""
    if not card.lines:
        return False
    name, _sep, value = card.lines[-1].text.partition(":")
    return name.split(";")[0].split(".")[-1].strip().upper() == "AGENT" and not value.strip()


_QP_PARAMS = frozenset({"ENCODING=QUOTED-PRINTABLE", "QUOTED-PRINTABLE"})


def _without_qp(text: str) -> tuple[str, bool]:
    """The line without its quoted-printable parameter, and whether it had one."""
    head, colon, value = text.partition(":")
    params = head.split(";")
    kept = [p for p in params if p.strip().upper() not in _QP_PARAMS]
    return ";".join(kept) + colon + value, len(kept) != len(params)


def _decode_qp(value: str, charsets: list[str]) -> str:
    """A quoted-printable value in its CHARSET, else UTF-8, else Windows-1252."""
    raw = quopri.decodestring(value.encode("utf-8", "surrogateescape"))
    for charset in [*charsets[:1], "utf-8", "cp1252"]:
        try:
            return raw.decode(charset)
        except (UnicodeDecodeError, LookupError):
            continue
    return raw.decode("latin-1")


def _parse_props(card: _Card, notes: list[str]) -> None:
    """Parse each line of a card with vobject into ``card.props``; note lines left out."""
    for line in card.lines:
        text, qp = _without_qp(line.text)
        try:
            parsed = textLineToContentLine(text, line.number)
        except (VObjectError, UnicodeError, LookupError, ValueError):
            notes.append(f"{card.at(line.number)}: not a vCard line, left out: {excerpt(text)}")
            continue
        params = {
            str(key).upper(): [str(value) for value in values]
            for key, values in parsed.params.items()
        }
        singles = [str(value).upper() for value in parsed.singletonparams]
        if singles:  # vCard 2.1: TEL;CELL;PREF:…
            params["TYPE"] = [*params.get("TYPE", []), *singles]
        value = str(parsed.value)
        if qp:
            value = _decode_qp(value, params.get("CHARSET", []))
        card.props.append(_Prop(str(parsed.name).upper(), params, value, line.number))


# ---------------------------------------------------------------- reading fields


_EAST_ASIAN = re.compile(r"[\u1100-\u11ff\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uac00-\ud7af]")


def _name(card: _Card) -> str | None:
    """FN, else N (family name first for Chinese, Japanese and Korean names)."""
    full = card.text("FN")
    if full:
        return full
    for prop in card.all("N"):
        parts = [" ".join(_split(part, ",")) for part in _split_raw(prop.value, ";")]
        parts += [""] * 3
        family, given, additional = parts[0], parts[1], parts[2]
        order = (given, additional, family)
        if _EAST_ASIAN.search(family + given):
            order = (family, given, additional)
        name = clean(" ".join(word for word in order if word.strip()))
        if name:
            return " ".join(name.split())
    return None


def _key(card: _Card) -> str | None:
    uid = card.text("UID")
    return uid if uid and looks_like_key(uid) else None


def _org(card: _Card) -> str | None:
    for prop in card.all("ORG"):
        org = clean(_split(prop.value, ";")[0])
        if org:
            return org
    return None


def _city(card: _Card) -> str | None:
    for prop in card.all("ADR"):
        parts = _split(prop.value, ";")
        city = clean(parts[3]) if len(parts) > 3 else None
        if city:
            return city
    return None


def _preference(prop: _Prop) -> int:
    """How preferred a value is: PREF=1 (4.0) or TYPE=pref (3.0, 2.1) first, then in order."""
    for value in prop.param("PREF"):
        if value.strip().isdigit():
            return int(value)
    types = {t.strip().lower() for value in prop.param("TYPE") for t in value.split(",")}
    return 1 if "pref" in types else 101


def _by_preference(props: list[_Prop]) -> list[_Prop]:
    return sorted(props, key=_preference)


def _emails(card: _Card) -> list[str]:
    found = (clean(_unescape(prop.value)) for prop in _by_preference(card.all("EMAIL")))
    out = []
    for email in found:
        if email and email.lower().startswith("mailto:"):
            email = clean(email[7:])
        if email:
            out.append(email)
    return out


def _phones(card: _Card) -> list[str]:
    version = card.text("VERSION") or ""
    out = []
    for prop in _by_preference(card.all("TEL")):
        phone = clean(_unescape(prop.value))
        if not phone:
            continue
        as_uri = prop.has_value_type("uri") or (
            version.startswith("4") and not prop.has_value_type("text")
        )
        if as_uri and phone.lower().startswith("tel:"):
            phone = clean(phone[4:])
        if phone:
            out.append(phone)
    return out


def _birthday(card: _Card) -> str | None:
    for prop in card.all("BDAY"):
        # Apple Contacts writes a birthday without a year with a stand-in year.
        omitted = prop.param("X-APPLE-OMIT-YEAR")
        birthday = lenient_birthday(
            _unescape(prop.value), omit_year=omitted[0] if omitted else None
        )
        if birthday is not None:
            return birthday
    return None


def _cadence(card: _Card, problems: list[str]) -> int | None:
    for prop in card.all("X-NETJOURNAL-CADENCE"):
        text = clean(_unescape(prop.value))
        if text is None:
            continue
        try:
            return parse_cadence(text)
        except ValueError:
            problems.append(
                f"line {prop.line}: X-NETJOURNAL-CADENCE is not a whole number of days"
                f" above zero: {excerpt(text)}"
            )
    return None


def _added(card: _Card, problems: list[str]) -> date | None:
    for prop in card.all("X-NETJOURNAL-ADDED"):
        text = clean(_unescape(prop.value))
        if text is None:
            continue
        try:
            return parse_iso_date(text)
        except ValueError:
            problems.append(
                f"line {prop.line}: X-NETJOURNAL-ADDED is not a YYYY-MM-DD date: {excerpt(text)}"
            )
    return None


_GROUP_KINDS = ("KIND", "X-ADDRESSBOOKSERVER-KIND")
_MEMBERS = ("MEMBER", "X-ADDRESSBOOKSERVER-MEMBER")


def _is_group(card: _Card) -> bool:
    """A card that lists contacts (vCard 4.0 ``KIND:group``, Apple's and CardDAV's 3.0 form)."""
    return any((card.text(kind) or "").casefold() == "group" for kind in _GROUP_KINDS)


def _group_tags(cards: list[_Card], skipped: list[Skipped]) -> dict[str, list[str]]:
    """Each group card is not a person: its name becomes a tag of its members (by UID)."""
    tags: dict[str, list[str]] = {}
    for card in cards:
        if not _is_group(card):
            continue
        label = card.text("FN") or _name(card)
        members = [prop.value for member in _MEMBERS for prop in card.all(member)]
        why = f"a group of contacts ({label or 'no name'}), not a person"
        if label and members:
            why += f"; its members are tagged '{label}'"
            for member in members:
                tags.setdefault(_uid_form(member), []).append(label)
        skipped.append(Skipped(card.where, why))
    return tags


def _person(
    card: _Card,
    problems: list[str],
    skipped: list[Skipped],
    *,
    extra_tags: list[str] | None = None,
) -> PersonRecord | None:
    emails, phones = _emails(card), _phones(card)
    name = _name(card) or _org(card) or name_from_contacts(emails, phones)
    if name is None:
        skipped.append(Skipped(card.where, "no name, e-mail or phone"))
        return None
    notes = card.texts("NOTE")
    fields: dict[str, object] = {
        "key": _key(card),
        "name": name,
        "aliases": card.items("NICKNAME"),
        "skills": card.texts("EXPERTISE"),
        "tags": list(dict.fromkeys([*card.items("CATEGORIES"), *(extra_tags or [])])),
        "values": card.texts("X-NETJOURNAL-VALUE"),
        "org": _org(card),
        "title": card.text("TITLE"),
        "city": _city(card),
        "emails": emails,
        "phones": phones,
        "met": card.text("X-NETJOURNAL-MET"),
        "notes": "\n\n".join(notes) if notes else None,
        "cadence_days": _cadence(card, problems),
        "via": card.text("X-NETJOURNAL-VIA"),
        "added": _added(card, problems),
        "birthday": _birthday(card),
        "url": card.text("URL"),
    }
    if problems:
        skipped.append(Skipped(card.where, "; ".join(problems)))
        return None
    return record_person(card.where, fields, skipped)


# ---------------------------------------------------------------- ties


@dataclass(frozen=True)
class _Related:
    value: str
    is_text: bool
    note: str | None


def _identity(person: PersonRecord) -> str:
    """How a tie names a person: by key, or by name when there is no key."""
    return person.key or person.name


def _uid_form(value: str) -> str:
    """A UID as compared: without ``urn:uuid:``, a UUID's hex digits in lower case."""
    value = value.strip()
    if value.lower().startswith(_URN_UUID):
        value = value[len(_URN_UUID) :]
    return value.lower() if _UUID.fullmatch(value.lower()) else value


def _relations(card: _Card) -> list[_Related]:
    found: list[_Related] = []
    for prop in card.all("RELATED"):
        value = clean(_unescape(prop.value))
        if not value:
            continue
        notes = prop.param("X-NETJOURNAL-NOTE")
        note = clean(_caret_decode(notes[0])) if notes else None
        found.append(_Related(value, prop.has_value_type("text"), note))
    return found


def _resolve(related: _Related, by_uid: dict[str, str]) -> str | None:
    other = by_uid.get(_uid_form(related.value))
    if other is not None:
        return other
    if related.is_text or looks_like_key(related.value) or not _URI.match(related.value):
        return related.value
    return None


def _ties(entries: list[tuple[_Card, PersonRecord]]) -> list[TieRecord]:
    by_uid: dict[str, str] = {}
    for card, person in entries:
        uid = card.text("UID")
        if uid:
            by_uid.setdefault(_uid_form(uid), _identity(person))
    ties: dict[frozenset[str], TieRecord] = {}
    for card, person in entries:
        me = _identity(person)
        for related in _relations(card):
            other = _resolve(related, by_uid)
            if other is None or other == me:
                continue
            pair = frozenset((me, other))
            known = ties.get(pair)
            if known is None:
                ties[pair] = TieRecord(a=me, b=other, note=related.note)
            elif known.note is None and related.note:
                ties[pair] = TieRecord(a=known.a, b=known.b, note=related.note)
    return list(ties.values())


# ---------------------------------------------------------------- reading


def read_vcards(text: str) -> Contacts:
    """Read every card of a vCard file (2.1, 3.0 or 4.0).

    A card that cannot be used is skipped and reported (its number, line and
    why); a file without any ``BEGIN:VCARD`` fails.
    """
    skipped: list[Skipped] = []
    notes: list[str] = []
    cards = _split_cards(_logical_lines(unify_line_ends(strip_bom(text))), skipped)
    if not cards:
        fail(
            WHAT,
            ["no complete card (BEGIN:VCARD … END:VCARD) found"],
            hint="is this a vCard (.vcf) file?",
        )
    for card in cards:
        _parse_props(card, notes)
    groups = _group_tags(cards, skipped)
    entries: list[tuple[_Card, PersonRecord]] = []
    for card in cards:
        if _is_group(card):
            continue
        uid = card.text("UID")
        extra = groups.get(_uid_form(uid), []) if uid else []
        person = _person(card, [], skipped, extra_tags=extra)
        if person is not None:
            entries.append((card, person))
    skipped.sort(key=_skipped_order)
    people = [person for _, person in entries]
    wheres = [card.where for card, _ in entries]
    return Contacts(new_document(people, _ties(entries)), skipped, wheres, notes)


def _skipped_order(item: Skipped) -> int:
    digits = re.findall(r"line (\d+)", item.where)
    return int(digits[0]) if digits else 0


# ---------------------------------------------------------------- writing


def _line(name: str, value: str, params: Iterable[tuple[str, str]] = ()) -> str:
    """Serialize one already-escaped property, folded, with vobject."""
    pairs = [[key, param] for key, param in params]
    line = ContentLine(name, pairs, value, encoded=True)
    return str(line.serialize())


def _n_value(name: str) -> str:
    words = name.split()
    family, given = (words[-1], " ".join(words[:-1])) if len(words) > 1 else (name, "")
    return f"{_escape_text(family)};{_escape_text(given)};;;"


def _related_targets(doc: Document) -> dict[int, list[tuple[str, str | None]]]:
    """For each person (by position), the people they are tied to.

    A tie names a person by key, or by name when they have no key; a tie
    naming a person with a key by their name is understood too.
    """
    by_identity: dict[str, int] = {}
    by_name: dict[str, int] = {}
    for position, person in enumerate(doc.people):
        by_identity.setdefault(_identity(person), position)
        by_name.setdefault(person.name, position)

    def find(ref: str) -> int | None:
        return by_identity.get(ref, by_name.get(ref))

    targets: dict[int, list[tuple[str, str | None]]] = {}
    for tie in doc.ties:
        for me, other in ((tie.a, tie.b), (tie.b, tie.a)):
            mine, theirs = find(me), find(other)
            if mine is None:
                continue
            name = _identity(doc.people[theirs]) if theirs is not None else other
            targets.setdefault(mine, []).append((name, tie.note))
    return targets


def _identity_lines(person: PersonRecord, version: str) -> list[str]:
    lines = [_line("VERSION", version), _line("PRODID", PRODID)]
    if person.key:
        lines.append(_line("UID", _escape_uri(person.key)))
    lines += [_line("FN", _escape_text(person.name)), _line("N", _n_value(person.name))]
    if person.aliases:
        lines.append(_line("NICKNAME", ",".join(_escape_text(a) for a in person.aliases)))
    return lines


def _contact_lines(person: PersonRecord, version: str) -> list[str]:
    lines: list[str] = []
    if person.org:
        lines.append(_line("ORG", _escape_text(person.org)))
    if person.title:
        lines.append(_line("TITLE", _escape_text(person.title)))
    several = len(person.emails) > 1
    for position, email in enumerate(person.emails or ([person.email] if person.email else [])):
        params = [("TYPE", "INTERNET")] if version == "3.0" else []
        if several and position == 0:
            params.append(("TYPE", "pref") if version == "3.0" else ("PREF", "1"))
        lines.append(_line("EMAIL", _escape_text(email), params))
    several = len(person.phones) > 1
    for position, phone in enumerate(person.phones or ([person.phone] if person.phone else [])):
        params = [("VALUE", "text")] if version == "4.0" else []
        if several and position == 0:
            params.append(("TYPE", "pref") if version == "3.0" else ("PREF", "1"))
        lines.append(_line("TEL", _escape_text(phone), params))
    if person.city:
        lines.append(_line("ADR", f";;;{_escape_text(person.city)};;;"))
    if person.birthday:
        omit = [("X-APPLE-OMIT-YEAR", "1604")] if person.birthday.startswith("--") else []
        lines.append(
            _line("BDAY", _format_bday(person.birthday, version), omit if version == "3.0" else [])
        )
    if person.url:
        lines.append(_line("URL", _escape_uri(person.url)))
    if person.tags:
        lines.append(_line("CATEGORIES", ",".join(_escape_text(t) for t in person.tags)))
    if person.notes:
        lines.append(_line("NOTE", _escape_text(person.notes)))
    return lines


def _format_bday(birthday: str, version: str) -> str:
    """``YYYY-MM-DD`` (3.0) or ``YYYYMMDD`` (4.0); without a year ``--MMDD`` in 4.0.

    vCard 3.0 has no form for a birthday without a year: Apple's stand-in
    year 1604 is written, which readers of this format take as none.
    """
    if birthday.startswith("--"):
        month, day = birthday[2:4], birthday[5:7]
        return f"1604-{month}-{day}" if version == "3.0" else f"--{month}{day}"
    if version == "3.0":
        return birthday
    return birthday.replace("-", "")


def _journal_lines(person: PersonRecord, related: list[tuple[str, str | None]]) -> list[str]:
    lines = [_line("EXPERTISE", _escape_text(skill)) for skill in person.skills]
    for other, note in related:
        params = [("TYPE", "contact"), ("VALUE", "text")]
        if note:
            params.append(("X-NETJOURNAL-NOTE", _caret_encode(note)))
        lines.append(_line("RELATED", _escape_text(other), params))
    lines += [_line("X-NETJOURNAL-VALUE", _escape_text(value)) for value in person.values]
    for name, text in (("X-NETJOURNAL-MET", person.met), ("X-NETJOURNAL-VIA", person.via)):
        if text:
            lines.append(_line(name, _escape_text(text)))
    if person.cadence_days is not None:
        lines.append(_line("X-NETJOURNAL-CADENCE", str(person.cadence_days)))
    if person.added:
        lines.append(_line("X-NETJOURNAL-ADDED", person.added.isoformat()))
    return lines


def _card_text(person: PersonRecord, version: str, related: list[tuple[str, str | None]]) -> str:
    lines = (
        _identity_lines(person, version)
        + _contact_lines(person, version)
        + _journal_lines(person, related)
    )
    return "BEGIN:VCARD\r\n" + "".join(lines) + "END:VCARD\r\n"


def write_vcards(doc: Document, version: str = "4.0") -> str:
    """Write the document's people as vCards (``version`` "4.0" or "3.0").

    Lines end in CRLF and are folded at 75 octets.  Ties are written as
    RELATED properties on the cards of the people they join (see the module
    documentation); a tie naming no person of the document is not written.
    Interactions, help and referrals have no vCard form and are left out.
    """
    if version not in VERSIONS:
        raise ValueError(f"vCard version must be one of {', '.join(VERSIONS)}, not {version!r}")
    related = _related_targets(doc)
    return "".join(
        _card_text(person, version, related.get(position, []))
        for position, person in enumerate(doc.people)
    )
