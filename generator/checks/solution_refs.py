"""A solution names a registered supplier, and the needs it answers exist."""

from __future__ import annotations

from collections.abc import Iterator

from generator.catalogue import Catalogue
from generator.checks.resolve import unresolved
from generator.diagnostics import Diagnostic
from generator.kinds import NEED, SOLUTION, SUPPLIER
from generator.models import Solution

CODE = "solution-reference"


def check(catalogue: Catalogue) -> Iterator[Diagnostic]:
    for entry in catalogue.records(SOLUTION):
        solution = entry.record
        assert isinstance(solution, Solution)
        found = unresolved(catalogue, entry, ("supplier",), SUPPLIER, solution.supplier, CODE)
        if found:
            yield found
        for index, need in enumerate(solution.addresses_needs):
            found = unresolved(catalogue, entry, ("addresses_needs", index), NEED, need, CODE)
            if found:
                yield found
