"""Entry point of ``net`` and ``python -m netjournal``."""

from __future__ import annotations


def main() -> None:
    from netjournal.cli import run

    run()


if __name__ == "__main__":
    main()
