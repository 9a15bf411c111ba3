"""Reading a JSON interchange document record by record, without holding its text.

A 30,000-person export is about 50 MB of text; read whole, it is held three
times over (the text, the parsed dicts, the validated models).  Here the file
is read in chunks and each top-level list is walked one element at a time
with the standard library's C scanner (``json.JSONDecoder.raw_decode``), so
that only the record being read is ever a dict.  The caller validates and
keeps each record in the form it needs.

:func:`walk` yields ``(section, index, value)``: for a list section one
triple per element (``index`` 0, 1, …), for an empty list or any other
top-level value one triple with ``index`` None.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Iterator
from typing import IO, Any, cast

from netjournal.errors import InvalidFile

CHUNK = 1 << 20
_WHITESPACE = " \t\n\r"
_DECODER = json.JSONDecoder()
# What ``raw_decode`` calls, without its wrapper: (value, end), or StopIteration.
_SCAN: Callable[[str, int], tuple[Any, int]] = _DECODER.scan_once  # type: ignore[attr-defined]
# White space from a position: it always matches (maybe nothing).
_SKIP = cast("Callable[[str, int], re.Match[str]]", re.compile(r"[ \t\n\r]*").match)
# A ``\u`` escape of half a surrogate pair: JSON can spell a string no validator reads.
_SURROGATE = re.compile(r"\\u[dD][89a-fA-F]")
_ESCAPE = re.compile(r"\\u00(?:[01][0-9a-fA-F]|7[fF]|[89][0-9a-fA-F])")


def _could_hold_control(text: str) -> bool:
    """Could this text of a JSON document decode to a string with a control character?

    What :func:`netjournal.checks.json_has_control_chars` answers for a
    document that is valid JSON, several times faster: a raw C0 control
    character (those it looks for: not tab or a line break) is valid JSON
    nowhere in a document, and the decoder refuses it, so only DEL, the C1
    characters (UTF-8 ``C2 80``–``C2 9F``) and ``\\u`` escapes need looking for.
    """
    if "\x7f" in text or _ESCAPE.search(text) is not None:
        return True
    if text.isascii():
        return False
    raw = text.encode("utf-8", "surrogatepass")
    at = raw.find(b"\xc2")
    while at >= 0:
        if 0x80 <= raw[at + 1] <= 0x9F:
            return True
        at = raw.find(b"\xc2", at + 1)
    return False


class Reader:
    """A window on a text file: decode JSON values from it, reading more as needed.

    ``control`` tells whether the text read so far could hold a control
    character (raw or as a ``\\u`` escape): while it is False, every value
    decoded so far is free of them, and validation can skip its own scan.
    ``plain`` says more: no control character and no ``\\u`` escape of a
    surrogate either, so that every string decoded so far is one any
    validator reads as it is.
    """

    def __init__(self, handle: IO[str]) -> None:
        self.handle = handle
        self.buffer = ""
        self.at = 0
        self.eof = False
        self.lines = 1  # the line of ``buffer[0]`` in the file
        self.control = False
        self.plain = True
        self._tail = ""  # the end of the last chunk: an escape may straddle two

    def _more(self) -> bool:
        if self.eof:
            return False
        chunk = self.handle.read(CHUNK)
        if not chunk:
            self.eof = True
            return False
        if self.plain:
            text = self._tail + chunk
            self.control = _could_hold_control(text)
            self.plain = not self.control and _SURROGATE.search(text) is None
            self._tail = chunk[-5:]
        elif not self.control:
            self.control = _could_hold_control(self._tail + chunk)
            self._tail = chunk[-5:]
        self.lines += self.buffer.count("\n", 0, self.at)
        self.buffer = self.buffer[self.at :] + chunk
        self.at = 0
        return True

    def peek(self) -> str:
        """The next character that is not white space ('' at the end of the file)."""
        while True:
            buffer, at = self.buffer, self.at
            while at < len(buffer) and buffer[at] in _WHITESPACE:
                at += 1
            self.at = at
            if at < len(buffer):
                return buffer[at]
            if not self._more():
                return ""

    def expect(self, char: str) -> None:
        if self.peek() != char:
            found = self.peek() or "the end of the file"
            self.fail(f"expected {char!r}, found {found!r}")
        self.at += 1

    def value(self) -> Any:
        """Decode the next JSON value; a value cut by the window's end reads more first."""
        self.peek()
        while True:
            try:
                value, end = _DECODER.raw_decode(self.buffer, self.at)
            except json.JSONDecodeError as exc:
                # The window may end inside the value: widen it, then try again.
                if self._more():
                    continue
                self.fail(exc.msg, exc.pos)
            near_end = len(self.buffer) - end < 64
            if isinstance(value, int | float) and near_end and self._more():
                continue  # a number may go on in the next chunk ("3" then ".25")
            self.at = end
            return value

    def fail(self, message: str, pos: int | None = None) -> None:
        pos = self.at if pos is None else pos
        line = self.lines + self.buffer.count("\n", 0, pos)
        column = pos - (self.buffer.rfind("\n", 0, pos) + 1) + 1
        raise InvalidFile(f"not valid JSON (line {line}, column {column}: {message})")


def walk(source: IO[str] | Reader) -> Iterator[tuple[str, int | None, Any]]:
    """Every top-level value of the document, list sections one element at a time."""
    reader = source if isinstance(source, Reader) else Reader(source)
    if reader.peek() == "\ufeff":
        reader.at += 1
    if reader.peek() != "{":
        if reader.peek() in ("", "["):
            raise InvalidFile('the file must hold a JSON object with "format": "netjournal"')
        reader.value()  # a JSON value that is not an object, or no JSON: say which
        raise InvalidFile('the file must hold a JSON object with "format": "netjournal"')
    reader.expect("{")
    if reader.peek() == "}":
        reader.at += 1
    else:
        while True:
            if reader.peek() != '"':
                reader.fail("expected a property name in double quotes")
            section = reader.value()
            reader.expect(":")
            if reader.peek() == "[":
                reader.at += 1
                if reader.peek() == "]":
                    reader.at += 1
                    yield section, None, []
                else:
                    yield from _elements(reader, section)
            else:
                yield section, None, reader.value()
            if reader.peek() == ",":
                reader.at += 1
                continue
            reader.expect("}")
            break
    if reader.peek() != "":
        reader.fail("extra data after the document")


def _elements(reader: Reader, section: str) -> Iterator[tuple[str, int | None, Any]]:
    """The elements of the list the reader is in, up to its closing bracket.

    The same values as :meth:`Reader.value` and :meth:`Reader.peek` in turn,
    with the scanner called straight: hundreds of thousands of records pay
    for two method calls and a wrapper each otherwise.  Near the end of the
    window, and on any error, the reader's own methods take over (they read
    more, and say where the error is).
    """
    index = 0
    while True:
        buffer, at = reader.buffer, reader.at
        value: Any = None
        end = -1
        if len(buffer) - at > 64:
            at = _SKIP(buffer, at).end()
            try:
                value, end = _SCAN(buffer, at)
            except (StopIteration, json.JSONDecodeError):
                end = -1
        if end < 0 or len(buffer) - end < 64:
            value = reader.value()
            after = reader.peek()
        else:
            end = reader.at = _SKIP(buffer, end).end()
            after = buffer[end : end + 1] or reader.peek()
        yield section, index, value
        index += 1
        if after == ",":
            reader.at += 1
            continue
        reader.expect("]")
        return
