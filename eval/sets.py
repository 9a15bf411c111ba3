"""What the hand-written sets' ``build.py`` scripts share: people, needs, the two files.

A script makes ``EvalSet(name, added=…)``, calls its ``person`` and ``q`` for
each person and need, and ``write`` with the events, which writes
``network.json`` (interchange format, version 1) and ``queries.json`` (the
scorer's format) beside it.
"""

from __future__ import annotations

import json
from pathlib import Path


class EvalSet:
    def __init__(self, name: str, *, added: str) -> None:
        self.name = name
        self.added = added
        self.people: list[dict[str, object]] = []
        self.queries: list[dict[str, object]] = []

    def person(
        self,
        key: str,
        name: str,
        *,
        skills: tuple[str, ...] = (),
        tags: tuple[str, ...] = (),
        org: str | None = None,
        title: str | None = None,
        city: str | None = None,
        notes: str | None = None,
        via: str | None = None,
        met: str | None = None,
    ) -> None:
        self.people.append(
            {
                "key": key,
                "name": name,
                "aliases": [],
                "skills": list(skills),
                "tags": list(tags),
                "values": [],
                "org": org,
                "title": title,
                "city": city,
                "email": None,
                "phone": None,
                "met": met,
                "notes": notes,
                "cadence_days": None,
                "via": via,
                "added": self.added,
            }
        )

    def q(
        self, cat: str, need: str, rel: list[str], for_: str | None = None, via: str | None = None
    ) -> None:
        self.queries.append(
            {
                "id": f"{self.name}-{cat}-{len(self.queries) + 1:02d}",
                "need": need,
                "for": for_,
                "relevant": rel,
                "category": cat,
                "expect_via": via,
            }
        )

    def write(
        self,
        here: Path,
        *,
        interactions: list[dict[str, object]],
        help: list[dict[str, object]],
        ties: list[dict[str, object]],
    ) -> None:
        doc = {
            "format": "netjournal",
            "version": 1,
            "people": self.people,
            "interactions": interactions,
            "help": help,
            "ties": ties,
            "referrals": [],
        }
        for file, data in (("network.json", doc), ("queries.json", self.queries)):
            (here / file).write_text(json.dumps(data, indent=1, ensure_ascii=False) + "\n", "utf-8")
        print(len(self.people), "people,", len(self.queries), "needs")
