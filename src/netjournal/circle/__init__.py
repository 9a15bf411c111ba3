"""Circles: a journal shared by a group, on PostgreSQL.

A circle is a schema in a PostgreSQL database that a group of members shares.
Each member keeps their own journal and publishes a chosen part of it; the
server's roles and row-level security decide who may read and change what.

- :mod:`~netjournal.circle.connect`: connection settings through libpq only
  (a URI or ``service=…``, ``PGPASSFILE``, a prompt), names of schemas and roles.
- :mod:`~netjournal.circle.schema`: the circle's versioned migrations, its
  tables, group role and policies; adding and removing members (organiser).
- :mod:`~netjournal.circle.local`: what the journal remembers of circles.
- :mod:`~netjournal.circle.publish`: what is shared, and ``sync``.
- :mod:`~netjournal.circle.asking`: ``net ask --circle``.

Nothing here is imported by the local commands: psycopg loads only when a
circle command runs.
"""
