"""The bytes of an import file as text: byte order marks, UTF-8, then detection.

Most files are UTF-8.  Others are told by their byte order mark, by the zero
bytes of UTF-16 without one, or by charset-normalizer, which weighs the
whole file (never the parity of its length).  When it finds a Western
single-byte code page, Windows-1252 is taken: it is what Excel and Outlook
write, and its curly quotes and dashes are letters there, not control
characters as in Latin-1.  A UTF-8 file with a stray byte or two stays UTF-8
(the stray bytes become U+FFFD) rather than turning every accent into
mojibake.

A vCard property may name its own ``CHARSET`` (vCard 2.1: Shift_JIS,
ISO-8859-x): such a line, with its folded continuation, is decoded in it.
"""

from __future__ import annotations

import codecs
import re

_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
#: The encodings contact exports are written in, for charset-normalizer to choose among.
CANDIDATES = (
    "cp1252",
    "cp1250",
    "cp1251",
    "cp1253",
    "cp1254",
    "cp1257",
    "iso8859_2",
    "iso8859_5",
    "iso8859_7",
    "iso8859_15",
    "koi8_r",
    "mac_roman",
    "cp932",
    "euc_jp",
    "iso2022_jp",
    "gb18030",
    "big5",
    "euc_kr",
)
#: Code pages of Latin script: among these, Windows-1252 is the one programs write.
_LATIN = frozenset(
    {"cp1252", "cp1250", "cp1254", "cp1257", "iso8859_2", "iso8859_15", "latin_1", "mac_roman"}
)
_CHARSET = re.compile(rb";\s*CHARSET=\"?([A-Za-z0-9_.:-]+)", re.IGNORECASE)


def decode(raw: bytes) -> str:
    """The text of a whole file, whatever it was written in."""
    for bom, encoding in _BOMS:
        if raw.startswith(bom):
            return raw.decode(encoding, errors="replace")
    utf16 = _utf16_without_bom(raw) if b"\x00" in raw else None
    if utf16 is not None:
        return utf16
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError:
        pass
    if _mostly_utf8(raw):
        return raw.decode("utf-8", errors="replace")
    return raw.decode(guess(raw), errors="replace")


def guess(raw: bytes) -> str:
    """The encoding of bytes that are not UTF-8 (charset-normalizer, Latin → Windows-1252)."""
    from charset_normalizer import from_bytes

    best = from_bytes(raw, cp_isolation=list(CANDIDATES)).best()
    if best is None or best.encoding in _LATIN:
        return "cp1252"
    return str(best.encoding)


def _utf16_without_bom(raw: bytes) -> str | None:
    """UTF-16 text without a byte order mark: zero bytes at every other place."""
    if len(raw) < 4 or len(raw) % 2:
        return None
    even, odd = raw[0::2].count(0), raw[1::2].count(0)
    half = len(raw) // 2
    if max(even, odd) < half * 0.3 or min(even, odd) > half * 0.05:
        return None
    try:
        return raw.decode("utf-16-be" if even > odd else "utf-16-le")
    except UnicodeDecodeError:
        return None


def _mostly_utf8(raw: bytes) -> bool:
    """UTF-8 but for a few stray bytes: many good multi-byte letters, few bad bytes."""
    text = raw.decode("utf-8", errors="replace")
    bad = text.count("\ufffd")
    good = sum(1 for char in text if ord(char) > 127) - bad
    return good >= 2 and good >= 2 * bad


def decode_vcards(raw: bytes) -> str:
    """The text of a vCard file: each property in its ``CHARSET``, the rest as the file is.

    Quoted-printable values are ASCII here and are decoded by the vCard
    reader, which knows their CHARSET too.
    """
    if not _CHARSET.search(raw):
        return decode(raw)
    lines = re.split(rb"(\r\n|\r|\n)", raw)
    plain = b"".join(
        line
        for line in lines[0::2]
        if not _CHARSET.search(line.split(b":", 1)[0]) and not line[:1].isspace()
    )
    default = _default_encoding(plain)
    out: list[str] = []
    current = default
    for position, part in enumerate(lines):
        if position % 2:
            out.append(part.decode("ascii"))
            continue
        if not part[:1].isspace():
            head = part.split(b":", 1)[0]
            found = _CHARSET.search(head)
            current = default
            if found and b"QUOTED-PRINTABLE" not in head.upper():
                current = found.group(1).decode("ascii")
        out.append(_decode_part(part, current, default))
    return "".join(out)


def _default_encoding(raw: bytes) -> str:
    try:
        raw.decode("utf-8")
        return "utf-8"
    except UnicodeDecodeError:
        return "utf-8" if _mostly_utf8(raw) else guess(raw)


def _decode_part(part: bytes, encoding: str, default: str) -> str:
    for name in (encoding, default):
        try:
            return part.decode(name)
        except (UnicodeDecodeError, LookupError):
            continue
    return part.decode(default, errors="replace")
