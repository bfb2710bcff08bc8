"""Reminders of deadlines as GitHub issues, from `markedsplass deadlines --format
json`: one issue per upcoming or overdue deadline, found again by a stable key in
a hidden marker (and the label), updated when it changes, closed when the deadline
is no longer listed (met, decided, or its date passed), reopened if it comes back.
Running it twice changes nothing the second time; it never opens a duplicate."""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import quote, unquote

from generator.github import markdown_text as md
from generator.github.forge import BOT, Forge, Issue

LABEL = "frist"
LABEL_COLOR = "d93f0b"
LABEL_DESCRIPTION = "Påminnelse om en frist eller milepæl (åpnes og lukkes automatisk)"
_MARKER = "<!-- markedsplassen-frist: {key} -->"
_FOUND = re.compile(r"<!-- markedsplassen-frist: ([A-Za-z0-9/%._~-]+) -->")


@dataclass(frozen=True, slots=True)
class Reminder:
    key: str
    title: str
    body: str


@dataclass
class Result:
    opened: list[int] = field(default_factory=list)
    updated: list[int] = field(default_factory=list)
    reopened: list[int] = field(default_factory=list)
    closed: list[int] = field(default_factory=list)
    unchanged: list[int] = field(default_factory=list)

    def text(self) -> str:
        return (
            f"{len(self.opened)} åpnet, {len(self.updated)} oppdatert, "
            f"{len(self.reopened)} gjenåpnet, {len(self.closed)} lukket, "
            f"{len(self.unchanged)} uendret"
        )


def marker(key: str) -> str:
    return _MARKER.format(key=quote(key, safe="/-._~"))


def key_of(body: str) -> str | None:
    found = _FOUND.search(body)
    return unquote(found[1]) if found else None


def reminder(row: dict[str, Any]) -> Reminder:
    """The issue for one row of `markedsplass deadlines --format json`."""
    overdue = row["status"] == "overdue"
    legal = " (lovpålagt)" if row["legal"] else ""
    prefix = "Overskredet" if overdue else "Frist"
    title = f"{prefix} {row['date']}: {row['label']}{legal}: {row['title']}"[:250]
    lines = [
        marker(row["key"]),
        f"**{md.text(row['label'])}{legal}**: {md.text(row['title'])}",
        "",
        f"- Dato: {md.text(row['date'])}",
        f"- Status: {'overskredet' if overdue else 'nærmer seg'}",
        f"- Posten: {md.code(row['path'])}",
    ]
    if row.get("rule"):
        lines.append(f"- Regel: {md.text(row['rule'])}")
    lines += [
        "",
        "Saken er åpnet av den daglige fristsjekken (`markedsplass deadlines`). Den lukkes "
        "av seg selv når fristen ikke lenger står på listen: når beslutningen er registrert, "
        "tildelingen kunngjort eller milepælen nådd (skriv datoen i posten), eller når "
        "datoen er passert for frister som bare går ut.",
    ]
    return Reminder(row["key"], title, "\n".join(lines) + "\n")


def from_json(text: str) -> list[Reminder]:
    rows = json.loads(text)
    if not isinstance(rows, list):
        raise ValueError("fristlisten er ikke en JSON-liste")
    found: dict[str, Reminder] = {}
    for row in rows:
        item = reminder(row)
        found.setdefault(item.key, item)
    return list(found.values())


CLOSING = (
    "Fristen står ikke lenger på listen over frister som nærmer seg eller er passert: "
    "den er nådd eller avgjort, eller datoen er passert. Saken lukkes automatisk."
)


def sync(forge: Forge, reminders: list[Reminder], bot: str = BOT) -> Result:
    """Make the issues labelled `frist` that the bot opened match `reminders`."""
    forge.ensure_label(LABEL, LABEL_COLOR, LABEL_DESCRIPTION)
    existing: dict[str, Issue] = {}
    for issue in forge.issues(LABEL):  # oldest first: the first one with a key wins
        key = key_of(issue.body)
        if issue.author == bot and key is not None:
            existing.setdefault(key, issue)
    result = Result()
    wanted = {r.key for r in reminders}
    for item in reminders:
        found = existing.get(item.key)
        if found is None:
            result.opened.append(forge.create_issue(item.title, item.body, (LABEL,)).number)
        elif found.state == "closed":
            forge.edit_issue(found.number, title=item.title, body=item.body, state="open")
            result.reopened.append(found.number)
        elif (found.title, found.body) != (item.title, item.body):
            forge.edit_issue(found.number, title=item.title, body=item.body)
            result.updated.append(found.number)
        else:
            result.unchanged.append(found.number)
    for key, old in sorted(existing.items()):
        if key not in wanted and old.state == "open":
            forge.comment(old.number, CLOSING)
            forge.edit_issue(old.number, state="closed")
            result.closed.append(old.number)
    return result
