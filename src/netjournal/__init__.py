"""netjournal: a private, local journal of your personal network."""

__version__ = "0.1.0"
