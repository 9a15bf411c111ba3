"""The journal file: opening, schema migrations, transactions and backups.

The store's rule, which every new write follows:

1. A command opens the journal once (:func:`open_journal`) and closes it after.
2. Every write is **one** ``with journal.write() as conn:`` block.  It is a
   stdlib :mod:`sqlite3` transaction begun with ``BEGIN IMMEDIATE`` (the write
   lock is taken before anything is read, so what the block reads stays true),
   committed when the block ends and rolled back when it raises.  Write plain
   SQL with ``?`` parameters; nothing is to be flushed, nothing is cached.
3. Every read is one ``with journal.read() as conn:`` block: one consistent
   snapshot for the whole command.
4. A SQLite failure leaves the block as exactly one plain-words error
   (:func:`netjournal.store.journal.describe_sqlite_error`): a constraint
   failure is the user's input refused, a file that cannot be used is a
   :class:`~netjournal.errors.JournalError`, and a mistake in a query is raised
   as it is, for the CLI to report as a bug.
5. A write that changes what a person is known for (profile, labels, help they
   gave, referrals to them) calls
   :func:`netjournal.services.evidence.refresh_people` inside the same block, so
   the matching index never lags behind the journal.

SQLModel (:mod:`netjournal.models`) declares the schema; migrations
(:mod:`netjournal.store.migrations`) are the explicit SQL that creates it, and
a test compares the two.  No command imports SQLAlchemy: plain SQL keeps a
``net log`` close to the cost of the interpreter.
"""

from netjournal.store.journal import Journal, open_journal

__all__ = ["Journal", "open_journal"]
