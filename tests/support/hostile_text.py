"""Hostile contributor text: an XSS and template-injection corpus written into
every single-line and free-text field of a catalogue copy, for the tests that
check the built site shows it as text and never runs it."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml

CORPUS = (
    "<script>alert(1)</script>",
    "<img src=x onerror=alert(1)>",
    "[x](javascript:alert(1))",
    '{: onclick="alert(1)" }',
    "{{ 7*7 }}",
    "<iframe src=https://x>",
)
LINE = " ".join(CORPUS)
FREE = "\n\n".join(CORPUS) + "\n\nOg i en setning: " + LINE + "\n"
LINE_KEYS = {"title", "name", "summary", "person"}
FREE_KEYS = {"description", "message", "justification", "recommendation", "challenge", "measures"}


def poison(value: Any) -> Any:
    """A YAML value with the corpus in place of every single-line and free-text field."""
    if isinstance(value, dict):
        return {
            key: LINE
            if key in LINE_KEYS and isinstance(item, str)
            else FREE
            if key in FREE_KEYS and isinstance(item, str)
            else [LINE for _ in item]
            if key == "success_factors"
            else poison(item)
            for key, item in value.items()
        }
    if isinstance(value, list):
        return [poison(item) for item in value]
    return value


class NoAliases(yaml.SafeDumper):
    """Dumps repeated values in full: the poisoned strings are shared objects."""

    def ignore_aliases(self, data: Any) -> bool:
        return True


def poison_catalogue(root: Path) -> None:
    """Put the corpus into every record and event file under `root` (a copy), except
    the municipalities, whose only text is the name SSB gives the number."""
    for path in root.rglob("*.yaml"):
        if path.parent.name == "municipalities":
            continue
        document = yaml.safe_load(path.read_text("utf-8"))
        text = yaml.dump(poison(document), Dumper=NoAliases, allow_unicode=True, sort_keys=False)
        path.write_text(text, encoding="utf-8")
