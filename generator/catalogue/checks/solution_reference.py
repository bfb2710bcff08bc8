"""A solution names a registered supplier, and the needs it answers exist."""

from __future__ import annotations

from collections.abc import Iterator

from generator.catalogue.checks.resolve import unresolved
from generator.catalogue.gather import Catalogue
from generator.diagnostics import Diagnostic
from generator.models.kinds import NEED, SOLUTION, SUPPLIER

CODE = "solution-reference"


def check(catalogue: Catalogue) -> Iterator[Diagnostic]:
    for entry in catalogue.records(SOLUTION):
        solution = entry.record
        found = unresolved(catalogue, entry, ("supplier",), SUPPLIER, solution.supplier, CODE)
        if found:
            yield found
        for index, need in enumerate(solution.addresses_needs):
            found = unresolved(catalogue, entry, ("addresses_needs", index), NEED, need, CODE)
            if found:
                yield found
