"""Shell completion that never offers file names where a tag, a person or an id is asked.

Typer's bash script (``complete -o default``) and its zsh one (``_files`` when
nothing matched) fall back to file names whenever a completer finds nothing:
``net list --tag zz<Tab>`` listed the current folder.  Here:

- bash gets a script of its own (``net --show-completion bash``,
  ``--install-completion``) that asks for file names only when ``net`` says
  the parameter is a file, by printing :data:`FILES`;
- zsh says there is no match instead of offering files.

:func:`register` installs both; :class:`netjournal.cli_help.HelpGroup` calls it
on every run, after Typer registered its own.
"""

from __future__ import annotations

from typing import Any

import click
import click.shell_completion
import typer._completion_classes as typer_classes
import typer._completion_shared as typer_shared

#: What ``net`` prints for bash when the parameter being completed is a file.
FILES = "::files::"

BASH_SCRIPT = """
%(complete_func)s() {
    local IFS=$'\\n'
    COMPREPLY=( $( env COMP_WORDS="${COMP_WORDS[*]}" \\
                   COMP_CWORD=$COMP_CWORD \\
                   %(autocomplete_var)s=complete_bash $1 ) )
    if [[ ${#COMPREPLY[@]} -eq 1 && ${COMPREPLY[0]} == "::files::" ]]; then
        COMPREPLY=()
        compopt -o default 2>/dev/null
    fi
    return 0
}

complete -F %(complete_func)s %(prog_name)s
"""


def _completions(
    shell: click.shell_completion.ShellComplete, args: list[str], word: str
) -> list[click.shell_completion.CompletionItem] | None:
    """What to offer for ``word``; None when the parameter being completed is a file or folder.

    The command line is resolved once, for both questions (Click's
    ``get_completions`` would resolve it again).
    """
    from click.shell_completion import _resolve_context, _resolve_incomplete

    try:
        ctx = _resolve_context(shell.cli, shell.ctx_args, shell.prog_name, args)
        obj, incomplete = _resolve_incomplete(ctx, args, word)
    except click.ClickException:
        return shell.get_completions(args, word)  # Click's own answer to a bad line
    if isinstance(obj, click.Parameter) and isinstance(obj.type, (click.Path, click.File)):
        return None
    return obj.shell_complete(ctx, incomplete)


class BashComplete(typer_classes.BashComplete):
    source_template = BASH_SCRIPT

    def complete(self) -> str:
        found = _completions(self, *self.get_completion_args())
        if found is None:
            return FILES
        return "\n".join(self.format_completion(i) for i in found)


class ZshComplete(typer_classes.ZshComplete):
    def complete(self) -> str:
        found = _completions(self, *self.get_completion_args())
        if found is None:
            return "_files"
        if not found:
            return "_message 'no match'"
        lines = [self.format_completion(i) for i in found]
        return "_arguments '*: :((" + "\n".join(lines) + "))'"


def register() -> None:
    """Use these classes and the bash script for this run (Typer registered its own)."""
    scripts: dict[str, Any] = typer_shared._completion_scripts
    scripts["bash"] = BASH_SCRIPT
    click.shell_completion.add_completion_class(BashComplete, "bash")
    click.shell_completion.add_completion_class(ZshComplete, "zsh")
