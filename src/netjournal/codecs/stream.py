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
from collections.abc import Iterator
from typing import IO, Any

from netjournal.checks import json_has_control_chars
from netjournal.errors import InvalidFile

CHUNK = 1 << 20
_WHITESPACE = " \t\n\r"
_DECODER = json.JSONDecoder()


class Reader:
    """A window on a text file: decode JSON values from it, reading more as needed.

    ``control`` tells whether the text read so far could hold a control
    character (raw or as a ``\\u`` escape): while it is False, every value
    decoded so far is free of them, and validation can skip its own scan.
    """

    def __init__(self, handle: IO[str]) -> None:
        self.handle = handle
        self.buffer = ""
        self.at = 0
        self.eof = False
        self.lines = 1  # the line of ``buffer[0]`` in the file
        self.control = False
        self._tail = ""  # the end of the last chunk: an escape may straddle two

    def _more(self) -> bool:
        if self.eof:
            return False
        chunk = self.handle.read(CHUNK)
        if not chunk:
            self.eof = True
            return False
        if not self.control:
            self.control = json_has_control_chars(self._tail + chunk)
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
                index = 0
                if reader.peek() == "]":
                    reader.at += 1
                    yield section, None, []
                else:
                    while True:
                        yield section, index, reader.value()
                        index += 1
                        if reader.peek() == ",":
                            reader.at += 1
                            continue
                        reader.expect("]")
                        break
            else:
                yield section, None, reader.value()
            if reader.peek() == ",":
                reader.at += 1
                continue
            reader.expect("}")
            break
    if reader.peek() != "":
        reader.fail("extra data after the document")
