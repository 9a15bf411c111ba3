"""``net edit PERSON`` with no field options: the person as a form in ``$VISUAL``/``$EDITOR``.

The flow, as git commit and crontab -e have it:

1. Read the person and write the form to a private temporary file.
2. Run the editor on it (``$VISUAL``, else ``$EDITOR``; on a terminal, else
   ``vi``).  Without a terminal an editor is run only when one is set.
3. An editor that fails, an empty file or an unchanged one changes nothing.
4. A form that cannot be read, or a change the journal refuses, is said; on a
   terminal the editor is offered again with the text as it was left,
   elsewhere the command ends with the ``Error:`` and nothing changed.
5. Otherwise the changes are written in one transaction and said.
"""

import os
import sys
from pathlib import Path

import typer

from netjournal import render
from netjournal.cli_common import journal
from netjournal.errors import InvalidInput

ERROR_MARK = "# Error: "


def editor_command() -> list[str] | None:
    """The editor to run, as argv; None when there is none to run."""
    import shlex

    for name in ("VISUAL", "EDITOR"):
        value = os.environ.get(name, "").strip()
        if value:
            return shlex.split(value)
    return ["vi"] if sys.stdin is not None and sys.stdin.isatty() else None


def edit_in_editor(person: str) -> None:
    """Steps 1 to 5 of the module's flow."""
    import tempfile

    from netjournal.codecs.person_form import write_form
    from netjournal.services.editing import person_record

    editor = editor_command()
    if editor is None:
        raise InvalidInput(
            "'net edit PERSON' without options opens an editor, and there is no terminal",
            hint="set EDITOR (EDITOR=nano net edit …), or give fields: net edit anna --city Torino",
        )
    with journal() as store:
        before = person_record(store, person)
    original = write_form(before)
    with tempfile.TemporaryDirectory(prefix="net-edit-") as folder:
        path = Path(folder) / f"{before['key']}.toml"
        text = original
        while True:
            path.write_text(text, encoding="utf-8")
            path.chmod(0o600)
            _run(editor, path)
            edited = path.read_text(encoding="utf-8")
            error = _apply(before, original, edited)
            if error is None:
                return
            if not (sys.stdin is not None and sys.stdin.isatty()):
                raise error
            render.error(error.message, error.hint)
            if not typer.confirm("Edit again?", default=True):
                render.message("Nothing changed.")
                raise typer.Exit(1)
            text = _with_error(edited, error.message)


def _run(editor: list[str], path: Path) -> None:
    import subprocess

    try:
        done = subprocess.run([*editor, str(path)], check=False)
    except OSError as exc:
        raise InvalidInput(
            f"cannot run the editor '{' '.join(editor)}': {exc.strerror or exc}",
            hint="set VISUAL or EDITOR to an editor on this machine",
        ) from None
    if done.returncode != 0:
        raise InvalidInput(
            f"the editor exited with status {done.returncode}; nothing changed",
            hint="save and close the editor normally to apply the changes",
        )


def _apply(before: dict[str, object], original: str, edited: str) -> InvalidInput | None:
    """Apply the edited form; the error to show if it cannot be, else None."""
    from netjournal.codecs.person_form import is_blank, read_form
    from netjournal.services.editing import apply_edited

    cleaned = _without_error(edited)
    if is_blank(cleaned):
        render.message("Nothing changed: the form was empty.")
        return None
    if cleaned == original:
        render.message("Nothing changed.")
        return None
    try:
        after = read_form(cleaned)
        with journal() as store:
            key, name, said = apply_edited(store, before, after)
    except InvalidInput as exc:
        return exc
    if not said:
        render.message("Nothing changed.")
        return None
    render.message(f"Updated {name} ({key}): " + "; ".join(said) + ".")
    return None


def _with_error(text: str, message: str) -> str:
    return f"{ERROR_MARK}{message}\n" + _without_error(text)


def _without_error(text: str) -> str:
    lines = text.splitlines(keepends=True)
    while lines and lines[0].startswith(ERROR_MARK):
        lines.pop(0)
    return "".join(lines)
