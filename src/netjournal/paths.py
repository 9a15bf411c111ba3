"""Where the journal lives: ``--db`` > ``NETJOURNAL_DB`` > the user data folder."""

from __future__ import annotations

import os
from pathlib import Path

ENV_DB = "NETJOURNAL_DB"
FILE_NAME = "netjournal.db"


def journal_path(option: str | Path | None = None) -> Path:
    """The journal file to use, in order of precedence."""
    if option:
        return Path(option).expanduser()
    env = os.environ.get(ENV_DB)
    if env:
        return Path(env).expanduser()
    from platformdirs import user_data_dir

    return Path(user_data_dir("netjournal")) / FILE_NAME
