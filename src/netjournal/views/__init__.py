"""Human views: plain models from the services, turned into rows and lines for :mod:`render`.

One module per area of the CLI.  A view never prints and never reads the
journal; user text stays plain, and styling goes through
:func:`netjournal.render.styled`, which escapes it.
"""
