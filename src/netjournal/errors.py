"""The project's exception types.

Services raise these; only the CLI turns them into ``Error: …`` lines and exit
codes. Each carries a message and, where useful, a hint naming the next thing
to try.
"""

from __future__ import annotations


class NetjournalError(Exception):
    """Base of every error a user can cause; exit code 1."""

    exit_code = 1

    def __init__(self, message: str, hint: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.hint = hint


class NotFound(NetjournalError):
    """A person (or another record) the user named does not exist."""


class Ambiguous(NetjournalError):
    """A reference matches several people."""


class InvalidInput(NetjournalError):
    """A value on the command line cannot be honoured."""


class InvalidFile(NetjournalError):
    """A file to import is malformed; ``problems`` lists every place found."""

    def __init__(
        self, message: str, problems: list[str] | None = None, hint: str | None = None
    ) -> None:
        super().__init__(message, hint)
        self.problems = problems or []


class JournalError(NetjournalError):
    """The journal file cannot be used: not a journal, corrupt, read-only, too new."""


class OutputError(NetjournalError):
    """stdout or stderr cannot be written: closed, full, or the reader went away."""

    def __init__(
        self,
        message: str,
        hint: str | None = None,
        *,
        broken_pipe: bool = False,
        reason: str | None = None,
    ) -> None:
        super().__init__(message, hint)
        self.broken_pipe = broken_pipe
        self.reason = reason or message
