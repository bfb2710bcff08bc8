"""What a test finds in one resource, before the kit places it: the check that
found it, where in the resource (a path of keys and indices), and Norwegian text
saying what is wrong and what to change.

Values copied from a resource into a message go through `shown`: shortened,
stripped of control characters, and with every eleven-digit run masked, so a
message never repeats a national identity number."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from generator.norway.personal_numbers import IN_TEXT, mask
from generator.sandbox.report import Level

Loc = tuple[str | int, ...]

_CONTROL = re.compile(r"[\x00-\x1f\x7f\u200b-\u200f\u202a-\u202e\u2066-\u2069]")
SHOWN_MAX = 60


@dataclass(frozen=True, slots=True)
class Finding:
    check: str
    loc: Loc  # inside the resource the test was given
    text: str
    hint: str
    level: Level | None = None  # None: the requirement's own severity


@dataclass(frozen=True, slots=True)
class Resource:
    """One resource to test: a file's top-level resource, or a Bundle entry's."""

    file: str
    prefix: Loc  # where the resource sits in its file: () or ("entry", i, "resource")
    data: dict[str, Any]

    @property
    def type(self) -> str:
        value = self.data.get("resourceType")
        return value if isinstance(value, str) else "Resource"


def shown(value: Any) -> str:
    """A value from a resource, safe to put in a message: «…»-quoted by the caller
    (and so unable to close the quote itself), at most 60 characters, no control
    characters, identity numbers masked. Markdown shows «…» as code spans."""
    text = value if isinstance(value, str) else repr(value)
    text = _CONTROL.sub("", text).replace("«", "‹").replace("»", "›")
    text = IN_TEXT.sub(lambda m: mask(m.group(0).replace(" ", "")), text)
    if len(text) > SHOWN_MAX:
        text = text[: SHOWN_MAX - 1] + "…"
    return text


def expression(root_type: str, loc: Loc) -> str:
    """The FHIRPath of `loc` in a resource of `root_type`: Observation.component[1].code."""
    parts = [root_type]
    for part in loc:
        if isinstance(part, int):
            parts[-1] += f"[{part}]"
        else:
            parts.append(part)
    return ".".join(parts)


def codings(concept: Any) -> list[tuple[int, dict[str, Any]]]:
    """The codings of a CodeableConcept with their indices, skipping what is no object."""
    if not isinstance(concept, dict) or not isinstance(concept.get("coding"), list):
        return []
    return [(i, c) for i, c in enumerate(concept["coding"]) if isinstance(c, dict)]


def codes_in(concept: Any, system: str) -> list[str]:
    return [
        c["code"]
        for _, c in codings(concept)
        if c.get("system") == system and isinstance(c.get("code"), str)
    ]
