"""An experience's author is a municipality or a registered supplier, and the
solution, need and call-off it is about exist."""

from __future__ import annotations

from collections.abc import Iterator

from generator.catalogue.checks.resolve import unresolved, unresolved_actor
from generator.catalogue.gather import Catalogue
from generator.diagnostics import Diagnostic
from generator.models.kinds import CALLOFF, EXPERIENCE, NEED, SOLUTION

CODE = "experience-reference"


def check(catalogue: Catalogue) -> Iterator[Diagnostic]:
    for entry in catalogue.records(EXPERIENCE):
        experience = entry.record
        found = [unresolved_actor(catalogue, entry, ("author",), experience.author, CODE)]
        for field, kind in (("solution", SOLUTION), ("need", NEED), ("calloff", CALLOFF)):
            value = getattr(experience, field)
            if value is not None:
                found.append(unresolved(catalogue, entry, (field,), kind, value, CODE))
        yield from (d for d in found if d)
