"""Entry point of ``net`` and ``python -m netjournal``."""

from __future__ import annotations


def main() -> None:
    import gc

    # Importing the CLI (Typer, Click, the command modules) makes no garbage
    # worth collecting, yet the cyclic collector would walk the growing heap
    # many times meanwhile: about 5 ms of CPU at every start.  What the imports
    # made is then frozen, so later collections in the command skip it.
    gc.disable()
    try:
        from netjournal.cli import run
    finally:
        gc.freeze()
        gc.enable()
    run()


if __name__ == "__main__":
    main()
