"""The journal file: opening, schema migrations, transactions and backups.

Reads go through a stdlib :mod:`sqlite3` connection so that the commands people
run most answer without importing SQLAlchemy; writes go through a SQLModel
session bound to the same file.  Both run one transaction per command.
"""

from netjournal.store.journal import Journal, open_journal

__all__ = ["Journal", "open_journal"]
