"""The privacy guard: no real person's identity number in what a supplier submits.

Every text and number anywhere in a resource is searched for eleven digits (also
written 6 + 5 with a space) that make a valid fødselsnummer, D-nummer or
H-nummer. Synthetic numbers (month + 80, Skatteetaten's Tenor; month + 65, Norsk
helsenett's synthetic population) pass. A number in the range real people use is
an error: it may be a real person's, and the catalogue is public. The number
itself is never repeated: messages show it masked."""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

from generator.norway import personal_numbers
from generator.norway.personal_numbers import PersonalNumber
from generator.sandbox.findings import Finding, Loc

CHECK = "privacy"
CANDIDATE = personal_numbers.IN_TEXT
# Runs of digits and spaces long enough to hold a candidate: found four times
# faster than the candidates themselves, which are then looked for in the runs only.
_RUN = re.compile(r"[0-9][0-9 ]{10,}")


def check(resource: dict[str, Any], text: str | None = None) -> list[Finding]:
    """Findings for `resource`; `text`, the JSON it was read from, lets a file whose
    numbers are all synthetic pass without walking the resource (a JSON text with
    \\u escapes is always walked: an escaped digit hides from the search)."""
    if text is not None and "\\u" not in text and not _suspect(text):
        return []
    findings = []
    for loc, number in _numbers(resource, ()):
        if number.synthetic:
            continue
        masked = personal_numbers.mask(number.value)
        if number.series is personal_numbers.Series.H_NUMBER:
            text = (
                f"«{masked}» er et gyldig H-nummer (måned + 40). H-numre brukes for "
                "virkelige pasienter og er ikke syntetiske."
            )
        else:
            text = (
                f"«{masked}» er et gyldig {number.kind} i området virkelige personer bruker, "
                "og kan tilhøre en virkelig person."
            )
        findings.append(
            Finding(
                CHECK,
                loc,
                text,
                "Fjern nummeret og bruk et syntetisk nummer (måned + 80, som "
                "`markedsplass testdata` lager, eller måned + 65). Er filen alt lagt inn i "
                "Git, må nummeret også fjernes fra historikken.",
            )
        )
    return findings


def _suspect(text: str) -> bool:
    """Whether the text holds a number that is no synthetic identity number."""
    for candidate in {c for run in _RUN.findall(text) for c in CANDIDATE.findall(run)}:
        number = personal_numbers.parse(candidate.replace(" ", ""))
        if number is not None and not number.synthetic:
            return True
    return False


def _numbers(value: Any, loc: Loc) -> Iterator[tuple[Loc, PersonalNumber]]:
    if isinstance(value, dict):
        for key, item in value.items():
            yield from _numbers(item, (*loc, key))
    elif isinstance(value, list):
        for index, item in enumerate(value):
            yield from _numbers(item, (*loc, index))
    elif isinstance(value, str):
        if _RUN.search(value):
            for match in CANDIDATE.finditer(value):
                number = personal_numbers.parse(match.group(0).replace(" ", ""))
                if number is not None:
                    yield loc, number
    elif isinstance(value, int) and not isinstance(value, bool) and 10**9 <= value < 10**11:
        number = personal_numbers.parse(f"{value:011d}")
        if number is not None:
            yield loc, number
